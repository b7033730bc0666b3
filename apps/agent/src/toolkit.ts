import {
  createZohoToolkit,
  scopesAllowed,
  type AuditHook,
  type ConfirmHook,
  type ZohoApp,
  type ZohoConnection,
  type ZohoToolkit,
} from '@zoho-agent-kit/core';
import type { LoadedPlugin } from './plugins.js';
import type { Role } from './roles.js';

export interface RoleToolkitOptions {
  role: Role;
  plugins: readonly LoadedPlugin[];
  connection: ZohoConnection;
  confirm?: ConfirmHook;
  audit?: AuditHook;
  pluginOptions?: Partial<Record<ZohoApp, unknown>>;
}

/** The role's toolkit: every installed plugin, filtered by the role's policy. */
export function createRoleToolkit(options: RoleToolkitOptions): ZohoToolkit {
  return createZohoToolkit({
    connection: options.connection,
    plugins: options.plugins.map((p) => p.plugin),
    policy: options.role.policy,
    ...(options.confirm ? { confirm: options.confirm } : {}),
    ...(options.audit ? { audit: options.audit } : {}),
    ...(options.pluginOptions ? { pluginOptions: options.pluginOptions } : {}),
  });
}

/** The minimal OAuth scopes for a role without connecting anywhere (what toolkit.scopes gives once connected). */
export function roleScopes(role: Role, plugins: readonly LoadedPlugin[]): string[] {
  return scopesAllowed(plugins.map((p) => p.plugin), role.policy);
}

/** Apps the role would use but whose plugin is not installed. */
export function unavailableApps(role: Role, plugins: readonly LoadedPlugin[]): ZohoApp[] {
  const installed = new Set(plugins.map((p) => p.plugin.app));
  return (Object.entries(role.policy.apps) as [ZohoApp, readonly string[] | undefined][])
    .filter(([app, levels]) => (levels?.length ?? 0) > 0 && !installed.has(app))
    .map(([app]) => app);
}
