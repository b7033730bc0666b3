/**
 * Table-driven checks of an emulator slice's answers over real HTTP: each case is one request and what
 * must come back (status, parts of the body, headers). Every app's emulator tests its wire digest this
 * way (success and error envelopes, status codes, paging, throttling bodies); the runner knows no test
 * framework, so a test does
 *
 * ```ts
 * it.each(cases)('$name', async (c) => expect((await runAnswerCase(emu, 'books', c)).problems).toEqual([]));
 * ```
 */
import { request } from 'undici';
import type { ZohoApp } from '../regions.js';
import type { Emulator } from './server.js';

export interface AnswerExpectation {
  status: number;
  /**
   * Parts of the JSON body that must be there: objects match as a subset, arrays element by element
   * (and must have the same length), a RegExp tests a string, a function tests a value (true = fine).
   */
  body?: unknown;
  /** No body at all (204, 304). */
  empty?: boolean;
  /** Header values (names in lower case), exact or by RegExp. */
  headers?: Record<string, string | RegExp>;
  /** Further checks on the answer; returns the problems found. */
  check?: (answer: Answer) => string[] | undefined | void;
}

export interface AnswerCase {
  /** What the case shows, e.g. "no organization_id → 400 code 4". */
  name: string;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path below the app's base URL (`/books/v3/invoices`), optionally with a query string. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  /** A JSON body, sent with `Content-Type: application/json` unless `headers` say otherwise. */
  json?: unknown;
  /** A url-encoded form body. */
  form?: Record<string, string>;
  /** A body sent as it is (with whatever Content-Type `headers` give, or none). */
  body?: string | Buffer;
  /**
   * The access token: by default one with every scope the emulator grants; a string to send instead; a
   * function making one (e.g. with fewer scopes: `(emu) => emu.accounts.issueAccessToken(emu.accounts.issueRefreshToken({ scopes }))`); null for none.
   */
  token?: string | null | ((emulator: Emulator) => string);
  /** Runs before the request, e.g. to add a fault or an organization. */
  setup?: (emulator: Emulator) => void | Promise<void>;
  expect: AnswerExpectation;
}

export interface Answer {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON, or undefined for an empty or non-JSON body. */
  body: unknown;
  text: string;
}

export interface AnswerOutcome {
  name: string;
  answer: Answer;
  /** Empty when the answer is what the case expects. */
  problems: string[];
}

const show = (v: unknown) => (v instanceof RegExp ? String(v) : JSON.stringify(v)?.slice(0, 200));

/** Where `actual` differs from the `expected` subset (see `AnswerExpectation.body`); empty when it fits. */
export function matchSubset(expected: unknown, actual: unknown, path = '$'): string[] {
  if (typeof expected === 'function') return (expected as (v: unknown) => boolean)(actual) ? [] : [`${path}: ${show(actual)} fails ${expected.name || 'the check'}`];
  if (expected instanceof RegExp) return typeof actual === 'string' && expected.test(actual) ? [] : [`${path}: ${show(actual)} does not match ${String(expected)}`];
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected an array, got ${show(actual)}`];
    if (actual.length !== expected.length) return [`${path}: expected ${expected.length} items, got ${actual.length}`];
    return expected.flatMap((e, i) => matchSubset(e, actual[i], `${path}[${i}]`));
  }
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object' || Array.isArray(actual)) return [`${path}: expected an object, got ${show(actual)}`];
    return Object.entries(expected).flatMap(([k, e]) =>
      k in (actual as object) ? matchSubset(e, (actual as Record<string, unknown>)[k], `${path}.${k}`) : [`${path}: missing "${k}"`],
    );
  }
  return Object.is(expected, actual) ? [] : [`${path}: expected ${show(expected)}, got ${show(actual)}`];
}

const tokens = new WeakMap<Emulator, string>();

/** Sends one case to the app on the running emulator and compares the answer. */
export async function runAnswerCase(emulator: Emulator, app: ZohoApp, c: AnswerCase): Promise<AnswerOutcome> {
  await c.setup?.(emulator);
  const url = new URL(emulator.baseUrls[app] + c.path);
  for (const [k, v] of Object.entries(c.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
  const headers: Record<string, string> = { ...c.headers };
  let token = typeof c.token === 'function' ? c.token(emulator) : c.token;
  if (token === undefined) {
    token = tokens.get(emulator);
    if (!token) tokens.set(emulator, (token = emulator.accounts.issueAccessToken()));
  }
  if (token !== null) headers.authorization ??= `Zoho-oauthtoken ${token}`;
  const hasType = Object.keys(headers).some((h) => h.toLowerCase() === 'content-type');
  let body: string | Buffer | undefined;
  if (c.json !== undefined) {
    body = JSON.stringify(c.json);
    if (!hasType) headers['content-type'] = 'application/json';
  } else if (c.form) {
    body = new URLSearchParams(c.form).toString();
    if (!hasType) headers['content-type'] = 'application/x-www-form-urlencoded';
  } else if (c.body !== undefined) body = c.body;

  const res = await request(url, { method: c.method ?? 'GET', headers, ...(body === undefined ? {} : { body }) });
  const text = await res.body.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  const answerHeaders: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) answerHeaders[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  const answer: Answer = { status: res.statusCode, headers: answerHeaders, body: parsed, text };

  const problems: string[] = [];
  const e = c.expect;
  if (answer.status !== e.status) problems.push(`status: expected ${e.status}, got ${answer.status} ${text.slice(0, 300)}`);
  if (e.empty && text !== '') problems.push(`body: expected none, got ${text.slice(0, 200)}`);
  if (e.body !== undefined) {
    if (parsed === undefined) problems.push(`body: expected JSON, got ${JSON.stringify(text.slice(0, 200))}`);
    else problems.push(...matchSubset(e.body, parsed));
  }
  for (const [name, want] of Object.entries(e.headers ?? {})) {
    const got = answerHeaders[name.toLowerCase()];
    if (got === undefined || (typeof want === 'string' ? got !== want : !want.test(got))) problems.push(`header ${name}: expected ${String(want)}, got ${got ?? '(none)'}`);
  }
  problems.push(...(e.check?.(answer) ?? []));
  return { name: c.name, answer, problems };
}

/** Runs every case in order; the outcomes carry their problems (none when all is well). */
export async function runAnswerTable(emulator: Emulator, app: ZohoApp, cases: AnswerCase[]): Promise<AnswerOutcome[]> {
  const outcomes: AnswerOutcome[] = [];
  for (const c of cases) outcomes.push(await runAnswerCase(emulator, app, c));
  return outcomes;
}
