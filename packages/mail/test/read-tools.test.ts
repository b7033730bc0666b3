import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, startMail, type MailHarness } from './helpers.js';

let h: MailHarness;
beforeAll(async () => {
  h = await startMail();
});
afterAll(() => h.close());
afterEach(() => {
  h.emu.faults.clear();
  h.emu.resetState('mail');
});

const INBOX = '4411200001000000001';

describe('mail_list_folders', () => {
  it('lists system, custom and nested folders by path with unread and total counts, and the send-as addresses', async () => {
    const res = await h.call('mail_list_folders', {});
    expect(res.outcome, res.text).toBe('ok');
    const folders = rowsOf(res.json, 'folders');
    const inbox = h.maya().messages.filter((m) => m.folderId === INBOX);
    expect(folders.find((f) => f.path === '/Inbox')).toEqual({ folder_id: INBOX, path: '/Inbox', unread: inbox.filter((m) => !m.read).length, total: inbox.length });
    expect(folders.map((f) => f.path)).toEqual(expect.arrayContaining(['/Sent', '/Drafts', '/Clients', '/Clients/Zylker Corp', '/Clients/Helios Solar', '/Newsletters']));
    expect(res.json.account).toEqual({
      account_id: '4411200000000000001',
      email: 'maya.ortiz@northwind-creative.example',
      send_as: ['maya.ortiz@northwind-creative.example', 'maya@northwind-creative.example', 'hello@northwind-creative.example'],
    });
    // press@ is a send-as address Zoho lists disabled (not verified): not one to send from, so not listed.
    expect(h.maya().sendAs.find((a) => a.fromAddress === 'press@northwind-creative.example')).toMatchObject({ disabled: true });
  });
});

