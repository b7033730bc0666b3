import { loadZohoConfig, type Env, type ZohoConfig } from './config.js';
import type { ZohoConnectionOptions } from './connection.js';
import { ZohoConfigError } from './errors.js';
import type { FilesFolder } from './files.js';
import type { ZohoApp } from './regions.js';
import { FileTokenStore } from './tokens/file-store.js';
import { RedisTokenStore } from './tokens/redis-store.js';
import type { TokenStore } from './tokens/types.js';

/**
 * `loadZohoConfig`, plus what `zoho-auth login` stored: when ZOHO_REFRESH_TOKEN is unset and the encrypted
 * token file (ZOHO_TOKEN_KEY, ZOHO_TOKEN_FILE) holds credentials for this client id, those are used, with
 * the data center the login found.
 */
export async function resolveZohoConfig(env: Env = process.env): Promise<ZohoConfig> {
  if (env.ZOHO_REFRESH_TOKEN?.trim() || !env.ZOHO_TOKEN_KEY?.trim()) return loadZohoConfig(env);
  const stored = await FileTokenStore.fromEnv(env).getCredentials();
  if (!stored) return loadZohoConfig(env); // names the missing ZOHO_REFRESH_TOKEN
  const clientId = env.ZOHO_CLIENT_ID?.trim();
  if (clientId && clientId !== stored.clientId) {
    throw new ZohoConfigError('ZOHO_CLIENT_ID', 'differs from the client that `zoho-auth login` stored a refresh token for; run `zoho-auth login` again or set ZOHO_REFRESH_TOKEN.');
  }
  const merged: Env = { ...env, ZOHO_CLIENT_ID: stored.clientId, ZOHO_REFRESH_TOKEN: stored.refreshToken };
  const fromLogin = !env.ZOHO_REGION?.trim();
  if (fromLogin) merged.ZOHO_REGION = stored.region;
  if (!env.ZOHO_ACCOUNTS_URL?.trim() && stored.accountsServer) merged.ZOHO_ACCOUNTS_URL = stored.accountsServer;
  const config = loadZohoConfig(merged);
  return fromLogin ? { ...config, regionSource: 'login' } : config;
}

/**
 * Connection options for a configuration, with the token store it implies: Redis when ZOHO_REDIS_URL is
 * set (shared by workers; encrypted whenever ZOHO_TOKEN_KEY is set, and it warns once when not), the
 * encrypted token file when ZOHO_TOKEN_KEY is set, else memory. Without ZOHO_REGION (or a stored login)
 * the region is left out, so the connection finds it from the refresh token.
 */
export function connectionOptionsFromConfig(config: ZohoConfig): ZohoConnectionOptions & { tokenStoreKind: 'redis' | 'file' | 'memory' } {
  let tokenStore: TokenStore | undefined;
  let tokenStoreKind: 'redis' | 'file' | 'memory' = 'memory';
  if (config.redisUrl) {
    tokenStore = new RedisTokenStore({ url: config.redisUrl, ...(config.tokenKey ? { encryptionKey: config.tokenKey } : {}) });
    tokenStoreKind = 'redis';
  } else if (config.tokenKey) {
    tokenStore = new FileTokenStore({ path: config.tokenFile, key: config.tokenKey });
    tokenStoreKind = 'file';
  }
  return {
    ...(config.regionSource === 'default' ? {} : { region: config.region }),
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    refreshToken: config.refreshToken,
    ...(config.accountsUrl ? { accountsUrl: config.accountsUrl } : {}),
    ...(config.baseUrls ? { baseUrls: config.baseUrls } : {}),
    ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}),
    ...(tokenStore ? { tokenStore } : {}),
    tokenStoreKind,
  };
}

/** The app plugins that read or write local files (attachments, uploads, downloads, .ics). */
const FILE_APPS = ['crm', 'mail', 'workdrive', 'calendar'] as const;

/**
 * The toolkit's `pluginOptions` for a configuration: the Books organization, Projects portal, Mail account,
 * WorkDrive team and Calendar uid it names (none without a configuration, e.g. on the emulator), and the
 * files folder for every plugin that reads or writes local files (the others take none).
 */
export function pluginOptionsFromConfig(config: ZohoConfig | undefined, files?: FilesFolder): Partial<Record<ZohoApp, Record<string, unknown>>> {
  const options: Partial<Record<ZohoApp, Record<string, unknown>>> = config
    ? {
        books: { organizationId: config.books.organizationId },
        projects: { portalId: config.projects.portalId },
        mail: { accountId: config.mail.accountId },
        calendar: { calendarUid: config.calendar.calendarUid },
        workdrive: { teamId: config.workdrive.teamId },
      }
    : {};
  if (files) for (const app of FILE_APPS) options[app] = { ...options[app], files };
  return options;
}
