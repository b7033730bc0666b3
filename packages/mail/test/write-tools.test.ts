import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { posts, startMail, type MailHarness } from './helpers.js';

let h: MailHarness;
beforeAll(async () => {
  h = await startMail();
});
afterAll(() => h.close());
afterEach(() => {
  h.emu.faults.clear();
  h.emu.resetState('mail');
  h.emu.counters.reset();
  h.confirmations.length = 0;
  h.approve.value = true;
});

const sentFolder = () => h.folderId('/Sent');
const inSent = () => h.maya().messages.filter((m) => m.folderId === sentFolder());
const UPLOAD = 'POST /api/accounts/:accountId/messages/attachments';
const RESPOND = 'POST /api/accounts/:accountId/messages/:messageId';

describe('mail_send', () => {
  it('confirms every recipient and the full body, sends once, and stores the mail in Sent', async () => {
    const before = inSent().length;
    const text = 'Hi Bob,\n\nThe estimate follows on Thursday.\n\nMaya';
    const res = await h.call('mail_send', {
      to: ['Bob Burns <bob.burns@zylker.example>'],
      cc: ['amelia.chen@zylker.example'],
      bcc: ['daniel.okafor@northwind-creative.example'],
      subject: 'Q3 estimate',
      text,
    });
    expect(res.outcome, res.text).toBe('ok');
    const confirm = h.confirmations[0]!;
    expect(confirm.summary).toBe('Send "Q3 estimate" from maya.ortiz@northwind-creative.example to bob.burns@zylker.example; cc amelia.chen@zylker.example; bcc daniel.okafor@northwind-creative.example');
    expect(confirm.after).toEqual({
      from: 'maya.ortiz@northwind-creative.example',
      to: ['Bob Burns <bob.burns@zylker.example>'],
      cc: ['amelia.chen@zylker.example'],
      bcc: ['daniel.okafor@northwind-creative.example'],
      subject: 'Q3 estimate',
      format: 'plaintext',
      body: text,
    });
    expect(confirm.payload).toMatchObject({ fromAddress: 'maya.ortiz@northwind-creative.example', toAddress: 'bob.burns@zylker.example', ccAddress: 'amelia.chen@zylker.example', bccAddress: 'daniel.okafor@northwind-creative.example', content: text, mailFormat: 'plaintext' });
    expect(posts(h)).toBe(1);
    expect(inSent().length).toBe(before + 1);
    const stored = inSent().find((m) => m.subject === 'Q3 estimate')!;
    expect(stored).toMatchObject({ content: text, format: 'plaintext', to: [{ address: 'bob.burns@zylker.example' }], bcc: [{ address: 'daniel.okafor@northwind-creative.example' }] });
    expect(res.json).toMatchObject({ status: 'sent', message_id: stored.messageId, folder_id: sentFolder(), to: ['Bob Burns <bob.burns@zylker.example>'] });
    expect(Number(res.json.message_id)).toBeGreaterThan(Number.MAX_SAFE_INTEGER);
  });

  it('a refused confirmation sends nothing', async () => {
    h.approve.value = false;
    const before = h.emu.counters.requests({ app: 'mail', route: 'POST /**' });
    const res = await h.call('mail_send', { to: ['bob.burns@zylker.example'], subject: 'No', text: 'x' });
    expect(res.outcome).toBe('refused');
    expect(res.text).toMatch(/The user declined: Send "No".*Nothing was sent/);
    expect(h.emu.counters.requests({ app: 'mail', route: 'POST /**' })).toBe(before);
    expect(inSent().some((m) => m.subject === 'No')).toBe(false);
  });

  it('sends from a send-as address only; a bad sender or recipient is a field error before confirmation', async () => {
    const ok = await h.call('mail_send', { from: 'hello@northwind-creative.example', to: ['bob.burns@zylker.example'], subject: 'From hello', text: 'x' });
    expect(ok.outcome, ok.text).toBe('ok');
    expect(inSent().find((m) => m.subject === 'From hello')!.from).toEqual({ address: 'hello@northwind-creative.example', name: 'Northwind Creative' });
    const before = h.emu.counters.requests({ app: 'mail', route: 'POST /**' });
    h.confirmations.length = 0;
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ from: 'ceo@evil.example', to: ['bob.burns@zylker.example'], subject: 's', text: 'x' }, /field "from": ceo@evil.example is not a send-as address of this account; use one of maya.ortiz@northwind-creative.example, maya@northwind-creative.example, hello@northwind-creative.example/],
      [{ from: 'press@northwind-creative.example', to: ['bob.burns@zylker.example'], subject: 's', text: 'x' }, /field "from": press@northwind-creative.example is not a send-as address of this account; use one of maya.ortiz@northwind-creative.example, maya@northwind-creative.example, hello@northwind-creative.example\. /],
      [{ to: ['bob.burns@zylker'], subject: 's', text: 'x' }, /field "to\[0\]": "bob.burns@zylker" is not an email address/],
      [{ to: ['a@zylker.example'], cc: ['not an address'], subject: 's', text: 'x' }, /field "cc\[0\]"/],
      [{ to: ['a@zylker.example'], bcc: ['A <a@zylker.example>'], subject: 's', text: 'x' }, /field "bcc\[0\]": a@zylker.example is already a recipient \(to\[0\]\)/],
      [{ to: [], subject: 's', text: 'x' }, /field "to": give at least one recipient/],
      [{ to: ['a@zylker.example'], text: 'x' }, /field "subject": give a subject/],
      [{ to: ['a@zylker.example'], subject: 's' }, /field "text": give the body as text, html or template/],
      [{ to: ['a@zylker.example'], subject: 's', text: 'x', html: '<p>x</p>' }, /give one of text, html or template, not text and html/],
      [{ to: Array.from({ length: 101 }, (_, i) => `p${i}@zylker.example`), subject: 's', text: 'x' }, /101 recipients is more than 100/],
      [{ to: ['a@zylker.example'], subject: 's', text: 'x', attachments: ['missing.pdf'] }, /field "attachments\[0\]": no file "missing.pdf" in the files folder/],
      [{ to: ['a@zylker.example'], subject: 's', text: 'x', attachments: ['../etc/passwd'] }, /field "attachments\[0\]": must not contain "\.\."/],
      [{ to: ['a@zylker.example'], subject: 's', text: 'x', tos: ['x'] }, /unknown field "tos"; did you mean "to"/],
    ];
    for (const [input, message] of cases) {
      const res = await h.call('mail_send', input);
      expect(res.outcome, JSON.stringify(input).slice(0, 80)).toBe('invalid');
      expect(res.text).toMatch(message);
    }
    expect(h.confirmations).toEqual([]);
    expect(h.emu.counters.requests({ app: 'mail', route: 'POST /**' })).toBe(before);
  });

  it('sends HTML, and attachments from the files folder (one upload, then the send)', async () => {
    mkdirSync(join(h.dir, 'estimates'), { recursive: true });
    writeFileSync(join(h.dir, 'estimates', 'q3.pdf'), '%PDF-1.4 estimate');
    const res = await h.call('mail_send', { to: ['bob.burns@zylker.example'], subject: 'Estimate attached', html: '<p>Hi Bob,</p><p>Attached: the <b>Q3</b> estimate.</p>', attachments: ['estimates/q3.pdf'] });
    expect(res.outcome, res.text).toBe('ok');
    expect(h.confirmations[0]!.after).toMatchObject({ format: 'html', body: 'Hi Bob,\n\nAttached: the Q3 estimate.', attachments: [{ file: 'estimates/q3.pdf', size: 17 }] });
    expect(h.confirmations[0]!.summary).toMatch(/; 1 attachment$/);
    expect(posts(h, UPLOAD)).toBe(1);
    const stored = inSent().find((m) => m.subject === 'Estimate attached')!;
    expect(stored.attachments.map((a) => [a.name, a.data.toString()])).toEqual([['q3.pdf', '%PDF-1.4 estimate']]);
    expect(res.json.attachments).toEqual(['q3.pdf']);
  });

  it('a mail to one of the emulator accounts arrives in its Inbox', async () => {
    const res = await h.call('mail_send', { to: ['hello@northwind-creative.example'], subject: 'Internal note', text: 'hi' });
    expect(res.outcome, res.text).toBe('ok');
    const hello = h.state().accounts[1]!;
    expect(hello.messages.some((m) => m.subject === 'Internal note' && !m.read)).toBe(true);
  });
});

