/**
 * Fault soak (issue 8): 1,000 tool calls — reads and confirmed writes across CRM and Books — through the
 * toolkit with default retry settings, against an emulator that injects 20 % faults of every kind it has
 * (5xx, throttling with Retry-After, resets, slow answers past the client's header timeout, invalid tokens,
 * and a throttled token endpoint). Every write carries a unique marker, so the emulator's state tells what
 * really happened, to compare with what the model was told.
 */
import { createZohoConnection, createZohoToolkit, type ToolCallResult, type ZohoConnection } from '@zoho-agent-kit/core';
import { emulatorConnectionOptions, seededRandom, startEmulator } from '@zoho-agent-kit/core/emulator';
import { booksPlugin } from '@zoho-agent-kit/books';
import { booksEmulator, invoiceBalanceCents, type BooksState } from '@zoho-agent-kit/books/emulator';
import { crmPlugin } from '@zoho-agent-kit/crm';
import { crmEmulator, type CrmState } from '@zoho-agent-kit/crm/emulator';
import type { BenchOptions, BenchResult, Figure } from './lib/result.js';
import { table } from './lib/stats.js';

type Kind = 'read' | 'write';
interface Outcome {
  kind: Kind;
  tool: string;
  marker?: string;
  result: ToolCallResult;
  /** How many times the write's marker is in the emulator's state right after the call. */
  landed?: number;
}

/** Slow answers take this long; the client gives up on headers after HEADERS_TIMEOUT_MS. */
const SLOW_MS = 1_600;
const HEADERS_TIMEOUT_MS = 1_000;

