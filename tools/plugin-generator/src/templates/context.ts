import type { PluginNames } from '../names.js';
import type { AppSpec } from '../spec.js';

/** Everything a template needs: the app's spec, its names, and where the package sits in the workspace. */
export interface TemplateContext {
  spec: AppSpec;
  names: PluginNames;
  tool: { name: string; exportName: string; file: string };
  /** Where the emulator mounts the app: '' for www.zohoapis apps, `/_<app>` for the others. */
  basePath: string;
  /** Relative paths from the package folder, so a package generated anywhere still finds the workspace. */
  paths: { tsconfigBase: string; coreBuild: string };
}

/** Indents every non-empty line of a block. */
export function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .map((line) => (line ? pad + line : line))
    .join('\n');
}

/** `60000` → `60_000`, the way the workspace writes big numbers. */
export function num(n: number): string {
  return Number.isInteger(n) && Math.abs(n) >= 10_000 ? String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '_') : String(n);
}

/** A JSON value as a TypeScript literal in the workspace's style: single quotes, bare keys where possible. */
export function literal(value: unknown, level = 0): string {
  const pad = '  '.repeat(level + 1);
  const end = '  '.repeat(level);
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') {
    const escaped = value.replace(/\\/g, '\\\\');
    return value.includes("'") && !value.includes('"') ? `"${escaped}"` : `'${escaped.replace(/'/g, "\\'")}'`;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((v) => literal(v, level + 1));
    const flat = `[${items.join(', ')}]`;
    return flat.length <= 80 && !flat.includes('\n') ? flat : `[\n${items.map((i) => pad + i).join(',\n')},\n${end}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return '{}';
    const items = entries.map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : literal(k)}: ${literal(v, level + 1)}`);
    const flat = `{ ${items.join(', ')} }`;
    return flat.length <= 80 && !flat.includes('\n') ? flat : `{\n${items.map((i) => pad + i).join(',\n')},\n${end}}`;
  }
  throw new TypeError(`cannot render ${typeof value} as a literal`);
}
