/** Keys Zoho adds for its own bookkeeping, never useful to a model. */
const DEFAULT_NOISE = /^\$|^(layout|Layout)$|^Tag$|^Record_Image$/;

export interface CompactOptions {
  /** Extra keys to drop anywhere in the tree. */
  drop?: readonly string[];
  /** Key pattern for system noise (default: `$`-prefixed keys). */
  noise?: RegExp;
}

function isIdKey(key: string): boolean {
  return key === 'id' || /_id$/i.test(key) || /Id$/.test(key);
}

/**
 * Model-friendly copy: drops null, '', [], {} and noise keys; keeps every other business value; turns
 * numeric ids into strings. Booleans `false` and zero are kept (they are information).
 */
export function compact(value: unknown, options: CompactOptions = {}, key = ''): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number' && isIdKey(key)) return String(value);
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (Array.isArray(value)) {
    const items = value.map((v) => compact(v, options, key)).filter((v) => v !== undefined);
    return items.length ? items : undefined;
  }
  if (typeof value === 'object') {
    const noise = options.noise ?? DEFAULT_NOISE;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (noise.test(k) || options.drop?.includes(k)) continue;
      const c = compact(v, options, k);
      if (c !== undefined) out[k] = c;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return value;
}

/** Serialises a tool result for the model: compact JSON, no whitespace. */
export function toModelText(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value ?? null);
}
