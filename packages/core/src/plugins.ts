/**
 * The one list of Zoho app plugins the kit's agents (REPL, MCP server, benchmarks) know. A plugin that is installed is loaded (with its emulator
 * slice for offline mode); one that is not is skipped and its apps show as "not available" in /tools.
 * A new plugin slots in by being installed under the name below and exporting `<app>Plugin` and, from
 * `/emulator`, `<app>Emulator`. Plugins whose tools work across apps (no app, client or emulator of their
 * own) have a second list, loaded after the apps.
 */
import type { EmulatorApp } from './emulator/types.js';
import type { ZohoApp } from './regions.js';
import { isCrossAppPlugin } from './tools/cross-app.js';
import type { AnyZohoPlugin, ZohoPlugin } from './tools/types.js';

export const PLUGIN_PACKAGES: Record<ZohoApp, string> = {
  crm: '@zoho-agent-kit/crm',
  books: '@zoho-agent-kit/books',
  projects: '@zoho-agent-kit/projects',
  cliq: '@zoho-agent-kit/cliq',
  calendar: '@zoho-agent-kit/calendar',
  mail: '@zoho-agent-kit/mail',
  workdrive: '@zoho-agent-kit/workdrive',
};

/** Cross-app plugins: the package and the export that holds the plugin (e.g. the workflows' `flow_` tools). */
export const CROSS_APP_PLUGIN_PACKAGES: readonly { package: string; export: string }[] = [{ package: '@zoho-agent-kit/workflows', export: 'workflowsPlugin' }];

export interface LoadedPlugin {
  /** An app plugin, or a cross-app one (whose tools use the app plugins' clients). */
  plugin: AnyZohoPlugin;
  /** The app's emulator slice; undefined when the package has none (always, for a cross-app plugin). */
  emulator: EmulatorApp<any> | undefined;
}

function isMissing(err: unknown, specifier: string): boolean {
  const e = err as { code?: string; message?: string };
  if (e.code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') return true;
  if (e.code !== 'ERR_MODULE_NOT_FOUND' && e.code !== 'MODULE_NOT_FOUND') return false;
  // Only the package itself being absent counts; a broken import inside an installed plugin is a real error.
  const message = e.message ?? '';
  const [, name = ''] = specifier.split('/');
  return message.includes(`'${specifier}'`) || message.includes(`"${specifier}"`) || new RegExp(`[/\\\\]${name}[/\\\\](src|dist)[/\\\\](emulator[/\\\\])?index\\.[jt]s`).test(message);
}

async function importIfPresent(specifier: string): Promise<Record<string, unknown> | undefined> {
  try {
    return (await import(specifier)) as Record<string, unknown>;
  } catch (err) {
    if (isMissing(err, specifier)) return undefined;
    throw err;
  }
}

/**
 * Loads every installed plugin of PLUGIN_PACKAGES, in that order, then the installed cross-app plugins of
 * CROSS_APP_PLUGIN_PACKAGES. Given a list of apps, only those app plugins (and no cross-app one, unless
 * `crossApp` says so).
 */
export async function loadInstalledPlugins(apps?: readonly ZohoApp[], options: { crossApp?: boolean } = {}): Promise<LoadedPlugin[]> {
  const loaded: LoadedPlugin[] = [];
  for (const app of apps ?? (Object.keys(PLUGIN_PACKAGES) as ZohoApp[])) {
    const specifier = PLUGIN_PACKAGES[app];
    const mod = await importIfPresent(specifier);
    const plugin = mod?.[`${app}Plugin`] as ZohoPlugin | undefined;
    if (!plugin || plugin.app !== app) continue;
    const emulatorModule = await importIfPresent(`${specifier}/emulator`);
    const emulator = emulatorModule?.[`${app}Emulator`] as EmulatorApp<any> | undefined;
    loaded.push({ plugin, emulator: emulator?.app === app ? emulator : undefined });
  }
  if (options.crossApp ?? apps === undefined) {
    for (const entry of CROSS_APP_PLUGIN_PACKAGES) {
      const plugin = (await importIfPresent(entry.package))?.[entry.export] as AnyZohoPlugin | undefined;
      if (plugin && isCrossAppPlugin(plugin)) loaded.push({ plugin, emulator: undefined });
    }
  }
  return loaded;
}
