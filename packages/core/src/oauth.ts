import { request, type Dispatcher } from 'undici';
import { ZohoAuthError, ZohoConfigError } from './errors.js';
import { REGIONS, regionForAccountsServer, type RegionCode } from './regions.js';
import { redactSecrets } from './secrets.js';

export interface ZohoOAuthClientOptions {
  clientId: string;
  clientSecret: string;
  region: RegionCode;
  /** Replaces the data center's accounts host (the emulator, a proxy). */
  accountsUrl?: string | undefined;
  dispatcher?: Dispatcher | undefined;
  clock?: (() => number) | undefined;
  /** Per-request timeout for headers and body; default 30 s. */
  timeoutMs?: number | undefined;
}

export interface TokenResponse {
  accessToken: string;
  refreshToken?: string | undefined;
  /** Epoch ms, measured from when the request was sent (so it errs early). */
  expiresAt: number;
  expiresInMs: number;
  apiDomain?: string | undefined;
  scopes?: string[] | undefined;
  tokenType: string;
  /** The accounts server that issued it; refresh and revoke belong there. */
  accountsServer?: string | undefined;
  /** The data center whose accounts server issued it, when known. */
  region?: RegionCode | undefined;
}

export interface AuthorizationUrlOptions {
  scopes: readonly string[];
  redirectUri: string;
  state: string;
  accessType?: 'offline' | 'online';
  prompt?: 'consent' | 'none' | (string & {});
}

export interface RevokeOptions {
  /** `classic`: POST /oauth/v2/token/revoke?token=; `basic`: POST /oauth/v2/revoke/token with Basic auth. */
  variant?: 'classic' | 'basic';
  tokenType?: 'refresh_token' | 'access_token';
  accountsServer?: string | undefined;
}

/** Zoho's documented cap: 10 access tokens per refresh token per rolling 10 minutes. */
export const REFRESH_WINDOW_MS = 10 * 60_000;
const DEFAULT_EXPIRES_IN_MS = 3600_000;

type Grant = 'authorization_code' | 'refresh_token' | 'client_credentials';
const GRANT_LABEL: Record<Grant, string> = {
  authorization_code: 'grant-code exchange',
  refresh_token: 'token refresh',
  client_credentials: 'client-credentials grant',
};

/** The Zoho Accounts OAuth 2.0 client: authorization URL, code exchange, refresh, self-client grant, revoke. */
export class ZohoOAuthClient {
  readonly clientId: string;
  readonly region: RegionCode;
  readonly accountsUrl: string;
  readonly #clientSecret: string;
  readonly #override: string | undefined;
  readonly #dispatcher: Dispatcher | undefined;
  readonly #clock: () => number;
  readonly #timeoutMs: number;

  constructor(options: ZohoOAuthClientOptions) {
    if (!options.clientId) throw new ZohoConfigError('clientId', 'a Zoho client id is required (it starts with "1000.").');
    if (!REGIONS[options.region]) throw new ZohoConfigError('region', `unknown Zoho data center "${options.region}".`);
    this.clientId = options.clientId;
    this.#clientSecret = options.clientSecret;
    this.region = options.region;
    this.#override = options.accountsUrl ? normalizeOrigin(options.accountsUrl) : undefined;
    this.accountsUrl = this.#override ?? REGIONS[options.region].hosts.accounts;
    this.#dispatcher = options.dispatcher;
    this.#clock = options.clock ?? Date.now;
    this.#timeoutMs = options.timeoutMs ?? 30_000;
  }

  authorizationUrl(options: AuthorizationUrlOptions): string {
    const url = endpoint(this.accountsUrl, '/oauth/v2/auth');
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', this.clientId);
    url.searchParams.set('scope', options.scopes.join(','));
    url.searchParams.set('redirect_uri', options.redirectUri);
    url.searchParams.set('state', options.state);
    url.searchParams.set('access_type', options.accessType ?? 'offline');
    url.searchParams.set('prompt', options.prompt ?? 'consent');
    return url.toString();
  }

