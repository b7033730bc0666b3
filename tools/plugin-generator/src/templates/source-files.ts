import { literal, routeText, templateText, type TemplateContext } from './context.js';

/** src/envelope.ts: the app's reader, imported from the app's package (the app owns it; nothing is copied). */
export function envelopeFile({ demo, builtin }: TemplateContext): string {
  return `/**
 * ${demo.product}'s error envelope → core's ZohoApiError: the reader of ${builtin.packageName}, so these tools
 * read ${demo.product}'s answers exactly as the built-in plugin does. Wrap it here if these tools need codes of their own.
 */
export { ${builtin.envelopeReader} } from '${builtin.packageName}';
`;
}

/** src/client.ts: typed calls over \`connection.app({ app })\`; no LLM concerns. */
export function clientFile(ctx: TemplateContext): string {
  const { demo, names, builtin, newType } = ctx;
  const parent = demo.write.parent;
  const core = ['type ZohoAppClient', 'type ZohoConnection', ...(parent ? ['ZohoApiError'] : []), ...(demo.coreImports ?? [])];
  const coreList = [...new Set(core)].sort((a, b) => a.replace(/^type /, '').localeCompare(b.replace(/^type /, '')));
  const builtinImport = demo.context
    ? `import { ${builtin.client}, type ${builtin.clientOptions} } from '${builtin.packageName}';`
    : `import type { ${builtin.clientOptions} } from '${builtin.packageName}';`;
  const member = demo.context ? `\n  /** The built-in ${demo.app} client, kept only for ${demo.context.what}. */\n  readonly ${demo.context.field}: ${builtin.client};` : '';
  const init = demo.context ? `\n    this.${demo.context.field} = new ${builtin.client}(connection, options);` : '';
  const missing = parent
    ? `

/** The answer of a read, or undefined when Zoho says the record does not exist. */
async function unlessMissing<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (err) {
    if (err instanceof ZohoApiError && err.kind === 'not_found') return undefined;
    throw err;
  }
}`
    : '';
  const routes = [demo.read.route, demo.write.route].map((r) => `\`${routeText(r)}\``).join(', ');
  const allTypes = coreList.every((n) => n.startsWith('type '));
  return `import ${allTypes ? `type { ${coreList.map((n) => n.replace(/^type /, '')).join(', ')} }` : `{ ${coreList.join(', ')} }`} from '@zoho-agent-kit/core';
${builtinImport}
import { ${builtin.envelopeReader} } from './envelope.js';

/** The ${names.name} plugin's options: the built-in ${demo.app} plugin's (\`pluginOptions: { ${demo.app}: {…} }\`), so both read one configuration. */
export type ${names.clientOptions} = ${builtin.clientOptions};

export interface CallOptions {
  signal?: AbortSignal | undefined;
}

/** A ${demo.product} record as these tools use it: the id as a string, and the fields the client keeps. */
export interface ZohoRow {
  id: string;
  [field: string]: unknown;
}
${demo.read.paging ? `
/** The read tool's paging: rows per page, and the \`next_page\` of an earlier result. */
export interface ListRequest {
  limit?: number | undefined;
  next_page?: string | undefined;
}
` : ''}
/** One page of rows, and where the next one starts (absent on the last page). */
export interface Page {
  rows: ZohoRow[];
  next_page?: string;
}

/** What a reconcile check found, and whether it read all it had to (if not, it cannot tell). */
export interface Found {
  rows: ZohoRow[];
  complete: boolean;
}

/** The fields of a new ${demo.write.thing}, as the write tool checked them. */
export interface ${newType} {
  ${demo.write.fields}
}

/** Ids as strings: Zoho's 19-digit ids arrive as strings already; small ones may come as numbers. */
const idOf = (value: unknown): string => (typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value));${missing}

${demo.clientConstants}

/**
 * Typed calls to ${demo.product} (${routes}) for the ${names.name} tools. They go through the connection's
 * ${demo.app} client, so they share its token, rate limits and retry policy, and read errors with ${builtin.envelopeReader}.
 */
export class ${names.client} {
  readonly http: ZohoAppClient;${member}

  constructor(
    readonly connection: ZohoConnection,
    readonly options: ${names.clientOptions} = {},
  ) {
    this.http = connection.app({ app: '${demo.app}', readError: ${builtin.envelopeReader} });${init}
  }

${demo.clientMethods}
}

const attached = new WeakMap<object, ${names.client}>();

/** Gives a client of another ${demo.app} plugin (see \`${names.combine}\`) the ${names.client} these tools use. */
export function attachClient(host: object, client: ${names.client}): void {
  attached.set(host, client);
}

/** The client a tool runs with: its own plugin's, or the one attached to the ${demo.app} plugin it was added to. */
export function clientFor(client: unknown): ${names.client} {
  if (client instanceof ${names.client}) return client;
  const found = typeof client === 'object' && client !== null ? attached.get(client) : undefined;
  if (!found) throw new Error('${names.name}: this toolkit has no ${names.client}; add ${names.plugin}, or ${names.combine}(<the ${demo.app} plugin>)');
  return found;
}
`;
}

