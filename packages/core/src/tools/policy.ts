import type { ZohoApp } from '../regions.js';
import { minimalScopes } from '../scopes.js';
import type { ToolAccess, ToolUse, ZohoTool } from './types.js';

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

type PolicyTool = Pick<ZohoTool, 'name' | 'app' | 'access'> & { uses?: readonly ToolUse[] };

/** A tool's uses; a tool made before uses existed counts as one use of its app. */
export function usesOf(tool: Pick<ZohoTool, 'app' | 'access'> & { uses?: readonly ToolUse[]; scopes?: readonly string[] }): readonly ToolUse[] {
  return tool.uses ?? [{ app: tool.app as ZohoApp, access: tool.access, scopes: [...(tool.scopes ?? [])] }];
}

/** Whether the policy's app rules allow `app` at `access` (explicit tool lists aside). */
export function policyAllowsUse(policy: ToolPolicy, use: Pick<ToolUse, 'app' | 'access'>): boolean {
  return policy.apps[use.app]?.includes(use.access) ?? false;
}

/**
 * Whether a tool exists for the policy: not denied by name; allowed by name; or every required use allowed by
 * the app rules (an app's own tool: its app at its access; a tool across apps: each app at the access it uses
 * there — a write that reads CRM and writes Books needs crm:read and books:write).
 */
export function policyAllows(policy: ToolPolicy, tool: PolicyTool): boolean {
  if (policy.denyTools?.includes(tool.name)) return false;
  if (policy.allowTools?.includes(tool.name)) return true;
  return usesOf(tool)
    .filter((u) => !u.optional)
    .every((u) => policyAllowsUse(policy, u));
}

/**
 * The uses a policy enables for an allowed tool: every required one, and each optional one the app rules allow
 * (a tool granted by name in allowTools gets its required uses; its optional ones still follow the app rules).
 */
export function enabledUses(policy: ToolPolicy, tool: PolicyTool & { scopes?: readonly string[] }): ToolUse[] {
  return usesOf(tool).filter((u) => !u.optional || policyAllowsUse(policy, u));
}

/** The minimal OAuth scope list for a set of tools (duplicates and covered scopes removed): every scope each may use. */
export function requiredScopes(tools: Iterable<Pick<ZohoTool, 'scopes'>>): string[] {
  const all: string[] = [];
  for (const t of tools) all.push(...t.scopes);
  return minimalScopes(all);
}
