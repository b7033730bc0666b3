import type { ZohoApp } from '../regions.js';
import { minimalScopes } from '../scopes.js';
import type { ToolAccess, ZohoTool } from './types.js';

/** Which tools may run: per app, the access levels allowed; plus explicit allow/deny lists by tool name. */
export interface ToolPolicy {
  name?: string;
  apps: Partial<Record<ZohoApp, readonly ToolAccess[]>>;
  /** Tools allowed even if their app/access is not (e.g. one write for a read-only role). */
  allowTools?: readonly string[];
  /** Tools refused whatever the app rules say. */
  denyTools?: readonly string[];
}

/** Every tool of every app, every access level: for trusted scripts and tests. */
export const ALLOW_ALL: ToolPolicy = {
  name: 'all',
  apps: { crm: ['read', 'write', 'destructive'], books: ['read', 'write', 'destructive'], projects: ['read', 'write', 'destructive'], cliq: ['read', 'write', 'destructive'], calendar: ['read', 'write', 'destructive'], mail: ['read', 'write', 'destructive'], workdrive: ['read', 'write', 'destructive'] },
};

export function policyAllows(policy: ToolPolicy, tool: Pick<ZohoTool, 'name' | 'app' | 'access'>): boolean {
  if (policy.denyTools?.includes(tool.name)) return false;
  if (policy.allowTools?.includes(tool.name)) return true;
  return policy.apps[tool.app]?.includes(tool.access) ?? false;
}

/** The minimal OAuth scope list for a set of tools (duplicates and covered scopes removed). */
export function requiredScopes(tools: Iterable<Pick<ZohoTool, 'scopes'>>): string[] {
  const all: string[] = [];
  for (const t of tools) all.push(...t.scopes);
  return minimalScopes(all);
}
