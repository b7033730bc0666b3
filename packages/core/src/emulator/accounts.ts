import { createHash, randomBytes } from 'node:crypto';
import type { AccountsOptions, Clock, EmulatorCredentials, EmulatorResponse, EmulatorTokenInfo } from './types.js';

interface Grant {
  id: string;
  clientId: string;
  refreshToken: string | undefined;
  scopes: string[];
  refreshTimes: number[];
  accessTokens: string[];
  revoked: boolean;
}

interface AuthCode {
  clientId: string;
  redirectUri: string | undefined;
  scopes: string[];
  offline: boolean;
  expiresAt: number;
}

interface Client {
  clientId: string;
  clientSecret: string;
}

export const DEMO_CLIENT: Client = {
  clientId: '1000.EMULATOR0DEMO0CLIENT000000000000',
  clientSecret: 'emulator-demo-client-secret-0000000000000000',
};
const DEMO_REFRESH_TOKEN = `1000.${'d'.repeat(32)}.${'e'.repeat(32)}`;

/** The demo refresh token of the data center an emulator plays: US keeps the historic one, others differ. */
function demoRefreshToken(region: string | undefined): string {
  if (!region || region === 'us') return DEMO_REFRESH_TOKEN;
  return `1000.${createHash('sha256').update(`emulator-demo-${region}`).digest('hex').slice(0, 32)}.${'e'.repeat(32)}`;
}
const CODE_TTL_MS = 2 * 60_000;

function hex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

function zohoToken(): string {
  return `1000.${hex(16)}.${hex(16)}`;
}

function grantIdOf(refreshToken: string): string {
  return createHash('sha256').update(refreshToken).digest('hex').slice(0, 16);
}

function isLoopbackRedirect(uri: string): boolean {
  try {
    const u = new URL(uri);
    return u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
  } catch {
    return false;
  }
}

/** The accounts server: codes, refresh tokens, access tokens with scopes and expiry, throttles. */
export class EmulatorAccounts {
  private readonly clients = new Map<string, Client>([[DEMO_CLIENT.clientId, DEMO_CLIENT]]);
  private readonly grants = new Map<string, Grant>();
  private readonly byRefreshToken = new Map<string, Grant>();
  private readonly accessTokens = new Map<string, EmulatorTokenInfo>();
  private readonly codes = new Map<string, AuthCode>();
  private readonly tokenRequestCounts = new Map<string, number>();
  private forcedInvalid = new Set<string>();
  readonly demoRefreshToken: string;

  constructor(
    private readonly clock: Clock,
    private readonly options: AccountsOptions,
    private readonly origin: () => string,
    private readonly allScopes: () => string[],
  ) {
    this.demoRefreshToken = this.createGrant(DEMO_CLIENT.clientId, this.allScopes(), demoRefreshToken(options.region)).refreshToken!;
  }

  credentials(): EmulatorCredentials {
    return {
      clientId: DEMO_CLIENT.clientId,
      clientSecret: DEMO_CLIENT.clientSecret,
      refreshToken: this.demoRefreshToken,
      scopes: this.allScopes(),
      redirectUri: 'http://127.0.0.1:8976/callback',
    };
  }

  /** POST /oauth/v2/token requests received, optionally for one grant_type. */
  tokenRequests(grantType?: string): number {
    if (grantType) return this.tokenRequestCounts.get(grantType) ?? 0;
    let total = 0;
    for (const n of this.tokenRequestCounts.values()) total += n;
    return total;
  }

  resetCounters(): void {
    this.tokenRequestCounts.clear();
  }

  issueRefreshToken(options: { scopes?: string[] } = {}): string {
    return this.createGrant(DEMO_CLIENT.clientId, options.scopes ?? this.allScopes()).refreshToken!;
  }

  /** Mints an access token directly (for benchmarks and tests that do not exercise OAuth). */
  issueAccessToken(refreshToken = this.demoRefreshToken): string {
    const grant = this.byRefreshToken.get(refreshToken);
    if (!grant) throw new Error('unknown refresh token');
    return this.mintAccessToken(grant).accessToken;
  }

  invalidateAccessTokens(): void {
    for (const token of this.accessTokens.keys()) this.forcedInvalid.add(token);
  }

