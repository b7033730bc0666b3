import Bottleneck from 'bottleneck';
import { cancelledError, ZohoApiError, ZohoConfigError } from './errors.js';
import type { ZohoApp } from './regions.js';
import { LocalSendWindow, RedisSendWindow, type SendWindow } from './send-window.js';

/** A request budget: `perWindow` requests every `windowMs` (default one minute), plus optional caps. */
export interface RateBudget {
  perWindow: number;
  windowMs?: number;
  /** A second, daily budget (Books: per organization per plan). */
  perDay?: number;
  /** In-flight requests at once (CRM: 5–25 by edition). */
  maxConcurrent?: number;
  /**
   * Slack for clock, timer and network jitter, as a fraction of the window (default 0.02) with a floor in
   * milliseconds (`minSlackMs`, default 250) because stalls are absolute: requests are spaced
   * `(window + slack) / perWindow` apart, and never more than `perWindow` leave in any `window + slack`.
   */
  margin?: number;
  minSlackMs?: number;
}

/**
 * Defaults: 100 requests/minute per app (Zoho's common figure); Mail allows 30 a minute, and 250 Mail
 * requests a day is the agency's own budget (not a Zoho limit; `perDay: 0` switches it off).
 */
export const DEFAULT_BUDGETS: Record<ZohoApp, RateBudget> = {
  crm: { perWindow: 100 },
  books: { perWindow: 100 },
  projects: { perWindow: 50 },
  cliq: { perWindow: 30 },
  calendar: { perWindow: 100 },
  mail: { perWindow: 30, perDay: 250 },
  workdrive: { perWindow: 100 },
};

/**
 * A second, narrower budget inside an app's own, for the requests that name it: Cliq's 15 message reads a
 * minute per user within its 30 a minute. Counted in the same sliding-window log as the app budget, so it is
 * shared through Redis across processes when the connection has a Redis URL. Requests under it go at once; a
 * full window waits (for the oldest send to age out) before taking a slot of the app's budget.
 */
export interface RequestCap {
  /** What the cap counts, unique within the app (`messages`). */
  name: string;
  perWindow: number;
  /** Default one minute; the same slack as the app budgets is added. */
  windowMs?: number;
}

/** Where a daily budget stands: its size, the requests left today and when it refills (ms since the epoch). */
export interface DailyBudget {
  perDay: number;
  left: number;
  resetsAt: number;
}

export interface LimiterKey {
  region: string;
  account: string;
  app: ZohoApp;
  /** Extra partition inside an app (Books organization). */
  budget?: string | undefined;
}

export interface LimitsOptions {
  budgets?: Partial<Record<ZohoApp, RateBudget | false>>;
  /** Share every budget across processes through Bottleneck's Redis clustering. */
  redisUrl?: string | undefined;
  /** Prefix for Redis keys, to keep unrelated deployments apart. */
  namespace?: string;
}

const DAY_MS = 24 * 3600_000;

/** Requests waiting for their turn in one key's Bottleneck, and how many are handed to it but not started. */
interface JobFeed {
  app: ZohoApp;
  waiting: { hand(): void; fail(error: Error): void }[];
  handed: number;
}

/**
 * Jobs handed to a Bottleneck ahead of their start: enough that its pacing never waits on us (the next one
 * is there when a slot opens, Redis round trip included), few enough that a cancel rarely finds one there.
 */
const HANDED_AT_ONCE = 2;

/** A request still waiting when its connection was closed: never sent. */
function closedError(app: ZohoApp): ZohoApiError {
  return new ZohoApiError({ app, status: 0, code: 'CLOSED', kind: 'aborted', message: 'the connection was closed before this request was sent' });
}

/** Sleeps `ms`; fails as cancelled when `signal` aborts, and as closed when `closing` does. */
export function abortableSleep(ms: number, app: ZohoApp, signal?: AbortSignal, closing?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (closing?.aborted) return reject(closedError(app));
    if (signal?.aborted) return reject(cancelledError(app));
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      closing?.removeEventListener('abort', onClose);
    };
    const onAbort = () => {
      done();
      reject(cancelledError(app));
    };
    const onClose = () => {
      done();
      reject(closedError(app));
    };
    const timer = setTimeout(() => {
      done();
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
    closing?.addEventListener('abort', onClose, { once: true });
  });
}

/** How often a request over its cap in this process looks again for room (the others ahead of it are sending). */
const CAP_RECHECK_MS = 50;
/** How long `close()` lets requests already sending finish before it lets go of the limiters. */
const CLOSE_GRACE_MS = 1000;

