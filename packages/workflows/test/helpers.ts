import { createZohoConnection, createZohoToolkit, fromTable, type AnyZohoPlugin, type ConfirmRequest, type RecordTable, type ToolPolicy, type ZohoConnection, type ZohoToolkit, type ZohoToolkitOptions } from '@zoho-agent-kit/core';
import { emulatorConnectionOptions, startEmulator, type Emulator, type EmulatorOptions } from '@zoho-agent-kit/core/emulator';
import { booksPlugin } from '@zoho-agent-kit/books';
import { booksEmulator } from '@zoho-agent-kit/books/emulator';
import { calendarPlugin } from '@zoho-agent-kit/calendar';
import { calendarEmulator } from '@zoho-agent-kit/calendar/emulator';
import { cliqPlugin } from '@zoho-agent-kit/cliq';
import { cliqEmulator } from '@zoho-agent-kit/cliq/emulator';
import { crmPlugin } from '@zoho-agent-kit/crm';
import { crmEmulator } from '@zoho-agent-kit/crm/emulator';
import { mailPlugin } from '@zoho-agent-kit/mail';
import { mailEmulator } from '@zoho-agent-kit/mail/emulator';
import { projectsPlugin } from '@zoho-agent-kit/projects';
import { projectsEmulator } from '@zoho-agent-kit/projects/emulator';
import { workflowsPlugin } from '../src/index.js';

export const APP_PLUGINS = [crmPlugin, booksPlugin, projectsPlugin, cliqPlugin, calendarPlugin, mailPlugin];
export const SLICES = [crmEmulator, booksEmulator, projectsEmulator, cliqEmulator, calendarEmulator, mailEmulator];
const NO_LIMITS = { crm: false, books: false, projects: false, cliq: false, calendar: false, mail: false } as const;

export interface Harness {
  emu: Emulator;
  connection: ZohoConnection;
  kit: ZohoToolkit;
  confirmations: ConfirmRequest[];
  approve: { value: boolean };
  call(name: string, input: unknown): Promise<{ outcome: string; text: string; json: any; reconciled?: string }>;
  /** A toolkit on the same connection with another policy (or plugins). */
  withPolicy(policy: ToolPolicy, plugins?: AnyZohoPlugin[]): ZohoToolkit;
  close(): Promise<void>;
}

export interface HarnessOptions {
  emulator?: EmulatorOptions;
  reuse?: Emulator;
  policy?: ToolPolicy;
  http?: { headersTimeoutMs?: number; bodyTimeoutMs?: number };
  toolkit?: Partial<Pick<ZohoToolkitOptions, 'reconcileSettleMs' | 'reconcileTimeoutMs' | 'audit'>>;
}

/** Every slice the workflows need on one emulator, the app plugins and the workflows, a recording confirm hook. */
export async function startFlows(options: HarnessOptions = {}): Promise<Harness> {
  const emu = options.reuse ?? (await startEmulator({ apps: SLICES, limits: false, ...options.emulator }));
  const connection = createZohoConnection(emulatorConnectionOptions(emu, { limits: NO_LIMITS, retry: { baseDelayMs: 5, maxDelayMs: 20 }, ...(options.http ? { http: options.http } : {}) }));
  const confirmations: ConfirmRequest[] = [];
  const approve = { value: true };
  const confirm = (r: ConfirmRequest) => {
    confirmations.push(r);
    return approve.value;
  };
  const make = (policy: ToolPolicy | undefined, plugins: AnyZohoPlugin[] = [...APP_PLUGINS, workflowsPlugin]) =>
    createZohoToolkit({ connection, plugins, confirm, ...(policy ? { policy } : {}), ...options.toolkit });
  const kit = make(options.policy);
  return {
    emu,
    connection,
    kit,
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
    withPolicy: (policy, plugins) => make(policy, plugins),
    async close() {
      await connection.close();
      if (!options.reuse) await emu.close();
    },
  };
}

export function rows(table: unknown): Record<string, any>[] {
  return table && typeof table === 'object' && 'columns' in (table as object) ? fromTable(table as RecordTable) : [];
}

/** Requests the emulator served whose concrete path (or route pattern) matches `METHOD /glob` (`*` a segment, `**` several). */
export function served(emu: Emulator, route: string): number {
  return emu.counters.requests({ route });
}

/** Every write (POST, PUT, PATCH, DELETE) any app received, but the read-only COQL. */
export function writesServed(emu: Emulator): number {
  return emu.counters
    .list()
    .filter((c) => c.app !== 'accounts' && /^(POST|PUT|PATCH|DELETE) /.test(c.route) && !/\/coql$/.test(c.route))
    .reduce((n, c) => n + c.requests, 0);
}
