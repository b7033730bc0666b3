/**
 * Start-up: flags → plugins → policy → Zoho (account or emulator) → audit → MCP over stdio or HTTP.
 * stdout belongs to the protocol: every message for a person goes to `io.stderr`.
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createJsonlAuditWriter, loadInstalledPlugins, PLUGIN_PACKAGES, redactSecrets, scopesAllowed, ZohoConfigError, type AuditHook, type Env, type LoadedPlugin } from '@zoho-agent-kit/core';
import { parseMcpCli, USAGE, UsageError, type McpCliOptions } from './args.js';
import { checkHttpToken, HttpSetupError, serveHttp } from './http.js';
import { allowedTools, buildPolicy, missingApps } from './policy.js';
import { ZohoMcp } from './server.js';
import { connectZoho, type ZohoTarget } from './target.js';

const VERSION = (createRequire(import.meta.url)('../package.json') as { version: string }).version;

export interface McpIO {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  env: Env;
  cwd: string;
  /** Injected plugins instead of the installed ones. */
  plugins?: LoadedPlugin[];
}

export interface RunningMcp {
  /** Resolves with the exit code once the server has stopped (stdin closed, or `stop()`). */
  done: Promise<number>;
  stop(): Promise<void>;
  /** The HTTP endpoint, with `--http`. */
  url?: string | undefined;
}

const EMULATOR_NOTE =
  'These tools run on the built-in Zoho emulator: a local stand-in for Zoho with a fictional demo agency\'s data (clients, deals, invoices). Nothing reaches a real Zoho account, and changes last until the server stops.';

function secretsOf(env: Env): string[] {
  return Object.entries(env)
    .filter(([k, v]) => v && v.length >= 6 && /(SECRET|TOKEN|API_KEY|PASSWORD)/i.test(k))
    .map(([, v]) => v!);
}

function preamble(cli: McpCliOptions, target: ZohoTarget, hasWrites: boolean): string[] {
  const who = cli.role
    ? `Zoho One tools for the ${cli.role.name} role (${cli.role.title}): ${cli.role.focus}.`
    : `Zoho One tools for ${cli.apps!.apps.join(', ')} (${cli.apps!.access.join(', ')}).`;
  const lines = [`${who}${cli.readOnly ? ' Read-only: no tool changes anything.' : ''}`];
  if (target.emulator) lines.push(EMULATOR_NOTE);
  if (hasWrites && !cli.readOnly) {
    lines.push(
      cli.writes === 'client'
        ? 'Writes are confirmed by a person: through the client\'s confirmation form when it supports one, otherwise by the client\'s own approval of each call.'
        : 'Writes are confirmed by a person through the client\'s confirmation form (elicitation) before anything is sent.',
    );
  }
  return [lines.join(' ')];
}

