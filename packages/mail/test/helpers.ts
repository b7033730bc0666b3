import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createZohoConnection,
  createZohoToolkit,
  FilesFolder,
  fromTable,
  type ConfirmRequest,
  type RecordTable,
  type ZohoConnection,
  type ZohoConnectionOptions,
  type ZohoToolkit,
  type ZohoToolkitOptions,
} from '@zoho-agent-kit/core';
import { emulatorConnectionOptions, startEmulator, type Emulator, type EmulatorOptions } from '@zoho-agent-kit/core/emulator';
import { mailEmulator, type EmuMailAccount, type EmuMessage, type MailState } from '../src/emulator/index.js';
import { mailPlugin, type MailPluginOptions } from '../src/index.js';

export interface MailHarness {
  emu: Emulator;
  connection: ZohoConnection;
  kit: ZohoToolkit;
  files: FilesFolder;
  /** The files folder on disk (a fresh temporary one). */
  dir: string;
  confirmations: ConfirmRequest[];
  /** What the confirm hook answers next (default yes). */
  approve: { value: boolean };
  call(name: string, input: unknown): Promise<{ outcome: string; text: string; json: any; reconciled?: string }>;
  state(): MailState;
  /** The CEO's mailbox (the account the tools use by default). */
  maya(): EmuMailAccount;
  /** A seeded message by subject in the CEO's mailbox: the one in the Inbox, else the first. */
  message(subject: string | RegExp, folderPath?: string): EmuMessage;
  folderId(path: string): string;
  close(): Promise<void>;
}

export interface HarnessOptions {
  emulator?: EmulatorOptions;
  connection?: ZohoConnectionOptions;
  plugin?: MailPluginOptions;
  /** Reuse a running emulator (closed by its owner). */
  reuse?: Emulator;
  toolkit?: Partial<Pick<ZohoToolkitOptions, 'reconcileSettleMs' | 'reconcileTimeoutMs' | 'audit' | 'policy'>>;
}

/** Emulator (no rate limits unless asked) + connection + toolkit with the Mail plugin, a temporary files folder and a recording confirm hook. */
export async function startMail(options: HarnessOptions = {}): Promise<MailHarness> {
  const emu = options.reuse ?? (await startEmulator({ apps: [mailEmulator], limits: { mail: false }, ...options.emulator }));
  const connection = createZohoConnection(emulatorConnectionOptions(emu, { limits: { mail: false }, retry: { baseDelayMs: 5, maxDelayMs: 20 }, ...options.connection }));
  const dir = mkdtempSync(join(tmpdir(), 'zoho-mail-files-'));
  const files = new FilesFolder(dir);
  const confirmations: ConfirmRequest[] = [];
  const approve = { value: true };
  const kit = createZohoToolkit({
    connection,
    plugins: [mailPlugin],
    confirm: (r) => {
      confirmations.push(r);
      return approve.value;
    },
    pluginOptions: { mail: { files, ...options.plugin } },
    ...options.toolkit,
  });
  const state = () => emu.state<MailState>('mail');
  const maya = () => state().accounts[0]!;
  return {
    emu,
    connection,
    kit,
    files,
    dir,
    confirmations,
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
    state,
    maya,
    message(subject, folderPath) {
      const folder = maya().folders.find((f) => f.path === (folderPath ?? '/Inbox'))!.folderId;
      const matching = maya().messages.filter((m) => (typeof subject === 'string' ? m.subject === subject : subject.test(m.subject)));
      const found = matching.find((m) => m.folderId === folder) ?? (folderPath ? undefined : matching[0]);
      if (!found) throw new Error(`no seeded message ${String(subject)}`);
      return found;
    },
    folderId(path) {
      const f = maya().folders.find((x) => x.path === path);
      if (!f) throw new Error(`no folder ${path}`);
      return f.folderId;
    },
    async close() {
      await connection.close();
      if (!options.reuse) await emu.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The records of a table result (core's fromTable), with values said once beside the table put back. */
export function rowsOf(result: Record<string, any>, key = 'messages'): any[] {
  const shared = { ...(result.every_row ?? {}) };
  return fromTable(result[key] as RecordTable).map((row) => ({ ...shared, ...row }));
}

/** Requests the emulator counted for a Mail route (e.g. `POST /api/accounts/:accountId/messages`). */
export function posts(h: MailHarness, route = 'POST /api/accounts/:accountId/messages'): number {
  return h.emu.counters.requests({ app: 'mail', route });
}