/** How apps are named in messages ("Zoho Books"). */
const APP_NAMES: Record<ZohoApp, string> = { crm: 'CRM', books: 'Books', projects: 'Projects', cliq: 'Cliq', calendar: 'Calendar', mail: 'Mail', workdrive: 'WorkDrive' };

/** A wait for people: "12 min", "23 h 5 min" (at least a minute). */
function spanText(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  const hours = Math.floor(minutes / 60);
  return hours ? `${hours} h${minutes % 60 ? ` ${minutes % 60} min` : ''}` : `${minutes} min`;
}

/** The window the client keeps to: Zoho's window plus slack for jitter. */
export function guardedWindowMs(budget: RateBudget): number {
  const windowMs = budget.windowMs ?? 60_000;
  return Math.ceil(windowMs + Math.max(budget.minSlackMs ?? 250, windowMs * (budget.margin ?? 0.02)));
}

function bottleneckSettings(budget: RateBudget): Bottleneck.ConstructorOptions {
  if (!(budget.perWindow > 0)) throw new ZohoConfigError('limits.perWindow', `must be a positive number, not ${budget.perWindow}`);
  // Even spacing keeps every sliding window at or under the budget, which a refilled reservoir cannot
  // promise: two refills can straddle one server window.
  return {
    minTime: Math.ceil(guardedWindowMs(budget) / budget.perWindow),
    maxConcurrent: budget.maxConcurrent ?? null,
  };
}

/**
 * Bottleneck limiters keyed by (data center, account, app[, budget]); one per key, owned by a connection
 * (not process-global). With a Redis URL every limiter is a Bottleneck cluster member sharing its budget.
 */
export class LimiterRegistry {
  private readonly limiters = new Map<string, Bottleneck>();
  private readonly blockedUntil = new Map<string, number>();
  private readonly daily = new Map<string, Bottleneck>();
  private readonly dayStarted = new Map<string, number>();
  private readonly budgets = new Map<string, RateBudget>();
  private readonly feeds = new Map<string, JobFeed>();
  /** Per cap: requests of this process let past the cap's check but not yet recorded in its log. */
  private readonly capPending = new Map<string, number>();
  /** Aborted by `close()`: every wait gives up, and nothing new is sent. */
  private readonly closing = new AbortController();
  private connection: Bottleneck.IORedisConnection | undefined;
  private sendWindow: SendWindow | undefined;

  constructor(private readonly options: LimitsOptions = {}) {}

  /**
   * Runs `fn` in a slot of the key's budget; `fn` should perform exactly one HTTP request. While Zoho has
   * told us to back off, waits up to `maxPauseMs` and otherwise fails at once without sending anything.
   */
  async schedule<T>(key: LimiterKey, fn: () => Promise<T>, maxPauseMs = Infinity, signal?: AbortSignal, cap?: RequestCap): Promise<T> {
    this.assertOpen(key.app);
    const id = this.keyId(key);
    const capped = cap ? await this.waitForCap(id, key.app, cap, signal) : undefined;
    try {
      const pause = (this.blockedUntil.get(id) ?? 0) - Date.now();
      if (pause > maxPauseMs) {
        throw new ZohoApiError({
          app: key.app,
          status: 429,
          code: 'RATE_LIMITED_LOCALLY',
          kind: 'throttled',
          message: `Zoho asked to pause ${key.app} requests; not sent`,
          retryAfterMs: pause,
        });
      }
      if (pause > 0) await abortableSleep(pause, key.app, signal, this.closing.signal);
      this.assertOpen(key.app);
      const limiter = this.limiterFor(key, id);
      if (!limiter) {
        await capped?.take();
        return await fn();
      }
      const day = this.daily.get(id);
      const budget = this.budgets.get(id)!;
      if (day) {
        const left = await day.currentReservoir();
        if (left !== null && left <= 0) {
          const resetsAt = this.dayResetAt(id);
          const refill = `${new Date(resetsAt).toISOString().replace(/\.\d{3}Z$/, 'Z')} (in about ${spanText(resetsAt - Date.now())})`;
          throw new ZohoApiError({
            app: key.app,
            status: 429,
            code: 'DAILY_BUDGET_USED',
            kind: 'quota',
            message: `the day's budget of ${budget.perDay} Zoho ${APP_NAMES[key.app]} requests is spent, so nothing was sent; it refills at ${refill}. Set it with the connection's limits.${key.app}.perDay (0 switches it off)`,
            retryAfterMs: resetsAt - Date.now(),
          });
        }
      }
      return await this.feed(id, limiter, key.app, signal, async () => {
        // Only the few jobs handed to Bottleneck can be cancelled after taking their place; they send nothing.
        if (signal?.aborted) throw cancelledError(key.app);
        // The cap first: the app's send log then records the send right before it goes, however long the cap took.
        await capped?.take();
        await this.admit(id, budget, key.app, signal);
        return fn();
      });
    } finally {
      capped?.release();
    }
  }

