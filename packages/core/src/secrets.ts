import { redact as redactShapes, redactText } from './tools/redact.js';

const MIN_SECRET = 4;

/** The spellings a secret can take in an echoed request: raw, percent-encoded, form-encoded, JSON-escaped. */
function spellings(secret: string): string[] {
  const forms = new Set([secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2), JSON.stringify(secret).slice(1, -1)]);
  // Longest first, so a raw secret is not half-replaced inside a longer encoded form of it.
  return [...forms].filter((f) => f.length >= MIN_SECRET).sort((a, b) => b.length - a.length);
}

/** Removes any of `secrets` (and their encoded forms), then anything token-shaped, from a message. */
export function redactSecrets(message: string, secrets: Iterable<string | undefined>): string {
  let out = message;
  for (const secret of secrets) {
    if (!secret || secret.length < MIN_SECRET) continue;
    for (const form of spellings(secret)) out = out.split(form).join('[redacted]');
  }
  return redactText(out);
}

/**
 * The secrets of one connection (client secret, refresh token, the access tokens it was handed) and the
 * redaction every error built from a response goes through before anyone sees it.
 */
export class SecretRedactor {
  readonly #fixed = new Set<string>();
  // Access tokens rotate; keep the latest few so an answer echoing a just-replaced token is still covered.
  readonly #recent: string[] = [];

  constructor(secrets: Iterable<string | undefined> = []) {
    for (const s of secrets) if (s && s.length >= MIN_SECRET) this.#fixed.add(s);
  }

  /** Adds a secret for the life of the redactor (a client secret, a refresh token). */
  add(secret: string | undefined): void {
    if (secret && secret.length >= MIN_SECRET) this.#fixed.add(secret);
  }

  /** Notes an access token in use; the last 8 are kept. */
  noteAccessToken(token: string | undefined): void {
    if (!token || token.length < MIN_SECRET || this.#recent.includes(token)) return;
    this.#recent.push(token);
    if (this.#recent.length > 8) this.#recent.shift();
  }

  text(message: string, extra: Iterable<string | undefined> = []): string {
    return redactSecrets(message, [...this.#fixed, ...this.#recent, ...extra]);
  }

  /** A deep copy with secret-named keys masked and every string redacted (error details). */
  value(value: unknown, extra: Iterable<string | undefined> = []): unknown {
    const secrets = [...this.#fixed, ...this.#recent, ...extra];
    const walk = (v: unknown, depth: number): unknown => {
      if (depth > 20) return '[truncated]';
      if (typeof v === 'string') return redactSecrets(v, secrets);
      if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [redactSecrets(k, secrets), walk(x, depth + 1)]));
      return v;
    };
    return redactShapes(walk(value, 0));
  }
}
