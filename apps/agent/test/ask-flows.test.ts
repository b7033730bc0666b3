import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cleanEnv, runAgentProcess } from './helpers.js';

// Each workflow job also runs without a model, as a cron line would: `npm run agent -- --role CFO --ask '<tool> {…}'`,
// the confirmation answered on stdin.
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flows-ask-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

const env = () => cleanEnv({ ZOHO_AUDIT_LOG: join(dir, 'audit.jsonl') });

it('the CFO invoices a won deal from the command line, confirming on stdin; without a yes nothing is sent', async () => {
  const ask = ['--role', 'CFO', '--ask', 'flow_invoice_won_deal {"deal_id":"4150868000000100034"}'];
  const yes = await runAgentProcess(ask, env(), ['y'], { cwd: dir });
  expect(yes.code, yes.stderr).toBe(0);
  // The confirmation (the whole job) and the question go to stderr; stdout is the answer alone, as JSON.
  expect(yes.stderr).toContain('Confirm Invoice the won deal Silverline Media — SEO Retainer');
  expect(yes.stderr).toContain('Send this to Zoho? [y/N]');
  expect(JSON.parse(yes.stdout)).toMatchObject({ status: 'done', applied: { columns: expect.arrayContaining(['invoice_number']) } });

  const no = await runAgentProcess(ask, env(), [], { cwd: dir });
  expect(no.code).toBe(3);
  expect(no.stderr).toContain('Nothing was sent to Zoho');
}, 120_000);

it('a read job prints its JSON for a script: the COO status report', async () => {
  const r = await runAgentProcess(['--role', 'COO', '--ask', 'flow_project_status_report {"project_id":"2438400000000000025"}'], env(), [], { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
  expect(JSON.parse(r.stdout).projects.columns).toContain('overdue_tasks');
}, 120_000);
