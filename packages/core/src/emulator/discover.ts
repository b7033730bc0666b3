import { ZOHO_APPS } from '../regions.js';
import type { EmulatorApp } from './types.js';

/**
 * Loads the emulator slice of every app plugin that is installed (`@zoho-agent-kit/<app>/emulator`),
 * so the standalone emulator serves whatever the user has. Missing plugins are skipped.
 */
export async function discoverEmulatorApps(): Promise<EmulatorApp<any>[]> {
  const found: EmulatorApp<any>[] = [];
  for (const app of ZOHO_APPS) {
    const specifier = `@zoho-agent-kit/${app}/emulator`;
    let mod: Record<string, unknown>;
    try {
      mod = (await import(specifier)) as Record<string, unknown>;
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === 'ERR_MODULE_NOT_FOUND' || code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') continue;
      throw err;
    }
    const slice = (mod[`${app}Emulator`] ?? mod.default) as EmulatorApp<any> | undefined;
    if (slice && typeof slice === 'object' && slice.app === app) found.push(slice);
  }
  return found;
}
