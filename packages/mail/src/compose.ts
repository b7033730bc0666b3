/**
 * Outgoing mail, shared by mail_send, mail_reply, mail_forward and mail_save_draft: the sender checked
 * against the account's send-as addresses, every recipient parsed, the body from text, HTML or a filled
 * template, attachments from the files folder (size-capped), the preview a person confirms (every
 * recipient, the full body), the upload-and-send, and the reconcile check that looks for a lost send in
 * Sent (or a lost draft in Drafts) without ever sending it again.
 */
import { ToolInputError, ZohoApiError, type ReconcileVerdict, type WritePlan } from '@zoho-agent-kit/core';
import { asId, asNumber, hasAttachments, receivedAt, type MailAccountInfo, type MailClient, type MailNotes, type MailSendBody, type MailSendResult } from './client.js';
import { fillTemplate, loadTemplate } from './templates.js';
import { addressesOf, escapeHtml, htmlToText, looksLikeHtml, parseAddress, parseHeaders, showAddress, textToHtml, type MailAddress } from './text.js';
import { isoTime } from './shape.js';

/** Recipients of one message, at most (Zoho's own cap is unconfirmed: 100–150 external recipients per mail). */
export const MAX_RECIPIENTS = 100;
/** Files attached to one message, at most. */
export const MAX_ATTACHMENTS = 20;

export interface ComposeInput {
  from?: string | undefined;
  to?: string[] | undefined;
  cc?: string[] | undefined;
  bcc?: string[] | undefined;
  subject?: string | undefined;
  text?: string | undefined;
  html?: string | undefined;
  attachments?: string[] | undefined;
  template?: { name: string; values?: Record<string, string> | undefined } | undefined;
}

export interface AttachmentFile {
  file: string;
  name: string;
  size: number;
  open: () => NodeJS.ReadableStream;
}

/** A message ready to confirm and send. */
export interface Outgoing {
  account: MailAccountInfo;
  from: string;
  to: MailAddress[];
  cc: MailAddress[];
  bcc: MailAddress[];
  subject: string;
  format: 'html' | 'plaintext';
  /** What goes to Zoho as `content`. */
  content: string;
  /** The full body as a person reads it (the quote included). */
  bodyText: string;
  template?: string;
  files: AttachmentFile[];
  /** Attachments of the original that Zoho carries with a forward (unconfirmed). */
  forwarded?: string[];
}

/** Parses one recipient list; each entry names its field on error. */
export function parseRecipients(list: readonly string[] | undefined, field: string): MailAddress[] {
  return (list ?? []).map((entry, i) => {
    const parsed = parseAddress(entry);
    if (!parsed) throw new ToolInputError(`${field}[${i}]`, `"${entry.slice(0, 80)}" is not an email address; use name@example.com or "Name <name@example.com>"`);
    return parsed;
  });
}

/** No address twice across to, cc and bcc; at most MAX_RECIPIENTS in all. */
export function checkRecipients(lists: Record<'to' | 'cc' | 'bcc', MailAddress[]>): void {
  const seen = new Map<string, string>();
  for (const [field, list] of Object.entries(lists)) {
    list.forEach((a, i) => {
      const key = a.address.toLowerCase();
      const other = seen.get(key);
      if (other) throw new ToolInputError(`${field}[${i}]`, `${a.address} is already a recipient (${other}); give each address once`);
      seen.set(key, `${field}[${i}]`);
    });
  }
  if (seen.size > MAX_RECIPIENTS) throw new ToolInputError('to', `${seen.size} recipients is more than ${MAX_RECIPIENTS} for one message; split the mailing`);
}

/** The sender: one of the account's send-as addresses (checked), by default `fallback` or the primary address. */
export function resolveFrom(account: MailAccountInfo, from: string | undefined, fallback?: string): string {
  const allowed = account.sendAs.map((s) => s.address);
  if (from === undefined) return fallback && allowed.some((a) => a.toLowerCase() === fallback.toLowerCase()) ? allowed.find((a) => a.toLowerCase() === fallback.toLowerCase())! : (allowed.find((a) => a.toLowerCase() === account.email.toLowerCase()) ?? allowed[0] ?? account.email);
  const parsed = parseAddress(from);
  const match = parsed && allowed.find((a) => a.toLowerCase() === parsed.address.toLowerCase());
  if (!match) throw new ToolInputError('from', `${from.slice(0, 80)} is not a send-as address of this account; use one of ${allowed.join(', ')}`);
  return match;
}

