/**
 * Zoho Mail routes of the emulator, on Zoho's paths below `/api` (shared/zoho-api/mail.md). Every route but
 * `GET /api/accounts` answers 404 `URL_RULE_MISMATCH` for an unknown account. Ids go out as bare 19-digit
 * numbers (./wire.ts). Documented choices where Zoho's behaviour is unconfirmed:
 * - a token without the scope answers 401 `INVALID_OAUTHSCOPE`; throttling 429 `TOO_MANY_REQUESTS`;
 * - validation errors are 400 with Zoho-style codes (`PATTERN_NOT_MATCHED`, `EMPTY_VALUE`,
 *   `EXTRA_KEY_FOUND_IN_JSON`, `INVALID_FROM_ADDRESS`) naming the field in `moreInfo`;
 * - list rows: `status` "1" read / "0" unread, `flagid` `flag_not_set|info|important|followup`, `toAddress`
 *   HTML-escaped and only with `includeto=true`, `labelId` when the message has labels; search rows spell
 *   `receivedtime` in lower case (as the doc sample does); folders carry `unreadCount` and `messageCount`;
 * - `…/content` leaves Zoho's quoted history (`zmail_extra`) out unless `includeBlockContent=true`;
 * - reply and forward: `POST /api/accounts/{id}/messages/{messageId}` with `action` reply|replyall|forward;
 *   a forward carries the original's attachments;
 * - labels: `GET /api/accounts/{id}/labels`; attachments: `…/attachmentinfo` and `…/attachments/{attachmentId}`;
 * - `updatemessage` modes markAsRead, markAsUnread, moveMessage (`destfolderId`), setFlag (`flagid` by name),
 *   applyLabel / removeLabel (`labelId` list), removeAllLabels; answered with `status` only;
 * - the view across folders (no folderId) leaves out Sent (unless `includesent=true`), Drafts, Templates,
 *   Outbox, Spam and Trash; search leaves out Spam and Trash;
 * - mail sent to one of the emulator's own accounts is delivered to its Inbox.
 */
import type { EmulatorAppErrors, EmulatorRequest, EmulatorResponse, EmulatorRoute } from '@zoho-agent-kit/core/emulator';
import { escapeHtml } from '../text.js';
import { matchesTerm, parseSearchKey } from './search.js';
import {
  findAccount,
  folderOfType,
  formatAddress,
  headerText,
  messageSize,
  newMailId,
  summaryOf,
  type EmuAddress,
  type EmuFlag,
  type EmuFolder,
  type EmuMailAccount,
  type EmuMessage,
  type MailState,
} from './state.js';
import { invalidInput, MAIL_EMULATOR_CODES, mailError, mailOk, notFound } from './wire.js';

export { mailError } from './wire.js';

type Req = EmulatorRequest<MailState>;

export const mailErrors: EmulatorAppErrors = {
  invalidToken: (reason) => (reason === 'missing' ? mailError(400, 'INVALID_TICKET', 'Invalid Input', 'Invalid ticket') : mailError(401, 'INVALID_OAUTHTOKEN', 'Invalid Access')),
  scopeMismatch: (required) => mailError(401, 'INVALID_OAUTHSCOPE', 'Invalid Access', `This call needs one of these scopes: ${required.join(', ')}`),
  throttled: () => mailError(429, 'TOO_MANY_REQUESTS', 'Too many requests', 'The API request limit is exceeded; try again later'),
  notFound: () => mailError(404, 'URL_RULE_MISMATCH', 'Invalid URL'),
  serverError: (status) => mailError(status, 'INTERNAL_SERVER_ERROR', 'Internal Error'),
};

const ID = /^\d{1,30}$/;
const ADDRESS = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/;
const FLAGS: EmuFlag[] = ['flag_not_set', 'info', 'important', 'followup'];
/** `flagid` in the list view is numeric (mail.md §4). */
const FLAG_BY_NUMBER: Record<string, EmuFlag> = { '0': 'flag_not_set', '1': 'info', '2': 'important', '3': 'followup' };

