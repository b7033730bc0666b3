import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FilesFolder,
  createZohoConnection,
  createZohoToolkit,
  type AuditEvent,
  type ConfirmRequest,
  type ToolCallResult,
  type ToolPolicy,
  type ZohoConnection,
  type ZohoConnectionOptions,
  type ZohoToolkit,
  type ZohoToolkitOptions,
} from '@zoho-agent-kit/core';
import { emulatorConnectionOptions, startEmulator, type Emulator, type EmulatorOptions } from '@zoho-agent-kit/core/emulator';
import { crmPlugin } from '../src/index.js';
import { crmEmulator } from '../src/emulator/index.js';

export interface CrmHarness {
  emu: Emulator;
  connection: ZohoConnection;
  kit: ZohoToolkit;
  confirmations: ConfirmRequest[];
  audit: AuditEvent[];
  /** What the confirm hook answers next (default yes). */
  answer: { value: boolean };
  /** The files folder the CRM tools read uploads from and write downloads to (a fresh temporary one). */
  filesDir: string;
  /** Calls a tool and parses its JSON text. */
  json(name: string, input: unknown): Promise<ToolCallResult & { data: any }>;
  close(): Promise<void>;
}

export interface CrmHarnessOptions {
  emulator?: EmulatorOptions;
  policy?: ToolPolicy;
  /** Connection settings on top of the emulator's (e.g. `http: { headersTimeoutMs: 300 }`). */
  connection?: Partial<ZohoConnectionOptions>;
  /** Toolkit settings (e.g. `reconcileSettleMs`). */
  toolkit?: Pick<ZohoToolkitOptions, 'reconcileSettleMs' | 'reconcileTimeoutMs' | 'pluginOptions'>;
}

export async function startCrm(options: CrmHarnessOptions = {}): Promise<CrmHarness> {
  const emu = await startEmulator({ apps: [crmEmulator], limits: { crm: false }, ...options.emulator });
  const connection = createZohoConnection(emulatorConnectionOptions(emu, { limits: { crm: false }, ...options.connection }));
  const confirmations: ConfirmRequest[] = [];
  const audit: AuditEvent[] = [];
  const answer = { value: true };
  const filesDir = mkdtempSync(join(tmpdir(), 'crm-files-'));
  const pluginOptions = options.toolkit?.pluginOptions ?? {};
  const kit = createZohoToolkit({
    connection,
    plugins: [crmPlugin],
    ...(options.policy ? { policy: options.policy } : {}),
    ...options.toolkit,
    pluginOptions: { ...pluginOptions, crm: { files: new FilesFolder(filesDir), ...(pluginOptions.crm as object | undefined) } },
    audit: (event) => void audit.push(event),
    confirm: (request) => {
      confirmations.push(request);
      return answer.value;
    },
  });
  return {
    emu,
    connection,
    kit,
    confirmations,
    audit,
    answer,
    filesDir,
    async json(name, input) {
      const res = await kit.call(name, input);
      let data: unknown;
      try {
        data = JSON.parse(res.text);
      } catch {
        data = undefined;
      }
      return { ...res, data };
    },
    async close() {
      await connection.close();
      await emu.close();
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

