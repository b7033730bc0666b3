/**
 * 2. Limiter utilisation: a scaled-down budget on both sides (client limiter and the emulator's CRM
 * limit), demand 5× the budget for ten windows, answers received before the end of the tenth window
 * ÷ budget, and the 429s the emulator sent. One process (local Bottleneck), then three OS processes
 * sharing the budget through Redis (Bottleneck cluster) and the token through a RedisTokenStore.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createZohoConnection, guardedWindowMs, type RateBudget } from '@zoho-agent-kit/core';
import { emulatorConnectionOptions, startEmulator, type Emulator } from '@zoho-agent-kit/core/emulator';
import { crmEnvelopeReader } from '@zoho-agent-kit/crm';
import { crmEmulator } from '@zoho-agent-kit/crm/emulator';
import { analyseArrivals, trackArrivals, type ArrivalStats } from './lib/arrivals.js';
import { seededIds } from './lib/crm.js';
import { generateLoad, perWindow, type LoadReport } from './lib/load.js';
import { startRedis } from './lib/redis.js';
import type { BenchOptions, BenchResult, Figure } from './lib/result.js';
import { pct, table } from './lib/stats.js';
import type { WorkerConfig } from './limiter-worker.js';

const TARGET = 0.95;
const DEMAND = 5;
const WINDOWS = 10;
const PROCESSES = 3;

interface Outcome {
  label: string;
  served: number;
  served429: number;
  total429: number;
  utilisation: number;
  windows: number[];
  reports: LoadReport[];
  tokenRequests: number;
  arrivals: ArrivalStats;
}

type Budget = Required<Pick<RateBudget, 'perWindow' | 'windowMs' | 'margin'>>;

const minTimeOf = (b: Budget) => Math.ceil(guardedWindowMs(b) / b.perWindow);

function startEmu(budget: Budget): Promise<Emulator> {
  return startEmulator({ apps: [crmEmulator], limits: { crm: { limit: budget.perWindow, windowMs: budget.windowMs } } });
}

/** Counts at the emulator when the tenth window closes (answers sent by then), and everything at the end. */
function snapshotAt(emu: Emulator, at: number): Promise<{ ok: number; throttled: number }> {
  return new Promise((resolve) =>
    setTimeout(() => resolve({ ok: emu.counters.requests({ app: 'crm', status: 200 }), throttled: emu.counters.requests({ app: 'crm', status: 429 }) }), Math.max(0, at - Date.now())),
  );
}

async function singleProcess(budget: Budget): Promise<Outcome> {
  const emu = await startEmu(budget);
  const connection = createZohoConnection(emulatorConnectionOptions(emu, { limits: { crm: budget } }));
  try {
    const crm = connection.app({ app: 'crm', readError: crmEnvelopeReader });
    const ids = seededIds(emu, 'Leads');
    await connection.tokens.getAccessToken();
    // Start the limiter before t0 with one call a full window ahead, so it is outside the emulator's window.
    await crm.request({ method: 'GET', path: `/crm/v8/Leads/${ids[1]}` });
    const t0 = Date.now() + budget.windowMs + 200;
    const before = { ok: emu.counters.requests({ app: 'crm', status: 200 }), throttled: emu.counters.requests({ app: 'crm', status: 429 }) };
    const snap = snapshotAt(emu, t0 + budget.windowMs * WINDOWS);
    const arrivals = trackArrivals((url) => url.startsWith('/crm/v8/Leads/'));
    const report = await generateLoad(connection, crm, {
      t0,
      windowMs: budget.windowMs,
      windows: WINDOWS,
      callsPerWindow: DEMAND * budget.perWindow,
      path: `/crm/v8/Leads/${ids[0]}`,
    });
    const at = await snap;
    arrivals.stop();
    return outcome('1 process (local Bottleneck)', emu, budget, before, at, [report], arrivals.times, t0);
  } finally {
    await connection.close();
    await emu.close();
  }
}

