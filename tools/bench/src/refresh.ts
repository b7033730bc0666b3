/**
 * 3. Refresh storm: 1,000 concurrent GETs at the moment the access token is due → how many token requests
 * reach the accounts server (target exactly 1), and how long the storm takes.
 *  a/b. Manual clock shared by the emulator, the OAuth client and the TokenManager (default 1 h tokens,
 *       default 5-min margin): advance into the margin (token still valid) / past expiry, then fire.
 *  c.   The default wiring of createZohoConnection (real clock): 2 s tokens, so the 5-min margin is capped
 *       at half the lifetime (1 s); wait until past expiry, then fire.
 */
import { createZohoConnection, TokenManager, ZohoOAuthClient, type ZohoConnection } from '@zoho-agent-kit/core';
import { createManualClock, emulatorConnectionOptions, startEmulator, type Emulator } from '@zoho-agent-kit/core/emulator';
import { crmEnvelopeReader } from '@zoho-agent-kit/crm';
import { crmEmulator } from '@zoho-agent-kit/crm/emulator';
import { seededIds } from './lib/crm.js';
import type { BenchOptions, BenchResult, Figure } from './lib/result.js';
import { ms, nowMs, table } from './lib/stats.js';

interface StormResult {
  label: string;
  short?: string;
  tokenRequests: number;
  ok: number;
  failed: Record<string, number>;
  invalidTokenAnswers: number;
  wallMs: number;
}

async function storm(label: string, emu: Emulator, connection: ZohoConnection, calls: number, advance: () => Promise<void>): Promise<StormResult> {
  const crm = connection.app({ app: 'crm', readError: crmEnvelopeReader });
  const ids = seededIds(emu, 'Leads');
  await crm.request({ method: 'GET', path: `/crm/v8/Leads/${ids[0]}` }); // warms the token
  await advance();
  const tokensBefore = emu.accounts.tokenRequests();
  const invalidBefore = emu.counters.requests({ app: 'crm', status: 401 });
  const failed: Record<string, number> = {};
  let ok = 0;
  const t = nowMs();
  await Promise.all(
    Array.from({ length: calls }, (_, i) =>
      crm.request({ method: 'GET', path: `/crm/v8/Leads/${ids[i % ids.length]}` }).then(
        () => void ok++,
        (err: { code?: string }) => void (failed[err.code ?? 'error'] = (failed[err.code ?? 'error'] ?? 0) + 1),
      ),
    ),
  );
  const wallMs = nowMs() - t;
  return {
    label,
    tokenRequests: emu.accounts.tokenRequests() - tokensBefore,
    ok,
    failed,
    invalidTokenAnswers: emu.counters.requests({ app: 'crm', status: 401 }) - invalidBefore,
    wallMs,
  };
}

async function manualClockStorm(label: string, calls: number, advanceMs: number): Promise<StormResult> {
  const clock = createManualClock(Date.now());
  const emu = await startEmulator({ apps: [crmEmulator], limits: { crm: false }, clock: clock.now });
  const base = emulatorConnectionOptions(emu);
  const oauth = new ZohoOAuthClient({ clientId: base.clientId!, clientSecret: base.clientSecret!, region: 'us', accountsUrl: emu.url, clock: clock.now });
  const tokens = new TokenManager({ oauth, refreshToken: base.refreshToken!, clock: clock.now });
  const connection = createZohoConnection({ region: 'us', tokens, baseUrls: emu.baseUrls, limits: { crm: false } });
  try {
    return await storm(label, emu, connection, calls, async () => clock.advance(advanceMs));
  } finally {
    await connection.close();
    await emu.close();
  }
}

async function realClockStorm(label: string, calls: number, ttlSec: number): Promise<StormResult> {
  const emu = await startEmulator({ apps: [crmEmulator], limits: { crm: false }, accounts: { accessTokenTtlSec: ttlSec } });
  const connection = createZohoConnection(emulatorConnectionOptions(emu, { limits: { crm: false } }));
  try {
    return await storm(label, emu, connection, calls, () => new Promise((r) => setTimeout(r, ttlSec * 1000 + 150)));
  } finally {
    await connection.close();
    await emu.close();
  }
}

export async function refreshBench(_opts: BenchOptions): Promise<BenchResult> {
  const calls = 1000;
  const results: StormResult[] = [];
  results.push({ ...(await manualClockStorm('manual clock, 1 h token, +56 min (inside the 5-min margin, still valid)', calls, 56 * 60_000)), short: 'manual clock, in refresh margin' });
  results.push({ ...(await manualClockStorm('manual clock, 1 h token, +61 min (expired)', calls, 61 * 60_000)), short: 'manual clock, expired' });
  results.push({ ...(await realClockStorm('createZohoConnection defaults, real clock, 2 s token, waited past expiry', calls, 2)), short: 'real clock 2 s token, expired' });

  console.log(
    table(
      `Refresh storm — ${calls} concurrent GETs when the token is due (limiter and emulator rate limit off)`,
      ['scenario', 'token requests', 'ok', 'failed', '401s at CRM', 'wall ms'],
      results.map((r) => [
        r.label,
        r.tokenRequests,
        r.ok,
        Object.entries(r.failed)
          .map(([k, v]) => `${k}:${v}`)
          .join(' ') || '0',
        r.invalidTokenAnswers,
        ms(r.wallMs),
      ]),
    ),
  );
  const figures: Figure[] = results.map((r) => ({
    metric: `token requests for ${calls} calls (${r.short ?? r.label})`,
    value: `${r.tokenRequests} (${r.ok}/${calls} ok, ${ms(r.wallMs)} ms wall)`,
    target: '= 1',
    pass: r.tokenRequests === 1 && r.ok === calls,
  }));
  return { name: 'refresh', figures, notes: [] };
}
