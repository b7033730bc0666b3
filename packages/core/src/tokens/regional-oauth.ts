import { TRANSIENT_AUTH_CODES, ZohoAuthError } from '../errors.js';
import { ZohoOAuthClient, type TokenResponse } from '../oauth.js';
import { REGION_CODES, REGIONS, type RegionCode } from '../regions.js';
import type { RefreshingClient } from './manager.js';
import type { TokenStore } from './types.js';

export interface RegionalOAuthOptions {
  clientId: string;
  clientSecret: string;
  /** The data center the refresh token belongs to; without it, it is found (and remembered). */
  region?: RegionCode | undefined;
  /**
   * Accounts servers per data center instead of Zoho's (the emulator, a proxy). When given, discovery and the
   * wrong-data-center diagnosis ask only these; otherwise they ask Zoho's accounts server of every data center.
   */
  accountsUrls?: Partial<Record<RegionCode, string>> | undefined;
  /** Where the data center found is remembered, under `storeKey` (the refresh token's access-token key). */
  store?: TokenStore | undefined;
  storeKey?: string | undefined;
  clock?: (() => number) | undefined;
  /** Per-request timeout of the token endpoint; default 30 s (10 s for each probe of another data center). */
  timeoutMs?: number | undefined;
}

const PROBE_TIMEOUT_MS = 10_000;
/** Answers meaning "this data center does not know the token (or the client)": ask the next one. */
const NOT_HERE = new Set(['invalid_code', 'invalid_client']);

/**
 * The OAuth client for a refresh token whose data center may be unknown. With no region it asks each data
 * center's accounts server in turn (one token request each, stopping at the first that accepts the token)
 * and remembers the answer in the token store; with a region that answers `invalid_code`, it asks the others
 * once so the error can say where the token works.
 */
export class RegionalOAuth implements RefreshingClient {
  readonly clientId: string;
  readonly #clientSecret: string;
  readonly #configured: RegionCode | undefined;
  readonly #accountsUrls: Partial<Record<RegionCode, string>> | undefined;
  readonly #store: TokenStore | undefined;
  readonly #storeKey: string | undefined;
  readonly #clock: (() => number) | undefined;
  readonly #timeoutMs: number | undefined;
  readonly #clients = new Map<string, ZohoOAuthClient>();
  #found: RegionCode | undefined;
  #remembered: Promise<RegionCode | undefined> | undefined;
  // One diagnosis per refresh token and process: a revoked token must not cost a probe of every data center per call.
  readonly #diagnoses = new Map<string, ZohoAuthError>();
  /** Token requests made to data centers other than the one finally used (discovery and diagnosis). */
  probes = 0;

  constructor(options: RegionalOAuthOptions) {
    this.clientId = options.clientId;
    this.#clientSecret = options.clientSecret;
    this.#configured = options.region;
    this.#accountsUrls = options.accountsUrls;
    this.#store = options.store;
    this.#storeKey = options.storeKey;
    this.#clock = options.clock;
    this.#timeoutMs = options.timeoutMs;
  }

  /** The configured data center, or the one found; undefined until found. */
  get region(): RegionCode | undefined {
    return this.#configured ?? this.#found;
  }

