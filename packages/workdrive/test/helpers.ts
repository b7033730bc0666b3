import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createZohoConnection, createZohoToolkit, FilesFolder, type ConfirmRequest, type ZohoConnection, type ZohoConnectionOptions, type ZohoToolkit, type ZohoToolkitOptions } from '@zoho-agent-kit/core';
import { emulatorConnectionOptions, startEmulator, type Emulator, type EmulatorOptions } from '@zoho-agent-kit/core/emulator';
import { createWorkDriveEmulator, type WorkDriveEmulatorOptions, type WorkDriveState, type EmuItem } from '../src/emulator/index.js';
import { workdrivePlugin, type WorkDrivePluginOptions, type WorkDriveTransferProgress } from '../src/index.js';

export interface WorkDriveHarness {
  emu: Emulator;
  connection: ZohoConnection;
  kit: ZohoToolkit;
  files: FilesFolder;
  /** The files folder on disk (removed on close). */
  dir: string;
  confirmations: ConfirmRequest[];
  progress: WorkDriveTransferProgress[];
  approve: { value: boolean };
  call(name: string, input: unknown): Promise<{ outcome: string; text: string; json: any; reconciled?: string }>;
  state(): WorkDriveState;
  /** The seeded item at a path such as "Marketing/Zylker Corp/Brand assets". */
  item(path: string): EmuItem;
  close(): Promise<void>;
}

export interface HarnessOptions {
  emulator?: EmulatorOptions;
  workdrive?: WorkDriveEmulatorOptions;
  connection?: ZohoConnectionOptions;
  plugin?: WorkDrivePluginOptions;
  toolkit?: Partial<ZohoToolkitOptions>;
}

/** Emulator (no rate limits) + connection + toolkit with the WorkDrive plugin, a temp files folder and a recording confirm hook. */
export async function startWorkDrive(options: HarnessOptions = {}): Promise<WorkDriveHarness> {
  const emu = await startEmulator({ apps: [createWorkDriveEmulator({ rateLimit: false, ...options.workdrive })], limits: { workdrive: false }, ...options.emulator });
  const connection = createZohoConnection(emulatorConnectionOptions(emu, { limits: { workdrive: false }, retry: { baseDelayMs: 5, maxDelayMs: 20 }, ...options.connection }));
  const dir = mkdtempSync(join(tmpdir(), 'workdrive-files-'));
  const files = new FilesFolder(dir);
  const confirmations: ConfirmRequest[] = [];
  const progress: WorkDriveTransferProgress[] = [];
  const approve = { value: true };
  const kit = createZohoToolkit({
    connection,
    plugins: [workdrivePlugin],
    confirm: (r) => {
      confirmations.push(r);
      return approve.value;
    },
    pluginOptions: { workdrive: { files, onProgress: (e: WorkDriveTransferProgress) => void progress.push(e), progressPollMs: 50, ...options.plugin } },
    ...options.toolkit,
  });
  const state = () => emu.state<WorkDriveState>('workdrive');
  return {
    emu,
    connection,
    kit,
    files,
    dir,
    confirmations,
    progress,
    approve,
    state,
    item(path) {
      const [root, ...rest] = path.split('/');
      const s = state();
      const me = s.privateSpaces.find((p) => p.owner === s.me)!;
      let parent = root === 'My Folders' ? me.id : s.teamFolders.find((f) => f.name === root)?.id;
      let found: EmuItem | undefined;
      for (const name of rest) {
        found = [...s.items.values()].find((i) => i.parentId === parent && i.name === name && i.status === 1);
        if (!found) throw new Error(`no ${name} under ${path}`);
        parent = found.id;
      }
      if (!found) throw new Error(`${path} is a root`);
      return found;
    },
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
      await emu.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Reads a table result back into rows. */
export function rows(table: { columns: string[]; rows: unknown[][] }): Record<string, unknown>[] {
  return table.rows.map((r) => Object.fromEntries(table.columns.map((c, i) => [c, r[i]]).filter(([, v]) => v !== null)));
}
