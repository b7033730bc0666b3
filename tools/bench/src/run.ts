/**
 * Runs the benchmarks and prints a table per benchmark plus a PASS/MISS summary.
 *   npm run bench                              all seven: pipeline limiter refresh context tool soak transfer
 *   npm run bench -- pipeline refresh          a subset, by name
 *   npm run bench -- --quick                   shorter runs (fewer iterations, shorter windows)
 */
import type { BenchOptions, BenchResult } from './lib/result.js';
import { table } from './lib/stats.js';

const BENCHES: Record<string, () => Promise<(o: BenchOptions) => Promise<BenchResult>>> = {
  pipeline: async () => (await import('./pipeline.js')).pipelineBench,
  limiter: async () => (await import('./limiter.js')).limiterBench,
  refresh: async () => (await import('./refresh.js')).refreshBench,
  context: async () => (await import('./context.js')).contextBench,
  tool: async () => (await import('./tool.js')).toolBench,
  soak: async () => (await import('./soak.js')).soakBench,
  transfer: async () => (await import('./transfer.js')).transferBench,
};

function usage(): string {
  return `usage: npm run bench -- [--quick] [--margin=0.02] [${Object.keys(BENCHES).join('|')} ...]`;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const names = args.filter((a) => !a.startsWith('--'));
  const marginArg = args.find((a) => a.startsWith('--margin='));
  const margin = marginArg ? Number(marginArg.slice('--margin='.length)) : undefined;
  if (margin !== undefined && !(margin >= 0 && margin < 1)) {
    console.error(`--margin must be a fraction such as 0.05\n${usage()}`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usage());
    return 0;
  }
  const unknown = names.filter((n) => !(n in BENCHES));
  if (unknown.length) {
    console.error(`unknown benchmark(s): ${unknown.join(', ')}\n${usage()}`);
    return 2;
  }
  const selected = names.length ? Object.keys(BENCHES).filter((n) => names.includes(n)) : Object.keys(BENCHES);
  const started = Date.now();
  console.log(`Zoho Agent Kit benchmarks — ${new Date().toISOString()} — node ${process.version}, ${process.platform}/${process.arch}${quick ? ' — QUICK' : ''}`);
  console.log(`running: ${selected.join(', ')}`);

  const results: BenchResult[] = [];
  for (const name of selected) {
    const t = Date.now();
    console.log(`\n━━━ ${name} ━━━`);
    try {
      const bench = await BENCHES[name]!();
      const result = await bench(margin === undefined ? { quick } : { quick, margin });
      results.push(result);
      for (const note of result.notes) console.log(`  note: ${note}`);
    } catch (err) {
      console.error(`  ${name} failed: ${(err as Error).stack ?? String(err)}`);
      results.push({ name, figures: [{ metric: 'benchmark ran', value: 'failed', target: 'runs', pass: false }], notes: [] });
    }
    console.log(`  (${name}: ${((Date.now() - t) / 1000).toFixed(1)} s)`);
  }

  const rows = results.flatMap((r) =>
    r.figures.map((f) => [r.name, f.metric, f.value, f.target, f.pass === undefined ? 'info' : f.pass ? 'PASS' : 'MISS']),
  );
  console.log(table(`Summary (${((Date.now() - started) / 1000).toFixed(1)} s total)`, ['bench', 'metric', 'measured', 'target', 'verdict'], rows));
  const missed = rows.filter((r) => r[4] === 'MISS').length;
  console.log(`\n${missed ? `${missed} MISS` : 'all targets met'}`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  },
);
