import { afterAll, beforeAll, expect, it } from 'vitest';
import { createZohoConnection, createZohoToolkit, findRole, scopesAllowed, ZohoOAuthClient, type ZohoConnection } from '@zoho-agent-kit/core';
import { DEMO_CLIENT, startEmulator, type Emulator } from '@zoho-agent-kit/core/emulator';
import { workflowsPlugin } from '../src/index.js';
import { APP_PLUGINS, SLICES } from './helpers.js';

// The scopes a role's toolkit asks for are enough for its flows: a token granted exactly those runs each job.
let emu: Emulator;
let connection: ZohoConnection;
const plugins = [...APP_PLUGINS, workflowsPlugin];

async function grant(scopes: string[]): Promise<ZohoConnection> {
  const redirectUri = 'http://127.0.0.1:9/callback';
  const auth = new URL('/oauth/v2/auth', emu.url);
  auth.search = new URLSearchParams({ client_id: DEMO_CLIENT.clientId, redirect_uri: redirectUri, response_type: 'code', scope: scopes.join(','), access_type: 'offline' }).toString();
  const location = (await fetch(auth, { redirect: 'manual' })).headers.get('location')!;
  const code = new URL(location).searchParams.get('code')!;
  const oauth = new ZohoOAuthClient({ clientId: DEMO_CLIENT.clientId, clientSecret: DEMO_CLIENT.clientSecret, region: 'us', accountsUrl: emu.url });
  const tokens = await oauth.exchangeCode({ code, redirectUri });
  return createZohoConnection({ region: 'us', clientId: DEMO_CLIENT.clientId, clientSecret: DEMO_CLIENT.clientSecret, refreshToken: tokens.refreshToken!, accountsUrl: emu.url, baseUrls: emu.baseUrls, limits: { crm: false, books: false, projects: false, cliq: false, calendar: false, mail: false } });
}

beforeAll(async () => {
  emu = await startEmulator({ apps: SLICES, limits: false });
});
afterAll(async () => {
  await connection?.close();
  await emu.close();
});

it("runs the CFO's flows on a token with only the CFO's minimal scopes", async () => {
  const policy = findRole('CFO')!.policy;
  const scopes = scopesAllowed(plugins, policy);
  expect(scopes.some((s) => s.startsWith('ZohoMail.') || s.startsWith('ZohoCalendar.') || s.startsWith('ZohoCliq.'))).toBe(false);
  connection = await grant(scopes);
  const kit = createZohoToolkit({ connection, plugins, policy, confirm: () => true });
  expect(kit.scopes).toEqual(scopes);
  for (const [name, input] of [
    ['flow_compare_customers', {}],
    ['flow_sync_customers_to_books', {}],
    ['flow_invoice_won_deal', { deal_id: '4150868000000100034' }],
    ['flow_bill_project_time', { project_id: '2438400000000000025', rate: '95.00' }],
    ['flow_project_status_report', { project_id: '2438400000000000025' }],
    ['flow_client_360', { client: 'Zylker Corp' }],
  ] as const) {
    const res = await kit.call(name, input);
    expect(res.outcome, `${name}: ${res.text.slice(0, 300)}`).toBe('ok');
  }
});

it.each([
  ['COO', [['flow_post_project_status', { project_id: '2438400000000000025', channel: 'marketing' }], ['flow_schedule_meeting', { title: 'Ops sync', attendees: ['maya.ortiz@northwind-creative.example', 'sofia.lindqvist@northwind-creative.example'], duration_minutes: 30, cliq_channel: 'marketing' }], ['flow_client_360', { client: 'Zylker Corp' }]]],
  ['AV', [['flow_schedule_meeting', { title: 'Board prep', attendees: ['maya.ortiz@northwind-creative.example', 'daniel.okafor@northwind-creative.example'], duration_minutes: 30, mail_invite: true }], ['flow_client_360', { client: 'Acme Widgets' }]]],
] as const)("runs the %s's flows on a token with only its minimal scopes", async (role, calls) => {
  const policy = findRole(role)!.policy;
  const granted = await grant(scopesAllowed(plugins, policy));
  try {
    const kit = createZohoToolkit({ connection: granted, plugins, policy, confirm: () => true });
    for (const [name, input] of calls) {
      const res = await kit.call(name, input);
      expect(res.outcome, `${name}: ${res.text.slice(0, 300)}`).toBe('ok');
    }
  } finally {
    await granted.close();
  }
});
