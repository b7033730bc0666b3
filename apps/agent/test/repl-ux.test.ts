/**
 * The REPL as a person meets it (issue 18), as a real process: tables for people, discovery, --ask for
 * pipes, chat mode failing fast and saying why, .env, and Ctrl-C dropping lines typed during a call.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '@zoho-agent-kit/core/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlugins } from '../src/plugins.js';
import { AgentProcess, cleanEnv, runAgentProcess } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'zoho-agent-ux-'));
const processes: AgentProcess[] = [];
let emu: Emulator;

beforeAll(async () => {
  const plugins = await loadPlugins();
  emu = await startEmulator({ apps: plugins.flatMap((p) => (p.emulator ? [p.emulator] : [])) });
});
afterAll(async () => {
  for (const p of processes) p.kill();
  await emu.close();
});

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** ZOHO_* pointing at the test's own emulator, so the test can slow it down. */
function accountEnv(extra: Record<string, string> = {}): Record<string, string> {
  return cleanEnv({
    ZOHO_CLIENT_ID: emu.credentials.clientId,
    ZOHO_CLIENT_SECRET: emu.credentials.clientSecret,
    ZOHO_REFRESH_TOKEN: emu.credentials.refreshToken,
    ZOHO_REGION: 'us',
    ZOHO_ACCOUNTS_URL: emu.url,
    ZOHO_CRM_BASE_URL: emu.baseUrls.crm,
    ZOHO_BOOKS_BASE_URL: emu.baseUrls.books,
    ZOHO_AUDIT_LOG: join(dir, 'audit.jsonl'),
    ...extra,
  });
}

