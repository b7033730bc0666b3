/**
 * Transfers: a 1 GiB file (128 MiB with --quick) uploaded and downloaded through the emulator by the WorkDrive
 * tools (`workdrive_upload` through the stream-upload host, `workdrive_download` through the download host into
 * the files folder), against a raw undici stream of the same bytes to the same emulator routes in the same run
 * (fs read stream → request body; response body → fs write stream). The emulator streams too (request body →
 * file in its temp folder; file → response), so both sides hold only buffers.
 *
 * Figures: RSS growth of this process (client and emulator) over the transfer, peak sampled every 20 ms, and
 * throughput; after one unmeasured warm-up run of each path, each runs 2 times (4 with --quick), interleaved
 * (raw, tool, tool, raw, …): the fastest run counts for throughput, the worst for RSS.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createZohoConnection, createZohoToolkit, FilesFolder } from '@zoho-agent-kit/core';
import { emulatorConnectionOptions, startEmulator } from '@zoho-agent-kit/core/emulator';
import { workdrivePlugin, type WorkDriveTransferProgress } from '@zoho-agent-kit/workdrive';
import { createWorkDriveEmulator, type WorkDriveState } from '@zoho-agent-kit/workdrive/emulator';
import type { BenchOptions, BenchResult } from './lib/result.js';
import { table } from './lib/stats.js';

const MiB = 1024 * 1024;
const RSS_TARGET = 64 * MiB;
const RATIO_TARGET = 0.8;

/** The undici copy core uses, so the raw side differs from the tools only by what the kit adds. */
const coreUndici = createRequire(import.meta.resolve('@zoho-agent-kit/core'))('undici') as typeof import('undici');

interface Run {
  path: 'raw' | 'tool';
  direction: 'upload' | 'download';
  ms: number;
  rssGrowth: number;
}

/** Runs `fn`, sampling RSS; growth is the peak over the RSS just before it started. */
async function measure(fn: () => Promise<void>): Promise<{ ms: number; rssGrowth: number }> {
  const before = process.memoryUsage.rss();
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  const started = performance.now();
  try {
    await fn();
  } finally {
    clearInterval(timer);
  }
  const ms = performance.now() - started;
  peak = Math.max(peak, process.memoryUsage.rss());
  return { ms, rssGrowth: peak - before };
}

