import { num, type TemplateContext } from './context.js';

/** src/index.ts: the plugin object and the public names — nothing else. Version comes from package.json, as in crm. */
export function pluginIndex({ spec, names, tool }: TemplateContext): string {
  const clientTypes = ['CallOptions', names.clientOptions, ...spec.tool.clientTypes].sort();
  return `import { createRequire } from 'node:module';
import type { ZohoPlugin } from '@zoho-agent-kit/core';
import { ${names.client}, type ${names.clientOptions} } from './client.js';
import { ${names.envelopeReader} } from './envelope.js';
import { ${names.tools} } from './tools/index.js';

// Read at runtime so src/ and dist/ both find the package's own package.json one folder up.
const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

/** ${spec.product} for LangChain agents. */
export const ${names.plugin}: ZohoPlugin<${names.client}, ${names.clientOptions}> = {
  name: '${names.packageName}',
  app: '${names.app}',
  version,
  tools: ${names.tools},
  readError: ${names.envelopeReader},
  createClient: (connection, options) => new ${names.client}(connection, options ?? {}),
  emulator: '${names.packageName}/emulator',
};

export { ${names.client}, ${names.envelopeReader}, ${names.tools} };
export { ${tool.exportName} } from './tools/index.js';
export type { ${clientTypes.join(', ')} } from './client.js';
`;
}

/** src/tools/index.ts: one import per tool file, reads first. */
export function toolsIndex({ names, tool }: TemplateContext): string {
  return `import type { ZohoTool } from '@zoho-agent-kit/core';
import type { ${names.client} } from '../client.js';
import { ${tool.exportName} } from './${tool.file}.js';

export { ${tool.exportName} };

/** Every ${names.App} tool, reads first. Add a tool: one file in this folder, one line here. */
export const ${names.tools}: ZohoTool<${names.client}>[] = [${tool.exportName}];
`;
}

/** src/emulator/index.ts: the app's slice of the emulator with its options; routes and seed live beside it. */
export function emulatorIndex({ spec, names, basePath }: TemplateContext): string {
  const mount = basePath ? `\`${basePath}\` on the emulator's origin (Zoho's own paths below it)` : `the emulator's origin (basePath '', as on www.zohoapis.*)`;
  const scopes = spec.emulatorScopes.map((s) => `'${s}'`).join(', ');
  return `/**
 * The ${spec.product} slice of the emulator, mounted at ${mount}.
 * Routes, error answers and the choices made where Zoho's behaviour is unconfirmed are in ./routes.ts; the
 * seed (core's AGENCY world) is in ./state.ts.
 *
 * \`\`\`ts
 * const emu = await startEmulator({ apps: [${names.emulator}] });
 * const quiet = await startEmulator({ apps: [${names.createEmulator}({ rateLimit: false })] });
 * \`\`\`
 */
import type { EmulatorApp, EmulatorRateLimit } from '@zoho-agent-kit/core/emulator';
import { ${names.errors}, ${names.routes} } from './routes.js';
import { ${names.createState}, type ${names.state} } from './state.js';

export type { ${spec.stateTypes.join(', ')} } from './state.js';

/** Every scope the emulator's demo credentials get for ${spec.product}. */
export const ${names.emulatorScopes}: string[] = [${scopes}];

export interface ${names.emulatorOptions} {
  /** Requests per window per grant; false for none. Default: ${spec.rateLimit.note}. */
  rateLimit?: EmulatorRateLimit | false;
}

/** A ${spec.product} emulator slice with its own options; \`${names.emulator}\` is this with the defaults. */
export function ${names.createEmulator}(options: ${names.emulatorOptions} = {}): EmulatorApp<${names.state}> {
  const app: EmulatorApp<${names.state}> = {
    app: '${names.app}',
    basePath: '${basePath}',
    scopes: ${names.emulatorScopes},
    createState: ({ seed, now }) => ${names.createState}({ seed, now }),
    routes: ${names.routes},
    errors: ${names.errors},
  };
  if (options.rateLimit !== false) app.rateLimit = options.rateLimit ?? { limit: ${spec.rateLimit.limit}, windowMs: ${num(spec.rateLimit.windowMs)} };
  return app;
}

/** The ${spec.product} emulator slice with defaults. */
export const ${names.emulator}: EmulatorApp<${names.state}> = ${names.createEmulator}();
`;
}