function displayName(account: MailAccountInfo, from: string): string {
  return account.sendAs.find((s) => s.address.toLowerCase() === from.toLowerCase())?.displayName ?? account.displayName ?? from;
}

/** Opens every attachment inside the files folder; their total must stay under the cap. */
export async function openAttachments(client: MailClient, paths: readonly string[] | undefined): Promise<AttachmentFile[]> {
  const out: AttachmentFile[] = [];
  if ((paths?.length ?? 0) > MAX_ATTACHMENTS) throw new ToolInputError('attachments', `at most ${MAX_ATTACHMENTS} files per message`);
  let total = 0;
  for (const [i, path] of (paths ?? []).entries()) {
    const opened = await client.files.open(path, `attachments[${i}]`);
    total += opened.size;
    if (total > client.maxAttachmentBytes) {
      throw new ToolInputError(`attachments[${i}]`, `the attachments add up to ${total} bytes, more than the ${client.maxAttachmentBytes} allowed for one message; send fewer or smaller files`);
    }
    out.push({ file: path, name: opened.name, size: opened.size, open: opened.stream });
  }
  return out;
}

export interface Body {
  format: 'html' | 'plaintext';
  content: string;
  text: string;
  subject?: string;
  template?: string;
}

/** The body from text, HTML or a filled template (`sender_name`/`sender_email` filled from the sender). */
export async function composeBody(client: MailClient, input: ComposeInput, sender: { name: string; email: string }): Promise<Body | undefined> {
  if (input.template) {
    const template = await loadTemplate(client.files, client.builtinTemplates, input.template.name);
    const filled = fillTemplate(template, input.template.values ?? {}, { sender_name: sender.name, sender_email: sender.email });
    const body: Body = { format: 'html', content: filled.html, text: filled.text, template: template.name };
    if (filled.subject !== undefined) body.subject = filled.subject;
    return body;
  }
  if (input.html !== undefined) return { format: 'html', content: input.html, text: htmlToText(input.html) };
  if (input.text !== undefined) return { format: 'plaintext', content: input.text, text: input.text };
  return undefined;
}

/** The original message a reply or forward quotes. */
export interface Original {
  messageId: string;
  folderId: string;
  subject: string;
  from: MailAddress;
  to: MailAddress[];
  cc: MailAddress[];
  replyTo: MailAddress[];
  date?: string;
  /** The full body (quoted history included), as Zoho sent it. */
  content: string;
  attachments: string[];
}

/**
 * The body of a reply: required; a template's subject does not replace "Re: …" (the reply stays in its
 * thread); quoted under the original when the client quotes (`replyQuote: 'client'`).
 */
export function replyBody(client: MailClient, original: Original): (body: Body | undefined) => Body {
  return (body) => {
    if (!body) throw new ToolInputError('text', 'give the reply as text, html or template');
    const { subject: _subject, ...rest } = body;
    return client.replyQuote === 'client' ? quoteUnder(rest, original) : rest;
  };
}

/** Under a reply: "On …, … wrote:" and the original, quoted, in the body's own format. */
export function quoteUnder(body: Body, original: Original): Body {
  const who = showAddress(original.from);
  const when = original.date ?? 'an earlier date';
  const originalHtml = looksLikeHtml(original.content) ? original.content : textToHtml(original.content);
  const originalText = looksLikeHtml(original.content) ? htmlToText(original.content) : original.content;
  const quotedText = originalText
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');
  const text = `${body.text}\n\nOn ${when}, ${who} wrote:\n${quotedText}`;
  if (body.format === 'plaintext') return { ...body, content: `${body.content}\n\nOn ${when}, ${who} wrote:\n${quotedText}`, text };
  const content = `${body.content}<br><div>On ${escapeHtml(when)}, ${escapeHtml(who)} wrote:</div><blockquote style="border-left: 1px solid rgb(204, 204, 204); padding-left: 6px; margin: 0px 0px 0px 5px;">${originalHtml}</blockquote>`;
  return { ...body, content, text };
}