function accountJson(account: EmuMailAccount, origin: string): Record<string, unknown> {
  const addresses = [account.primaryEmailAddress, ...account.aliases];
  return {
    accountId: account.accountId,
    zuid: account.zuid,
    primaryEmailAddress: account.primaryEmailAddress,
    mailboxAddress: account.primaryEmailAddress,
    displayName: account.displayName,
    accountName: account.accountName,
    type: account.type,
    role: account.role,
    mailboxStatus: 'enabled',
    incomingBlocked: false,
    timeZone: account.timeZone,
    emailAddress: addresses.map((mailId, i) => ({ mailId, isPrimary: i === 0, isAlias: i > 0, isConfirmed: true })),
    sendMailDetails: account.sendAs.map((s) => ({ sendMailID: s.sendMailID, fromAddress: s.fromAddress, displayName: s.displayName, status: s.disabled ? 'false' : 'true' })),
    URI: `${origin}/_mail/api/accounts/${account.accountId}`,
  };
}

function folderJson(account: EmuMailAccount, folder: EmuFolder, origin: string): Record<string, unknown> {
  const inside = account.messages.filter((m) => m.folderId === folder.folderId);
  const out: Record<string, unknown> = {
    folderId: folder.folderId,
    folderName: folder.folderName,
    folderType: folder.folderType,
    path: folder.path,
    imapAccess: true,
    isArchived: 0,
    unreadCount: inside.filter((m) => !m.read).length,
    messageCount: inside.length,
    URI: `${origin}/_mail/api/accounts/${account.accountId}/folders/${folder.folderId}`,
  };
  if (folder.parentFolderId) out.parentFolderId = folder.parentFolderId;
  if (folder.previousFolderId) out.previousFolderId = folder.previousFolderId;
  return out;
}

function threadCount(account: EmuMailAccount, message: EmuMessage): number {
  return account.messages.filter((m) => m.threadId === message.threadId).length;
}

/** A list-view / search row (mail.md §4): numbers as strings, as the digest's sample. */
function rowJson(state: MailState, account: EmuMailAccount, message: EmuMessage, options: { includeTo: boolean; timeKey: 'receivedTime' | 'receivedtime' }): Record<string, unknown> {
  const row: Record<string, unknown> = {
    messageId: message.messageId,
    folderId: message.folderId,
    threadId: message.threadId,
    subject: message.subject,
    sender: message.from.name ?? message.from.address,
    fromAddress: message.from.address,
  };
  if (options.includeTo) row.toAddress = message.to.map((a) => escapeHtml(`<${a.address}>`)).join(',');
  Object.assign(row, {
    summary: summaryOf(message),
    status: message.read ? '1' : '0',
    status2: message.read ? '1' : '0',
    flagid: message.flag,
    priority: String(message.priority),
    hasAttachment: message.attachments.length ? '1' : '0',
    hasInline: '0',
    size: String(messageSize(message, state.domain)),
    [options.timeKey]: String(message.receivedTime),
    sentDateInGMT: String(message.sentTime),
    threadCount: String(threadCount(account, message)),
  });
  if (message.labelIds.length) row.labelId = [...message.labelIds];
  return row;
}

function detailsJson(state: MailState, account: EmuMailAccount, message: EmuMessage): Record<string, unknown> {
  const list = (addresses: EmuAddress[]) => (addresses.length ? addresses.map(formatAddress).join(', ') : 'Not Provided');
  const out: Record<string, unknown> = {
    messageId: message.messageId,
    folderId: message.folderId,
    threadId: message.threadId,
    subject: message.subject,
    fromAddress: message.from.address,
    toAddress: list(message.to),
    ccAddress: list(message.cc),
    sender: message.from.name ?? message.from.address,
    summary: summaryOf(message),
    status: message.read ? '1' : '0',
    flagid: message.flag,
    sentDateInGMT: String(message.sentTime),
    receivedTime: String(message.receivedTime),
    size: String(messageSize(message, state.domain)),
    hasAttachment: message.attachments.length ? '1' : '0',
    priority: String(message.priority),
  };
  if (message.bcc.length) out.bccAddress = list(message.bcc);
  if (message.labelIds.length) out.labelId = [...message.labelIds];
  return out;
}