describe('reading and discovering', () => {
  it('renders a list as a table and one record as a key–value block, and /json on prints the model text', async () => {
    const r = await runAgentProcess(['--role', 'CFO'], cleanEnv({ ZOHO_AUDIT_LOG: join(dir, 'a.jsonl') }), [
      'books_list_invoices status=overdue per_page=3',
      'crm_get_record {"module":"Deals","id":"4150868000000100019"}',
      'crm_list_records module=Deals per_page=6',
      '/json on',
      'books_list_invoices status=overdue per_page=1',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/┌─+┬/);
    expect(r.stdout).toMatch(/│ invoice id +│ invoice/);
    expect(r.stdout).toMatch(/next page +2/);
    // Money with separators, lookups as "name (id)", ids whole.
    expect(r.stdout).toMatch(/Amount +24,000/);
    expect(r.stdout).toMatch(/Account Name +Zylker Corp \(4150868000000100000\)/);
    // A lookup said once in the table's id legend is listed under the table, ids whole.
    expect(r.stdout).toMatch(/Owner ids: [^\n]*Maya Ortiz 4150868000000225013/);
    expect(r.stdout).toMatch(/\{"page":1,.*"invoices":\{"columns":\[/);
  });

  it('/tools lists full summaries by app and access; /tools NAME and NAME --help show parameters and an example', async () => {
    const r = await runAgentProcess(['--role', 'CFO'], cleanEnv({ ZOHO_AUDIT_LOG: join(dir, 'b.jsonl') }), ['/tools', '/tools books_list_invoices', 'crm_search --help', '/tools books_list_invoice', '/foo']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ {2}books\n {4}read\n {6}books_list_invoices +List Zoho Books invoices by status, customer, date or text\./);
    expect(r.stdout).toMatch(/ {4}write\n {6}books_create_invoice/);
    expect(r.stdout).toMatch(/books_list_invoices — books, read/);
    expect(r.stdout).toMatch(/│ status +│ "draft" \| "unpaid"/);
    expect(r.stdout).toMatch(/Example \(direct mode\):\n {2}books_list_invoices \{"status":"overdue"\}/);
    expect(r.stdout).toMatch(/crm_search — crm, read/);
    expect(r.stderr).toMatch(/no tool "books_list_invoice"; did you mean books_list_invoices\b/);
    expect(r.stderr).toMatch(/unknown command \/foo; commands: .*\/emulator/);
  });

  it('--ask prints only the answer: piped, it parses as JSON; a sentence in direct mode is a usage error with a hint', async () => {
    const r = await runAgentProcess(['--role', 'CFO', '--ask', 'books_list_invoices status=overdue per_page=2'], cleanEnv({ ZOHO_AUDIT_LOG: join(dir, 'c.jsonl') }));
    expect(r.code).toBe(0);
    const answer = JSON.parse(r.stdout) as { invoices: { columns: string[]; rows: unknown[][] } };
    expect(answer.invoices.columns).toContain('invoice_number');
    expect(r.stderr).toMatch(/✓ books_list_invoices .* · ok/);
    const sentence = await runAgentProcess(['--role', 'CFO', '--ask', 'what is overdue?'], cleanEnv({ ZOHO_AUDIT_LOG: join(dir, 'c.jsonl') }));
    expect(sentence.code).toBe(2);
    expect(sentence.stdout).toBe('');
    expect(sentence.stderr).toMatch(/reads as a question, but there is no chat model/);
    const invalid = await runAgentProcess(['--role', 'CFO', '--ask', 'books_list_invoices stauts=overdue'], cleanEnv({ ZOHO_AUDIT_LOG: join(dir, 'c.jsonl') }));
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/unknown field "stauts"; did you mean "status"\?/);
  });
});

describe('chat mode fails fast and says why', () => {
  it('refuses a provider without its key at start', async () => {
    const started = Date.now();
    const r = await runAgentProcess(['--model', 'openai:gpt-4o-mini', '--ask', 'hi'], cleanEnv());
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/openai:gpt-4o-mini .*needs OPENAI_API_KEY/);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('reports an unreachable base URL within 5 s, naming the host', async () => {
    // A port nothing listens on, and a server that accepts connections but never answers (the silent case).
    const closed = await freePort();
    const silent = createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const silentPort = (silent.address() as AddressInfo).port;
    try {
      for (const [args, host, why] of [
        [['--model', 'openai:local', '--base-url', `http://127.0.0.1:${closed}/v1`], `127.0.0.1:${closed}`, /ECONNREFUSED/],
        [['--model', 'ollama:llama3.1', '--base-url', `http://127.0.0.1:${closed}`], `127.0.0.1:${closed}`, /ECONNREFUSED/],
        [['--model', 'openai:local', '--base-url', `http://127.0.0.1:${silentPort}/v1`], `127.0.0.1:${silentPort}`, /no answer within 3 s/],
      ] as const) {
        const p = new AgentProcess([...args, '--ask', 'hi'], cleanEnv());
        processes.push(p);
        const started = Date.now();
        await p.waitForStderr(/cannot reach the model server/);
        // From start-up to the message: the process start (~1-2 s) plus the probe (≤ 3 s).
        expect(Date.now() - started, args.join(" ")).toBeLessThan(15_000);
        expect(await p.exited).toBe(1);
        expect(p.stderr).toContain(`cannot reach the model server at ${host} (`);
        expect(p.stderr).toMatch(why);
      }
    } finally {
      silent.close();
    }
  });

  it('the probe itself gives up within 5 s on a server that never answers', async () => {
    const { checkModel } = await import('../src/model.js');
    const silent = createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as AddressInfo).port;
    const started = Date.now();
    try {
      await expect(checkModel({ provider: 'openai', model: 'x', baseUrl: `http://127.0.0.1:${port}/v1`, source: '--model' }, {})).rejects.toThrow(new RegExp(`127\\.0\\.0\\.1:${port}`));
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      silent.close();
    }
  });
});

describe('configuration', () => {
  it('reads .env from the working directory (the environment wins over it)', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'zoho-agent-env-'));
    writeFileSync(join(cwd, '.env'), 'ZOHO_AGENT_ROLE=CMO\nZOHO_AGENT_FILES=shared-files\n');
    const r = await runAgentProcess([], cleanEnv(), ['/scopes'], { cwd });
    expect(r.stdout).toMatch(/Zoho Agent Kit — CMO/);
    expect(r.stdout).toContain(`Files: ${join(cwd, 'shared-files')}`);
    expect(r.stdout).toMatch(/npm run zoho-auth -- login --scopes \S*ZohoCRM\./);
    const overridden = await runAgentProcess([], cleanEnv({ ZOHO_AGENT_ROLE: 'CFO' }), ['/exit'], { cwd });
    expect(overridden.stdout).toMatch(/Zoho Agent Kit — CFO/);
  });
});

describe('Ctrl-C during a call', () => {
  it('cancels the call and drops the lines typed meanwhile (a queued /exit does not run)', async () => {
    emu.faults.add({ app: 'books', route: 'GET /books/v3/invoices', kind: 'slow', delayMs: 4_000, times: 1 });
    const agent = new AgentProcess(['--role', 'CFO'], accountEnv());
    processes.push(agent);
    await agent.waitFor(/Type \/help/);
    agent.send('books_list_invoices per_page=1');
    await new Promise((r) => setTimeout(r, 300));
    agent.send('/tools');
    agent.send('/exit');
    await new Promise((r) => setTimeout(r, 500));
    agent.interrupt();
    await agent.waitFor(/Dropped 2 lines typed while it ran/);
    await agent.waitFor(/Cancelled\./);
    agent.send('/help');
    await agent.waitFor(/Commands:/);
    expect(agent.stdout).not.toMatch(/Tools for CFO/);
    agent.send('/exit');
    expect(await agent.exited).toBe(0);
  });
});
