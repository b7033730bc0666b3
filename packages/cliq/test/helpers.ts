import { createZohoConnection, createZohoToolkit, fromTable, type ConfirmRequest, type RecordTable, type ZohoConnection, type ZohoConnectionOptions, type ZohoToolkit, type ZohoToolkitOptions } from '@zoho-agent-kit/core';
import { emulatorConnectionOptions, startEmulator, type Emulator, type EmulatorOptions } from '@zoho-agent-kit/core/emulator';
import { createCliqEmulator, type CliqState } from '../src/emulator/index.js';
import { cliqPlugin, type CliqPluginOptions } from '../src/index.js';

export interface CliqHarness {
  emu: Emulator;
  connection: ZohoConnection;
  kit: ZohoToolkit;
  confirmations: ConfirmRequest[];
  /** What the confirm hook answers next (default yes). */
  approve: { value: boolean };
  state(): CliqState;
  call(name: string, input: unknown): Promise<{ outcome: string; text: string; json: any; reconciled?: string }>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  emulator?: EmulatorOptions;
  connection?: ZohoConnectionOptions;
  plugin?: CliqPluginOptions;
  /** Reuse a running emulator (closed by its owner). */
  reuse?: Emulator;
  toolkit?: Partial<Pick<ZohoToolkitOptions, 'reconcileSettleMs' | 'reconcileTimeoutMs' | 'audit' | 'policy'>>;
}

/** Emulator (no rate limits unless asked) + connection + toolkit with the Cliq plugin and a recording confirm hook. */
export async function startCliq(options: HarnessOptions = {}): Promise<CliqHarness> {
  const emu = options.reuse ?? (await startEmulator({ apps: [createCliqEmulator({ rateLimit: false })], ...options.emulator }));
  const connection = createZohoConnection(emulatorConnectionOptions(emu, { limits: { cliq: false }, retry: { baseDelayMs: 5, maxDelayMs: 20 }, ...options.connection }));
  const confirmations: ConfirmRequest[] = [];
  const approve = { value: true };
  const kit = createZohoToolkit({
    connection,
    plugins: [cliqPlugin],
    confirm: (r) => {
      confirmations.push(r);
      return approve.value;
    },
    pluginOptions: { cliq: { messageReads: false, ...options.plugin } },
    ...options.toolkit,
  });
  return {
    emu,
    connection,
    kit,
    confirmations,
    approve,
    state: () => emu.state<CliqState>('cliq'),
    async call(name, input) {
      const res = await kit.call(name, input);
      let json: unknown;
      try {
        json = JSON.parse(res.text);
      } catch {
        json = undefined;
      }
      return { ...res, json };
    },
    async close() {
      await connection.close();
      if (!options.reuse) await emu.close();
    },
  };
}

/** The records of a table result (core's fromTable). */
export function rowsOf(result: Record<string, unknown>, key: string): any[] {
  return fromTable(result[key] as RecordTable);
}

/** Posts to the emulator's Cliq routes count here. */
export const POSTS = 'POST /api/v2/**';