function outcome(
  label: string,
  emu: Emulator,
  budget: Budget,
  before: { ok: number; throttled: number },
  at: { ok: number; throttled: number },
  reports: LoadReport[],
  arrivalTimes: number[],
  t0: number,
): Outcome {
  const deadline = t0 + budget.windowMs * WINDOWS;
  const served = at.ok - before.ok;
  const windows = perWindow(
    reports.flatMap((r) => r.okAt),
    budget.windowMs,
    WINDOWS,
  );
  return {
    label,
    served,
    served429: at.throttled - before.throttled,
    total429: emu.counters.requests({ app: 'crm', status: 429 }) - before.throttled,
    utilisation: served / (budget.perWindow * WINDOWS),
    windows,
    reports,
    tokenRequests: emu.accounts.tokenRequests('refresh_token'),
    arrivals: analyseArrivals(
      arrivalTimes.filter((t) => t >= t0 && t <= deadline),
      budget.windowMs,
      budget.perWindow,
      minTimeOf(budget),
    ),
  };
}

async function multiProcess(budget: Budget): Promise<Outcome> {
  const redis = await startRedis();
  const emu = await startEmu(budget);
  const children: ChildProcess[] = [];
  const exits: Promise<number | null>[] = [];
  try {
    const ids = seededIds(emu, 'Leads');
    const worker = fileURLToPath(new URL('./limiter-worker.ts', import.meta.url));
    const ready: Promise<unknown>[] = [];
    const results: Promise<LoadReport>[] = [];
    for (let index = 0; index < PROCESSES; index++) {
      const child = spawn(process.execPath, ['--conditions=@zoho-agent-kit/source', '--import', 'tsx', worker], {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      children.push(child);
      exits.push(new Promise((resolve) => child.once('exit', (code) => resolve(code))));
      const messages: { type: string; report?: LoadReport }[] = [];
      const waiters: ((m: { type: string; report?: LoadReport }) => void)[] = [];
      child.on('message', (m: { type: string; report?: LoadReport }) => {
        const w = waiters.shift();
        if (w) w(m);
        else messages.push(m);
      });
      const nextMessage = (type: string) =>
        new Promise<{ type: string; report?: LoadReport }>((resolve, reject) => {
          child.once('exit', (code) => reject(new Error(`limiter worker ${index} exited (${code}) before "${type}"`)));
          const queued = messages.shift();
          if (queued) resolve(queued);
          else waiters.push(resolve);
        });
      ready.push(nextMessage('ready'));
      results.push(ready[index]!.then(() => nextMessage('result')).then((m) => m.report!));
      const config: WorkerConfig = {
        type: 'config',
        index,
        redisUrl: redis.url,
        accountsUrl: emu.url,
        baseUrls: emu.baseUrls,
        clientId: emu.credentials.clientId,
        clientSecret: emu.credentials.clientSecret,
        refreshToken: emu.credentials.refreshToken,
        budget,
        plan: { windowMs: budget.windowMs, windows: WINDOWS, callsPerWindow: Math.ceil((DEMAND * budget.perWindow) / PROCESSES), path: `/crm/v8/Leads/${ids[0]}` },
        warmupPath: `/crm/v8/Leads/${ids[1]}`,
      };
      child.send(config);
    }
    await withTimeout(Promise.all(ready), 60_000, 'limiter workers did not get ready');
    const t0 = Date.now() + budget.windowMs + 300;
    const before = { ok: emu.counters.requests({ app: 'crm', status: 200 }), throttled: emu.counters.requests({ app: 'crm', status: 429 }) };
    const snap = snapshotAt(emu, t0 + budget.windowMs * WINDOWS);
    const arrivals = trackArrivals((url) => url.startsWith('/crm/v8/Leads/'));
    for (const child of children) child.send({ type: 'go', t0 });
    const reports = await withTimeout(Promise.all(results), budget.windowMs * WINDOWS + 60_000, 'limiter workers did not report');
    const at = await snap;
    arrivals.stop();
    await withTimeout(Promise.all(exits), 15_000, 'limiter workers did not exit').catch(() => undefined);
    return outcome(`${PROCESSES} processes (Redis cluster + RedisTokenStore)`, emu, budget, before, at, reports, arrivals.times, t0);
  } finally {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await emu.close();
    await redis.stop();
  }
}

function withTimeout<T>(p: Promise<T>, msTimeout: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), msTimeout)))]).finally(() =>
    clearTimeout(timer),
  );
}

