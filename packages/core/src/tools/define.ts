import { z } from 'zod';
import { ZOHO_APPS, type ZohoApp } from '../regions.js';
import { ACCESS_RANK } from './cross-app.js';
import { schemaContractProblems } from './schema.js';
import type { ToolHints, ToolUse, ZohoTool, ZohoToolDefinition } from './types.js';

const NAME = /^[a-z][a-z0-9]*(_[a-z0-9]+)+$/;

const RAW_FIELD = z
  .boolean()
  .optional()
  .describe("Zoho's unshaped JSON (large; rarely needed).");

/**
 * One definition → a tool every consumer can use: the LangChain tool (via createZohoToolkit), its JSON
 * Schema, and MCP-ready metadata. Checks the contract at definition time so mistakes fail fast.
 */
export function defineZohoTool<S extends z.ZodObject, C, R>(definition: ZohoToolDefinition<S, C, R>): ZohoTool<C> {
  const { name, app, access } = definition;
  if (!NAME.test(name) || !name.startsWith(`${app}_`)) {
    throw new Error(`tool name "${name}" must be snake_case and start with "${app}_" (<app>_<verb>[_<object>])`);
  }
  if (!definition.description.trim()) throw new Error(`tool ${name} needs a description`);
  const uses = toolUses(definition);
  for (const [field, schema] of Object.entries(definition.input.shape)) {
    if (!(schema as z.ZodType).description) throw new Error(`tool ${name}: input field "${field}" needs .describe()`);
  }
  if (access === 'read' && !('run' in definition)) throw new Error(`read tool ${name} needs run()`);
  if (access !== 'read' && !('plan' in definition)) throw new Error(`${access} tool ${name} needs plan()`);

  // Strict at the top as well as inside: a misspelt field is an error that names it, never silently dropped.
  const withRaw = access === 'read' && !('raw' in definition.input.shape) ? definition.input.extend({ raw: RAW_FIELD }) : definition.input;
  const schema = withRaw.strict();
  const problems = schemaContractProblems(schema);
  if (problems.length) throw new Error(`tool ${name}: input schema breaks the contract: ${problems.join("; ")}`);
  const examples = (definition.examples ?? []) as Record<string, unknown>[];
  examples.forEach((example, i) => {
    const parsed = schema.safeParse(example);
    if (!parsed.success) throw new Error(`tool ${name}: examples[${i}] does not match the input schema: ${parsed.error.issues.map((x) => `${x.path.join('.') || '(input)'}: ${x.message}`).join('; ')}`);
  });
  const description = examples.length ? `${definition.description.trim()}\nExample: ${JSON.stringify(examples[0])}` : definition.description.trim();
  const jsonSchema = z.toJSONSchema(schema, { io: 'input' }) as Record<string, unknown>;
  const annotations: ToolHints = {
    readOnlyHint: access === 'read',
    destructiveHint: access === 'destructive',
    idempotentHint: access === 'read',
    openWorldHint: true,
  };
  return {
    definition: definition as unknown as ZohoToolDefinition<z.ZodObject, C, any>,
    name,
    app,
    access,
    scopes: [...new Set(uses.flatMap((u) => u.scopes))],
    uses,
    description,
    schema,
    examples: examples.map((e) => ({ ...e })),
    jsonSchema,
    mcp: { name, description, inputSchema: jsonSchema, annotations },
  };
}

/**
 * The apps a definition works with. An app's own tool: its app at its access, with its scopes. A tool across
 * apps declares `uses` (and no `scopes` of its own): a prefix that is no app's name, at least one required
 * use, `access` the highest required one, no optional use above it, and scopes for every use.
 */
function toolUses(definition: Pick<ZohoToolDefinition, 'name' | 'app' | 'access' | 'scopes' | 'uses'>): ToolUse[] {
  const { name, app, access } = definition;
  const isApp = (ZOHO_APPS as readonly string[]).includes(app);
  if (!definition.uses) {
    if (!isApp) throw new Error(`tool ${name}: "${app}" is not a Zoho app (${ZOHO_APPS.join(', ')}); a tool across apps declares its uses`);
    if (!definition.scopes?.length) throw new Error(`tool ${name} must declare its OAuth scopes`);
    return [{ app: app as ZohoApp, access, scopes: [...definition.scopes] }];
  }
  if (isApp) throw new Error(`tool ${name}: a tool across apps takes its plugin's prefix, not the app name "${app}"`);
  if (definition.scopes) throw new Error(`tool ${name}: a tool across apps lists its scopes in each use, not in scopes`);
  const required = definition.uses.filter((u) => !u.optional);
  if (required.length === 0) throw new Error(`tool ${name}: a tool across apps needs at least one required use`);
  const seen = new Set<string>();
  for (const use of definition.uses) {
    const where = `tool ${name}: use ${use.app}:${use.access}`;
    if (!(ZOHO_APPS as readonly string[]).includes(use.app)) throw new Error(`tool ${name}: "${use.app}" is not a Zoho app`);
    if (seen.has(`${use.app}:${use.access}`)) throw new Error(`${where} is declared twice`);
    seen.add(`${use.app}:${use.access}`);
    if (!use.scopes.length) throw new Error(`${where} must declare its OAuth scopes`);
    if (ACCESS_RANK[use.access] > ACCESS_RANK[access]) throw new Error(`${where} is above the tool's access (${access})`);
    if (use.optional && !use.purpose?.trim()) throw new Error(`${where} is optional and needs a purpose (what is left out without it)`);
  }
  const highest = required.reduce((a, u) => (ACCESS_RANK[u.access] > ACCESS_RANK[a] ? u.access : a), 'read' as ToolUse['access']);
  if (highest !== access) throw new Error(`tool ${name}: access "${access}" must be the highest required use's ("${highest}")`);
  return definition.uses.map((u) => ({ ...u, scopes: [...u.scopes] }));
}

/** The first sentence of a tool's description (what it does), for tool lists; "e.g." and "i.e." do not end it. */
export function toolSummary(tool: Pick<ZohoTool, 'description'>): string {
  const first = tool.description.split('\n')[0] ?? '';
  const end = /(?<!\b(?:e\.g|i\.e|etc|vs))[.!?](?=\s+[A-Z("'`]|\s*$)/.exec(first);
  return (end ? first.slice(0, end.index + 1) : first).trim();
}