describe('templates', () => {
  it('fills a template: the confirmation shows the filled subject and body, sent as HTML', async () => {
    mkdirSync(join(h.dir, 'templates'), { recursive: true });
    writeFileSync(join(h.dir, 'templates', 'kickoff.md'), '---\nsubject: Kickoff for {{project}}\n---\nHi {{first_name}},\n\nWelcome to **{{project}}**. See [the plan]({{plan_url}}).\n\n{{sender_name}}');
    const res = await h.call('mail_send', {
      to: ['samuel.osei@redwood-health.example'],
      template: { name: 'kickoff', values: { first_name: 'Samuel', project: 'Redwood <Spring> Campaign', plan_url: 'https://plan.example/r?a=1&b=2' } },
    });
    expect(res.outcome, res.text).toBe('ok');
    const after = h.confirmations[0]!.after as Record<string, string>;
    expect(after).toMatchObject({ subject: 'Kickoff for Redwood <Spring> Campaign', format: 'html', template: 'kickoff' });
    expect(after.body).toBe('Hi Samuel,\n\nWelcome to Redwood <Spring> Campaign. See the plan [https://plan.example/r?a=1&b=2].\n\nMaya Ortiz');
    const stored = inSent().find((m) => m.subject === 'Kickoff for Redwood <Spring> Campaign')!;
    expect(stored.format).toBe('html');
    expect(stored.content).toContain('<strong>Redwood &lt;Spring&gt; Campaign</strong>');
    expect(stored.content).toContain('href="https://plan.example/r?a=1&amp;b=2"');
  });

  it('an unfilled placeholder, an unknown value or template is an error before confirmation', async () => {
    const before = posts(h);
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ name: 'meeting-request', values: { first_name: 'Bob' } }, /field "template.values": the template "meeting-request" needs \{\{topic\}\}, \{\{availability\}\}/],
      [{ name: 'meeting-request', values: { first_name: 'Bob', topic: 'x', availability: 'y', budget: '1' } }, /has no placeholder \{\{budget\}\}/],
      [{ name: 'nope' }, /field "template.name": no template "nope"; the templates are .*follow-up/],
    ];
    for (const [template, message] of cases) {
      const res = await h.call('mail_send', { to: ['bob.burns@zylker.example'], template });
      expect(res.outcome).toBe('invalid');
      expect(res.text).toMatch(message);
    }
    expect(h.confirmations).toEqual([]);
    expect(posts(h)).toBe(before);
  });
});

