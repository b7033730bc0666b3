import { createZohoConnection, createZohoToolkit, type ConfirmRequest, type ToolPolicy, type ZohoConnection, type ZohoToolkit } from '@zoho-agent-kit/core';
import { emulatorConnectionOptions, startEmulator, type Emulator, type EmulatorOptions } from '@zoho-agent-kit/core/emulator';
import { crmPlugin } from '../src/index.js';
import { crmEmulator } from '../src/emulator/index.js';

export interface CrmHarness {
  emu: Emulator;
  connection: ZohoConnection;
  kit: ZohoToolkit;
  confirmations: ConfirmRequest[];
  /** What the confirm hook answers next (default yes). */
  answer: { value: boolean };
  /** Calls a tool and parses its JSON text. */
  json(name: string, input: unknown): Promise<{ outcome: string; text: string; data: any }>;
  close(): Promise<void>;
}

export async function startCrm(options: { emulator?: EmulatorOptions; policy?: ToolPolicy } = {}): Promise<CrmHarness> {
  const emu = await startEmulator({ apps: [crmEmulator], limits: { crm: false }, ...options.emulator });
  const connection = createZohoConnection(emulatorConnectionOptions(emu, { limits: { crm: false } }));
  const confirmations: ConfirmRequest[] = [];
  const answer = { value: true };
  const kit = createZohoToolkit({
    connection,
    plugins: [crmPlugin],
    ...(options.policy ? { policy: options.policy } : {}),
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
    answer,
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
    },
  };
}