/** src/index.ts: the plugin object, its instructions, the combination with the built-in plugin, and the public names. */
export function pluginIndex(ctx: TemplateContext): string {
  const { demo, names, builtin, read, write } = ctx;
  const lines = [
    `${demo.product} tools of ${names.name} (${names.toolPrefix}_…):`,
    `- ${read.name} lists ${demo.read.key.replace(/_/g, ' ')}${demo.write.parent ? `; ${write.name} needs a ${demo.write.parent.field} from it` : ''}.`,
    `- ${write.name} asks for confirmation first, and checks with Zoho before any second try.`,
    ...(demo.instructions ?? []).map((l) => `- ${l}`),
  ];
  return `import { createRequire } from 'node:module';
import type { ZohoPlugin, ZohoTool } from '@zoho-agent-kit/core';
import { attachClient, ${names.client}, type ${names.clientOptions} } from './client.js';
import { ${builtin.envelopeReader} } from './envelope.js';
import { ${names.tools} } from './tools/index.js';

// Read at runtime so src/ and dist/ both find the package's own package.json one folder up.
const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

/** Guidance every tool of this plugin shares, said once in the toolkit's instructions. */
export const ${names.instructions} = \`${templateText(lines.join('\n'))}\`;

/**
 * ${names.name}: ${demo.product} tools on @zoho-agent-kit. On its own: \`plugins: [${names.plugin}]\`; beside the
 * built-in ${demo.app} tools (a toolkit takes one plugin per app): \`plugins: [${names.combine}(${builtin.plugin})]\`.
 */
export const ${names.plugin}: ZohoPlugin<${names.client}, ${names.clientOptions}> = {
  name: '${names.packageName}',
  app: '${demo.app}',
  version,
  tools: ${names.tools},
  readError: ${builtin.envelopeReader},
  createClient: (connection, options) => new ${names.client}(connection, options ?? {}),
  // These tools call routes that the app's own emulator slice serves.
  emulator: '${builtin.packageName}/emulator',
  instructions: ${names.instructions},
};

/**
 * \`base\` (the built-in ${builtin.plugin}, or any plugin for ${demo.app}) with these tools added: a toolkit takes one plugin per
 * app, so this is how both sets of tools share one toolkit. Each keeps its own client, made from the same connection.
 */
export function ${names.combine}<C extends object, O>(base: ZohoPlugin<C, O>): ZohoPlugin<C, O> {
  if (base.app !== '${demo.app}') throw new Error(\`${names.combine} adds ${demo.app} tools, not to a plugin for \${base.app}\`);
  return {
    ...base,
    // The tools find their own client through clientFor(), whichever client the toolkit hands them.
    tools: [...base.tools, ...(${names.tools} as unknown as ZohoTool<C>[])],
    createClient: (connection, options) => {
      const client = base.createClient(connection, options);
      attachClient(client, new ${names.client}(connection, (options ?? {}) as ${names.clientOptions}));
      return client;
    },
    instructions: [base.instructions, ${names.instructions}].filter(Boolean).join('\\n'),
  };
}

export { ${builtin.envelopeReader} } from './envelope.js';
export { ${names.client}, ${names.tools} };
export { ${read.exportName}, ${write.exportName} } from './tools/index.js';
export type { CallOptions, Found, ${names.clientOptions}, ${ctx.newType}, Page, ZohoRow } from './client.js';
`;
}

