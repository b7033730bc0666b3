import { AIMessage, type BaseMessage } from '@langchain/core/messages';
import { ScriptedChatModel } from '@zoho-agent-kit/core/testing';
import { createAgent } from 'langchain';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findRole, ROLES, toolsAllowed } from '@zoho-agent-kit/core';
import { startEmulator, type Emulator } from '@zoho-agent-kit/core/emulator';
import type { CliqClient } from '@zoho-agent-kit/cliq';
import { workflowsPlugin, workflowTools } from '../src/index.js';
import { DEFINITION_BUDGET, definitionTokens } from '../../../tools/bench/src/lib/definitions.js';
import { APP_PLUGINS, rows, served, SLICES, startFlows, writesServed, type Harness } from './helpers.js';

let emu: Emulator;
let h: Harness;
const ZYLKER_PROJECT = '2438400000000000025';
const MAYA = 'maya.ortiz@northwind-creative.example';
const LEO = 'leo.brandt@northwind-creative.example';

beforeAll(async () => {
  emu = await startEmulator({ apps: SLICES, limits: false });
});
afterAll(async () => emu.close());
beforeEach(async () => {
  h = await startFlows({ reuse: emu });
});
afterEach(async () => {
  await h.close();
  emu.resetState();
  emu.counters.reset();
  emu.faults.clear();
});

