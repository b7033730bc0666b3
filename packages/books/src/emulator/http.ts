/**
 * Shared plumbing of the Books emulator routes: the envelope, organization and daily-quota checks, bodies
 * (JSON or the legacy `JSONString` form field), paging and sorting, and input parsing.
 */
import type { EmulatorRequest, EmulatorResponse } from '@zoho-agent-kit/core/emulator';
import { amountFromZoho, parseAmount } from '../money.js';
import { isoDate, type BooksOrgData, type BooksState, type EmuLineItem } from './state.js';

export type Req = EmulatorRequest<BooksState>;
export type Json = Record<string, unknown>;

export const V3 = '/books/v3';
export const MAX_PER_PAGE = 200;

/** JSON number of an integer amount of cents: 45010 → 450.1 (serialised exactly as "450.1"). */
export const money = (cents: number) => cents / 100;

export function booksError(status: number, code: number, message: string, extra: Json = {}): EmulatorResponse {
  return { status, body: { code, message, ...extra } };
}

export const notFound = (what: string) => booksError(404, 1002, `${what} does not exist.`);
export const invalid = (message: string) => booksError(400, 4, message);

/** Any-of scope lists: the module scope or Books full access. */
export function scopes(module: string, op: 'READ' | 'CREATE' | 'UPDATE' | 'DELETE'): string[] {
  return [`ZohoBooks.${module}.${op}`, 'ZohoBooks.fullaccess.all'];
}

export function today(req: Req): string {
  return isoDate(req.now);
}

/** The organization a call addresses, or the error Books answers. */
export function resolveOrganization(req: Req): BooksOrgData | EmulatorResponse {
  const id = req.query.get('organization_id')?.trim();
  const orgs = req.state.organizations;
  if (!id) {
    if (orgs.length > 1) {
      return booksError(400, 6024, 'This user belongs to multiple organizations. Please specify the organization_id.', {
        organizations: orgs.map((o) => ({ organization_id: o.organization.organization_id, name: o.organization.name })),
      });
    }
    return invalid('Invalid value passed for organization_id: it is required on every call.');
  }
  const org = orgs.find((o) => o.organization.organization_id === id);
  return org ?? notFound(`The organization ${id}`);
}

export function checkDailyQuota(req: Req, org: BooksOrgData): EmulatorResponse | undefined {
  if (!req.quotas) return undefined; // the emulator runs without limits
  const day = today(req);
  if (org.usage.day !== day) org.usage = { day, count: 0 };
  if (org.usage.count >= req.state.dailyLimit) {
    const reset = Date.parse(`${day}T00:00:00Z`) + 86_400_000;
    const seconds = Math.max(1, Math.ceil((reset - req.now) / 1000));
    return {
      ...booksError(429, 45, `You have reached the maximum number of API calls for the day (${req.state.dailyLimit} per organization).`),
      headers: { 'Retry-After': String(seconds) },
    };
  }
  org.usage.count++;
  return undefined;
}

/** Wraps a handler that works inside one organization: resolves it and charges the daily quota. */
export function inOrganization(handler: (req: Req, org: BooksOrgData) => EmulatorResponse): (req: Req) => EmulatorResponse {
  return (req) => {
    const org = resolveOrganization(req);
    if ('status' in org) return org;
    return checkDailyQuota(req, org) ?? handler(req, org);
  };
}

/** The request body: JSON, or the legacy form field `JSONString` holding JSON. */
export function bodyOf(req: Req): Json | EmulatorResponse {
  let body = req.body;
  if (body === Symbol.for('invalid-json')) return invalid('The request body is not valid JSON.');
  if (body && typeof body === 'object' && !Buffer.isBuffer(body) && typeof (body as Json).JSONString === 'string') {
    try {
      body = JSON.parse((body as Json).JSONString as string);
    } catch {
      return invalid('Invalid value passed for JSONString');
    }
  }
  if (!body || typeof body !== 'object' || Array.isArray(body) || Buffer.isBuffer(body)) return invalid('A JSON object body (or the JSONString form field) is required.');
  return body as Json;
}

export function isResponse(value: unknown): value is EmulatorResponse {
  return !!value && typeof value === 'object' && 'status' in value && typeof (value as EmulatorResponse).status === 'number';
}

// ---------- paging and sorting ----------

export function pageParams(req: Req): { page: number; perPage: number } {
  const page = Math.max(1, Math.floor(Number(req.query.get('page') ?? '1')) || 1);
  const perPage = Math.min(MAX_PER_PAGE, Math.max(1, Math.floor(Number(req.query.get('per_page') ?? String(MAX_PER_PAGE))) || MAX_PER_PAGE));
  return { page, perPage };
}