/** Above a forwarded message: the note, then the original's headers and body. */
export function forwardBody(note: Body | undefined, original: Original): Body {
  const head = [
    '---------- Forwarded message ----------',
    `From: ${showAddress(original.from)}`,
    ...(original.date ? [`Date: ${original.date}`] : []),
    `Subject: ${original.subject}`,
    `To: ${original.to.map(showAddress).join(', ')}`,
    ...(original.cc.length ? [`Cc: ${original.cc.map(showAddress).join(', ')}`] : []),
  ];
  const originalIsHtml = looksLikeHtml(original.content);
  const originalText = originalIsHtml ? htmlToText(original.content) : original.content;
  const text = `${note ? `${note.text}\n\n` : ''}${head.join('\n')}\n\n${originalText}`;
  if (!originalIsHtml && (!note || note.format === 'plaintext')) {
    return { ...(note ?? {}), format: 'plaintext', content: `${note ? `${note.content}\n\n` : ''}${head.join('\n')}\n\n${original.content}`, text };
  }
  const noteHtml = note ? (note.format === 'html' ? note.content : textToHtml(note.content)) : '';
  const content = `${noteHtml}<br><div>${head.map(escapeHtml).join('<br>')}</div><br>${originalIsHtml ? original.content : textToHtml(original.content)}`;
  return { ...(note ?? {}), format: 'html', content, text };
}

/** The body Zoho is sent. */
export function wireBody(out: Outgoing): MailSendBody {
  const body: MailSendBody = { fromAddress: out.from, subject: out.subject, content: out.content, mailFormat: out.format, askReceipt: 'no' };
  if (out.to.length) body.toAddress = out.to.map((a) => a.address).join(',');
  if (out.cc.length) body.ccAddress = out.cc.map((a) => a.address).join(',');
  if (out.bcc.length) body.bccAddress = out.bcc.map((a) => a.address).join(',');
  return body;
}

/** What the person confirming sees: every recipient, the full body, the attachments. */
export function preview(out: Outgoing): Record<string, unknown> {
  const p: Record<string, unknown> = { from: out.from, to: out.to.map(showAddress) };
  if (out.cc.length) p.cc = out.cc.map(showAddress);
  if (out.bcc.length) p.bcc = out.bcc.map(showAddress);
  p.subject = out.subject;
  p.format = out.format;
  p.body = out.bodyText;
  if (out.template) p.template = out.template;
  if (out.files.length) p.attachments = out.files.map((f) => ({ file: f.file, size: f.size }));
  if (out.forwarded?.length) p.forwarded_attachments = out.forwarded;
  return p;
}

/** One line naming every recipient: "Send "Hello" from a to b, c; cc d; bcc e; 2 attachments". */
export function summaryLine(verb: string, out: Outgoing): string {
  const parts = [`${verb} "${out.subject || '(no subject)'}" from ${out.from}`];
  if (out.to.length) parts[0] += ` to ${out.to.map((a) => a.address).join(', ')}`;
  if (out.cc.length) parts.push(`cc ${out.cc.map((a) => a.address).join(', ')}`);
  if (out.bcc.length) parts.push(`bcc ${out.bcc.map((a) => a.address).join(', ')}`);
  const attached = out.files.length + (out.forwarded?.length ?? 0);
  if (attached) parts.push(`${attached} attachment${attached === 1 ? '' : 's'}`);
  return parts.join('; ');
}

/** A send's result as the tools return it. */
export interface SentResult {
  status: 'sent' | 'saved_as_draft';
  message: MailSendResult;
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  attachments: string[];
  notes?: MailNotes;
}

/** Uploads the attachments (one request), then sends once. */
export async function deliver(client: MailClient, out: Outgoing, send: (body: MailSendBody) => Promise<MailSendResult>, status: SentResult['status'], signal?: AbortSignal): Promise<SentResult> {
  const body = wireBody(out);
  if (out.files.length) {
    const files = [];
    for (const f of out.files) {
      const chunks: Buffer[] = [];
      for await (const chunk of f.open()) chunks.push(Buffer.from(chunk as Buffer));
      files.push({ name: f.name, data: Buffer.concat(chunks) });
    }
    body.attachments = await client.upload(files, { signal });
  }
  const message = await send(body);
  return {
    status,
    message,
    from: out.from,
    to: out.to.map(showAddress),
    cc: out.cc.map(showAddress),
    bcc: out.bcc.map(showAddress),
    subject: out.subject,
    attachments: [...out.files.map((f) => f.name), ...(out.forwarded ?? [])],
    notes: await client.notes(),
  };
}

