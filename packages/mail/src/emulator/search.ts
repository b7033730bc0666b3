/**
 * The `searchKey` grammar of Zoho Mail's search (mail.md §5, zoho.com/mail/help/search-syntax.html): terms
 * `parameter:value` joined with `::`; values in double quotes are exact phrases; the whole key `newMails`
 * means unread mail. Parameters: entire, content, sender, to, cc, subject, fileName, fileContent. OR, date,
 * folder and flag operators exist at Zoho but their syntax is unconfirmed, so the emulator refuses them.
 */
import { formatAddress, plainText, type EmuAddress, type EmuMessage } from './state.js';

export const SEARCH_PARAMETERS = ['entire', 'content', 'sender', 'to', 'cc', 'subject', 'fileName', 'fileContent'] as const;
export type SearchParameter = (typeof SEARCH_PARAMETERS)[number];

export interface SearchTerm {
  parameter: SearchParameter;
  /** Lower-cased; a phrase when quoted, else words that must all match. */
  value: string;
  phrase: boolean;
}

export type ParsedSearch = { newMails: true } | { terms: SearchTerm[] } | { error: string };

/** Splits on `::` outside double quotes. */
function splitTerms(key: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < key.length; i++) {
    const ch = key[i]!;
    if (ch === '"') quoted = !quoted;
    if (!quoted && ch === ':' && key[i + 1] === ':') {
      out.push(current);
      current = '';
      i++;
      continue;
    }
    current += ch;
  }
  out.push(current);
  return out;
}

export function parseSearchKey(key: string): ParsedSearch {
  const trimmed = key.trim();
  if (!trimmed) return { error: 'searchKey is empty' };
  if (trimmed === 'newMails') return { newMails: true };
  const terms: SearchTerm[] = [];
  for (const part of splitTerms(trimmed)) {
    const colon = part.indexOf(':');
    if (colon <= 0) return { error: `"${part.slice(0, 60)}" is not parameter:value` };
    const name = part.slice(0, colon).trim();
    const parameter = SEARCH_PARAMETERS.find((p) => p.toLowerCase() === name.toLowerCase());
    if (!parameter) return { error: `unknown search parameter "${name.slice(0, 40)}"; use ${SEARCH_PARAMETERS.join(', ')}` };
    let value = part.slice(colon + 1).trim();
    let phrase = false;
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
      value = value.slice(1, -1);
      phrase = true;
    }
    if (value.includes('"')) return { error: `unbalanced quotes in "${part.slice(0, 60)}"` };
    if (!value.trim()) return { error: `no value for ${parameter}` };
    terms.push({ parameter, value: value.toLowerCase(), phrase });
  }
  return { terms };
}

function textMatches(haystack: string, term: SearchTerm): boolean {
  const h = haystack.toLowerCase();
  if (term.phrase) return h.includes(term.value);
  return term.value.split(/\s+/).every((word) => h.includes(word));
}

/** A full address matches exactly; a word matches the user name or domain part of an address. */
function addressMatches(addresses: EmuAddress[], term: SearchTerm): boolean {
  return addresses.some((a) => {
    const address = a.address.toLowerCase();
    if (term.value.includes('@')) return address === term.value;
    return textMatches(address, term);
  });
}

export function matchesTerm(message: EmuMessage, term: SearchTerm): boolean {
  const names = () => message.attachments.map((a) => a.name).join(' ');
  const files = () => message.attachments.map((a) => (/^text\/|pdf$/.test(a.contentType) ? a.data.toString('latin1') : '')).join(' ');
  switch (term.parameter) {
    case 'sender':
      return addressMatches([message.from], term);
    case 'to':
      return addressMatches(message.to, term);
    case 'cc':
      return addressMatches(message.cc, term);
    case 'subject':
      return textMatches(message.subject, term);
    case 'content':
      return textMatches(plainText(message), term);
    case 'fileName':
      return textMatches(names(), term);
    case 'fileContent':
      return textMatches(files(), term);
    case 'entire':
      return textMatches([message.subject, formatAddress(message.from), ...message.to.map(formatAddress), ...message.cc.map(formatAddress), plainText(message), names()].join('\n'), term);
  }
}
