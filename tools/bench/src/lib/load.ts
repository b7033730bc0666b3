import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { ZohoAppClient, ZohoConnection } from '@zoho-agent-kit/core';

export interface LoadPlan {
  /** Epoch ms at which the first window opens (every process uses the same t0). */
  t0: number;
  windowMs: number;
  windows: number;
  /** Calls this process starts per window, evenly spaced. */
  callsPerWindow: number;
  path: string;
}

export interface LoadReport {
  started: number;
  /** 2xx answers received before the deadline. */
  ok: number;
  /** Completion times (ms after t0) of those answers. */
  okAt: number[];
  /** Errors by ZohoApiError code (or kind), deadline aborts excluded. */
  errors: Record<string, number>;
  /** Calls that were still waiting for a slot (or in flight) at the deadline. */
  abandoned: number;
  /** Queued jobs dropped from the limiter at the deadline. */
  dropped: number;
  /** Event-loop delay of this process during the windows (ms): timers — Bottleneck's included — fire this late. */
  loopDelayP99: number;
  loopDelayMax: number;
}

interface BottleneckLike {
  stop(options?: { dropWaitingJobs?: boolean }): Promise<void>;
  counts(): { RECEIVED: number; QUEUED: number; RUNNING: number; EXECUTING: number };
}

/**
 * The connection's Bottleneck instances. An aborted request leaves core's own queue at once, but the (at most
 * two) jobs already handed to a Bottleneck keep their places and would each take a slot, so at the deadline
 * the benchmark reaches in to stop them.
 */
export function bottlenecksOf(connection: ZohoConnection): BottleneckLike[] {
  const registry = (connection as unknown as { limiters?: { limiters?: Map<string, BottleneckLike> } }).limiters;
  return registry?.limiters ? [...registry.limiters.values()] : [];
}

const sleepUntil = (epochMs: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, epochMs - Date.now())));

/** Fires `callsPerWindow × windows` GETs evenly from t0; whatever has no answer at the deadline is abandoned. */
export async function generateLoad(connection: ZohoConnection, client: ZohoAppClient, plan: LoadPlan): Promise<LoadReport> {
  const { t0, windowMs, windows, callsPerWindow, path } = plan;
  const deadline = t0 + windowMs * windows;
  const total = callsPerWindow * windows;
  const spacing = windowMs / callsPerWindow;
  const abort = new AbortController();
  const report: LoadReport = { started: 0, ok: 0, okAt: [], errors: {}, abandoned: 0, dropped: 0, loopDelayP99: NaN, loopDelayMax: NaN };
  const loop = monitorEventLoopDelay({ resolution: 5 });
  const pending = new Set<Promise<void>>();

  const fire = () => {
    report.started++;
    const p = client
      .request({ method: 'GET', path, signal: abort.signal })
      .then(
        (res) => {
          const at = Date.now();
          if (at <= deadline && res.status < 300) {
            report.ok++;
            report.okAt.push(at - t0);
          } else if (at > deadline) report.abandoned++;
        },
        (err: { code?: string; kind?: string }) => {
          if (abort.signal.aborted) {
            report.abandoned++;
            return;
          }
          const code = err.code ?? err.kind ?? 'error';
          report.errors[code] = (report.errors[code] ?? 0) + 1;
        },
      )
      .finally(() => pending.delete(p));
    pending.add(p);
  };

  await sleepUntil(t0);
  loop.enable();
  for (let i = 0; i < total; i++) {
    const due = t0 + i * spacing;
    if (due > Date.now() + 1) await sleepUntil(due);
    if (Date.now() >= deadline) break;
    fire();
  }
  await sleepUntil(deadline);
  loop.disable();
  report.loopDelayP99 = loop.percentile(99) / 1e6;
  report.loopDelayMax = loop.max / 1e6;
  abort.abort(new Error('benchmark deadline'));
  for (const limiter of bottlenecksOf(connection)) {
    // Without maxConcurrent, Bottleneck books every job a future start time at once (state RUNNING, not yet EXECUTING).
    const counts = limiter.counts();
    report.dropped += counts.RECEIVED + counts.QUEUED + counts.RUNNING;
    await limiter.stop({ dropWaitingJobs: true }).catch(() => undefined);
  }
  await Promise.allSettled([...pending]);
  return report;
}

/** Successful answers per window, from completion times. */
export function perWindow(okAt: readonly number[], windowMs: number, windows: number): number[] {
  const out = new Array<number>(windows).fill(0);
  for (const t of okAt) {
    const i = Math.floor(t / windowMs);
    if (i >= 0 && i < windows) out[i]!++;
  }
  return out;
}
