import type { z } from 'zod';

/** Longest string any tool accepts where its schema cannot say (values of free-form records). */
export const MAX_UNTYPED_STRING = 100_000;
/** Deepest nesting a tool input may have. */
const MAX_DEPTH = 12;

type AnySchema = z.ZodType & { _zod: { def: Record<string, any> } };

function defOf(schema: unknown): Record<string, any> {
  return (schema as AnySchema)._zod.def;
}

/** The inner schemas of a wrapper or container, with the path step each one stands for. */
function children(schema: AnySchema): { step: string | undefined; schema: AnySchema }[] {
  const def = defOf(schema);
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape as Record<string, AnySchema>).map(([k, s]) => ({ step: k, schema: s }));
    case 'array':
      return [{ step: '[]', schema: def.element }];
    case 'record':
      return [{ step: '{}', schema: def.valueType }];
    case 'tuple':
      return (def.items as AnySchema[]).map((s, i) => ({ step: `[${i}]`, schema: s }));
    case 'union':
      return (def.options as AnySchema[]).map((s) => ({ step: undefined, schema: s }));
    case 'intersection':
      return [def.left, def.right].map((s: AnySchema) => ({ step: undefined, schema: s }));
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return [{ step: undefined, schema: def.innerType }];
    case 'pipe':
      return [{ step: undefined, schema: def.in }];
    case 'lazy':
      return [];
    default:
      return [];
  }
}

/**
 * Checks a tool's input schema against the kit's contract at definition time: every nested object is
 * strict (unknown keys are errors, not dropped) and every string has a maximum length. Returns the
 * problems as `path: what to change`.
 */
export function schemaContractProblems(schema: z.ZodObject): string[] {
  const problems: string[] = [];
  const seen = new Set<unknown>();
  const visit = (s: AnySchema, path: string, top: boolean) => {
    if (seen.has(s)) return;
    seen.add(s);
    const def = defOf(s);
    if (def.type === 'object' && !top && defOf(def.catchall ?? { _zod: { def: {} } }).type !== 'never') {
      problems.push(`${path || '(input)'}: nested objects must be z.strictObject (unknown fields are errors)`);
    }
    if (def.type === 'string' && (s as unknown as z.ZodString).maxLength === null) {
      problems.push(`${path || '(input)'}: strings need .max(n) (a length Zoho accepts)`);
    }
    for (const child of children(s)) visit(child.schema, child.step === undefined ? path : !path ? child.step : child.step.startsWith('[') || child.step.startsWith('{') ? `${path}${child.step}` : `${path}.${child.step}`, false);
  };
  visit(schema as unknown as AnySchema, '', true);
  return problems;
}

/** The object schema at a path of an input (through optionals, arrays and records), for suggestions. */
export function objectAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodObject | undefined {
  let current: AnySchema | undefined = schema as AnySchema;
  const unwrap = (s: AnySchema | undefined): AnySchema | undefined => {
    let x = s;
    for (let i = 0; x && i < 10; i++) {
      const d = defOf(x);
      if (['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly', 'nonoptional'].includes(d.type)) x = d.innerType;
      else if (d.type === 'pipe') x = d.in;
      else break;
    }
    return x;
  };
  for (const step of path) {
    current = unwrap(current);
    if (!current) return undefined;
    const d = defOf(current);
    if (d.type === 'object') current = (d.shape as Record<string, AnySchema>)[String(step)];
    else if (d.type === 'array') current = d.element;
    else if (d.type === 'record') current = d.valueType;
    else if (d.type === 'union') {
      const objects = (d.options as AnySchema[]).map(unwrap).filter((o): o is AnySchema => !!o && defOf(o).type === 'object');
      current = objects.find((o) => String(step) in defOf(o).shape) ?? objects[0];
      if (current && typeof step === 'string') current = defOf(current).shape[step];
    } else return undefined;
  }
  current = unwrap(current);
  if (!current) return undefined;
  const d = defOf(current);
  if (d.type === 'object') return current as unknown as z.ZodObject;
  if (d.type === 'union') {
    const first = (d.options as AnySchema[]).map(unwrap).find((o) => o && defOf(o).type === 'object');
    return first as unknown as z.ZodObject | undefined;
  }
  return undefined;
}

/** Optimal string alignment distance (Levenshtein with adjacent transpositions), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) => [i, ...Array<number>(t.length).fill(0)]);
  for (let j = 1; j <= t.length; j++) d[0]![j] = j;
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[s.length]![t.length]!;
}

/** The valid names closest to a misspelt one (at most three), best first. */
export function closestNames(name: string, candidates: readonly string[]): string[] {
  const norm = (x: string) => x.toLowerCase().replace(/[_\s-]/g, '');
  const wanted = norm(name);
  const scored = candidates
    .map((c) => {
      const n = norm(c);
      let score = editDistance(wanted, n);
      if (n === wanted) score = 0;
      else if (wanted.length >= 3 && (n.includes(wanted) || wanted.includes(n))) score = Math.min(score, 1);
      return { c, score };
    })
    .filter(({ c, score }) => score <= Math.max(2, Math.floor(Math.min(c.length, name.length) / 3)))
    .sort((x, y) => x.score - y.score || x.c.localeCompare(y.c));
  return scored.slice(0, 3).map((s) => s.c);
}

/** A short, safe quotation of an input value for an error message: never more than `max` characters. */
export function quoteInput(value: unknown, max = 40): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  const shown = text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
  return JSON.stringify(shown);
}

export interface InputProblem {
  path: string;
  message: string;
}

/** A field path as the error texts name it: `items[2].name`; empty for the input itself. */
export function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, step) => (typeof step === 'number' ? `${acc}[${step}]` : acc ? `${acc}.${String(step)}` : String(step)), '');
}

/** The path of a problem in the input, `(input)` for the input itself. */
const problemPath = (path: readonly (string | number)[]): string => pathText(path) || '(input)';

/**
 * Checks that apply to every tool input whatever its schema: numbers beyond 2^53 (a JSON parser has already
 * rounded them: an id sent as a bare number would point at another record), strings beyond any length Zoho
 * accepts, and absurd nesting. Returns the first problem.
 */
export function inputProblem(value: unknown): InputProblem | undefined {
  const visit = (v: unknown, path: (string | number)[], depth: number): InputProblem | undefined => {
    if (depth > MAX_DEPTH) return { path: problemPath(path), message: `is nested more than ${MAX_DEPTH} levels deep` };
    if (typeof v === 'number') {
      if (Number.isInteger(v) && !Number.isSafeInteger(v)) {
        return { path: problemPath(path), message: `is a number beyond 2^53 (${String(v)}), which JSON rounds; send ids as strings, e.g. "4150868000000100003"` };
      }
      return undefined;
    }
    if (typeof v === 'bigint') return { path: problemPath(path), message: 'is a bigint; send ids as strings' };
    if (typeof v === 'string') {
      if (v.length > MAX_UNTYPED_STRING) return { path: problemPath(path), message: `is ${v.length} characters long; at most ${MAX_UNTYPED_STRING} are accepted` };
      return undefined;
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const p = visit(v[i], [...path, i], depth + 1);
        if (p) return p;
      }
      return undefined;
    }
    if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        const p = visit(child, [...path, k], depth + 1);
        if (p) return p;
      }
    }
    return undefined;
  };
  return visit(value, [], 0);
}