  /**
   * Waits, outside the app's queue, until the cap has room for this request: room in its send log (shared
   * through Redis) beyond the requests of this process already let through. Returns the in-slot `take`, which
   * records the send (waiting again in the rare case another worker took the room), and `release`.
   */
  private async waitForCap(id: string, app: ZohoApp, cap: RequestCap, signal?: AbortSignal): Promise<{ take(): Promise<void>; release(): void }> {
    if (!(cap.perWindow >= 1)) throw new ZohoConfigError(`cap ${cap.name}`, `perWindow must be at least 1, not ${cap.perWindow}`);
    const capId = `${id}:cap:${cap.name}`;
    const windowMs = guardedWindowMs({ perWindow: cap.perWindow, ...(cap.windowMs !== undefined ? { windowMs: cap.windowMs } : {}) });
    for (;;) {
      const room = cap.perWindow - (this.capPending.get(capId) ?? 0);
      const wait = room > 0 ? await this.window(app).peek(capId, room, windowMs) : CAP_RECHECK_MS;
      if (wait <= 0) break;
      await abortableSleep(wait, app, signal, this.closing.signal);
    }
    this.capPending.set(capId, (this.capPending.get(capId) ?? 0) + 1);
    let held = true;
    const release = () => {
      if (!held) return;
      held = false;
      this.capPending.set(capId, (this.capPending.get(capId) ?? 1) - 1);
    };
    const take = async () => {
      try {
        for (let wait = await this.window(app).take(capId, cap.perWindow, windowMs); wait > 0; wait = await this.window(app).take(capId, cap.perWindow, windowMs)) {
          await abortableSleep(wait, app, signal, this.closing.signal);
        }
      } finally {
        release();
      }
    };
    return { take, release };
  }

  private assertOpen(app: ZohoApp): void {
    if (this.closing.signal.aborted) throw closedError(app);
  }