describe('mail_reply', () => {
  it('replies to the sender, quoting the original, in its thread, from the address it was sent to', async () => {
    const wile = h.message('Rebrand proposal?');
    const res = await h.call('mail_reply', { message_id: wile.messageId, folder_id: wile.folderId, text: 'Hi Wile,\n\nWe would love to pitch.\n\nMaya' });
    expect(res.outcome, res.text).toBe('ok');
    const confirm = h.confirmations[0]!;
    expect(confirm.summary).toBe('Reply "Re: Rebrand proposal?" from maya@northwind-creative.example to wile.coyote@acme-widgets.example');
    const body = (confirm.after as { body: string }).body;
    expect(body).toMatch(/^Hi Wile,\n\nWe would love to pitch.\n\nMaya\n\nOn .*, Wile Coyote <wile.coyote@acme-widgets.example> wrote:\n> Hi Maya,\n/);
    expect(posts(h, RESPOND)).toBe(1);
    const stored = inSent().find((m) => m.subject === 'Re: Rebrand proposal?')!;
    expect(stored).toMatchObject({ threadId: wile.threadId, inReplyTo: wile.mailId, from: { address: 'maya@northwind-creative.example' } });
    expect(res.json).toMatchObject({ status: 'sent', message_id: stored.messageId, to: ['Wile Coyote <wile.coyote@acme-widgets.example>'] });
  });

  it("reply-all goes to the Reply-To and every other recipient, never to the mailbox's own addresses", async () => {
    const tomas = h.maya().messages.find((m) => m.from.address.startsWith('tomas.rivera'))!;
    const res = await h.call('mail_reply', { message_id: tomas.messageId, folder_id: tomas.folderId, reply_all: true, html: '<p>Noted: SSO and a weekend DNS change.</p>' });
    expect(res.outcome, res.text).toBe('ok');
    const after = h.confirmations[0]!.after as Record<string, unknown>;
    expect(after.to).toEqual(['Bluebird IT <it-team@bluebird-logistics.example>']);
    expect(after.cc).toEqual(['Grace Hopper <grace.hopper@bluebird-logistics.example>', 'Priya Natarajan <priya.natarajan@northwind-creative.example>']);
    expect(JSON.stringify([after.to, after.cc])).not.toContain('maya.ortiz@');
    const stored = inSent().find((m) => m.subject === 'Re: Website relaunch timeline' && m.receivedTime > tomas.receivedTime)!;
    expect(stored.content).toMatch(/^<p>Noted: SSO and a weekend DNS change.<\/p><br><div>On .* wrote:<\/div><blockquote/);
  });

  it('a reply from a template keeps "Re:"; an unknown message is a field error', async () => {
    const bob = h.message('Re: Q3 campaign brief');
    const res = await h.call('mail_reply', { message_id: bob.messageId, folder_id: bob.folderId, template: { name: 'meeting-request', values: { first_name: 'Bob', topic: 'the estimate', availability: 'Tuesday 10:00' } } });
    expect(res.outcome, res.text).toBe('ok');
    expect(h.confirmations[0]!.after).toMatchObject({ subject: 'Re: Q3 campaign brief', template: 'meeting-request', to: ['Bob Burns <bob.burns@zylker.example>'] });
    const missing = await h.call('mail_reply', { message_id: '1721050000000099999', folder_id: bob.folderId, text: 'x' });
    expect(missing.outcome).toBe('invalid');
    expect(missing.text).toMatch(/field "message_id": no message 1721050000000099999/);
  });
});

