/**
 * Path patterns like `/crm/:version/:module/:id`, with optional constraints on parameters
 * (`{ id: /^\d+$/ }`), and the one order in which the emulator tries them.
 *
 * The order is explicit and does not depend on how a route table is written: two patterns are compared
 * segment by segment, and at the first segment where they differ a literal beats a constrained
 * parameter, which beats a free parameter. So `/crm/:version/users` always wins over
 * `/crm/:version/:module`, and `/crm/:version/:module/search` over `/crm/:version/:module/:id`.
 * Two routes of one method with the same shape are a mistake, reported when the emulator starts.
 */
export type PatternSegment = { kind: 'literal'; value: string } | { kind: 'param'; name: string; constraint?: RegExp };

export interface CompiledPattern {
  pattern: string;
  segments: PatternSegment[];
  /** Equal for patterns that match exactly the same paths (parameter names aside). */
  shape: string;
}

/** Rank of a segment kind at one position: lower is more specific. */
const rank = (s: PatternSegment) => (s.kind === 'literal' ? 0 : s.constraint ? 1 : 2);

export function compilePattern(pattern: string, constraints: Record<string, RegExp> = {}): CompiledPattern {
  const segments: PatternSegment[] = pattern
    .split('/')
    .filter(Boolean)
    .map((s) => {
      if (!s.startsWith(':')) return { kind: 'literal', value: s };
      const name = s.slice(1);
      const constraint = constraints[name];
      return constraint ? { kind: 'param', name, constraint } : { kind: 'param', name };
    });
  for (const name of Object.keys(constraints)) {
    if (!segments.some((s) => s.kind === 'param' && s.name === name)) throw new Error(`route ${pattern}: a constraint names ":${name}", which the pattern does not have`);
  }
  const shape = segments.map((s) => (s.kind === 'literal' ? s.value : s.constraint ? `:${s.constraint.source}` : ':')).join('/');
  return { pattern, segments, shape };
}

/** Negative when `a` is tried before `b`; 0 for patterns of the same shape. */
export function comparePatterns(a: CompiledPattern, b: CompiledPattern): number {
  const n = Math.min(a.segments.length, b.segments.length);
  for (let i = 0; i < n; i++) {
    const d = rank(a.segments[i]!) - rank(b.segments[i]!);
    if (d !== 0) return d;
  }
  return a.segments.length - b.segments.length;
}

function decode(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}

/** The parameters of `path` under the pattern, or undefined when it does not match (a bad `%` escape does not). */
export function matchPattern(compiled: CompiledPattern, path: string): Record<string, string> | undefined {
  const parts = path.split('/').filter(Boolean);
  if (parts.length !== compiled.segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const seg = compiled.segments[i]!;
    const part = decode(parts[i]!);
    if (part === undefined) return undefined;
    if (seg.kind === 'literal') {
      if (seg.value !== part) return undefined;
    } else {
      if (seg.constraint && !seg.constraint.test(part)) return undefined;
      params[seg.name] = part;
    }
  }
  return params;
}

/** Glob for fault rules: `*` matches within one segment, `**` across segments. */
export function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  const source = escaped.replace(/\*\*/g, '\u0000').replace(/\*/g, '[^/]*').replace(/\u0000/g, '.*');
  return new RegExp(`^${source}$`);
}
