import { parseArgs } from 'node:util';
import { findRole, roleNames, type Role } from './roles.js';

/** A mistake on the command line: printed with the usage hint, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface CliOptions {
  role: Role;
  model?: string | undefined;
  baseUrl?: string | undefined;
  emulator: boolean;
  ask?: string | undefined;
  printScopes: boolean;
  auditLog?: string | undefined;
  /** Print tool results as the model reads them (compact JSON). */
  json: boolean;
  /** The one folder tools read and write local files in. */
  files: string;
  help: boolean;
}

/** Exit codes of `--ask` (and of the process). */
export const EXIT = { ok: 0, failed: 1, usage: 2, declined: 3 } as const;

export const USAGE = `Usage: npm run agent -- [--role CFO] [options]

A terminal agent over Zoho One with role-based tools. Runs on the built-in Zoho emulator
when no ZOHO_* configuration is set.

Options:
  --role NAME        CEO, CMO, CTO, CFO, COO or AV (the executive assistant); default CEO
                     (or ZOHO_AGENT_ROLE)
  --model P:NAME     chat model, e.g. openai:gpt-4.1-mini, anthropic:claude-sonnet-4-5,
                     ollama:llama3.1 (or ZOHO_AGENT_MODEL); without one: direct mode
  --base-url URL     an OpenAI-compatible endpoint (or OPENAI_BASE_URL); the Ollama server
                     for ollama:* models (or OLLAMA_BASE_URL)
  --emulator         use the built-in emulator even when ZOHO_* is configured
  --ask TEXT         answer one question (direct mode: run one tool call) and exit; only the
                     answer goes to stdout (JSON when piped), status to stderr; exit code
                     0 ok, 1 the call failed, 2 usage, 3 the write was declined
  --json             print tool results as the model reads them (compact JSON), not as tables
  --files DIR        the one folder tools read and write files in (attachments, uploads,
                     downloads, .ics); default ./zoho-files (or ZOHO_AGENT_FILES)
  --print-scopes     print the role's minimal OAuth scopes (comma-separated) and exit
  --audit-log PATH   where to append the JSONL audit log (or ZOHO_AUDIT_LOG;
                     default .zoho-agent-kit/audit.jsonl)
  -h, --help         show this help

Environment (also read from .env in the working directory):
  ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET, ZOHO_REFRESH_TOKEN, ZOHO_REGION   a real Zoho account
  ZOHO_BOOKS_ORGANIZATION_ID, ZOHO_PROJECTS_PORTAL_ID, …                app ids (else discovered)
  ZOHO_AGENT_ROLE, ZOHO_AGENT_MODEL, ZOHO_AGENT_FILES                   defaults for the flags
  OPENAI_API_KEY / ANTHROPIC_API_KEY                                    pick a default chat model

In the REPL: /help, /tools [NAME], /scopes, /role NAME, /json on|off, /emulator, /exit.`;

/** Parses argv (without node and the script); throws UsageError for unknown flags, missing values and unknown roles. */
export function parseCli(argv: readonly string[], env: Record<string, string | undefined> = process.env): CliOptions {
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        role: { type: 'string', short: 'r' },
        model: { type: 'string', short: 'm' },
        'base-url': { type: 'string' },
        emulator: { type: 'boolean' },
        ask: { type: 'string' },
        'print-scopes': { type: 'boolean' },
        'audit-log': { type: 'string' },
        json: { type: 'boolean' },
        files: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    throw new UsageError(cleanParseError((err as Error).message));
  }
  if (positionals.length > 0) {
    throw new UsageError(`unexpected argument "${positionals[0]}" (to ask one question, use --ask "${positionals.join(' ')}")`);
  }
  const roleName = (values.role as string | undefined) ?? env.ZOHO_AGENT_ROLE ?? 'CEO';
  const role = findRole(roleName);
  if (!role) throw new UsageError(`unknown role "${roleName}"; valid roles: ${roleNames().join(', ')}`);
  for (const flag of ['model', 'base-url', 'ask', 'audit-log', 'files'] as const) {
    if (typeof values[flag] === 'string' && !(values[flag] as string).trim()) throw new UsageError(`--${flag} needs a value`);
  }
  const baseUrl = values['base-url'] as string | undefined;
  if (baseUrl !== undefined && !/^https?:\/\/\S+$/.test(baseUrl)) {
    throw new UsageError(`--base-url must be an http(s) URL, e.g. http://localhost:1234/v1; got "${baseUrl}"`);
  }
  return {
    role,
    model: values.model as string | undefined,
    baseUrl,
    emulator: values.emulator === true,
    ask: values.ask as string | undefined,
    printScopes: values['print-scopes'] === true,
    auditLog: values['audit-log'] as string | undefined,
    json: values.json === true,
    files: (values.files as string | undefined) ?? (env.ZOHO_AGENT_FILES?.trim() || 'zoho-files'),
    help: values.help === true,
  };
}

function cleanParseError(message: string): string {
  // Node's messages end with advice about `--` that does not apply here.
  const text = message.replace(/\. To specify .*$/s, '');
  if (/^Unknown option/i.test(text)) {
    return `${text.replace(/^Unknown option/, 'unknown option')}; valid options: --role, --model, --base-url, --emulator, --ask, --json, --files, --print-scopes, --audit-log, --help`;
  }
  return text.replace(/^Option/, 'option');
}
