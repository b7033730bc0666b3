import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createZohoConnection, createZohoToolkit, FilesFolder, fromTable, type ConfirmRequest, type RecordTable, type ToolPolicy, type ZohoConnection, type ZohoConnectionOptions, type ZohoToolkit, type ZohoToolkitOptions } from '@zoho-agent-kit/core';
import { createManualClock, emulatorConnectionOptions, startEmulator, type Emulator, type EmulatorOptions, type ManualClock } from '@zoho-agent-kit/core/emulator';
import { DateTime } from 'luxon';
import { calendarPlugin, type CalendarPluginOptions } from '../src/index.js';
import { calendarEmulator, type CalendarState, type EmuCalendar, type EmuEvent } from '../src/emulator/index.js';

/** Wednesday 4 March 2026, 10:00 in New York (15:00 UTC): the week before the US moves to daylight saving (8 March). */
export const NOW = Date.UTC(2026, 2, 4, 15, 0, 0);
export const NY = 'America/New_York';
export const MAYA = 'maya.ortiz@northwind-creative.example';
export const LEO = 'leo.brandt@northwind-creative.example';
export const PRIYA = 'priya.natarajan@northwind-creative.example';
export const SOFIA = 'sofia.lindqvist@northwind-creative.example';
export const DANIEL = 'daniel.okafor@northwind-creative.example';

export interface CalendarHarness {
  emu: Emulator;
  clock: ManualClock;
  connection: ZohoConnection;
  kit: ZohoToolkit;
  files: FilesFolder;
  confirmations: ConfirmRequest[];
  /** What the confirm hook answers next (default yes); a function runs inside the hook. */
  approve: { value: boolean; before?: (request: ConfirmRequest) => void | Promise<void> };
  call(name: string, input: unknown): Promise<{ outcome: string; text: string; json: any; reconciled?: string | undefined }>;
  state(): CalendarState;
  calendar(name: string): EmuCalendar;
  event(title: string): EmuEvent;
  /** Requests the emulator counted for Calendar, optionally one route (`POST /api/v1/**`). */
  requests(route?: string): number;
  close(): Promise<void>;
}

export interface HarnessOptions {
  emulator?: Partial<EmulatorOptions>;
  connection?: ZohoConnectionOptions;
  plugin?: CalendarPluginOptions;
  policy?: ToolPolicy;
  toolkit?: Partial<Pick<ZohoToolkitOptions, 'reconcileSettleMs' | 'reconcileTimeoutMs' | 'audit'>>;
  now?: number;
}

/** Emulator (manual clock, no rate limits) + connection + toolkit with the Calendar plugin, a files folder in the OS temp dir and a recording confirm hook. */
export async function startCalendar(options: HarnessOptions = {}): Promise<CalendarHarness> {
  const clock = createManualClock(options.now ?? NOW);
  const emu = await startEmulator({ apps: [calendarEmulator], limits: { calendar: false }, clock: clock.now, ...options.emulator });
  const connection = createZohoConnection(emulatorConnectionOptions(emu, { limits: { calendar: false }, retry: { baseDelayMs: 5, maxDelayMs: 20 }, ...options.connection }));
  const dir = mkdtempSync(join(tmpdir(), 'calendar-files-'));
  const files = new FilesFolder(dir);
  const confirmations: ConfirmRequest[] = [];
  const approve: CalendarHarness['approve'] = { value: true };
  const kit = createZohoToolkit({
    connection,
    plugins: [calendarPlugin],
    ...(options.policy ? { policy: options.policy } : {}),
    confirm: async (r) => {
      confirmations.push(r);
      await approve.before?.(r);
      return approve.value;
    },
    pluginOptions: { calendar: { files, now: clock.now, ...options.plugin } },
    ...options.toolkit,
  });
  const state = () => emu.state<CalendarState>('calendar');
  return {
    emu,
    clock,
    connection,
    kit,
    files,
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
    calendar: (name) => {
      const c = state().calendars.find((x) => x.name === name);
      if (!c) throw new Error(`no calendar ${name}`);
      return c;
    },
    event: (title) => {
      const e = state().events.find((x) => x.title === title);
      if (!e) throw new Error(`no event ${title}`);
      return e;
    },
    requests: (route) => emu.counters.requests(route ? { app: 'calendar', route } : { app: 'calendar' }),
    async close() {
      await connection.close();
      await emu.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The rows of a table result as records (core's fromTable). */
export function rows(result: Record<string, unknown>, key: string): any[] {
  return fromTable(result[key] as RecordTable);
}

/** An ISO time with offset for a wall time in a zone: `at('2026-03-09T10:00', NY)` → `2026-03-09T10:00-04:00`. */
export function at(wall: string, zone: string): string {
  return DateTime.fromISO(wall, { zone }).toISO({ suppressSeconds: true, suppressMilliseconds: true })!;
}
