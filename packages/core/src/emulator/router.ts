/** Matches `/a/:b/c` patterns; literal segments win over parameters by being tried first. */
export interface CompiledPattern {
  pattern: string;
  segments: string[];
  literalCount: number;
}

export function compilePattern(pattern: string): CompiledPattern {
  const segments = pattern.split('/').filter(Boolean);
  return { pattern, segments, literalCount: segments.filter((s) => !s.startsWith(':')).length };
}

export function matchPattern(compiled: CompiledPattern, path: string): Record<string, string> | undefined {
  const parts = path.split('/').filter(Boolean);
  if (parts.length !== compiled.segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const seg = compiled.segments[i]!;
    const part = parts[i]!;
    if (seg.startsWith(':')) params[seg.slice(1)] = decodeURIComponent(part);
    else if (seg !== part) return undefined;
  }
  return params;
}

/** Glob for fault rules: `*` matches within one segment, `**` across segments. */
export function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  const source = escaped.replace(/\*\*/g, '\u0000').replace(/\*/g, '[^/]*').replace(/\u0000/g, '.*');
  return new RegExp(`^${source}$`);
}