  /** Resolves the token of an `Authorization: Zoho-oauthtoken …` header. */
  verify(header: string | undefined): { ok: true; token: EmulatorTokenInfo } | { ok: false; reason: 'missing' | 'invalid' | 'expired' } {
    if (!header) return { ok: false, reason: 'missing' };
    const match = /^(?:Zoho-oauthtoken|Bearer)\s+(\S+)$/i.exec(header.trim());
    if (!match) return { ok: false, reason: 'invalid' };
    const info = this.accessTokens.get(match[1]!);
    if (!info || this.forcedInvalid.has(info.accessToken)) return { ok: false, reason: 'invalid' };
    const grant = this.grants.get(info.grantId);
    if (!grant || grant.revoked) return { ok: false, reason: 'invalid' };
    if (info.expiresAt <= this.clock()) return { ok: false, reason: 'expired' };
    return { ok: true, token: info };
  }

  /** GET /oauth/v2/auth — auto-approves and redirects with a single-use code. */
  authorize(query: URLSearchParams): EmulatorResponse {
    const clientId = query.get('client_id') ?? '';
    const redirectUri = query.get('redirect_uri') ?? '';
    const state = query.get('state');
    if (!this.clients.has(clientId)) return { status: 400, body: { error: 'invalid_client' } };
    if (!isLoopbackRedirect(redirectUri)) return { status: 400, body: { error: 'invalid_redirect_uri' } };
    if (query.get('response_type') !== 'code') return { status: 400, body: { error: 'unsupported_response_type' } };
    const scopes = (query.get('scope') ?? '').split(/[\s,]+/).filter(Boolean);
    if (scopes.length === 0) return { status: 400, body: { error: 'invalid_scope' } };
    const code = `1000.${hex(16)}.${hex(16)}`;
    this.codes.set(code, {
      clientId,
      redirectUri,
      scopes,
      offline: query.get('access_type') === 'offline',
      expiresAt: this.clock() + CODE_TTL_MS,
    });
    const target = new URL(redirectUri);
    if (state !== null) target.searchParams.set('state', state);
    target.searchParams.set('code', code);
    target.searchParams.set('location', this.options.region ?? 'us');
    target.searchParams.set('accounts-server', this.origin());
    return { status: 302, headers: { location: target.toString() } };
  }

  /**
   * Makes a grant code as the API console's Self Client page would (no redirect): single use, exchanged
   * with `grant_type=authorization_code` for a refresh token; `ttlSec` as the console's duration (default 120).
   */
  selfClientCode(scopes: string[], options: { clientId?: string; ttlSec?: number } = {}): string {
    const clientId = options.clientId ?? DEMO_CLIENT.clientId;
    if (!this.clients.has(clientId)) throw new Error(`unknown client id "${clientId}"; the emulator knows ${DEMO_CLIENT.clientId}`);
    const code = `1000.${hex(16)}.${hex(16)}`;
    const ttl = options.ttlSec === undefined ? CODE_TTL_MS : options.ttlSec * 1000;
    this.codes.set(code, { clientId, redirectUri: undefined, scopes, offline: true, expiresAt: this.clock() + ttl });
    return code;
  }

  /** Forgets every grant's refresh history, so the refresh throttle starts afresh (`emulator.reset()`). */
  resetThrottles(): void {
    for (const grant of this.grants.values()) grant.refreshTimes = [];
  }

