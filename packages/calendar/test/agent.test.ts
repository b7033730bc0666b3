import { AIMessage, type BaseMessage } from '@langchain/core/messages';
import { ScriptedChatModel } from '@zoho-agent-kit/core/testing';
import { createAgent } from 'langchain';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { LEO, MAYA, rows, startCalendar, type CalendarHarness } from './helpers.js';


const last = (seen: BaseMessage[]) => JSON.parse(String(seen[seen.length - 1]!.content));

let h: CalendarHarness;
beforeAll(async () => {
  h = await startCalendar();
});
afterAll(() => h.close());
afterEach(() => {
  h.emu.resetState('calendar');
  h.confirmations.length = 0;
});

it('createAgent schedules a meeting end to end: find a time → create (confirmed) → answer', async () => {
  const model = new ScriptedChatModel([
    () => new AIMessage({ content: '', tool_calls: [{ id: 'c1', name: 'calendar_find_meeting_time', args: { attendees: [MAYA, LEO], duration_minutes: 30, start: '2026-03-05', time_zones: { [LEO]: 'Europe/Berlin' } } }] }),
    (seen) => {
      const first = rows(last(seen), 'windows')[0];
      return new AIMessage({ content: '', tool_calls: [{ id: 'c2', name: 'calendar_create_event', args: { title: 'Catch-up with Leo', start: first.start, duration_minutes: 30, attendees: [LEO], location: 'Zoom' } }] });
    },
    (seen) => new AIMessage(`Booked for ${String(last(seen).event.start)}.`),
  ]);
  const agent = createAgent({ model, tools: h.kit.tools, systemPrompt: h.kit.instructions });
  const result = await agent.invoke({ messages: [{ role: 'user', content: 'Find 30 minutes with Leo from Thursday and book it' }] });

  expect(model.boundTools).toEqual(expect.arrayContaining(['calendar_find_meeting_time', 'calendar_create_event', 'calendar_list_events']));
  expect(model.seen[0]!.some((m) => m.getType() === 'system' && m.text.includes('Zoho Calendar:'))).toBe(true);
  const toolMessages = result.messages.filter((m: BaseMessage) => m.getType() === 'tool');
  expect(toolMessages).toHaveLength(2);
  expect(rows(JSON.parse(String(toolMessages[0]!.content)), 'windows')[0]).toMatchObject({ start: '2026-03-05T09:30-05:00' });
  expect(h.confirmations).toHaveLength(1);
  expect(h.confirmations[0]!.summary).toBe('Create "Catch-up with Leo" in Maya Ortiz: Thu 2026-03-05 09:30–10:00 America/New_York, 1 attendee');
  expect(h.event('Catch-up with Leo')).toMatchObject({ start: Date.parse('2026-03-05T14:30:00Z'), attendees: [expect.objectContaining({ email: LEO })] });
  expect(String(result.messages.at(-1)!.content)).toBe('Booked for 2026-03-05T09:30-05:00.');
});

it('tool errors reach the model as readable text, and nothing is sent', async () => {
  const model = new ScriptedChatModel([
    () => new AIMessage({ content: '', tool_calls: [{ id: 'c1', name: 'calendar_create_event', args: { title: 'Stand-up', start: '2026-03-10T09:00', duration_minutes: 15, recurrence: 'every weekday' } }] }),
    () => new AIMessage('The rule was wrong.'),
  ]);
  const agent = createAgent({ model, tools: h.kit.tools });
  const posts = h.requests('POST /api/v1/calendars/*/events');
  const result = await agent.invoke({ messages: [{ role: 'user', content: 'Daily stand-up at 9' }] });
  const tool = result.messages.find((m: BaseMessage) => m.getType() === 'tool')!;
  expect(String(tool.content)).toMatch(/Invalid input for calendar_create_event: field "recurrence": is not a valid RRULE.*No change was sent to Zoho/);
  expect(h.requests('POST /api/v1/calendars/*/events')).toBe(posts);
});
