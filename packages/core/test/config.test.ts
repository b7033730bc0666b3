import { describe, expect, it } from 'vitest';
import { hasZohoConfig, loadZohoConfig } from '../src/config.js';
import { ZohoConfigError } from '../src/errors.js';

const BASE = {
  ZOHO_CLIENT_ID: '1000.GMB0YULZHJK411248S8I5GZ4CHUEX0',
  ZOHO_CLIENT_SECRET: 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3',
  ZOHO_REFRESH_TOKEN: `1000.${'3'.repeat(32)}.${'4'.repeat(32)}`,
};

function configError(env: Record<string, string | undefined>): ZohoConfigError {
  try {
    loadZohoConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ZohoConfigError);
    const e = err as ZohoConfigError;
    // Messages name the variable but never echo a secret.
    expect(e.message).not.toContain(BASE.ZOHO_CLIENT_SECRET);
    expect(e.message).not.toContain(BASE.ZOHO_REFRESH_TOKEN);
    return e;
  }
  throw new Error('expected a ZohoConfigError');
}

describe('loadZohoConfig', () => {
  it('reads the minimal configuration; region defaults to us, marked as a default', () => {
    expect(loadZohoConfig(BASE)).toEqual({
      region: 'us',
      regionSource: 'default',
      clientId: BASE.ZOHO_CLIENT_ID,
      clientSecret: BASE.ZOHO_CLIENT_SECRET,
      refreshToken: BASE.ZOHO_REFRESH_TOKEN,
      accountsUrl: undefined,
      baseUrls: undefined,
      tokenKey: undefined,
      tokenFile: undefined,
      redisUrl: undefined,
      books: { organizationId: undefined },
      projects: { portalId: undefined },
      mail: { accountId: undefined },
      workdrive: { teamId: undefined },
      calendar: { calendarUid: undefined },
    });
  });

  it('reads every optional variable', () => {
    const config = loadZohoConfig({
      ...BASE,
      ZOHO_REGION: ' .COM.AU ',
      ZOHO_ACCOUNTS_URL: 'http://127.0.0.1:4010/',
      ZOHO_CRM_BASE_URL: 'http://127.0.0.1:4010',
      ZOHO_PROJECTS_BASE_URL: 'http://127.0.0.1:4010/_projects',
      ZOHO_WORKDRIVE_DOWNLOAD_BASE_URL: 'https://download.example.test',
      ZOHO_TOKEN_KEY: 'k'.repeat(64),
      ZOHO_TOKEN_FILE: '/tmp/t.enc',
      ZOHO_REDIS_URL: 'redis://127.0.0.1:6379/2',
      ZOHO_BOOKS_ORGANIZATION_ID: '10234695',
      ZOHO_PROJECTS_PORTAL_ID: '750734953',
      ZOHO_MAIL_ACCOUNT_ID: '2560636000000008002',
      ZOHO_WORKDRIVE_TEAM_ID: 'ly2ra0a8bb4b9c1c34b5d8d3f6b4b1e7a2c5a',
    });
    expect(config.region).toBe('au');
    expect(config.accountsUrl).toBe('http://127.0.0.1:4010');
    expect(config.baseUrls).toEqual({
      accounts: 'http://127.0.0.1:4010',
      crm: 'http://127.0.0.1:4010',
      projects: 'http://127.0.0.1:4010/_projects',
      workdriveDownload: 'https://download.example.test',
    });
    expect(config.tokenKey).toBe('k'.repeat(64));
    expect(config.tokenFile).toBe('/tmp/t.enc');
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379/2');
    expect(config.books.organizationId).toBe('10234695');
    expect(config.projects.portalId).toBe('750734953');
    expect(config.mail.accountId).toBe('2560636000000008002');
    expect(config.workdrive.teamId).toBe('ly2ra0a8bb4b9c1c34b5d8d3f6b4b1e7a2c5a');
  });

  it.each(['ZOHO_CLIENT_ID', 'ZOHO_CLIENT_SECRET', 'ZOHO_REFRESH_TOKEN'])('missing %s names the variable and what to do', (name) => {
    for (const value of [undefined, '', '   ']) {
      const e = configError({ ...BASE, [name]: value });
      expect(e.variable).toBe(name);
      expect(e.message).toMatch(new RegExp(`^${name}: is not set`));
    }
  });

  it('the refresh-token hint points at zoho-auth', () => {
    expect(configError({ ...BASE, ZOHO_REFRESH_TOKEN: '' }).message).toContain('zoho-auth login');
  });

  it('a malformed client id says client ids start with 1000.', () => {
    const e = configError({ ...BASE, ZOHO_CLIENT_ID: 'GMB0YULZHJK411248S8I5GZ4CHUEX0' });
    expect(e.variable).toBe('ZOHO_CLIENT_ID');
    expect(e.message).toContain('start with "1000."');
  });

  it('an unknown region lists the valid values', () => {
    const e = configError({ ...BASE, ZOHO_REGION: 'mars' });
    expect(e.variable).toBe('ZOHO_REGION');
    for (const code of ['us', 'eu', 'in', 'au', 'jp', 'cn', 'ca', 'sa', 'uk', 'ae']) expect(e.message).toContain(code);
  });

  it.each([
    ['ZOHO_ACCOUNTS_URL', 'accounts.zoho.eu'],
    ['ZOHO_CRM_BASE_URL', 'ftp://x'],
    ['ZOHO_REDIS_URL', 'localhost:6379'],
    ['ZOHO_BOOKS_ORGANIZATION_ID', 'org-12'],
    ['ZOHO_MAIL_ACCOUNT_ID', '12 34'],
    ['ZOHO_CLIENT_SECRET', 'has space'],
  ])('a malformed %s is named', (name, value) => {
    expect(configError({ ...BASE, [name]: value }).variable).toBe(name);
  });

  it('empty optional variables count as missing', () => {
    const config = loadZohoConfig({ ...BASE, ZOHO_REGION: '', ZOHO_ACCOUNTS_URL: '', ZOHO_BOOKS_ORGANIZATION_ID: ' ', ZOHO_REDIS_URL: '' });
    expect(config.region).toBe('us');
    expect(config.accountsUrl).toBeUndefined();
    expect(config.books.organizationId).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
  });
});

describe('hasZohoConfig', () => {
  it('is true when any credential variable is set, false when none or only empty ones', () => {
    expect(hasZohoConfig({})).toBe(false);
    expect(hasZohoConfig({ ZOHO_CLIENT_ID: '', ZOHO_REGION: 'eu' })).toBe(false);
    expect(hasZohoConfig({ ZOHO_CLIENT_ID: '1000.X' })).toBe(true);
    expect(hasZohoConfig({ ZOHO_CLIENT_SECRET: 's' })).toBe(true);
    expect(hasZohoConfig({ ZOHO_REFRESH_TOKEN: 'r' })).toBe(true);
  });
});