export async function limiterBench(opts: BenchOptions): Promise<BenchResult> {
  // Same rate (20 requests/s) either way; --quick halves the window.
  const margin = opts.margin ?? 0.02;
  // Windows of seconds, not Zoho's minute, so the run stays short; the guard's slack is a share of the window.
  const budget: Budget = opts.quick ? { perWindow: 30, windowMs: 3000, margin } : { perWindow: 60, windowMs: 6000, margin };
  const minTime = minTimeOf(budget);
  const ceiling = budget.windowMs / minTime / budget.perWindow;
  const outcomes = [await singleProcess(budget), await multiProcess(budget)];

  const head = ['setup', ...outcomes[0]!.windows.map((_, i) => `w${i + 1}`), 'served', 'budget', 'util.', '429s', 'token req.'];
  console.log(
    table(
      `Limiter utilisation — budget ${budget.perWindow}/${budget.windowMs} ms on client and emulator, margin ${budget.margin} (minTime ${minTime} ms, ceiling ${pct(ceiling)}), demand ${DEMAND}× for ${WINDOWS} windows`,
      head,
      outcomes.map((o) => [o.label, ...o.windows, o.served, budget.perWindow * WINDOWS, pct(o.utilisation), o.total429, o.tokenRequests]),
    ),
  );
  console.log(
    table(
      'Per process (client side)',
      ['setup / process', 'started', 'ok by deadline', 'abandoned', 'dropped from queue', 'loop delay p99/max ms', 'errors'],
      outcomes.flatMap((o) =>
        o.reports.map((r, i) => [
          `${o.label.split(' (')[0]} #${i + 1}`,
          r.started,
          r.ok,
          r.abandoned,
          r.dropped,
          `${r.loopDelayP99.toFixed(1)}/${r.loopDelayMax.toFixed(1)}`,
          Object.entries(r.errors)
            .map(([k, v]) => `${k}:${v}`)
            .join(' ') || '—',
        ]),
      ),
    ),
  );
  console.log(
    table(
      `Arrivals at the emulator during the ${WINDOWS} windows (node:http diagnostics channel)`,
      ['setup', 'arrivals', `max in any ${budget.windowMs} ms`, 'arrivals over limit', 'min gap ms', 'p1 gap ms', `gaps < ${minTime - 5} ms`],
      outcomes.map((o) => [
        o.label,
        o.arrivals.arrivals,
        o.arrivals.maxInWindow,
        o.arrivals.overLimit,
        o.arrivals.minGapMs.toFixed(1),
        o.arrivals.p1GapMs.toFixed(1),
        o.arrivals.shortGaps,
      ]),
    ),
  );
  const figures: Figure[] = outcomes.flatMap((o) => [
    { metric: `${o.label}: achieved ÷ budget`, value: `${pct(o.utilisation)} (${o.served}/${budget.perWindow * WINDOWS})`, target: `≥ ${pct(TARGET)}`, pass: o.utilisation >= TARGET },
    { metric: `${o.label}: 429s`, value: String(o.total429), target: '0', pass: o.total429 === 0 },
  ]);
  const notes = [
    `windows w1…w${WINDOWS} count client-side 200s by completion time; "served" is the emulator's 200 count when window ${WINDOWS} closed. The limiter spaces calls by minTime = ceil((window + slack)/budget) = ${minTime} ms, slack = max(250 ms, margin × window), so ${pct(ceiling)} is the most it can reach.`,
  ];
  const slack = budget.perWindow * minTime - budget.windowMs;
  const realSlack = 100 * Math.ceil(guardedWindowMs({ perWindow: 100, margin: budget.margin }) / 100) - 60_000;
  for (const o of outcomes.filter((x) => x.total429 > 0)) {
    const loopMax = Math.max(...o.reports.map((r) => r.loopDelayMax));
    notes.push(
      `${o.label}: ${o.total429} × 429. At the emulator ${o.arrivals.maxInWindow} calls landed inside one ${budget.windowMs} ms window (limit ${budget.perWindow}); smallest gap between arrivals ${o.arrivals.minGapMs.toFixed(1)} ms against minTime ${minTime} ms (${o.arrivals.shortGaps} gaps < ${minTime - 5} ms); event-loop delay up to ${loopMax.toFixed(0)} ms. Cause: the send log caps sends per (window + slack) on the client, so extra arrivals mean requests that left a stalled event loop late, bunched beyond the slack: ${slack} ms here (vs ${realSlack} ms at Zoho's real 100/min). Each 429 then blocks the key for Retry-After (≥ 1 s), which also costs utilisation.`,
    );
  }
  return { name: 'limiter', figures, notes };
}
