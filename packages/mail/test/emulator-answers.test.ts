/**
 * The Mail emulator's answers against the wire digest (shared/zoho-api/mail.md), as a table over real HTTP:
 * Mail's envelope for success and errors, ids as bare 19-digit numbers, offset paging, the search syntax,
 * send / draft / upload / update bodies, scopes and throttling.
 */
import { parseJson } from '@zoho-agent-kit/core';
import { runAnswerCase, startEmulator, type AnswerCase, type Emulator } from '@zoho-agent-kit/core/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailEmulator, mailJson, type MailState } from '../src/emulator/index.js';
import { mailEnvelopeReader } from '../src/index.js';

const ACCOUNT = '4411200000000000001';
const INBOX = '4411200001000000001';
const BOB = '1721050000000000030';
const A = `/api/accounts/${ACCOUNT}`;

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ apps: [mailEmulator], limits: { mail: false } });
});
afterAll(() => emu.close());

const ok = { code: 200, description: 'success' };
const err = (status: number, errorCode: string) => ({ status: { code: status }, data: { errorCode } });
/** The raw text keeps the id as a bare number (a JSON.parse would round it). */
const bare =
  (key: string, ...ids: string[]) =>
  (answer: { text: string }) =>
    ids.flatMap((entry) => {
      const [k, id] = entry.includes(':') ? entry.split(':') : [key, entry];
      return answer.text.includes(`"${k}":${id}`) ? [] : [`${k} ${id} is not a bare number in ${answer.text.slice(0, 120)}`];
    });
const narrowToken = (scopes: string[]) => (e: Emulator) => e.accounts.issueAccessToken(e.accounts.issueRefreshToken({ scopes }));