/** Runs `fn` with the account of the path, or answers 404 for an unknown one. */
function withAccount(fn: (req: Req, account: EmuMailAccount) => EmulatorResponse | Promise<EmulatorResponse>) {
  return (req: Req) => {
    const account = findAccount(req.state, req.params.accountId!);
    if (!account) return notFound(`no account ${req.params.accountId}`);
    return fn(req, account);
  };
}

/** Runs `fn` with the message of `/folders/:folderId/messages/:messageId`; it must be in that folder. */
function withMessage(fn: (req: Req, account: EmuMailAccount, message: EmuMessage) => EmulatorResponse | Promise<EmulatorResponse>) {
  return withAccount((req, account) => {
    if (!account.folders.some((f) => f.folderId === req.params.folderId)) return notFound(`no folder ${req.params.folderId}`);
    const message = account.messages.find((m) => m.messageId === req.params.messageId && m.folderId === req.params.folderId);
    if (!message) return notFound(`no message ${req.params.messageId} in folder ${req.params.folderId}`);
    return fn(req, account, message);
  });
}

function intParam(req: Req, name: string, min: number, max: number, fallback: number): number | EmulatorResponse {
  const text = req.query.get(name);
  if (text === null || text === '') return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) return invalidInput(`${name} must be a whole number from ${min} to ${max}`);
  return n;
}

function boolParam(req: Req, name: string): boolean | EmulatorResponse {
  const text = req.query.get(name);
  if (text === null || text === '') return false;
  if (text !== 'true' && text !== 'false') return invalidInput(`${name} must be true or false`);
  return text === 'true';
}

const isAnswer = (v: unknown): v is EmulatorResponse => !!v && typeof v === 'object' && 'status' in v && typeof (v as EmulatorResponse).status === 'number';

function page<T>(items: T[], start: number, limit: number): T[] {
  return items.slice(start - 1, start - 1 + limit);
}

function viewMessages(req: Req, account: EmuMailAccount): EmulatorResponse {
  const start = intParam(req, 'start', 1, 1_000_000, 1);
  if (isAnswer(start)) return start;
  const limit = intParam(req, 'limit', 1, 200, 10);
  if (isAnswer(limit)) return limit;
  const flags = ['includeto', 'includesent', 'attachedMails', 'flaggedMails', 'sortorder'].map((name) => boolParam(req, name));
  const bad = flags.find(isAnswer);
  if (bad) return bad;
  const [includeTo = false, includeSent = false, attached = false, flagged = false, ascending = false] = flags as boolean[];
  const status = req.query.get('status') ?? 'all';
  if (!['read', 'unread', 'all'].includes(status)) return invalidInput('status must be read, unread or all');
  const sortBy = req.query.get('sortBy') ?? 'date';
  if (!['date', 'messageId', 'size'].includes(sortBy)) return invalidInput('sortBy must be date, messageId or size');
  const flagText = req.query.get('flagid');
  if (flagText !== null && !(flagText in FLAG_BY_NUMBER)) return invalidInput('flagid must be 0, 1, 2 or 3');

  let messages: EmuMessage[];
  const folderId = req.query.get('folderId');
  if (folderId) {
    if (!ID.test(folderId) || !account.folders.some((f) => f.folderId === folderId)) return notFound(`no folder ${folderId}`);
    messages = account.messages.filter((m) => m.folderId === folderId);
  } else {
    const hidden = new Set(account.folders.filter((f) => ['Drafts', 'Templates', 'Outbox', 'Spam', 'Trash', ...(includeSent ? [] : ['Sent'])].includes(f.folderType) && f.path === `/${f.folderType}`).map((f) => f.folderId));
    messages = account.messages.filter((m) => !hidden.has(m.folderId));
  }
  if (status !== 'all') messages = messages.filter((m) => m.read === (status === 'read'));
  if (flagText !== null) messages = messages.filter((m) => m.flag === FLAG_BY_NUMBER[flagText]);
  if (flagged) messages = messages.filter((m) => m.flag !== 'flag_not_set');
  if (attached) messages = messages.filter((m) => m.attachments.length > 0);
  const labelId = req.query.get('labelid');
  if (labelId) messages = messages.filter((m) => m.labelIds.includes(labelId));
  const threadId = req.query.get('threadId');
  if (threadId) messages = messages.filter((m) => m.threadId === threadId);
  const key = (m: EmuMessage) => (sortBy === 'size' ? messageSize(m, req.state.domain) : sortBy === 'messageId' ? Number(m.messageId.slice(-9)) : m.receivedTime);
  messages = [...messages].sort((a, b) => (ascending ? key(a) - key(b) : key(b) - key(a)));
  return mailOk(page(messages, start, limit).map((m) => rowJson(req.state, account, m, { includeTo, timeKey: 'receivedTime' })));
}

