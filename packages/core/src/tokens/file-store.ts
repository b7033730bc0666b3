import { randomBytes, createHash } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import { homedir } from 'node:os';
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
  /** A lock older than this is considered abandoned by a crashed process; default 30 s. */
  staleLockMs?: number | undefined;
  /** Give up waiting for a lock after this long; default 60 s. */
  lockWaitMs?: number | undefined;
}

interface FileContents {
  tokens: Record<string, StoredToken>;
  credentials?: StoredCredentials | undefined;
}

export const DEFAULT_TOKEN_FILE = join(homedir(), '.zoho-agent-kit', 'tokens.enc');

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
    return { tokens: parsed.tokens ?? {}, credentials: parsed.credentials };
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
    const owner = `${process.pid}:${randomBytes(8).toString('hex')}`;
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
      if (await this.#isStale(lockPath)) {
        await unlink(lockPath).catch(() => undefined);
        continue;
      }
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

  async #isStale(lockPath: string): Promise<boolean> {
    try {
      return Date.now() - (await stat(lockPath)).mtimeMs > this.#staleLockMs;
    } catch {
      return false; // gone already; the next attempt will take it
    }
  }

  #decryptError(): ZohoConfigError {
    return new ZohoConfigError(
      TOKEN_KEY_VARIABLE,
      `cannot decrypt ${this.path}: wrong ZOHO_TOKEN_KEY or the file was modified. Use the key it was written with, or delete the file and run \`zoho-auth login\` again.`,
    );
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
