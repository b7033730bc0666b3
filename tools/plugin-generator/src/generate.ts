import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ZohoApp } from '@zoho-agent-kit/core';
import { APP_SPECS } from './apps.js';
import { pluginNames, toolExportName, toolFileName } from './names.js';
import type { TemplateContext } from './templates/context.js';
import { packageJson, tsconfigBuildJson, tsconfigJson, tsconfigSpecJson, vitestConfig } from './templates/package-files.js';
import { readme } from './templates/readme.js';
import { emulatorIndex, pluginIndex, toolsIndex } from './templates/source-files.js';
import { testFile } from './templates/test-file.js';

/** The apps of core's `ZOHO_APPS` (regions.ts). Kept here so the CLI runs without building core; the type below and a test keep it in sync. */
export const ZOHO_APP_NAMES = ['crm', 'books', 'projects', 'cliq', 'calendar', 'mail', 'workdrive'] as const satisfies readonly ZohoApp[];
type MissingApps = Exclude<ZohoApp, (typeof ZOHO_APP_NAMES)[number]>;
const everyAppListed: [MissingApps] extends [never] ? true : MissingApps = true;
void everyAppListed;

/** The workspace this generator lives in (tools/plugin-generator/src → three levels up). */
export const WORKSPACE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TEMPLATES_DIR = fileURLToPath(new URL('../templates/', import.meta.url));

/** Where the emulator mounts each app by default (core's DEFAULT_BASE_PATHS): '' for the www.zohoapis apps (crm, books and workdrive have their packages). */
const ROOT_MOUNTED: readonly ZohoApp[] = ['crm', 'books'];

/** A refusal the CLI prints as is: unknown app, existing package, missing template. */
export class GeneratorError extends Error {
  override readonly name = 'GeneratorError';
}

export interface GenerateOptions {
  /** A ZohoApp name: projects, cliq, calendar, mail, … */
  app: string;
  /** Folder the package goes into, as `<outDir>/<app>`; default `<workspace>/packages`. */
  outDir?: string;
  /** Workspace whose tsconfig.base.json and packages/core the package builds on; default this repository. */
  workspaceRoot?: string;
  /** Render and report, write nothing. */
  dryRun?: boolean;
}

export interface GeneratedFile {
  /** Path inside the package folder, with `/` separators. */
  path: string;
  content: string;
}

export interface GenerateResult {
  app: ZohoApp;
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

/** `{{name}}` → value; an unknown placeholder is a bug in a template, so it throws. */
export function fillPlaceholders(template: string, values: Record<string, string>, source = 'template'): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`${source}: unknown placeholder {{${key}}}`);
    return value;
  });
}

function contextFor(app: ZohoApp, packageDir: string, workspaceRoot: string): TemplateContext {
  const spec = APP_SPECS[app];
  if (!spec) {
    throw new GeneratorError(
      `"${app}" already has its plugin in this repository (packages/${app}); the generator only has templates for the apps without one: ${Object.keys(APP_SPECS).join(', ')}.`,
    );
  }
  const rel = (target: string) => {
    const r = posix(relative(packageDir, target));
    return r.startsWith('.') ? r : `./${r}`;
  };
  return {
    spec,
    names: pluginNames(app, spec.App),
    tool: { name: spec.tool.name, exportName: toolExportName(spec.tool.name), file: toolFileName(app, spec.tool.name) },
    basePath: ROOT_MOUNTED.includes(app) ? '' : `/_${app}`,
    paths: { tsconfigBase: rel(join(workspaceRoot, 'tsconfig.base.json')), coreBuild: rel(join(workspaceRoot, 'packages', 'core', 'tsconfig.build.json')) },
  };
}

function fromTemplateFile(ctx: TemplateContext, file: string): string {
  const path = join(TEMPLATES_DIR, ctx.names.app, `${file}.tmpl`);
  const values: Record<string, string> = {
    ...(ctx.names as unknown as Record<string, string>),
    toolName: ctx.tool.name,
    toolExport: ctx.tool.exportName,
    basePath: ctx.basePath,
    digest: ctx.spec.digest ?? `the ${ctx.spec.product} API docs`,
  };
  return fillPlaceholders(readFileSync(path, 'utf8'), values, posix(relative(TEMPLATES_DIR, path)));
}

/** The app's reader lives in core (one implementation per app); the plugin re-exports it as its own. */
function envelopeFile(ctx: TemplateContext): string {
  const digest = ctx.spec.digest ?? `the ${ctx.spec.product} API docs`;
  return `/**
 * ${ctx.spec.product}'s error envelope → core's ZohoApiError, as described in ${digest}. The reader lives in
 * @zoho-agent-kit/core so every connection understands ${ctx.spec.product} errors; wrap it here if this plugin
 * needs codes of its own.
 */
export { ${ctx.names.envelopeReader} } from '@zoho-agent-kit/core';
`;
}

