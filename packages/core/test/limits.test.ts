import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createZohoConnection, DEFAULT_BUDGETS, LimiterRegistry } from '../src/index.js';
import { emulatorConnectionOptions, startEmulator, type Emulator } from '../src/emulator/index.js';
import { startRedis, type RedisServer } from './helpers/redis.js';
import { testApp } from './helpers/test-app.js';

const WINDOW_MS = 1000;
const BUDGET = 20;

describe('local limiter', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ apps: [testApp], limits: { crm: { limit: BUDGET, windowMs: WINDOW_MS } } });
  });
  afterAll(() => emu.close());

  it('keeps a burst of 3× the budget under the server limit (zero 429s) by pacing', async () => {
    const connection = createZohoConnection(emulatorConnectionOptions(emu, { limits: { crm: { perWindow: BUDGET, windowMs: WINDOW_MS, margin: 0.08 } }, retry: { maxAttempts: 1 } }));
    try {
      const crm = connection.app({ app: 'crm' });
      const started = Date.now();
      const statuses = await Promise.all(Array.from({ length: BUDGET * 3 }, () => crm.request({ method: 'GET', path: '/crm/v8/Things' }).then((r) => r.status)));
      const elapsed = Date.now() - started;
      expect(statuses.every((s) => s === 200)).toBe(true);
      expect(emu.counters.requests({ status: 429 })).toBe(0);
      // 60 requests at 20 per second cannot finish much sooner than ~2 windows.
      expect(elapsed).toBeGreaterThan(1.8 * WINDOW_MS);
    } finally {
      await connection.close();
    }
  });

  it('never sends more than the budget in any window, even when the event loop stalls', async () => {
    const registry = new LimiterRegistry({ budgets: { crm: { perWindow: 5, windowMs: 500 } } });
    const key = { region: 'us', account: 'a', app: 'crm' as const };
    const sent: number[] = [];
    const jobs = Array.from({ length: 15 }, () => registry.schedule(key, async () => void sent.push(Date.now())));
    // Let Bottleneck register the jobs, then stall the loop so several of its timers fall due together.
    await new Promise((r) => setTimeout(r, 120));
    const until = Date.now() + 700;
    while (Date.now() < until);
    await Promise.all(jobs);
    for (const start of sent) expect(sent.filter((t) => t >= start && t < start + 500).length).toBeLessThanOrEqual(5);
    await registry.close();
  });

  it('keeps budgets apart per app, account and partition', async () => {
    const registry = new LimiterRegistry({ budgets: { books: { perWindow: 2, windowMs: 200 } } });
    const order: string[] = [];
    const run = (budget: string) => registry.schedule({ region: 'us', account: 'a', app: 'books', budget }, async () => void order.push(budget));
    await Promise.all([run('org1'), run('org1'), run('org2'), run('org2')]);
    expect(order.sort()).toEqual(['org1', 'org1', 'org2', 'org2']);
    await registry.close();
  });

  it('a request cancelled while it waits for a slot spends none: the ones behind it move up', async () => {
    // 4 a second: one start every ~312 ms. Without the cancels, the eighth would start after ~2.2 s.
    const registry = new LimiterRegistry({ budgets: { crm: { perWindow: 4, windowMs: 1000 } } });
    const key = { region: 'us', account: 'a', app: 'crm' as const };
    const started = Date.now();
    const ran: number[] = [];
    const controllers = Array.from({ length: 8 }, () => new AbortController());
    const jobs = controllers.map((c, i) => registry.schedule(key, async () => void ran.push(i), Infinity, c.signal).then(() => Date.now() - started));
    for (const i of [3, 4, 5, 6]) controllers[i]!.abort();
    const results = await Promise.allSettled(jobs);
    for (const i of [3, 4, 5, 6]) expect(results[i]).toMatchObject({ status: 'rejected', reason: { kind: 'aborted' } });
    expect(ran).toEqual([0, 1, 2, 7]);
    // The eighth took the fourth slot (~940 ms), not the eighth.
    expect((results[7] as PromiseFulfilledResult<number>).value).toBeLessThan(1500);
    await registry.close();
  });

  it('closing the registry fails the requests still waiting, sending none of them', async () => {
    const registry = new LimiterRegistry({ budgets: { crm: { perWindow: 1, windowMs: 5000 } } });
    const key = { region: 'us', account: 'a', app: 'crm' as const };
    let ran = 0;
    const settled = Promise.allSettled(Array.from({ length: 5 }, () => registry.schedule(key, async () => void ran++)));
    await new Promise((r) => setTimeout(r, 50));
    await registry.close();
    const results = await settled;
    expect(ran).toBe(1);
    expect(results.filter((r) => r.status === 'rejected' && (r.reason as { code?: string }).code === 'CLOSED')).toHaveLength(4);
  });

  it('a request cap: a burst under it goes at once, a full window waits without holding the app back', async () => {
    const registry = new LimiterRegistry({ budgets: { cliq: { perWindow: 100, windowMs: 1000 } } });
    const key = { region: 'us', account: 'a', app: 'cliq' as const };
    const cap = { name: 'messages', perWindow: 2, windowMs: 600 };
    const started = Date.now();
    const at = (label: string, log: [string, number][]) => async () => void log.push([label, Date.now() - started]);
    const log: [string, number][] = [];
    const capped = [1, 2, 3].map((i) => registry.schedule(key, at(`read${i}`, log), Infinity, undefined, cap));
    // An uncapped request of the same app, queued after the third read, goes while that read waits.
    await new Promise((r) => setTimeout(r, 50));
    await registry.schedule(key, at('other', log));
    await Promise.all(capped);
    const when = Object.fromEntries(log);
    expect(when.read1!).toBeLessThan(300);
    expect(when.read2!).toBeLessThan(300);
    expect(when.other!).toBeLessThan(300);
    // The third waits for the first to leave the window (600 ms + slack).
    expect(when.read3!).toBeGreaterThanOrEqual(600);
    await registry.close();
  });

  it('a burst of capped and uncapped requests keeps every cap window and every app window within its budget', async () => {
    const registry = new LimiterRegistry({ budgets: { cliq: { perWindow: 6, windowMs: 600, minSlackMs: 20 } } });
    const key = { region: 'us', account: 'a', app: 'cliq' as const };
    const cap = { name: 'messages', perWindow: 2, windowMs: 600 };
    const capped: number[] = [];
    const all: number[] = [];
    const send = (log: number[][]) => async () => {
      const t = Date.now();
      for (const l of log) l.push(t);
    };
    await Promise.all([
      ...Array.from({ length: 6 }, () => registry.schedule(key, send([capped, all]), Infinity, undefined, cap)),
      ...Array.from({ length: 6 }, () => registry.schedule(key, send([all]))),
    ]);
    expect(all).toHaveLength(12);
    // Counted by send times: at most 2 capped reads in any 600 ms, at most 6 sends in any 600 ms.
    for (const t of capped) expect(capped.filter((x) => x >= t && x < t + 600).length).toBeLessThanOrEqual(2);
    for (const t of all) expect(all.filter((x) => x >= t && x < t + 600).length).toBeLessThanOrEqual(6);
    await registry.close();
  });

  it('closing the registry ends a wait for the cap: the request fails as CLOSED and is never sent', async () => {
    const registry = new LimiterRegistry({ budgets: { cliq: { perWindow: 100 } } });
    const key = { region: 'us', account: 'a', app: 'cliq' as const };
    const cap = { name: 'messages', perWindow: 1, windowMs: 10_000 };
    let ran = 0;
    await registry.schedule(key, async () => void ran++, Infinity, undefined, cap);
    const waiting = registry.schedule(key, async () => void ran++, Infinity, undefined, cap);
    const settled = waiting.then(() => 'sent', (e: { code?: string }) => e.code);
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await registry.close();
    expect(await settled).toBe('CLOSED');
    expect(Date.now() - started).toBeLessThan(1500);
    expect(ran).toBe(1);
    await expect(registry.schedule(key, async () => void ran++)).rejects.toMatchObject({ code: 'CLOSED' });
  });

  it('a request cap counts even with the app budget off, and a cancel while waiting sends nothing', async () => {
    const registry = new LimiterRegistry({ budgets: { cliq: false } });
    const key = { region: 'us', account: 'a', app: 'cliq' as const };
    const cap = { name: 'messages', perWindow: 1, windowMs: 5000 };
    let ran = 0;
    await registry.schedule(key, async () => void ran++, Infinity, undefined, cap);
    const controller = new AbortController();
    const waiting = registry.schedule(key, async () => void ran++, Infinity, controller.signal, cap);
    setTimeout(() => controller.abort(), 100);
    await expect(waiting).rejects.toMatchObject({ kind: 'aborted' });
    expect(ran).toBe(1);
    await expect(registry.schedule(key, async () => undefined, Infinity, undefined, { name: 'x', perWindow: 0 })).rejects.toThrow(/perWindow must be at least 1/);
    await registry.close();
  });

  it('applies a daily cap on top of the per-window budget', async () => {
    const registry = new LimiterRegistry({ budgets: { books: { perWindow: 100, windowMs: 1000, perDay: 3 } } });
    let ran = 0;
    const key = { region: 'us', account: 'a', app: 'books' as const };
    expect(await registry.dailyBudget(key)).toMatchObject({ perDay: 3, left: 3 });
    for (let i = 0; i < 3; i++) await registry.schedule(key, async () => void ran++);
    const spent = await registry.dailyBudget(key);
    expect(spent).toMatchObject({ perDay: 3, left: 0 });
    expect(spent!.resetsAt).toBeGreaterThan(Date.now());
    // The fourth fails at once as a quota error instead of queueing for a day.
    const refused = registry.schedule(key, async () => void ran++);
    await expect(refused).rejects.toMatchObject({ kind: 'quota', code: 'DAILY_BUDGET_USED', status: 429 });
    // Says what happened, when it refills and where the budget is set.
    await expect(refused).rejects.toThrow(
      /^the day's budget of 3 Zoho Books requests is spent, so nothing was sent; it refills at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(in about (23 h 59 min|24 h)\)\. Set it with the connection's limits\.books\.perDay \(0 switches it off\)$/,
    );
    expect(ran).toBe(3);
    await registry.close();
  });

  it('reports no daily budget where none is configured, and Mail has 250 a day by default (0 switches it off)', async () => {
    expect(DEFAULT_BUDGETS.mail).toMatchObject({ perWindow: 30, perDay: 250 });
    const registry = new LimiterRegistry({ budgets: { books: { perWindow: 100 }, crm: false, mail: { perWindow: 30, perDay: 0 } } });
    expect(await registry.dailyBudget({ region: 'us', account: 'a', app: 'books' })).toBeUndefined();
    expect(await registry.dailyBudget({ region: 'us', account: 'a', app: 'crm' })).toBeUndefined();
    expect(await registry.dailyBudget({ region: 'us', account: 'a', app: 'mail' })).toBeUndefined();
    const defaults = new LimiterRegistry();
    expect(await defaults.dailyBudget({ region: 'us', account: 'a', app: 'mail' })).toMatchObject({ perDay: 250, left: 250 });
    await Promise.all([registry.close(), defaults.close()]);
  });
});