  /** Exchanges a grant code; `accountsServer` is the redirect's `accounts-server` parameter (the user's data center). */
  async exchangeCode(options: { code: string; redirectUri?: string | undefined; accountsServer?: string | undefined }): Promise<TokenResponse> {
    const form: Record<string, string> = { grant_type: 'authorization_code', code: options.code };
    if (options.redirectUri) form.redirect_uri = options.redirectUri;
    return this.#token('authorization_code', form, this.trustedAccountsServer(options.accountsServer), [options.code]);
  }

  async refresh(refreshToken: string, options: { accountsServer?: string | undefined } = {}): Promise<TokenResponse> {
    const form = { grant_type: 'refresh_token', refresh_token: refreshToken };
    return this.#token('refresh_token', form, this.trustedAccountsServer(options.accountsServer), [refreshToken]);
  }

  /** Self-client client-credentials flow; `soid` is `{Service}.{orgId}` for multi-org products, e.g. `ZohoCRM.600123434`. */
  async clientCredentials(options: { scopes: readonly string[]; soid?: string | undefined }): Promise<TokenResponse> {
    const form: Record<string, string> = { grant_type: 'client_credentials', scope: options.scopes.join(',') };
    if (options.soid) form.soid = options.soid;
    return this.#token('client_credentials', form, this.accountsUrl, []);
  }

