import {
  type FilesFolder,
  connectionOptionsFromConfig,
  createZohoConnection,
  hasZohoConfig,
  pluginOptionsFromConfig,
  resolveZohoConfig,
  type ZohoApp,
  type ZohoConnection,
} from '@zoho-agent-kit/core';
import { emulatorConnectionOptions, startEmulator, type Emulator } from '@zoho-agent-kit/core/emulator';
import type { LoadedPlugin } from './plugins.js';
import type { Env } from './model.js';

/** Where the agent's Zoho calls go. */
export interface ZohoTarget {
  connection: ZohoConnection;
  /** Set when running on the in-process emulator. */
  emulator?: Emulator | undefined;
  /** Options per app for the plugins' clients (e.g. the Books organization). */
  pluginOptions: Partial<Record<ZohoApp, unknown>>;
  /** One line for the banner. */
  description: string;
  /** Why the emulator runs: no ZOHO_* configuration, or --emulator despite one. */
  emulatorReason?: 'unconfigured' | 'forced' | undefined;
  close(): Promise<void>;
}

/**
 * A real Zoho account when ZOHO_* is configured (and not `forceEmulator`), else the emulator in-process with
 * its seed. Bad configuration throws core's ZohoConfigError, which names the variable.
 */
export async function connectZoho(plugins: readonly LoadedPlugin[], env: Env, forceEmulator: boolean, files?: FilesFolder): Promise<ZohoTarget> {
  if (!forceEmulator && hasZohoConfig(env)) {
    const config = await resolveZohoConfig(env);
    const { tokenStoreKind, ...options } = connectionOptionsFromConfig(config);
    const connection = createZohoConnection(options);
    const pluginOptions = pluginOptionsFromConfig(config, files);
    return {
      connection,
      pluginOptions,
      description: `Zoho account (data center ${config.regionSource === 'default' && !config.accountsUrl ? 'found from the refresh token' : config.region}${config.baseUrls ? ', custom base URLs' : ''}; access tokens ${{ redis: 'shared in Redis', file: 'cached in the encrypted token file', memory: 'kept in memory' }[tokenStoreKind]})`,
      close: () => connection.close(),
    };
  }
  const apps = plugins.flatMap((p) => (p.emulator ? [p.emulator] : []));
  const emulator = await startEmulator({ apps });
  const connection = createZohoConnection(emulatorConnectionOptions(emulator));
  return {
    connection,
    emulator,
    emulatorReason: hasZohoConfig(env) ? 'forced' : 'unconfigured',
    pluginOptions: pluginOptionsFromConfig(undefined, files),
    description: `built-in Zoho emulator with the demo agency's data (${apps.map((a) => a.app).join(', ') || 'no apps'})`,
    close: async () => {
      await connection.close();
      await emulator.close();
    },
  };
}
