import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PARTNER_ICS } from './fixtures.js';
import { MAYA, startCalendar, type CalendarHarness } from './helpers.js';

let h: CalendarHarness;
beforeAll(async () => {
  h = await startCalendar();
});
afterAll(() => h.close());
afterEach(() => {
  h.emu.resetState('calendar');
  h.emu.counters.reset();
  h.confirmations.length = 0;
  h.approve.value = true;
});

const POSTS = 'POST /api/v1/calendars/*/events';



describe('calendar_import_ics', () => {
  it('imports a file as one confirmed batch, in the right zones, skipping what Zoho cannot take and what is already there', async () => {
    await h.files.write('partner.ics', 'file', PARTNER_ICS);
    const res = await h.call('calendar_import_ics', { file: 'partner.ics' });
    expect(res.outcome, res.text).toBe('ok');
    expect(h.confirmations).toHaveLength(1);
    const confirm = h.confirmations[0]!;
    expect(confirm.summary).toBe('Import 4 events from partner.ics into Maya Ortiz (5 skipped)');
    expect(confirm.after).toEqual({
      import: [
        { title: 'Partner call', when: 'Thu 2026-03-12 09:00–09:30 America/New_York' },
        { title: 'Berlin workshop', when: 'Fri 2026-03-13 10:00–12:00 Europe/Berlin' },
        { title: 'Trade fair', when: 'Mon 2026-03-16 – Tue 2026-03-17, all day' },
        { title: 'Weekly sync with Acme', when: 'Tue 2026-03-10 17:00–17:30 UTC', repeats: 'every week on Tuesday for 4 times' },
      ],
      skipped: [
        { title: 'Weekly sync with Acme (moved)', reason: expect.stringMatching(/RECURRENCE-ID/) },
        { title: 'Called off', reason: 'is cancelled (STATUS:CANCELLED)' },
        { title: 'Partner call (copy)', reason: 'repeats a UID already in the file' },
        { title: 'Every minute', reason: expect.stringMatching(/its RRULE cannot be sent to Zoho: .*FREQ=HOURLY, MINUTELY and SECONDLY are not supported/) },
        { title: 'Budget review', reason: 'already in the calendar (same title and start)' },
      ],
    });
    expect(res.json.created.map((c: { title: string; start: string }) => [c.title, c.start])).toEqual([
      ['Partner call', '2026-03-12T09:00-04:00'],
      ['Berlin workshop', '2026-03-13T05:00-04:00'],
      ['Trade fair', '2026-03-16'],
      ['Weekly sync with Acme', '2026-03-10T13:00-04:00'],
    ]);
    expect(h.requests(POSTS)).toBe(4);
    const by = (t: string) => h.event(t);
    expect(by('Partner call')).toMatchObject({ start: Date.parse('2026-03-12T13:00:00Z'), end: Date.parse('2026-03-12T13:30:00Z'), organizer: MAYA });
    expect(by('Partner call').attendees.map((a) => a.email)).toEqual(['grace.hopper@bluebird-logistics.example']);
    expect(by('Berlin workshop')).toMatchObject({ timezone: 'Europe/Berlin', start: Date.parse('2026-03-13T09:00:00Z'), end: Date.parse('2026-03-13T11:00:00Z'), location: 'Berlin, Kreuzberg', description: 'Bring the brand book.' });
    expect(by('Trade fair')).toMatchObject({ allDay: true, transparency: 1 });
    expect(by('Weekly sync with Acme').rrule).toBe('FREQ=WEEKLY;COUNT=4;BYDAY=TU');

    // The same file again: everything is there now.
    const again = await h.call('calendar_import_ics', { file: 'partner.ics' });
    expect(again.outcome).toBe('invalid');
    expect(again.text).toMatch(/field "file": has nothing to import into "Maya Ortiz"/);
    expect(h.requests(POSTS)).toBe(4);
  });

  it('round-trips an export: into the same calendar nothing (same UIDs), into another one everything once', async () => {
    const exported = await h.call('calendar_export_ics', { file: 'mine.ics', start: '2026-03-02', end: '2026-03-15' });
    expect(exported.outcome, exported.text).toBe('ok');
    const same = await h.call('calendar_import_ics', { file: 'mine.ics' });
    expect(same.outcome).toBe('invalid');
    expect(same.text).toMatch(/already in the calendar \(same UID\)/);
    const clients = h.calendar('Client meetings');
    const into = await h.call('calendar_import_ics', { file: 'mine.ics', calendar_uid: clients.uid });
    expect(into.outcome, into.text).toBe('ok');
    expect(into.json.created.length).toBe(exported.json.events);
    expect(into.json.skipped).toEqual([{ title: 'Leadership sync', reason: expect.stringMatching(/RECURRENCE-ID/) }]);
    const copy = h.state().events.filter((e) => e.calendarUid === clients.uid && e.title === 'Leadership sync');
    expect(copy).toHaveLength(1);
    expect(copy[0]).toMatchObject({ rrule: 'FREQ=WEEKLY;BYDAY=MO', start: h.event('Leadership sync').start });
    const twice = await h.call('calendar_import_ics', { file: 'mine.ics', calendar_uid: clients.uid });
    expect(twice.text).toMatch(/has nothing to import/);
  });

  it('refuses files it cannot use and read-only calendars, and sends nothing when declined', async () => {
    await h.files.write('notes.ics', 'file', 'just some text');
    await h.files.write('partner.ics', 'file', PARTNER_ICS, { overwrite: true });
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ file: 'missing.ics' }, /field "file": no file "missing.ics" in the files folder/],
      [{ file: 'notes.ics' }, /field "file": is not an iCalendar file ical\.js can read/],
      [{ file: '../partner.ics' }, /field "file": must not contain "\.\."/],
      [{ file: 'partner.ics', calendar_uid: h.calendar('Sofia Lindqvist').uid }, /field "calendar_uid": the calendar "Sofia Lindqvist" is shared with the user read-only/],
    ];
    for (const [input, message] of cases) {
      const res = await h.call('calendar_import_ics', input);
      expect(res.outcome, JSON.stringify(input)).toBe('invalid');
      expect(res.text).toMatch(message);
    }
    h.approve.value = false;
    const declined = await h.call('calendar_import_ics', { file: 'partner.ics' });
    expect(declined.outcome).toBe('refused');
    expect(declined.text).toMatch(/The user declined: Import 4 events from partner\.ics into Maya Ortiz \(5 skipped\)\. Nothing was sent to Zoho/);
    expect(h.requests(POSTS)).toBe(0);
  });
});
