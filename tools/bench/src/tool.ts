/**
 * 5. Tool overhead: the LangChain tool `crm_get_record.invoke()` (zod validation → policy → CrmClient →
 * shape → JSON text) against the bare `CrmClient.getRecord()` for the same record. Interleaved, sequential.
 */
import { createZohoConnection, createZohoToolkit } from '@zoho-agent-kit/core';
import { emulatorConnectionOptions, startEmulator } from '@zoho-agent-kit/core/emulator';
import { crmPlugin, type CrmClient } from '@zoho-agent-kit/crm';
import { crmEmulator } from '@zoho-agent-kit/crm/emulator';
import { seededIds } from './lib/crm.js';
import type { BenchOptions, BenchResult } from './lib/result.js';
import { ms, nowMs, ratio, summarize, table } from './lib/stats.js';

export async function toolBench(opts: BenchOptions): Promise<BenchResult> {
  const iterations = opts.quick ? 300 : 1000;
  const warmup = opts.quick ? 50 : 150;
  const emu = await startEmulator({ apps: [crmEmulator], limits: { crm: false } });
  const connection = createZohoConnection(emulatorConnectionOptions(emu, { limits: { crm: false } }));
  try {
    const kit = createZohoToolkit({ connection, plugins: [crmPlugin] });
    const tool = kit.tools.find((t) => t.name === 'crm_get_record');
    if (!tool) throw new Error('crm_get_record is not among the toolkit tools');
    const client = kit.client<CrmClient>('crm');
    const id = seededIds(emu, 'Leads')[0]!;

    const viaTool = async () => {
      const text = (await tool.invoke({ module: 'Leads', id })) as string;
      if (!text.includes(id)) throw new Error(`tool answered ${text.slice(0, 200)}`);
    };
    const viaClient = async () => {
      const record = await client.getRecord('Leads', id);
      if (record?.id !== id) throw new Error('client returned no record');
    };
    for (let i = 0; i < warmup; i++) {
      await viaTool();
      await viaClient();
    }
    const toolMs: number[] = [];
    const clientMs: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const order = i % 2 === 0 ? ([viaTool, viaClient] as const) : ([viaClient, viaTool] as const);
      for (const fn of order) {
        const t = nowMs();
        await fn();
        (fn === viaTool ? toolMs : clientMs).push(nowMs() - t);
      }
    }
    const t = summarize(toolMs);
    const c = summarize(clientMs);
    console.log(
      table(
        `Tool overhead — crm_get_record Leads/<id> (${iterations} interleaved sequential iterations each, ${warmup} warm-up)`,
        ['call', 'n', 'mean ms', 'p50 ms', 'p90 ms', 'p99 ms'],
        [
          ['LangChain tool .invoke() (toolkit.tools)', t.n, ms(t.mean), ms(t.p50), ms(t.p90), ms(t.p99)],
          ['CrmClient.getRecord()', c.n, ms(c.mean), ms(c.p50), ms(c.p90), ms(c.p99)],
          ['ratio tool ÷ client', '', ratio(t.mean / c.mean), ratio(t.p50 / c.p50), ratio(t.p90 / c.p90), ratio(t.p99 / c.p99)],
          ['difference (ms)', '', ms(t.mean - c.mean), ms(t.p50 - c.p50), ms(t.p90 - c.p90), ms(t.p99 - c.p99)],
        ],
      ),
    );
    return {
      name: 'tool',
      figures: [
        { metric: 'crm_get_record .invoke() p50 ÷ CrmClient.getRecord p50', value: `${ratio(t.p50 / c.p50)} (${ms(t.p50)} vs ${ms(c.p50)} ms, +${ms(t.p50 - c.p50)} ms)`, target: '— (report)' },
      ],
      notes: [],
    };
  } finally {
    await connection.close();
    await emu.close();
  }
}
