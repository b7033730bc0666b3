import { join } from 'node:path';
import { MultiServerMCPClient } from '@langchain/mcp-adapters';
import { findRole, loadInstalledPlugins, scopesAllowed, type ZohoTool } from '@zoho-agent-kit/core';
import { startRedisServer, type Emulator, type RedisServer } from '@zoho-agent-kit/core/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMcpCli } from '../src/args.js';
import { allowedTools, buildPolicy } from '../src/policy.js';
import { accept, accountEnv, cleanEnv, readAudit, REPO_ROOT, runToExit, scratch, SERVER_COMMAND, startTestEmulator, stdioClient, textOf, type TestClient } from './helpers.js';

const files = join(scratch, 'files');
const clients: TestClient[] = [];
afterAll(async () => {
  await Promise.allSettled(clients.map((c) => c.close()));
});

async function connect(...args: Parameters<typeof stdioClient>): Promise<TestClient> {
  const c = await stdioClient(...args);
  clients.push(c);
  return c;
}

const names = (tools: readonly { name: string }[]) => tools.map((t) => t.name);

describe('start-up: configuration is checked before serving, and errors go to stderr', () => {
  it('without ZOHO_* and without --emulator: exit 1 naming the variable, nothing on stdout', async () => {
    const r = await runToExit(['--role', 'CFO'], cleanEnv());
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/Zoho configuration: ZOHO_CLIENT_ID: is not set/);
    expect(r.stderr).toContain('--emulator');
  });

  it('malformed values name their variable and never echo the secret', async () => {
    const badId = await runToExit(['--role', 'CFO'], cleanEnv({ ZOHO_CLIENT_ID: 'not-a-client-id', ZOHO_CLIENT_SECRET: 'very-secret-value-1', ZOHO_REFRESH_TOKEN: 'refresh-token-value-1' }));
    expect(badId.code).toBe(1);
    expect(badId.stderr).toContain('ZOHO_CLIENT_ID');
    expect(badId.stderr + badId.stdout).not.toContain('very-secret-value-1');
    const badRedis = await runToExit(['--role', 'CFO'], cleanEnv({ ZOHO_CLIENT_ID: '1000.ABC', ZOHO_CLIENT_SECRET: 'abcdef', ZOHO_REFRESH_TOKEN: '1000.x.y', ZOHO_REDIS_URL: 'http://nope' }));
    expect(badRedis.code).toBe(1);
    expect(badRedis.stderr).toMatch(/ZOHO_REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(badRedis.stdout).toBe('');
  });

  it('usage mistakes exit 2 with what to change', async () => {
    for (const [args, message] of [
      [[], /choose the tools: --role NAME \(CEO, CMO, CTO, CFO, COO, AV\) or --apps/],
      [['--role', 'CIO'], /unknown role "CIO"; valid roles: CEO, CMO, CTO, CFO, COO, AV/],
    ] as [string[], RegExp][]) {
      const r = await runToExit(args, cleanEnv());
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toContain('Run with --help for usage.');
      expect(r.stdout).toBe('');
    }
    const cases: [string[], RegExp][] = [
      [['--apps', 'crm,erp'], /--apps: unknown app "erp"; valid apps: crm, books/],
      [['--apps', 'crm', '--access', 'admin'], /--access: unknown level "admin"; valid levels: read, write, destructive/],
      [['--role', 'CFO', '--apps', 'crm'], /give either --role or --apps, not both/],
      [['--role', 'CFO', '--access', 'write'], /--access goes with --apps/],
      [['--role', 'CFO', '--http', 'localhost:99999'], /--http needs \[HOST:\]PORT with a port from 0 to 65535/],
      [['--role', 'CFO', '--http', '::1:80'], /write an IPv6 address in brackets/],
      [['--role', 'CFO', '--writes', 'auto'], /--writes must be elicit or client/],
      [['--role', 'CFO', '--allow-origin', 'evil'], /--allow-origin needs an origin/],
      [['--role', 'CFO', '--progress-interval', 'soon'], /--progress-interval must be a whole number/],
      [['--role', 'CFO', '--rol', 'x'], /unknown option '--rol'; valid options: --role/],
      [['--role', 'CFO', 'extra'], /unexpected argument "extra"/],
    ];
    for (const [args, message] of cases) expect(() => parseMcpCli(args), args.join(' ')).toThrow(message);
    expect(parseMcpCli(['--role', 'assistant']).role?.name).toBe('AV');
    expect(parseMcpCli([], { ZOHO_MCP_ROLE: 'cfo' }).role?.name).toBe('CFO');
    expect(parseMcpCli(['--apps', 'all']).apps).toEqual({ apps: ['crm', 'books', 'projects', 'cliq', 'calendar', 'mail', 'workdrive'], access: ['read'] });
    expect(parseMcpCli(['--role', 'CFO', '--http', '8931']).http).toEqual({ host: '127.0.0.1', port: 8931, loopback: true });
    expect(parseMcpCli(['--role', 'CFO', '--http', '[::1]:8931']).http).toEqual({ host: '::1', port: 8931, loopback: true });
    expect(parseMcpCli(['--role', 'CFO', '--http', '0.0.0.0:8931']).http).toEqual({ host: '0.0.0.0', port: 8931, loopback: false });
    expect(parseMcpCli(['--role', 'CFO', '--http', 'localhost:1']).http?.loopback).toBe(true);
  });

  it('--help prints to stderr; --print-scopes prints the served tools\' minimal scopes to stdout', async () => {
    const help = await runToExit(['--help'], cleanEnv());
    expect(help.code).toBe(0);
    expect(help.stderr).toContain('--writes MODE');
    expect(help.stdout).toBe('');
    const scopes = await runToExit(['--role', 'CFO', '--read-only', '--print-scopes'], cleanEnv());
    expect(scopes.code).toBe(0);
    const plugins = await loadInstalledPlugins();
    // Optional parts of a tool across apps count only where the policy allows them (no Mail scope for the CFO).
    expect(scopes.stdout.trim()).toBe(scopesAllowed(plugins.map((p) => p.plugin), buildPolicy({ role: findRole('CFO')!, readOnly: true }, plugins)).join(','));
    expect(scopes.stdout).not.toContain('ZohoMail.');
    expect(scopes.stdout).not.toMatch(/ALL|CREATE/);
  });
});