const cases: AnswerCase[] = [
  { name: 'accounts: the envelope, ids as bare numbers', path: '/api/accounts', expect: { status: 200, body: { status: ok, data: [{ primaryEmailAddress: 'maya.ortiz@northwind-creative.example', sendMailDetails: [{ status: 'true' }, {}, { fromAddress: 'hello@northwind-creative.example' }, { fromAddress: 'press@northwind-creative.example', status: 'false' }] }, { primaryEmailAddress: 'hello@northwind-creative.example' }] }, check: bare('accountId', ACCOUNT, '4411200000000000002') } },
  { name: 'one account', path: A, expect: { status: 200, body: { data: { emailAddress: [{ isPrimary: true }, { mailId: 'maya@northwind-creative.example', isAlias: true }] } }, check: bare('accountId', ACCOUNT) } },
  { name: 'unknown account → 404 URL_RULE_MISMATCH', path: '/api/accounts/4411200000000009999/folders', expect: { status: 404, body: err(404, 'URL_RULE_MISMATCH') } },
  { name: 'a path Mail does not serve → 404', path: `${A}/nothing`, expect: { status: 404, body: err(404, 'URL_RULE_MISMATCH') } },
  { name: 'folders: nested paths with parentFolderId, counts', path: `${A}/folders`, expect: { status: 200, body: { data: (d: unknown) => Array.isArray(d) && d.some((f) => f.path === '/Clients/Zylker Corp' && f.folderType === 'Inbox' && typeof f.unreadCount === 'number') }, check: bare('folderId', INBOX, '4411200001000000010', 'parentFolderId:4411200001000000009') } },
  { name: 'list view: default 10 rows, newest first, strings for numbers', path: `${A}/messages/view`, query: { folderId: INBOX }, expect: { status: 200, body: { data: (d: unknown[]) => d.length === 10 }, check: bare('messageId', '1721050000000000031') } },
  { name: 'list view: offset paging (start is 1-based)', path: `${A}/messages/view`, query: { folderId: INBOX, start: 2, limit: 1 }, expect: { status: 200, body: { data: [{ subject: 'Re: Q3 campaign brief', status: '0', flagid: 'important', threadCount: '3' }] }, check: bare('messageId', BOB, 'threadId:1721050000000000011') } },
  { name: 'list view: toAddress only with includeto, HTML-escaped', path: `${A}/messages/view`, query: { folderId: INBOX, limit: 1, includeto: true }, expect: { status: 200, body: { data: [{ toAddress: '&lt;maya.ortiz@northwind-creative.example&gt;' }] } } },
  { name: 'list view: status=unread, flagid, attachedMails', path: `${A}/messages/view`, query: { folderId: INBOX, status: 'unread', flagid: 2 }, expect: { status: 200, body: { data: [{ subject: 'Re: Q3 campaign brief' }] }, check: bare('messageId', BOB) } },
  { name: 'list view: limit over 200 → 400', path: `${A}/messages/view`, query: { limit: 201 }, expect: { status: 400, body: { status: { code: 400, description: 'Invalid Input' }, data: { errorCode: 'PATTERN_NOT_MATCHED', moreInfo: /limit/ } } } },
  { name: 'list view: unknown folder → 404', path: `${A}/messages/view`, query: { folderId: '4411200001000000999' }, expect: { status: 404, body: err(404, 'URL_RULE_MISMATCH') } },
  { name: 'search: sender word and quoted subject phrase joined by ::', path: `${A}/messages/search`, query: { searchKey: 'sender:burns::subject:"campaign brief"', receivedTime: Date.now() + 60_000 }, expect: { status: 200, body: { data: [{ subject: 'Re: Q3 campaign brief', receivedtime: /^\d+$/ }, { subject: 'Q3 campaign brief' }] }, check: bare('messageId', BOB, '1721050000000000011') } },
  { name: 'search: newMails is unread mail', path: `${A}/messages/search`, query: { searchKey: 'newMails', limit: 200 }, expect: { status: 200, body: { data: (d: { status: string }[]) => d.length > 5 && d.every((r) => r.status === '0') } } },
  { name: 'search: fileName', path: `${A}/messages/search`, query: { searchKey: 'fileName:NDA' }, expect: { status: 200, body: { data: [{ subject: 'NDA for review' }] } } },
  { name: 'search: no searchKey → 400 EMPTY_VALUE', path: `${A}/messages/search`, expect: { status: 400, body: err(400, 'EMPTY_VALUE') } },
  { name: 'search: from: is not a parameter (use sender:) → 400', path: `${A}/messages/search`, query: { searchKey: 'from:bob' }, expect: { status: 400, body: { data: { errorCode: 'PATTERN_NOT_MATCHED', moreInfo: /unknown search parameter "from"/ } } } },
  { name: 'details: "Not Provided" for no cc', path: `${A}/folders/${INBOX}/messages/1721050000000000031/details`, expect: { status: 200, body: { data: { ccAddress: 'Not Provided', hasAttachment: '0', subject: 'Your schedule tomorrow' } }, check: bare('messageId', '1721050000000000031') } },
  { name: 'content: quoted history only with includeBlockContent', path: `${A}/folders/${INBOX}/messages/${BOB}/content`, expect: { status: 200, body: { data: { content: (c: string) => !c.includes('zmail_extra') && c.includes('Great news') } } } },
  { name: 'content with includeBlockContent=true', path: `${A}/folders/${INBOX}/messages/${BOB}/content`, query: { includeBlockContent: true }, expect: { status: 200, body: { data: { content: /zmail_extra[\s\S]*We will have an estimate/ } } } },
  { name: 'header: RFC 822 text by default', path: `${A}/folders/${INBOX}/messages/${BOB}/header`, expect: { status: 200, body: { data: { headerContent: /Subject: Re: Q3 campaign brief\r\n/ } } } },
  { name: 'header raw=false: a parsed map', path: `${A}/folders/${INBOX}/messages/${BOB}/header`, query: { raw: false }, expect: { status: 200, body: { data: { headerContent: { Cc: ['Amelia Chen <amelia.chen@zylker.example>'] } } } } },
  { name: 'a message asked for in the wrong folder → 404', path: `${A}/folders/4411200001000000005/messages/${BOB}/details`, expect: { status: 404, body: err(404, 'URL_RULE_MISMATCH') } },
  { name: 'attachment info', path: `${A}/folders/${INBOX}/messages/1721050000000000007/attachmentinfo`, expect: { status: 200, body: { data: { attachments: [{ attachmentName: 'Mutual-NDA.pdf', attachmentSize: /^\d+$/ }] } } } },
  { name: 'labels', path: `${A}/labels`, expect: { status: 200, body: { data: [{ displayName: 'Prospect' }, { displayName: 'Follow-up' }, { displayName: 'Urgent' }, { displayName: 'Invoices' }] } } },
  { name: 'send: stored in Sent, messageId back', method: 'POST', path: `${A}/messages`, json: { fromAddress: 'maya.ortiz@northwind-creative.example', toAddress: 'paula@example.com,li@example.com', subject: 'Weekly report', content: '<p>See attached.</p>', askReceipt: 'no' }, expect: { status: 200, body: { status: ok, data: { subject: 'Weekly report', toAddress: 'paula@example.com,li@example.com', mailId: /^<.+@northwind-creative.example>$/ } }, check: bare('folderId', '4411200001000000005') } },
  { name: 'send: from a disabled send-as address → 400', method: 'POST', path: `${A}/messages`, json: { fromAddress: 'press@northwind-creative.example', toAddress: 'a@example.com' }, expect: { status: 400, body: err(400, 'INVALID_FROM_ADDRESS') } },
  { name: 'send: from an address that is not send-as → 400', method: 'POST', path: `${A}/messages`, json: { fromAddress: 'ceo@evil.example', toAddress: 'a@example.com' }, expect: { status: 400, body: err(400, 'INVALID_FROM_ADDRESS') } },
  { name: 'send: no toAddress → 400 EMPTY_VALUE', method: 'POST', path: `${A}/messages`, json: { fromAddress: 'maya.ortiz@northwind-creative.example', subject: 'x' }, expect: { status: 400, body: err(400, 'EMPTY_VALUE') } },
  { name: 'send: a bad address → 400', method: 'POST', path: `${A}/messages`, json: { fromAddress: 'maya.ortiz@northwind-creative.example', toAddress: 'not-an-address' }, expect: { status: 400, body: { data: { errorCode: 'PATTERN_NOT_MATCHED', moreInfo: /toAddress/ } } } },
  { name: 'send: an unknown field → 400 EXTRA_KEY_FOUND_IN_JSON', method: 'POST', path: `${A}/messages`, json: { fromAddress: 'maya.ortiz@northwind-creative.example', toAddress: 'a@example.com', priority: 1 }, expect: { status: 400, body: err(400, 'EXTRA_KEY_FOUND_IN_JSON') } },
  { name: 'draft: no recipient needed, stored in Drafts', method: 'POST', path: `${A}/messages`, json: { fromAddress: 'maya.ortiz@northwind-creative.example', subject: 'later', mode: 'draft' }, expect: { status: 200, body: { data: { subject: 'later' } }, check: bare('folderId', '4411200001000000002') } },
  { name: 'reply: action is required on POST /messages/{id}', method: 'POST', path: `${A}/messages/${BOB}`, json: { fromAddress: 'maya.ortiz@northwind-creative.example', toAddress: 'bob.burns@zylker.example' }, expect: { status: 400, body: err(400, 'EMPTY_VALUE') } },
  { name: 'reply to an unknown message → 404', method: 'POST', path: `${A}/messages/1721050000000099999`, json: { fromAddress: 'maya.ortiz@northwind-creative.example', toAddress: 'a@example.com', action: 'reply' }, expect: { status: 404, body: err(404, 'URL_RULE_MISMATCH') } },
  { name: 'upload (raw): one object back', method: 'POST', path: `${A}/messages/attachments`, query: { fileName: 'report.pdf' }, headers: { 'content-type': 'application/octet-stream' }, body: Buffer.from('%PDF-1.4'), expect: { status: 200, body: { data: { attachmentName: 'report.pdf', attachmentPath: /^\/Mail\/.+-report\.pdf$/, attachmentSize: '8', storeName: /^\d+$/ } } } },
  { name: 'upload without fileName or uploadType → 400', method: 'POST', path: `${A}/messages/attachments`, body: Buffer.from('x'), headers: { 'content-type': 'application/octet-stream' }, expect: { status: 400, body: err(400, 'EMPTY_VALUE') } },
  { name: 'send referring to no upload → 400', method: 'POST', path: `${A}/messages`, json: { fromAddress: 'maya.ortiz@northwind-creative.example', toAddress: 'a@example.com', attachments: [{ storeName: '1', attachmentPath: '/Mail/x', attachmentName: 'x' }] }, expect: { status: 400, body: { data: { moreInfo: /attachments\[0\]/ } } } },
  { name: 'updatemessage: status only, no data', method: 'PUT', path: `${A}/updatemessage`, json: { mode: 'markAsRead', messageId: [BOB] }, expect: { status: 200, body: (b: Record<string, unknown>) => !('data' in b) && (b.status as { code: number }).code === 200 } },
  {
    name: 'updatemessage: ids as bare 19-digit numbers are read exactly (as Zoho reads longs)',
    method: 'PUT',
    path: `${A}/updatemessage`,
    headers: { 'content-type': 'application/json' },
    body: `{"mode":"moveMessage","messageId":[${BOB}],"destfolderId":${INBOX}}`,
    expect: { status: 200, body: { status: ok } },
  },
  { name: 'updatemessage: an unknown mode → 400', method: 'PUT', path: `${A}/updatemessage`, json: { mode: 'explode', messageId: [BOB] }, expect: { status: 400, body: err(400, 'PATTERN_NOT_MATCHED') } },
  { name: 'updatemessage: moveMessage without destfolderId → 400', method: 'PUT', path: `${A}/updatemessage`, json: { mode: 'moveMessage', messageId: [BOB] }, expect: { status: 400, body: err(400, 'EMPTY_VALUE') } },
  { name: 'no token → 400 INVALID_TICKET', path: '/api/accounts', token: null, expect: { status: 400, body: { status: { code: 400, description: 'Invalid Input' }, data: { errorCode: 'INVALID_TICKET', moreInfo: 'Invalid ticket' } } } },
  { name: 'a bad token → 401 INVALID_OAUTHTOKEN', path: '/api/accounts', token: 'not-a-token', expect: { status: 401, body: err(401, 'INVALID_OAUTHTOKEN') } },
  { name: 'a token without the scope → 401 INVALID_OAUTHSCOPE', method: 'POST', path: `${A}/messages`, token: narrowToken(['ZohoMail.messages.READ']), json: { fromAddress: 'maya.ortiz@northwind-creative.example', toAddress: 'a@example.com' }, expect: { status: 401, body: { data: { errorCode: 'INVALID_OAUTHSCOPE', moreInfo: /ZohoMail.messages.CREATE/ } } } },
  { name: 'READ of ALL: a messages.ALL token reads', path: `${A}/messages/view`, token: narrowToken(['ZohoMail.messages.ALL']), expect: { status: 200 } },
  { name: 'throttled → 429 TOO_MANY_REQUESTS with Retry-After', path: '/api/accounts', setup: (e) => void e.faults.add({ app: 'mail', kind: 'throttle', retryAfterSec: 7, times: 1 }), expect: { status: 429, body: err(429, 'TOO_MANY_REQUESTS'), headers: { 'retry-after': '7' } } },
  { name: 'a 5xx in the envelope', path: '/api/accounts', setup: (e) => void e.faults.add({ app: 'mail', kind: 'status', status: 500, times: 1 }), expect: { status: 500, body: err(500, 'INTERNAL_SERVER_ERROR') } },
];

