/**
 * The published shape: build core and crm, pack them, install only those two tarballs (plus the peers) into an
 * empty project outside the workspace, and use them from plain `node` — no tsx, no source condition, no
 * workspace links. Proves `files` ships dist, that the `@zoho-agent-kit/source` export condition (pointing at
 * src/, which is not in the tarball) is skipped by node in favour of `default`, and that a user who installs
 * crm gets core and crm only.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKSPACE_ROOT } from '../src/generate.js';
import { run, show, withBuildLock } from './helpers.js';

interface PackResult {
  name: string;
  filename: string;
  files: { path: string }[];
}

const PACKAGES = ['core', 'crm'] as const;
const work = mkdtempSync(join(tmpdir(), 'zoho-agent-kit-selective-'));
const tarballs = join(work, 'tarballs');
const project = join(work, 'project');
const tsc = join(WORKSPACE_ROOT, 'node_modules', '.bin', 'tsc');
let packed: PackResult[] = [];
const timings: Record<string, number> = {};

beforeAll(async () => {
  const build = await withBuildLock(() => run(tsc, ['-b', 'packages/core/tsconfig.build.json', 'packages/crm/tsconfig.build.json'], { cwd: WORKSPACE_ROOT }));
  timings.build = build.ms;
  expect(build.code, `tsc -b core crm failed:\n${show(build)}`).toBe(0);

  mkdirSync(tarballs);
  const pack = await run('npm', ['pack', '--json', '--pack-destination', tarballs, ...PACKAGES.flatMap((p) => ['-w', `@zoho-agent-kit/${p}`])], { cwd: WORKSPACE_ROOT });
  timings.pack = pack.ms;
  expect(pack.code, show(pack)).toBe(0);
  packed = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as PackResult[];

  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'selective-install-check', private: true, type: 'module' }, null, 2)}\n`);
  const install = await run(
    'npm',
    ['install', ...packed.map((p) => join(tarballs, p.filename)), '@langchain/core@1', 'zod@4', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'],
    { cwd: project },
  );
  timings.install = install.ms;
  expect(install.code, show(install)).toBe(0);
}, 300_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  console.log(`selective install timings (ms): ${JSON.stringify(timings)}`);
});

describe('the core and crm tarballs', () => {
  it.each(PACKAGES)('%s ships dist (entry points and types), README and package.json, and no sources', (pkg) => {
    const entry = packed.find((p) => p.name === `@zoho-agent-kit/${pkg}`);
    expect(entry, `npm pack listed ${packed.map((p) => p.name).join(', ')}`).toBeDefined();
    const paths = entry!.files.map((f) => f.path);
    for (const required of ['package.json', 'README.md', 'dist/index.js', 'dist/index.d.ts', 'dist/emulator/index.js', 'dist/emulator/index.d.ts']) {
      expect(paths, required).toContain(required);
    }
    expect(paths.filter((p) => p.startsWith('src/') || p.startsWith('test/') || p.endsWith('.tsbuildinfo') || p.endsWith('.map'))).toEqual([]);
  });

  it.each(PACKAGES)('%s keeps the source condition in exports, pointing at src/ that is not installed', (pkg) => {
    const dir = join(project, 'node_modules', '@zoho-agent-kit', pkg);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { exports: Record<string, Record<string, string>> };
    expect(manifest.exports['.']!['@zoho-agent-kit/source']).toBe('./src/index.ts');
    expect(existsSync(join(dir, 'src'))).toBe(false);
    expect(existsSync(join(dir, 'dist', 'index.js'))).toBe(true);
  });
});

describe('a project that installs only core and crm', () => {
  it('has @zoho-agent-kit/core and @zoho-agent-kit/crm and nothing else of the kit', () => {
    expect(readdirSync(join(project, 'node_modules', '@zoho-agent-kit')).sort()).toEqual(['core', 'crm']);
  });

  it('runs crm_search on the emulator with plain node, resolving every entry point to dist', async () => {
    writeFileSync(
      join(project, 'search.mjs'),
      `import { createZohoConnection, createZohoToolkit } from '@zoho-agent-kit/core';
import { emulatorConnectionOptions, startEmulator } from '@zoho-agent-kit/core/emulator';
import { crmPlugin } from '@zoho-agent-kit/crm';
import { crmEmulator } from '@zoho-agent-kit/crm/emulator';

const emu = await startEmulator({ apps: [crmEmulator] });
const connection = createZohoConnection(emulatorConnectionOptions(emu));
const kit = createZohoToolkit({ connection, plugins: [crmPlugin] });
try {
  const result = await kit.call('crm_search', { module: 'Accounts', word: 'Zylker' });
  const resolved = ['@zoho-agent-kit/core', '@zoho-agent-kit/core/emulator', '@zoho-agent-kit/crm', '@zoho-agent-kit/crm/emulator'].map((s) => import.meta.resolve(s));
  console.log(JSON.stringify({ outcome: result.outcome, result: JSON.parse(result.text), version: crmPlugin.version, resolved }));
} finally {
  await connection.close();
  await emu.close();
}
`,
    );
    const result = await run(process.execPath, ['search.mjs'], { cwd: project, timeoutMs: 60_000 });
    expect(result.code, show(result)).toBe(0);
    const out = JSON.parse(result.stdout.trim().split('\n').pop()!) as { outcome: string; result: { columns: string[]; rows: unknown[][] }; version: string; resolved: string[] };
    expect(out.outcome).toBe('ok');
    // crm_search answers with a table: the Account_Name column of its rows.
    const name = out.result.columns.indexOf('Account_Name');
    expect(out.result.rows.map((r) => r[name])).toContain('Zylker Corp');
    expect(out.version).toBe('0.1.0');
    for (const url of out.resolved) expect(url).toMatch(/\/node_modules\/@zoho-agent-kit\/(core|crm)\/dist\/(emulator\/)?index\.js$/);
  }, 120_000);

  it('typechecks a TypeScript consumer against the shipped declarations (types condition)', async () => {
    writeFileSync(
      join(project, 'check.ts'),
      `import { createZohoToolkit, type ZohoPlugin } from '@zoho-agent-kit/core';
import { startEmulator } from '@zoho-agent-kit/core/emulator';
import { crmPlugin, CrmClient } from '@zoho-agent-kit/crm';
import { crmEmulator } from '@zoho-agent-kit/crm/emulator';

const plugin: ZohoPlugin<CrmClient> = crmPlugin;
export const make = async () => createZohoToolkit({ connection: undefined as never, plugins: [plugin] });
export const emu = () => startEmulator({ apps: [crmEmulator] });
`,
    );
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, skipLibCheck: true, types: [] }, files: ['check.ts'] }),
    );
    const result = await run(tsc, ['-p', 'tsconfig.json'], { cwd: project, timeoutMs: 120_000 });
    expect(result.code, show(result)).toBe(0);
  }, 120_000);
});
