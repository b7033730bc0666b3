#!/usr/bin/env node
/**
 * `npm run new-plugin -- <app> [--dry-run] [--out <dir>]`: scaffolds packages/<app> with the standard plugin
 * layout and one working read tool. Exit code 0 on success, 1 on a refusal, 2 on bad usage.
 */
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { GeneratorError, generatePlugin, ZOHO_APP_NAMES } from './generate.js';

const USAGE = `Usage: npm run new-plugin -- <app> [--dry-run] [--out <dir>]

  <app>        a Zoho app: ${ZOHO_APP_NAMES.join(', ')}
  --dry-run    print what would be written, write nothing
  --out <dir>  create <dir>/<app> instead of packages/<app>`;

interface CliArgs {
  app?: string;
  dryRun: boolean;
  outDir?: string;
  help: boolean;
}

export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { dryRun: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--dry-run') args.dryRun = true;
    else if (arg === '--help' || arg === '-h') args.help = true;
    else if (arg === '--out') {
      const value = argv[++i];
      if (!value || value.startsWith('--')) throw new GeneratorError('--out needs a folder');
      args.outDir = value;
    } else if (arg.startsWith('--out=')) args.outDir = arg.slice('--out='.length);
    else if (arg.startsWith('-')) throw new GeneratorError(`unknown option ${arg}`);
    else if (args.app === undefined) args.app = arg;
    else throw new GeneratorError(`one app at a time (got "${args.app}" and "${arg}")`);
  }
  return args;
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
  if (!args.app) {
    err(`new-plugin: which app?\n\n${USAGE}`);
    return 2;
  }
  try {
    const result = generatePlugin({ app: args.app, outDir: args.outDir, dryRun: args.dryRun });
    const shown = relative(process.cwd(), result.packageDir) || '.';
    out(`${result.written ? 'Created' : 'Would create (dry run, nothing written)'} ${shown}/ for @zoho-agent-kit/${result.app}:`);
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
