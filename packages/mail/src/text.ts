/**
 * Message bodies as a model reads them: HTML turned into plain text (html-to-text), Zoho's (and other
 * clients') quoted history and signature blocks left out, plain-text quotes and sign-offs trimmed with
 * email-reply-parser; headers and address lists normalised.
 */
import emailAddresses from 'email-addresses';
import EmailReplyParser from 'email-reply-parser';
import { convert, type HtmlToTextOptions, type SelectorDefinition } from 'html-to-text';

/** Quoted history as mail clients mark it in HTML: Zoho's `zmail_extra`, blockquotes, Gmail, Outlook, Thunderbird. */
const QUOTE_SELECTORS = ['.zmail_extra', '.zmail_extra_hr', 'blockquote', '.gmail_quote', '#divRplyFwdMsg', '#appendonsend', '.moz-cite-prefix', 'div.OutlookMessageHeader'];
/** Signature blocks: Zoho's editor marks them `Zm-_Id_-Sgn`; Gmail and Apple Mail have their own. */
const SIGNATURE_SELECTORS = ['#Zm-_Id_-Sgn', '.gmail_signature', '[data-smartmail="gmail_signature"]', '#signature', '.signature'];

const BASE_SELECTORS: SelectorDefinition[] = [
  { selector: 'img', format: 'skip' },
  { selector: 'a', options: { hideLinkHrefIfSameAsText: true, ignoreHref: false } },
  { selector: 'h1', options: { uppercase: false } },
  { selector: 'h2', options: { uppercase: false } },
  { selector: 'h3', options: { uppercase: false } },
  { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
  { selector: 'style', format: 'skip' },
  { selector: 'script', format: 'skip' },
];

function options(trim: boolean): HtmlToTextOptions {
  const skip = trim ? [...QUOTE_SELECTORS, ...SIGNATURE_SELECTORS].map((selector) => ({ selector, format: 'skip' })) : [];
  return { wordwrap: false, selectors: [...BASE_SELECTORS, ...skip], limits: { maxInputLength: 2_000_000 } };
}

/** Whether a body is HTML (Zoho's content is HTML for HTML mail and may be plain text otherwise). */
export function looksLikeHtml(text: string): boolean {
  return /<(html|body|div|p|br|span|table|a|b|i|strong|em|ul|ol|li|blockquote|h[1-6]|font|img)\b[^>]*>/i.test(text);
}

export function htmlToText(html: string, trim = false): string {
  // Zoho's editor ends every line's <div> with a <br>; an empty line is <div><br></div>. Keep one newline per line.
  const lines = html.replace(/(<div\b[^>]*>)\s*<br\s*\/?>\s*<\/div>/gi, '$1\u00a0</div>').replace(/<br\s*\/?>\s*(<\/div>)/gi, '$1');
  return tidy(convert(lines, options(trim)));
}

function tidy(text: string): string {
  return text
    .replace(/\r\n/g, '\n')
    .replace(/[ \t\u00a0]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Plain text with quoted replies and signatures left out (email-reply-parser's visible text). */
export function trimReply(text: string): string {
  const visible = new EmailReplyParser().read(text).getVisibleText();
  return tidy(visible);
}

export interface ReadableBody {
  text: string;
  /** Characters left out as quoted history or signature (0 when nothing was trimmed). */
  trimmed: number;
  /** Characters cut because the body was longer than the cap. */
  cut: number;
}

/** The body as plain text; trimmed of quotes and signatures unless `full`; at most `maxChars`. */
export function readableBody(content: string, full: boolean, maxChars: number): ReadableBody {
  const html = looksLikeHtml(content);
  const everything = html ? htmlToText(content, false) : tidy(content);
  let text = everything;
  if (!full) {
    const kept = trimReply(html ? htmlToText(content, true) : everything);
    // Never trim a message down to nothing: the parser can take a one-line message for a signature.
    if (kept) text = kept;
  }
  const trimmed = Math.max(0, everything.length - text.length);
  const cut = Math.max(0, text.length - maxChars);
  if (cut) text = `${text.slice(0, maxChars)}…`;
  return { text, trimmed, cut };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Decodes the HTML entities Mail puts in address fields of list rows (`&lt;dana@…&gt;`). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code = entity[1]?.toLowerCase() === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

export interface MailAddress {
  address: string;
  name?: string;
}

/** `Name <address>` when there is a name, else the address. */
export function showAddress(a: MailAddress): string {
  if (!a.name) return a.address;
  const name = /[",;<>@()[\]:]/.test(a.name) ? `"${a.name.replace(/["\\]/g, '\\$&')}"` : a.name;
  return `${name} <${a.address}>`;
}

/** One RFC 5322 mailbox, or undefined when the text is not one. */
export function parseAddress(text: string): MailAddress | undefined {
  const parsed = emailAddresses.parseOneAddress({ input: text.trim(), rejectTLD: true });
  if (!parsed || parsed.type !== 'mailbox' || !parsed.address) return undefined;
  return parsed.name ? { address: parsed.address, name: parsed.name } : { address: parsed.address };
}

/**
 * An address field as Zoho sends it (comma-separated, maybe HTML-escaped, "Not Provided" for none) → addresses.
 * Falls back to splitting on commas when the list does not parse as a whole.
 */
export function addressesOf(field: unknown): MailAddress[] {
  if (typeof field !== 'string') return [];
  const text = decodeEntities(field).trim();
  if (!text || /^not provided$/i.test(text)) return [];
  const whole = emailAddresses.parseAddressList({ input: text, rejectTLD: false });
  if (whole) {
    return whole.flatMap((entry) => {
      const boxes = entry.type === 'group' ? entry.addresses : [entry];
      return boxes.filter((b) => b.address).map((b) => (b.name ? { address: b.address, name: b.name } : { address: b.address }));
    });
  }
  return text
    .split(/[,;]/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => parseAddress(part) ?? { address: part.replace(/^.*<|>.*$/g, '').trim() })
    .filter((a) => a.address);
}

/** Parses an RFC 822 header block (unfolding continuation lines) into lower-case names → values. */
export function parseHeaders(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const unfolded = text.replace(/\r\n/g, '\n').replace(/\n[ \t]+/g, ' ');
  for (const line of unfolded.split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = decodeWords(line.slice(colon + 1).trim());
    out.set(name, [...(out.get(name) ?? []), value]);
  }
  return out;
}

/** RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?ISO-8859-1?Q?…?=`) in a header value. */
export function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([bqBQ])\?([^?]*)\?=(\s+(?==\?))?/g, (whole, charset: string, encoding: string, data: string) => {
    try {
      const bytes = encoding.toUpperCase() === 'B' ? Buffer.from(data, 'base64') : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
      return new TextDecoder(charset.toLowerCase()).decode(bytes);
    } catch {
      return whole;
    }
  });
}

/** Text safe inside HTML, in elements and in quoted attributes. */
export const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Plain text as Zoho's editor writes HTML: one `<div>` per line. */
export function textToHtml(text: string): string {
  return text
    .split('\n')
    .map((line) => (line.trim() ? `<div>${escapeHtml(line)}</div>` : '<div><br></div>'))
    .join('');
}