describe('which tools a session gets', () => {
  let emu: Emulator;
  let tools: ZohoTool[];
  beforeAll(async () => {
    emu = await startTestEmulator();
    tools = (await loadInstalledPlugins()).flatMap((p) => p.plugin.tools);
  });
  afterAll(async () => {
    await emu?.close();
  });

  it('--writes client: a client without elicitation gets the write tools, and its call is sent once', async () => {
    const audit = join(scratch, 'writes-client.jsonl');
    const c = await connect(['--role', 'CFO', '--writes', 'client', '--audit', audit, '--files', files], accountEnv(emu));
    const listed = names((await c.client.listTools()).tools);
    expect(listed).toEqual(names(allowedTools(findRole('CFO')!.policy, await loadInstalledPlugins())));
    expect(listed).toContain('books_create_invoice');
    expect(c.client.getInstructions()).toContain("otherwise by the client's own approval of each call");
    const before = emu.counters.requests({ app: 'books', route: 'POST /books/v3/invoices' });
    const result = await c.client.callTool({ name: 'books_create_invoice', arguments: { customer_name: 'Zylker Corp', reference_number: 'MCP-CLIENT-OK', line_items: [{ name: 'Audit', quantity: 1, rate: 80 }] } });
    expect(result.isError).toBeFalsy();
    expect(emu.counters.requests({ app: 'books', route: 'POST /books/v3/invoices' })).toBe(before + 1);
    expect(readAudit(audit).map((l) => `${l.tool}:${l.outcome}`)).toEqual(['books_create_invoice:ok']);
  });

  it('--read-only lists read tools only, even to a client with elicitation, and the toolkit refuses writes', async () => {
    const c = await connect(['--role', 'AV', '--read-only', '--files', files], accountEnv(emu), { elicit: accept });
    const listed = names((await c.client.listTools()).tools);
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((n) => tools.find((t) => t.name === n)!.access === 'read')).toBe(true);
    expect(listed).not.toContain('crm_create_record'); // AV's allowTools are writes: gone too
    expect(c.client.getInstructions()).toContain('Read-only');
    const result = await c.client.callTool({ name: 'crm_create_record', arguments: { module: 'Contacts', records: [{ Last_Name: 'Nobody' }] } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/crm_create_record is not allowed for the AV \(read-only\) role; nothing was sent/);
    expect(c.elicitations).toHaveLength(0);
  });

  it('--apps crm --access read,write serves exactly those levels of those apps', async () => {
    const c = await connect(['--apps', 'crm', '--access', 'read,write', '--files', files], accountEnv(emu), { elicit: accept });
    const listed = names((await c.client.listTools()).tools);
    // CRM's own tools, and the tools across apps that need only CRM at those levels (their optional parts aside).
    const crmLevels = (t: ZohoTool) => t.uses.every((u) => u.optional || (u.app === 'crm' && u.access !== 'destructive'));
    expect(listed).toEqual(names(tools.filter((t) => (t.app === 'crm' && t.access !== 'destructive') || (t.app === 'flow' && crmLevels(t)))));
    expect(listed).toContain('crm_update_record');
    expect(listed).not.toContain('crm_delete_record');
    expect(c.client.getInstructions()).toContain('Zoho One tools for crm (read, write)');
  });

  it('--emulator serves the built-in emulator and says so in the instructions', async () => {
    const c = await connect(['--role', 'CEO', '--emulator', '--files', files], cleanEnv(), { elicit: accept });
    expect(c.client.getInstructions()).toMatch(/These tools run on the built-in Zoho emulator/);
    expect(c.stderr()).toMatch(/built-in Zoho emulator at http:\/\/127\.0\.0\.1:\d+/);
    const deals = await c.client.callTool({ name: 'crm_search', arguments: { module: 'Leads', word: 'Zylker', per_page: 5 } });
    expect(deals.isError).toBeFalsy();
    expect(textOf(deals)).toContain('Zylker');
    // CEO reads CRM only: no CRM write for this role.
    expect(names((await c.client.listTools()).tools)).not.toContain('crm_update_record');
  });
});

