import { z } from 'zod';
import { schemaContractProblems } from './schema.js';
import type { ToolHints, ZohoTool, ZohoToolDefinition } from './types.js';

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
  if (definition.scopes.length === 0) throw new Error(`tool ${name} must declare its OAuth scopes`);
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
    scopes: [...definition.scopes],
    description,
    schema,
    examples: examples.map((e) => ({ ...e })),
    jsonSchema,
    mcp: { name, description, inputSchema: jsonSchema, annotations },
  };
}

/** The first sentence of a tool's description (what it does), for tool lists; "e.g." and "i.e." do not end it. */
export function toolSummary(tool: Pick<ZohoTool, 'description'>): string {
  const first = tool.description.split('\n')[0] ?? '';
  const end = /(?<!\b(?:e\.g|i\.e|etc|vs))[.!?](?=\s+[A-Z("'`]|\s*$)/.exec(first);
  return (end ? first.slice(0, end.index + 1) : first).trim();
}
