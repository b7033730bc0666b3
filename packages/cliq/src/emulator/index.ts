/**
 * The Zoho Cliq slice of the emulator, mounted at `/_cliq` on the emulator's origin (Zoho's own paths below it).
 * Routes, error answers and the choices made where Cliq's behaviour is unconfirmed are in ./routes.ts; the
 * seed (core's AGENCY world) is in ./state.ts.
 *
 * ```ts
 * const emu = await startEmulator({ apps: [cliqEmulator] });
 * const quiet = await startEmulator({ apps: [createCliqEmulator({ rateLimit: false })] });
 * ```
 */
import type { EmulatorApp } from '@zoho-agent-kit/core/emulator';
import { CLIQ_ENDPOINT_LIMITS, cliqErrors, cliqRoutes, type CliqEndpointClass, type CliqEndpointLimit } from './routes.js';
import { createCliqState, type CliqState } from './state.js';

export type { CliqState, EmuBot, EmuChannel, EmuChannelLevel, EmuChat, EmuChatKind, EmuMember, EmuMessage, EmuUser } from './state.js';
export { addMessage, BOT_UNIQUE_NAME, findChat, ORGANIZATION_ID, staffId } from './state.js';
export { CLIQ_ENDPOINT_LIMITS, cliqError, cliqErrors, cliqTime, MAX_TEXT, sameMessageId, type CliqEndpointClass, type CliqEndpointLimit } from './routes.js';

/** Every scope the emulator's demo credentials get for Zoho Cliq. */
export const CLIQ_EMULATOR_SCOPES: string[] = [
  'ZohoCliq.Channels.ALL',
  'ZohoCliq.Messages.ALL',
  'ZohoCliq.Webhooks.CREATE',
  'ZohoCliq.Chats.READ',
  'ZohoCliq.Users.READ',
  'ZohoCliq.Bots.READ',
];

export interface CliqEmulatorOptions {
  /**
   * Cliq's limits are per endpoint and user, with a lock period after a threshold is crossed
   * (`CLIQ_ENDPOINT_LIMITS`: 50 posts, 15 message reads, 30 channel reads a minute, …). Override some, or false for
   * none. `--no-limits` (`limits: false`) turns them off too.
   */
  rateLimit?: Partial<Record<CliqEndpointClass, CliqEndpointLimit>> | false;
}

/** A Zoho Cliq emulator slice with its own options; `cliqEmulator` is this with the defaults. */
export function createCliqEmulator(options: CliqEmulatorOptions = {}): EmulatorApp<CliqState> {
  const limits = options.rateLimit === false ? false : { ...CLIQ_ENDPOINT_LIMITS, ...options.rateLimit };
  return {
    app: 'cliq',
    basePath: '/_cliq',
    scopes: CLIQ_EMULATOR_SCOPES,
    createState: ({ seed, now, randomSeed }) => createCliqState({ seed, now, randomSeed }),
    routes: cliqRoutes(limits),
    errors: cliqErrors,
    // Cliq needs no app id (the organization comes with the token); a first request worth trying:
    describe: () => ({ example: '/api/v2/channels?limit=5' }),
  };
}

/** The Zoho Cliq emulator slice with defaults. */
export const cliqEmulator: EmulatorApp<CliqState> = createCliqEmulator();
