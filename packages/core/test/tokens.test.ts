import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock, startEmulator, type AccountsOptions, type Emulator } from '../src/emulator/index.js';
import { ZohoAuthError } from '../src/errors.js';
import { ZohoOAuthClient } from '../src/oauth.js';
import { TokenManager, tokenStoreKey, type TokenManagerOptions } from '../src/tokens/manager.js';
import { MemoryTokenStore } from '../src/tokens/memory-store.js';
import type { StoredToken } from '../src/tokens/types.js';

const MIN = 60_000;
let emu: Emulator | undefined;

afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

async function setup(accounts: AccountsOptions = { refreshLimit: false }) {
  const clock = createManualClock();
  emu = await startEmulator({ apps: [], port: 0, clock: clock.now, accounts });
  const oauth = new ZohoOAuthClient({
    clientId: emu.credentials.clientId,
    clientSecret: emu.credentials.clientSecret,
    region: 'us',
    accountsUrl: emu.url,
    clock: clock.now,
  });
  const refreshes = () => emu!.accounts.tokenRequests('refresh_token');
  const manager = (options: Partial<TokenManagerOptions> = {}) =>
    new TokenManager({ oauth, refreshToken: emu!.credentials.refreshToken, clock: clock.now, ...options });
  return { emu, clock, oauth, refreshes, manager };
}

function valid(e: Emulator, token: StoredToken): boolean {
  return e.accounts.verify(`Zoho-oauthtoken ${token.accessToken}`).ok;
}

