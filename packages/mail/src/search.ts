/**
 * Zoho Mail's `searchKey` (mail.md §5): `parameter:value` terms joined with `::`, a value in double quotes
 * for a phrase. The tool builds it; the model never writes one. Zoho documents no escape inside quotes, so
 * double quotes in a value are dropped, `::` and line breaks become spaces; a value with a space or colon is quoted.
 */

/** One value, made safe for a term. */
export function searchValue(value: string): string {
  const clean = value.replace(/"/g, '').replace(/:{2,}/g, ' ').replace(/\s+/g, ' ').trim();
  if (!clean) return '';
  return /[\s:]/.test(clean) ? `"${clean}"` : clean;
}

export interface SearchQuery {
  from?: string | undefined;
  to?: string | undefined;
  subject?: string | undefined;
  text?: string | undefined;
}

/**
 * The searchKey for a query, or undefined when it has no term. Sender and recipient match the user name or
 * domain of an address word by word (Zoho's rule), so "Bob Burns" becomes `sender:Bob::sender:Burns`.
 */
export function buildSearchKey(query: SearchQuery): string | undefined {
  const terms: string[] = [];
  const words = (v: string) => v.split(/[\s,;]+/).map(searchValue).filter(Boolean);
  if (query.from) for (const w of words(query.from)) terms.push(`sender:${w}`);
  if (query.to) for (const w of words(query.to)) terms.push(`to:${w}`);
  const subject = query.subject ? searchValue(query.subject) : '';
  if (subject) terms.push(`subject:${subject}`);
  const text = query.text ? searchValue(query.text) : '';
  if (text) terms.push(`entire:${text}`);
  return terms.length ? terms.join('::') : undefined;
}
