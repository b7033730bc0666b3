import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ZOHO_APPS, type ZohoApp } from '@zoho-agent-kit/core';
import validatePackageName from 'validate-npm-package-name';
import { APP_DEMOS } from './apps.js';
import { builtinNames, pluginNames, toolNames } from './names.js';
import type { TemplateContext } from './templates/context.js';
import { packageJson, tsconfigBuildJson, tsconfigJson, tsconfigSpecJson, vitestConfig } from './templates/package-files.js';
import { readme } from './templates/readme.js';
import { clientFile, envelopeFile, pluginIndex, readTool, toolsIndex, writeTool } from './templates/source-files.js';
import { testFile } from './templates/test-file.js';

/** The apps a plugin may be for: core's `ZOHO_APPS` (read from core's source by `npm run new-plugin`, no build needed). */
export const ZOHO_APP_NAMES: readonly ZohoApp[] = ZOHO_APPS;

/** The workspace this generator lives in (tools/plugin-generator/src → three levels up). */
export const WORKSPACE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** kebab-case: lower-case words of letters and digits, the first starting with a letter. */
const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const MAX_NAME = 50;
/** Names of the workspace's own packages, which a plugin of someone's own must not take. */
const RESERVED = [...ZOHO_APP_NAMES, 'core', 'mcp', 'workflows', 'agent', 'agent-app', 'bench', 'plugin-generator'];

/** A refusal the CLI prints as is: bad name, unknown app, existing folder. */
export class GeneratorError extends Error {
  override readonly name = 'GeneratorError';
}

export interface GenerateOptions {
  /** The plugin's name, kebab-case (`acme-crm-extras`): the folder, the vitest project, the exported names. */
  name: string;
  /** The Zoho app its tools call: crm, books, … */
  app: string;
  /** npm package name (`@acme/zoho-crm-extras`); default the name. */
  packageName?: string | undefined;
  /** The package folder to create; default `<workspace>/packages/<name>`. It must not exist. */
  outDir?: string | undefined;
  /** Workspace whose tsconfig.base.json and packages the package builds on; default this repository. */
  workspaceRoot?: string | undefined;
  /** Render and report, write nothing. */
  dryRun?: boolean | undefined;
}

export interface GeneratedFile {
  /** Path inside the package folder, with `/` separators. */
  path: string;
  content: string;
}

export interface GenerateResult {
  name: string;
  app: ZohoApp;
  packageName: string;
  packageDir: string;
  files: GeneratedFile[];
  written: boolean;
  nextSteps: string[];
}

export function isZohoApp(name: string): name is ZohoApp {
  return (ZOHO_APP_NAMES as readonly string[]).includes(name);
}

function posix(path: string): string {
  return path.split(sep).join('/');
}

/** The name, checked: kebab-case, not one of the workspace's own packages. */
export function checkName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw new GeneratorError('which plugin? Give its name, e.g. acme-crm-extras');
  if (trimmed.length > MAX_NAME) throw new GeneratorError(`the name "${trimmed.slice(0, 60)}…" is longer than ${MAX_NAME} characters`);
  if (!NAME.test(trimmed)) throw new GeneratorError(`the name "${trimmed}" must be kebab-case: lower-case letters and digits in words joined by "-", starting with a letter (e.g. acme-crm-extras)`);
  if (RESERVED.includes(trimmed)) {
    throw new GeneratorError(`"${trimmed}" is the name of a package of this workspace; the generator makes plugins of your own beside them, e.g. acme-${isZohoApp(trimmed) ? trimmed : 'crm'}-extras`);
  }
  return trimmed;
}

/** The npm package name, checked with npm's own rules; the kit's names are taken. */
export function checkPackageName(packageName: string): string {
  const trimmed = packageName.trim();
  const verdict = validatePackageName(trimmed);
  if (!verdict.validForNewPackages) {
    throw new GeneratorError(`"${trimmed}" is not a valid npm package name: ${[...(verdict.errors ?? []), ...(verdict.warnings ?? [])].join('; ')}`);
  }
  const kit = /^@zoho-agent-kit\/(.+)$/.exec(trimmed);
  if (kit && RESERVED.includes(kit[1]!)) throw new GeneratorError(`"${trimmed}" is a package of the kit itself; pick a name of your own, e.g. @acme/zoho-${kit[1]}-extras`);
  return trimmed;
}

export function checkApp(app: string | undefined): ZohoApp {
  const trimmed = app?.trim();
  if (!trimmed) throw new GeneratorError(`which Zoho app do its tools call? Give --app with one of: ${ZOHO_APP_NAMES.join(', ')}`);
  if (!isZohoApp(trimmed)) throw new GeneratorError(`"${trimmed}" is not a Zoho app. Choose one of: ${ZOHO_APP_NAMES.join(', ')}.`);
  return trimmed;
}