/** src/tools/index.ts: one import per tool file, reads first. */
export function toolsIndex({ names, read, write }: TemplateContext): string {
  return `import type { ZohoTool } from '@zoho-agent-kit/core';
import type { ${names.client} } from '../client.js';
import { ${read.exportName} } from './${read.file}.js';
import { ${write.exportName} } from './${write.file}.js';

export { ${read.exportName}, ${write.exportName} };

/** Every tool of the plugin, reads first. Add a tool: one file in this folder, one line here. */
export const ${names.tools}: ZohoTool<${names.client}>[] = [${read.exportName}, ${write.exportName}];
`;
}

/** src/tools/<read>.ts: the read tool (schema, description, example, shaping as a table). */
export function readTool({ demo, names, read }: TemplateContext): string {
  const r = demo.read;
  const fields = r.paging
    ? `
  limit: z.number().int().min(1).max(${r.paging.max}).optional().describe('Rows (default 20, max ${r.paging.max}).'),
  next_page: z
    .string()
    .trim()
    .max(200)
    .refine((v) => NEXT_PAGE.test(v), 'must be the next_page of an earlier result')
    .optional()
    .describe('next_page of the previous result.'),
`
    : '';
  const run = r.paging ? 'clientFor(ctx.client).list(args, { signal: ctx.signal })' : 'clientFor(ctx.client).list({ signal: ctx.signal })';
  return `import { defineZohoTool, toTable } from '@zoho-agent-kit/core';
import { z } from 'zod';
import { clientFor, type ${names.client}, type Page } from '../client.js';
${r.paging ? `\nconst NEXT_PAGE = ${String(r.paging.next)};\n` : ''}
const input = z.object({${fields}});

export const ${read.exportName} = defineZohoTool<typeof input, ${names.client}, Page>({
  name: '${read.name}',
  app: '${demo.app}',
  access: 'read',
  scopes: ${literal(r.scopes, 1)},
  description: \`${templateText(r.description)}\`,
  examples: [${literal(r.example, 1)}],
  input,
  run: (${r.paging ? 'args' : '_args'}, ctx) => ${run},
  shape: (page) => ({ ${r.key}: toTable(page.rows, { columns: ${literal(r.columns)} }), ...(page.next_page ? { next_page: page.next_page } : {}) }),
  ids: (page) => page.rows.map((row) => row.id),
});
`;
}