export async function soakBench(opts: BenchOptions): Promise<BenchResult> {
  const calls = opts.quick ? 300 : 1_000;
  const emu = await startEmulator({
    apps: [crmEmulator, booksEmulator],
    limits: false,
    accounts: { accessTokenTtlSec: 20, refreshLimit: false },
  });
  // About 20 % of app requests fail (1 − 0.95·0.95·0.96·0.96·0.96 ≈ 0.2), each kind from its own seeded draw.
  const rules = [
    { kind: 'status' as const, status: 500, probability: 0.03, seed: 11 },
    // The request is carried out, then the answer fails: a write that landed, which must be reconciled.
    { kind: 'status' as const, status: 502, afterHandling: true, probability: 0.02, seed: 17 },
    { kind: 'throttle' as const, retryAfterSec: 1, probability: 0.05, seed: 12 },
    { kind: 'reset' as const, probability: 0.02, seed: 13 },
    { kind: 'reset' as const, afterHandling: true, probability: 0.02, seed: 18 },
    { kind: 'slow' as const, delayMs: SLOW_MS, probability: 0.04, seed: 14 },
    { kind: 'invalid-token' as const, probability: 0.04, seed: 15 },
  ];
  for (const rule of rules) emu.faults.add(rule);
  emu.faults.add({ app: 'accounts', route: 'POST /oauth/v2/token', kind: 'refresh-throttle', probability: 0.2, seed: 16 });

  let connection: ZohoConnection | undefined;
  try {
    connection = createZohoConnection(emulatorConnectionOptions(emu, { limits: { crm: false, books: false }, http: { headersTimeoutMs: HEADERS_TIMEOUT_MS } }));
    const kit = createZohoToolkit({ connection, plugins: [crmPlugin, booksPlugin], confirm: () => true, reconcileSettleMs: [1_000, 2_000] });
    const random = seededRandom(2026);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const crm = () => emu.state<CrmState>('crm');
    const org = () => emu.state<BooksState>('books').organizations[0]!;

    const leadIds = crm().modules.get('Leads')!.records.map((r) => r.id).slice(0, 40);
    const dealIds = crm().modules.get('Deals')!.records.map((r) => r.id);
    const customers = org().contacts.filter((c) => c.contact_type === 'customer' && c.status === 'active').map((c) => c.contact_id);
    const invoiceIds = () => org().invoices.filter((i) => i.status === 'sent' && invoiceBalanceCents(i) > 100).map((i) => i.invoice_id);

    const reads: (() => [string, Record<string, unknown>])[] = [
      () => ['crm_search', { module: 'Leads', word: pick(['Zylker', 'Acme', 'Helios', 'Bluebird']) }],
      () => ['crm_list_records', { module: pick(['Leads', 'Deals', 'Contacts']), per_page: 10 }],
      () => ['crm_get_record', { module: 'Deals', id: pick(dealIds) }],
      () => ['crm_coql_query', { query: 'select Deal_Name, Amount from Deals where Amount > 10000 limit 10' }],
      () => ['books_list_invoices', { status: pick(['unpaid', 'overdue', 'paid']) }],
      () => ['books_list_customers', {}],
      () => ['books_get_invoice', { invoice_id: pick(org().invoices.map((i) => i.invoice_id)) }],
    ];
    let n = 0;
    const writes: (() => [string, Record<string, unknown>, string] | undefined)[] = [
      () => {
        const m = `Soak-${++n}`;
        return ['crm_create_record', { module: 'Leads', records: [{ Last_Name: m, Company: 'Soak Test Ltd' }] }, m];
      },
      () => {
        const m = `soak-update-${++n}`;
        return ['crm_update_record', { module: 'Leads', id: pick(leadIds), fields: { Description: m } }, m];
      },
      () => {
        const m = `SOAK-INV-${++n}`;
        return ['books_create_invoice', { customer_id: pick(customers), reference_number: m, line_items: [{ name: 'Soak line', quantity: 1, rate: 10 }] }, m];
      },
      () => {
        const open = invoiceIds();
        if (open.length === 0) return undefined;
        const m = `SOAK-PAY-${++n}`;
        return ['books_record_payment', { invoice_id: pick(open), amount: '0.01', reference_number: m }, m];
      },
    ];

    // What really happened, from the emulator's state, read right after the call (a later update to the same
    // lead replaces an earlier marker).
    const landed = (tool: string, m: string): number => {
      if (tool === 'crm_create_record') return crm().modules.get('Leads')!.records.filter((r) => r.Last_Name === m).length;
      if (tool === 'crm_update_record') return crm().modules.get('Leads')!.records.filter((r) => r.Description === m).length;
      if (tool === 'books_create_invoice') return org().invoices.filter((inv) => inv.reference_number === m).length;
      return org().payments.filter((p) => p.reference_number === m).length;
    };
    const outcomes: Outcome[] = [];
    const started = Date.now();
    for (let i = 0; i < calls; i++) {
      if (random() < 0.3) {
        const w = pick(writes)();
        if (w) {
          const result = await kit.call(w[0], w[1]);
          // A slow answer is still being applied when the client gives up; let it finish before looking.
          if (result.outcome !== 'ok') await new Promise((r) => setTimeout(r, SLOW_MS));
          outcomes.push({ kind: 'write', tool: w[0], marker: w[2], result, landed: landed(w[0], w[2]) });
          continue;
        }
      }
      const [tool, input] = pick(reads)();
      outcomes.push({ kind: 'read', tool, result: await kit.call(tool, input) });
    }
    const wall = (Date.now() - started) / 1000;
    emu.faults.clear();

    const readsOut = outcomes.filter((o) => o.kind === 'read');
    const writesOut = outcomes.filter((o) => o.kind === 'write');
    const readsFailed = readsOut.filter((o) => o.result.outcome !== 'ok');
    let appliedTwice = 0;
    let reportedFailedButApplied = 0;
    let reportedOkButMissing = 0;
    let unknownApplied = 0;
    let unknownMissing = 0;
    const reconciled = { applied: 0, not_applied: 0, unknown: 0 };
    const failedWrites: string[] = [];
    for (const o of writesOut) {
      const count = o.landed ?? 0;
      // An update sets the same marker once; two creates with one marker would be a duplicate.
      if (count > 1) appliedTwice++;
      if (o.result.reconciled) reconciled[o.result.reconciled]++;
      const ok = o.result.outcome === 'ok';
      if (o.result.reconciled === 'unknown') {
        if (count > 0) unknownApplied++;
        else unknownMissing++;
      } else if (!ok && count > 0) reportedFailedButApplied++;
      else if (ok && count === 0) reportedOkButMissing++;
      if (!ok && o.result.reconciled !== 'unknown') failedWrites.push(`${o.tool} (${o.result.reconciled ?? 'no reconcile'}): ${o.result.text.slice(0, 140)}`);
    }
    const writesFailed = writesOut.filter((o) => o.result.outcome !== 'ok');
    const appRequests = emu.counters.list().filter((c) => c.app !== 'accounts').reduce((a, c) => a + c.requests, 0);

    console.log(
      table(
        `Fault soak — ${calls} tool calls at ~20 % injected faults (CRM + Books, default retry settings)`,
        ['metric', 'value'],
        [
          ['reads (failed to the caller)', `${readsOut.length} (${readsFailed.length})`],
          ['writes confirmed and sent (reported failed)', `${writesOut.length} (${writesFailed.length})`],
          ['writes applied twice', appliedTwice],
          ['writes reported failed that were applied', reportedFailedButApplied],
          ['writes reported ok that did not land', reportedOkButMissing],
          ['reconciled: applied / not applied / unknown', `${reconciled.applied} / ${reconciled.not_applied} / ${reconciled.unknown}`],
          ['unknown outcomes that had landed / had not', `${unknownApplied} / ${unknownMissing}`],
          ['app requests sent (all attempts)', appRequests],
          ['wall time', `${wall.toFixed(1)} s`],
        ],
      ),
    );
    const figures: Figure[] = [
      { metric: 'reads failed to the caller', value: `${readsFailed.length} of ${readsOut.length}`, target: '0', pass: readsFailed.length === 0 },
      { metric: 'writes failed to the caller', value: `${writesFailed.length} of ${writesOut.length}`, target: '—' },
      { metric: 'writes applied twice', value: String(appliedTwice), target: '0', pass: appliedTwice === 0 },
      { metric: 'writes reported failed that were applied', value: String(reportedFailedButApplied), target: '0', pass: reportedFailedButApplied === 0 },
      { metric: 'writes reported ok that did not land', value: String(reportedOkButMissing), target: '0', pass: reportedOkButMissing === 0 },
      { metric: 'writes reconciled applied / not applied / unknown', value: `${reconciled.applied} / ${reconciled.not_applied} / ${reconciled.unknown}`, target: '—' },
      { metric: 'wall time', value: `${wall.toFixed(1)} s`, target: '—' },
    ];
    const notes = [
      `faults: 5xx 5 % (2 % of them after the request was carried out), throttle 5 % (Retry-After 1 s), reset 4 % (2 % after carrying it out), slow ${SLOW_MS} ms 4 % (client header timeout ${HEADERS_TIMEOUT_MS} ms), invalid token 4 %; token endpoint throttled 20 %; access tokens live 20 s`,
    ];
    if (readsFailed.length) notes.push(`failed reads: ${readsFailed.slice(0, 5).map((o) => `${o.tool}: ${o.result.text.slice(0, 120)}`).join(' | ')}`);
    if (failedWrites.length) notes.push(`failed writes: ${failedWrites.slice(0, 6).join(' | ')}`);
    return { name: 'soak', figures, notes };
  } finally {
    await connection?.close();
    await emu.close();
  }
}