async function writeSource(path: string, size: number): Promise<void> {
  const block = randomBytes(MiB);
  const out = createWriteStream(path);
  for (let written = 0; written < size; written += MiB) {
    if (!out.write(block.subarray(0, Math.min(MiB, size - written)))) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

const mb = (bytes: number) => (bytes / MiB).toFixed(1);
const rate = (bytes: number, ms: number) => (bytes / MiB / (ms / 1000)).toFixed(0);

export async function transferBench(opts: BenchOptions): Promise<BenchResult> {
  const size = opts.quick ? 128 * MiB : 1024 * MiB;
  // Both sides' files (source, emulator content, downloads) on tmpfs when there is one: disk write-back on a
  // shared machine swings a run by 2-5x and would hide what the kit itself costs. BENCH_TMPDIR overrides it.
  const base = process.env.BENCH_TMPDIR ?? (existsSync('/dev/shm') ? '/dev/shm' : tmpdir());
  const savedTmp = process.env.TMPDIR;
  process.env.TMPDIR = base; // the emulator's content folder is made under os.tmpdir()
  const dir = await mkdtemp(join(base, 'bench-transfer-'));
  const files = new FilesFolder(join(dir, 'files'));
  const emu = await startEmulator({ apps: [createWorkDriveEmulator({ rateLimit: false })], limits: false });
  const connection = createZohoConnection(emulatorConnectionOptions(emu, { limits: { workdrive: false } }));
  const progress: WorkDriveTransferProgress[] = [];
  const kit = createZohoToolkit({
    connection,
    plugins: [workdrivePlugin],
    confirm: () => true,
    // Every size through the stream-upload host (the route the raw side uses): 1 GiB would take it anyway.
    pluginOptions: { workdrive: { files, streamUploadAbove: 0, onProgress: (e: WorkDriveTransferProgress) => void progress.push(e) } },
  });
  const agent = new coreUndici.Agent({ connections: 8 });
  const runs: Run[] = [];
  const notes: string[] = [];
  try {
    await files.resolve('source.bin', 'path');
    await writeSource(join(files.root, 'source.bin'), size);
    const state = () => emu.state<WorkDriveState>('workdrive');
    const myFolders = state().privateSpaces.find((p) => p.owner === state().me)!.id;
    const token = (await connection.tokens.getAccessToken()).accessToken;
    const auth = { authorization: `Zoho-oauthtoken ${token}`, accept: 'application/vnd.api+json' };
    let n = 0;
    const uploaded: string[] = [];

    const rawUpload = async () => {
      const name = `raw-${++n}.bin`;
      const res = await coreUndici.request(`${emu.baseUrls.workdriveUpload}/workdrive-api/v1/stream/upload`, {
        dispatcher: agent,
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/octet-stream', 'content-length': String(size), 'x-filename': name, 'x-parent_id': myFolders, 'upload-id': randomUUID().replace(/-/g, ''), 'x-streammode': '1' },
        body: createReadStream(join(files.root, 'source.bin'), { highWaterMark: MiB }),
      });
      const text = await res.body.text();
      if (res.statusCode !== 200) throw new Error(`raw upload answered ${res.statusCode}: ${text.slice(0, 200)}`);
      uploaded.push((JSON.parse(text) as { data: { attributes: { resource_id: string } }[] }).data[0]!.attributes.resource_id);
    };
    const toolUpload = async () => {
      const res = await kit.call('workdrive_upload', { local_path: 'source.bin', folder: 'My Folders', name: `tool-${++n}.bin` });
      if (res.outcome !== 'ok') throw new Error(`workdrive_upload: ${res.text}`);
      uploaded.push((JSON.parse(res.text) as { id: string }).id);
    };
    const rawDownload = async () => {
      const target = join(files.root, `raw-down-${++n}.bin`);
      const res = await coreUndici.request(`${emu.baseUrls.workdriveDownload}/v1/workdrive/download/${uploaded[0]}`, { dispatcher: agent, method: 'GET', headers: { authorization: auth.authorization } });
      if (res.statusCode !== 200) throw new Error(`raw download answered ${res.statusCode}`);
      await pipeline(res.body, createWriteStream(target));
      if ((await stat(target)).size !== size) throw new Error('raw download: wrong size');
      await rm(target);
    };
    const toolDownload = async () => {
      const local = `tool-down-${++n}.bin`;
      const res = await kit.call('workdrive_download', { file: uploaded[0]!, local_path: local });
      if (res.outcome !== 'ok') throw new Error(`workdrive_download: ${res.text}`);
      if ((JSON.parse(res.text) as { size_bytes: number }).size_bytes !== size) throw new Error('tool download: wrong size');
      await rm(join(files.root, local));
    };

    // ABBA rounds (raw, tool, tool, raw): 2 in full mode, 4 with --quick, whose sub-second runs are noisier.
    const rounds = opts.quick ? 4 : 2;
    const round = (direction: Run['direction'], raw: () => Promise<void>, tool: () => Promise<void>): [Run['path'], Run['direction'], () => Promise<void>][] => [
      ['raw', direction, raw],
      ['tool', direction, tool],
      ['tool', direction, tool],
      ['raw', direction, raw],
    ];
    const order = [
      ...Array.from({ length: rounds / 2 }, () => round('upload', rawUpload, toolUpload)).flat(),
      ...Array.from({ length: rounds / 2 }, () => round('download', rawDownload, toolDownload)).flat(),
    ];
    // Warm-up (not measured): JIT, sockets and buffer pools of both paths, so the first measured run is not penalised.
    for (const fn of [rawUpload, toolUpload, rawDownload, toolDownload]) await fn();
    uploaded.splice(1);
    for (const [path, direction, fn] of order) {
      const m = await measure(fn);
      runs.push({ path, direction, ...m });
      // Uploaded content stays in the emulator's temp folder until close; only the first file is downloaded.
      if (direction === 'upload' && uploaded.length > 1) {
        const last = uploaded.pop()!;
        await rm(join(state().dir, last), { force: true });
        state().items.delete(last);
      }
    }

    const best = (path: Run['path'], direction: Run['direction']) => runs.filter((r) => r.path === path && r.direction === direction).sort((a, b) => a.ms - b.ms)[0]!;
    const worstRss = (path: Run['path'], direction: Run['direction']) => Math.max(...runs.filter((r) => r.path === path && r.direction === direction).map((r) => r.rssGrowth));
    console.log(
      table(
        `Transfers of ${mb(size)} MiB through the emulator (each run; per path the fastest counts for throughput, the worst for RSS)`,
        ['direction', 'path', 'seconds', 'MiB/s', 'RSS growth MiB'],
        runs.map((r) => [r.direction, r.path === 'raw' ? 'raw undici stream' : r.direction === 'upload' ? 'workdrive_upload (stream upload)' : 'workdrive_download (FilesFolder.write)', (r.ms / 1000).toFixed(2), rate(size, r.ms), mb(r.rssGrowth)]),
      ),
    );
    const events = progress.filter((e) => e.direction === 'upload');
    notes.push(`progress events: ${events.length} for the uploads (${events.filter((e) => e.source === 'server').length} from the stream-upload progress poll), ${progress.length - events.length} for the downloads; each transfer ends with done: true`);
    notes.push(`files on ${base} (source, the emulator's content, downloads); BENCH_TMPDIR=/path runs them on another file system`);
    notes.push(`RSS is the whole process (client and emulator); raw paths grew at most ${mb(worstRss('raw', 'upload'))} MiB (upload) and ${mb(worstRss('raw', 'download'))} MiB (download)`);

    const figures = (['upload', 'download'] as const).flatMap((direction) => {
      const tool = best('tool', direction);
      const raw = best('raw', direction);
      const ratio = raw.ms / tool.ms;
      const rss = worstRss('tool', direction);
      return [
        { metric: `${direction} ${mb(size)} MiB: RSS growth (tool, worst run)`, value: `${mb(rss)} MiB`, target: '≤ 64 MiB', pass: rss <= RSS_TARGET },
        { metric: `${direction} ${mb(size)} MiB: throughput tool ÷ raw undici`, value: `${ratio.toFixed(2)}× (${rate(size, tool.ms)} vs ${rate(size, raw.ms)} MiB/s)`, target: `≥ ${RATIO_TARGET}×`, pass: ratio >= RATIO_TARGET },
      ];
    });
    return { name: 'transfer', figures, notes };
  } finally {
    await agent.close();
    await connection.close();
    await emu.close();
    await rm(dir, { recursive: true, force: true });
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
  }
}
