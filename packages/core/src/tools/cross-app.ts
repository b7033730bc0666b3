/**
 * Tools across apps: a plugin (e.g. `@zoho-agent-kit/workflows`) whose tools use several apps' clients. Each
 * such tool declares its `uses` (app, access, scopes, optional or not); a policy allows the tool where it
 * allows every required use, and each optional use where it allows that app at that access.
 */
import { ZOHO_APPS, type ZohoApp } from '../regions.js';
import { minimalScopes } from '../scopes.js';
import { enabledUses, policyAllows, usesOf, type ToolPolicy } from './policy.js';
import type { AnyZohoPlugin, ToolAccess, ToolUse, ZohoCrossAppPlugin, ZohoTool } from './types.js';

// A tool's uses are the policy's business; re-exported here beside the other helpers for tools across apps.
export { usesOf } from './policy.js';

export const ACCESS_RANK: Record<ToolAccess, number> = { read: 0, write: 1, destructive: 2 };

/** Whether a plugin is a cross-app one (no client of its own; its tools use other plugins' clients). */
export function isCrossAppPlugin(plugin: AnyZohoPlugin): plugin is ZohoCrossAppPlugin {
  return Array.isArray((plugin as { apps?: unknown }).apps) && !(ZOHO_APPS as readonly string[]).includes(plugin.app) && typeof (plugin as { createClient?: unknown }).createClient !== 'function';
}

/** The apps a tool's required uses need a plugin for. */
export function requiredApps(tool: Pick<ZohoTool, 'app' | 'access'> & { uses?: readonly ToolUse[] }): ZohoApp[] {
  return [...new Set(usesOf(tool).filter((u) => !u.optional).map((u) => u.app))];
}

/**
 * The tools a toolkit of these plugins allows under a policy, without connecting: the policy's tools whose
 * required apps all have a plugin among them (what `toolkit.allowed` will be).
 */
export function toolsAllowed(plugins: readonly AnyZohoPlugin[], policy: ToolPolicy): ZohoTool[] {
  const apps = new Set(plugins.filter((p) => !isCrossAppPlugin(p)).map((p) => p.app));
  return plugins.flatMap((p) => p.tools).filter((t) => requiredApps(t).every((a) => apps.has(a)) && policyAllows(policy, t));
}

/** The minimal OAuth scopes of those tools under the policy (optional uses only where it allows them, and their plugin is there). */
export function scopesAllowed(plugins: readonly AnyZohoPlugin[], policy: ToolPolicy): string[] {
  const apps = new Set(plugins.filter((p) => !isCrossAppPlugin(p)).map((p) => p.app));
  return minimalScopes(toolsAllowed(plugins, policy).flatMap((t) => enabledUses(policy, t).filter((u) => apps.has(u.app)).flatMap((u) => u.scopes)));
}
