/**
 * Streamed bodies end to end: an emulator route that reads its request body itself and answers with a stream,
 * the connection's `onProgress` for stream request and response bodies, a `reset` fault that cuts an answer
 * mid-body (`afterBytes`), and `disposeState` when a state is replaced or the emulator closes.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createZohoConnection, FilesFolder, ZohoApiError, type ZohoConnection } from '../src/index.js';
import { emulatorConnectionOptions, startEmulator, type Emulator, type EmulatorApp } from '../src/emulator/index.js';

interface StreamState {
  received: number[];
  buffered: number[];
  disposed: { value: boolean };
}

const disposedStates: StreamState[] = [];
const SIZE = 3 * 1024 * 1024 + 17;

/** Bytes 0..255 repeating, generated chunk by chunk (never held whole). */
function pattern(size: number, chunk = 64 * 1024): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= size) return this.push(null);
      const n = Math.min(chunk, size - sent);
      const buf = Buffer.alloc(n);
      for (let i = 0; i < n; i++) buf[i] = (sent + i) & 0xff;
      sent += n;
      this.push(buf);
    },
  });
}

const streamApp: EmulatorApp<StreamState> = {
  app: 'workdrive',
  basePath: '/_streams',
  scopes: ['WorkDrive.files.ALL'],
  createState: () => ({ received: [], buffered: [], disposed: { value: false } }),
  disposeState: (state) => {
    state.disposed.value = true;
    disposedStates.push(state);
  },
  routes: [
    {
      method: 'POST',
      path: '/upload',
      stream: true,
      scopes: ['WorkDrive.files.CREATE'],
      handle: async (req) => {
        let bytes = 0;
        for await (const chunk of req.stream!) bytes += (chunk as Buffer).length;
        req.state.received.push(bytes);
        return { status: 200, body: { bytes, rawBody: req.rawBody.length, body: req.body === undefined ? 'none' : 'parsed' } };
      },
    },
    {
      method: 'POST',
      path: '/buffered',
      scopes: ['WorkDrive.files.CREATE'],
      handle: (req) => {
        req.state.buffered.push(req.rawBody.length);
        return { status: 200, body: { bytes: req.rawBody.length } };
      },
    },
    {
      method: 'GET',
      path: '/download',
      scopes: ['WorkDrive.files.READ'],
      handle: () => ({ status: 200, stream: pattern(SIZE), headers: { 'content-type': 'application/octet-stream', 'content-length': String(SIZE) } }),
    },
  ],
  errors: {
    invalidToken: () => ({ status: 401, body: { code: 'INVALID_TOKEN' } }),
    scopeMismatch: () => ({ status: 401, body: { code: 'SCOPE' } }),
    throttled: () => ({ status: 429, body: { code: 'THROTTLED' } }),
    notFound: () => ({ status: 404, body: { code: 'NOT_FOUND' } }),
    serverError: (status) => ({ status, body: { code: 'SERVER' } }),
  },
};

let emu: Emulator;
let connection: ZohoConnection;
let dir: string;
beforeAll(async () => {
  emu = await startEmulator({ apps: [streamApp], limits: false });
  connection = createZohoConnection(emulatorConnectionOptions(emu, { limits: { workdrive: false }, retry: { baseDelayMs: 5, maxDelayMs: 10 } }));
  dir = await mkdtemp(join(tmpdir(), 'core-streams-'));
});
afterAll(async () => {
  await connection.close();
  await emu.close();
  await rm(dir, { recursive: true, force: true });
});

const state = () => emu.state<StreamState>('workdrive');

describe('streamed request bodies', () => {
  it('reach a stream route unread, with progress reported as they are sent', async () => {
    const file = join(dir, 'up.bin');
    await writeFile(file, Buffer.alloc(SIZE, 7));
    const seen: [number, number | undefined][] = [];
    const res = await connection.request<{ bytes: number; rawBody: number; body: string }>('workdrive', {
      method: 'POST',
      path: '/upload',
      body: createReadStream(file),
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(SIZE) },
      onProgress: (bytes, total) => void seen.push([bytes, total]),
    });
    expect(res.data).toEqual({ bytes: SIZE, rawBody: 0, body: 'none' });
    expect(state().received).toEqual([SIZE]);
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.at(-1)).toEqual([SIZE, SIZE]);
    expect(seen.every(([b], i) => i === 0 || b > seen[i - 1]![0])).toBe(true);
  });

  it('are still read whole for routes without stream: true', async () => {
    const res = await connection.request<{ bytes: number }>('workdrive', { method: 'POST', path: '/buffered', body: Buffer.alloc(1000, 1), contentType: 'application/octet-stream' });
    expect(res.data.bytes).toBe(1000);
  });

  it('are never sent twice: a throttled stream upload fails instead of being replayed', async () => {
    emu.faults.add({ route: 'POST /upload', kind: 'throttle', retryAfterSec: 0, times: 1 });
    const before = emu.counters.requests({ route: 'POST /upload' });
    const err = await connection
      .request('workdrive', { method: 'POST', path: '/upload', body: pattern(100_000), headers: { 'content-length': '100000' } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZohoApiError);
    expect((err as ZohoApiError).kind).toBe('throttled');
    expect(emu.counters.requests({ route: 'POST /upload' })).toBe(before + 1);
    emu.faults.clear();
  });
});

describe('streamed answers', () => {
  it('arrive as a stream, with progress reported as they are read', async () => {
    const seen: number[] = [];
    let total: number | undefined;
    const res = await connection.request<Readable>('workdrive', {
      method: 'GET',
      path: '/download',
      responseType: 'stream',
      onProgress: (bytes, t) => {
        seen.push(bytes);
        total = t;
      },
    });
    const written = await new FilesFolder(dir).write('down.bin', 'path', res.data, { expectedSize: SIZE });
    expect(written.size).toBe(SIZE);
    expect(seen.at(-1)).toBe(SIZE);
    expect(total).toBe(SIZE);
  });

  it('can be cut mid-body by a reset fault with afterBytes: no partial file under the final name', async () => {
    emu.faults.add({ route: 'GET /download', kind: 'reset', afterBytes: 1_000_000, times: 1 });
    const folder = new FilesFolder(dir);
    const err = await connection
      .request<Readable>('workdrive', { method: 'GET', path: '/download', responseType: 'stream' })
      .then((res) => folder.write('cut.bin', 'path', res.data, { expectedSize: SIZE }))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(await folder.exists('cut.bin')).toBe(false);
    expect((await folder.list()).map((f) => f.path)).not.toContain('cut.bin');
    await expect(stat(join(dir, 'cut.bin'))).rejects.toThrow();
  });
});

describe('disposeState', () => {
  it('runs for the old state on reset and for the live one on close', async () => {
    const old = state();
    emu.resetState('workdrive');
    expect(old.disposed.value).toBe(true);
    expect(state().disposed.value).toBe(false);
    const other = await startEmulator({ apps: [streamApp] });
    const live = other.state<StreamState>('workdrive');
    await other.close();
    expect(live.disposed.value).toBe(true);
    expect(disposedStates).toContain(live);
  });
});
