/** How Mail's JSON becomes what a model reads: message rows, tables, times, flags. */
import { compact, toTable, type RecordTable } from '@zoho-agent-kit/core';
import { asId, asNumber, isUnread, receivedAt, type MailClient, type MailFolder, type MailMessageRow, type MailNotes } from './client.js';
import type { SentResult } from './compose.js';
import { addressesOf, decodeEntities, showAddress } from './text.js';

/** Epoch ms → `2026-11-30T14:05:00Z` (UTC, no milliseconds). */
export function isoTime(ms: number | undefined): string | undefined {
  if (ms === undefined || !Number.isFinite(ms)) return undefined;
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
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
export const MESSAGE_COLUMNS = ['message_id', 'folder_id', 'date', 'from', 'to', 'subject', 'summary', 'unread', 'flag', 'attachments', 'labels', 'thread_id', 'priority'];

/**
 * A list or search row for the model. Left out on purpose (documented noise): status2, hasInline, size,
 * sentDateInGMT, threadCount, URI, a flag of flag_not_set and the normal priority 3; thread_id only when the
 * message is part of a thread started by another message; false booleans as null.
 */
export function messageRecord(row: MailMessageRow, labels: Map<string, string>): Record<string, unknown> {
  const from = row.fromAddress ? showAddress(row.sender && row.sender !== row.fromAddress ? { address: row.fromAddress, name: decodeEntities(row.sender) } : { address: row.fromAddress }) : row.sender;
  const to = addressesOf(row.toAddress).map(showAddress).join(', ');
  const messageId = asId(row.messageId);
  const threadId = asId(row.threadId);
  const priority = asNumber(row.priority);
  const out: Record<string, unknown> = {
    message_id: messageId,
    folder_id: asId(row.folderId),
    date: isoTime(receivedAt(row)),
    from,
    to: to || undefined,
    subject: row.subject,
    summary: row.summary ? decodeEntities(row.summary) : undefined,
    unread: isUnread(row) ? true : undefined,
    flag: flagName(row.flagid),
    attachments: String(row.hasAttachment ?? '0') === '1' || row.hasAttachment === true ? true : undefined,
    labels: (row.labelId ?? []).map((id) => labels.get(String(id)) ?? String(id)).join(', ') || undefined,
    thread_id: threadId && threadId !== messageId ? threadId : undefined,
    priority: priority !== undefined && priority !== 3 ? priority : undefined,
  };
  return (compact(out) ?? {}) as Record<string, unknown>;
}

/** Label names of the labels some rows carry (one cached lookup, only when a row has labels). */
export async function labelsOfRows(client: MailClient, rows: readonly MailMessageRow[], signal?: AbortSignal): Promise<Record<string, string>> {
  const ids = rows.flatMap((r) => (r.labelId ?? []).map(String));
  return Object.fromEntries(await client.labelNames(ids, { signal }));
}

/** Rows as one table; `folder_id` said once beside it when every row shares it. */
export function messageTable(rows: readonly MailMessageRow[], labels: Record<string, string>): { table: RecordTable; folder_id?: string } {
  const names = new Map(Object.entries(labels));
  const records = rows.map((r) => messageRecord(r, names));
  const folders = new Set(records.map((r) => r.folder_id));
  const folder_id = records.length > 0 && folders.size === 1 ? (records[0]!.folder_id as string | undefined) : undefined;
  if (folder_id) for (const r of records) delete r.folder_id;
  const table = toTable(records, { columns: MESSAGE_COLUMNS });
  return folder_id ? { table, folder_id } : { table };
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
