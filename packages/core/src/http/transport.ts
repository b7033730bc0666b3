import { Readable } from 'node:stream';
import { Agent, FormData as UndiciFormData, request, type Dispatcher } from 'undici';
import { cancelledError, ZohoApiError } from '../errors.js';
import { parseJson } from '../json.js';
import type { ZohoApp } from '../regions.js';
import type { RawResponse } from './envelope.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryValue = string | number | boolean | undefined | null | readonly (string | number)[];

export interface HttpOptions {
  connectTimeoutMs?: number;
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  /** Sockets kept per origin. */
  connectionsPerOrigin?: number;
  keepAliveTimeoutMs?: number;
}

/** Builds the keep-alive agent: undici keeps one pool per origin inside it. */
export function createAgent(options: HttpOptions = {}): Agent {
  return new Agent({
    connections: options.connectionsPerOrigin ?? 32,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
    headersTimeout: options.headersTimeoutMs ?? 30_000,
    bodyTimeout: options.bodyTimeoutMs ?? 60_000,
    connect: { timeout: options.connectTimeoutMs ?? 10_000 },
  });
}

export interface OutgoingBody {
  json?: unknown;
  form?: Record<string, string>;
  multipart?: FormData | UndiciFormData;
  /** Raw bytes or a stream; a stream is sent once and never replayed. */
  body?: string | Uint8Array | Readable | AsyncIterable<Uint8Array>;
  contentType?: string;
}

export function isStreamBody(b: OutgoingBody): boolean {
  const body = b.body;
  return body !== undefined && typeof body !== 'string' && !(body instanceof Uint8Array);
}

/**
 * Progress of a streamed body: the bytes moved so far and, when a Content-Length says it, the total. Called
 * once per chunk as it is sent (a stream request body) or read by the consumer (a stream response body).
 */
export type ProgressListener = (bytes: number, total?: number) => void;

/** The chunks of `source`, reporting the running byte count to `listener` (whose failures are ignored). */
function counted(source: AsyncIterable<Uint8Array>, total: number | undefined, listener: ProgressListener): AsyncIterable<Uint8Array> {
  return (async function* () {
    let bytes = 0;
    for await (const chunk of source) {
      bytes += chunk.byteLength;
      try {
        listener(bytes, total);
      } catch {
        // A progress display must never break a transfer.
      }
      yield chunk;
    }
  })();
}

function declaredLength(value: string | string[] | undefined): number | undefined {
  const n = Number(Array.isArray(value) ? value[0] : value);
  return value !== undefined && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

export function encodeBody(b: OutgoingBody): { body: Dispatcher.DispatchOptions['body']; contentType?: string } {
  if (b.json !== undefined) return { body: JSON.stringify(b.json), contentType: 'application/json;charset=UTF-8' };
  if (b.form) return { body: new URLSearchParams(b.form).toString(), contentType: 'application/x-www-form-urlencoded' };
  if (b.multipart) return { body: toUndiciFormData(b.multipart) };
  if (b.body !== undefined) {
    const out: { body: Dispatcher.DispatchOptions['body']; contentType?: string } = { body: b.body as Dispatcher.DispatchOptions['body'] };
    if (b.contentType) out.contentType = b.contentType;
    return out;
  }
  return { body: undefined };
}

/** Node's global FormData comes from Node's bundled undici, a different class from this undici's. */
function toUndiciFormData(form: FormData | UndiciFormData): UndiciFormData {
  if (form instanceof UndiciFormData) return form;
  const copy = new UndiciFormData();
  for (const [name, value] of (form as FormData).entries()) {
    if (typeof value === 'string') copy.append(name, value);
    else copy.append(name, value, (value as File).name);
  }
  return copy;
}

export function buildUrl(base: string, path: string, query?: Record<string, QueryValue>): string {
  let url = base + (path.startsWith('/') ? path : `/${path}`);
  if (query) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      if (v === undefined || v === null) continue;
      params.set(k, Array.isArray(v) ? v.join(',') : String(v));
    }
    const qs = params.toString();
    if (qs) url += (url.includes('?') ? '&' : '?') + qs;
  }
  return url;
}

