import type { ZohoApp } from '../regions.js';
import { routeMatcher } from './counters.js';
import type { FaultRule } from './types.js';

interface ActiveFault {
  id: number;
  rule: FaultRule;
  matches: (methodAndPath: string) => boolean;
  seen: number;
  applied: number;
}

/** Fault rules on demand: the first active rule that matches a request decides its fate. */
export class EmulatorFaults {
  private readonly active: ActiveFault[] = [];
  private nextId = 1;

  add(rule: FaultRule): number {
    const id = this.nextId++;
    this.active.push({ id, rule, matches: rule.route ? routeMatcher(rule.route) : () => true, seen: 0, applied: 0 });
    return id;
  }

  remove(id: number): void {
    const i = this.active.findIndex((f) => f.id === id);
    if (i >= 0) this.active.splice(i, 1);
  }

  clear(): void {
    this.active.length = 0;
  }

  /** How many requests a rule has been applied to. */
  applied(id: number): number {
    return this.active.find((f) => f.id === id)?.applied ?? 0;
  }

  /** Picks the fault for one request, given its concrete path and its route pattern. */
  take(app: ZohoApp | 'accounts', method: string, path: string, pattern: string): FaultRule | undefined {
    for (const f of this.active) {
      if (f.rule.app && f.rule.app !== app) continue;
      if (!f.matches(`${method} ${path}`) && !f.matches(`${method} ${pattern}`)) continue;
      f.seen++;
      if (f.seen <= (f.rule.after ?? 0)) continue;
      if (f.rule.times !== undefined && f.applied >= f.rule.times) continue;
      f.applied++;
      return f.rule;
    }
    return undefined;
  }
}
