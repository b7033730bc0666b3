import type { BuiltinNames, PluginNames, ToolNames } from '../names.js';
import type { AppDemo } from '../spec.js';

/** Everything a template needs: the app's demo, the names, and where the package sits in the workspace. */
export interface TemplateContext {
  demo: AppDemo;
  names: PluginNames;
  builtin: BuiltinNames;
  read: ToolNames;
  write: ToolNames;
  /** `NewTask`: the client's type of the write's fields. */
  newType: string;
  /** Relative paths from the package folder, so a package generated anywhere still finds the workspace. */
  paths: { tsconfigBase: string; coreBuild: string; appBuild: string };
}

/** A JSON value as a TypeScript literal in the workspace's style: single quotes, bare keys where possible. */
export function literal(value: unknown, level = 0): string {
  const pad = '  '.repeat(level + 1);
  const end = '  '.repeat(level);
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
  if (value instanceof RegExp) return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((v) => literal(v, level + 1));
    const flat = `[${items.join(', ')}]`;
    return flat.length <= 100 && !flat.includes('\n') ? flat : `[\n${items.map((i) => pad + i).join(',\n')},\n${end}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return '{}';
    const items = entries.map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : literal(k)}: ${literal(v, level + 1)}`);
    const flat = `{ ${items.join(', ')} }`;
    return flat.length <= 100 && !flat.includes('\n') ? flat : `{\n${items.map((i) => pad + i).join(',\n')},\n${end}}`;
  }
  throw new TypeError(`cannot render ${typeof value} as a literal`);
}

/** Text inside a template literal of generated code. */
export function templateText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}

/** `60000` → `60_000`, the way the workspace writes big numbers. */
export function num(n: number): string {
  return Number.isInteger(n) && Math.abs(n) >= 10_000 ? String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '_') : String(n);
}

/** A route as people read it: the emulator's globs as `{id}` (a glob in a doc comment would end it). */
export function routeText(route: string): string {
  return route.replace(/\*/g, '{id}');
}