describe('mail_list_messages', () => {
  it('lists the Inbox newest first as a table, with exact 19-digit ids (bare JSON numbers at Zoho)', async () => {
    const res = await h.call('mail_list_messages', { limit: 5 });
    expect(res.outcome, res.text).toBe('ok');
    expect(res.json).toMatchObject({ folder: '/Inbox', folder_id: INBOX, next_start: 6 });
    const rows = rowsOf(res.json);
    const seeded = h.maya().messages.filter((m) => m.folderId === INBOX).sort((a, b) => b.receivedTime - a.receivedTime);
    expect(rows.map((r) => r.message_id)).toEqual(seeded.slice(0, 5).map((m) => m.messageId));
    // Beyond 2^53: a JSON.parse would have rounded them to other ids.
    expect(Number(rows[0].message_id)).toBeGreaterThan(Number.MAX_SAFE_INTEGER);
    expect(rows[0].message_id).toBe('1721050000000000031');
    const bob = rows.find((r) => r.subject === 'Re: Q3 campaign brief');
    expect(bob).toMatchObject({ from: 'Bob Burns <bob.burns@zylker.example>', unread: true, flag: 'important', labels: 'Prospect, Follow-up' });
    // To the minute, UTC; no "to" when the mail went only to the mailbox's own address.
    expect(bob.date).toBe(new Date(h.message('Re: Q3 campaign brief').receivedTime).toISOString().slice(0, 16).replace('T', ' '));
    expect(bob.to).toBeUndefined();
    expect(rows.find((r) => r.subject === 'Rebrand proposal?').to).toBe('maya@northwind-creative.example');
  });

  it('pages to the end with next_start, every Inbox message once', async () => {
    const seen: string[] = [];
    let start: number | undefined = 1;
    let pages = 0;
    while (start !== undefined) {
      const res = await h.call('mail_list_messages', { limit: 8, start });
      expect(res.outcome, res.text).toBe('ok');
      seen.push(...rowsOf(res.json).map((r) => r.message_id));
      start = res.json.next_start;
      pages++;
    }
    const inbox = h.maya().messages.filter((m) => m.folderId === INBOX);
    expect(pages).toBe(Math.ceil(inbox.length / 8));
    expect(new Set(seen).size).toBe(inbox.length);
    expect(seen.sort()).toEqual(inbox.map((m) => m.messageId).sort());
  });

  it('filters unread and flagged mail, and lists a nested folder by path, name or id', async () => {
    const unreadRes = (await h.call('mail_list_messages', { unread_only: true, limit: 50 })).json;
    const unread = rowsOf(unreadRes);
    expect(unread.length).toBe(h.maya().messages.filter((m) => m.folderId === INBOX && !m.read).length);
    // Said once for the table: every row is unread.
    expect(unreadRes.every_row).toMatchObject({ unread: true });
    const flagged = rowsOf((await h.call('mail_list_messages', { flagged_only: true })).json);
    expect(flagged.map((r) => r.subject).sort()).toEqual(['NDA for review', 'Re: Q3 campaign brief']);
    for (const folder of ['/Clients/Zylker Corp', 'Zylker Corp', h.folderId('/Clients/Zylker Corp')]) {
      const res = await h.call('mail_list_messages', { folder });
      expect(res.json.folder, folder).toBe('/Clients/Zylker Corp');
      expect(rowsOf(res.json)[0]).toMatchObject({ subject: 'Q3 campaign brief', attachments: true, labels: 'Prospect' });
    }
    const sent = await h.call('mail_list_messages', { folder: 'sent' });
    expect(sent.json.folder).toBe('/Sent');
    expect(rowsOf(sent.json)[0].to).toBe('grace.hopper@bluebird-logistics.example');
  });

  it('an unknown folder is a field error listing the folders, and nothing is listed', async () => {
    const before = h.emu.counters.requests({ app: 'mail', route: 'GET /api/accounts/*/messages/view' });
    const res = await h.call('mail_list_messages', { folder: '/Clients/Nope' });
    expect(res.outcome).toBe('invalid');
    expect(res.text).toMatch(/field "folder": no folder "\/Clients\/Nope"; the folders are \/Inbox, .*\/Clients\/Zylker Corp/);
    expect(h.emu.counters.requests({ app: 'mail', route: 'GET /api/accounts/*/messages/view' })).toBe(before);
  });

  it('bad input names the field and sends nothing', async () => {
    const before = h.emu.counters.requests({ app: 'mail' });
    for (const input of [{ limit: 500 }, { start: 0 }, { folders: 'Inbox' }, { unread_only: 'yes' }]) {
      const res = await h.call('mail_list_messages', input);
      expect(res.outcome, JSON.stringify(input)).toBe('invalid');
      expect(res.text).toMatch(new RegExp(Object.keys(input)[0]!));
    }
    expect(h.emu.counters.requests({ app: 'mail' })).toBe(before);
  });

  it("returns Zoho's rows with raw: true, ids exact", async () => {
    const res = await h.call('mail_list_messages', { limit: 2, raw: true });
    expect(res.json.messages[0]).toMatchObject({ messageId: '1721050000000000031', folderId: INBOX, status: '0', sender: 'Hana Kimura' });
  });
});

