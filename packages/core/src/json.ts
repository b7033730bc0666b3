import { parse, isSafeNumber } from 'lossless-json';

// Zoho sends 19-digit ids as bare JSON numbers (Mail, Projects); JSON.parse would round them. Only an
// unquoted run counts (after `:`, `[` or `,`), so CRM's quoted ids keep the fast native parser.
const UNSAFE_INTEGER = /[:[,]\s*-?\d{16,}/;

function parseNumber(text: string): number | string {
  return isSafeNumber(text) ? Number(text) : /^-?\d+$/.test(text) ? text : Number(text);
}

/**
 * Parses JSON so that integers beyond 2^53 survive exactly (as strings). Falls back to the fast native
 * parser when the text holds no long digit run.
 */
export function parseJson(text: string): unknown {
  if (!UNSAFE_INTEGER.test(text)) return JSON.parse(text);
  return parse(text, null, parseNumber);
}
