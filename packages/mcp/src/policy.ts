import { toolsAllowed, type LoadedPlugin, type Role, type ToolAccess, type ToolPolicy, type ZohoApp, type ZohoTool } from '@zoho-agent-kit/core';

/** The policy for `--role X` or `--apps a,b --access read,write`, narrowed to read tools by `--read-only`. */
export function buildPolicy(choice: { role?: Role | undefined; apps?: { apps: ZohoApp[]; access: ToolAccess[] } | undefined; readOnly: boolean }, plugins: readonly LoadedPlugin[]): ToolPolicy {
  let policy: ToolPolicy;
  if (choice.role) policy = choice.role.policy;
  else if (choice.apps) policy = { name: `apps:${choice.apps.apps.join(',')}`, apps: Object.fromEntries(choice.apps.apps.map((a) => [a, [...choice.apps!.access]])) };
  else throw new Error('a role or a list of apps is needed');
  if (!choice.readOnly) return policy;
  // Enforced by the toolkit, not only hidden: every write or delete tool is denied by name.
  const writes = plugins.flatMap((p) => p.plugin.tools).filter((t) => t.access !== 'read').map((t) => t.name);
  return {
    name: `${policy.name ?? 'custom'} (read-only)`,
    apps: Object.fromEntries(Object.entries(policy.apps).map(([app, levels]) => [app, (levels ?? []).filter((l) => l === 'read')])),
    ...(policy.allowTools ? { allowTools: policy.allowTools.filter((n) => !writes.includes(n)) } : {}),
    denyTools: [...new Set([...(policy.denyTools ?? []), ...writes])],
  };
}

/** The tools a policy allows among the installed plugins (what the toolkit's `allowed` will be). */
export function allowedTools(policy: ToolPolicy, plugins: readonly LoadedPlugin[]): ZohoTool[] {
  return toolsAllowed(plugins.map((p) => p.plugin), policy);
}

/** Apps the policy names whose plugin is not installed. */
export function missingApps(policy: ToolPolicy, plugins: readonly LoadedPlugin[]): ZohoApp[] {
  const installed = new Set(plugins.map((p) => p.plugin.app));
  return (Object.entries(policy.apps) as [ZohoApp, readonly ToolAccess[] | undefined][]).filter(([app, levels]) => (levels?.length ?? 0) > 0 && !installed.has(app)).map(([app]) => app);
}
