/** Discovery in the REPL: tool summaries, one tool's parameters, tab completion, the scopes command. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ZohoTool, ZohoToolkit } from '@zoho-agent-kit/core';
import Table from 'cli-table3';

interface JsonSchemaProperty {
  type?: string | string[];
  description?: string;
  default?: unknown;
  enum?: unknown[];
  items?: JsonSchemaProperty;
  anyOf?: JsonSchemaProperty[];
  oneOf?: JsonSchemaProperty[];
  properties?: Record<string, JsonSchemaProperty>;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  const?: unknown;
}

/** A JSON Schema type as a person reads it: `string`, `1–200`, `"asc" | "desc"`, `object[]`. */
export function typeText(p: JsonSchemaProperty): string {
  if (p.enum) return p.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (p.const !== undefined) return JSON.stringify(p.const);
  const variants = p.anyOf ?? p.oneOf;
  if (variants) return [...new Set(variants.map(typeText))].join(' or ');
  const type = Array.isArray(p.type) ? p.type.join(' | ') : (p.type ?? 'any');
  if (type === 'array') return `${p.items ? typeText(p.items) : 'any'}[]`;
  if ((type === 'integer' || type === 'number') && (p.minimum !== undefined || p.maximum !== undefined)) return `${type} ${p.minimum ?? ''}–${p.maximum ?? ''}`;
  if (type === 'object' && p.properties) return `{${Object.keys(p.properties).join(', ')}}`;
  return type;
}

/** `/tools NAME`: what it does, access and scopes, each parameter with type, default, required, and an example. */
export function toolHelp(tool: ZohoTool, options: { allowed: boolean; role: string; width: number; bold?: (t: string) => string }): string {
  const bold = options.bold ?? ((t: string) => t);
  const schema = tool.jsonSchema as { properties?: Record<string, JsonSchemaProperty>; required?: string[] };
  const required = new Set(schema.required ?? []);
  const lines = [`${bold(tool.name)} — ${tool.app}, ${tool.access}${options.allowed ? '' : ` (not allowed for ${options.role})`}`, '', ...tool.description.split('\n').filter((l) => !l.startsWith('Example: ')), ''];
  lines.push(`Scopes: ${tool.scopes.join(', ')}`);
  const props = Object.entries(schema.properties ?? {});
  if (props.length) {
    const table = new Table({
      head: ['parameter', 'type', 'default', 'what'].map(bold),
      colWidths: [24, 22, 10, Math.max(20, options.width - 24 - 22 - 10 - 5)],
      wordWrap: true,
      wrapOnWordBoundary: true,
      style: { head: [], border: [] },
    });
    for (const [name, p] of props) table.push([`${name}${required.has(name) ? ' *' : ''}`, typeText(p), p.default === undefined ? '' : JSON.stringify(p.default), p.description ?? '']);
    lines.push('Parameters (* required):', table.toString());
  } else {
    lines.push('Parameters: none');
  }
  const example = tool.examples[0];
  if (example) {
    lines.push('', 'Example (direct mode):', `  ${tool.name} ${JSON.stringify(example)}`);
  }
  return lines.join('\n');
}

/** Tab completion: commands, tool names, role names after /role, parameter names (`key=`) after a tool name. */
export function completeLine(line: string, toolkit: ZohoToolkit, commands: readonly string[], roles: readonly string[]): [string[], string] {
  const words = line.split(/\s+/);
  const last = words.at(-1) ?? '';
  if (words.length === 1) {
    const pool = line.startsWith('/') ? [...new Set(commands)] : toolkit.allowed.map((t) => t.name);
    return [pool.filter((c) => c.startsWith(last)), last];
  }
  const first = words[0]!;
  if (first === '/role') return [roles.filter((r) => r.toLowerCase().startsWith(last.toLowerCase())), last];
  if (first === '/tools') return [toolkit.all.map((t) => t.name).filter((n) => n.startsWith(last)), last];
  if (first === '/json') return [['on', 'off'].filter((v) => v.startsWith(last)), last];
  const tool = toolkit.all.find((t) => t.name === first);
  if (!tool || line.slice(first.length).trim().startsWith('{') || last.includes('=')) return [[], last];
  const used = new Set(words.slice(1, -1).map((w) => w.split('=')[0]));
  const names = Object.keys((tool.jsonSchema as { properties?: object }).properties ?? {}).filter((n) => !used.has(n));
  return [names.filter((n) => n.startsWith(last)).map((n) => `${n}=`), last];
}

/** True when running from this repository (where `npm run zoho-auth` exists). */
function inRepository(): boolean {
  try {
    const root = fileURLToPath(new URL('../../../package.json', import.meta.url));
    return existsSync(root) && (JSON.parse(readFileSync(root, 'utf8')) as { name?: string }).name === 'zoho-agent-kit';
  } catch {
    return false;
  }
}

/** The command that authorises `scopes`, as it runs where the agent runs. */
export function scopesCommand(scopes: readonly string[]): string[] {
  const list = scopes.join(',');
  const installed = `npx -p @zoho-agent-kit/core zoho-auth login --scopes ${list}`;
  return inRepository() ? [`npm run zoho-auth -- login --scopes ${list}`, `(outside this repository: ${installed})`] : [installed];
}
