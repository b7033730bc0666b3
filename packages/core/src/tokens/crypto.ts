import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { ZohoConfigError } from '../errors.js';

/**
 * AES-256-GCM sealing for token records at rest (file store, optionally Redis).
 *
 * `ZOHO_TOKEN_KEY` may be:
 *  - 64 hex characters (32 raw bytes), e.g. `openssl rand -hex 32`;
 *  - base64 of exactly 32 bytes, e.g. `openssl rand -base64 32`;
 *  - any other string of at least 12 characters: a passphrase, stretched with scrypt
 *    (N=2^15, r=8, p=1) and a random per-envelope salt stored next to the ciphertext.
 */
export interface SealedEnvelope {
  v: 1;
  alg: 'aes-256-gcm';
  kdf: 'raw' | 'scrypt';
  salt?: string;
  iv: string;
  tag: string;
  data: string;
}

export const TOKEN_KEY_VARIABLE = 'ZOHO_TOKEN_KEY';
const MIN_PASSPHRASE = 12;
const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const AAD_PREFIX = 'zoho-agent-kit/sealed/v1';

type KeyMaterial = { kind: 'raw'; key: Buffer } | { kind: 'scrypt'; passphrase: string };

export class TokenCipher {
  readonly #material: KeyMaterial;
  // scrypt is deliberately slow; derive once per salt.
  readonly #derived = new Map<string, Buffer>();

  constructor(key: string | Buffer, variable = TOKEN_KEY_VARIABLE) {
    this.#material = parseKey(key, variable);
  }

  get kdf(): 'raw' | 'scrypt' {
    return this.#material.kind;
  }

  seal(plaintext: string, reuseSalt?: string): SealedEnvelope {
    const iv = randomBytes(12);
    const kdf = this.#material.kind;
    const salt = kdf === 'scrypt' ? (reuseSalt ?? randomBytes(16).toString('base64')) : undefined;
    const cipher = createCipheriv('aes-256-gcm', this.#keyFor(salt), iv);
    cipher.setAAD(aad(kdf, salt));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const envelope: SealedEnvelope = {
      v: 1,
      alg: 'aes-256-gcm',
      kdf,
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    };
    if (salt) envelope.salt = salt;
    return envelope;
  }

  /** Returns the plaintext, or throws `onFailure()` — never garbage. */
  open(envelope: unknown, onFailure: () => Error): string {
    if (!isEnvelope(envelope)) throw onFailure();
    if (envelope.kdf !== this.#material.kind) throw onFailure();
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#keyFor(envelope.salt), Buffer.from(envelope.iv, 'base64'));
      decipher.setAAD(aad(envelope.kdf, envelope.salt));
      decipher.setAuthTag(Buffer.from(envelope.tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(envelope.data, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      throw onFailure();
    }
  }

  #keyFor(salt: string | undefined): Buffer {
    if (this.#material.kind === 'raw') return this.#material.key;
    if (!salt) throw new Error('scrypt envelope without salt');
    let key = this.#derived.get(salt);
    if (!key) {
      key = scryptSync(this.#material.passphrase, Buffer.from(salt, 'base64'), 32, SCRYPT);
      this.#derived.set(salt, key);
    }
    return key;
  }
}

function parseKey(key: string | Buffer, variable: string): KeyMaterial {
  if (Buffer.isBuffer(key)) {
    if (key.length !== 32) throw new ZohoConfigError(variable, `a raw key must be 32 bytes, got ${key.length}.`);
    return { kind: 'raw', key };
  }
  const text = key.trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return { kind: 'raw', key: Buffer.from(text, 'hex') };
  if (/^[A-Za-z0-9+/]{43}=$/.test(text) || /^[A-Za-z0-9_-]{43}$/.test(text)) {
    const bytes = Buffer.from(text, 'base64');
    if (bytes.length === 32) return { kind: 'raw', key: bytes };
  }
  if (text.length < MIN_PASSPHRASE) {
    throw new ZohoConfigError(
      variable,
      `the key is too short. Use 64 hex characters (openssl rand -hex 32), base64 of 32 bytes (openssl rand -base64 32), or a passphrase of at least ${MIN_PASSPHRASE} characters.`,
    );
  }
  return { kind: 'scrypt', passphrase: text };
}

function aad(kdf: string, salt: string | undefined): Buffer {
  return Buffer.from(`${AAD_PREFIX}|${kdf}|${salt ?? ''}`, 'utf8');
}

function isEnvelope(value: unknown): value is SealedEnvelope {
  if (!value || typeof value !== 'object') return false;
  const e = value as Record<string, unknown>;
  return (
    e.v === 1 &&
    e.alg === 'aes-256-gcm' &&
    (e.kdf === 'raw' || e.kdf === 'scrypt') &&
    typeof e.iv === 'string' &&
    typeof e.tag === 'string' &&
    typeof e.data === 'string' &&
    (e.salt === undefined || typeof e.salt === 'string')
  );
}