function searchMessages(req: Req, account: EmuMailAccount): EmulatorResponse {
  const key = req.query.get('searchKey');
  if (key === null || !key.trim()) return invalidInput('searchKey is required', MAIL_EMULATOR_CODES.missing);
  const parsed = parseSearchKey(key);
  if ('error' in parsed) return invalidInput(`searchKey: ${parsed.error}`);
  const start = intParam(req, 'start', 1, 1_000_000, 1);
  if (isAnswer(start)) return start;
  const limit = intParam(req, 'limit', 1, 200, 10);
  if (isAnswer(limit)) return limit;
  const includeTo = boolParam(req, 'includeto');
  if (isAnswer(includeTo)) return includeTo;
  // Only mail received before `receivedTime`; Zoho's default is two minutes ago (mail.md §5).
  const beforeText = req.query.get('receivedTime');
  const before = beforeText === null || beforeText === '' ? req.now - 120_000 : Number(beforeText);
  if (!Number.isFinite(before) || !/^\d+$/.test(beforeText ?? '0')) return invalidInput('receivedTime must be epoch milliseconds');
  const hidden = new Set(account.folders.filter((f) => (f.folderType === 'Spam' || f.folderType === 'Trash') && f.path === `/${f.folderType}`).map((f) => f.folderId));
  const messages = account.messages
    .filter((m) => !hidden.has(m.folderId) && m.receivedTime < before)
    .filter((m) => ('newMails' in parsed ? !m.read : parsed.terms.every((t) => matchesTerm(m, t))))
    .sort((a, b) => b.receivedTime - a.receivedTime);
  return mailOk(page(messages, start, limit).map((m) => rowJson(req.state, account, m, { includeTo, timeKey: 'receivedtime' })));
}

/** Body up to Zoho's quoted-history block; the block only with includeBlockContent=true. */
function contentOf(message: EmuMessage, includeBlock: boolean): string {
  if (includeBlock || message.format !== 'html') return message.content;
  const cut = message.content.indexOf('<div class="zmail_extra_hr"');
  return cut < 0 ? message.content : `${message.content.slice(0, cut)}</div>`;
}

function parsedHeaders(text: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon);
    (out[name] ??= []).push(line.slice(colon + 1).trim());
  }
  return out;
}

/** The request body as a JSON object (core parsed it, 19-digit numbers kept exact as strings). */
function jsonBody(req: Req): Record<string, unknown> | EmulatorResponse {
  if (req.body === Symbol.for('invalid-json')) return invalidInput('the body is not valid JSON', MAIL_EMULATOR_CODES.badJson);
  if (!req.body || typeof req.body !== 'object' || Buffer.isBuffer(req.body) || Array.isArray(req.body)) return invalidInput('send a JSON object body', MAIL_EMULATOR_CODES.badJson);
  return req.body as Record<string, unknown>;
}

function parseAddresses(value: unknown, field: string, required: boolean): EmuAddress[] | EmulatorResponse {
  if (value === undefined || value === null || value === '') return required ? invalidInput(`${field} is required`, MAIL_EMULATOR_CODES.missing) : [];
  if (typeof value !== 'string') return invalidInput(`${field} must be a comma-separated string of addresses`);
  const out: EmuAddress[] = [];
  for (const part of value.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^(?:"?([^"<]*?)"?\s*)?<([^>]+)>$/.exec(part);
    const address = (m ? m[2]! : part).trim();
    if (!ADDRESS.test(address)) return invalidInput(`${field}: "${part.slice(0, 80)}" is not an email address`);
    const name = m?.[1]?.trim();
    out.push(name ? { address, name } : { address });
  }
  if (required && out.length === 0) return invalidInput(`${field} is required`, MAIL_EMULATOR_CODES.missing);
  return out;
}

