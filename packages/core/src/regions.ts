import { ZohoConfigError } from './errors.js';

export const ZOHO_APPS = ['crm', 'books', 'projects', 'cliq', 'calendar', 'mail', 'workdrive'] as const;
export type ZohoApp = (typeof ZOHO_APPS)[number];
/** Every host a client may call: the accounts server, each app, and WorkDrive's download and large-upload hosts. */
export type ZohoHost = ZohoApp | 'accounts' | 'workdriveDownload' | 'workdriveUpload';

export type RegionCode = 'us' | 'eu' | 'in' | 'au' | 'jp' | 'cn' | 'ca' | 'sa' | 'uk' | 'ae';

export interface Region {
  code: RegionCode;
  name: string;
  /** Domain suffix users know it by (`com`, `eu`, `com.au`, …). */
  domain: string;
  /** Origins (scheme + host) per host kind. */
  hosts: Record<ZohoHost, string>;
  /** Hosts taken from community code rather than Zoho's documentation; override them if they fail. */
  unconfirmed: ZohoHost[];
}

/** Apps served from the `www.zohoapis.*` host, whose origin the token response's `api_domain` replaces. */
export const API_DOMAIN_APPS: readonly ZohoApp[] = ['crm', 'books', 'workdrive'];

function regular(code: RegionCode, name: string, tld: string, unconfirmed: ZohoHost[] = [], upload = `https://upload.zoho.${tld}`): Region {
  return {
    code,
    name,
    domain: tld,
    hosts: {
      accounts: `https://accounts.zoho.${tld}`,
      crm: `https://www.zohoapis.${tld}`,
      books: `https://www.zohoapis.${tld}`,
      workdrive: `https://www.zohoapis.${tld}`,
      projects: `https://projectsapi.zoho.${tld}`,
      cliq: `https://cliq.zoho.${tld}`,
      calendar: `https://calendar.zoho.${tld}`,
      mail: `https://mail.zoho.${tld}`,
      workdriveDownload: `https://download.zoho.${tld}`,
      workdriveUpload: upload,
    },
    unconfirmed,
  };
}

export const REGIONS: Readonly<Record<RegionCode, Region>> = {
  us: regular('us', 'United States', 'com'),
  eu: regular('eu', 'Europe', 'eu', ['calendar']),
  in: regular('in', 'India', 'in', ['calendar']),
  au: regular('au', 'Australia', 'com.au', ['calendar']),
  jp: regular('jp', 'Japan', 'jp', ['calendar']),
  cn: regular('cn', 'China', 'com.cn', ['calendar', 'workdriveDownload']),
  // Canada is irregular: accounts and most app hosts sit on zohocloud.ca, the API domain on zohoapis.ca.
  ca: {
    code: 'ca',
    name: 'Canada',
    domain: 'ca',
    hosts: {
      accounts: 'https://accounts.zohocloud.ca',
      crm: 'https://www.zohoapis.ca',
      books: 'https://www.zohoapis.ca',
      workdrive: 'https://www.zohoapis.ca',
      projects: 'https://projectsapi.zohocloud.ca',
      cliq: 'https://cliq.zohocloud.ca',
      calendar: 'https://calendar.zohocloud.ca',
      mail: 'https://mail.zohocloud.ca',
      workdriveDownload: 'https://download.zoho.ca',
      workdriveUpload: 'https://upload.zohocloud.ca',
    },
    unconfirmed: ['calendar', 'workdriveDownload'],
  },
  // WorkDrive's large-upload host is files.zoho.{sa,ae} there (WorkDrive's upload docs).
  sa: regular('sa', 'Saudi Arabia', 'sa', ['calendar', 'workdriveDownload'], 'https://files.zoho.sa'),
  uk: regular('uk', 'United Kingdom', 'uk', ['crm', 'books', 'workdrive', 'projects', 'cliq', 'calendar', 'mail', 'workdriveDownload', 'workdriveUpload']),
  // UAE: only www.zohoapis.ae is documented (WorkDrive's multi-DC page); the rest follow the regular pattern.
  ae: regular('ae', 'United Arab Emirates', 'ae', ['accounts', 'projects', 'cliq', 'calendar', 'mail', 'workdriveDownload'], 'https://files.zoho.ae'),
};

export const REGION_CODES = Object.keys(REGIONS) as RegionCode[];

const ALIASES: Record<string, RegionCode> = Object.fromEntries([
  ...REGION_CODES.map((code) => [code, code] as const),
  ...REGION_CODES.map((code) => [REGIONS[code].domain, code] as const),
  ['zohocloud.ca', 'ca'],
  ['com.cn', 'cn'],
]);

/** Valid spellings for `ZOHO_REGION`, for error messages. */
export function regionSpellings(): string {
  return REGION_CODES.map((c) => `${c} (${REGIONS[c].domain})`).join(', ');
}

/**
 * Reads a data-center name: `us`/`eu`/… or a domain suffix (`com`, `com.au`, `.eu`) in any case.
 * Anything else is a ZohoConfigError that lists the valid values.
 */
export function parseRegion(input: string, variable = 'ZOHO_REGION'): RegionCode {
  const key = input.trim().toLowerCase().replace(/^\.+/, '');
  const code = ALIASES[key];
  if (!code) {
    throw new ZohoConfigError(variable, `unknown Zoho data center "${input}". Use one of: ${regionSpellings()}.`);
  }
  return code;
}

export function getRegion(code: RegionCode | string): Region {
  return REGIONS[parseRegion(code)];
}

export interface HostResolution {
  /** `api_domain` from the latest token response; replaces the origin of the apps on www.zohoapis.*. */
  apiDomain?: string | undefined;
  /** Explicit origins per host (the emulator, a proxy, a host Zoho moved); win over everything. */
  overrides?: Partial<Record<ZohoHost, string>> | undefined;
}

/** The origin (or origin plus base path, for overrides) to call for one host kind in one data center. */
export function resolveHost(region: RegionCode | Region, host: ZohoHost, opts: HostResolution = {}): string {
  const r = typeof region === 'string' ? getRegion(region) : region;
  const override = opts.overrides?.[host];
  if (override) return stripSlash(override);
  if (opts.apiDomain && (API_DOMAIN_APPS as readonly string[]).includes(host)) return stripSlash(opts.apiDomain);
  return r.hosts[host];
}

function stripSlash(url: string): string {
  return url.endsWith('/') ? url.slice(0, -1) : url;
}

/** Finds the data center an accounts-server URL belongs to (from the `accounts-server` redirect parameter). */
export function regionForAccountsServer(url: string): RegionCode | undefined {
  const origin = stripSlash(url.trim()).toLowerCase();
  return REGION_CODES.find((c) => REGIONS[c].hosts.accounts === origin);
}
