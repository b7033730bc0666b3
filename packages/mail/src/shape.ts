/** How Mail's JSON becomes what a model reads: message rows, tables, times, flags. */
import { compact, toTable, type RecordTable } from '@zoho-agent-kit/core';
import { asId, asNumber, hasAttachments, isUnread, receivedAt, type MailClient, type MailFolder, type MailMessageRow, type MailNotes } from './client.js';
import type { SentResult } from './compose.js';
import { addressesOf, decodeEntities, showAddress } from './text.js';

/** Epoch ms → `2026-11-30T14:05:00Z` (UTC, no milliseconds). */
export function isoTime(ms: number | undefined): string | undefined {
  if (ms === undefined || !Number.isFinite(ms)) return undefined;
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Epoch ms → `2026-11-30 14:05` (UTC, to the minute): the date column of message tables. */
export function rowTime(ms: number | undefined): string | undefined {
  return isoTime(ms)?.slice(0, 16).replace('T', ' ');
}

/** Zoho's flag (`flag_not_set|info|important|followup`, or 0–3) → the tools' names; undefined when none. */
export function flagName(flag: unknown): 'info' | 'important' | 'follow_up' | undefined {
  const f = String(flag ?? '').toLowerCase();
  if (f === 'info' || f === '1') return 'info';
  if (f === 'important' || f === '2') return 'important';
  if (f === 'followup' || f === 'follow_up' || f === '3') return 'follow_up';
  return undefined;
}

/** The tools' flag names → Zoho's `flagid` for updatemessage (unconfirmed spelling). */
export const ZOHO_FLAG: Record<'info' | 'important' | 'follow_up' | 'none', string> = { info: 'info', important: 'important', follow_up: 'followup', none: 'flag_not_set' };

/** Columns of a message table, in reading order. */
export const MESSAGE_COLUMNS = ['message_id', 'folder_id', 'date', 'from', 'to', 'subject', 'summary', 'unread', 'flag', 'attachments', 'labels', 'priority'];

/**
 * A list or search row for the model. Left out on purpose (documented noise): status2, hasInline, size,
 * sentDateInGMT, threadCount, URI, a flag of flag_not_set and the normal priority 3; threadId (mail_get_message
 * gives it); `to` when it is only the mailbox's own primary address (`mailbox`); seconds of the time; false
 * booleans as null.
 */
export function messageRecord(row: MailMessageRow, labels: Map<string, string>, mailbox?: string): Record<string, unknown> {
  const from = row.fromAddress ? showAddress(row.sender && row.sender !== row.fromAddress ? { address: row.fromAddress, name: decodeEntities(row.sender) } : { address: row.fromAddress }) : row.sender;
  const recipients = addressesOf(row.toAddress);
  const onlyUs = mailbox !== undefined && recipients.length === 1 && recipients[0]!.address.toLowerCase() === mailbox.toLowerCase();
  const to = onlyUs ? '' : recipients.map(showAddress).join(', ');
  const messageId = asId(row.messageId);
  const priority = asNumber(row.priority);
  const out: Record<string, unknown> = {
    message_id: messageId,
    folder_id: asId(row.folderId),
    date: rowTime(receivedAt(row)),
    from,
    to: to || undefined,
    subject: row.subject,
    summary: row.summary ? decodeEntities(row.summary) : undefined,
    unread: isUnread(row) ? true : undefined,
    flag: flagName(row.flagid),
    attachments: hasAttachments(row) ? true : undefined,
    labels: (row.labelId ?? []).map((id) => labels.get(String(id)) ?? String(id)).join(', ') || undefined,
    priority: priority !== undefined && priority !== 3 ? priority : undefined,
  };
  return (compact(out) ?? {}) as Record<string, unknown>;
}

/** Label names of the labels some rows carry (one cached lookup, only when a row has labels). */
export async function labelsOfRows(client: MailClient, rows: readonly MailMessageRow[], signal?: AbortSignal): Promise<Record<string, string>> {
  const ids = rows.flatMap((r) => (r.labelId ?? []).map(String));
  return Object.fromEntries(await client.labelNames(ids, { signal }));
}

/** What a table of rows needs besides them: label names and the mailbox's own address. */
export interface RowContext {
  labels: Record<string, string>;
  mailbox: string;
}

export async function rowContext(client: MailClient, rows: readonly MailMessageRow[], signal?: AbortSignal): Promise<RowContext> {
  return { labels: await labelsOfRows(client, rows, signal), mailbox: (await client.account({ signal })).email };
}

/** Columns that may be said once for the whole table when every row has the same value. */
const SHAREABLE = ['to', 'unread', 'flag', 'attachments', 'labels', 'priority'];

/**
 * The values of `keys` that every one of two or more records shares, taken out of the records and returned
 * (for an `every_row` beside the table).
 */
export function sayOnce(records: Record<string, unknown>[], keys: readonly string[]): Record<string, unknown> {
  const shared: Record<string, unknown> = {};
  if (records.length < 2) return shared;
  for (const key of keys) {
    const first = records[0]![key];
    if (first !== undefined && records.every((r) => r[key] === first)) {
      shared[key] = first;
      for (const r of records) delete r[key];
    }
  }
  return shared;
}

/**
 * Rows as one table; `folder_id` said once beside it when every row shares it, and other values every row
 * shares (all unread, all to the same alias, …) once in `every_row`.
 */
export function messageTable(rows: readonly MailMessageRow[], context: RowContext): { table: RecordTable; folder_id?: string; every_row?: Record<string, unknown> } {
  const names = new Map(Object.entries(context.labels));
  const records = rows.map((r) => messageRecord(r, names, context.mailbox));
  const folders = new Set(records.map((r) => r.folder_id));
  const folder_id = records.length > 0 && folders.size === 1 ? (records[0]!.folder_id as string | undefined) : undefined;
  if (folder_id) for (const r of records) delete r.folder_id;
  const every_row = sayOnce(records, SHAREABLE);
  const table = toTable(records, { columns: MESSAGE_COLUMNS });
  const out: { table: RecordTable; folder_id?: string; every_row?: Record<string, unknown> } = { table };
  if (folder_id) out.folder_id = folder_id;
  if (Object.keys(every_row).length) out.every_row = every_row;
  return out;
}

/** A folder's path, falling back to its name. */
export function folderPath(folder: MailFolder): string {
  return folder.path ?? `/${folder.folderName}`;
}

/** Notes beside a result, only those with a value. */
export function withNotes<T extends Record<string, unknown>>(shaped: T, notes: MailNotes | undefined): T {
  if (!notes) return shaped;
  const out: Record<string, unknown> = { ...shaped };
  if (notes.account) out.account_note = notes.account;
  if (notes.budget_left) out.budget_left = notes.budget_left;
  return out as T;
}

/** A send, reply, forward or draft as the model reads it: where it went and its ids. */
export function shapeSent(r: SentResult): Record<string, unknown> {
  const out = compact({
    status: r.status,
    message_id: String(r.message.messageId),
    folder_id: r.message.folderId !== undefined ? String(r.message.folderId) : undefined,
    from: r.from,
    to: r.to,
    cc: r.cc,
    bcc: r.bcc,
    subject: r.subject,
    attachments: r.attachments,
  }) as Record<string, unknown>;
  return withNotes(out, r.notes);
}
