import { randomBytes, createHash } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import { homedir, hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ZohoConfigError } from '../errors.js';
import type { RegionCode } from '../regions.js';
import { TOKEN_KEY_VARIABLE, TokenCipher } from './crypto.js';
import type { StoredToken, TokenStore } from './types.js';

/** The refresh-token record `zoho-auth` keeps; encrypted with the access tokens. */
export interface StoredCredentials {
  clientId: string;
  refreshToken: string;
  region: RegionCode;
  scopes: string[];
  /** Epoch ms when the refresh token was obtained. */
  createdAt: number;
  /** The user's accounts server (from the login redirect), when it differs from the region's default. */
  accountsServer?: string | undefined;
}

export interface FileTokenStoreOptions {
  /** Defaults to `~/.zoho-agent-kit/tokens.enc`. */
  path?: string | undefined;
  /** `ZOHO_TOKEN_KEY`: 64 hex chars, base64 of 32 bytes, or a passphrase (scrypt). */
  key: string | Buffer | undefined;
  /**
   * A lock older than this is considered abandoned; default 30 s. A lock whose holder process is gone (its
   * pid, recorded in the lock, no longer runs on this host) is taken over at once, whatever its age.
   */
  staleLockMs?: number | undefined;
  /** Give up waiting for a lock after this long; default 60 s. */
  lockWaitMs?: number | undefined;
}

interface FileContents {
  tokens: Record<string, StoredToken>;
  credentials?: StoredCredentials | undefined;
  /** Data centers found by region discovery, by access-token key. */
  regions?: Record<string, RegionCode> | undefined;
}

export const DEFAULT_TOKEN_FILE = join(homedir(), '.zoho-agent-kit', 'tokens.enc');
const HOST = hostname();
/** A breaker lock lives for two file operations; one older than this was left by a crash. */
const BREAKER_STALE_MS = 5_000;

/** AES-256-GCM encrypted JSON file (mode 0600), written atomically; shared safely between processes on one machine. */
export class FileTokenStore implements TokenStore {
  readonly path: string;
  readonly #cipher: TokenCipher;
  readonly #staleLockMs: number;
  readonly #lockWaitMs: number;
  // Serialises read-modify-write within the process; the lock file covers other processes.
  #queue: Promise<unknown> = Promise.resolve();
  #salt: string | undefined;

  constructor(options: FileTokenStoreOptions) {
    if (options.key === undefined || options.key === '') {
      throw new ZohoConfigError(
        TOKEN_KEY_VARIABLE,
        'is not set; it encrypts the token file. Generate one with `openssl rand -hex 32` and export ZOHO_TOKEN_KEY=<value> (keep it out of the repository).',
      );
    }
    this.#cipher = new TokenCipher(options.key);
    this.path = resolve(options.path ?? DEFAULT_TOKEN_FILE);
    this.#staleLockMs = options.staleLockMs ?? 30_000;
    this.#lockWaitMs = options.lockWaitMs ?? 60_000;
  }

  /** From `ZOHO_TOKEN_FILE` and `ZOHO_TOKEN_KEY`. */
  static fromEnv(env: Record<string, string | undefined> = process.env): FileTokenStore {
    return new FileTokenStore({ path: env.ZOHO_TOKEN_FILE?.trim() || undefined, key: env.ZOHO_TOKEN_KEY?.trim() || undefined });
  }

