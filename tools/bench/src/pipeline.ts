/**
 * 1. Pipeline overhead: the core client's GET (limiter off → token → undici → CRM envelope reader → retry
 * loop, JSON parsed with 19-digit safety) against a bare undici `request()` to the same emulator route with
 * the same cached token on a keep-alive Agent (body read + JSON.parse). Interleaved, sequential.
 */
import { createRequire } from 'node:module';
import * as rootUndici from 'undici';
import { createZohoConnection, parseJson } from '@zoho-agent-kit/core';
import { emulatorConnectionOptions, startEmulator } from '@zoho-agent-kit/core/emulator';
import { crmEnvelopeReader } from '@zoho-agent-kit/crm';
import { crmEmulator } from '@zoho-agent-kit/crm/emulator';
import { seededIds } from './lib/crm.js';
import type { BenchOptions, BenchResult } from './lib/result.js';
import { ms, nowMs, ratio, summarize, table } from './lib/stats.js';

const TARGET = 1.5;

/**
 * The undici copy core itself uses (packages/core resolves its own nested undici when the root one is an
 * older version), so the raw side differs from the pipeline only by what core adds on top.
 */
const coreRequire = createRequire(import.meta.resolve('@zoho-agent-kit/core'));
const coreUndici = coreRequire('undici') as typeof import('undici');
const versionOf = (req: NodeJS.Require) => (req('undici/package.json') as { version: string }).version;
export const CORE_UNDICI_VERSION = versionOf(coreRequire);
export const ROOT_UNDICI_VERSION = versionOf(createRequire(import.meta.url));

