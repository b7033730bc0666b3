const SECRET_KEY = /(token|secret|password|authorization|api[-_]?key|client_secret|code_verifier)/i;
const ZOHO_TOKEN = /1000\.[0-9a-f]{32}\.[0-9a-f]{32}/gi;
const BEARER = /(Zoho-oauthtoken|Bearer)\s+\S+/gi;
const SECRET_PARAM = /\b(client_secret|refresh_token|access_token|token|code)=[^&\s]+/gi;

/** Removes anything shaped like a Zoho token, and secret query parameters, from free text. */
export function redactText(text: string): string {
  return text.replace(BEARER, '$1 [redacted]').replace(SECRET_PARAM, '$1=[redacted]').replace(ZOHO_TOKEN, '[redacted]');
}

/** Deep copy with secret-named keys and token-shaped strings replaced; for audit logs. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 20) return '[truncated]';
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? '[redacted]' : redact(v, depth + 1);
    return out;
  }
  return value;
}
