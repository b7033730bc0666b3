import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createZohoConnection, type ZohoConnection } from '../src/index.js';
import { emulatorConnectionOptions, seededRandom, startEmulator, type Emulator, type FaultRule } from '../src/emulator/index.js';
import { testApp } from './helpers/test-app.js';

const READS = 1000;
const RATE = 0.2;
const CONCURRENCY = 6;

type Kind = Omit<FaultRule, 'app' | 'times' | 'after'>;

/**
 * One-shot rules that fault the g-th request of `app` for each g the random draw picks (a share `rate` of
 * them). A rule sees every request no earlier rule took, so rule i fires at g when it skips g − i first.
 */
function schedule(app: FaultRule['app'], requests: number, rate: number, kinds: (() => Kind)[], random: () => number, first?: Kind): FaultRule[] {
  const rules: FaultRule[] = [];
  for (let g = 0; g < requests; g++) {
    const kind = g === 0 && first ? first : random() < rate ? kinds[Math.floor(random() * kinds.length)]!() : undefined;
    if (kind) rules.push({ ...kind, app, times: 1, after: g - rules.length });
  }
  return rules;
}

let emu: Emulator;
let connection: ZohoConnection;
let appRules: { rule: FaultRule; id: number }[];
let accountsRules: { rule: FaultRule; id: number }[];

beforeAll(async () => {
  const random = seededRandom(20_260_105);
  const appKinds: (() => Kind)[] = [
    () => ({ kind: 'status', status: [500, 502, 503][Math.floor(random() * 3)]! }),
    () => ({ kind: 'throttle', retryAfterSec: 0 }),
    () => ({ kind: 'reset' }),
    () => ({ kind: 'slow', delayMs: 30 }),
    () => ({ kind: 'invalid-token' }),
  ];
  const accountsKinds: (() => Kind)[] = [
    () => ({ kind: 'status', status: 500 }),
    () => ({ kind: 'reset' }),
    () => ({ kind: 'slow', delayMs: 30 }),
    () => ({ kind: 'refresh-throttle' }),
  ];
  // Zoho's own refresh cap stays on (10 per 10 minutes): the invalid-token faults alone exceed it.
  emu = await startEmulator({ apps: [testApp], limits: { crm: false } });
  appRules = schedule('crm', READS * 3, RATE, appKinds, random).map((rule) => ({ rule, id: emu.faults.add(rule) }));
  // The very first token request is throttled: the first reads must wait it out, not fail.
  accountsRules = schedule('accounts', 200, RATE, accountsKinds, random, { kind: 'refresh-throttle' }).map((rule) => ({ rule, id: emu.faults.add(rule) }));
  // Default retry settings except the delays, so the test runs in seconds.
  connection = createZohoConnection(emulatorConnectionOptions(emu, { limits: { crm: false }, retry: { baseDelayMs: 2, maxDelayMs: 20 } }));
});

afterAll(async () => {
  await connection.close();
  await emu.close();
});

describe('reads survive faults with the default retry policy', () => {
  it(`${READS} reads at ${RATE * 100} % faults of every kind the emulator injects: 0 fail`, async () => {
    const crm = connection.app({ app: 'crm' });
    const failures: string[] = [];
    let next = 0;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let i = next++; i < READS; i = next++) {
          const path = i % 2 ? '/crm/v8/Things' : '/crm/v8/Things/4150868000000000001';
          await crm.request({ method: 'GET', path }).catch((err: unknown) => failures.push(`${i}: ${(err as Error).message}`));
        }
      }),
    );
    const elapsed = Date.now() - started;

    const fired = (rules: { rule: FaultRule; id: number }[]) => {
      const byKind: Record<string, number> = {};
      for (const { rule, id } of rules) if (emu.faults.applied(id)) byKind[rule.kind] = (byKind[rule.kind] ?? 0) + 1;
      return byKind;
    };
    const appFired = fired(appRules);
    const accountsFired = fired(accountsRules);
    const appRequests = emu.counters.requests({ app: 'crm' });
    const faulted = Object.values(appFired).reduce((a, b) => a + b, 0);

    expect(failures).toEqual([]);
    // The faults really happened, at the rate intended, of every kind.
    expect(faulted / appRequests).toBeGreaterThan(0.15);
    expect(Object.keys(appFired).sort()).toEqual(['invalid-token', 'reset', 'slow', 'status', 'throttle']);
    expect(accountsFired['refresh-throttle']).toBeGreaterThanOrEqual(1);
    // More token requests than Zoho's 10 per 10 minutes were wanted: its real throttle was met and survived too.
    expect(emu.accounts.tokenRequests('refresh_token')).toBeGreaterThan(10);
    expect(elapsed).toBeLessThan(20_000);
  }, 30_000);
});
