import { ZohoConfigError } from './errors.js';
import { parseRegion, type RegionCode, type ZohoHost } from './regions.js';

export type Env = Record<string, string | undefined>;

export interface ZohoConfig {
  /** ZOHO_REGION, else the data center `zoho-auth login` stored, else `us` (see `regionSource`). */
  region: RegionCode;
  /**
   * Where `region` came from. `default`: nobody said, so `connectionOptionsFromConfig` leaves the region out
   * and the connection finds it from the refresh token (and remembers it in the token store).
   */
  regionSource: 'ZOHO_REGION' | 'login' | 'default';
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  /** ZOHO_ACCOUNTS_URL: another accounts server (the emulator, a proxy); the region is then `us` unless ZOHO_REGION says. */
  accountsUrl?: string | undefined;
  /** ZOHO_ACCOUNTS_URL and ZOHO_<HOST>_BASE_URL (ZOHO_CRM_BASE_URL, ZOHO_WORKDRIVE_DOWNLOAD_BASE_URL, …). */
  baseUrls?: Partial<Record<ZohoHost, string>> | undefined;
  tokenKey?: string | undefined;
  tokenFile?: string | undefined;
  redisUrl?: string | undefined;
  books: { organizationId?: string | undefined };
  projects: { portalId?: string | undefined };
  mail: { accountId?: string | undefined };
  workdrive: { teamId?: string | undefined };
  calendar: { calendarUid?: string | undefined };
}

/** The variable that overrides each host's base URL (the accounts server's is ZOHO_ACCOUNTS_URL). */
export const ZOHO_HOST_VARIABLES: Readonly<Record<Exclude<ZohoHost, 'accounts'>, string>> = {
  crm: 'ZOHO_CRM_BASE_URL',
  books: 'ZOHO_BOOKS_BASE_URL',
  projects: 'ZOHO_PROJECTS_BASE_URL',
  cliq: 'ZOHO_CLIQ_BASE_URL',
  calendar: 'ZOHO_CALENDAR_BASE_URL',
  mail: 'ZOHO_MAIL_BASE_URL',
  workdrive: 'ZOHO_WORKDRIVE_BASE_URL',
  workdriveDownload: 'ZOHO_WORKDRIVE_DOWNLOAD_BASE_URL',
  workdriveUpload: 'ZOHO_WORKDRIVE_UPLOAD_BASE_URL',
};

const CONSOLE_HINT = 'Create a Server-based or Self Client at https://api-console.zoho.com (or your data center\'s console)';

/** True when the environment configures a real Zoho account at all (any of client id, secret, refresh token). */
export function hasZohoConfig(env: Env = process.env): boolean {
  return ['ZOHO_CLIENT_ID', 'ZOHO_CLIENT_SECRET', 'ZOHO_REFRESH_TOKEN'].some((name) => value(env, name) !== undefined);
}

/**
 * Reads and validates the Zoho configuration from the environment. Empty strings count as missing.
 * ZOHO_REGION is optional (see `regionSource`). Every problem is a ZohoConfigError naming the variable.
 */
export function loadZohoConfig(env: Env = process.env): ZohoConfig {
  const clientId = required(env, 'ZOHO_CLIENT_ID', `${CONSOLE_HINT} and copy its Client ID (it starts with "1000.").`);
  if (!/^1000\.\S+$/.test(clientId)) {
    throw new ZohoConfigError('ZOHO_CLIENT_ID', 'does not look like a Zoho client id: client ids start with "1000." (e.g. 1000.GMB0YULZHJK411248S8I5GZ4CHUEX0).');
  }
  const clientSecret = required(env, 'ZOHO_CLIENT_SECRET', `${CONSOLE_HINT} and copy its Client Secret.`);
  if (/\s/.test(clientSecret)) throw new ZohoConfigError('ZOHO_CLIENT_SECRET', 'contains whitespace; copy it again from the API console.');
  const refreshToken = required(
    env,
    'ZOHO_REFRESH_TOKEN',
    'run `zoho-auth login` (or `zoho-auth exchange --code <self-client code>`) to obtain one, then set it.',
  );
  if (/\s/.test(refreshToken)) throw new ZohoConfigError('ZOHO_REFRESH_TOKEN', 'contains whitespace; copy it again.');

  const regionText = value(env, 'ZOHO_REGION');
  const region = regionText === undefined ? 'us' : parseRegion(regionText, 'ZOHO_REGION');

  const baseUrls: Partial<Record<ZohoHost, string>> = {};
  const accountsUrl = url(env, 'ZOHO_ACCOUNTS_URL');
  if (accountsUrl) baseUrls.accounts = accountsUrl;
  for (const [host, name] of Object.entries(ZOHO_HOST_VARIABLES) as [ZohoHost, string][]) {
    const base = url(env, name);
    if (base) baseUrls[host] = base;
  }

  const redisUrl = value(env, 'ZOHO_REDIS_URL');
  if (redisUrl !== undefined && !/^rediss?:\/\/\S+$/.test(redisUrl)) {
    throw new ZohoConfigError('ZOHO_REDIS_URL', 'must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379/0.');
  }

  return {
    region,
    regionSource: regionText === undefined ? 'default' : 'ZOHO_REGION',
    clientId,
    clientSecret,
    refreshToken,
    accountsUrl,
    baseUrls: Object.keys(baseUrls).length ? baseUrls : undefined,
    tokenKey: value(env, 'ZOHO_TOKEN_KEY'),
    tokenFile: value(env, 'ZOHO_TOKEN_FILE'),
    redisUrl,
    books: { organizationId: id(env, 'ZOHO_BOOKS_ORGANIZATION_ID', /^\d+$/, 'digits only (Books > Settings > Organization Profile, or GET /books/v3/organizations)') },
    projects: { portalId: id(env, 'ZOHO_PROJECTS_PORTAL_ID', /^[\w.-]+$/, 'the numeric portal id (or portal name) from GET /api/v3/portals') },
    mail: { accountId: id(env, 'ZOHO_MAIL_ACCOUNT_ID', /^\d+$/, 'digits only (GET /api/accounts returns it)') },
    workdrive: { teamId: id(env, 'ZOHO_WORKDRIVE_TEAM_ID', /^[\w-]+$/, 'letters and digits (GET /workdrive/api/v1/users/me returns it)') },
    calendar: { calendarUid: id(env, 'ZOHO_CALENDAR_UID', /^[\w-]+$/, 'the calendar uid (GET /api/v1/calendars returns it); default the calendar Zoho marks default') },
  };
}

function value(env: Env, name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}

function required(env: Env, name: string, hint: string): string {
  const v = value(env, name);
  if (v === undefined) throw new ZohoConfigError(name, `is not set. ${hint}`);
  return v;
}

function url(env: Env, name: string): string | undefined {
  const v = value(env, name);
  if (v === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(v);
  } catch {
    throw new ZohoConfigError(name, `"${v}" is not a URL; use an origin such as http://127.0.0.1:8080 or https://www.zohoapis.eu.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ZohoConfigError(name, `must be an http(s) URL, got "${parsed.protocol}".`);
  }
  return v.replace(/\/+$/, '');
}

function id(env: Env, name: string, pattern: RegExp, hint: string): string | undefined {
  const v = value(env, name);
  if (v !== undefined && !pattern.test(v)) throw new ZohoConfigError(name, `"${v}" is malformed: expected ${hint}.`);
  return v;
}