describe('flow_project_status_report and flow_post_project_status', () => {
  it("reports completion, overdue tasks, hours, the next milestone and the client's open invoices", async () => {
    const res = await h.call('flow_project_status_report', { project_id: ZYLKER_PROJECT });
    expect(res.outcome, res.text).toBe('ok');
    const [p] = rows(res.json.projects);
    expect(p).toMatchObject({ project_id: ZYLKER_PROJECT, name: 'Zylker Corp — Website Redesign', budget: 'none set in Zoho Projects', next_milestone: expect.stringMatching(/^Delivery \(\d{4}-\d{2}-\d{2}\)$/) });
    expect(p!.completion).toEqual(expect.any(Number));
    expect(p!.hours_logged).toMatch(/^\d+:\d{2}$/);
    expect(p!.overdue_tasks).toBe(rows(res.json.overdue).length);
    expect(p!.overdue_tasks).toBeGreaterThan(0);
    expect(p!.open_invoices).toBeGreaterThan(0);
    expect(p!.balance_due).toMatch(/^USD \d+\.\d{2}$/);
    const all = await h.call('flow_project_status_report', {});
    expect(rows(all.json.projects).length).toBeGreaterThan(5);
    expect(writesServed(emu)).toBe(0);
  });

  it('without Books for the role, leaves the invoices out and says so', async () => {
    const cto = h.withPolicy(findRole('CTO')!.policy);
    const res = JSON.parse((await cto.call('flow_project_status_report', { project_id: ZYLKER_PROJECT })).text);
    expect(res.invoices).toBe('left out: this role or policy does not allow reading Books');
    expect(rows(res.projects)[0]!.open_invoices ?? null).toBeNull();
    expect(served(emu, 'GET /books/**')).toBe(0);
  });

  it('posts the report to a Cliq channel after the person sees the message', async () => {
    const res = await h.call('flow_post_project_status', { project_id: ZYLKER_PROJECT, channel: 'marketing' });
    expect(res.outcome, res.text).toBe('ok');
    expect(h.confirmations[0]!.summary).toMatch(/^Post to the Cliq channel #Marketing .*: the status of 1 project$/);
    const text = (h.confirmations[0]!.after as { text: string }).text;
    expect(text).toMatch(/^\*Project status, \d{4}-\d{2}-\d{2}\*\n- \*Zylker Corp — Website Redesign\*: \d+% done/);
    const cliq = h.kit.client<CliqClient>('cliq');
    const channel = (await cliq.listChannels({ name: 'marketing' } as never)).channels.find((c) => c.unique_name === 'marketing')!;
    const { data } = await cliq.getMessages(String(channel.chat_id), { limit: 5 });
    expect(data.some((m) => (m.content as { text?: string } | undefined)?.text === text)).toBe(true);
  });
});

describe('flow_schedule_meeting', () => {
  const meeting = { title: 'Zylker kick-off', attendees: [MAYA, LEO, 'bob.burns@zylker.example'], duration_minutes: 30 };

  it('finds the first common free slot, creates the event, announces it in Cliq and e-mails the others, in one confirmation; a second run sends nothing', async () => {
    const res = await h.call('flow_schedule_meeting', { ...meeting, cliq_channel: 'marketing', mail_invite: true });
    expect(res.outcome, res.text).toBe('ok');
    expect(h.confirmations).toHaveLength(1);
    expect(h.confirmations[0]!.summary).toMatch(/^Schedule "Zylker kick-off" \w{3} \d{4}-\d{2}-\d{2} \d{2}:\d{2}–\d{2}:\d{2} \(America\/New_York\) with 3 attendees; announce it in Cliq marketing; e-mail the invitation$/);
    expect(rows(res.json.applied).map((a) => a.action)).toEqual(['event created', 'announced', 'e-mailed']);
    expect(rows(res.json.applied)[2]!.to).toBe(`${LEO}, bob.burns@zylker.example`);
    const posts = served(emu, 'POST /api/v2/channelsbyname/**');
    emu.counters.reset();
    const again = await h.call('flow_schedule_meeting', { ...meeting, cliq_channel: 'marketing', mail_invite: true });
    expect(again.json).toMatchObject({ status: 'already scheduled', cliq: 'already announced by an earlier run', mail: 'already e-mailed by an earlier run' });
    expect(writesServed(emu)).toBe(0);
    expect(posts).toBeGreaterThan(0);
  });

  it('resumes a stopped batch: the event is not made twice, only the missing message is sent', async () => {
    emu.faults.add({ route: 'POST /api/v2/channelsbyname/**', kind: 'reset', times: 1 });
    const stopped = await h.call('flow_schedule_meeting', { ...meeting, cliq_channel: 'marketing' });
    expect(stopped.outcome).toBe('error');
    expect(stopped.json).toMatchObject({ status: 'stopped', stopped_at: { item: 'announce it in Cliq marketing', status: 'not_applied' } });
    expect(rows(stopped.json.applied).map((a) => a.action)).toEqual(['event created']);
    const resumed = await h.call('flow_schedule_meeting', { ...meeting, cliq_channel: 'marketing' });
    expect(resumed.outcome, resumed.text).toBe('ok');
    expect(h.confirmations.at(-1)!.summary).toMatch(/^"Zylker kick-off" is already on .*; announce it in Cliq marketing$/);
    expect(rows(resumed.json.applied).map((a) => a.action)).toEqual(['announced']);
    expect(served(emu, 'POST /api/v1/calendars/*/events')).toBe(1);
  });

  it('refuses a Cliq announcement for a role without Cliq, naming the field, and sends nothing', async () => {
    const ceo = h.withPolicy(findRole('CEO')!.policy);
    const res = await ceo.call('flow_schedule_meeting', { ...meeting, cliq_channel: 'marketing' });
    expect(res.outcome).toBe('invalid');
    expect(res.text).toMatch(/field "cliq_channel": announcing in Cliq needs cliq write access, which this role or policy does not allow; leave cliq_channel out/);
    expect(writesServed(emu)).toBe(0);
    expect(h.confirmations).toHaveLength(0);
  });
});

describe('flow_client_360', () => {
  it("gives the CFO profitability (revenue against hours) and says what the role cannot read", async () => {
    const cfo = h.withPolicy(findRole('CFO')!.policy);
    const res = JSON.parse((await cfo.call('flow_client_360', { client: 'Zylker Corp' })).text);
    expect(res.account).toMatchObject({ account_id: '4150868000000100000', name: 'Zylker Corp' });
    expect(rows(res.contacts).map((c) => c.email)).toEqual(expect.arrayContaining(['bob.burns@zylker.example']));
    expect(res.books).toMatchObject({ customer_id: '4372460000000000018', outstanding: expect.stringMatching(/^\d+\.\d{2}$/) });
    expect(res.profitability.revenue_per_hour).toMatch(/^\d+\.\d{2}$/);
    expect(res.left_out).toEqual(['Calendar (next meetings): this role or policy does not allow reading calendar', 'Mail (last threads): this role or policy does not allow reading mail']);
    expect(emu.counters.requests({ app: 'mail' }) + emu.counters.requests({ app: 'calendar' })).toBe(0);
  });

  it("gives the CEO the briefing with the next meetings; a full policy adds the mail threads", async () => {
    const ceo = JSON.parse((await h.withPolicy(findRole('CEO')!.policy).call('flow_client_360', { client: 'zylker corp' })).text);
    expect(rows(ceo.next_meetings).length).toBeGreaterThan(0);
    expect(ceo.left_out).toEqual(['Mail (last threads): this role or policy does not allow reading mail']);
    const all = await h.call('flow_client_360', { client: '4150868000000100000' });
    expect(rows(all.json.last_threads).some((t) => /campaign brief/i.test(String(t.subject)))).toBe(true);
    expect(all.json.left_out).toBeUndefined();
    const unknown = await h.call('flow_client_360', { client: 'Nobody Ltd' });
    expect(unknown.text).toMatch(/field "client": no CRM account is named like "Nobody Ltd"/);
  });
});

describe('roles and definitions', () => {
  it('each role gets the flows its app access allows', () => {
    const names = (role: string) => toolsAllowed([...APP_PLUGINS, workflowsPlugin], findRole(role)!.policy).filter((t) => t.app === 'flow').map((t) => t.name).sort();
    expect(names('CFO')).toEqual(['flow_bill_project_time', 'flow_client_360', 'flow_compare_customers', 'flow_invoice_won_deal', 'flow_project_status_report', 'flow_sync_customers_to_books']);
    expect(names('CEO')).toEqual(['flow_client_360', 'flow_compare_customers', 'flow_project_status_report', 'flow_schedule_meeting']);
    expect(names('COO')).toEqual(['flow_client_360', 'flow_post_project_status', 'flow_project_status_report', 'flow_schedule_meeting']);
    expect(names('CTO')).toEqual(['flow_client_360', 'flow_post_project_status', 'flow_project_status_report']);
    expect(names('AV')).toEqual(['flow_client_360', 'flow_schedule_meeting']);
    expect(names('CMO')).toEqual(['flow_client_360']);
    for (const role of ROLES) for (const flow of names(role.name)) expect(role.prompt, `${role.name} ${flow}`).toContain(flow);
  });

  it(`keeps the definitions lean: ≤ ${DEFINITION_BUDGET.pluginAverage} tokens on average, none over ${DEFINITION_BUDGET.max}`, () => {
    const sizes = workflowTools.map((t) => definitionTokens(t));
    console.log(workflowTools.map((t, i) => `${t.name} ${sizes[i]}`).join('\n'));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(DEFINITION_BUDGET.max);
    expect(sizes.reduce((a, b) => a + b, 0) / sizes.length).toBeLessThanOrEqual(DEFINITION_BUDGET.pluginAverage);
    expect(new Set(workflowTools.map((t) => t.description)).size).toBe(workflowTools.length);
    for (const t of workflowTools) expect(t.name).toMatch(/^flow_[a-z0-9_]+$/);
  });

  it('every example works on the seed', async () => {
    for (const t of workflowTools.filter((x) => x.access === 'read')) {
      for (const example of t.examples) expect((await h.call(t.name, example)).outcome, t.name).toBe('ok');
    }
  });
});

it('an agent compares the customers and syncs Books from CRM in one confirmed call', async () => {
  const model = new ScriptedChatModel([
    () => new AIMessage({ content: '', tool_calls: [{ id: 'c1', name: 'flow_compare_customers', args: {} }] }),
    () => new AIMessage({ content: '', tool_calls: [{ id: 'c2', name: 'flow_sync_customers_to_books', args: {} }] }),
    () => new AIMessage('Books now follows CRM.'),
  ]);
  const agent = createAgent({ model, tools: h.kit.tools, systemPrompt: h.kit.instructions });
  const result = await agent.invoke({ messages: [{ role: 'user', content: 'Make Books agree with CRM' }] });
  expect(model.seen[0]![0]!.text).toContain('Workflow tools (flow_…) do a job across apps in one call');
  const tools = result.messages.filter((m: BaseMessage) => m.getType() === 'tool').map((m: BaseMessage) => JSON.parse(String(m.content)));
  expect(rows(tools[0].only_in_crm)).toHaveLength(1);
  expect(tools[1].status).toBe('done');
  expect(h.confirmations).toHaveLength(1);
  expect(model.boundTools).toEqual(expect.arrayContaining(['flow_compare_customers', 'flow_sync_customers_to_books']));
  expect(String(result.messages.at(-1)!.content)).toBe('Books now follows CRM.');
});