/** Starts the server; resolves once it is serving (or with an exit code when it could not start). */
export async function startMcp(argv: readonly string[], io: McpIO): Promise<RunningMcp | number> {
  const secrets = secretsOf(io.env);
  const say = (line: string) => io.stderr.write(`zoho-agent-kit-mcp: ${redactSecrets(line, secrets)}\n`);
  let cli: McpCliOptions;
  try {
    cli = parseMcpCli(argv, io.env);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    say(`${e.message}\nRun with --help for usage.`);
    return 2;
  }
  if (cli.help) {
    io.stderr.write(`${USAGE}\n`);
    return 0;
  }
  if (cli.version) {
    io.stderr.write(`${VERSION}\n`);
    return 0;
  }

  const plugins = io.plugins ?? (await loadInstalledPlugins());
  const policy = buildPolicy(cli, plugins);
  const missing = missingApps(policy, plugins);
  if (missing.length) say(`not installed, so not served: ${missing.map((a) => `${a} (npm i ${PLUGIN_PACKAGES[a]})`).join(', ')}`);
  const tools = allowedTools(policy, plugins);
  if (tools.length === 0) {
    say(`no tools to serve: ${policy.name ?? 'the policy'} allows none of the installed plugins' tools (installed: ${plugins.map((p) => p.plugin.app).join(', ') || 'none'})`);
    return 1;
  }

  if (cli.printScopes) {
    io.stdout.write(`${scopesAllowed(plugins.map((p) => p.plugin), policy).join(',')}\n`);
    return 0;
  }

  // The bind is checked before anything connects: a refusal must not leave an emulator or a connection behind.
  if (cli.http) {
    try {
      checkHttpToken(cli.http, io.env.ZOHO_MCP_TOKEN);
    } catch (e) {
      if (!(e instanceof HttpSetupError)) throw e;
      say(e.message);
      return 1;
    }
  }

  let target: ZohoTarget;
  try {
    target = await connectZoho(plugins, io.env, { emulator: cli.emulator, files: resolve(io.cwd, cli.files) });
  } catch (e) {
    if (e instanceof ZohoConfigError) {
      say(`Zoho configuration: ${e.message}\n(Set the ZOHO_* variables for your Zoho account, or pass --emulator to serve the built-in emulator.)`);
      return 1;
    }
    throw e;
  }

  let audit: AuditHook | undefined;
  let auditPending: Promise<void> = Promise.resolve();
  if (cli.audit) {
    const writer = createJsonlAuditWriter(resolve(io.cwd, cli.audit));
    audit = (event) => (auditPending = Promise.resolve(writer(event)));
  }
  const mcp = new ZohoMcp({
    connection: target.connection,
    plugins: plugins.map((p) => p.plugin),
    policy,
    pluginOptions: target.pluginOptions,
    writes: cli.writes,
    progressIntervalMs: cli.progressIntervalMs,
    confirmTimeoutMs: cli.confirmTimeoutMs,
    preamble: preamble(cli, target, tools.some((t) => t.access !== 'read')),
    onSession: (s) => {
      const hidden = mcp.toolkit.allowed.filter((t) => t.access !== 'read').length - s.writes;
      say(`client ${s.client} connected${cli.http ? ` (session ${s.session})` : ''}: ${s.elicitation ? 'confirms writes by elicitation' : 'no elicitation'}; ${s.tools} tools listed${hidden > 0 ? `, ${hidden} write tools hidden (start with --writes client to list them)` : ''}`);
    },
    ...(audit ? { audit } : {}),
  });

  let finish: (code: number) => void = () => {};
  const done = new Promise<number>((r) => (finish = r));
  let stopping: Promise<void> | undefined;
  let closeTransport: () => Promise<void> = async () => {};
  const stop = (): Promise<void> => {
    if (stopping) return stopping;
    let release: () => void = () => {};
    stopping = new Promise<void>((r) => (release = r));
    // Closing the transport calls back into stop() (its onclose): the promise above is already in place.
    void (async () => {
      await closeTransport().catch(() => undefined);
      await auditPending.catch(() => undefined);
      await target.close().catch(() => undefined);
      finish(0);
      release();
    })();
    return stopping;
  };

  const summary = `${mcp.toolkit.allowed.length} tools (${policy.name}; ${mcp.toolkit.allowed.filter((t) => t.access !== 'read').length} writes, confirmed ${cli.writes === 'client' ? 'by elicitation, or by the client without it' : 'by elicitation'}) on the ${target.description}`;
  if (cli.http) {
    let http;
    try {
      http = await serveHttp(mcp, { bind: cli.http, token: io.env.ZOHO_MCP_TOKEN, allowOrigins: cli.allowOrigins, log: say });
    } catch (e) {
      await target.close().catch(() => undefined);
      if (e instanceof HttpSetupError || (e as { code?: string }).code === 'EADDRINUSE' || (e as { code?: string }).code === 'EACCES') {
        say(e instanceof HttpSetupError ? e.message : `cannot listen on ${cli.http.host}:${cli.http.port}: ${(e as Error).message}`);
        return 1;
      }
      throw e;
    }
    closeTransport = () => http.close();
    say(`serving ${summary}`);
    say(`listening on ${http.url}${io.env.ZOHO_MCP_TOKEN?.trim() ? ' (every request must send ZOHO_MCP_TOKEN)' : ''}`);
    return { done, stop, url: http.url };
  }

  const server = mcp.createServer();
  const transport = new StdioServerTransport(io.stdin, io.stdout);
  closeTransport = () => server.close();
  transport.onclose = () => void stop();
  io.stdin.once('end', () => void stop());
  await server.connect(transport);
  say(`serving ${summary} over stdio`);
  return { done, stop };
}
