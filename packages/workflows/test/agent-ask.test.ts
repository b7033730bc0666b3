import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';

// Each job also runs without a model, as a cron line would: `npm run agent -- --role CFO --ask '<tool> {…}'`,
// the confirmation answered on stdin.
const MAIN = fileURLToPath(new URL('../../../apps/agent/src/main.ts', import.meta.url));
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flows-ask-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

function agent(args: string[], stdin: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: Record<string, string> = { NO_COLOR: '1', ZOHO_AUDIT_LOG: join(dir, 'audit.jsonl') };
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(ZOHO_|OPENAI_|ANTHROPIC_|OLLAMA_)/.test(k)) env[k] = v;
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), '--conditions=@zoho-agent-kit/source', MAIN, ...args], { cwd: dir, env, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin.end(stdin);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr })));
}

it('the CFO invoices a won deal from the command line, confirming on stdin; without a yes nothing is sent', async () => {
  const ask = ['--role', 'CFO', '--ask', 'flow_invoice_won_deal {"deal_id":"4150868000000100034"}'];
  const yes = await agent(ask, 'y\n');
  expect(yes.code, yes.stderr).toBe(0);
  // The confirmation (the whole job) and the question go to stderr; stdout is the answer alone, as JSON.
  expect(yes.stderr).toContain('Confirm Invoice the won deal Silverline Media — SEO Retainer');
  expect(yes.stderr).toContain('Send this to Zoho? [y/N]');
  expect(JSON.parse(yes.stdout)).toMatchObject({ status: 'done', applied: { columns: expect.arrayContaining(['invoice_number']) } });

  const no = await agent(ask, '');
  expect(no.code).toBe(3);
  expect(no.stderr).toContain('Nothing was sent to Zoho');
}, 120_000);

it('a read job prints its JSON for a script: the COO status report', async () => {
  const r = await agent(['--role', 'COO', '--ask', 'flow_project_status_report {"project_id":"2438400000000000025"}'], '');
  expect(r.code, r.stderr).toBe(0);
  expect(JSON.parse(r.stdout).projects.columns).toContain('overdue_tasks');
}, 120_000);