function contextFor(name: string, packageName: string, app: ZohoApp, packageDir: string, workspaceRoot: string): TemplateContext {
  const demo = APP_DEMOS[app];
  const names = pluginNames(name, packageName, app);
  const rel = (target: string) => {
    const r = posix(relative(packageDir, target));
    return r.startsWith('.') ? r : `./${r}`;
  };
  const thing = demo.write.thing.split(/[\s-]+/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  return {
    demo,
    names,
    builtin: builtinNames(demo),
    read: toolNames(names.toolPrefix, demo.read.verb),
    write: toolNames(names.toolPrefix, demo.write.verb),
    newType: `New${thing}`,
    paths: {
      tsconfigBase: rel(join(workspaceRoot, 'tsconfig.base.json')),
      coreBuild: rel(join(workspaceRoot, 'packages', 'core', 'tsconfig.build.json')),
      appBuild: rel(join(workspaceRoot, 'packages', app, 'tsconfig.build.json')),
    },
  };
}

/** Every file of the package, rendered in memory. `packageDir` only decides the relative tsconfig paths. */
export function renderPlugin(options: { name: string; app: ZohoApp; packageName?: string | undefined; packageDir: string; workspaceRoot?: string | undefined }): GeneratedFile[] {
  const name = checkName(options.name);
  const ctx = contextFor(name, checkPackageName(options.packageName ?? name), options.app, resolve(options.packageDir), resolve(options.workspaceRoot ?? WORKSPACE_ROOT));
  return [
    { path: 'package.json', content: packageJson(ctx) },
    { path: 'tsconfig.json', content: tsconfigJson() },
    { path: 'tsconfig.build.json', content: tsconfigBuildJson(ctx) },
    { path: 'tsconfig.spec.json', content: tsconfigSpecJson(ctx) },
    { path: 'vitest.config.ts', content: vitestConfig(ctx) },
    { path: 'README.md', content: readme(ctx) },
    { path: 'src/index.ts', content: pluginIndex(ctx) },
    { path: 'src/client.ts', content: clientFile(ctx) },
    { path: 'src/envelope.ts', content: envelopeFile(ctx) },
    { path: 'src/tools/index.ts', content: toolsIndex(ctx) },
    { path: `src/tools/${ctx.read.file}.ts`, content: readTool(ctx) },
    { path: `src/tools/${ctx.write.file}.ts`, content: writeTool(ctx) },
    { path: `test/${name}.test.ts`, content: testFile(ctx) },
  ];
}

function nextSteps(name: string, app: ZohoApp, packageName: string, packageDir: string, workspaceRoot: string): string[] {
  const where = posix(relative(workspaceRoot, packageDir));
  const inWorkspace = !where.startsWith('..') && !isAbsolute(where) && /^(packages|apps|tools)\/[^/]+$/.test(where);
  const demo = APP_DEMOS[app];
  const names = pluginNames(name, packageName, app);
  const steps: string[] = [];
  if (!inWorkspace) {
    steps.push(`The package is at ${packageDir}, outside the workspace's packages/*: npm workspaces, vitest projects and nx will not see it until it is moved to packages/${name}.`);
  }
  steps.push(`Add { "path": "./${inWorkspace ? where : `packages/${name}`}" } to the "references" of tsconfig.json in the workspace root.`);
  steps.push(`Run \`npm install\` in the workspace root to link ${packageName} into node_modules.`);
  steps.push(
    `Check it: \`npx tsc -b packages/core/tsconfig.build.json packages/${app}/tsconfig.build.json\`, then \`npx tsc -p ${where}/tsconfig.spec.json --noEmit\` and \`npx vitest run --project ${name}\`.`,
  );
  steps.push(`Use it beside the built-in ${demo.product} tools: createZohoToolkit({ connection, plugins: [${names.combine}(${app}Plugin)] }).`);
  steps.push(`Grow it: more tools in ${where}/src/tools/ (one file each), their calls in src/client.ts, and tests against the emulator; see its README.`);
  return steps;
}

/** Validates, renders and (unless dryRun) writes the package. Refuses a bad name, an unknown app or an existing folder. */
export function generatePlugin(options: GenerateOptions): GenerateResult {
  const name = checkName(options.name);
  const app = checkApp(options.app);
  const packageName = checkPackageName(options.packageName ?? name);
  const workspaceRoot = resolve(options.workspaceRoot ?? WORKSPACE_ROOT);
  const packageDir = resolve(options.outDir ?? join(workspaceRoot, 'packages', name));
  if (existsSync(packageDir)) {
    throw new GeneratorError(`${packageDir} already exists; refusing to overwrite it. Pick another --out folder or remove it first.`);
  }
  const files = renderPlugin({ name, app, packageName, packageDir, workspaceRoot });
  if (!options.dryRun) {
    mkdirSync(dirname(packageDir), { recursive: true });
    mkdirSync(packageDir); // fails if something created it meanwhile
    for (const file of files) {
      const target = join(packageDir, ...file.path.split('/'));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, file.content, { flag: 'wx' });
    }
  }
  return { name, app, packageName, packageDir, files, written: !options.dryRun, nextSteps: nextSteps(name, app, packageName, packageDir, workspaceRoot) };
}