/** Every file of the package, rendered in memory. `packageDir` only decides the relative tsconfig paths. */
export function renderPlugin(app: ZohoApp, packageDir: string, workspaceRoot: string = WORKSPACE_ROOT): GeneratedFile[] {
  const ctx = contextFor(app, resolve(packageDir), resolve(workspaceRoot));
  return [
    { path: 'package.json', content: packageJson(ctx) },
    { path: 'tsconfig.json', content: tsconfigJson() },
    { path: 'tsconfig.build.json', content: tsconfigBuildJson(ctx) },
    { path: 'tsconfig.spec.json', content: tsconfigSpecJson(ctx) },
    { path: 'vitest.config.ts', content: vitestConfig(ctx) },
    { path: 'README.md', content: readme(ctx) },
    { path: 'src/index.ts', content: pluginIndex(ctx) },
    { path: 'src/client.ts', content: fromTemplateFile(ctx, 'client.ts') },
    { path: 'src/envelope.ts', content: envelopeFile(ctx) },
    { path: 'src/tools/index.ts', content: toolsIndex(ctx) },
    { path: `src/tools/${ctx.tool.file}.ts`, content: fromTemplateFile(ctx, 'tool.ts') },
    { path: 'src/emulator/index.ts', content: emulatorIndex(ctx) },
    { path: 'src/emulator/state.ts', content: fromTemplateFile(ctx, 'emulator-state.ts') },
    { path: 'src/emulator/routes.ts', content: fromTemplateFile(ctx, 'emulator-routes.ts') },
    { path: `test/${app}.test.ts`, content: testFile(ctx) },
  ];
}

function nextSteps(app: ZohoApp, packageDir: string, workspaceRoot: string): string[] {
  const where = posix(relative(workspaceRoot, packageDir));
  const inside = !where.startsWith('..') && !isAbsolute(where);
  const steps: string[] = [];
  if (!inside || where !== `packages/${app}`) {
    steps.push(`The package is at ${packageDir}, not packages/${app}: the workspace (npm workspaces "packages/*", vitest projects, nx) will not see it until it is moved there.`);
  }
  steps.push(`Add { "path": "./${where}" } to the "references" of tsconfig.json in the workspace root.`);
  steps.push(`Run \`npm install\` in the workspace root to link @zoho-agent-kit/${app} into node_modules.`);
  steps.push(`Check it: \`npx tsc -p ${where}/tsconfig.spec.json --noEmit\` and \`npx vitest run --project ${app}\`.`);
  const pluginsFile = join(workspaceRoot, 'apps', 'agent', 'src', 'plugins.ts');
  const listed = existsSync(pluginsFile) && readFileSync(pluginsFile, 'utf8').includes(`'@zoho-agent-kit/${app}'`);
  steps.push(
    `Example agent: add "@zoho-agent-kit/${app}": "^0.1.0" to the dependencies in apps/agent/package.json and { "path": "../../${where}/tsconfig.build.json" } to the references of apps/agent/tsconfig.build.json and tsconfig.spec.json; ` +
      (listed
        ? `apps/agent/src/plugins.ts already lists '@zoho-agent-kit/${app}' in PLUGIN_PACKAGES, so the agent loads ${app}Plugin and ${app}Emulator once it is installed.`
        : `add ${app}: '@zoho-agent-kit/${app}' to PLUGIN_PACKAGES in apps/agent/src/plugins.ts.`),
  );
  steps.push(`Grow it: more tools in ${where}/src/tools/ (one file each), their client calls, emulator routes and tests${APP_SPECS[app]?.digest ? `, following /work/shared/zoho-api/${APP_SPECS[app]!.digest}` : ''}.`);
  return steps;
}

/** Validates, renders and (unless dryRun) writes `<outDir>/<app>/`. Refuses an unknown app or an existing folder. */
export function generatePlugin(options: GenerateOptions): GenerateResult {
  const app = options.app.trim();
  if (!isZohoApp(app)) {
    throw new GeneratorError(`"${options.app}" is not a Zoho app. Choose one of: ${ZOHO_APP_NAMES.join(', ')}.`);
  }
  const workspaceRoot = resolve(options.workspaceRoot ?? WORKSPACE_ROOT);
  const outDir = resolve(options.outDir ?? join(workspaceRoot, 'packages'));
  const packageDir = join(outDir, app);
  if (existsSync(packageDir)) {
    throw new GeneratorError(`${packageDir} already exists; refusing to overwrite it. Pick another --out folder or remove it first.`);
  }
  const files = renderPlugin(app, packageDir, workspaceRoot);
  if (!options.dryRun) {
    mkdirSync(outDir, { recursive: true });
    mkdirSync(packageDir); // fails if something created it meanwhile
    for (const file of files) {
      const target = join(packageDir, ...file.path.split('/'));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, file.content, { flag: 'wx' });
    }
  }
  return { app, packageDir, files, written: !options.dryRun, nextSteps: nextSteps(app, packageDir, workspaceRoot) };
}
