import { ZohoConfigError } from '@zoho-agent-kit/core';
import { startEmulator, type Emulator } from '@zoho-agent-kit/core/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailClient } from '../src/client.js';
import { mailEmulator } from '../src/emulator/index.js';
import { rowsOf, startMail } from './helpers.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ apps: [mailEmulator], limits: { mail: false } });
});
afterAll(() => emu.close());

describe('account discovery', () => {
  it('uses the primary of several accounts and says once which it picked', async () => {
    const h = await startMail({ reuse: emu });
    try {
      const first = await h.call('mail_list_labels', {});
      expect(first.json.account_note).toBe(
        "Using Maya Ortiz's mailbox maya.ortiz@northwind-creative.example (account_id 4411200000000000001), the primary of 2 accounts; the others: hello@northwind-creative.example (4411200000000000002). Set ZOHO_MAIL_ACCOUNT_ID to use another.",
      );
      const second = await h.call('mail_list_labels', {});
      expect(second.json.account_note).toBeUndefined();
      // Listed once for the client's life.
      expect(emu.counters.requests({ app: 'mail', route: 'GET /api/accounts' })).toBe(1);
    } finally {
      await h.close();
    }
  });

  it('uses ZOHO_MAIL_ACCOUNT_ID (the accountId option) without listing the accounts', async () => {
    emu.counters.reset();
    const h = await startMail({ reuse: emu, plugin: { accountId: '4411200000000000002' } });
    try {
      const res = await h.call('mail_list_messages', {});
      expect(res.outcome, res.text).toBe('ok');
      expect(rowsOf(res.json).map((r) => r.subject)).toEqual(['Website inquiry: brand refresh', 'Portfolio request']);
      expect(res.json.account_note).toBeUndefined();
      expect(emu.counters.requests({ app: 'mail', route: 'GET /api/accounts' })).toBe(0);
      const sendAs = await h.call('mail_send', { from: 'maya@northwind-creative.example', to: ['jordan@brightpath.example'], subject: 's', text: 'x' });
      expect(sendAs.text).toMatch(/field "from": maya@northwind-creative.example is not a send-as address of this account; use one of hello@northwind-creative.example/);
    } finally {
      await h.close();
    }
  });

  it('names the variable for a malformed or unknown account id, and for a user without a mailbox', async () => {
    const h = await startMail({ reuse: emu });
    try {
      expect(() => new MailClient(h.connection, { accountId: 'abc' })).toThrow(ZohoConfigError);
      const unknown = await startMail({ reuse: emu, plugin: { accountId: '4411200000000009999' } });
      try {
        const res = await unknown.call('mail_list_folders', {});
        expect(res.outcome).toBe('error');
        expect(res.text).toMatch(/ZOHO_MAIL_ACCOUNT_ID.*no Mail account 4411200000000009999/);
      } finally {
        await unknown.close();
      }
    } finally {
      await h.close();
    }
    const empty = await startMail({ emulator: { seed: false } });
    try {
      expect((await empty.call('mail_list_folders', {})).text).toMatch(/ZOHO_MAIL_ACCOUNT_ID.*has no Zoho Mail account/);
    } finally {
      await empty.close();
    }
  });
});

describe("the day's budget of Mail requests", () => {
  // A generous minute budget so the test is fast; the daily cap is what is under test.
  const limits = (perDay: number) => ({ limits: { mail: { perWindow: 1000, windowMs: 1000, perDay } } });

  it('says how much is left once below 20 %, and fails fast with a clear message when spent', async () => {
    const h = await startMail({ reuse: emu, connection: limits(10), plugin: { accountId: '4411200000000000001' } });
    try {
      // Requests 1–2: the account and the labels. 8 of 10 left: no note yet.
      const first = await h.call('mail_list_labels', {});
      expect(first.json.budget_left).toBeUndefined();
      const left = [];
      for (let i = 0; i < 7; i++) left.push((await h.call('mail_list_folders', {})).json.budget_left);
      expect(left.slice(0, 6).every((n) => n === undefined)).toBe(true);
      expect(left[6]).toMatch(/^1 of 10 Zoho Mail requests left today \(refills in about 2[34] h( \d+ min)?\); make every call count$/);
      await h.call('mail_list_folders', {});
      const before = emu.counters.requests({ app: 'mail' });
      const spent = await h.call('mail_list_folders', {});
      expect(spent.outcome).toBe('error');
      expect(spent.text).toMatch(/DAILY_BUDGET_USED.*the day's budget of 10 Zoho Mail requests is spent, so nothing was sent; it refills at \S+Z \(in about 2[34] h( \d+ min)?\)\. Set it with the connection's limits\.mail\.perDay \(0 switches it off\)/);
      expect(emu.counters.requests({ app: 'mail' })).toBe(before);
    } finally {
      await h.close();
    }
  });

  it('a send that needs more requests than are left fails before confirmation', async () => {
    const h = await startMail({ reuse: emu, connection: limits(3), plugin: { accountId: '4411200000000000001' } });
    try {
      const { writeFileSync } = await import('node:fs');
      writeFileSync(`${h.dir}/a.txt`, 'a');
      await h.call('mail_list_labels', {}); // account + labels: 1 left
      const res = await h.call('mail_send', { to: ['bob.burns@zylker.example'], subject: 's', text: 'x', attachments: ['a.txt'] });
      expect(res.outcome).toBe('error');
      expect(res.text).toMatch(/this send needs 2 Zoho Mail requests and 1 of today's 3 is left, so nothing was sent/);
      expect(h.confirmations).toEqual([]);
    } finally {
      await h.close();
    }
  });

  it('perDay 0 switches the daily budget off', async () => {
    const h = await startMail({ reuse: emu, connection: limits(0) });
    try {
      for (let i = 0; i < 3; i++) expect((await h.call('mail_list_labels', {})).json.budget_left).toBeUndefined();
      expect(await h.connection.dailyBudget('mail')).toBeUndefined();
    } finally {
      await h.close();
    }
  });
});
