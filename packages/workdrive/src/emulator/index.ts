/**
 * The Zoho WorkDrive slice of the emulator: the API on the emulator's origin (basePath '', as on www.zohoapis.*),
 * the download host under `/_workdrive-download` and the large-upload host under `/_workdrive-upload` (the
 * emulator's `baseUrls.workdriveDownload` / `baseUrls.workdriveUpload`). File content lives in a temporary
 * folder per state, removed when the state is reset or the emulator closes. Routes and the choices made where
 * Zoho's behaviour is unconfirmed are in ./routes.ts; the seed (core's AGENCY world) is in ./seed.ts.
 *
 * ```ts
 * const emu = await startEmulator({ apps: [workdriveEmulator] });
 * const two = await startEmulator({ apps: [createWorkDriveEmulator({ extraTeams: [{ name: 'Zylker Corp Shared' }] })] });
 * ```
 */
import type { EmulatorApp, EmulatorRateLimit } from '@zoho-agent-kit/core/emulator';
import { workdriveErrors, workdriveRoutes } from './routes.js';
import { createWorkDriveState, SIGNED_IN_ZUID, slug, staffUsers } from './seed.js';
import { disposeWorkDriveState, type WorkDriveLimits, type WorkDriveState } from './state.js';

export type { EmuItem, EmuLink, EmuPermission, EmuPrivateSpace, EmuTeam, EmuTeamFolder, EmuUpload, EmuUser, FolderRole, WorkDriveLimits, WorkDriveState } from './state.js';
export { contentPath, childrenOf, descendantsOf, kindOf, memberId, rootFor, DEFAULT_LIMITS } from './state.js';
export { API, DOWNLOAD_BASE, UPLOAD_BASE, workdriveError, workdriveErrors, workdriveRoutes } from './routes.js';
export { SIGNED_IN_ZUID, slug, staffUsers };

/** Every scope the emulator's demo credentials get for Zoho WorkDrive. */
export const WORKDRIVE_EMULATOR_SCOPES: string[] = [
  'WorkDrive.files.ALL',
  'WorkDrive.team.ALL',
  'WorkDrive.users.READ',
  'WorkDrive.links.ALL',
  'WorkDrive.workspace.ALL',
  'WorkDrive.teamfolders.ALL',
  'ZohoFiles.files.ALL',
];

export interface WorkDriveEmulatorOptions {
  /** Requests per window per grant; false for none. Default: 100 requests a minute (WorkDrive documents no limit). */
  rateLimit?: EmulatorRateLimit | false;
  /** More teams the signed-in user belongs to (without team folders), e.g. to see team discovery ask for one. */
  extraTeams?: { name: string; id?: string }[];
  /** Upload sizes and storage (defaults: 250 MB through /upload, 50 GB streamed, 1 TB of storage). */
  limits?: Partial<WorkDriveLimits>;
}

/** A Zoho WorkDrive emulator slice with its own options; `workdriveEmulator` is this with the defaults. */
export function createWorkDriveEmulator(options: WorkDriveEmulatorOptions = {}): EmulatorApp<WorkDriveState> {
  const app: EmulatorApp<WorkDriveState> = {
    app: 'workdrive',
    basePath: '',
    scopes: WORKDRIVE_EMULATOR_SCOPES,
    createState: ({ seed, now, randomSeed }) =>
      createWorkDriveState({ seed, now, ...(randomSeed !== undefined ? { randomSeed } : {}), ...(options.extraTeams ? { extraTeams: options.extraTeams } : {}), ...(options.limits ? { limits: options.limits } : {}) }),
    disposeState: disposeWorkDriveState,
    routes: workdriveRoutes,
    errors: workdriveErrors,
    describe: (state) => {
      const team = state.teams[0]!;
      return { ids: { ZOHO_WORKDRIVE_TEAM_ID: team.id }, example: `/workdrive/api/v1/teams/${team.id}/teamfolders` };
    },
  };
  if (options.rateLimit !== false) app.rateLimit = options.rateLimit ?? { limit: 100, windowMs: 60_000 };
  return app;
}

/** The Zoho WorkDrive emulator slice with defaults: the agency's team, seeded, 100 requests a minute. */
export const workdriveEmulator: EmulatorApp<WorkDriveState> = createWorkDriveEmulator();