describe('mail_forward', () => {
  it("forwards with a note and the original's attachments", async () => {
    const report = h.message('Weekly marketing report');
    const res = await h.call('mail_forward', { message_id: report.messageId, folder_id: report.folderId, to: ['sofia.lindqvist@northwind-creative.example'], text: 'Sofia, for the ops review.' });
    expect(res.outcome, res.text).toBe('ok');
    const after = h.confirmations[0]!.after as Record<string, unknown>;
    expect(after).toMatchObject({ subject: 'Fwd: Weekly marketing report', forwarded_attachments: ['marketing-report.csv'] });
    expect(after.body).toMatch(/^Sofia, for the ops review.\n\n---------- Forwarded message ----------\nFrom: Leo Brandt <leo.brandt@northwind-creative.example>\n/);
    const stored = inSent().find((m) => m.subject === 'Fwd: Weekly marketing report')!;
    expect(stored.attachments.map((a) => a.name)).toEqual(['marketing-report.csv']);
    expect(res.json.attachments).toEqual(['marketing-report.csv']);
  });
});

describe('mail_save_draft', () => {
  it('saves a new draft in Drafts; nothing is sent', async () => {
    const drafts = h.folderId('/Drafts');
    const sentBefore = inSent().length;
    const res = await h.call('mail_save_draft', { to: ['wile.coyote@acme-widgets.example'], subject: 'Pitch outline', text: 'Draft for Sofia to finish.' });
    expect(res.outcome, res.text).toBe('ok');
    expect(res.json).toMatchObject({ status: 'saved_as_draft', folder_id: drafts });
    expect(h.confirmations[0]!.summary).toMatch(/^Save draft "Pitch outline"/);
    expect(h.maya().messages.find((m) => m.subject === 'Pitch outline')!.folderId).toBe(drafts);
    expect(inSent().length).toBe(sentBefore);
  });

  it('drafts a reply: recipients, Re: subject and the quote follow from the message', async () => {
    const samuel = h.message('Campaign kickoff meeting');
    const res = await h.call('mail_save_draft', { reply_to_message_id: samuel.messageId, folder_id: samuel.folderId, reply_all: true, text: 'Wednesday 14:00 works.' });
    expect(res.outcome, res.text).toBe('ok');
    expect(h.confirmations[0]!.after).toMatchObject({ to: ['Samuel Osei <samuel.osei@redwood-health.example>'], cc: ['Lena Fischer <lena.fischer@redwood-health.example>'], subject: 'Re: Campaign kickoff meeting' });
    const draft = h.maya().messages.find((m) => m.folderId === h.folderId('/Drafts') && m.receivedTime > samuel.receivedTime && m.subject === 'Re: Campaign kickoff meeting' && m.content.startsWith('Wednesday'))!;
    expect(draft.content).toMatch(/wrote:\n> Hi Maya,/);
    const bad = await h.call('mail_save_draft', { reply_all: true, text: 'x' });
    expect(bad.text).toMatch(/field "reply_all": goes with reply_to_message_id/);
    const empty = await h.call('mail_save_draft', {});
    expect(empty.text).toMatch(/an empty draft/);
  });
});