export function paginate<T>(req: Req, rows: T[], context: { report_name: string; applied_filter: string; sort_column: string; sort_order: string; criteria: Json[] }) {
  const { page, perPage } = pageParams(req);
  const start = (page - 1) * perPage;
  const items = rows.slice(start, start + perPage);
  const page_context: Json = {
    page,
    per_page: perPage,
    has_more_page: start + perPage < rows.length,
    report_name: context.report_name,
    applied_filter: context.applied_filter,
    sort_column: context.sort_column,
    sort_order: context.sort_order,
  };
  if (context.criteria.length) page_context.search_criteria = context.criteria;
  return { items, page_context };
}

export function sortRows<T>(rows: T[], key: (row: T) => string | number, order: string): T[] {
  const dir = order === 'A' ? 1 : -1;
  return rows.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'en', { sensitivity: 'base' });
    return c * dir;
  });
}

export function contains(haystack: string | undefined, needle: string): boolean {
  return (haystack ?? '').toLowerCase().includes(needle.toLowerCase());
}

// ---------- input parsing ----------

export function centsOf(value: unknown, field: string, opts: { min?: number; positive?: boolean } = {}): number | EmulatorResponse {
  let units: bigint | undefined;
  try {
    units = typeof value === 'number' || typeof value === 'string' ? parseAmount(value) : undefined;
  } catch {
    units = amountFromZoho(value);
  }
  if (units === undefined) return invalid(`Invalid value passed for ${field}`);
  const n = Number(units);
  if (opts.positive && n <= 0) return invalid(`Invalid value passed for ${field}: it must be greater than zero`);
  if (opts.min !== undefined && n < opts.min) return invalid(`Invalid value passed for ${field}`);
  return n;
}

export function dateOf(value: unknown, fallback: string): string | undefined {
  if (value === undefined || value === null || value === '') return fallback;
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? value : undefined;
}

/**
 * Reads `line_items` of a sales document (invoice, estimate): each line needs a name or an item_id; quantity
 * defaults to 1, rate to 0. A line naming a `line_item_id` of `existing` keeps that id (an update); other
 * lines get new ids. Totals are left to computeTotals.
 */
export function parseLineItems(req: Req, raw: unknown, existing: readonly EmuLineItem[] = []): EmuLineItem[] | EmulatorResponse {
  if (!Array.isArray(raw) || raw.length === 0) return invalid('Invalid value passed for line_items: at least one line item is required.');
  const out: EmuLineItem[] = [];
  for (const [index, entry] of (raw as unknown[]).entries()) {
    if (!entry || typeof entry !== 'object') return invalid(`Invalid value passed for line_items[${index}]`);
    const line = entry as Json;
    const name = typeof line.name === 'string' ? line.name.trim() : '';
    const itemId = line.item_id === undefined || line.item_id === null || line.item_id === '' ? undefined : String(line.item_id);
    const lineId = line.line_item_id === undefined || line.line_item_id === null || line.line_item_id === '' ? undefined : String(line.line_item_id);
    const kept = lineId ? existing.find((l) => l.line_item_id === lineId) : undefined;
    if (lineId && !kept) return invalid(`Invalid value passed for line_items[${index}].line_item_id: ${lineId} is not a line of this transaction.`);
    if (!name && !itemId && !kept) return invalid(`Invalid value passed for line_items[${index}]: an item_id or a name is required.`);
    const quantity = centsOf(line.quantity ?? (kept ? kept.quantity_hundredths / 100 : 1), `line_items[${index}].quantity`, { positive: true });
    if (isResponse(quantity)) return quantity;
    const rate = centsOf(line.rate ?? (kept ? kept.rate_cents / 100 : 0), `line_items[${index}].rate`, { min: 0 });
    if (isResponse(rate)) return rate;
    const item: EmuLineItem = {
      line_item_id: kept?.line_item_id ?? req.state.nextId(),
      name: name || kept?.name || `Item ${itemId}`,
      quantity_hundredths: quantity,
      rate_cents: rate,
      item_total_cents: 0,
      item_order: index + 1,
    };
    const item_id = itemId ?? kept?.item_id;
    if (item_id) item.item_id = item_id;
    const description = typeof line.description === 'string' ? line.description : kept?.description;
    if (description) item.description = description;
    out.push(item);
  }
  return out;
}