const norm = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * Did a send whose answer was lost land? Looks for the message in Sent (and Outbox) — or Drafts for a
 * draft — by subject and recipients, received since `sentAt` (less the clock skew). Read-only: it never
 * sends again.
 */
export async function findSent(client: MailClient, out: Outgoing, status: SentResult['status'], sentAt: number, signal: AbortSignal): Promise<ReconcileVerdict<SentResult>> {
  const types = status === 'saved_as_draft' ? ['Drafts'] : ['Sent', 'Outbox'];
  const wantTo = new Set(out.to.map((a) => a.address.toLowerCase()));
  const since = sentAt - client.clockSkewMs;
  for (const type of types) {
    const folder = await client.systemFolder(type, { signal });
    if (!folder) continue;
    const rows = await client.listMessages({ folderId: String(folder.folderId), start: 1, limit: 25 }, { signal });
    const match = rows.find((row) => {
      const at = receivedAt(row) ?? asNumber(row.sentDateInGMT);
      if (at === undefined || at < since || norm(row.subject) !== norm(out.subject)) return false;
      if (row.toAddress === undefined) return true;
      const got = new Set(addressesOf(row.toAddress).map((a) => a.address.toLowerCase()));
      return got.size === wantTo.size && [...wantTo].every((a) => got.has(a));
    });
    if (match) {
      const id = asId(match.messageId)!;
      const result: SentResult = {
        status,
        message: { messageId: id, folderId: asId(match.folderId) ?? String(folder.folderId), subject: match.subject },
        from: out.from,
        to: out.to.map(showAddress),
        cc: out.cc.map(showAddress),
        bcc: out.bcc.map(showAddress),
        subject: out.subject,
        attachments: [...out.files.map((f) => f.name), ...(out.forwarded ?? [])],
      };
      return { status: 'applied', id, result, detail: `found in ${type}: "${match.subject ?? ''}" at ${isoTime(receivedAt(match)) ?? 'an unknown time'}` };
    }
  }
  return { status: 'not_applied', detail: `no such message in ${types.join(' or ')} since ${isoTime(since)}` };
}

/** The plan every sending tool hands the toolkit: summary, exact payload, preview, one send, the reconcile check. */
export function sendPlan(client: MailClient, verb: string, out: Outgoing, status: SentResult['status'], send: (body: MailSendBody) => Promise<MailSendResult>, signal?: AbortSignal): WritePlan<SentResult> {
  const payload: Record<string, unknown> = { ...wireBody(out) };
  if (out.files.length) payload.attachments = out.files.map((f) => ({ file: f.file, name: f.name, size: f.size }));
  const where = status === 'saved_as_draft' ? 'Drafts' : 'Sent';
  return {
    summary: summaryLine(verb, out),
    payload,
    after: preview(out),
    execute: () => deliver(client, out, send, status, signal),
    reconcile: ({ sentAt, signal: checkSignal }) => findSent(client, out, status, sentAt, checkSignal),
    checkWith: `mail_list_messages {"folder":"${where}"}`,
  };
}

/** Sender and body checks shared by every sending tool; returns the composed message. */
export async function composeOutgoing(
  client: MailClient,
  input: ComposeInput,
  options: { signal?: AbortSignal | undefined; to: MailAddress[]; cc: MailAddress[]; bcc: MailAddress[]; subject?: string; defaultFrom?: string; body?: (body: Body | undefined) => Body; requireSubject: boolean },
): Promise<Outgoing> {
  checkRecipients({ to: options.to, cc: options.cc, bcc: options.bcc });
  const account = await client.account({ signal: options.signal });
  const from = resolveFrom(account, input.from, options.defaultFrom);
  const files = await openAttachments(client, input.attachments);
  const composed = await composeBody(client, input, { name: displayName(account, from), email: from });
  const body = options.body ? options.body(composed) : composed;
  if (!body) throw new ToolInputError('text', 'give the body as text, html or template');
  const subject = (input.subject ?? body.subject ?? options.subject ?? '').replace(/[\r\n]+/g, ' ').trim();
  if (options.requireSubject && !subject) throw new ToolInputError('subject', 'give a subject (or a template whose front matter has one)');
  const out: Outgoing = { account, from, to: options.to, cc: options.cc, bcc: options.bcc, subject, format: body.format, content: body.content, bodyText: body.text, files };
  if (body.template) out.template = body.template;
  return out;
}