const SEND_FIELDS = new Set(['fromAddress', 'toAddress', 'ccAddress', 'bccAddress', 'subject', 'content', 'mailFormat', 'askReceipt', 'encoding', 'attachments', 'isSchedule', 'scheduleType', 'timeZone', 'scheduleTime', 'mode', 'action']);

/** Delivers a copy of a sent message to every emulator account it is addressed to. */
function deliverLocally(state: MailState, sender: EmuMailAccount, message: EmuMessage): void {
  const recipients = [...message.to, ...message.cc, ...message.bcc].map((a) => a.address.toLowerCase());
  for (const account of state.accounts) {
    const own = [account.primaryEmailAddress, ...account.aliases].map((a) => a.toLowerCase());
    if (!recipients.some((r) => own.includes(r))) continue;
    const copy: EmuMessage = { ...message, messageId: state.ids.message(), folderId: folderOfType(account, 'Inbox').folderId, read: false, labelIds: [], flag: 'flag_not_set', bcc: [] };
    if (account === sender) copy.threadId = message.threadId;
    else copy.threadId = copy.messageId;
    account.messages.push(copy);
  }
}

/** Send, save a draft or a template, reply or forward: one body format for all (mail.md §7). */
function compose(req: Req, account: EmuMailAccount, original?: EmuMessage): EmulatorResponse {
  const body = jsonBody(req);
  if (isAnswer(body)) return body;
  const extra = Object.keys(body).find((k) => !SEND_FIELDS.has(k));
  if (extra) return invalidInput(`${extra} is not a field of this request`, MAIL_EMULATOR_CODES.unknownField);
  const mode = body.mode;
  if (mode !== undefined && mode !== 'draft' && mode !== 'template') return invalidInput('mode must be draft or template');
  const action = body.action;
  if (original && action !== 'reply' && action !== 'replyall' && action !== 'forward') return invalidInput('action must be reply, replyall or forward', action === undefined ? MAIL_EMULATOR_CODES.missing : undefined);
  if (!original && action !== undefined) return invalidInput('action is only for POST /messages/{messageId}', MAIL_EMULATOR_CODES.unknownField);
  const from = body.fromAddress;
  if (typeof from !== 'string' || !from.trim()) return invalidInput('fromAddress is required', MAIL_EMULATOR_CODES.missing);
  const sendAs = account.sendAs.find((s) => !s.disabled && s.fromAddress.toLowerCase() === from.trim().toLowerCase());
  if (!sendAs) return mailError(400, MAIL_EMULATOR_CODES.fromNotAllowed, 'Invalid Input', `fromAddress ${from.slice(0, 80)} is not a send-as address of this account`);
  const to = parseAddresses(body.toAddress, 'toAddress', mode === undefined);
  if (isAnswer(to)) return to;
  const cc = parseAddresses(body.ccAddress, 'ccAddress', false);
  if (isAnswer(cc)) return cc;
  const bcc = parseAddresses(body.bccAddress, 'bccAddress', false);
  if (isAnswer(bcc)) return bcc;
  const format = body.mailFormat ?? 'html';
  if (format !== 'html' && format !== 'plaintext') return invalidInput('mailFormat must be html or plaintext');
  if (body.askReceipt !== undefined && body.askReceipt !== 'yes' && body.askReceipt !== 'no') return invalidInput('askReceipt must be "yes" or "no"');
  if (body.subject !== undefined && typeof body.subject !== 'string') return invalidInput('subject must be a string');
  if (body.content !== undefined && typeof body.content !== 'string') return invalidInput('content must be a string');
  const attachments = [];
  if (body.attachments !== undefined) {
    if (!Array.isArray(body.attachments)) return invalidInput('attachments must be a list');
    for (const [i, a] of (body.attachments as Record<string, unknown>[]).entries()) {
      const upload = a && typeof a === 'object' ? account.uploads.get(String(a.storeName)) : undefined;
      if (!upload || upload.attachmentPath !== a.attachmentPath) return invalidInput(`attachments[${i}] does not name an uploaded attachment (storeName and attachmentPath from the upload)`);
      attachments.push({ attachmentId: req.state.ids.attachment(), name: String(a.attachmentName ?? upload.attachmentName), contentType: upload.contentType, data: upload.data });
    }
  }
  if (original && action === 'forward') {
    for (const a of original.attachments) attachments.push({ ...a, attachmentId: req.state.ids.attachment() });
  }
  const folder = folderOfType(account, mode === 'draft' ? 'Drafts' : mode === 'template' ? 'Templates' : body.isSchedule === true ? 'Outbox' : 'Sent');
  const messageId = req.state.ids.message();
  const message: EmuMessage = {
    messageId,
    folderId: folder.folderId,
    threadId: original && action !== 'forward' ? original.threadId : messageId,
    subject: String(body.subject ?? ''),
    from: { address: sendAs.fromAddress, name: sendAs.displayName },
    to,
    cc,
    bcc,
    content: String(body.content ?? ''),
    format,
    sentTime: req.now,
    receivedTime: req.now,
    read: true,
    flag: 'flag_not_set',
    labelIds: [],
    attachments,
    mailId: newMailId(req.state, messageId, sendAs.fromAddress),
    priority: 3,
  };
  if (original) message.inReplyTo = original.mailId;
  account.messages.push(message);
  for (const a of body.attachments === undefined ? [] : (body.attachments as { storeName: string }[])) account.uploads.delete(String(a.storeName));
  if (folder.folderType === 'Sent') deliverLocally(req.state, account, message);
  return mailOk({
    messageId,
    folderId: folder.folderId,
    subject: message.subject,
    fromAddress: message.from.address,
    toAddress: to.map((a) => a.address).join(','),
    mailId: `<${message.mailId}>`,
  });
}

