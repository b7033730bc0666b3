import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { ZohoAuthError, ZohoConfigError } from '../errors.js';
import { REGION_CODES, type RegionCode } from '../regions.js';
import { TokenCipher } from './crypto.js';
import type { StoredToken, TokenStore } from './types.js';

export interface RedisTokenStoreOptions {
  /** An ioredis client (not closed by `close()`), or a `redis://` URL (closed by `close()`). */
  redis?: Redis | undefined;
  url?: string | undefined;
  /** Default `zoho-agent-kit:`. */
  prefix?: string | undefined;
  /**
   * Encrypt values at rest with this key (same forms as `ZOHO_TOKEN_KEY`; `connectionOptionsFromConfig` and
   * `fromEnv` pass ZOHO_TOKEN_KEY whenever it is set). Without one, access tokens are stored in clear and
   * the store says so once when it is created (see `onWarning`).
   */
  encryptionKey?: string | Buffer | undefined;
  /**
   * Receives the one start-up warning about tokens stored in clear. Default: `process.emitWarning` (printed
   * on stderr), once per process for each Redis target and prefix.
   */
  onWarning?: ((message: string) => void) | undefined;
  /** The lock expires on its own after this long, so a crashed holder cannot block others; default 30 s. */
  lockTtlMs?: number | undefined;
  /** Waiters give up after this long; default 45 s. */
  lockWaitMs?: number | undefined;
  /** Waiters poll this often (with jitter); default 25 ms. */
  lockPollMs?: number | undefined;
  clock?: (() => number) | undefined;
}

export const CLEAR_TOKENS_WARNING_CODE = 'ZOHO_TOKENS_IN_CLEAR';
const warned = new Set<string>();

// Deletes the lock only if it still holds our random token, so we never release a lock another process took over.
const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

/** Access tokens shared between processes through Redis; `withLock` is a SET NX PX lock. */
export class RedisTokenStore implements TokenStore {
  readonly prefix: string;
  readonly #redis: Redis;
  readonly #owned: boolean;
  readonly #cipher: TokenCipher | undefined;
  readonly #lockTtlMs: number;
  readonly #lockWaitMs: number;
  readonly #lockPollMs: number;
  readonly #clock: () => number;
  // One salt per store instance, so a passphrase key is stretched once, not per write.
  readonly #salt = randomBytes(16).toString('base64');

  constructor(options: RedisTokenStoreOptions) {
    if (!options.redis && !options.url) throw new ZohoConfigError('ZOHO_REDIS_URL', 'RedisTokenStore needs a redis client or a redis:// URL.');
    this.#owned = !options.redis;
    this.#redis = options.redis ?? new Redis(options.url!, { lazyConnect: false, maxRetriesPerRequest: 3 });
    this.prefix = options.prefix ?? 'zoho-agent-kit:';
    this.#cipher = options.encryptionKey ? new TokenCipher(options.encryptionKey) : undefined;
    this.#lockTtlMs = options.lockTtlMs ?? 30_000;
    this.#lockWaitMs = options.lockWaitMs ?? 45_000;
    this.#lockPollMs = options.lockPollMs ?? 25;
    this.#clock = options.clock ?? Date.now;
    if (!this.#cipher) this.#warnClear(options);
  }

  /** From ZOHO_REDIS_URL, encrypted with ZOHO_TOKEN_KEY when it is set. */
  static fromEnv(env: Record<string, string | undefined> = process.env, options: Omit<RedisTokenStoreOptions, 'url' | 'redis' | 'encryptionKey'> = {}): RedisTokenStore {
    const key = env.ZOHO_TOKEN_KEY?.trim() || undefined;
    return new RedisTokenStore({ ...options, url: env.ZOHO_REDIS_URL?.trim() || undefined, ...(key ? { encryptionKey: key } : {}) });
  }

  /** Whether values are encrypted at rest. */
  get encrypted(): boolean {
    return this.#cipher !== undefined;
  }

  async getRegion(key: string): Promise<RegionCode | undefined> {
    const raw = await this.#redis.get(`${this.prefix}region:${key}`);
    return raw !== null && (REGION_CODES as string[]).includes(raw) ? (raw as RegionCode) : undefined;
  }

  /** Not a secret, and kept without expiry: it outlives every access token of the refresh token. */
  async setRegion(key: string, region: RegionCode): Promise<void> {
    await this.#redis.set(`${this.prefix}region:${key}`, region);
  }

  async get(key: string): Promise<StoredToken | undefined> {
    const raw = await this.#redis.get(this.#tokenKey(key));
    if (raw === null) return undefined;
    return JSON.parse(this.#decode(raw)) as StoredToken;
  }

  async set(key: string, token: StoredToken): Promise<void> {
    const ttl = Math.floor(token.expiresAt - this.#clock());
    if (ttl <= 0) {
      await this.delete(key);
      return;
    }
    await this.#redis.set(this.#tokenKey(key), this.#encode(JSON.stringify(token)), 'PX', ttl);
  }

  async delete(key: string): Promise<void> {
    await this.#redis.del(this.#tokenKey(key));
  }

  async withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const lockKey = `${this.prefix}lock:${key}`;
    const owner = randomBytes(16).toString('hex');
    const deadline = Date.now() + this.#lockWaitMs;
    while ((await this.#redis.set(lockKey, owner, 'PX', this.#lockTtlMs, 'NX')) !== 'OK') {
      if (Date.now() >= deadline) {
        throw new ZohoAuthError(
          'lock_timeout',
          `timed out after ${this.#lockWaitMs} ms waiting for another process to refresh the Zoho access token (Redis lock ${lockKey}).`,
        );
      }
      await sleep(this.#lockPollMs * (0.5 + Math.random()));
    }
    try {
      return await fn();
    } finally {
      await this.#redis.eval(RELEASE, 1, lockKey, owner).catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    if (this.#owned) await this.#redis.quit().catch(() => this.#redis.disconnect());
  }

  #warnClear(options: RedisTokenStoreOptions): void {
    const message = `RedisTokenStore keeps Zoho access tokens in clear in Redis (prefix "${this.prefix}"): set ZOHO_TOKEN_KEY (openssl rand -hex 32) or pass encryptionKey to encrypt them.`;
    if (options.onWarning) {
      options.onWarning(message);
      return;
    }
    const target = `${options.url ? redisTarget(options.url) : 'client'}|${this.prefix}`;
    if (warned.has(target)) return;
    warned.add(target);
    process.emitWarning(message, { code: CLEAR_TOKENS_WARNING_CODE });
  }

  #tokenKey(key: string): string {
    return `${this.prefix}token:${key}`;
  }

  #encode(json: string): string {
    return this.#cipher ? JSON.stringify(this.#cipher.seal(json, this.#salt)) : json;
  }

  #decode(raw: string): string {
    if (!this.#cipher) return raw;
    const failure = () =>
      new ZohoConfigError('ZOHO_TOKEN_KEY', 'cannot decrypt a token in Redis: wrong ZOHO_TOKEN_KEY or the value was modified.');
    let envelope: unknown;
    try {
      envelope = JSON.parse(raw);
    } catch {
      throw failure();
    }
    return this.#cipher.open(envelope, failure);
  }
}

/** host:port/db of a Redis URL, without its credentials. */
function redisTarget(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`;
  } catch {
    return 'url';
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
