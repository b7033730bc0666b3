/**
 * End to end: scaffold plugins into a git-ignored scratch folder inside the workspace (so the kit's packages,
 * zod and vitest resolve through the root node_modules), then typecheck each with its own tsconfig.spec.json and
 * run its own generated test against its app's emulator slice. Two apps by default, one after the other;
 * `PLUGIN_GENERATOR_E2E_APPS=all` (or `crm,mail`) picks others.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ZOHO_APPS, type ZohoApp } from '@zoho-agent-kit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePlugin, WORKSPACE_ROOT } from '../src/generate.js';
import { run, show, withBuildLock } from './helpers.js';

const chosen = process.env.PLUGIN_GENERATOR_E2E_APPS?.trim();
const APPS: ZohoApp[] = !chosen ? ['crm', 'projects'] : chosen === 'all' ? [...ZOHO_APPS] : (chosen.split(',').map((a) => a.trim()) as ZohoApp[]);
const scratch = mkdtempSync(join(WORKSPACE_ROOT, 'tools', 'plugin-generator', '.e2e-'));
const tsc = join(WORKSPACE_ROOT, 'node_modules', '.bin', 'tsc');
const vitest = join(WORKSPACE_ROOT, 'node_modules', '.bin', 'vitest');
const dirOf = (app: ZohoApp) => join(scratch, `acme-${app}-extras`);

beforeAll(async () => {
  for (const app of APPS) generatePlugin({ name: `acme-${app}-extras`, app, packageName: `@acme/zoho-${app}-extras`, outDir: dirOf(app) });
  // tsc -p with project references reads core's and the apps' declarations from their dist: make them current.
  const configs = ['core', ...APPS].map((p) => `packages/${p}/tsconfig.build.json`);
  const build = await withBuildLock(() => run(tsc, ['-b', ...configs], { cwd: WORKSPACE_ROOT }));
  expect(build.code, `tsc -b ${configs.join(' ')} failed:\n${show(build)}`).toBe(0);
}, 300_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.each(APPS)('the generated plugin for %s', (app) => {
  it('typechecks with its tsconfig.spec.json', async () => {
    const result = await run(tsc, ['--noEmit', '-p', join(dirOf(app), 'tsconfig.spec.json')], { cwd: WORKSPACE_ROOT });
    expect(result.code, show(result)).toBe(0);
  }, 120_000);

  it("passes its own test against the app's emulator slice", async () => {
    const result = await run(vitest, ['run', '--root', dirOf(app), '--reporter', 'verbose'], { cwd: WORKSPACE_ROOT });
    expect(result.code, show(result)).toBe(0);
    const passed = /Tests\s+(\d+) passed/.exec(result.stdout);
    expect(Number(passed?.[1] ?? 0), show(result)).toBeGreaterThanOrEqual(11);
    expect(result.stdout).not.toMatch(/\d+ (failed|skipped)/);
    for (const title of ['sends nothing when the person declines', 'sends a confirmed write once', 'reported applied with its id, sent once', 'reported not applied', 'joins the built-in']) {
      expect(result.stdout, title).toContain(title);
    }
  }, 120_000);
});