export async function pipelineBench(opts: BenchOptions): Promise<BenchResult> {
  const iterations = opts.quick ? 500 : 2000;
  const warmup = opts.quick ? 100 : 300;
  const emu = await startEmulator({ apps: [crmEmulator], limits: { crm: false } });
  const connection = createZohoConnection(emulatorConnectionOptions(emu, { limits: { crm: false } }));
  const { Agent, request } = coreUndici;
  const agent = new Agent({ connections: 32, keepAliveTimeout: 30_000 });
  const rootAgent = new rootUndici.Agent({ connections: 32, keepAliveTimeout: 30_000 });
  try {
    const crm = connection.app({ app: 'crm', readError: crmEnvelopeReader });
    const id = seededIds(emu, 'Leads')[0]!;
    const path = `/crm/v8/Leads/${id}`;
    const token = await connection.tokens.getAccessToken();
    const url = `${emu.baseUrls.crm}${path}`;
    const headers = { accept: 'application/json', authorization: `Zoho-oauthtoken ${token.accessToken}` };

    const viaCore = async () => {
      const res = await crm.request<{ data: { id: string }[] }>({ method: 'GET', path });
      if (res.status !== 200 || res.data.data[0]?.id !== id) throw new Error(`core GET answered ${res.status}`);
    };
    const viaRaw = async () => {
      const res = await request(url, { dispatcher: agent, method: 'GET', headers });
      const body = JSON.parse(await res.body.text()) as { data: { id: string }[] };
      if (res.statusCode !== 200 || body.data[0]?.id !== id) throw new Error(`raw GET answered ${res.statusCode}`);
    };

    const viaRootRaw = async () => {
      const res = await rootUndici.request(url, { dispatcher: rootAgent, method: 'GET', headers });
      const body = JSON.parse(await res.body.text()) as { data: { id: string }[] };
      if (res.statusCode !== 200 || body.data[0]?.id !== id) throw new Error(`raw GET answered ${res.statusCode}`);
    };
    const differentCopies = CORE_UNDICI_VERSION !== ROOT_UNDICI_VERSION;

    for (let i = 0; i < warmup; i++) {
      await viaCore();
      await viaRaw();
      if (differentCopies) await viaRootRaw();
    }
    const core: number[] = [];
    const raw: number[] = [];
    const rootRaw: number[] = [];
    for (let i = 0; i < iterations; i++) {
      // Alternate which goes first, so neither always gets the warmer socket/cache.
      const order = i % 2 === 0 ? ([viaCore, viaRaw] as const) : ([viaRaw, viaCore] as const);
      for (const fn of order) {
        const t = nowMs();
        await fn();
        (fn === viaCore ? core : raw).push(nowMs() - t);
      }
      // A third, informational series every fourth iteration: the root's (other) undici copy.
      if (differentCopies && i % 4 === 0) {
        const t = nowMs();
        await viaRootRaw();
        rootRaw.push(nowMs() - t);
      }
    }
    const c = summarize(core);
    const r = summarize(raw);
    const rr = summarize(rootRaw);
    const p50 = c.p50 / r.p50;
    const p99 = c.p99 / r.p99;

    // Diagnostic: how much of the gap is the 19-digit-safe JSON parser (core's parseJson) on this very body.
    const sample = await (await request(url, { dispatcher: agent, method: 'GET', headers })).body.text();
    const parseRuns = opts.quick ? 2000 : 5000;
    let t = nowMs();
    for (let i = 0; i < parseRuns; i++) JSON.parse(sample);
    const nativeUs = ((nowMs() - t) / parseRuns) * 1000;
    t = nowMs();
    for (let i = 0; i < parseRuns; i++) parseJson(sample);
    const coreUs = ((nowMs() - t) / parseRuns) * 1000;

    console.log(
      table(
        `Pipeline overhead — GET ${'/crm/v8/Leads/<id>'} (${iterations} interleaved sequential iterations each, ${warmup} warm-up; limiter and emulator rate limit off)`,
        ['client', 'n', 'mean ms', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms'],
        [
          [`core connection.app().request() (undici ${CORE_UNDICI_VERSION})`, c.n, ms(c.mean), ms(c.p50), ms(c.p90), ms(c.p99), ms(c.max)],
          [`raw undici ${CORE_UNDICI_VERSION} request() + JSON.parse`, r.n, ms(r.mean), ms(r.p50), ms(r.p90), ms(r.p99), ms(r.max)],
          ['ratio core ÷ raw', '', ratio(c.mean / r.mean), ratio(p50), ratio(c.p90 / r.p90), ratio(p99), ''],
          ...(differentCopies
            ? [[`(info) raw undici ${ROOT_UNDICI_VERSION} (root node_modules copy)`, rr.n, ms(rr.mean), ms(rr.p50), ms(rr.p90), ms(rr.p99), ms(rr.max)]]
            : []),
        ],
      ),
    );
    console.log(
      table(
        `Diagnostic — parsing this response body (${sample.length} bytes), ${parseRuns} runs`,
        ['parser', 'µs per parse'],
        [
          ['JSON.parse', nativeUs.toFixed(1)],
          ['core parseJson (lossless-json when a 16+ digit run is present)', coreUs.toFixed(1)],
        ],
      ),
    );
    const notes: string[] = [];
    if (differentCopies) {
      notes.push(
        `two undici copies are installed: packages/core resolves its own undici ${CORE_UNDICI_VERSION} (core/package.json asks ^7.30.2) while the root node_modules has ${ROOT_UNDICI_VERSION}; the raw side uses core's copy so the ratio compares like with like (the root copy's p50 is shown for information: ${ms(rr.p50)} ms).`,
      );
    }
    if (/\d{16,}/.test(sample) && coreUs > nativeUs * 2) {
      notes.push(
        `core parseJson takes the lossless-json path for every CRM body: its test /[-+]?\\d{16,}/ also matches 19-digit ids that are quoted strings ("id":"${id}"), so ~${(coreUs - nativeUs).toFixed(0)} µs per record GET goes to a slow parser that was only needed for bare numbers.`,
      );
    }
    return {
      name: 'pipeline',
      figures: [
        { metric: 'core GET p50 ÷ raw undici p50', value: `${ratio(p50)} (${ms(c.p50)} vs ${ms(r.p50)} ms)`, target: `≤ ${TARGET}×`, pass: p50 <= TARGET },
        { metric: 'core GET p99 ÷ raw undici p99', value: `${ratio(p99)} (${ms(c.p99)} vs ${ms(r.p99)} ms)`, target: `≤ ${TARGET}×`, pass: p99 <= TARGET },
      ],
      notes,
    };
  } finally {
    await connection.close();
    await agent.close();
    await rootAgent.close();
    await emu.close();
  }
}