/** src/tools/<write>.ts: the write tool — value checks, confirmation payload, execute once, reconcile, checkWith. */
export function writeTool(ctx: TemplateContext): string {
  const { demo, names, read, write } = ctx;
  const w = demo.write;
  const p = w.parent;
  const hasDate = (w.extras ?? []).some((e) => e.kind === 'date');
  const fieldLines = [
    ...(p ? [`  ${p.field}: z
    .string()
    .trim()
    .max(${p.max})
    .refine((v) => ${p.field.toUpperCase()}.test(v), ${literal(`must be a ${p.what} id (${p.patternText})`)})
    .describe(${literal(p.describe)}),`] : []),
    `  ${w.name.field}: textSchema(${w.name.max}).describe(${literal(w.name.describe)}),`,
    ...(w.extras ?? []).map((e) => `  ${e.field}: ${e.kind === 'date' ? 'dateSchema()' : `z.string().trim().max(${e.max})`}${e.required ? '' : '.optional()'}.describe(${literal(e.describe)}),`),
  ];
  const fieldsOf = `{ ${[w.name.field, ...(w.extras ?? []).map((e) => e.field)].map((f) => `${f}: args.${f}`).join(', ')} }`;
  const target = p ? 'fields, parent' : 'fields';
  const where = p ? ' in ${parentLabel(parent)}' : '';
  const thing = w.thing;
  const parentCheck = p
    ? `
    const parent = await client.parent(args.${p.field}, o);
    if (!parent) throw new ToolInputError('${p.field}', \`no ${p.what} \${quoteInput(args.${p.field})}; find one with ${read.name}\`);`
    : '';
  const holder = p ? '${parentLabel(parent)}' : demo.product;
  const uniqueCheck = w.unique
    ? `
    const existing = await client.findCreated(${target}, Number.NEGATIVE_INFINITY, o);
    if (existing.rows.length) throw new ToolInputError('${w.name.field}', \`${holder} already has a ${thing} named \${quoteInput(fields.${w.name.field})} (id \${existing.rows[0]!.id})\`);`
    : '';
  const bodyArgs = [w.bodyUsesParent ? 'fields, parent' : 'fields', ...(w.bodyAsync ? ['o'] : [])].join(', ');
  const body = `${w.bodyAsync ? 'await ' : ''}client.bodyFor(${bodyArgs})`;
  const helpers = [
    `/** How far Zoho's clock may run behind ours when a reconcile check looks for what was made since the send. */
const CLOCK_SKEW_MS = 60_000;`,
    ...(p ? [`const ${p.field.toUpperCase()} = ${String(p.pattern)};`] : []),
    `/** Text that may not be blank. Describe at the use site. */
const textSchema = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((v) => v.length > 0, 'must not be empty');`,
    ...(hasDate
      ? [`/** A real calendar day as yyyy-mm-dd. Describe at the use site. */
const dateSchema = () =>
  z
    .string()
    .trim()
    .max(10)
    .refine((v) => /^\\d{4}-\\d{2}-\\d{2}$/.test(v) && new Date(\`\${v}T00:00:00Z\`).toISOString().startsWith(v), 'must be a real date as yyyy-mm-dd');`]
      : []),
    ...(p ? [`const parentLabel = (row: ZohoRow): string => \`${p.what} \${String(row.name ?? row.id)}\`;`] : []),
  ];
  return `import { compact, defineZohoTool, quoteInput, ToolInputError, type ReconcileVerdict } from '@zoho-agent-kit/core';
import { z } from 'zod';
import { clientFor, type ${names.client}, type ${ctx.newType}, type ZohoRow } from '../client.js';

${helpers.join('\n\n')}

const input = z.object({
${fieldLines.join('\n')}
});

export const ${write.exportName} = defineZohoTool<typeof input, ${names.client}, ZohoRow>({
  name: '${write.name}',
  app: '${demo.app}',
  access: 'write',
  scopes: ${literal(w.scopes, 1)},
  description: \`${templateText(w.description)}\`,
  examples: [${literal(w.example, 1)}],
  input,
  plan: async (args, ctx) => {
    const client = clientFor(ctx.client);
    const o = { signal: ctx.signal };
    const fields: ${ctx.newType} = ${fieldsOf};${parentCheck}${uniqueCheck}
    const body = ${body};

    /** After a lost answer: the ${thing} made since the send, found by what was sent. */
    const reconcile = async ({ sentAt, signal }: { sentAt: number; signal: AbortSignal }): Promise<ReconcileVerdict<ZohoRow>> => {
      const found = await client.findCreated(${target}, sentAt - CLOCK_SKEW_MS, { signal });
      const [first, ...more] = found.rows;
      if (first && more.length === 0) return { status: 'applied', id: first.id, result: first, detail: \`found ${thing} \${first.id}\` };
      if (first) return { status: 'unknown', detail: \`\${found.rows.length} ${thing}s like it were made since the send: \${found.rows.map((r) => r.id).join(', ')}\` };
      return found.complete ? { status: 'not_applied' } : { status: 'unknown', detail: 'too many ${thing}s were made since the send to check them all' };
    };

    return {
      summary: \`Create the ${thing} \${quoteInput(fields.${w.name.field}, 80)}${where}\`,
      payload: body,
      execute: () => client.create(${p ? 'body, parent, o' : 'body, o'}),
      reconcile,
      checkWith: \`${w.checkWith}\`,
    };
  },
  shape: (row) => compact(row),
  ids: (row) => [row.id],
});
`;
}