/** Reads the message a reply or forward quotes: details, the full body, headers (Reply-To, Date), attachment names. */
export async function loadOriginal(
  client: MailClient,
  messageId: string,
  folderId: string | undefined,
  options: { signal?: AbortSignal | undefined; attachments: boolean; field?: string },
): Promise<Original> {
  const folder = client.locate(messageId, folderId);
  const signal = options.signal;
  let details;
  try {
    details = await client.details(folder, messageId, { signal });
  } catch (err) {
    if (err instanceof ZohoApiError && err.kind === 'not_found') throw new ToolInputError(options.field ?? 'message_id', `no message ${messageId} in folder ${folder}; find it with mail_search or mail_list_messages`);
    throw err;
  }
  const [content, header] = [await client.content(folder, messageId, true, { signal }), await client.header(folder, messageId, { signal })];
  const headers = parseHeaders(header?.headerContent ?? '');
  const attachments = options.attachments && hasAttachments(details) ? (await client.attachmentInfo(folder, messageId, { signal })).map((a) => a.attachmentName) : [];
  const fromHeader = addressesOf(headers.get('from')?.[0])[0];
  const original: Original = {
    messageId,
    folderId: folder,
    subject: details.subject ?? '',
    from: fromHeader ?? { address: details.fromAddress ?? '', ...(details.sender && details.sender !== details.fromAddress ? { name: details.sender } : {}) },
    to: headers.has('to') ? addressesOf(headers.get('to')![0]) : addressesOf(details.toAddress),
    cc: headers.has('cc') ? addressesOf(headers.get('cc')![0]) : addressesOf(details.ccAddress),
    replyTo: addressesOf(headers.get('reply-to')?.[0]),
    content: content?.content ?? '',
    attachments,
  };
  const date = headers.get('date')?.[0] ?? isoTime(asNumber(details.sentDateInGMT));
  if (date) original.date = date;
  return original;
}

/** "Re: …" / "Fwd: …" once, however many times the subject was answered. */
export function prefixed(prefix: 'Re' | 'Fwd', subject: string): string {
  const bare = subject.replace(/^\s*((re|fwd?|aw|wg)\s*:\s*)+/i, '').trim();
  return `${prefix}: ${bare}`;
}

/**
 * Who a reply goes to: the Reply-To, else the sender — or, for a message the account sent itself, its
 * recipients; reply-all adds the original's To and Cc, without the account's own addresses.
 */
export function replyRecipients(account: MailAccountInfo, original: Original, all: boolean): { to: MailAddress[]; cc: MailAddress[] } {
  const own = new Set([...account.own, ...account.sendAs.map((s) => s.address.toLowerCase())]);
  const fromUs = own.has(original.from.address.toLowerCase());
  const primary = fromUs ? original.to : original.replyTo.length ? original.replyTo : [original.from];
  const seen = new Set<string>();
  const keep = (list: MailAddress[]) =>
    list.filter((a) => {
      const key = a.address.toLowerCase();
      if (own.has(key) || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  const to = keep(primary);
  if (!all) return { to, cc: [] };
  const more = keep(fromUs ? [] : original.to);
  const cc = keep(original.cc);
  return { to: [...to, ...more], cc };
}

/** The send-as address the original was sent to (so a reply to maya@ goes out from maya@), if any. */
export function addressedAs(account: MailAccountInfo, original: Original): string | undefined {
  const targets = [...original.to, ...original.cc].map((a) => a.address.toLowerCase());
  return account.sendAs.find((s) => targets.includes(s.address.toLowerCase()))?.address;
}
