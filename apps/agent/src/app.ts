/**
 * Start-up: flags → plugins → model → Zoho (account or emulator) → audit → REPL or one --ask.
 * Everything the process touches comes in through `AgentIO`, so tests can run it in-process too.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import type { Readable, Writable } from 'node:stream';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { createJsonlAuditWriter, FilesFolder, ZohoConfigError, type AuditHook, type ConfirmHook } from '@zoho-agent-kit/core';
import { EXIT, parseCli, USAGE, UsageError } from './cli.js';
import { LineReader } from './lines.js';
import { checkModel, createChatModel, describeModel, ModelSetupError, resolveModelSpec, type Env, type ModelSpec } from './model.js';
import { loadPlugins, type LoadedPlugin } from './plugins.js';
import { Renderer, type OutputStream } from './render.js';
import { Repl } from './repl.js';
import { roleScopes } from './toolkit.js';
import { connectZoho, type ZohoTarget } from './zoho.js';

export interface AgentIO {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable & OutputStream;
  stderr: Writable & OutputStream;
  env: Env;
  cwd: string;
  /** Injected for in-process runs: plugins instead of the installed ones, a model instead of --model/env, a confirm hook. */
  plugins?: LoadedPlugin[];
  model?: BaseChatModel;
  confirm?: ConfirmHook;
  /** Ctrl-C as a process signal (piped stdin); default process.on('SIGINT'). */
  onSignal?: (handler: () => void) => () => void;
}

const DEFAULT_AUDIT_LOG = '.zoho-agent-kit/audit.jsonl';
const CHAT_HINT = 'set OPENAI_API_KEY or ANTHROPIC_API_KEY, or pass --model provider:name (e.g. ollama:llama3.1, or openai:NAME with --base-url for an OpenAI-compatible server).';

/** Values from the environment that must never appear in output. */
function secretsOf(env: Env): string[] {
  return Object.entries(env)
    .filter(([k, v]) => v && /(SECRET|TOKEN|API_KEY|PASSWORD)/i.test(k))
    .map(([, v]) => v!);
}

function processSignal(handler: () => void): () => void {
  process.on('SIGINT', handler);
  return () => process.off('SIGINT', handler);
}

/**
 * The environment with `.env` of the working directory under it (Node's own parser; a variable already set
 * wins), so the names Zoho users keep in `.env` work without exporting them.
 */
export function withDotEnv(env: Env, cwd: string): Env {
  const file = resolve(cwd, '.env');
  if (!existsSync(file)) return env;
  const parsed = parseEnv(readFileSync(file, 'utf8'));
  const merged: Env = { ...env };
  for (const [k, v] of Object.entries(parsed)) if (merged[k] === undefined) merged[k] = v;
  return merged;
}

/** Runs the agent; resolves with the process exit code (0 ok, 1 failure, 2 usage, 3 declined). */
export async function runAgent(argv: readonly string[], givenIo: AgentIO): Promise<number> {
  const io: AgentIO = { ...givenIo, env: withDotEnv(givenIo.env, givenIo.cwd) };
  const err = new Renderer(io.stderr, io.stderr, io.env, secretsOf(io.env));
  let cli;
  try {
    cli = parseCli(argv, io.env);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err.error(`${e.message}\nRun with --help for usage.`);
    return 2;
  }
  if (cli.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }

  const plugins = io.plugins ?? (await loadPlugins());
  if (cli.printScopes) {
    const scopes = roleScopes(cli.role, plugins);
    if (scopes.length === 0) {
      err.error(`the ${cli.role.name} role has no tools: none of its apps (${Object.keys(cli.role.policy.apps).join(', ')}) has a plugin installed`);
      return 1;
    }
    io.stdout.write(`${scopes.join(',')}\n`);
    return 0;
  }

  let model = io.model;
  let modelDescription = CHAT_HINT;
  let modelSpec: ModelSpec | undefined;
  try {
    if (model) {
      modelDescription = `${model.getName?.() ?? 'injected model'}`;
    } else {
      const spec = resolveModelSpec(cli, io.env);
      if (spec) {
        try {
          // Fail at start, naming what to fix, rather than on the first question.
          await checkModel(spec, io.env);
          model = await createChatModel(spec, io.env);
          modelSpec = spec;
          modelDescription = `${describeModel(spec)} (from ${spec.source})`;
        } catch (e) {
          // An API key in the environment only suggests chat mode; without the provider package, stay direct.
          const implicit = spec.source.endsWith('_API_KEY') && e instanceof ModelSetupError && /Unable to import/.test(e.message);
          if (!implicit) throw e;
          err.line(`warning: ${spec.source} is set but ${e.message.match(/@langchain\/[\w-]+/)?.[0] ?? 'the provider package'} is not installed; starting in direct mode.`);
          modelDescription = `install ${e.message.match(/@langchain\/[\w-]+/)?.[0] ?? 'the provider package'} (or pass --model provider:name).`;
        }
      }
    }
  } catch (e) {
    if (e instanceof UsageError) {
      err.error(`${e.message}\nRun with --help for usage.`);
      return 2;
    }
    if (e instanceof ModelSetupError) {
      err.error(e.message);
      return 1;
    }
    throw e;
  }

  const files = new FilesFolder(resolve(io.cwd, cli.files));
  let zoho: ZohoTarget;
  try {
    zoho = await connectZoho(plugins, io.env, cli.emulator, files);
  } catch (e) {
    if (e instanceof ZohoConfigError) {
      err.error(`Zoho configuration: ${e.message}\n(Unset the ZOHO_* variables or pass --emulator to run on the built-in emulator.)`);
      return 1;
    }
    throw e;
  }

  const auditPath = cli.auditLog ?? (io.env.ZOHO_AUDIT_LOG?.trim() || DEFAULT_AUDIT_LOG);
  const writer = createJsonlAuditWriter(resolve(io.cwd, auditPath));
  let auditPending: Promise<void> = Promise.resolve();
  // The writer queues lines in order; remembering the last write lets us flush before exit.
  const audit: AuditHook = (event) => (auditPending = Promise.resolve(writer(event)));
  const interactive = io.stdin.isTTY === true && cli.ask === undefined;
  // With --ask, stdout carries only the answer; the banner and status lines go to stderr, and a piped
  // answer is the model's JSON (for jq) unless a person is reading the terminal.
  const out = new Renderer(io.stdout, io.stderr, io.env, secretsOf(io.env));
  out.json = cli.json || (cli.ask !== undefined && io.stdout.isTTY !== true);
  if (cli.ask !== undefined) out.status = io.stderr;
  // Under --ask the y/N question goes to stderr with the rest of the status, so stdout stays the answer.
  const lines = new LineReader(io.stdin, cli.ask !== undefined ? io.stderr : io.stdout, interactive);
  const repl = new Repl({
    role: cli.role,
    plugins,
    zoho,
    renderer: out,
    lines,
    model,
    modelDescription,
    modelSpec,
    audit,
    auditPath,
    files,
    confirm: io.confirm,
  });
  const stopSignals = (io.onSignal ?? processSignal)(() => repl.interrupt());
  try {
    if (cli.ask !== undefined) {
      for (const l of repl.banner()) err.line(l);
      return await repl.once(cli.ask);
    }
    for (const l of repl.banner()) out.line(l);
    await repl.loop();
    return EXIT.ok;
  } finally {
    stopSignals();
    out.stopSpinner();
    lines.close();
    await auditPending.catch(() => undefined);
    await zoho.close();
  }
}
