import {
  connectionOptionsFromConfig,
  createZohoConnection,
  FilesFolder,
  pluginOptionsFromConfig,
  resolveZohoConfig,
  type Env,
  type LoadedPlugin,
  type ZohoApp,
  type ZohoConnection,
} from '@zoho-agent-kit/core';
import { emulatorConnectionOptions, startEmulator, type Emulator } from '@zoho-agent-kit/core/emulator';

/** Where the server's Zoho calls go. */
export interface ZohoTarget {
  connection: ZohoConnection;
  /** Set when serving the built-in emulator. */
  emulator?: Emulator | undefined;
  /** Options per app for the plugins' clients (Books organization, files folder, …). */
  pluginOptions: Partial<Record<ZohoApp, unknown>>;
  /** One line for stderr at start. */
  description: string;
  /** Whether access tokens (and rate budgets) are shared with other processes through Redis. */
  shared: boolean;
  close(): Promise<void>;
}

/**
 * The built-in emulator with `emulator`, else the Zoho account that ZOHO_* describes (validated here, at
 * start: a ZohoConfigError names the variable). With ZOHO_REDIS_URL the connection shares its access token
 * and rate budgets with every other process on the same Redis.
 */
export async function connectZoho(plugins: readonly LoadedPlugin[], env: Env, options: { emulator: boolean; files: string }): Promise<ZohoTarget> {
  const files = new FilesFolder(options.files);
  if (!options.emulator) {
    const config = await resolveZohoConfig(env);
    const { tokenStoreKind, ...connectionOptions } = connectionOptionsFromConfig(config);
    const connection = createZohoConnection(connectionOptions);
    const pluginOptions = pluginOptionsFromConfig(config, files);
    const region = config.regionSource === 'default' && !config.accountsUrl ? 'found from the refresh token' : config.region;
    const tokens = { redis: 'shared in Redis with other processes', file: 'cached in the encrypted token file', memory: 'kept in memory' }[tokenStoreKind];
    return {
      connection,
      pluginOptions,
      shared: tokenStoreKind === 'redis',
      description: `Zoho account (data center ${region}${config.baseUrls ? ', custom base URLs' : ''}; access tokens ${tokens})`,
      close: () => connection.close(),
    };
  }
  const apps = plugins.flatMap((p) => (p.emulator ? [p.emulator] : []));
  const emulator = await startEmulator({ apps });
  const connection = createZohoConnection(emulatorConnectionOptions(emulator));
  return {
    connection,
    emulator,
    pluginOptions: pluginOptionsFromConfig(undefined, files),
    shared: false,
    description: `built-in Zoho emulator at ${emulator.url} with the demo agency's data (${apps.map((a) => a.app).join(', ') || 'no apps'})`,
    close: async () => {
      await connection.close();
      await emulator.close();
    },
  };
}