describe('TokenManager', () => {
  it('caches the token and exposes api_domain', async () => {
    const { emu, refreshes, manager } = await setup();
    const tm = manager();
    expect(tm.apiDomain).toBeUndefined();
    const a = await tm.getAccessToken();
    const b = await tm.getAccessToken();
    expect(b).toEqual(a);
    expect(refreshes()).toBe(1);
    expect(valid(emu, a)).toBe(true);
    expect(tm.apiDomain).toBe(emu.url);
  });

  it('single-flight: 200 concurrent calls at expiry make exactly one token request', async () => {
    const { emu, clock, refreshes, manager } = await setup();
    emu.faults.add({ app: 'accounts', route: 'POST /oauth/v2/token', kind: 'slow', delayMs: 100 });
    const tm = manager();
    const first = await tm.getAccessToken();
    expect(refreshes()).toBe(1);
    clock.set(first.expiresAt);
    const tokens = await Promise.all(Array.from({ length: 200 }, () => tm.getAccessToken()));
    expect(refreshes()).toBe(2);
    expect(new Set(tokens.map((t) => t.accessToken)).size).toBe(1);
    expect(tokens[0]!.accessToken).not.toBe(first.accessToken);
    expect(valid(emu, tokens[0]!)).toBe(true);
  });

  it('single-flight spans managers holding the same refresh token in one process', async () => {
    const { refreshes, manager } = await setup();
    const [a, b] = [manager(), manager()];
    const tokens = await Promise.all([a.getAccessToken(), b.getAccessToken(), a.getAccessToken()]);
    expect(refreshes()).toBe(1);
    expect(new Set(tokens.map((t) => t.accessToken)).size).toBe(1);
  });

  it('refreshes a margin before expiry, not at the last second', async () => {
    const { clock, refreshes, manager } = await setup();
    const tm = manager({ refreshMarginMs: 5 * MIN });
    const first = await tm.getAccessToken();
    clock.advance(54 * MIN);
    expect((await tm.getAccessToken()).accessToken).toBe(first.accessToken);
    expect(refreshes()).toBe(1);
    clock.advance(1 * MIN + 1000); // 55 min + 1 s: inside the 5-minute margin of a 60-minute token
    const second = await tm.getAccessToken();
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(refreshes()).toBe(2);
  });

  it('caps the margin at half of a short token lifetime', async () => {
    const { clock, refreshes, manager } = await setup({ refreshLimit: false, accessTokenTtlSec: 60 });
    const tm = manager({ refreshMarginMs: 5 * MIN });
    await tm.getAccessToken();
    clock.advance(20_000);
    await tm.getAccessToken();
    expect(refreshes()).toBe(1);
    clock.advance(11_000);
    await tm.getAccessToken();
    expect(refreshes()).toBe(2);
  });

  it('a failed refresh clears the in-flight promise, so the next call tries again', async () => {
    const { emu, refreshes, manager } = await setup();
    emu.faults.add({ app: 'accounts', route: 'POST /oauth/v2/token', kind: 'status', status: 503, times: 1 });
    const tm = manager();
    const failures = await Promise.allSettled([tm.getAccessToken(), tm.getAccessToken(), tm.getAccessToken()]);
    expect(failures.every((r) => r.status === 'rejected')).toBe(true);
    expect((failures[0] as PromiseRejectedResult).reason).toBeInstanceOf(ZohoAuthError);
    // Faulted answers bypass the accounts logic, so count at the HTTP level.
    const tokenPosts = () => emu.counters.requests({ app: 'accounts', route: 'POST /oauth/v2/token' });
    expect(tokenPosts()).toBe(1);
    const token = await tm.getAccessToken();
    expect(valid(emu, token)).toBe(true);
    expect(tokenPosts()).toBe(2);
    expect(refreshes()).toBe(1);
  });

  it('keeps using the old token when an early refresh fails while it is still valid', async () => {
    const { emu, clock, manager } = await setup();
    const tm = manager();
    const first = await tm.getAccessToken();
    clock.advance(57 * MIN);
    emu.faults.add({ app: 'accounts', route: 'POST /oauth/v2/token', kind: 'status', status: 500, times: 1 });
    expect((await tm.getAccessToken()).accessToken).toBe(first.accessToken);
    expect((await tm.getAccessToken()).accessToken).not.toBe(first.accessToken);
  });

  it('invalidate: the current token is dropped; a 401 for an older token refreshes nothing', async () => {
    const { emu, refreshes, manager } = await setup();
    const tm = manager();
    const t1 = await tm.getAccessToken();
    emu.accounts.invalidateAccessTokens();
    await tm.invalidate(t1.accessToken);
    const t2 = await tm.getAccessToken();
    expect(t2.accessToken).not.toBe(t1.accessToken);
    expect(valid(emu, t2)).toBe(true);
    expect(refreshes()).toBe(2);
    // A request that was in flight with t1 comes back 401 after we moved on.
    await tm.invalidate(t1.accessToken);
    expect((await tm.getAccessToken()).accessToken).toBe(t2.accessToken);
    expect(refreshes()).toBe(2);
  });

  it('invalidate: a rejected token in the shared store is not reused, and the next holder picks up the new one', async () => {
    const { emu, refreshes, manager } = await setup();
    const store = new MemoryTokenStore();
    const a = manager({ store });
    const b = manager({ store });
    const t1 = await a.getAccessToken();
    expect((await b.getAccessToken()).accessToken).toBe(t1.accessToken);
    emu.accounts.invalidateAccessTokens();
    await a.invalidate(t1.accessToken);
    const t2 = await a.getAccessToken(); // store still holds t1; it must not be reused
    expect(t2.accessToken).not.toBe(t1.accessToken);
    await b.invalidate(t1.accessToken);
    expect((await b.getAccessToken()).accessToken).toBe(t2.accessToken);
    expect(refreshes()).toBe(2);
  });

  it('reuses a fresh token from the store without refreshing', async () => {
    const { clock, refreshes, manager } = await setup();
    const store = new MemoryTokenStore();
    const t = await manager({ store }).getAccessToken();
    clock.advance(10 * MIN);
    expect((await manager({ store }).getAccessToken()).accessToken).toBe(t.accessToken);
    expect(refreshes()).toBe(1);
  });

  it('emits onToken for refreshed tokens and keys the store by a digest, never the refresh token', async () => {
    const { emu, manager } = await setup();
    const keys: string[] = [];
    class SpyStore extends MemoryTokenStore {
      override async set(key: string, token: StoredToken) {
        keys.push(key);
        return super.set(key, token);
      }
    }
    const seen: StoredToken[] = [];
    const tm = manager({ store: new SpyStore(), onToken: (t) => seen.push(t) });
    const t = await tm.getAccessToken();
    expect(seen).toEqual([t]);
    expect(keys).toEqual([tokenStoreKey(emu.credentials.clientId, emu.credentials.refreshToken)]);
    expect(tm.storeKey).toMatch(/^access-token:[0-9a-f]{64}$/);
    expect(keys[0]).not.toContain(emu.credentials.refreshToken);
    expect(t.scopes).toBeUndefined(); // the demo grant has no app scopes; the field is passed through
    expect(t.obtainedAt).toBeLessThan(t.expiresAt);
  });

  it('keeps the refresh token when the response has none', async () => {
    const { clock, manager, refreshes } = await setup();
    const tm = manager();
    const t1 = await tm.getAccessToken();
    clock.set(t1.expiresAt);
    const t2 = await tm.getAccessToken(); // would be invalid_code if the refresh token had been dropped
    clock.set(t2.expiresAt);
    await tm.getAccessToken();
    expect(refreshes()).toBe(3);
  });

  it('after the refresh throttle it backs off (1 s, then 4× longer each time, up to the 10-minute window) without asking meanwhile', async () => {
    const { emu, clock, refreshes, manager } = await setup({ refreshLimit: { count: 1, windowMs: 10 * MIN } });
    const tm = manager();
    const t1 = await tm.getAccessToken();
    emu.accounts.invalidateAccessTokens();
    await tm.invalidate(t1.accessToken);
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) {
      const err = (await tm.getAccessToken().catch((e: unknown) => e)) as ZohoAuthError;
      expect(err.code).toBe('too_many_requests');
      waits.push(err.retryAfterMs!);
      expect(refreshes()).toBe(2 + i);
      clock.advance(err.retryAfterMs! - 1);
      const blocked = (await tm.getAccessToken().catch((e: unknown) => e)) as ZohoAuthError;
      expect(blocked.retryAfterMs).toBe(1);
      expect(refreshes()).toBe(2 + i); // no request while blocked
      clock.advance(1);
      if (clock.now() - t1.obtainedAt > 10 * MIN) break;
    }
    expect(waits.slice(0, 5)).toEqual([1000, 4000, 16_000, 64_000, 256_000]);
    // The emulator's window has passed: the next request gets a token, and the backoff starts over.
    expect(valid(emu, await tm.getAccessToken())).toBe(true);
  });

  it('with acceptRejected, a throttled refresh hands back the rejected (unexpired) token instead of failing', async () => {
    const { refreshes, manager } = await setup({ refreshLimit: { count: 1, windowMs: 10 * MIN } });
    const tm = manager();
    const t1 = await tm.getAccessToken();
    await tm.invalidate(t1.accessToken); // an app said "invalid token", spuriously: the emulator still accepts it
    await expect(tm.getAccessToken()).rejects.toMatchObject({ code: 'too_many_requests' });
    expect((await tm.getAccessToken({ acceptRejected: true })).accessToken).toBe(t1.accessToken);
    expect(refreshes()).toBe(2);
  });

  it('honours an abort signal without cancelling the shared refresh', async () => {
    const { emu, refreshes, manager } = await setup();
    emu.faults.add({ app: 'accounts', route: 'POST /oauth/v2/token', kind: 'slow', delayMs: 200, times: 1 });
    const tm = manager();
    const controller = new AbortController();
    const aborted = tm.getAccessToken({ signal: controller.signal });
    const other = tm.getAccessToken();
    controller.abort(new Error('caller gave up'));
    await expect(aborted).rejects.toThrow('caller gave up');
    expect(valid(emu, await other)).toBe(true);
    expect(refreshes()).toBe(1);
    await expect(tm.getAccessToken({ signal: AbortSignal.abort() })).rejects.toThrow();
  });

  it('requires a refresh token', () => {
    expect(() => new TokenManager({ oauth: { refresh: async () => ({}) as never }, refreshToken: '' })).toThrow(ZohoAuthError);
  });
});

describe('MemoryTokenStore', () => {
  it('withLock serialises callers of one key and survives failures', async () => {
    const store = new MemoryTokenStore();
    let active = 0;
    let max = 0;
    const work = (fail: boolean) =>
      store.withLock('k', async () => {
        active++;
        max = Math.max(max, active);
        await new Promise((r) => setTimeout(r, 5));
        active--;
        if (fail) throw new Error('boom');
        return 1;
      });
    const results = await Promise.allSettled([work(false), work(true), work(false), work(false)]);
    expect(max).toBe(1);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
  });

  it('stores copies', async () => {
    const store = new MemoryTokenStore();
    const token: StoredToken = { accessToken: 'a', expiresAt: 2, obtainedAt: 1, scopes: ['x'] };
    await store.set('k', token);
    token.scopes!.push('y');
    expect(await store.get('k')).toEqual({ accessToken: 'a', expiresAt: 2, obtainedAt: 1, scopes: ['x'] });
    await store.delete('k');
    expect(await store.get('k')).toBeUndefined();
  });
});