describe('Redis-shared budget across OS processes', () => {
  // Longer windows than the local test: two cold processes on a small machine add timer jitter.
  const WINDOW = 3000;
  const SHARED_BUDGET = 15;
  let emu: Emulator;
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
    emu = await startEmulator({ apps: [testApp], limits: { crm: { limit: SHARED_BUDGET, windowMs: WINDOW } } });
  });
  afterAll(async () => {
    await emu.close();
    await redis.stop();
  });

  function worker(startAt: number, calls: number): Promise<number[]> {
    const script = fileURLToPath(new URL('./fixtures/budget-worker.ts', import.meta.url));
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--conditions=@zoho-agent-kit/source', '--import', 'tsx', script], {
        env: {
          ...process.env,
          ZOHO_CLIENT_ID: emu.credentials.clientId,
          ZOHO_CLIENT_SECRET: emu.credentials.clientSecret,
          ZOHO_REFRESH_TOKEN: emu.credentials.refreshToken,
          ZOHO_ACCOUNTS_URL: emu.url,
          BASE_URLS: JSON.stringify(emu.baseUrls),
          REDIS_URL: redis.url,
          BUDGET: String(SHARED_BUDGET),
          WINDOW_MS: String(WINDOW),
          START_AT: String(startAt),
          CALLS: String(calls),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d));
      child.stderr.on('data', (d: Buffer) => (err += d));
      child.on('exit', (code) => {
        if (code !== 0) return reject(new Error(`worker exited ${code}: ${err}`));
        resolve((JSON.parse(out.trim().split('\n').pop()!) as { statuses: number[] }).statuses);
      });
    });
  }

  it('caps sends per window through Redis, on Redis time, even when the event loop stalls', async () => {
    const registry = new LimiterRegistry({ redisUrl: redis.url, namespace: 'stall-test', budgets: { crm: { perWindow: 5, windowMs: 500 } } });
    const key = { region: 'us', account: 'a', app: 'crm' as const };
    const sent: number[] = [];
    const jobs = Array.from({ length: 12 }, () => registry.schedule(key, async () => void sent.push(Date.now())));
    await new Promise((r) => setTimeout(r, 150));
    const until = Date.now() + 700;
    while (Date.now() < until);
    await Promise.all(jobs);
    expect(sent).toHaveLength(12);
    for (const start of sent) expect(sent.filter((t) => t >= start && t < start + 500).length).toBeLessThanOrEqual(5);
    await registry.close();
  });

  it('a request cap is shared through Redis: two registries (two workers) together keep within it', async () => {
    const options = { redisUrl: redis.url, namespace: 'cap-test', budgets: { cliq: { perWindow: 100, windowMs: 1000 } } };
    const a = new LimiterRegistry(options);
    const b = new LimiterRegistry(options);
    const key = { region: 'us', account: 'a', app: 'cliq' as const };
    const cap = { name: 'messages', perWindow: 3, windowMs: 800 };
    const started = Date.now();
    const sent: number[] = [];
    const read = async () => void sent.push(Date.now() - started);
    await Promise.all([a, b, a, b, a, b].map((r) => r.schedule(key, read, Infinity, undefined, cap)));
    sent.sort((x, y) => x - y);
    // Three go at once; the other three wait for the window, whichever worker they came from.
    expect(sent.slice(0, 3).every((t) => t < 400)).toBe(true);
    expect(sent.slice(3).every((t) => t >= 800)).toBe(true);
    await Promise.all([a.close(), b.close()]);
  });

  it('two processes share one budget (zero 429s) and one token refresh', async () => {
    const startAt = Date.now() + 4000;
    const started = Date.now();
    const [a, b] = await Promise.all([worker(startAt, 20), worker(startAt, 20)]);
    expect([...a, ...b].filter((s) => s !== 200)).toEqual([]);
    expect(emu.counters.requests({ status: 429 })).toBe(0);
    expect(emu.accounts.tokenRequests()).toBe(1);
    // 40 requests at 15 per 3 s take at least two full windows: the budget was shared, not doubled.
    expect(Date.now() - started - 4000).toBeGreaterThan(2 * WINDOW);
  }, 90_000);
});