describe('Mail emulator answers (mail.md)', () => {
  it.each(cases)('$name', async (c) => {
    emu.resetState('mail');
    const outcome = await runAnswerCase(emu, 'mail', c);
    expect(outcome.problems).toEqual([]);
    // Every answer is one the plugin's envelope reader reads as success or failure the same way.
    const failed = mailEnvelopeReader({ status: outcome.answer.status, headers: outcome.answer.headers, body: outcome.answer.body });
    expect(failed === undefined, `${c.name}: reader vs status ${outcome.answer.status}`).toBe(outcome.answer.status < 400);
  });

  it('the multipart upload takes several files in the repeated field "attach" and answers an array', async () => {
    emu.resetState('mail');
    const form = new FormData();
    form.append('attach', new Blob(['one']), 'one.txt');
    form.append('attach', new Blob(['two!']), 'two.txt');
    const token = emu.accounts.issueAccessToken();
    const res = await fetch(`${emu.baseUrls.mail}${A}/messages/attachments?uploadType=multipart`, { method: 'POST', body: form, headers: { authorization: `Zoho-oauthtoken ${token}` } });
    const body = parseJson(await res.text()) as { data: { attachmentName: string; attachmentSize: string }[] };
    expect(body.data.map((d) => [d.attachmentName, d.attachmentSize])).toEqual([
      ['one.txt', '3'],
      ['two.txt', '4'],
    ]);
    expect(emu.state<MailState>('mail').accounts[0]!.uploads.size).toBe(2);
  });

  it('mailJson writes id fields as bare numbers, everything else as JSON', () => {
    expect(mailJson({ messageId: '1721050000000000030', labelId: ['4411200002000000001'], subject: '12', nested: [{ folderId: '4411200001000000001' }] })).toBe(
      '{"messageId":1721050000000000030,"labelId":["4411200002000000001"],"subject":"12","nested":[{"folderId":4411200001000000001}]}',
    );
  });

  it('describes the account id a client needs', () => {
    expect(emu.index().apps.find((a) => a.app === 'mail')).toMatchObject({ ids: { ZOHO_MAIL_ACCOUNT_ID: ACCOUNT }, example: `${A}/messages/view?limit=5` });
  });
});
