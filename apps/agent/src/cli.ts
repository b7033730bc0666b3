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
  help: boolean;
}

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
  --ask TEXT         answer one question (direct mode: run one call) and exit
  --print-scopes     print the role's minimal OAuth scopes (comma-separated) and exit
  --audit-log PATH   where to append the JSONL audit log (or ZOHO_AUDIT_LOG;
                     default .zoho-agent-kit/audit.jsonl)
  -h, --help         show this help

Environment:
  ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET, ZOHO_REFRESH_TOKEN, ZOHO_REGION   a real Zoho account
  ZOHO_BOOKS_ORGANIZATION_ID                                            the Books organization
  OPENAI_API_KEY / ANTHROPIC_API_KEY                                    pick a default chat model

In the REPL: /help, /tools, /scopes, /role NAME, /exit.`;

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
  for (const flag of ['model', 'base-url', 'ask', 'audit-log'] as const) {
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
    help: values.help === true,
  };
}

function cleanParseError(message: string): string {
  // Node's messages end with advice about `--` that does not apply here.
  const text = message.replace(/\. To specify .*$/s, '');
  if (/^Unknown option/i.test(text)) {
    return `${text.replace(/^Unknown option/, 'unknown option')}; valid options: --role, --model, --base-url, --emulator, --ask, --print-scopes, --audit-log, --help`;
  }
  return text.replace(/^Option/, 'option');
}
