import { redact as redactShapes, redactText } from './tools/redact.js';

const MIN_SECRET = 4;

/** The spellings a secret can take in an echoed request: raw, percent-encoded, form-encoded, JSON-escaped. */
function spellings(secret: string): string[] {
  return [secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2), JSON.stringify(secret).slice(1, -1)];
}

/** Every spelling of every secret, longest first, so a raw secret is not half-replaced inside a longer encoded form. */
function formsOf(secrets: Iterable<string | undefined>): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (!secret || secret.length < MIN_SECRET) continue;
    for (const form of spellings(secret)) if (form.length >= MIN_SECRET) forms.add(form);
  }
  return [...forms].sort((a, b) => b.length - a.length);
}

function replaceForms(message: string, forms: readonly string[]): string {
  let out = message;
  for (const form of forms) if (out.includes(form)) out = out.split(form).join('[redacted]');
  return out;
}

/** Removes any of `secrets` (and their encoded forms), then anything token-shaped, from a message. */
export function redactSecrets(message: string, secrets: Iterable<string | undefined>): string {
  return redactText(replaceForms(message, formsOf(secrets)));
}

/**
 * The secrets of one connection (client secret, refresh token, the access tokens it was handed) and the
 * redaction every error built from a response goes through before anyone sees it.
 */
export class SecretRedactor {
  readonly #fixed = new Set<string>();
  // Access tokens rotate; keep the latest few so an answer echoing a just-replaced token is still covered.
  readonly #recent: string[] = [];
  // The spellings of every secret held, longest first; rebuilt when a secret is added.
  #forms: string[] | undefined;

  constructor(secrets: Iterable<string | undefined> = []) {
    for (const s of secrets) if (s && s.length >= MIN_SECRET) this.#fixed.add(s);
  }

  /** Adds a secret for the life of the redactor (a client secret, a refresh token). */
  add(secret: string | undefined): void {
    if (!secret || secret.length < MIN_SECRET || this.#fixed.has(secret)) return;
    this.#fixed.add(secret);
    this.#forms = undefined;
  }

  /** Notes an access token in use; the last 8 are kept. */
  noteAccessToken(token: string | undefined): void {
    if (!token || token.length < MIN_SECRET || this.#recent.includes(token)) return;
    this.#recent.push(token);
    if (this.#recent.length > 8) this.#recent.shift();
    this.#forms = undefined;
  }

  #formsWith(extra: Iterable<string | undefined>): string[] {
    const forms = (this.#forms ??= formsOf([...this.#fixed, ...this.#recent]));
    const more = [...extra].filter((s): s is string => !!s && s.length >= MIN_SECRET && !this.#fixed.has(s) && !this.#recent.includes(s));
    return more.length ? formsOf([...this.#fixed, ...this.#recent, ...more]) : forms;
  }

  /**
   * Only this connection's secrets (every spelling) replaced, nothing else: for text that is meant to be read,
   * such as a tool's result, where token-shaped patterns would also match ordinary words ("bearer on delivery").
   */
  known(message: string, extra: Iterable<string | undefined> = []): string {
    return replaceForms(message, this.#formsWith(extra));
  }

  /** The secrets replaced, then anything token-shaped (error texts). */
  text(message: string, extra: Iterable<string | undefined> = []): string {
    return redactText(this.known(message, extra));
  }

  /** A deep copy with secret-named keys masked and every string redacted (error details). */
  value(value: unknown, extra: Iterable<string | undefined> = []): unknown {
    const forms = this.#formsWith(extra);
    const walk = (v: unknown, depth: number): unknown => {
      if (depth > 20) return '[truncated]';
      // Token-shaped text in strings is left to redactShapes below, which runs redactText on every string.
      if (typeof v === 'string') return replaceForms(v, forms);
      if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [redactText(replaceForms(k, forms)), walk(x, depth + 1)]));
      return v;
    };
    return redactShapes(walk(value, 0));
  }
}
