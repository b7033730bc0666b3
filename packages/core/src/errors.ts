import type { ZohoApp } from './regions.js';

/** What kind of failure an app's error envelope describes; drives retry and the model-facing message. */
export type ZohoErrorKind =
  | 'invalid_token'
  | 'scope'
  | 'permission'
  | 'not_found'
  | 'validation'
  | 'throttled'
  | 'quota'
  | 'server'
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'unknown';

export interface ZohoApiErrorInit {
  app: ZohoApp | 'accounts';
  status: number;
  code: string;
  message: string;
  kind?: ZohoErrorKind;
  details?: unknown;
  retryable?: boolean;
  retryAfterMs?: number;
  cause?: unknown;
}

/** One error type for every Zoho app; `code` is Zoho's own (e.g. INVALID_DATA, 1002, F7003). */
export class ZohoApiError extends Error {
  readonly app: ZohoApp | 'accounts';
  readonly status: number;
  readonly code: string;
  readonly kind: ZohoErrorKind;
  readonly details: unknown;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;

  constructor(init: ZohoApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ZohoApiError';
    this.app = init.app;
    this.status = init.status;
    this.code = init.code;
    this.kind = init.kind ?? 'unknown';
    this.details = init.details;
    this.retryable = init.retryable ?? false;
    this.retryAfterMs = init.retryAfterMs;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      app: this.app,
      status: this.status,
      code: this.code,
      kind: this.kind,
      message: this.message,
      details: this.details,
      retryable: this.retryable,
      retryAfterMs: this.retryAfterMs,
    };
  }
}

/** Missing or malformed configuration; names the variable or option and what to change. */
/** A request cancelled by its caller (an AbortSignal) before or while it was sent. */
export function cancelledError(app: ZohoApp): ZohoApiError {
  return new ZohoApiError({ app, status: 0, code: 'ABORTED', kind: 'aborted', message: 'the request was cancelled' });
}

export class ZohoConfigError extends Error {
  readonly variable: string;
  constructor(variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.name = 'ZohoConfigError';
    this.variable = variable;
  }
}

/**
 * Token-endpoint failures worth waiting out (throttled, 5xx, unreachable): nothing reached the app, so any
 * call may wait, writes included; a discovery probe moves on to the next data center.
 */
export const TRANSIENT_AUTH_CODES: ReadonlySet<string> = new Set(['too_many_requests', 'server_error', 'network_error']);

/** A failure at the Zoho accounts server (token endpoint, revoke); `code` is Zoho's `error` value. */
export class ZohoAuthError extends Error {
  readonly code: string;
  readonly retryAfterMs: number | undefined;
  constructor(code: string, message: string, retryAfterMs?: number) {
    super(message);
    this.name = 'ZohoAuthError';
    this.code = code;
    this.retryAfterMs = retryAfterMs;
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, message: this.message, retryAfterMs: this.retryAfterMs };
  }
}