describe('ZOHO_REDIS_URL: several server processes share one access token', () => {
  let emu: Emulator;
  let redis: RedisServer;
  beforeAll(async () => {
    emu = await startTestEmulator();
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await emu?.close();
    await redis?.stop();
  });

  it('two processes on one Redis refresh the token once between them', async () => {
    const env = accountEnv(emu, { ZOHO_REDIS_URL: redis.url, ZOHO_TOKEN_KEY: 'a'.repeat(64) });
    const first = await connect(['--role', 'CFO', '--files', files], env);
    const second = await connect(['--role', 'CFO', '--files', files], env);
    expect(first.stderr()).toContain('access tokens shared in Redis with other processes');
    for (const c of [first, second]) {
      const r = await c.client.callTool({ name: 'books_get_balance', arguments: {} });
      expect(r.isError, textOf(r)).toBeFalsy();
    }
    expect(emu.accounts.tokenRequests('refresh_token')).toBe(1);
    expect(emu.counters.requests({ app: 'books' })).toBeGreaterThanOrEqual(2);
  });
});

describe('a LangChain agent through @langchain/mcp-adapters', () => {
  it('loads the read tools (the adapter declares no elicitation) and calls one', async () => {
    const mcp = new MultiServerMCPClient({
      mcpServers: {
        zoho: { transport: 'stdio', command: SERVER_COMMAND[0], args: [...SERVER_COMMAND.slice(1), '--role', 'CFO', '--emulator', '--files', files], cwd: REPO_ROOT, env: cleanEnv(), stderr: 'ignore' },
      },
    });
    try {
      const tools = await mcp.getTools();
      const expected = allowedTools(findRole('CFO')!.policy, await loadInstalledPlugins()).filter((t) => t.access === 'read');
      expect(tools.map((t) => t.name)).toEqual(expected.map((t) => t.name));
      const customers = tools.find((t) => t.name === 'books_list_customers')!;
      const answer = await customers.invoke({ per_page: 2 });
      expect(JSON.stringify(answer)).toContain('Acme Widgets');
    } finally {
      await mcp.close();
    }
  });
});