  async revoke(token: string, options: RevokeOptions = {}): Promise<void> {
    const origin = this.trustedAccountsServer(options.accountsServer);
    const variant = options.variant ?? 'classic';
    const url = endpoint(origin, variant === 'basic' ? '/oauth/v2/revoke/token' : '/oauth/v2/token/revoke');
    url.searchParams.set('token', token);
    const headers: Record<string, string> = {};
    if (variant === 'basic') {
      url.searchParams.set('token_type', options.tokenType ?? 'refresh_token');
      headers.authorization = `Basic ${Buffer.from(`${this.clientId}:${this.#clientSecret}`).toString('base64')}`;
    }
    const host = new URL(origin).host;
    const res = await this.#post(url, headers, undefined, host, [token]);
    const clean = (text: string) => this.#redact(text, [token]);
    const body = tryJson(res.text);
    const error = isRecord(body) && typeof body.error === 'string' ? body.error : undefined;
    if (res.status === 200 && !error && (!isRecord(body) || body.status !== 'failure')) return;
    if (res.status >= 500) throw serverError(host, res.status, 'revoke');
    if (res.status === 429 || (isRecord(body) && isThrottle(body))) throw throttleError(host, res, this.#clock());
    const code = error ? clip(clean(error), 60) : 'invalid_token';
    throw new ZohoAuthError(
      code,
      `Zoho accounts server ${host} did not revoke the token (HTTP ${res.status}${error ? `, ${code}` : ''}): it is unknown, already revoked, or belongs to another data center.`,
    );
  }

  /** The accounts origin to use: `candidate` only if it is a known Zoho accounts host or the configured override. */
  trustedAccountsServer(candidate: string | undefined): string {
    if (!candidate) return this.accountsUrl;
    let origin: string;
    try {
      origin = normalizeOrigin(candidate);
    } catch {
      throw untrusted(candidate);
    }
    if (regionForAccountsServer(origin) || origin === this.#override || origin === this.accountsUrl) return origin;
    throw untrusted(candidate);
  }

  /** Removes the client secret, `extra` secrets and anything token-shaped from text built from an answer. */
  #redact(text: string, extra: readonly string[]): string {
    const basic = Buffer.from(`${this.clientId}:${this.#clientSecret}`).toString('base64');
    return redactSecrets(text, [this.#clientSecret, basic, ...extra]);
  }

  async #token(grant: Grant, form: Record<string, string>, origin: string, secrets: string[]): Promise<TokenResponse> {
    const sentAt = this.#clock();
    const url = endpoint(origin, '/oauth/v2/token');
    const body = new URLSearchParams({ client_id: this.clientId, client_secret: this.#clientSecret, ...form }).toString();
    const host = url.host;
    const res = await this.#post(url, { 'content-type': 'application/x-www-form-urlencoded' }, body, host, secrets);
    const json = tryJson(res.text);
    if (res.status === 429 || (isRecord(json) && isThrottle(json))) throw throttleError(host, res, this.#clock());
    if (res.status >= 500) throw serverError(host, res.status, GRANT_LABEL[grant]);
    if (isRecord(json) && (typeof json.error === 'string' || json.status === 'failure')) {
      // An endpoint that echoes the request (a proxy, a misconfigured server) must not leak it into the error.
      throw tokenEndpointError(json, { host, grant, redact: (text) => this.#redact(text, secrets) });
    }
    if (json === undefined) {
      throw new ZohoAuthError(
        'invalid_response',
        `Zoho accounts server ${host} answered the ${GRANT_LABEL[grant]} with HTTP ${res.status} and a body that is not JSON (${res.contentType || 'no content-type'}); check the accounts URL.`,
      );
    }
    if (!isRecord(json) || typeof json.access_token !== 'string' || json.access_token === '') {
      throw new ZohoAuthError(
        'invalid_response',
        `Zoho accounts server ${host} answered the ${GRANT_LABEL[grant]} with HTTP ${res.status} but no access_token.`,
      );
    }
    return toTokenResponse(json, sentAt, origin);
  }

  async #post(url: URL, headers: Record<string, string>, body: string | undefined, host: string, secrets: string[]) {
    try {
      const res = await request(url, {
        method: 'POST',
        headers: { accept: 'application/json', ...headers },
        body: body ?? '',
        dispatcher: this.#dispatcher,
        headersTimeout: this.#timeoutMs,
        bodyTimeout: this.#timeoutMs,
      });
      const text = await res.body.text();
      const contentType = String(res.headers['content-type'] ?? '');
      const retryAfter = res.headers['retry-after'];
      return { status: res.statusCode, text, contentType, retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter };
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      const reason = typeof code === 'string' ? code : err instanceof Error ? err.message : String(err);
      // The revoke URL carries the token in its query; never echo URLs or request details.
      throw new ZohoAuthError('network_error', this.#redact(`could not reach the Zoho accounts server ${host}: ${clip(reason)}`, secrets));
    }
  }
}

type RawResponse = { status: number; text: string; contentType: string; retryAfter: string | undefined };

function toTokenResponse(json: Record<string, unknown>, sentAt: number, origin: string): TokenResponse {
  const expiresInMs = expiresInMsOf(json);
  const scope = typeof json.scope === 'string' ? json.scope.split(/[\s,]+/).filter(Boolean) : undefined;
  return {
    accessToken: json.access_token as string,
    refreshToken: typeof json.refresh_token === 'string' && json.refresh_token ? json.refresh_token : undefined,
    expiresAt: sentAt + expiresInMs,
    expiresInMs,
    apiDomain: typeof json.api_domain === 'string' && json.api_domain ? json.api_domain : undefined,
    scopes: scope && scope.length ? scope : undefined,
    tokenType: typeof json.token_type === 'string' ? json.token_type : 'Bearer',
    accountsServer: origin,
  };
}

/** Legacy responses carry `expires_in_sec`, and then `expires_in` is milliseconds; otherwise it is seconds. */
function expiresInMsOf(json: Record<string, unknown>): number {
  const inSec = toNumber(json.expires_in_sec);
  const expiresIn = toNumber(json.expires_in);
  if (json.expires_in_sec !== undefined) {
    if (expiresIn !== undefined) return expiresIn;
    if (inSec !== undefined) return inSec * 1000;
  } else if (expiresIn !== undefined) {
    return expiresIn * 1000;
  }
  return DEFAULT_EXPIRES_IN_MS;
}

function toNumber(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() ? Number(v) : NaN;
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

function tokenEndpointError(json: Record<string, unknown>, ctx: { host: string; grant: Grant; redact: (text: string) => string }): ZohoAuthError {
  const { host, grant, redact: clean } = ctx;
  // Redact before clipping, so a clip can never leave part of a secret behind.
  const error = typeof json.error === 'string' ? clip(clean(json.error), 80) : 'unknown_error';
  switch (error) {
    case 'invalid_client':
      return new ZohoAuthError(
        error,
        `Zoho rejected the client id at ${host} (invalid_client): wrong data center or client id. The client must be registered in the data center of ${host}; set ZOHO_REGION to the data center where you created it (or enable Multi-DC for it in the API console) and check ZOHO_CLIENT_ID.`,
      );
    case 'invalid_client_secret':
      return new ZohoAuthError(
        error,
        `Zoho rejected the client secret at ${host} (invalid_client_secret): ZOHO_CLIENT_SECRET does not belong to this client id. Copy it again from the API console.`,
      );
    case 'invalid_code':
      return new ZohoAuthError(
        error,
        grant === 'refresh_token'
          ? `Zoho rejected the refresh token at ${host} (invalid_code): the refresh token was revoked, evicted (a user may hold 20 per client) or issued in another data center. The same error also means a grant code was used or expired. Run \`zoho-auth login\` to get a new refresh token.`
          : `Zoho rejected the grant code at ${host} (invalid_code): the code was already used or has expired (codes live 2-3 minutes and are single use); the same error also means a refresh token was revoked. Generate a new code, or run \`zoho-auth login\` again.`,
      );
    case 'invalid_redirect_uri':
      return new ZohoAuthError(
        error,
        `Zoho rejected the redirect URI at ${host} (invalid_redirect_uri): it must exactly match one registered for this client in the API console.`,
      );
    case 'missing_org_info':
      return new ZohoAuthError(
        error,
        `Zoho needs an organization for this client-credentials grant at ${host} (missing_org_info): pass soid as "{Service}.{orgId}", e.g. "ZohoCRM.600123434".`,
      );
    case 'access_denied':
      return new ZohoAuthError(
        error,
        `Zoho denied access at ${host} (access_denied): the user declined consent, or the client hit Zoho's limit of 10 grant codes per 10 minutes. Wait and try again.`,
      );
    default: {
      const description = typeof json.error_description === 'string' ? `: ${clip(clean(json.error_description))}` : '';
      return new ZohoAuthError(error, `Zoho accounts server ${host} rejected the ${GRANT_LABEL[grant]} (${error})${description}.`);
    }
  }
}

/** `{"error":"Access Denied","error_description":"You have made too many requests continuously…","status":"failure"}` */
function isThrottle(json: Record<string, unknown>): boolean {
  const error = typeof json.error === 'string' ? json.error : '';
  const description = typeof json.error_description === 'string' ? json.error_description : '';
  return /too many requests/i.test(description) || error === 'Access Denied';
}

/**
 * `retryAfterMs` is set only when the server said how long (Retry-After); Zoho's own throttle body does not,
 * and the block may lift any time within the 10-minute window, so the caller chooses how to back off.
 */
function throttleError(host: string, res: RawResponse, now: number): ZohoAuthError {
  const retryAfterMs = parseRetryAfter(res.retryAfter, now);
  const when =
    retryAfterMs === undefined
      ? `The block lifts by ${new Date(now + REFRESH_WINDOW_MS).toISOString()} at the latest`
      : `Retry after ${new Date(now + retryAfterMs).toISOString()} (in ${Math.ceil(retryAfterMs / 1000)} s)`;
  return new ZohoAuthError(
    'too_many_requests',
    `Zoho accounts server ${host} is throttling token requests: Zoho allows 10 access-token refreshes per 10 minutes per refresh token. ${when}; share one token store (file or Redis) between workers so they refresh once.`,
    retryAfterMs,
  );
}

function serverError(host: string, status: number, what: string): ZohoAuthError {
  return new ZohoAuthError('server_error', `Zoho accounts server ${host} failed the ${what} with HTTP ${status}; try again shortly.`);
}

function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const secs = Number(value);
  if (Number.isFinite(secs) && secs >= 0) return secs * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function untrusted(candidate: string): ZohoAuthError {
  return new ZohoAuthError(
    'untrusted_accounts_server',
    `refusing to send client credentials to "${clip(candidate)}": it is not a Zoho accounts server (accounts.zoho.com, accounts.zoho.eu, …) nor the configured ZOHO_ACCOUNTS_URL.`,
  );
}

function normalizeOrigin(url: string): string {
  const parsed = new URL(url.trim());
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new TypeError('not http(s)');
  const path = parsed.pathname.replace(/\/+$/, '');
  return `${parsed.protocol}//${parsed.host}${path}`.toLowerCase();
}

// Appends rather than resolves, so an override with a base path (a proxy) keeps it.
function endpoint(origin: string, path: string): URL {
  return new URL(`${origin}${path}`);
}

function tryJson(text: string): unknown {
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function clip(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
