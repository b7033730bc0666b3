#!/usr/bin/env node
/**
 * `npm run new-plugin -- <name> --app <app> [--package <npm name>] [--out <dir>] [--dry-run]`: scaffolds a plugin
 * package of your own for one Zoho app. Exit code 0 on success, 1 on a refusal, 2 on bad usage.
 */
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs as parseNodeArgs } from 'node:util';
import { GeneratorError, generatePlugin, ZOHO_APP_NAMES } from './generate.js';

const USAGE = `Usage: npm run new-plugin -- <name> --app <app> [--package <npm name>] [--out <dir>] [--dry-run]

  <name>              the plugin's name, kebab-case (also --name <name>), e.g. acme-crm-extras
  --app <app>         the Zoho app its tools call: ${ZOHO_APP_NAMES.join(', ')}
  --package <name>    its npm package name (default <name>), e.g. @acme/zoho-crm-extras
  --out <dir>         the folder to create (default packages/<name>); it must not exist
  --dry-run           print what would be written, write nothing

Example: npm run new-plugin -- acme-crm-extras --app crm --package @acme/zoho-crm-extras`;

export interface CliArgs {
  name?: string | undefined;
  app?: string | undefined;
  packageName?: string | undefined;
  outDir?: string | undefined;
  dryRun: boolean;
  help: boolean;
}

export function parseArgs(argv: readonly string[]): CliArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (e) {
    // node's messages name the option: "Unknown option '--force'", "Option '--out <value>' argument missing".
    throw new GeneratorError((e as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new GeneratorError(`one plugin at a time (got ${positionals.map((p) => `"${p}"`).join(' and ')})`);
  if (positionals.length && values.name !== undefined && positionals[0] !== values.name) {
    throw new GeneratorError(`two names: "${positionals[0]}" and --name "${values.name}"`);
  }
  for (const key of ['app', 'package', 'out', 'name'] as const) {
    const value = values[key];
    if (value !== undefined && (value === '' || value.startsWith('--'))) throw new GeneratorError(`--${key} needs a value`);
  }
  return { name: positionals[0] ?? values.name, app: values.app, packageName: values.package, outDir: values.out, dryRun: values['dry-run'] ?? false, help: values.help ?? false };
}

function parse(argv: readonly string[]) {
  return parseNodeArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      name: { type: 'string' },
      app: { type: 'string' },
      package: { type: 'string' },
      out: { type: 'string' },
      'dry-run': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

export function main(argv: readonly string[], out: (line: string) => void = console.log, err: (line: string) => void = console.error): number {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    err(`new-plugin: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    out(USAGE);
    return 0;
  }
  if (!args.name) {
    err(`new-plugin: which plugin? Give its name.\n\n${USAGE}`);
    return 2;
  }
  try {
    const result = generatePlugin({ name: args.name, app: args.app ?? '', packageName: args.packageName, outDir: args.outDir, dryRun: args.dryRun });
    const shown = relative(process.cwd(), result.packageDir) || '.';
    out(`${result.written ? 'Created' : 'Would create (dry run, nothing written)'} ${shown}/ for ${result.packageName} (${result.app}):`);
    for (const file of result.files) out(`  ${shown}/${file.path}`);
    out('\nNext steps:');
    result.nextSteps.forEach((step, i) => out(`  ${i + 1}. ${step}`));
    return 0;
  } catch (e) {
    if (e instanceof GeneratorError) {
      err(`new-plugin: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