  /**
   * The data center: configured, found, or remembered in the token store by an earlier start (or another
   * process). A store that does not know it yet is asked again next time: another process may find it.
   */
  async knownRegion(): Promise<RegionCode | undefined> {
    if (this.region) return this.region;
    if (!this.#store?.getRegion || !this.#storeKey) return undefined;
    // Calls waiting together share one read of the store.
    const pending = (this.#remembered ??= this.#store.getRegion(this.#storeKey).catch(() => undefined));
    const remembered = await pending;
    if (this.#remembered === pending) this.#remembered = undefined;
    if (remembered) this.adopt(remembered);
    return this.region;
  }

  /**
   * Takes a data center learnt elsewhere (the token store's memory, a stored token that carries its region)
   * when none is configured or found yet.
   */
  adopt(region: RegionCode): void {
    // With overrides, only their data centers exist: never turn a remembered one into a call to Zoho's own host.
    if (this.region || !REGIONS[region] || (this.#accountsUrls && !this.#accountsUrls[region])) return;
    this.#found = region;
  }

  /** The OAuth client of one data center (its accounts server, or the override for it). */
  client(region: RegionCode, timeoutMs = this.#timeoutMs): ZohoOAuthClient {
    const cacheKey = `${region}|${timeoutMs ?? ''}`;
    let client = this.#clients.get(cacheKey);
    if (!client) {
      client = new ZohoOAuthClient({
        clientId: this.clientId,
        clientSecret: this.#clientSecret,
        region,
        accountsUrl: this.#accountsUrls?.[region],
        clock: this.#clock,
        timeoutMs,
      });
      this.#clients.set(cacheKey, client);
    }
    return client;
  }

  async refresh(refreshToken: string): Promise<TokenResponse> {
    const region = await this.knownRegion();
    if (!region) return this.#discover(refreshToken);
    try {
      return { ...(await this.client(region).refresh(refreshToken)), region };
    } catch (err) {
      if (err instanceof ZohoAuthError && err.code === 'invalid_code' && this.#configured) throw await this.#diagnose(refreshToken, region, err);
      throw err;
    }
  }

  /** Data centers to ask, in the table's order (US first), without `except`. */
  #candidates(except?: RegionCode): RegionCode[] {
    const all = this.#accountsUrls ? REGION_CODES.filter((c) => this.#accountsUrls?.[c]) : REGION_CODES;
    return all.filter((c) => c !== except);
  }

  async #discover(refreshToken: string): Promise<TokenResponse> {
    const asked: string[] = [];
    let transient: ZohoAuthError | undefined;
    for (const region of this.#candidates()) {
      try {
        const response = await this.client(region, Math.min(this.#timeoutMs ?? PROBE_TIMEOUT_MS, PROBE_TIMEOUT_MS)).refresh(refreshToken);
        this.#found = region;
        if (this.#store?.setRegion && this.#storeKey) await this.#store.setRegion(this.#storeKey, region).catch(() => undefined);
        return { ...response, region };
      } catch (err) {
        if (!(err instanceof ZohoAuthError)) throw err;
        this.probes++;
        if (NOT_HERE.has(err.code)) {
          asked.push(region);
        } else if (TRANSIENT_AUTH_CODES.has(err.code)) {
          asked.push(`${region} (${err.code})`);
          transient ??= err;
        } else {
          throw err; // e.g. invalid_client_secret: the client is registered there, and the secret is wrong
        }
      }
    }
    if (transient) {
      throw new ZohoAuthError(
        transient.code,
        `could not find the data center of the refresh token yet (asked ${asked.join(', ')}; ZOHO_REGION is not set): ${transient.message}`,
        transient.retryAfterMs,
      );
    }
    throw new ZohoAuthError(
      'invalid_code',
      `no Zoho data center accepts this refresh token (asked ${asked.join(', ') || 'none'}): it was revoked, evicted (a user may hold 20 per client) or belongs to another client. Run \`zoho-auth login\` to get a new one.`,
    );
  }

  async #diagnose(refreshToken: string, region: RegionCode, original: ZohoAuthError): Promise<ZohoAuthError> {
    const cached = this.#diagnoses.get(refreshToken);
    if (cached) return cached;
    let found: RegionCode | undefined;
    const asked: RegionCode[] = [];
    for (const other of this.#candidates(region)) {
      asked.push(other);
      this.probes++;
      try {
        await this.client(other, PROBE_TIMEOUT_MS).refresh(refreshToken);
        found = other;
        break;
      } catch {
        // not there (or not reachable): ask the next one
      }
    }
    const host = (code: RegionCode) => new URL(this.client(code).accountsUrl).host;
    const diagnosis = found
      ? new ZohoAuthError(
          'invalid_code',
          `Zoho rejected the refresh token at ${host(region)} (invalid_code): this refresh token belongs to the ${found.toUpperCase()} data center (${REGIONS[found].name}, ${host(found)}), not ${region.toUpperCase()}; set ZOHO_REGION=${found} (or leave ZOHO_REGION unset and it is found).`,
        )
      : new ZohoAuthError(
          'invalid_code',
          `${original.message}${asked.length ? ` No other data center accepts it either (asked ${asked.join(', ')}).` : ''}`,
        );
    this.#diagnoses.set(refreshToken, diagnosis);
    return diagnosis;
  }
}