  /** POST /oauth/v2/token — every grant type; failures are HTTP 200 with an `error` body, as at Zoho. */
  token(params: URLSearchParams, basicAuth: { id: string; secret: string } | undefined, throttled: boolean): EmulatorResponse {
    const grantType = params.get('grant_type') ?? '';
    this.tokenRequestCounts.set(grantType, (this.tokenRequestCounts.get(grantType) ?? 0) + 1);
    const clientId = params.get('client_id') ?? basicAuth?.id ?? '';
    const secret = params.get('client_secret') ?? basicAuth?.secret ?? '';
    const client = this.clients.get(clientId);
    if (!client) return { status: 200, body: { error: 'invalid_client' } };
    if (client.clientSecret !== secret) return { status: 200, body: { error: 'invalid_client_secret' } };

    if (grantType === 'authorization_code') {
      const code = this.codes.get(params.get('code') ?? '');
      if (!code || code.clientId !== clientId || code.expiresAt <= this.clock()) return { status: 200, body: { error: 'invalid_code' } };
      this.codes.delete(params.get('code')!);
      const redirect = params.get('redirect_uri');
      if (code.redirectUri !== undefined && redirect !== code.redirectUri) return { status: 200, body: { error: 'invalid_redirect_uri' } };
      const grant = this.createGrant(clientId, code.scopes, code.offline ? undefined : null);
      return { status: 200, body: this.tokenBody(grant, code.offline) };
    }
    if (grantType === 'refresh_token') {
      const grant = this.byRefreshToken.get(params.get('refresh_token') ?? '');
      if (!grant || grant.revoked || grant.clientId !== clientId) return { status: 200, body: { error: 'invalid_code' } };
      const limit = this.options.refreshLimit ?? { count: 10, windowMs: 10 * 60_000 };
      const now = this.clock();
      if (limit) grant.refreshTimes = grant.refreshTimes.filter((t) => t > now - limit.windowMs);
      if (throttled || (limit && grant.refreshTimes.length >= limit.count)) return this.throttleAnswer();
      grant.refreshTimes.push(now);
      return { status: 200, body: this.tokenBody(grant, false) };
    }
    if (grantType === 'client_credentials') {
      const scopes = (params.get('scope') ?? '').split(/[\s,]+/).filter(Boolean);
      if (scopes.length === 0) return { status: 200, body: { error: 'invalid_scope' } };
      if (!params.get('soid')) return { status: 200, body: { error: 'missing_org_info' } };
      const grant = this.createGrant(clientId, scopes, null);
      return { status: 200, body: this.tokenBody(grant, false) };
    }
    return { status: 200, body: { error: 'unsupported_grant_type' } };
  }

  throttleAnswer(): EmulatorResponse {
    return {
      status: this.options.throttleStatus ?? 200,
      body: {
        error_description: 'You have made too many requests continuously. Please try again after some time.',
        error: 'Access Denied',
        status: 'failure',
      },
    };
  }

  /** Both revoke paths; a refresh token takes every access token minted from it along. */
  revoke(token: string | null): EmulatorResponse {
    if (!token) return { status: 400, body: { status: 'failure', error: 'invalid_token' } };
    const grant = this.byRefreshToken.get(token);
    if (grant && !grant.revoked) {
      grant.revoked = true;
      for (const t of grant.accessTokens) this.accessTokens.delete(t);
      return { status: 200, body: { status: 'success' } };
    }
    if (this.accessTokens.delete(token)) return { status: 200, body: { status: 'success' } };
    return { status: 400, body: { status: 'failure', error: 'invalid_token' } };
  }

  private createGrant(clientId: string, scopes: string[], refreshToken?: string | null): Grant {
    const rt = refreshToken === null ? undefined : (refreshToken ?? zohoToken());
    const id = rt ? grantIdOf(rt) : hex(8);
    const grant: Grant = { id, clientId, refreshToken: rt, scopes, refreshTimes: [], accessTokens: [], revoked: false };
    this.grants.set(id, grant);
    if (rt) this.byRefreshToken.set(rt, grant);
    return grant;
  }

  private mintAccessToken(grant: Grant): EmulatorTokenInfo {
    const ttl = (this.options.accessTokenTtlSec ?? 3600) * 1000;
    const info: EmulatorTokenInfo = {
      accessToken: zohoToken(),
      clientId: grant.clientId,
      grantId: grant.id,
      scopes: grant.scopes,
      expiresAt: this.clock() + ttl,
    };
    this.accessTokens.set(info.accessToken, info);
    grant.accessTokens.push(info.accessToken);
    const max = this.options.maxActiveTokens ?? 15;
    while (grant.accessTokens.length > max) this.accessTokens.delete(grant.accessTokens.shift()!);
    return info;
  }

  private tokenBody(grant: Grant, includeRefresh: boolean): Record<string, unknown> {
    const info = this.mintAccessToken(grant);
    const ttlSec = this.options.accessTokenTtlSec ?? 3600;
    const body: Record<string, unknown> = { access_token: info.accessToken };
    if (includeRefresh && grant.refreshToken) body.refresh_token = grant.refreshToken;
    body.scope = grant.scopes.join(' ');
    body.api_domain = this.origin();
    body.token_type = 'Bearer';
    if (this.options.legacyExpiresIn) {
      body.expires_in_sec = ttlSec;
      body.expires_in = ttlSec * 1000;
    } else {
      body.expires_in = ttlSec;
    }
    return body;
  }
}
