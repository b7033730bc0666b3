import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createZohoToolkit, requiredScopes, type ZohoConnection } from '@zoho-agent-kit/core';
import { startEmulator } from '@zoho-agent-kit/core/emulator';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPlugins } from '../src/plugins.js';
import { findRole } from '../src/roles.js';
import { roleScopes, unavailableApps } from '../src/toolkit.js';
import { AgentProcess, cleanEnv, connectToEmulator, parseCounters, requestsTo, runAgentProcess } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'zoho-agent-test-'));
const processes: AgentProcess[] = [];
afterAll(() => {
  for (const p of processes) p.kill();
});

describe('the REPL as a process, on the emulator in direct mode', () => {
  it('reads, sends a confirmed write, and sends nothing for a declined one', async () => {
    const auditLog = join(dir, 'direct.jsonl');
    const agent = new AgentProcess(['--role', 'CFO'], cleanEnv({ ZOHO_AUDIT_LOG: auditLog }));
    processes.push(agent);
    const [, url] = await agent.waitFor(/emulator: (http:\/\/127\.0\.0\.1:\d+)/);
    await agent.waitFor(/Mode: direct/);
    await agent.waitFor(/For chat mode: set OPENAI_API_KEY/);

    // A read.
    agent.send('books_list_customers per_page=3');
    await agent.waitFor(/✓ books_list_customers per_page=3 · ok · \d+ ms/);
    // The person sees a list as a table (the model reads the compact JSON).
    await agent.waitFor(/contact id[\s\S]*contact name[\s\S]*4372460000000000021 │ Acme Widgets/);

    // A write, confirmed: the exact payload is shown first.
    agent.send('books_create_invoice {"customer_name":"Zylker Corp","reference_number":"AGENT-TEST-YES","line_items":[{"name":"Workshop","quantity":2,"rate":150}]}');
    await agent.waitFor(/Confirm .*Zylker Corp/);
    await agent.waitFor(/Payload to send:[\s\S]*"reference_number": "AGENT-TEST-YES"[\s\S]*Send this to Zoho\? \[y\/N\]/);
    agent.send('y');
    await agent.waitFor(/✓ books_create_invoice .* · ok · \d+ ms/);
    await agent.waitFor(/invoice number\s+INV-/);

    // The same write, declined.
    agent.send('books_create_invoice {"customer_name":"Zylker Corp","reference_number":"AGENT-TEST-NO","line_items":[{"name":"Workshop","quantity":1,"rate":99}]}');
    await agent.waitFor(/Send this to Zoho\? \[y\/N\]/);
    agent.send('n');
    await agent.waitFor(/Not sent\./);
    await agent.waitFor(/✗ books_create_invoice .* · not sent \(declined\)/);
    await agent.waitFor(/The user declined: .*Nothing was sent to Zoho\./);

    // Bad tool input: refused before anything is sent.
    agent.send('books_create_invoice {"customer_name":"Zylker Corp","line_items":[]}');
    await agent.waitFor(/✗ books_create_invoice .* · invalid input/);
    await agent.waitFor(/Invalid input for books_create_invoice: field "line_items".*Nothing was sent/);

    // A tool outside the role, and one that does not exist.
    agent.send('crm_delete_record module=Leads id=1');
    await agent.waitFor(/✗ crm_delete_record .* · not allowed/);
    await agent.waitFor(/crm_delete_record is not allowed for the CFO role; nothing was sent/);
    agent.send('books_delete_everything');
    await agent.waitFor(/✗ books_delete_everything · unknown tool/);

    // Exactly one invoice POST reached the emulator.
    agent.send('/emulator');
    await agent.waitFor(/emulator: http/);
    await new Promise((r) => setTimeout(r, 300));
    const counters = parseCounters(agent.stdout);
    expect(requestsTo(counters, 'books', /^POST \/books\/v3\/invoices$/)).toBe(1);
    expect(requestsTo(counters, 'crm', /^DELETE/)).toBe(0);

    // And through the API, with a grant of our own: the confirmed invoice exists, the declined one does not.
    let connection: ZohoConnection | undefined;
    try {
      const [books] = await loadPlugins(['books']);
      const booksPlugin = books!.plugin;
      connection = await connectToEmulator(url!, requiredScopes(booksPlugin.tools));
      const kit = createZohoToolkit({ connection, plugins: [booksPlugin] });
      const yes = await kit.call('books_list_invoices', { search_text: 'AGENT-TEST-YES' });
      const no = await kit.call('books_list_invoices', { search_text: 'AGENT-TEST-NO' });
      expect(yes.outcome).toBe('ok');
      expect(yes.text).toContain('Zylker Corp');
      expect(no.outcome).toBe('ok');
      expect(no.text).not.toContain('Zylker Corp');
    } finally {
      await connection?.close();
    }

    agent.send('/exit');
    expect(await agent.exited).toBe(0);

    const audit = readFileSync(auditLog, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { tool: string; outcome: string });
    expect(audit.map((e) => `${e.tool}:${e.outcome}`)).toEqual([
      'books_list_customers:ok',
      'books_create_invoice:ok',
      'books_create_invoice:refused',
      'books_create_invoice:invalid',
      'crm_delete_record:denied',
    ]);
    const raw = readFileSync(auditLog, 'utf8') + agent.stdout + agent.stderr;
    expect(raw).not.toMatch(/emulator-demo-client-secret|1000\.d{32}|Zoho-oauthtoken \w/);
  });

  it('explains a malformed line and keeps going', async () => {
    const r = await runAgentProcess(['--role', 'CFO'], cleanEnv({ ZOHO_AUDIT_LOG: join(dir, 'bad.jsonl') }), [
      'books_list_invoices status',
      'books_list_invoices {"status":',
      '/nope',
      '/role CTO',
      '/role XYZ',
      '/tools',
      '/scopes',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('"status" is not key=value');
    expect(r.stderr).toContain('the input is not valid JSON');
    expect(r.stderr).toContain('unknown command /nope');
    expect(r.stdout).toMatch(/Role: CTO \(Chief Technology Officer\)/);
    expect(r.stderr).toContain('unknown role "XYZ"; valid roles: CEO, CMO, CTO, CFO, COO, AV');
    // The CTO's apps without an installed plugin are named (none once every plugin is installed).
    const missing = unavailableApps(findRole('CTO')!, await loadPlugins());
    expect(r.stdout).toMatch(/Tools for CTO[\s\S]*crm_search/);
    if (missing.length) expect(r.stdout).toContain(`Not available yet (no plugin installed): ${missing.join(', ')}`);
    else expect(r.stdout).not.toContain('Not available yet');
    expect(r.stdout).toMatch(/zoho-auth -- login --scopes \S*ZohoCRM\./);
  });

  it('answers one --ask call in direct mode and exits', async () => {
    const r = await runAgentProcess(['--role', 'CFO', '--ask', 'books_list_invoices {"status":"overdue","per_page":2}'], cleanEnv({ ZOHO_AUDIT_LOG: join(dir, 'ask.jsonl') }));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('"invoices"');
    expect(r.stdout).not.toContain('Zoho Agent Kit'); // the banner goes to stderr
    expect(r.stderr).toContain('Zoho Agent Kit — CFO');

    const declined = await runAgentProcess(
      ['--role', 'CFO', '--ask', 'books_create_invoice {"customer_name":"Zylker Corp","line_items":[{"name":"X","quantity":1,"rate":1}]}'],
      cleanEnv({ ZOHO_AUDIT_LOG: join(dir, 'ask.jsonl') }),
    );
    expect(declined.code).toBe(3); // stdin ended without a "y": declined, nothing sent
    expect(declined.stderr).toContain('Nothing was sent to Zoho');
    expect(declined.stdout).not.toContain('Nothing was sent');
  });

  it('rejects unknown roles and flags with the valid values (exit 2)', async () => {
    const role = await runAgentProcess(['--role', 'CIO'], cleanEnv());
    expect(role.code).toBe(2);
    expect(role.stderr).toContain('unknown role "CIO"; valid roles: CEO, CMO, CTO, CFO, COO, AV');
    const flag = await runAgentProcess(['--rolle', 'CFO'], cleanEnv());
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/unknown option '--rolle'; valid options: --role/);
  });

  it('prints the role scopes for zoho-auth with --print-scopes, and --help', async () => {
    const r = await runAgentProcess(['--role', 'CFO', '--print-scopes'], cleanEnv());
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(roleScopes(findRole('CFO')!, await loadPlugins()).join(','));
    const help = await runAgentProcess(['--help'], cleanEnv());
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--print-scopes');
  });

  it('uses the configured Zoho account when ZOHO_* is set (here: an emulator we run, as a stand-in)', async () => {
    const plugins = await loadPlugins();
    const emu = await startEmulator({ apps: plugins.flatMap((p) => (p.emulator ? [p.emulator] : [])) });
    try {
      const c = emu.credentials;
      const env = cleanEnv({
        ZOHO_CLIENT_ID: c.clientId,
        ZOHO_CLIENT_SECRET: c.clientSecret,
        ZOHO_REFRESH_TOKEN: c.refreshToken,
        ZOHO_ACCOUNTS_URL: emu.url,
        ZOHO_CRM_BASE_URL: emu.baseUrls.crm,
        ZOHO_BOOKS_BASE_URL: emu.baseUrls.books,
        ZOHO_AUDIT_LOG: join(dir, 'account.jsonl'),
      });
      const r = await runAgentProcess(['--role', 'CEO', '--ask', 'books_list_invoices per_page=1'], env);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('Zoho: Zoho account (data center us');
      expect(r.stderr).not.toContain('emulator:');
      expect(r.stdout).toContain('"invoices"');
      expect(emu.counters.requests({ app: 'books', route: 'GET /books/v3/invoices' })).toBe(1);
      expect(emu.accounts.tokenRequests('refresh_token')).toBe(1);
      const printed = r.stdout + r.stderr + readFileSync(join(dir, 'account.jsonl'), 'utf8');
      expect(printed).not.toContain(c.clientSecret);
      expect(printed).not.toContain(c.refreshToken);
    } finally {
      await emu.close();
    }
  });

  it('fails at start-up on bad Zoho configuration, naming the variable', async () => {
    const r = await runAgentProcess(['--role', 'CFO'], cleanEnv({ ZOHO_CLIENT_ID: 'not-a-client-id', ZOHO_CLIENT_SECRET: 'abc', ZOHO_REFRESH_TOKEN: 'def' }));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('ZOHO_CLIENT_ID');
    expect(r.stderr).not.toContain('abc');
    const missing = await runAgentProcess(['--role', 'CFO'], cleanEnv({ ZOHO_CLIENT_ID: '1000.ABC' }));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('ZOHO_CLIENT_SECRET');
    // --emulator wins over the configuration.
    const forced = await runAgentProcess(['--role', 'CFO', '--emulator'], cleanEnv({ ZOHO_CLIENT_ID: '1000.ABC' }), ['/exit']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('emulator: http://127.0.0.1:');
  });
});