describe('mail_update_message', () => {
  it('shows before → after and applies read, flag, labels and move', async () => {
    const bob = h.message('Re: Q3 campaign brief');
    const res = await h.call('mail_update_message', { message_ids: [bob.messageId], folder_id: bob.folderId, read: true, flag: 'follow_up', add_labels: ['Urgent'], remove_labels: ['Prospect'], move_to: '/Clients/Zylker Corp' });
    expect(res.outcome, res.text).toBe('ok');
    const confirm = h.confirmations[0]!;
    expect(confirm.summary).toBe('Update message "Re: Q3 campaign brief": mark read, flag follow_up, add label Urgent, remove label Prospect, move to /Clients/Zylker Corp');
    expect(confirm.before).toEqual([{ message_id: bob.messageId, subject: 'Re: Q3 campaign brief', folder: '/Inbox', unread: true, flag: 'important', labels: ['Follow-up', 'Prospect'] }]);
    expect(confirm.after).toEqual([{ message_id: bob.messageId, subject: 'Re: Q3 campaign brief', folder: '/Clients/Zylker Corp', unread: false, flag: 'follow_up', labels: ['Follow-up', 'Urgent'] }]);
    expect(bob).toMatchObject({ read: true, flag: 'followup', folderId: h.folderId('/Clients/Zylker Corp') });
    expect(bob.labelIds.sort()).toEqual(['4411200002000000002', '4411200002000000003']);
    expect(h.emu.counters.requests({ app: 'mail', route: 'PUT /api/accounts/:accountId/updatemessage' })).toBe(5);
    // The moved message is found in its new folder without being told.
    const again = await h.call('mail_get_message', { message_id: bob.messageId });
    expect(again.json.folder_id).toBe(h.folderId('/Clients/Zylker Corp'));
  });

  it('changes only what differs; nothing to change, unknown labels or folders are field errors', async () => {
    const nda = h.message('NDA for review');
    const before = h.emu.counters.requests({ app: 'mail', route: 'PUT /**' });
    expect((await h.call('mail_update_message', { message_ids: [nda.messageId], folder_id: nda.folderId, read: true })).text).toMatch(/nothing would change/);
    expect((await h.call('mail_update_message', { message_ids: [nda.messageId], folder_id: nda.folderId })).text).toMatch(/say what to change/);
    expect((await h.call('mail_update_message', { message_ids: [nda.messageId], folder_id: nda.folderId, add_labels: ['VIP'] })).text).toMatch(/field "add_labels\[0\]": no label "VIP"; the labels are Prospect, Follow-up, Urgent, Invoices/);
    expect((await h.call('mail_update_message', { message_ids: [nda.messageId], folder_id: nda.folderId, move_to: 'Archive' })).text).toMatch(/field "move_to": no folder "Archive"/);
    expect((await h.call('mail_update_message', { message_ids: [], read: true })).text).toMatch(/field "message_ids": give 1 to 10/);
    expect(h.emu.counters.requests({ app: 'mail', route: 'PUT /**' })).toBe(before);
  });

  it('a change refused part way says what was applied, where it stopped, what was not sent, and how to resume', async () => {
    const bob = h.message('Re: Q3 campaign brief');
    const inbox = bob.folderId;
    const PUT = 'PUT /api/accounts/:accountId/updatemessage';
    h.emu.faults.add({ route: PUT, kind: 'status', status: 400, times: 1, after: 1 }); // the second call is refused
    const input = { message_ids: [bob.messageId], folder_id: inbox, read: true, flag: 'follow_up', move_to: '/Finance' };
    const res = await h.call('mail_update_message', input);
    expect(res.outcome).toBe('error');
    const one = `(message ${bob.messageId})`;
    expect(res.json).toMatchObject({
      status: 'stopped',
      summary: 'Stopped at change 2 of 3: 1 applied, 2 not.',
      applied: [`mark read ${one}`],
      stopped_at: { change: `flag follow_up ${one}`, status: 'not_applied', error: expect.stringMatching(/HTTP 400/) },
      not_attempted: [`move to /Finance ${one}`],
      resume: expect.stringMatching(/call mail_update_message again with the same input: changes already in place are left out/),
    });
    expect(bob).toMatchObject({ read: true, flag: 'important', folderId: inbox });
    // Doing what it says sends only the two that were not applied.
    const again = await h.call('mail_update_message', input);
    expect(again.outcome, again.text).toBe('ok');
    expect(bob).toMatchObject({ read: true, flag: 'followup', folderId: h.folderId('/Finance') });
    expect(h.emu.counters.requests({ app: 'mail', route: PUT })).toBe(4);
  });

  it('marks several messages unread at once', async () => {
    const ids = h.maya().messages.filter((m) => m.folderId === h.folderId('/Inbox') && m.read).slice(0, 3);
    const res = await h.call('mail_update_message', { message_ids: ids.map((m) => m.messageId), folder_id: h.folderId('/Inbox'), read: false });
    expect(res.outcome, res.text).toBe('ok');
    expect(ids.every((m) => !m.read)).toBe(true);
    expect(h.emu.counters.requests({ app: 'mail', route: 'PUT /**' })).toBe(1);
  });
});