async function upload(req: Req, account: EmuMailAccount): Promise<EmulatorResponse> {
  const store = (name: string, contentType: string, data: Buffer) => {
    const storeName = req.state.ids.store();
    const entry = { storeName, attachmentName: name, attachmentPath: `/Mail/${storeName}-${name}`, contentType: contentType || 'application/octet-stream', data };
    account.uploads.set(storeName, entry);
    return { storeName, attachmentName: name, attachmentPath: entry.attachmentPath, attachmentSize: String(data.length) };
  };
  if (req.query.get('uploadType') === 'multipart') {
    const contentType = String(req.headers['content-type'] ?? '');
    if (!contentType.toLowerCase().startsWith('multipart/form-data')) return invalidInput('uploadType=multipart needs a multipart/form-data body');
    const form = await new Request('http://emulator/', { method: 'POST', body: req.rawBody, headers: { 'content-type': contentType } }).formData();
    const files = form.getAll('attach').filter((v): v is File => typeof v !== 'string');
    if (files.length === 0) return invalidInput('no file in the form field "attach"', MAIL_EMULATOR_CODES.missing);
    const out = [];
    for (const file of files) out.push(store(file.name, file.type, Buffer.from(await file.arrayBuffer())));
    return mailOk(out);
  }
  const fileName = req.query.get('fileName');
  if (!fileName) return invalidInput('fileName is required (or uploadType=multipart)', MAIL_EMULATOR_CODES.missing);
  if (/[\\/]/.test(fileName)) return invalidInput('fileName is a name only, without a path');
  const data = Buffer.isBuffer(req.body) ? req.body : req.rawBody;
  return mailOk(store(fileName, String(req.headers['content-type'] ?? ''), data));
}