describe('mail_get_message', () => {
  it('reads an HTML message as plain text without quoted history and signature, with its headers', async () => {
    const msg = h.message('Re: Q3 campaign brief');
    const res = await h.call('mail_get_message', { message_id: msg.messageId, folder_id: msg.folderId });
    expect(res.outcome, res.text).toBe('ok');
    expect(res.json).toMatchObject({
      message_id: msg.messageId,
      folder_id: INBOX,
      thread_id: msg.threadId,
      from: 'Bob Burns <bob.burns@zylker.example>',
      to: ['Maya Ortiz <maya.ortiz@northwind-creative.example>'],
      cc: ['Amelia Chen <amelia.chen@zylker.example>'],
      subject: 'Re: Q3 campaign brief',
      unread: true,
      flag: 'important',
      labels: ['Prospect', 'Follow-up'],
    });
    expect(res.json.body).toBe('Hi Maya,\n\nGreat news, thank you. Amelia (our CFO, in copy) needs the estimate split into design, media buying and production.\nCan we meet Tuesday at 10:00 to go through it?\n\nBob');
    expect(res.json.trimmed).toMatch(/include_quoted/);
    expect(res.text).not.toMatch(/<div|wrote ---|Marketing Director/);
  });

  it('keeps the quoted history and signature when asked', async () => {
    const msg = h.message('Re: Q3 campaign brief');
    const res = await h.call('mail_get_message', { message_id: msg.messageId, folder_id: msg.folderId, include_quoted: true });
    expect(res.json.body).toMatch(/Marketing Director, Zylker Corp[\s\S]*wrote ---[\s\S]*We will have an estimate to you by Thursday/);
    expect(res.json.trimmed).toBeUndefined();
  });

  it('trims a plain-text message (its "On … wrote:" quote and sign-off), and shows Reply-To', async () => {
    const amelia = h.message(/^Invoice INV-000042/);
    const res = await h.call('mail_get_message', { message_id: amelia.messageId, folder_id: amelia.folderId });
    expect(res.json.body).toBe('Hello Maya,\n\nWe received invoice INV-000042. Could we pay it in two instalments, half now and half on delivery?\nOur finance team closes the month on the 28th.');
    const tomas = h.maya().messages.find((m) => m.from.address.startsWith('tomas.rivera'))!;
    const res2 = await h.call('mail_get_message', { message_id: tomas.messageId, folder_id: tomas.folderId });
    expect(res2.json.reply_to).toEqual(['Bluebird IT <it-team@bluebird-logistics.example>']);
    expect(res2.json.cc).toEqual(['Grace Hopper <grace.hopper@bluebird-logistics.example>', 'Priya Natarajan <priya.natarajan@northwind-creative.example>']);
  });

  it('lists attachments with id, name and size; finds the folder of a listed message by itself', async () => {
    const nda = h.message('NDA for review');
    await h.call('mail_list_messages', { limit: 50 });
    const res = await h.call('mail_get_message', { message_id: nda.messageId });
    expect(res.outcome, res.text).toBe('ok');
    expect(rowsOf(res.json, 'attachments')).toEqual([{ attachment_id: nda.attachments[0]!.attachmentId, name: 'Mutual-NDA.pdf', size: nda.attachments[0]!.data.length }]);
    expect(res.json).toMatchObject({ priority: 2, flag: 'important' });
  });

  it('asks for folder_id when it cannot know it, and names a wrong one', async () => {
    const fresh = await startMail({ reuse: h.emu });
    try {
      const res = await fresh.call('mail_get_message', { message_id: '1721050000000000007' });
      expect(res.outcome).toBe('invalid');
      expect(res.text).toMatch(/field "folder_id": give the folder_id of message 1721050000000000007/);
      const wrong = await fresh.call('mail_get_message', { message_id: '1721050000000000007', folder_id: h.folderId('/Sent') });
      expect(wrong.outcome).toBe('invalid');
      expect(wrong.text).toMatch(/no message 1721050000000000007 in folder/);
      const bad = await fresh.call('mail_get_message', { message_id: 1721050000000000007 });
      expect(bad.outcome).toBe('invalid');
      expect(bad.text).toMatch(/message_id.*beyond 2\^53.*send ids as strings/);
    } finally {
      await fresh.close();
    }
  });
});

