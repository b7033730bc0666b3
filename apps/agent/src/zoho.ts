import {
  createZohoConnection,
  FileTokenStore,
  hasZohoConfig,
  loadZohoConfig,
  RedisTokenStore,
  type TokenStore,
  type ZohoApp,
  type ZohoConfig,
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
export async function connectZoho(plugins: readonly LoadedPlugin[], env: Env, forceEmulator: boolean): Promise<ZohoTarget> {
  if (!forceEmulator && hasZohoConfig(env)) {
    const config = loadZohoConfig(env);
    const store = tokenStore(config);
    const connection = createZohoConnection({
      region: config.region,
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      refreshToken: config.refreshToken,
      ...(config.accountsUrl ? { accountsUrl: config.accountsUrl } : {}),
      ...(config.baseUrls ? { baseUrls: config.baseUrls } : {}),
      ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}),
      ...(store ? { tokenStore: store } : {}),
    });
    const pluginOptions: Partial<Record<ZohoApp, unknown>> = {
      books: { organizationId: config.books.organizationId },
      projects: { portalId: config.projects.portalId },
      mail: { accountId: config.mail.accountId },
      workdrive: { teamId: config.workdrive.teamId },
    };
    return {
      connection,
      pluginOptions,
      description: `Zoho account (data center ${config.region}${config.baseUrls ? ', custom base URLs' : ''}; access tokens ${store ? (config.redisUrl ? 'shared in Redis' : 'cached in the encrypted token file') : 'kept in memory'})`,
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
    pluginOptions: {},
    description: `built-in Zoho emulator with the demo agency's data (${apps.map((a) => a.app).join(', ') || 'no apps'})`,
    close: async () => {
      await connection.close();
      await emulator.close();
    },
  };
}

/**
 * Where access tokens live between runs: Redis when configured (shared by workers), the encrypted token file
 * when ZOHO_TOKEN_KEY is set (the one zoho-auth writes), else memory (each run refreshes once).
 */
function tokenStore(config: ZohoConfig): TokenStore | undefined {
  if (config.redisUrl) return new RedisTokenStore({ url: config.redisUrl, ...(config.tokenKey ? { encryptionKey: config.tokenKey } : {}) });
  if (config.tokenKey) return new FileTokenStore({ path: config.tokenFile, key: config.tokenKey });
  return undefined;
}
