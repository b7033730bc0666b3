import type { ZohoApp } from '../regions.js';
import { globToRegExp } from './router.js';
import type { RouteCounter } from './types.js';

export interface CounterFilter {
  app?: ZohoApp | 'accounts';
  /** `METHOD /pattern` or `/pattern` glob matched against the route pattern and the concrete path. */
  route?: string;
  status?: number;
}

/** Requests per (app, method, route pattern), with a tally per status; what tests and benchmarks read. */
export class EmulatorCounters {
  private readonly counters = new Map<string, RouteCounter & { paths: Set<string> }>();

  record(app: ZohoApp | 'accounts', method: string, pattern: string, path: string, status: number): void {
    const key = `${app} ${method} ${pattern}`;
    let c = this.counters.get(key);
    if (!c) {
      c = { app, route: `${method} ${pattern}`, requests: 0, byStatus: {}, paths: new Set() };
      this.counters.set(key, c);
    }
    c.requests++;
    c.byStatus[status] = (c.byStatus[status] ?? 0) + 1;
    if (c.paths.size < 1000) c.paths.add(`${method} ${path}`);
  }

  list(): RouteCounter[] {
    return [...this.counters.values()].map(({ app, route, requests, byStatus }) => ({ app, route, requests, byStatus: { ...byStatus } }));
  }

  /** Number of requests matching the filter (with `status`, only those answered with it). */
  requests(filter: CounterFilter = {}): number {
    let total = 0;
    for (const c of this.matching(filter)) total += filter.status === undefined ? c.requests : (c.byStatus[filter.status] ?? 0);
    return total;
  }

  reset(): void {
    this.counters.clear();
  }

  private *matching(filter: CounterFilter): Iterable<RouteCounter & { paths: Set<string> }> {
    const re = filter.route ? routeMatcher(filter.route) : undefined;
    for (const c of this.counters.values()) {
      if (filter.app && c.app !== filter.app) continue;
      if (re && !re(c.route) && ![...c.paths].some(re)) continue;
      yield c;
    }
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