describe('mail_search', () => {
  it('builds and escapes the search expression itself', async () => {
    const res = await h.call('mail_search', { from: 'Bob Burns', subject: 'campaign brief' });
    expect(res.outcome, res.text).toBe('ok');
    expect(res.json.search).toBe('sender:Bob::sender:Burns::subject:"campaign brief"');
    expect(rowsOf(res.json).map((r) => r.subject)).toEqual(['Re: Q3 campaign brief', 'Q3 campaign brief']);
    // Quotes, "::" and colons in a value cannot break the expression.
    const tricky = await h.call('mail_search', { subject: 'Invoice "INV-000042": payment::schedule' });
    expect(tricky.outcome, tricky.text).toBe('ok');
    expect(tricky.json.search).toBe('subject:"Invoice INV-000042: payment schedule"');
    expect(rowsOf(tricky.json).map((r) => r.subject)).toEqual(['Invoice INV-000042: payment schedule']);
  });

  it('searches across folders by text, with folder, unread, attachment and date filters', async () => {
    const all = rowsOf((await h.call('mail_search', { text: 'Zylker' })).json);
    expect(new Set(all.map((r) => r.folder_id)).size).toBeGreaterThan(1);
    const inFolder = await h.call('mail_search', { text: 'Zylker', folder: '/Clients/Zylker Corp' });
    expect(inFolder.json.folder_id).toBe(h.folderId('/Clients/Zylker Corp'));
    expect(rowsOf(inFolder.json).map((r) => r.subject)).toEqual(['Q3 campaign brief']);
    const withFiles = rowsOf((await h.call('mail_search', { text: 'Zylker', has_attachment: true })).json);
    expect(withFiles.every((r) => r.attachments === true)).toBe(true);
    const unread = rowsOf((await h.call('mail_search', { from: 'zylker.example', unread: true })).json);
    expect(unread.map((r) => r.subject).sort()).toEqual(['Invoice INV-000042: payment schedule', 'Re: Q3 campaign brief']);

    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const brief = h.message('Q3 campaign brief');
    const onDay = rowsOf((await h.call('mail_search', { from: 'bob.burns@zylker.example', date_from: day(brief.receivedTime), date_to: day(brief.receivedTime) })).json);
    expect(onDay.every((r) => day(Date.parse(r.date)) === day(brief.receivedTime))).toBe(true);
    expect(onDay.map((r) => r.message_id)).toContain(brief.messageId);
  });

  it('without words, lists across folders with the filters (unread mail with attachments)', async () => {
    const res = await h.call('mail_search', { has_attachment: true, unread: true });
    expect(res.outcome, res.text).toBe('ok');
    expect(res.json.search).toBeUndefined();
    const expected = h.maya().messages.filter((m) => !m.read && m.attachments.length && ['/Inbox', '/Clients/Zylker Corp', '/Clients/Helios Solar', '/Finance', '/Newsletters'].some((p) => h.folderId(p) === m.folderId));
    expect(rowsOf(res.json).map((r) => r.message_id).sort()).toEqual(expected.map((m) => m.messageId).sort());
  });

  it('pages a search to the end', async () => {
    const seen: string[] = [];
    let start: number | undefined = 1;
    while (start !== undefined) {
      const res = await h.call('mail_search', { text: 'Maya', limit: 4, start });
      seen.push(...rowsOf(res.json).map((r) => r.message_id));
      start = res.json.next_start;
    }
    expect(seen.length).toBeGreaterThan(8);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('refuses an empty search and reversed dates before any request', async () => {
    const before = h.emu.counters.requests({ app: 'mail', route: 'GET /api/accounts/*/messages/search' });
    expect((await h.call('mail_search', {})).text).toMatch(/give at least one of from, to, subject, text/);
    expect((await h.call('mail_search', { text: 'x', date_from: '2026-03-02', date_to: '2026-03-01' })).text).toMatch(/field "date_to": is before date_from/);
    expect((await h.call('mail_search', { text: 'x', date_from: '2026-02-30' })).text).toMatch(/date_from.*real date/);
    expect(h.emu.counters.requests({ app: 'mail', route: 'GET /api/accounts/*/messages/search' })).toBe(before);
  });
});

describe('mail_list_labels and mail_list_templates', () => {
  it('lists the labels', async () => {
    const res = await h.call('mail_list_labels', {});
    expect(rowsOf(res.json, 'labels').map((l) => l.name)).toEqual(['Prospect', 'Follow-up', 'Urgent', 'Invoices']);
  });

  it('lists templates from templates/ of the files folder beside the built-in ones; a file replaces a built-in', async () => {
    mkdirSync(join(h.dir, 'templates', 'clients'), { recursive: true });
    writeFileSync(join(h.dir, 'templates', 'clients', 'welcome.html'), '<p>Welcome aboard, {{first_name}}! Your project lead is {{lead}}.</p>');
    writeFileSync(join(h.dir, 'templates', 'follow-up.md'), '---\nsubject: Checking in\n---\nHi {{first_name}}, any news?');
    const res = await h.call('mail_list_templates', {});
    const rows = rowsOf(res.json, 'templates');
    expect(rows).toEqual(
      expect.arrayContaining([
        { name: 'clients/welcome', placeholders: 'first_name, lead', format: 'html', source: 'files', file: 'templates/clients/welcome.html' },
        { name: 'follow-up', subject: 'Checking in', placeholders: 'first_name', format: 'markdown', source: 'files', file: 'templates/follow-up.md' },
        { name: 'meeting-request', subject: 'Meeting request: {{topic}}', placeholders: 'topic, first_name, availability, sender_name', format: 'markdown', source: 'built-in' },
      ]),
    );
    expect(rows.filter((r) => r.name === 'follow-up')).toHaveLength(1);
  });
});

describe('mail_get_attachment', () => {
  it('saves the attachment into the files folder, byte for byte, never replacing a file', async () => {
    const nda = h.message('NDA for review');
    const input = { message_id: nda.messageId, folder_id: nda.folderId };
    const first = await h.call('mail_get_attachment', input);
    expect(first.outcome, first.text).toBe('ok');
    expect(first.json).toEqual({ saved: 'attachments/Mutual-NDA.pdf', name: 'Mutual-NDA.pdf', attachment_id: nda.attachments[0]!.attachmentId, size: nda.attachments[0]!.data.length });
    expect(readFileSync(join(h.dir, 'attachments', 'Mutual-NDA.pdf')).equals(nda.attachments[0]!.data)).toBe(true);
    const second = await h.call('mail_get_attachment', input);
    expect(second.json.saved).toBe('attachments/Mutual-NDA (2).pdf');
    const named = await h.call('mail_get_attachment', { ...input, attachment: 'Mutual-NDA.pdf', save_as: 'legal/nda.pdf' });
    expect(named.json.saved).toBe('legal/nda.pdf');
  });

  it('refuses paths out of the files folder, symlinks out, and attachments over the cap, saving nothing', async () => {
    const nda = h.message('NDA for review');
    const input = { message_id: nda.messageId, folder_id: nda.folderId };
    const downloads = () => h.emu.counters.requests({ app: 'mail', route: 'GET /api/accounts/*/folders/*/messages/*/attachments/*' });
    const before = downloads();
    for (const save_as of ['../outside.pdf', '/tmp/abs.pdf']) {
      const res = await h.call('mail_get_attachment', { ...input, save_as });
      expect(res.outcome, save_as).toBe('invalid');
      expect(res.text).toMatch(/field "save_as"/);
    }
    symlinkSync(tmpdir(), join(h.dir, 'escape'));
    expect((await h.call('mail_get_attachment', { ...input, save_as: 'escape/x.pdf' })).text).toMatch(/symlink that points outside/);
    const small = await startMail({ reuse: h.emu, plugin: { maxAttachmentBytes: 100 } });
    try {
      const res = await small.call('mail_get_attachment', input);
      expect(res.outcome).toBe('invalid');
      expect(res.text).toMatch(/Mutual-NDA.pdf is \d+ bytes, more than the 100 allowed/);
    } finally {
      await small.close();
    }
    expect(downloads()).toBe(before);
  });

  it('asks which attachment when there are several, and names a missing one', async () => {
    const account = h.maya();
    const nda = h.message('NDA for review');
    nda.attachments.push({ attachmentId: '4411200003000000999', name: 'Schedule-A.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF-1.4 A') });
    const input = { message_id: nda.messageId, folder_id: nda.folderId };
    expect((await h.call('mail_get_attachment', input)).text).toMatch(/field "attachment": the message has 2 attachments: Mutual-NDA.pdf \(\d+\), Schedule-A.pdf \(4411200003000000999\); say which/);
    expect((await h.call('mail_get_attachment', { ...input, attachment: 'nope.pdf' })).text).toMatch(/no attachment "nope.pdf"/);
    const ok = await h.call('mail_get_attachment', { ...input, attachment: '4411200003000000999' });
    expect(ok.json).toMatchObject({ saved: 'attachments/Schedule-A.pdf', size: 10 });
    void account;
  });
});
