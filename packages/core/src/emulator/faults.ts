import { z } from 'zod';
import { ZOHO_APPS, type ZohoApp } from '../regions.js';
import { seededRandom } from './agency.js';
import { routeMatcher } from './counters.js';
import type { FaultRule } from './types.js';

interface ActiveFault {
  id: number;
  rule: FaultRule;
  matches: (methodAndPath: string) => boolean;
  seen: number;
  applied: number;
  random: (() => number) | undefined;
}

/**
 * Fault rules on demand: the first active rule that matches a request decides its fate. A rule without
 * `app` hits app routes only; the accounts server is faulted only by rules with `app: 'accounts'`, so a
 * broad rule (`{ kind: 'status', status: 503 }`) breaks the API without also breaking token refreshes.
 */
export class EmulatorFaults {
  private readonly active: ActiveFault[] = [];
  private nextId = 1;

  add(rule: FaultRule): number {
    const id = this.nextId++;
    const random = rule.probability === undefined ? undefined : seededRandom(rule.seed ?? 1);
    this.active.push({ id, rule, matches: rule.route ? routeMatcher(rule.route) : () => true, seen: 0, applied: 0, random });
    return id;
  }

  remove(id: number): void {
    const i = this.active.findIndex((f) => f.id === id);
    if (i >= 0) this.active.splice(i, 1);
  }

  clear(): void {
    this.active.length = 0;
  }

  /** The rules in force, in the order they are tried. */
  list(): FaultRule[] {
    return this.active.map((f) => ({ ...f.rule }));
  }

  /** How many requests a rule has been applied to. */
  applied(id: number): number {
    return this.active.find((f) => f.id === id)?.applied ?? 0;
  }

  /** Picks the fault for one request, given its concrete path and its route pattern. */
  take(app: ZohoApp | 'accounts', method: string, path: string, pattern: string): FaultRule | undefined {
    for (const f of this.active) {
      if (f.rule.app ? f.rule.app !== app : app === 'accounts') continue;
      if (!f.matches(`${method} ${path}`) && !f.matches(`${method} ${pattern}`)) continue;
      f.seen++;
      if (f.seen <= (f.rule.after ?? 0)) continue;
      if (f.rule.times !== undefined && f.applied >= f.rule.times) continue;
      if (f.random && f.random() >= (f.rule.probability ?? 1)) continue;
      f.applied++;
      return f.rule;
    }
    return undefined;
  }
}

const faultRuleSchema = z.strictObject({
  route: z.string().min(1).max(500).optional(),
  app: z.enum([...ZOHO_APPS, 'accounts']).optional(),
  kind: z.enum(['status', 'throttle', 'reset', 'slow', 'invalid-token', 'refresh-throttle']),
  status: z.number().int().min(400).max(599).optional(),
  retryAfterSec: z.number().int().min(0).max(86_400).optional(),
  delayMs: z.number().int().min(0).max(600_000).optional(),
  afterBytes: z.number().int().min(0).optional(),
  times: z.number().int().min(1).optional(),
  after: z.number().int().min(0).optional(),
  probability: z.number().min(0).max(1).optional(),
  seed: z.number().int().optional(),
  afterHandling: z.boolean().optional(),
});

/**
 * Reads a JSON list of fault rules (the emulator's `--faults FILE`), or throws an error naming the rule
 * and field at fault, e.g. `rule 2: kind: expected one of "status"|"throttle"|…`.
 */
export function parseFaultRules(json: string, source = 'faults'): FaultRule[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (err) {
    throw new Error(`${source} is not JSON: ${(err as Error).message}`);
  }
  if (!Array.isArray(value)) throw new Error(`${source} must be a JSON list of fault rules, e.g. [{"app":"crm","kind":"throttle","retryAfterSec":2,"times":1}]`);
  return value.map((item, i) => {
    const parsed = faultRuleSchema.safeParse(item);
    if (parsed.success) return parsed.data as FaultRule;
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(rule)'}: ${issue.message}`).join('; ');
    throw new Error(`${source}: rule ${i + 1}: ${problems}`);
  });
}