  async get(key: string): Promise<StoredToken | undefined> {
    return (await this.#read()).tokens[key];
  }

  async set(key: string, token: StoredToken): Promise<void> {
    await this.#update((c) => {
      c.tokens[key] = token;
    });
  }

  async delete(key: string): Promise<void> {
    await this.#update((c) => {
      delete c.tokens[key];
    });
  }

  async getRegion(key: string): Promise<RegionCode | undefined> {
    return (await this.#read()).regions?.[key];
  }

  async setRegion(key: string, region: RegionCode): Promise<void> {
    await this.#update((c) => {
      c.regions = { ...c.regions, [key]: region };
    });
  }

  async getCredentials(): Promise<StoredCredentials | undefined> {
    return (await this.#read()).credentials;
  }

  async setCredentials(credentials: StoredCredentials): Promise<void> {
    await this.#update((c) => {
      c.credentials = credentials;
    });
  }

  /** Removes the refresh-token record and every cached access token. */
  async clear(): Promise<void> {
    await this.#update((c) => {
      c.credentials = undefined;
      c.tokens = {};
      c.regions = undefined;
    });
  }

  async withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const digest = createHash('sha256').update(key).digest('hex').slice(0, 16);
    return this.#withFileLock(`${this.path}.${digest}.lock`, fn);
  }

  async #read(): Promise<FileContents> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { tokens: {} };
      throw err;
    }
    let envelope: unknown;
    try {
      envelope = JSON.parse(text);
    } catch {
      throw this.#decryptError();
    }
    const plaintext = this.#cipher.open(envelope, () => this.#decryptError());
    this.#salt = (envelope as { salt?: string }).salt;
    const parsed = JSON.parse(plaintext) as Partial<FileContents>;
    return { tokens: parsed.tokens ?? {}, credentials: parsed.credentials, regions: parsed.regions };
  }

  #update(mutate: (contents: FileContents) => void): Promise<void> {
    const run = this.#queue.then(() =>
      this.#withFileLock(`${this.path}.lock`, async () => {
        const contents = await this.#read();
        mutate(contents);
        await this.#write(contents);
      }),
    );
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #write(contents: FileContents): Promise<void> {
    const dir = dirname(this.path);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const envelope = this.#cipher.seal(JSON.stringify(contents), this.#salt);
    this.#salt = envelope.salt;
    // Temp file in the same directory so rename is atomic; created 0600 so no window of wider access.
    const tmp = join(dir, `.${randomBytes(6).toString('hex')}.tokens.tmp`);
    const handle = await open(tmp, 'wx', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(envelope)}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await chmod(tmp, 0o600); // umask cannot widen it, but be explicit
      await rename(tmp, this.path);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }

  async #withFileLock<T>(lockPath: string, fn: () => Promise<T>): Promise<T> {
    // pid first, so a waiter can tell whether the holder still runs; the host, because a pid means nothing elsewhere.
    const owner = `${process.pid}:${randomBytes(8).toString('hex')}:${HOST}`;
    const deadline = Date.now() + this.#lockWaitMs;
    await mkdir(dirname(lockPath), { recursive: true, mode: 0o700 });
    for (let delay = 10; ; delay = Math.min(delay * 2, 100)) {
      try {
        const handle = await open(lockPath, 'wx', 0o600);
        await handle.writeFile(owner);
        await handle.close();
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      if (await this.#breakIfAbandoned(lockPath, owner)) continue;
      if (Date.now() > deadline) {
        throw new Error(`timed out after ${this.#lockWaitMs} ms waiting for the token-file lock ${lockPath}; delete it if no zoho process is running.`);
      }
      await sleep(delay + Math.random() * delay);
    }
    try {
      return await fn();
    } finally {
      // Only remove the lock if it is still ours (a stale-lock breaker may have replaced it).
      const holder = await readFile(lockPath, 'utf8').catch(() => undefined);
      if (holder === owner) await unlink(lockPath).catch(() => undefined);
    }
  }

  /**
   * Removes the lock when its holder is gone or it is older than `staleLockMs`; true when the caller should
   * try to take it again at once. Breaking happens under a second, short-lived lock and only if the lock
   * still holds what was judged abandoned, so two waiters can never break it twice and delete a live one.
   */
  async #breakIfAbandoned(lockPath: string, owner: string): Promise<boolean> {
    const seen = await lockState(lockPath);
    if (!seen) return true; // released meanwhile
    if (!holderIsGone(seen.holder) && Date.now() - seen.mtimeMs <= this.#staleLockMs) return false;
    const breaker = `${lockPath}.break`;
    try {
      const handle = await open(breaker, 'wx', 0o600);
      await handle.writeFile(owner);
      await handle.close();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const other = await lockState(breaker);
      if (other && Date.now() - other.mtimeMs > BREAKER_STALE_MS) await unlink(breaker).catch(() => undefined);
      return false; // another waiter is breaking it
    }
    try {
      const now = await lockState(lockPath);
      if (now && now.holder === seen.holder) await unlink(lockPath).catch(() => undefined);
    } finally {
      await unlink(breaker).catch(() => undefined);
    }
    return true;
  }

  #decryptError(): ZohoConfigError {
    return new ZohoConfigError(
      TOKEN_KEY_VARIABLE,
      `cannot decrypt ${this.path}: wrong ZOHO_TOKEN_KEY or the file was modified. Use the key it was written with, or delete the file and run \`zoho-auth login\` again.`,
    );
  }
}

async function lockState(path: string): Promise<{ holder: string; mtimeMs: number } | undefined> {
  try {
    const [info, holder] = await Promise.all([stat(path), readFile(path, 'utf8')]);
    return { holder, mtimeMs: info.mtimeMs };
  } catch {
    return undefined;
  }
}

/** True only when the lock names a process on this host that no longer exists. */
function holderIsGone(holder: string): boolean {
  const match = /^(\d+):[0-9a-f]+(?::(.+))?$/.exec(holder.trim());
  if (!match) return false; // empty (being written) or unknown: leave it to the age rule
  const pid = Number(match[1]);
  if (match[2] !== undefined && match[2] !== HOST) return false;
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
