import { createZohoConnection, createZohoToolkit, fromTable, type AuditEvent, type ConfirmRequest, type RecordTable, type ZohoConnection, type ZohoConnectionOptions, type ZohoToolkit, type ZohoToolkitOptions } from '@zoho-agent-kit/core';
import { emulatorConnectionOptions, startEmulator, type Emulator, type EmulatorOptions } from '@zoho-agent-kit/core/emulator';
import { projectsPlugin, type ProjectsPluginOptions } from '../src/index.js';
import { projectsEmulator, type PortalData, type ProjectsState } from '../src/emulator/index.js';

export interface ProjectsHarness {
  emu: Emulator;
  connection: ZohoConnection;
  kit: ZohoToolkit;
  confirmations: ConfirmRequest[];
  events: AuditEvent[];
  /** What the confirm hook answers next (default yes). */
  approve: { value: boolean };
  call(name: string, input: unknown): Promise<{ outcome: string; text: string; json: any; reconciled?: string }>;
  /** The seeded portal's records, as the emulator holds them. */
  data(): PortalData;
  close(): Promise<void>;
}

export interface HarnessOptions {
  emulator?: EmulatorOptions;
  connection?: ZohoConnectionOptions;
  plugin?: ProjectsPluginOptions;
  toolkit?: Partial<Pick<ZohoToolkitOptions, 'reconcileSettleMs' | 'reconcileTimeoutMs'>>;
}

/** Emulator (no rate limits unless asked) + connection + toolkit with the Projects plugin and a recording confirm hook. */
export async function startProjects(options: HarnessOptions = {}): Promise<ProjectsHarness> {
  const emu = await startEmulator({ apps: [projectsEmulator], limits: { projects: false }, ...options.emulator });
  const connection = createZohoConnection(emulatorConnectionOptions(emu, { limits: { projects: false }, retry: { baseDelayMs: 5, maxDelayMs: 20 }, ...options.connection }));
  const confirmations: ConfirmRequest[] = [];
  const events: AuditEvent[] = [];
  const approve = { value: true };
  const kit = createZohoToolkit({
    connection,
    plugins: [projectsPlugin],
    confirm: (r) => {
      confirmations.push(r);
      return approve.value;
    },
    audit: (e) => void events.push(e),
    pluginOptions: { projects: options.plugin ?? {} },
    ...options.toolkit,
  });
  return {
    emu,
    connection,
    kit,
    confirmations,
    events,
    approve,
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
    data: () => emu.state<ProjectsState>('projects').portals[0]!,
    async close() {
      await connection.close();
      await emu.close();
    },
  };
}

/** The records of a table result, with the values every row shares put back in each row. */
export function rowsOf(result: Record<string, unknown>, key: string): any[] {
  const table = result[key] as RecordTable;
  const shared = (result.every_row as Record<string, unknown> | undefined) ?? {};
  return fromTable(table).map((row) => ({ ...shared, ...row }));
}

export const ZYLKER = '2438400000000000025';
export const WIREFRAMES = '2438400000000000032';
export const MOBILE_WIREFRAMES = '2438400000000000034';
