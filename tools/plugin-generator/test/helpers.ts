import { execFile } from 'node:child_process';
import { mkdirSync, rmdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** The environment for child processes, without the variables of the vitest run this test is part of. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('VITEST') && key !== 'NODE_OPTIONS') env[key] = value;
  return { ...env, FORCE_COLOR: '0', NO_COLOR: '1', ...extra };
}

/** Runs a command to completion (never throws on a non-zero exit) and reports its output and time. */
export function run(command: string, args: readonly string[], options: { cwd: string; timeoutMs?: number; env?: NodeJS.ProcessEnv }): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(command, args, { cwd: options.cwd, env: options.env ?? childEnv(), timeout: options.timeoutMs ?? 240_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr), ms: Date.now() - started });
    });
  });
}

/** Output for an assertion message, trimmed to what helps. */
export function show(result: RunResult): string {
  const text = `${result.stdout}\n${result.stderr}`.replace(/npm warn Unknown user config "nodedir".*\n?/g, '');
  return text.length > 6000 ? `…${text.slice(-6000)}` : text;
}

const LOCK = join(tmpdir(), 'zoho-agent-kit-tsc-build.lock');

/**
 * Serialises `tsc -b` of workspace packages across test files running in parallel (both write packages/core/dist).
 * A lock older than 10 minutes is a leftover of a killed run and is taken over.
 */
export async function withBuildLock<T>(fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 600_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > 600_000) rmdirSync(LOCK);
      } catch {
        // released meanwhile
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${LOCK}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await fn();
  } finally {
    rmdirSync(LOCK);
  }
}
