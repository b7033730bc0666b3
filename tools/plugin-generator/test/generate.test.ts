import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ZOHO_APPS, type ZohoApp } from '@zoho-agent-kit/core';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_DEMOS } from '../src/apps.js';
import { main } from '../src/cli.js';
import { generatePlugin, GeneratorError, renderPlugin, WORKSPACE_ROOT, ZOHO_APP_NAMES, type GeneratedFile } from '../src/generate.js';
import { pluginNames, toolPrefix } from '../src/names.js';
import { childEnv, run, show } from './helpers.js';

const BOOKS = join(WORKSPACE_ROOT, 'packages', 'books');
const scratch = mkdtempSync(join(tmpdir(), 'plugin-generator-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function file(files: GeneratedFile[], path: string): string {
  const found = files.find((f) => f.path === path);
  if (!found) throw new Error(`no ${path} among ${files.map((f) => f.path).join(', ')}`);
  return found.content;
}

const booksJson = (name: string) => JSON.parse(readFileSync(join(BOOKS, name), 'utf8')) as Record<string, unknown>;
const builtinIndex = (app: ZohoApp) => readFileSync(join(WORKSPACE_ROOT, 'packages', app, 'src', 'index.ts'), 'utf8');

/** Whether `METHOD /a/*\/b` (the generator's glob) is a route of the slice: a literal matches a literal or a parameter, `*` only a parameter. */
function served(routes: { method: string; path: string }[], route: string): boolean {
  const [method, path] = route.split(' ') as [string, string];
  const want = path.split('/');
  return routes.some((r) => {
    if (r.method !== method) return false;
    const have = r.path.split('/');
    return have.length === want.length && have.every((seg, i) => (seg.startsWith(':') ? true : seg === want[i]));
  });
}

describe('the app list', () => {
  it("is core's ZOHO_APPS, and every app has a demo", () => {
    expect([...ZOHO_APP_NAMES].sort()).toEqual([...ZOHO_APPS].sort());
    expect(Object.keys(APP_DEMOS).sort()).toEqual([...ZOHO_APPS].sort());
  });
});

describe('names', () => {
  it('derive the exports, the instructions constant and a tool prefix that is not the app', () => {
    expect(pluginNames('acme-crm-extras', '@acme/zoho-crm-extras', 'crm')).toEqual({
      name: 'acme-crm-extras',
      packageName: '@acme/zoho-crm-extras',
      Pascal: 'AcmeCrmExtras',
      plugin: 'acmeCrmExtrasPlugin',
      client: 'AcmeCrmExtrasClient',
      clientOptions: 'AcmeCrmExtrasClientOptions',
      tools: 'acmeCrmExtrasTools',
      instructions: 'ACME_CRM_EXTRAS_INSTRUCTIONS',
      combine: 'withAcmeCrmExtras',
      toolPrefix: 'crm_acme',
    });
    expect(toolPrefix('crm-extras', 'crm')).toBe('crm_extras');
    expect(toolPrefix('northwind-2', 'mail')).toBe('mail_northwind');
  });
});

describe.each(ZOHO_APPS)('the %s scaffold, rendered for packages/', (app) => {
  const name = `acme-${app}-extras`;
  const files = renderPlugin({ name, app, packageName: `@acme/zoho-${app}-extras`, packageDir: join(WORKSPACE_ROOT, 'packages', name) });
  const demo = APP_DEMOS[app];
  const read = `${app}_acme_${demo.read.verb}`;
  const write = `${app}_acme_${demo.write.verb}`;
  const readFile = `src/tools/${demo.read.verb.replace(/_/g, '-')}.ts`;
  const writeFile = `src/tools/${demo.write.verb.replace(/_/g, '-')}.ts`;

  it('has the standard layout, every placeholder filled', () => {
    expect(files.map((f) => f.path).sort()).toEqual(
      [
        'package.json',
        'tsconfig.json',
        'tsconfig.build.json',
        'tsconfig.spec.json',
        'vitest.config.ts',
        'README.md',
        'src/index.ts',
        'src/client.ts',
        'src/envelope.ts',
        'src/tools/index.ts',
        readFile,
        writeFile,
        `test/${name}.test.ts`,
      ].sort(),
    );
    for (const f of files) expect(f.content, f.path).not.toMatch(/\[object Object\]|\{\{|'undefined'/);
  });

  it('writes package.json like packages/books, with its own name and the app package as a peer', () => {
    const pkg = JSON.parse(file(files, 'package.json')) as Record<string, any>;
    const books = booksJson('package.json') as Record<string, any>;
    expect(pkg).toMatchObject({ name: `@acme/zoho-${app}-extras`, version: '0.1.0', type: 'module' });
    for (const key of ['files', 'engines']) expect(pkg[key], key).toEqual(books[key]);
    expect(pkg.exports).toEqual({ '.': books.exports['.'], './package.json': './package.json' });
    expect(Object.keys(pkg.exports['.'])[0]).toBe('@zoho-agent-kit/source');
    expect(pkg.peerDependencies).toEqual({ ...books.peerDependencies, [`@zoho-agent-kit/${app}`]: '^0.1.0' });
  });

  it("writes the tsconfigs and vitest config of packages/books, referencing core and the app's package", () => {
    expect(JSON.parse(file(files, 'tsconfig.json'))).toEqual(booksJson('tsconfig.json'));
    for (const config of ['tsconfig.build.json', 'tsconfig.spec.json']) {
      expect(JSON.parse(file(files, config)), config).toEqual({ ...booksJson(config), references: [{ path: '../core/tsconfig.build.json' }, { path: `../${app}/tsconfig.build.json` }] });
    }
    expect(file(files, 'vitest.config.ts')).toBe(readFileSync(join(BOOKS, 'vitest.config.ts'), 'utf8').replace("name: 'books'", `name: '${name}'`));
  });

  it("re-uses the app's envelope reader (and its client where a context id is needed) from the app's package", () => {
    const index = builtinIndex(app);
    expect(file(files, 'src/envelope.ts')).toContain(`export { ${app}EnvelopeReader } from '@zoho-agent-kit/${app}';`);
    expect(index).toMatch(new RegExp(`export \\{[^}]*\\b${app}EnvelopeReader\\b`));
    expect(index).toContain(`${demo.App}ClientOptions`);
    const client = file(files, 'src/client.ts');
    expect(client).toContain(`connection.app({ app: '${app}', readError: ${app}EnvelopeReader })`);
    if (demo.context) {
      expect(client).toContain(`new ${demo.App}Client(connection, options)`);
      expect(index).toMatch(new RegExp(`export \\{[^}]*\\b${demo.App}Client\\b`));
    } else {
      expect(client).not.toContain(`new ${demo.App}Client(`);
    }
  });

  it('exports the plugin with instructions, its version from package.json, the app emulator and the combination', () => {
    const index = file(files, 'src/index.ts');
    const { plugin, client, combine, instructions } = pluginNames(name, `@acme/zoho-${app}-extras`, app);
    expect(index).toContain(`export const ${plugin}: ZohoPlugin<${client}, ${client}Options> = {`);
    expect(index).toContain(`instructions: ${instructions},`);
    expect(index).toContain("createRequire(import.meta.url)('../package.json')");
    expect(index).toContain(`emulator: '@zoho-agent-kit/${app}/emulator'`);
    expect(index).toContain(`export function ${combine}<C extends object, O>(base: ZohoPlugin<C, O>): ZohoPlugin<C, O>`);
  });

  it("calls routes that the app's own emulator slice serves", async () => {
    const slice = ((await import(`@zoho-agent-kit/${app}/emulator`)) as Record<string, { routes: { method: string; path: string }[] }>)[`${app}Emulator`]!;
    // Route paths are relative to the slice's basePath, as the emulator's counters (and the generated test) name them.
    expect(served(slice.routes, demo.read.route), demo.read.route).toBe(true);
    expect(served(slice.routes, demo.write.route), demo.write.route).toBe(true);
    expect(served(slice.routes, 'GET /no/such/route')).toBe(false);
  });

  it('ships a read tool and a write tool with bounded, described inputs, examples, reconcile and checkWith', () => {
    const r = file(files, readFile);
    expect(r).toContain(`name: '${read}'`);
    expect(r).toContain("access: 'read'");
    expect(r).toContain('toTable(page.rows');
    expect(r).toMatch(/examples: \[/);
    const w = file(files, writeFile);
    expect(w).toContain(`name: '${write}'`);
    expect(w).toContain("access: 'write'");
    for (const part of ['plan: async', 'reconcile,', 'checkWith:', 'examples: [', 'ToolInputError', 'execute: () => client.create(']) expect(w).toContain(part);
    for (const source of [r, w]) {
      const strings = source.match(/z\s*\.string\(\)/g)?.length ?? 0;
      const bounded = source.match(/\.max\(/g)?.length ?? 0;
      expect(bounded, 'every string has a .max()').toBeGreaterThanOrEqual(strings);
      expect(source).not.toMatch(/z\.object\([^)]*z\.object\(/s);
    }
    const { tools, client } = pluginNames(name, '', app);
    expect(file(files, 'src/tools/index.ts')).toContain(`export const ${tools}: ZohoTool<${client}>[] = [`);
  });

  it("writes a test over real HTTP to the app's emulator slice, covering the write's safety", () => {
    const test = file(files, `test/${name}.test.ts`);
    expect(test).toContain(`import { ${app}Emulator } from '@zoho-agent-kit/${app}/emulator';`);
    expect(test).toContain(`startEmulator({ apps: [${app}Emulator]`);
    for (const title of ['sends nothing when the person declines', 'sends a confirmed write once', 'reported applied with its id, sent once', 'reported not applied', 'naming it', 'joins the built-in']) {
      expect(test, title).toContain(title);
    }
    expect(test).not.toMatch(/vi\.mock|fetch\(|vi\.fn/);
  });

  it('documents install, a runnable example and the tool table in the README', () => {
    const readme = file(files, 'README.md');
    expect(readme).toContain(`npm install @acme/zoho-${app}-extras @zoho-agent-kit/${app} @zoho-agent-kit/core @langchain/core zod`);
    expect(readme).toContain(`const emu = await startEmulator({ apps: [${app}Emulator] });`);
    expect(readme).toContain(`plugins: [${pluginNames(name, '', app).combine}(${app}Plugin)]`);
    expect(readme).toContain(`| \`${read}\` | read |`);
    expect(readme).toContain(`| \`${write}\` | write |`);
  });
});

describe('generatePlugin', () => {
  const out = join(scratch, 'acme-crm-extras');

  it('writes the --out folder and reports the files and next steps', () => {
    const result = generatePlugin({ name: 'acme-crm-extras', app: 'crm', packageName: '@acme/zoho-crm-extras', outDir: out });
    expect(result).toMatchObject({ name: 'acme-crm-extras', app: 'crm', packageName: '@acme/zoho-crm-extras', packageDir: out, written: true });
    for (const f of result.files) expect(readFileSync(join(out, f.path), 'utf8')).toBe(f.content);
    // Outside the workspace the tsconfigs still reach its base config, core and the app's package.
    const spec = JSON.parse(readFileSync(join(out, 'tsconfig.spec.json'), 'utf8')) as { extends: string; references: { path: string }[] };
    expect(join(out, spec.extends)).toBe(join(WORKSPACE_ROOT, 'tsconfig.base.json'));
    expect(spec.references.map((r) => join(out, r.path))).toEqual([join(WORKSPACE_ROOT, 'packages', 'core', 'tsconfig.build.json'), join(WORKSPACE_ROOT, 'packages', 'crm', 'tsconfig.build.json')]);
    expect(result.nextSteps.join('\n')).toMatch(/outside the workspace[\s\S]*tsconfig\.json[\s\S]*npm install[\s\S]*withAcmeCrmExtras\(crmPlugin\)/);
  });

  it('defaults to packages/<name> and the name as the package name', () => {
    const result = generatePlugin({ name: 'northwind-tools', app: 'books', dryRun: true });
    expect(result.packageDir).toBe(join(WORKSPACE_ROOT, 'packages', 'northwind-tools'));
    expect(JSON.parse(file(result.files, 'package.json')).name).toBe('northwind-tools');
    expect(result.nextSteps[0]).toContain('{ "path": "./packages/northwind-tools" }');
  });

  it('refuses an existing folder, whatever is in it', () => {
    expect(() => generatePlugin({ name: 'acme-crm-extras', app: 'crm', outDir: out })).toThrow(/already exists; refusing to overwrite/);
    const empty = join(scratch, 'empty');
    mkdirSync(empty);
    expect(() => generatePlugin({ name: 'acme-crm-extras', app: 'crm', outDir: empty })).toThrow(GeneratorError);
    expect(readdirSync(empty)).toEqual([]);
    expect(() => generatePlugin({ name: 'acme-books', app: 'books', outDir: BOOKS })).toThrow(/packages\/books already exists/);
  });

  it.each([
    ['', /which plugin/],
    ['Acme-CRM', /must be kebab-case/],
    ['acme_crm', /must be kebab-case/],
    ['acme--crm', /must be kebab-case/],
    ['9lives', /must be kebab-case/],
    ['crm', /"crm" is the name of a package of this workspace.*acme-crm-extras/],
    ['core', /package of this workspace/],
    [`a${'-b'.repeat(30)}`, /longer than 50 characters/],
  ])('refuses the name %j, writing nothing', (name, message) => {
    expect(() => generatePlugin({ name, app: 'crm', outDir: join(scratch, 'bad-name') })).toThrow(message);
    expect(existsSync(join(scratch, 'bad-name'))).toBe(false);
  });

  it.each([
    ['@Acme/Zoho', /not a valid npm package name/],
    ['acme crm', /not a valid npm package name/],
    ['@zoho-agent-kit/crm', /a package of the kit itself/],
  ])('refuses the package name %j', (packageName, message) => {
    expect(() => generatePlugin({ name: 'acme-extras', app: 'crm', packageName, outDir: join(scratch, 'bad-package') })).toThrow(message);
    expect(existsSync(join(scratch, 'bad-package'))).toBe(false);
  });

  it('refuses an app that is not a Zoho app, or none', () => {
    expect(() => generatePlugin({ name: 'acme-extras', app: 'slack', outDir: join(scratch, 'slack') })).toThrow(/"slack" is not a Zoho app\. Choose one of: crm, books, projects/);
    expect(() => generatePlugin({ name: 'acme-extras', app: '', outDir: join(scratch, 'slack') })).toThrow(/Give --app/);
    expect(existsSync(join(scratch, 'slack'))).toBe(false);
  });

  it('writes nothing on a dry run', () => {
    const target = join(scratch, 'dry');
    const result = generatePlugin({ name: 'acme-mail-tools', app: 'mail', outDir: target, dryRun: true });
    expect(result.written).toBe(false);
    expect(result.files).toHaveLength(13);
    expect(existsSync(target)).toBe(false);
  });
});

describe('the CLI', () => {
  function capture(argv: string[]): { code: number; out: string; err: string } {
    const out: string[] = [];
    const err: string[] = [];
    const code = main(argv, (l) => out.push(l), (l) => err.push(l));
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('prints the files and next steps on --dry-run, writing nothing', () => {
    const target = join(scratch, 'cli-dry');
    const res = capture(['acme-projects-extras', '--app', 'projects', '--package', '@acme/zoho-projects-extras', '--out', target, '--dry-run']);
    expect(res.code, res.err).toBe(0);
    expect(res.out).toContain('Would create (dry run, nothing written)');
    expect(res.out).toContain('for @acme/zoho-projects-extras (projects)');
    expect(res.out).toContain('/src/tools/create-task.ts');
    expect(res.out).toContain('Next steps:');
    expect(existsSync(target)).toBe(false);
  });

  it('takes --name and --out=<dir>', () => {
    const target = join(scratch, 'cli-written');
    const res = capture(['--name', 'acme-cliq-bots', '--app=cliq', `--out=${target}`]);
    expect(res.code, res.err).toBe(0);
    expect(existsSync(join(target, 'src', 'tools', 'post-message.ts'))).toBe(true);
    expect(JSON.parse(readFileSync(join(target, 'package.json'), 'utf8')).name).toBe('acme-cliq-bots');
  });

  it('explains refusals and bad usage with an exit code', () => {
    expect(capture(['acme-extras', '--app', 'slack'])).toMatchObject({ code: 1, err: expect.stringContaining('"slack" is not a Zoho app') });
    expect(capture(['Acme', '--app', 'crm'])).toMatchObject({ code: 1, err: expect.stringContaining('kebab-case') });
    expect(capture(['acme-extras'])).toMatchObject({ code: 1, err: expect.stringContaining('Give --app') });
    expect(capture([])).toMatchObject({ code: 2, err: expect.stringContaining('Usage: npm run new-plugin') });
    expect(capture(['acme-extras', '--app', 'crm', '--force'])).toMatchObject({ code: 2, err: expect.stringContaining("'--force'") });
    expect(capture(['acme-extras', '--app', 'crm', '--out'])).toMatchObject({ code: 2, err: expect.stringContaining('--out') });
    expect(capture(['one', 'two', '--app', 'crm'])).toMatchObject({ code: 2, err: expect.stringContaining('one plugin at a time') });
    expect(capture(['--help'])).toMatchObject({ code: 0, out: expect.stringContaining('--package <name>') });
  });

  it('runs as the root script `npm run new-plugin`', async () => {
    const dry = await run('npm', ['run', '--silent', 'new-plugin', '--', 'acme-crm-extras', '--app', 'crm', '--dry-run'], { cwd: WORKSPACE_ROOT, env: childEnv(), timeoutMs: 60_000 });
    expect(dry.code, show(dry)).toBe(0);
    expect(dry.stdout).toContain('Would create (dry run, nothing written) packages/acme-crm-extras/');
    expect(dry.stdout).toContain('packages/acme-crm-extras/src/tools/create-task.ts');
    expect(dry.stdout).toContain('Add { "path": "./packages/acme-crm-extras" } to the "references" of tsconfig.json');
    expect(existsSync(join(WORKSPACE_ROOT, 'packages', 'acme-crm-extras'))).toBe(false);

    const existing = await run('npm', ['run', '--silent', 'new-plugin', '--', 'acme-crm-extras', '--app', 'crm', '--out', 'packages/crm'], { cwd: WORKSPACE_ROOT, env: childEnv(), timeoutMs: 60_000 });
    expect(existing.code).not.toBe(0);
    expect(existing.stderr).toContain('packages/crm already exists; refusing to overwrite it');
  });
});
