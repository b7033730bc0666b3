import type { RegionCode } from '../regions.js';
import type { StoredToken, TokenStore } from './types.js';

/** Tokens in this process only; the default store. `withLock` serialises callers within the process. */
export class MemoryTokenStore implements TokenStore {
  readonly #tokens = new Map<string, StoredToken>();
  readonly #locks = new Map<string, Promise<unknown>>();
  readonly #regions = new Map<string, RegionCode>();

  async get(key: string): Promise<StoredToken | undefined> {
    const token = this.#tokens.get(key);
    return token ? structuredClone(token) : undefined;
  }

  async set(key: string, token: StoredToken): Promise<void> {
    this.#tokens.set(key, structuredClone(token));
  }

  async delete(key: string): Promise<void> {
    this.#tokens.delete(key);
  }

  async getRegion(key: string): Promise<RegionCode | undefined> {
    return this.#regions.get(key);
  }

  async setRegion(key: string, region: RegionCode): Promise<void> {
    this.#regions.set(key, region);
  }

  async withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.#locks.get(key) ?? Promise.resolve();
    const run = previous.then(fn, fn);
    const tail = run.catch(() => undefined);
    this.#locks.set(key, tail);
    try {
      return await run;
    } finally {
      // Drop the chain once nobody queued behind us, so the map does not grow.
      if (this.#locks.get(key) === tail) this.#locks.delete(key);
    }
  }
}