function updateMessages(req: Req, account: EmuMailAccount): EmulatorResponse {
  const body = jsonBody(req);
  if (isAnswer(body)) return body;
  const allowed = new Set(['mode', 'messageId', 'destfolderId', 'flagid', 'labelId', 'threadId', 'isFolderSpecific', 'folderId']);
  const extra = Object.keys(body).find((k) => !allowed.has(k));
  if (extra) return invalidInput(`${extra} is not a field of this request`, MAIL_EMULATOR_CODES.unknownField);
  const ids = body.messageId;
  if (!Array.isArray(ids) || ids.length === 0) return invalidInput('messageId must be a list of message ids', MAIL_EMULATOR_CODES.missing);
  const messages: EmuMessage[] = [];
  for (const id of ids) {
    const m = account.messages.find((x) => x.messageId === String(id));
    if (!m) return notFound(`no message ${String(id).slice(0, 30)}`);
    messages.push(m);
  }
  const labels = (): string[] | EmulatorResponse => {
    const list = body.labelId;
    if (!Array.isArray(list) || list.length === 0) return invalidInput('labelId must be a list of label ids', MAIL_EMULATOR_CODES.missing);
    const out = list.map(String);
    const unknown = out.find((id) => !account.labels.some((l) => l.labelId === id));
    return unknown ? notFound(`no label ${unknown.slice(0, 30)}`) : out;
  };
  switch (body.mode) {
    case 'markAsRead':
    case 'markAsUnread':
      for (const m of messages) m.read = body.mode === 'markAsRead';
      break;
    case 'moveMessage': {
      const dest = account.folders.find((f) => f.folderId === String(body.destfolderId ?? ''));
      if (body.destfolderId === undefined) return invalidInput('destfolderId is required for moveMessage', MAIL_EMULATOR_CODES.missing);
      if (!dest) return notFound(`no folder ${String(body.destfolderId).slice(0, 30)}`);
      for (const m of messages) m.folderId = dest.folderId;
      break;
    }
    case 'setFlag': {
      const flag = body.flagid as EmuFlag;
      if (!FLAGS.includes(flag)) return invalidInput(`flagid must be one of ${FLAGS.join(', ')}`);
      for (const m of messages) m.flag = flag;
      break;
    }
    case 'applyLabel':
    case 'removeLabel': {
      const list = labels();
      if (isAnswer(list)) return list;
      for (const m of messages) m.labelIds = body.mode === 'applyLabel' ? [...new Set([...m.labelIds, ...list])] : m.labelIds.filter((l) => !list.includes(l));
      break;
    }
    case 'removeAllLabels':
      for (const m of messages) m.labelIds = [];
      break;
    default:
      return invalidInput('mode must be markAsRead, markAsUnread, moveMessage, setFlag, applyLabel, removeLabel or removeAllLabels', body.mode === undefined ? MAIL_EMULATOR_CODES.missing : undefined);
  }
  return mailOk();
}

/** Every `:param` of these routes is a numeric id; other paths fall through to the 404 answer. */
function idsIn(path: string): Record<string, RegExp> {
  return Object.fromEntries([...path.matchAll(/:(\w+)/g)].map((m) => [m[1]!, ID]));
}

const messagePath = '/api/accounts/:accountId/folders/:folderId/messages/:messageId';

