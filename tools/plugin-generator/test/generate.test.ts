import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ZOHO_APPS } from '@zoho-agent-kit/core';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_SPECS } from '../src/apps.js';
import { main } from '../src/cli.js';
import { fillPlaceholders, generatePlugin, GeneratorError, renderPlugin, WORKSPACE_ROOT, ZOHO_APP_NAMES, type GeneratedFile } from '../src/generate.js';
import { childEnv, run, show } from './helpers.js';

/** The apps without a package of their own in packages/: the ones the generator has templates for. */
const NEW_APPS = ZOHO_APPS.filter((app) => !existsSync(join(WORKSPACE_ROOT, 'packages', app)));
/** An app the generator can still scaffold. */
const SOME_APP = NEW_APPS[0]!;
/** An app the generator still has a template for, as the sample in generic tests. */
const SAMPLE = SOME_APP;
const sampleTool = () => APP_SPECS[SAMPLE]!.tool.name.slice(SAMPLE.length + 1).replace(/_/g, '-');
const BOOKS = join(WORKSPACE_ROOT, 'packages', 'books');
const scratch = mkdtempSync(join(tmpdir(), 'plugin-generator-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function file(files: GeneratedFile[], path: string): string {
  const found = files.find((f) => f.path === path);
  if (!found) throw new Error(`no ${path} among ${files.map((f) => f.path).join(', ')}`);
  return found.content;
}

const booksJson = (name: string) => JSON.parse(readFileSync(join(BOOKS, name), 'utf8')) as Record<string, unknown>;

describe('the app list', () => {
  it("is core's ZOHO_APPS", () => {
    expect([...ZOHO_APP_NAMES].sort()).toEqual([...ZOHO_APPS].sort());
  });

  it('has a template for every app without a package', () => {
    expect(Object.keys(APP_SPECS).sort()).toEqual([...NEW_APPS].sort());
  });
});

describe.each(NEW_APPS)('the %s scaffold, rendered for packages/', (app) => {
  const files = renderPlugin(app, join(WORKSPACE_ROOT, 'packages', app));
  const spec = APP_SPECS[app]!;
  const toolFile = `src/tools/${spec.tool.name.slice(app.length + 1).replace(/_/g, '-')}.ts`;

  it('has the standard layout', () => {
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
        toolFile,
        'src/emulator/index.ts',
        'src/emulator/state.ts',
        'src/emulator/routes.ts',
        `test/${app}.test.ts`,
      ].sort(),
    );
    for (const f of files) expect(f.content, f.path).not.toMatch(/\{\{\w+\}\}|\[object Object\]/);
  });

  it('writes package.json like packages/books: exports with the source condition, files, engines, peers', () => {
    const pkg = JSON.parse(file(files, 'package.json')) as Record<string, unknown>;
    const books = booksJson('package.json');
    expect(pkg).toMatchObject({ name: `@zoho-agent-kit/${app}`, version: '0.1.0', type: 'module', license: 'MIT' });
    expect(pkg.description).toEqual(expect.stringContaining(spec.product));
    for (const key of ['exports', 'files', 'engines', 'peerDependencies']) expect(pkg[key], key).toEqual(books[key]);
    expect(Object.keys(pkg.exports as object)).toEqual(['.', './emulator', './package.json']);
    expect(Object.keys((pkg.exports as Record<string, object>)['.']!)[0]).toBe('@zoho-agent-kit/source');
  });

  it('writes the tsconfigs and vitest config of packages/books, referencing core', () => {
    for (const name of ['tsconfig.json', 'tsconfig.build.json', 'tsconfig.spec.json']) {
      expect(JSON.parse(file(files, name)), name).toEqual(booksJson(name));
    }
    expect(file(files, 'vitest.config.ts')).toBe(readFileSync(join(BOOKS, 'vitest.config.ts'), 'utf8').replace("name: 'books'", `name: '${app}'`));
  });

  it('exports the plugin object with its version read from package.json', () => {
    const index = file(files, 'src/index.ts');
    expect(index).toContain(`export const ${app}Plugin: ZohoPlugin<${spec.App}Client, ${spec.App}ClientOptions> = {`);
    expect(index).toContain("createRequire(import.meta.url)('../package.json')");
    expect(index).toContain(`emulator: '@zoho-agent-kit/${app}/emulator'`);
    expect(file(files, 'src/client.ts')).toContain(`connection.app({ app: '${app}', readError: ${app}EnvelopeReader })`);
    expect(file(files, 'src/envelope.ts')).toContain(`export { ${app}EnvelopeReader } from '@zoho-agent-kit/core';`);
  });

  it('ships one real read tool with scopes, a described schema and shaping', () => {
    const tool = file(files, toolFile);
    expect(spec.tool.name).not.toMatch(/ping|hello|example/);
    expect(tool).toContain(`name: '${spec.tool.name}'`);
    expect(tool).toContain("access: 'read'");
    expect(tool).toContain(`scopes: [${spec.tool.scopes.map((s) => `'${s}'`).join(', ')}]`);
    expect(tool).toMatch(/shape: /);
    expect(tool.match(/\.describe\(/g)?.length ?? 0).toBeGreaterThanOrEqual(Object.keys(spec.test.bad.input).length);
    expect(file(files, 'src/tools/index.ts')).toContain(`export const ${app}Tools: ZohoTool<${spec.App}Client>[] = [`);
  });

  it("mounts the emulator slice where core's server expects it, with a route for the tool", () => {
    const emulator = file(files, 'src/emulator/index.ts');
    expect(emulator).toContain(`basePath: '/_${app}'`);
    expect(emulator).toContain(`export const ${app}Emulator: EmulatorApp<${spec.App}State>`);
    const [method, path] = spec.tool.route.split(' ');
    const routes = file(files, 'src/emulator/routes.ts');
    expect(routes).toMatch(new RegExp(`method: '${method}',\\s+path: '${path!.replace(/[/:]/g, '\\$&')}'`));
    expect(file(files, 'src/emulator/state.ts')).toMatch(/AGENCY/);
  });

  it('writes a test over real HTTP, with the bad-input and contract checks', () => {
    const test = file(files, `test/${app}.test.ts`);
    expect(test).toContain(`startEmulator({ apps: [${app}Emulator]`);
    expect(test).toContain('sends nothing to Zoho for a bad input');
    expect(test).toContain('uniquely, each with a description, scopes and described input fields');
    expect(test).not.toMatch(/vi\.mock|fetch\(/);
  });

  it('documents install, a runnable example and the tool table in the README', () => {
    const readme = file(files, 'README.md');
    expect(readme).toContain(`npm install @zoho-agent-kit/${app} @zoho-agent-kit/core @langchain/core zod`);
    expect(readme).toContain(`const emu = await startEmulator({ apps: [${app}Emulator] });`);
    expect(readme).toContain(`| \`${spec.tool.name}\` | read |`);
  });
});

describe('generatePlugin', () => {
  it('writes <out>/<app> and reports the files and next steps', () => {
    const result = generatePlugin({ app: SOME_APP, outDir: scratch });
    expect(result.written).toBe(true);
    expect(result.packageDir).toBe(join(scratch, SOME_APP));
    for (const f of result.files) expect(readFileSync(join(scratch, SOME_APP, f.path), 'utf8')).toBe(f.content);
    // Outside the workspace the tsconfigs still reach its base config and core.
    const spec = JSON.parse(readFileSync(join(scratch, SOME_APP, 'tsconfig.spec.json'), 'utf8')) as { extends: string; references: { path: string }[] };
    expect(join(scratch, SOME_APP, spec.extends)).toBe(join(WORKSPACE_ROOT, 'tsconfig.base.json'));
    expect(join(scratch, SOME_APP, spec.references[0]!.path)).toBe(join(WORKSPACE_ROOT, 'packages', 'core', 'tsconfig.build.json'));
    expect(result.nextSteps.join('\n')).toMatch(/tsconfig\.json[\s\S]*npm install[\s\S]*apps\/agent/);
  });

  it('refuses to overwrite an existing package', () => {
    expect(() => generatePlugin({ app: SOME_APP, outDir: scratch })).toThrow(/already exists; refusing to overwrite/);
    expect(() => generatePlugin({ app: 'crm' })).toThrow(GeneratorError);
  });

  it('refuses a name that is not a Zoho app', () => {
    expect(() => generatePlugin({ app: 'slack', outDir: scratch })).toThrow(/"slack" is not a Zoho app\. Choose one of: crm, books, projects/);
    expect(existsSync(join(scratch, 'slack'))).toBe(false);
  });

  it('refuses the apps that have their own packages, which have no template', () => {
    expect(() => generatePlugin({ app: 'books', outDir: scratch })).toThrow(/"books" already has its plugin in this repository/);
    expect(() => generatePlugin({ app: 'mail', outDir: scratch })).toThrow(/"mail" already has its plugin in this repository \(packages\/mail\)/);
    expect(existsSync(join(scratch, 'books'))).toBe(false);
    for (const app of ['calendar', 'projects']) {
      expect(() => generatePlugin({ app, outDir: scratch })).toThrow(new RegExp(`"${app}" already has its plugin in this repository`));
      expect(existsSync(join(scratch, app))).toBe(false);
    }
  });

  it('writes nothing on a dry run', () => {
    const result = generatePlugin({ app: SAMPLE, outDir: scratch, dryRun: true });
    expect(result.written).toBe(false);
    expect(result.files.length).toBe(15);
    expect(existsSync(join(scratch, SAMPLE))).toBe(false);
  });

  it('fails loudly on a placeholder a template does not know', () => {
    expect(fillPlaceholders('{{app}}Plugin', { app: 'mail' })).toBe('mailPlugin');
    expect(() => fillPlaceholders('{{nope}}', { app: 'mail' }, 'x.tmpl')).toThrow('x.tmpl: unknown placeholder {{nope}}');
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
    const app = SOME_APP;
    const tool = APP_SPECS[app]!.tool.name.slice(app.length + 1).replace(/_/g, '-');
    const res = capture([app, '--dry-run', '--out', scratch]);
    expect(res.code).toBe(0);
    expect(res.out).toContain('Would create (dry run, nothing written)');
    expect(res.out).toContain(`${app}/src/tools/${tool}.ts`);
    expect(res.out).toContain('Next steps:');
    expect(existsSync(join(scratch, app))).toBe(false);
  });

  it('accepts --out=<dir>', () => {
    const res = capture(['mail', `--out=${scratch}`]);
    expect(res.code, res.err).toBe(0);
    expect(existsSync(join(scratch, 'mail', 'src', 'tools', 'list-accounts.ts'))).toBe(true);
  });

  it('explains refusals and bad usage with an exit code', () => {
    expect(capture(['slack'])).toMatchObject({ code: 1, err: expect.stringContaining('"slack" is not a Zoho app') });
    expect(capture([])).toMatchObject({ code: 2, err: expect.stringContaining('Usage: npm run new-plugin') });
    expect(capture([SAMPLE, '--force'])).toMatchObject({ code: 2, err: expect.stringContaining('unknown option --force') });
    expect(capture([SAMPLE, '--out'])).toMatchObject({ code: 2, err: expect.stringContaining('--out needs a folder') });
  });

  it('runs as the root script `npm run new-plugin`', async () => {
    const dry = await run('npm', ['run', '--silent', 'new-plugin', '--', SAMPLE, '--dry-run'], { cwd: WORKSPACE_ROOT, env: childEnv(), timeoutMs: 60_000 });
    expect(dry.code, show(dry)).toBe(0);
    expect(dry.stdout).toContain(`Would create (dry run, nothing written) packages/${SAMPLE}/`);
    expect(dry.stdout).toContain(`packages/${SAMPLE}/src/tools/${sampleTool()}.ts`);
    expect(dry.stdout).toContain(`Add { "path": "./packages/${SAMPLE}" } to the "references" of tsconfig.json`);
    expect(existsSync(join(WORKSPACE_ROOT, 'packages', SAMPLE))).toBe(false);

    const existing = await run('npm', ['run', '--silent', 'new-plugin', '--', 'crm'], { cwd: WORKSPACE_ROOT, env: childEnv(), timeoutMs: 60_000 });
    expect(existing.code).not.toBe(0);
    expect(existing.stderr).toContain('packages/crm already exists; refusing to overwrite it');
  });
});