  /**
   * Hands jobs to the key's Bottleneck a few at a time, in order. Bottleneck cannot cancel a queued job (it
   * would still take its slot, one `minTime` of the budget each), so requests wait here, where a cancel
   * takes them out at once and spends nothing.
   */
  private feed<T>(id: string, limiter: Bottleneck, app: ZohoApp, signal: AbortSignal | undefined, job: () => Promise<T>): Promise<T> {
    const queue = this.feeds.get(id) ?? { app, waiting: [], handed: 0 };
    this.feeds.set(id, queue);
    return new Promise<T>((resolve, reject) => {
      if (signal?.aborted) return reject(cancelledError(app));
      const onAbort = () => {
        const at = queue.waiting.indexOf(entry);
        if (at < 0) return;
        queue.waiting.splice(at, 1);
        reject(cancelledError(app));
      };
      const hand = () => {
        signal?.removeEventListener('abort', onAbort);
        queue.handed++;
        let started = false;
        limiter
          .schedule(async () => {
            started = true;
            queue.handed--;
            this.pump(queue);
            return job();
          })
          .then(resolve, (error: unknown) => {
            if (started) return reject(error);
            queue.handed--;
            this.pump(queue);
            // Refused before it started: never sent (CLOSED when the registry stopped its limiters).
            reject(this.closing.signal.aborted ? closedError(app) : error);
          });
      };
      const entry = {
        hand,
        fail: (error: Error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      queue.waiting.push(entry);
      this.pump(queue);
    });
  }

  private pump(queue: JobFeed): void {
    while (queue.handed < HANDED_AT_ONCE && queue.waiting.length) queue.waiting.shift()!.hand();
  }

  /** Waits (rarely) until the send log says this request keeps every window within the budget. */
  private async admit(id: string, budget: RateBudget, app: ZohoApp, signal?: AbortSignal): Promise<void> {
    const windowMs = guardedWindowMs(budget);
    for (;;) {
      const wait = await this.window(app).take(id, budget.perWindow, windowMs);
      if (wait <= 0) return;
      await abortableSleep(wait, app, signal, this.closing.signal);
    }
  }

  /** The send log: in Redis when the connection shares its budgets, else in memory. */
  private window(app: ZohoApp): SendWindow {
    this.assertOpen(app);
    this.sendWindow ??= this.options.redisUrl ? new RedisSendWindow(redisOptions(this.options.redisUrl)) : new LocalSendWindow();
    return this.sendWindow;
  }

  /** The key's daily budget as it stands now; undefined when the key has none (no `perDay`, or limits off). */
  async dailyBudget(key: LimiterKey): Promise<DailyBudget | undefined> {
    const id = this.keyId(key);
    this.limiterFor(key, id);
    const day = this.daily.get(id);
    const perDay = this.budgets.get(id)?.perDay;
    if (!day || !perDay) return undefined;
    const left = await day.currentReservoir();
    return { perDay, left: Math.max(0, left ?? perDay), resetsAt: this.dayResetAt(id) };
  }

  /** Holds every request of a key until `untilMs` (after a 429 or a rate-limit header says so). */
  block(key: LimiterKey, untilMs: number): void {
    const id = this.keyId(key);
    if ((this.blockedUntil.get(id) ?? 0) < untilMs) this.blockedUntil.set(id, untilMs);
  }

  async close(): Promise<void> {
    // Every wait gives up, and requests still waiting for a slot fail as never sent.
    this.closing.abort();
    for (const feed of this.feeds.values()) for (const entry of feed.waiting.splice(0)) entry.fail(closedError(feed.app));
    this.feeds.clear();
    const all = [...this.limiters.values(), ...this.daily.values()];
    this.limiters.clear();
    this.daily.clear();
    // The few handed to Bottleneck but not started are dropped too; requests already sending get a moment.
    const grace = new Promise<void>((r) => setTimeout(r, CLOSE_GRACE_MS).unref());
    await Promise.race([Promise.all(all.map((l) => l.stop({ dropWaitingJobs: true }).catch(() => undefined))), grace]);
    await Promise.all(all.map((l) => l.disconnect(false)));
    if (this.connection) await this.connection.disconnect(false);
    this.connection = undefined;
    await this.sendWindow?.close();
    this.sendWindow = undefined;
  }

  private dayResetAt(id: string): number {
    const started = this.dayStarted.get(id) ?? Date.now();
    return started + Math.ceil((Date.now() - started + 1) / DAY_MS) * DAY_MS;
  }

  private keyId(key: LimiterKey): string {
    return [this.options.namespace ?? 'zoho-agent-kit', key.region, key.account, key.app, key.budget ?? ''].join(':');
  }

  private limiterFor(key: LimiterKey, id: string): Bottleneck | undefined {
    const existing = this.limiters.get(id);
    if (existing) return existing;
    this.assertOpen(key.app);
    const configured = this.options.budgets?.[key.app];
    if (configured === false) return undefined;
    const budget = configured ?? DEFAULT_BUDGETS[key.app];
    const limiter = this.create(id, bottleneckSettings(budget));
    if (budget.perDay) {
      const day = this.create(`${id}:day`, {
        reservoir: budget.perDay,
        reservoirRefreshAmount: budget.perDay,
        reservoirRefreshInterval: DAY_MS,
      });
      limiter.chain(day);
      this.daily.set(id, day);
      this.dayStarted.set(id, Date.now());
    }
    this.limiters.set(id, limiter);
    this.budgets.set(id, budget);
    return limiter;
  }

  private create(id: string, settings: Bottleneck.ConstructorOptions): Bottleneck {
    if (!this.options.redisUrl) return new Bottleneck({ id, ...settings });
    if (!this.connection) {
      this.connection = new Bottleneck.IORedisConnection({ clientOptions: redisOptions(this.options.redisUrl) });
      // Redis outages surface as failed calls; without a listener ioredis would print every reconnect.
      this.connection.on('error', () => undefined);
    }
    const limiter = new Bottleneck({
      id,
      ...settings,
      datastore: 'ioredis',
      connection: this.connection,
      clearDatastore: false,
      timeout: 15 * 60_000,
    });
    limiter.on('error', () => undefined);
    return limiter;
  }
}

function redisOptions(url: string): Record<string, unknown> {
  const u = new URL(url);
  const options: Record<string, unknown> = { host: u.hostname, port: Number(u.port || 6379) };
  if (u.password) options.password = decodeURIComponent(u.password);
  if (u.username) options.username = decodeURIComponent(u.username);
  const db = u.pathname.replace('/', '');
  if (db) options.db = Number(db);
  if (u.protocol === 'rediss:') options.tls = {};
  return options;
}