const CONNECT_ERRORS = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Turns an undici/network failure into a ZohoApiError without any header or body content. */
export function networkError(app: ZohoApp, err: unknown, signal?: AbortSignal): ZohoApiError {
  const e = err as { code?: string; name?: string; message?: string; cause?: { code?: string } };
  const code = e.code ?? e.cause?.code ?? e.name ?? 'NETWORK_ERROR';
  if (signal?.aborted || e.name === 'AbortError' || code === 'UND_ERR_ABORTED') {
    return cancelledError(app);
  }
  if (CONNECT_ERRORS.has(code)) {
    return new ZohoApiError({ app, status: 0, code: 'CONNECT_FAILED', kind: 'network', retryable: true, message: `could not connect to ${app} (${code})` });
  }
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return new ZohoApiError({ app, status: 0, code: 'TIMEOUT', kind: 'timeout', message: `${app} did not answer in time (${code})` });
  }
  return new ZohoApiError({ app, status: 0, code, kind: 'network', message: `network failure talking to ${app} (${code})` });
}

export type ResponseType = 'json' | 'text' | 'buffer' | 'stream';

export interface TransportResult {
  raw: RawResponse;
  /** Present for responseType 'stream' on success: the unread body. */
  stream?: Readable;
}

/** Sends one HTTP request and reads its body per `responseType`; JSON keeps 19-digit integers exact. */
export async function sendOnce(
  dispatcher: Dispatcher,
  options: {
    app: ZohoApp;
    method: HttpMethod;
    url: string;
    headers: Record<string, string>;
    body: OutgoingBody;
    signal?: AbortSignal | undefined;
    responseType: ResponseType;
    /** Progress of a stream request body as it is sent, and of a stream response body as it is read. */
    onProgress?: ProgressListener | undefined;
  },
): Promise<TransportResult> {
  const encoded = encodeBody(options.body);
  const headers = { ...options.headers };
  if (encoded.contentType && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = encoded.contentType;
  const onProgress = options.onProgress;
  if (onProgress && isStreamBody(options.body)) {
    const lengthHeader = Object.keys(headers).find((h) => h.toLowerCase() === 'content-length');
    encoded.body = counted(encoded.body as AsyncIterable<Uint8Array>, declaredLength(lengthHeader ? headers[lengthHeader] : undefined), onProgress) as Dispatcher.DispatchOptions['body'];
  }
  let res: Dispatcher.ResponseData;
  try {
    res = await request(options.url, {
      dispatcher,
      method: options.method,
      headers,
      body: encoded.body,
      signal: options.signal,
    });
  } catch (err) {
    throw networkError(options.app, err, options.signal);
  }
  const resHeaders = res.headers as RawResponse['headers'];
  try {
    if (options.responseType === 'stream' && res.statusCode < 400) {
      const body = onProgress ? counted(res.body, declaredLength(resHeaders['content-length']), onProgress) : res.body;
      return { raw: { status: res.statusCode, headers: resHeaders, body: undefined }, stream: Readable.from(body) };
    }
    if (options.responseType === 'buffer' && res.statusCode < 400) {
      return { raw: { status: res.statusCode, headers: resHeaders, body: Buffer.from(await res.body.arrayBuffer()) } };
    }
    const text = await res.body.text();
    const contentType = String(resHeaders['content-type'] ?? '');
    let body: unknown = text === '' ? undefined : text;
    if (text !== '' && (contentType.includes('json') || /^\s*[{[]/.test(text))) {
      try {
        body = parseJson(text);
      } catch {
        body = text;
      }
    }
    return { raw: { status: res.statusCode, headers: resHeaders, body } };
  } catch (err) {
    throw networkError(options.app, err, options.signal);
  }
}
