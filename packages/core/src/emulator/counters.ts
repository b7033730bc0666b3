import type { ZohoApp } from '../regions.js';
import { globToRegExp } from './router.js';
import type { RouteCounter } from './types.js';

export interface CounterFilter {
  app?: ZohoApp | 'accounts';
  /** `METHOD /pattern` or `/pattern` glob matched against the route pattern and the concrete path. */
  route?: string;
  status?: number;
}

interface Tally {
  requests: number;
  byStatus: Record<number, number>;
}

type Counter = RouteCounter & { paths: Map<string, Tally> };

const MAX_PATHS_PER_ROUTE = 10_000;

function bump(t: Tally, status: number): void {
  t.requests++;
  t.byStatus[status] = (t.byStatus[status] ?? 0) + 1;
}

/**
 * Requests per (app, method, route pattern) and per concrete path, with a tally per status; what tests
 * and benchmarks read. A filter naming a pattern counts the whole route; one naming a path counts it.
 */
export class EmulatorCounters {
  private readonly counters = new Map<string, Counter>();

  record(app: ZohoApp | 'accounts', method: string, pattern: string, path: string, status: number): void {
    const key = `${app} ${method} ${pattern}`;
    let c = this.counters.get(key);
    if (!c) {
      c = { app, route: `${method} ${pattern}`, requests: 0, byStatus: {}, paths: new Map() };
      this.counters.set(key, c);
    }
    bump(c, status);
    const pathKey = `${method} ${path}`;
    let t = c.paths.get(pathKey);
    if (!t && c.paths.size < MAX_PATHS_PER_ROUTE) {
      t = { requests: 0, byStatus: {} };
      c.paths.set(pathKey, t);
    }
    if (t) bump(t, status);
  }

  list(): RouteCounter[] {
    return [...this.counters.values()].map(({ app, route, requests, byStatus }) => ({ app, route, requests, byStatus: { ...byStatus } }));
  }

  /** Number of requests matching the filter (with `status`, only those answered with it). */
  requests(filter: CounterFilter = {}): number {
    const count = (t: Tally) => (filter.status === undefined ? t.requests : (t.byStatus[filter.status] ?? 0));
    const re = filter.route ? routeMatcher(filter.route) : undefined;
    let total = 0;
    for (const c of this.counters.values()) {
      if (filter.app && c.app !== filter.app) continue;
      if (!re || re(c.route)) {
        total += count(c);
        continue;
      }
      for (const [path, t] of c.paths) if (re(path)) total += count(t);
    }
    return total;
  }

  reset(): void {
    this.counters.clear();
  }
}

/** A matcher for `METHOD /glob` or `/glob` against `METHOD /path` strings. */
export function routeMatcher(spec: string): (methodAndPath: string) => boolean {
  const m = /^([A-Z]+)\s+(.*)$/.exec(spec.trim());
  const method = m?.[1];
  const re = globToRegExp(m ? m[2]! : spec.trim());
  return (methodAndPath) => {
    const [meth, ...rest] = methodAndPath.split(' ');
    return (!method || method === meth) && re.test(rest.join(' '));
  };
}
