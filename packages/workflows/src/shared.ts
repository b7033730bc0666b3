/**
 * What every workflow shares: the clients it gets, text normalising for matching, markers it writes (and
 * reads back) so a second run knows what the first one did, and small helpers over the app plugins.
 */
import { ToolInputError, type ToolAccess, type ToolContext, type ZohoApp } from '@zoho-agent-kit/core';
import type { BooksClient } from '@zoho-agent-kit/books';
import type { CalendarClient } from '@zoho-agent-kit/calendar';
import type { CliqClient } from '@zoho-agent-kit/cliq';
import type { CrmClient } from '@zoho-agent-kit/crm';
import type { MailClient } from '@zoho-agent-kit/mail';
import type { ProjectsClient } from '@zoho-agent-kit/projects';
import { z } from 'zod';

/** The clients a workflow's context may carry (those of the apps the policy lets it use). */
export interface FlowClients {
  crm?: CrmClient;
  books?: BooksClient;
  projects?: ProjectsClient;
  cliq?: CliqClient;
  calendar?: CalendarClient;
  mail?: MailClient;
}

export type FlowContext = ToolContext<FlowClients>;

/** The client of an app the tool requires (the toolkit guarantees it); a clear error if a caller forgot it. */
export function client<K extends keyof FlowClients>(ctx: FlowContext, app: K): NonNullable<FlowClients[K]> {
  const c = ctx.client[app];
  if (!c) throw new Error(`${ctx.toolName} needs the ${app} client; compose it with the ${app} plugin in the same toolkit`);
  return c as NonNullable<FlowClients[K]>;
}

/** Whether this call may use an optional app at that access (the policy allows it and its plugin is there). */
export function allows(ctx: FlowContext, app: ZohoApp, access: ToolAccess): boolean {
  return ctx.allows?.(app, access) ?? ctx.client[app as keyof FlowClients] !== undefined;
}

/** Names compared the way people write them: case, "&"/"and", punctuation and legal suffixes ignored. */
export function normaliseName(name: string | undefined): string {
  return (name ?? '')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\b(inc|incorporated|llc|llp|ltd|limited|corp|corporation|co|company|gmbh|plc|sa|bv|ag|pty)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function normaliseEmail(email: unknown): string | undefined {
  return typeof email === 'string' && email.includes('@') ? email.trim().toLowerCase() : undefined;
}

/** Address parts compared without case, spaces or punctuation; the usual spellings of one country are one. */
export function normalisePart(value: unknown, part?: string): string {
  const text = typeof value === 'string' ? value.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim() : '';
  if (part === 'country' && COUNTRY_ALIASES[text]) return COUNTRY_ALIASES[text]!;
  return text;
}

const COUNTRY_ALIASES: Record<string, string> = { usa: 'united states', us: 'united states', 'u s a': 'united states', 'u s': 'united states', 'united states of america': 'united states', uk: 'united kingdom', gb: 'united kingdom', 'great britain': 'united kingdom' };

/** `[key] value` markers: written into notes and comments, read back exactly (the ids are digits). */
export function findMarker(text: unknown, label: string): string[] {
  if (typeof text !== 'string') return [];
  const re = new RegExp(`\\[${label}[: ]+([0-9A-Za-z-]{1,40})\\]`, 'g');
  return [...text.matchAll(re)].map((m) => m[1]!);
}

export const marker = (label: string, value: string) => `[${label}: ${value}]`;

// Checked by refinements, not patterns, so the JSON Schema a model reads stays short.

/** A Zoho id input: digits as a string. */
export const idInput = (what: string) =>
  z
    .string()
    .trim()
    .max(25)
    .refine((v) => /^\d{1,25}$/.test(v), `a ${what} id is digits, given as a string`);

export const dateInput = () =>
  z
    .string()
    .trim()
    .max(10)
    .refine((d) => /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'use a real date, yyyy-mm-dd');

/** Exact decimal text with at most 2 decimals (Books' amounts). */
export const amountInput = () =>
  z.coerce
    .string()
    .trim()
    .max(20)
    .refine((v) => /^\d{1,10}(\.\d{1,2})?$/.test(v), 'use a decimal amount with at most 2 decimals, e.g. "95.00"');

/** Every page of a paged list, up to `maxPages`. */
export async function allPages<T>(fetch: (page: number) => Promise<{ rows: T[]; more: boolean }>, maxPages = 20): Promise<{ rows: T[]; complete: boolean }> {
  const rows: T[] = [];
  for (let page = 1; page <= maxPages; page++) {
    const res = await fetch(page);
    rows.push(...res.rows);
    if (!res.more) return { rows, complete: true };
  }
  return { rows, complete: false };
}

/** Runs `fn` over `items`, `limit` at a time, keeping the order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  });
  await Promise.all(workers);
  return out;
}

/** Refuses an input when an optional part needs an app use the policy does not give this call. */
export function requireUse(ctx: FlowContext, app: ZohoApp, access: ToolAccess, field: string, what: string): void {
  if (!allows(ctx, app, access)) throw new ToolInputError(field, `${what} needs ${app} ${access} access, which this role or policy does not allow; leave ${field} out`);
}