const routes: EmulatorRoute<MailState>[] = [
  {
    method: 'GET',
    path: '/api/accounts',
    scopes: ['ZohoMail.accounts.READ'],
    handle: (req) => mailOk(req.state.accounts.map((a) => accountJson(a, req.origin))),
  },
  { method: 'GET', path: '/api/accounts/:accountId', scopes: ['ZohoMail.accounts.READ'], handle: withAccount((req, account) => mailOk(accountJson(account, req.origin))) },
  {
    method: 'GET',
    path: '/api/accounts/:accountId/folders',
    scopes: ['ZohoMail.folders.READ'],
    handle: withAccount((req, account) => mailOk(account.folders.map((f) => folderJson(account, f, req.origin)))),
  },
  {
    method: 'GET',
    path: '/api/accounts/:accountId/folders/:folderId',
    scopes: ['ZohoMail.folders.READ'],
    handle: withAccount((req, account) => {
      const folder = account.folders.find((f) => f.folderId === req.params.folderId);
      return folder ? mailOk(folderJson(account, folder, req.origin)) : notFound(`no folder ${req.params.folderId}`);
    }),
  },
  {
    method: 'GET',
    path: '/api/accounts/:accountId/labels',
    scopes: ['ZohoMail.tags.READ'],
    handle: withAccount((req, account) =>
      mailOk(account.labels.map((l) => ({ labelId: l.labelId, displayName: l.displayName, color: l.color, URI: `${req.origin}/_mail/api/accounts/${account.accountId}/labels/${l.labelId}` }))),
    ),
  },
  { method: 'GET', path: '/api/accounts/:accountId/messages/view', scopes: ['ZohoMail.messages.READ'], handle: withAccount(viewMessages) },
  { method: 'GET', path: '/api/accounts/:accountId/messages/search', scopes: ['ZohoMail.messages.READ'], handle: withAccount(searchMessages) },
  {
    method: 'GET',
    path: `${messagePath}/content`,
    scopes: ['ZohoMail.messages.READ'],
    handle: withMessage((req, _account, message) => {
      const include = boolParam(req, 'includeBlockContent');
      if (isAnswer(include)) return include;
      return mailOk({ messageId: message.messageId, content: contentOf(message, include) });
    }),
  },
  {
    method: 'GET',
    path: `${messagePath}/header`,
    scopes: ['ZohoMail.messages.READ'],
    handle: withMessage((req, _account, message) => {
      const raw = req.query.get('raw') !== 'false';
      const text = headerText(message, req.state.domain);
      return mailOk({ messageId: message.messageId, headerContent: raw ? text : parsedHeaders(text) });
    }),
  },
  { method: 'GET', path: `${messagePath}/details`, scopes: ['ZohoMail.messages.READ'], handle: withMessage((req, account, message) => mailOk(detailsJson(req.state, account, message))) },
  {
    method: 'GET',
    path: `${messagePath}/attachmentinfo`,
    scopes: ['ZohoMail.messages.READ'],
    handle: withMessage((_req, _account, message) =>
      mailOk({ messageId: message.messageId, attachments: message.attachments.map((a) => ({ attachmentId: a.attachmentId, attachmentName: a.name, attachmentSize: String(a.data.length) })), inline: [] }),
    ),
  },
  {
    method: 'GET',
    path: `${messagePath}/attachments/:attachmentId`,
    scopes: ['ZohoMail.messages.READ'],
    handle: withMessage((req, _account, message) => {
      const a = message.attachments.find((x) => x.attachmentId === req.params.attachmentId);
      if (!a) return notFound(`no attachment ${req.params.attachmentId} in message ${message.messageId}`);
      return { status: 200, raw: a.data, headers: { 'content-type': a.contentType, 'content-disposition': `attachment; filename="${a.name.replace(/"/g, '')}"` } };
    }),
  },
  { method: 'POST', path: '/api/accounts/:accountId/messages', scopes: ['ZohoMail.messages.CREATE'], handle: withAccount((req, account) => compose(req, account)) },
  { method: 'POST', path: '/api/accounts/:accountId/messages/attachments', scopes: ['ZohoMail.messages.CREATE'], handle: withAccount(upload) },
  {
    method: 'POST',
    path: '/api/accounts/:accountId/messages/:messageId',
    scopes: ['ZohoMail.messages.CREATE'],
    handle: withAccount((req, account) => {
      const original = account.messages.find((m) => m.messageId === req.params.messageId);
      if (!original) return notFound(`no message ${req.params.messageId}`);
      return compose(req, account, original);
    }),
  },
  { method: 'PUT', path: '/api/accounts/:accountId/updatemessage', scopes: ['ZohoMail.messages.UPDATE'], handle: withAccount(updateMessages) },
  {
    method: 'DELETE',
    path: messagePath,
    scopes: ['ZohoMail.messages.DELETE'],
    handle: withMessage((_req, account, message) => {
      const trash = folderOfType(account, 'Trash');
      if (message.folderId === trash.folderId) account.messages.splice(account.messages.indexOf(message), 1);
      else message.folderId = trash.folderId;
      return mailOk();
    }),
  },
];

export const mailRoutes: EmulatorRoute<MailState>[] = routes.map((r) => ({ ...r, params: idsIn(r.path) }));
