/**
 * End to end: scaffold every app into a git-ignored scratch folder inside the workspace (so
 * `@zoho-agent-kit/core`, zod and vitest resolve through the root node_modules), then typecheck each package
 * with its own tsconfig.spec.json and run its own generated test with its own vitest config.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_SPECS } from '../src/apps.js';
import { generatePlugin, WORKSPACE_ROOT } from '../src/generate.js';
import { run, show, withBuildLock } from './helpers.js';

const APPS = Object.keys(APP_SPECS);
const scratch = mkdtempSync(join(WORKSPACE_ROOT, 'tools', 'plugin-generator', '.e2e-'));
const tsc = join(WORKSPACE_ROOT, 'node_modules', '.bin', 'tsc');
const vitest = join(WORKSPACE_ROOT, 'node_modules', '.bin', 'vitest');

beforeAll(async () => {
  for (const app of APPS) generatePlugin({ app, outDir: scratch });
  // tsc -p with project references reads core's declarations from packages/core/dist: make them current.
  const build = await withBuildLock(() => run(tsc, ['-b', 'packages/core/tsconfig.build.json'], { cwd: WORKSPACE_ROOT }));
  expect(build.code, `tsc -b packages/core failed:\n${show(build)}`).toBe(0);
}, 300_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.concurrent.each(APPS)('the generated %s package', (app) => {
  it('typechecks with its tsconfig.spec.json', async () => {
    const result = await run(tsc, ['--noEmit', '-p', join(scratch, app, 'tsconfig.spec.json')], { cwd: WORKSPACE_ROOT });
    expect(result.code, show(result)).toBe(0);
  }, 300_000);

  it('passes its own test against the emulator', async () => {
    const result = await run(vitest, ['run', '--root', join(scratch, app), '--reporter', 'verbose'], { cwd: WORKSPACE_ROOT });
    expect(result.code, show(result)).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`Tests\\s+${11} passed`));
    expect(result.stdout).toContain('sends nothing to Zoho for a bad input');
  }, 300_000);
});
