import { readFileSync } from 'node:fs';
import { toJsonSchema } from '@langchain/core/utils/json_schema';
import { scopesSatisfy, SHARED_TOOL_INSTRUCTIONS } from '@zoho-agent-kit/core';
import { getEncoding } from 'js-tiktoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALENDAR_EMULATOR_SCOPES, calendarEmulator } from '../src/emulator/index.js';
import { CALENDAR_INSTRUCTIONS, calendarPlugin, calendarTools } from '../src/index.js';
import { NOW, startCalendar, type CalendarHarness } from './helpers.js';

const enc = getEncoding('o200k_base');
const tokens = (text: string) => enc.encode(text).length;
/** As the agent's suite test and tools/bench count it: the OpenAI function definition LangChain sends. */
const definitionTokens = (t: (typeof calendarTools)[number]) => tokens(JSON.stringify({ type: 'function', function: { name: t.name, description: t.description, parameters: toJsonSchema(t.schema) } }));

let h: CalendarHarness;
beforeAll(async () => {
  h = await startCalendar();
});
afterAll(() => h.close());

describe('calendarPlugin', () => {
  it('has the tools the issue names, with the right access', () => {
    expect(Object.fromEntries(calendarTools.map((t) => [t.name, t.access]))).toEqual({
      calendar_list_calendars: 'read',
      calendar_list_events: 'read',
      calendar_get_freebusy: 'read',
      calendar_find_meeting_time: 'read',
      calendar_export_ics: 'read',
      calendar_create_event: 'write',
      calendar_update_event: 'write',
      calendar_import_ics: 'write',
      calendar_delete_event: 'destructive',
    });
  });

  it('keeps its definitions lean: each ≤ 600 tokens, ≤ 260 on average', () => {
    const costs = calendarTools.map((t) => ({ name: t.name, tokens: definitionTokens(t) }));
    console.log(costs.map((c) => `${c.name} ${c.tokens}`).join('\n'));
    expect(costs.filter((c) => c.tokens > 600)).toEqual([]);
    const average = costs.reduce((a, c) => a + c.tokens, 0) / costs.length;
    console.log(`average ${average.toFixed(1)} tokens`);
    expect(average).toBeLessThanOrEqual(260);
  });

  it('says shared guidance once, in its instructions', () => {
    expect(calendarPlugin.instructions).toBe(CALENDAR_INSTRUCTIONS);
    expect(h.kit.instructions).toContain(SHARED_TOOL_INSTRUCTIONS);
    expect(h.kit.instructions).toContain('Zoho Calendar:');
    expect(new Set(calendarTools.map((t) => t.description)).size).toBe(calendarTools.length);
    for (const t of calendarTools) {
      expect(t.description, t.name).toMatch(/Returns/);
      expect(t.description, t.name).toMatch(/\nExample: \{/);
      expect(t.description, t.name).not.toMatch(/ids? (are|as) strings|raw/i);
    }
  });

  it('asks only for scopes the emulator grants, the minimal per tool', () => {
    for (const scope of h.kit.scopes) expect(scopesSatisfy(CALENDAR_EMULATOR_SCOPES, [scope]), scope).toBe(true);
    expect(h.kit.scopes).toEqual(['ZohoCalendar.calendar.READ', 'ZohoCalendar.event.CREATE', 'ZohoCalendar.event.DELETE', 'ZohoCalendar.event.READ', 'ZohoCalendar.event.UPDATE', 'ZohoCalendar.freebusy.READ']);
  });

  it("reports its package's name and version", () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
    expect(calendarPlugin).toMatchObject({ name: pkg.name, version: pkg.version, app: 'calendar', emulator: `${pkg.name}/emulator` });
  });
});

describe('examples', () => {
  it('every read example returns data on the seed, and shaping saves context (raw ÷ shaped)', async () => {
    const ratios: Record<string, string> = {};
    for (const t of calendarTools.filter((x) => x.access === 'read')) {
      let raw = 0;
      let shaped = 0;
      for (const example of t.examples) {
        const s = await h.call(t.name, example);
        expect(s.outcome, `${t.name} ${s.text}`).toBe('ok');
        const r = await h.call(t.name, { ...example, raw: true });
        expect(r.outcome, `${t.name} raw`).toBe('ok');
        raw += tokens(r.text);
        shaped += tokens(s.text);
        const table = Object.values(s.json as Record<string, unknown>).find((v) => v && typeof v === 'object' && 'rows' in (v as object)) as { rows: unknown[] } | undefined;
        if (t.name !== 'calendar_export_ics') expect(table?.rows.length ?? 0, `${t.name} ${JSON.stringify(example)} has rows`).toBeGreaterThan(0);
      }
      ratios[t.name] = `${(raw / shaped).toFixed(2)} (${raw} → ${shaped})`;
      if (/_list_/.test(t.name)) expect(raw / shaped, t.name).toBeGreaterThanOrEqual(2.5);
    }
    console.log(ratios);
  });

  it('write examples name events of the seed', () => {
    const seed = calendarEmulator.createState({ seed: true, now: NOW });
    for (const name of ['calendar_update_event', 'calendar_delete_event']) {
      const uid = calendarTools.find((t) => t.name === name)!.examples[0]!.event_uid as string;
      expect(seed.events.some((e) => e.uid === uid), `${name} example uid`).toBe(true);
    }
  });
});
