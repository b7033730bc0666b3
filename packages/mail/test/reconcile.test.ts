/**
 * Writes whose answer was lost. A short header timeout turns the emulator's slow answer into a lost one; the
 * write still lands when the emulator gets to it (1.5 s later), so the reconcile check must wait and find it
 * in Sent (Drafts, or the message's new state) — and never send again. A reset before the request reached
 * the emulator leaves nothing to find: not applied.
 */
import type { AuditEvent } from '@zoho-agent-kit/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { posts, startMail, type MailHarness } from './helpers.js';

let h: MailHarness;
const events: AuditEvent[] = [];

beforeAll(async () => {
  h = await startMail({
    connection: { http: { headersTimeoutMs: 300 } },
    toolkit: { reconcileSettleMs: [1000, 1500], audit: (e) => void events.push(e) },
  });
});
afterAll(() => h.close());
afterEach(() => {
  h.emu.faults.clear();
  h.emu.resetState('mail');
  h.emu.counters.reset();
  h.confirmations.length = 0;
  events.length = 0;
});

const SEND = 'POST /api/accounts/:accountId/messages';
const RESPOND = 'POST /api/accounts/:accountId/messages/:messageId';
const inFolder = (path: string) => h.maya().messages.filter((m) => m.folderId === h.folderId(path));

describe('mail_send after a lost answer', () => {
  const input = { to: ['bob.burns@zylker.example'], cc: ['amelia.chen@zylker.example'], subject: 'Lost answer', text: 'Sent once.' };

  it('a send that timed out after Zoho sent it is reported applied with its id, found in Sent, sent once', async () => {
    h.emu.faults.add({ route: `${SEND}`, kind: 'slow', delayMs: 1500, times: 1 });
    const res = await h.call('mail_send', input);
    expect(res.outcome, res.text).toBe('ok');
    expect(res.reconciled).toBe('applied');
    const sent = inFolder('/Sent').filter((m) => m.subject === 'Lost answer');
    expect(sent).toHaveLength(1);
    expect(res.json).toMatchObject({ reconciled: 'applied', id: sent[0]!.messageId, result: { status: 'sent', message_id: sent[0]!.messageId, subject: 'Lost answer' } });
    expect(res.json.note).toMatch(/did not answer in time.*applied.*found in Sent: "Lost answer".*Do not send it again/);
    expect(res.text).not.toMatch(/try again/i);
    expect(posts(h, SEND)).toBe(1);
    expect(events.at(-1)).toMatchObject({ tool: 'mail_send', outcome: 'ok', reconciled: 'applied', ids: [sent[0]!.messageId] });
  });

  it('a send reset before it reached Zoho is reported not applied; nothing is in Sent and nothing was resent', async () => {
    h.emu.faults.add({ route: SEND, kind: 'reset', times: 1 });
    const res = await h.call('mail_send', input);
    expect(res.outcome).toBe('error');
    expect(res.reconciled).toBe('not_applied');
    expect(res.text).toMatch(/NOT applied \(no such message in Sent or Outbox since .*\)/);
    expect(posts(h, SEND)).toBe(1);
    expect(inFolder('/Sent').some((m) => m.subject === 'Lost answer')).toBe(false);
  });

  it('an identical mail sent before this send is not taken for it', async () => {
    const first = await h.call('mail_send', input);
    expect(first.outcome).toBe('ok');
    // The earlier copy must be older than the clock-skew allowance to be told apart.
    inFolder('/Sent').find((m) => m.subject === 'Lost answer')!.receivedTime -= 60_000;
    h.emu.faults.add({ route: SEND, kind: 'reset', times: 1 });
    const res = await h.call('mail_send', input);
    expect(res.reconciled).toBe('not_applied');
    expect(posts(h, SEND)).toBe(2);
  });

  it('a send answered 5xx is checked in Sent, not reported as "try again later"', async () => {
    h.emu.faults.add({ route: SEND, kind: 'status', status: 503, times: 1 });
    const res = await h.call('mail_send', input);
    expect(res.reconciled).toBe('not_applied');
    expect(res.text).toMatch(/INTERNAL_SERVER_ERROR.*NOT applied/);
    expect(posts(h, SEND)).toBe(1);
  });
});

describe('mail_reply, mail_save_draft and mail_update_message after a lost answer', () => {
  it('a reply that timed out is found in Sent, sent once', async () => {
    const wile = h.message('Rebrand proposal?');
    h.emu.faults.add({ route: RESPOND, kind: 'slow', delayMs: 1500, times: 1 });
    const res = await h.call('mail_reply', { message_id: wile.messageId, folder_id: wile.folderId, text: 'We would love to pitch.' });
    expect(res.reconciled, res.text).toBe('applied');
    const replies = inFolder('/Sent').filter((m) => m.subject === 'Re: Rebrand proposal?');
    expect(replies).toHaveLength(1);
    expect(res.json.id).toBe(replies[0]!.messageId);
    expect(posts(h, RESPOND)).toBe(1);
  });

  it('a draft that timed out is found in Drafts; a reset one is not applied', async () => {
    h.emu.faults.add({ route: SEND, kind: 'slow', delayMs: 1500, times: 1 });
    const res = await h.call('mail_save_draft', { to: ['wile.coyote@acme-widgets.example'], subject: 'Pitch outline', text: 'draft' });
    expect(res.reconciled, res.text).toBe('applied');
    expect(res.json.note).toMatch(/found in Drafts/);
    expect(inFolder('/Drafts').filter((m) => m.subject === 'Pitch outline')).toHaveLength(1);
    h.emu.faults.add({ route: SEND, kind: 'reset', times: 1 });
    const lost = await h.call('mail_save_draft', { subject: 'Second outline', text: 'draft' });
    expect(lost.reconciled).toBe('not_applied');
    expect(posts(h, SEND)).toBe(2);
  });

  it('an update that timed out is read back and reported applied; a reset one not applied', async () => {
    const nda = h.message('NDA for review');
    h.emu.faults.add({ route: 'PUT /api/accounts/:accountId/updatemessage', kind: 'slow', delayMs: 1500, times: 1 });
    const res = await h.call('mail_update_message', { message_ids: [nda.messageId], folder_id: nda.folderId, read: false });
    expect(res.reconciled, res.text).toBe('applied');
    expect(res.json).toMatchObject({ reconciled: 'applied', id: nda.messageId, result: { status: 'updated', messages: [{ unread: true }] } });
    expect(nda.read).toBe(false);
    h.emu.faults.add({ route: 'PUT /api/accounts/:accountId/updatemessage', kind: 'reset', times: 1 });
    const lost = await h.call('mail_update_message', { message_ids: [nda.messageId], folder_id: nda.folderId, move_to: '/Finance' });
    expect(lost.reconciled).toBe('not_applied');
    expect(nda.folderId).toBe(h.folderId('/Inbox'));
  });
});
