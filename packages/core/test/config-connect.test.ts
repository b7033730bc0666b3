import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectionOptionsFromConfig, FilesFolder, FileTokenStore, loadZohoConfig, pluginOptionsFromConfig, resolveZohoConfig, ZohoConfigError } from '../src/index.js';

const KEY = 'a'.repeat(64);
const CLIENT = '1000.ABCDEFGHIJKLMNOPQRSTUVWXYZ0123';

async function storedLogin(): Promise<Record<string, string>> {
  const file = join(await mkdtemp(join(tmpdir(), 'zak-config-')), 'tokens.enc');
  await new FileTokenStore({ path: file, key: KEY }).setCredentials({
    clientId: CLIENT,
    refreshToken: `1000.${'1'.repeat(32)}.${'2'.repeat(32)}`,
    region: 'eu',
    scopes: ['ZohoCRM.modules.READ'],
    createdAt: Date.now(),
  });
  return { ZOHO_CLIENT_ID: CLIENT, ZOHO_CLIENT_SECRET: 'secret', ZOHO_TOKEN_KEY: KEY, ZOHO_TOKEN_FILE: file };
}

describe('resolveZohoConfig', () => {
  it('uses the refresh token and data center that zoho-auth login stored', async () => {
    const config = await resolveZohoConfig(await storedLogin());
    expect(config.refreshToken).toBe(`1000.${'1'.repeat(32)}.${'2'.repeat(32)}`);
    expect(config.region).toBe('eu');
  });

  it('lets ZOHO_REFRESH_TOKEN and ZOHO_REGION win over the stored login', async () => {
    const env = { ...(await storedLogin()), ZOHO_REFRESH_TOKEN: '1000.x.y', ZOHO_REGION: 'in' };
    const config = await resolveZohoConfig(env);
    expect(config).toMatchObject({ refreshToken: '1000.x.y', region: 'in' });
  });

  it('refuses a stored login made for another client id, naming the variable', async () => {
    const env = { ...(await storedLogin()), ZOHO_CLIENT_ID: '1000.OTHER' };
    await expect(resolveZohoConfig(env)).rejects.toBeInstanceOf(ZohoConfigError);
    await expect(resolveZohoConfig(env)).rejects.toThrow(/ZOHO_CLIENT_ID/);
  });

  it('names ZOHO_REFRESH_TOKEN when there is neither a variable nor a stored login', async () => {
    await expect(resolveZohoConfig({ ZOHO_CLIENT_ID: CLIENT, ZOHO_CLIENT_SECRET: 's' })).rejects.toThrow(/ZOHO_REFRESH_TOKEN/);
  });
});

describe('connectionOptionsFromConfig', () => {
  it('leaves the region out when nobody set it, so the connection finds it from the refresh token', async () => {
    const base = { ZOHO_CLIENT_ID: CLIENT, ZOHO_CLIENT_SECRET: 's', ZOHO_REFRESH_TOKEN: '1000.x.y' };
    const unset = await resolveZohoConfig(base);
    expect(unset.regionSource).toBe('default');
    expect('region' in connectionOptionsFromConfig(unset)).toBe(false);
    const set = await resolveZohoConfig({ ...base, ZOHO_REGION: 'ae' });
    expect(set).toMatchObject({ region: 'ae', regionSource: 'ZOHO_REGION' });
    expect(connectionOptionsFromConfig(set).region).toBe('ae');
    expect(await resolveZohoConfig(await storedLogin())).toMatchObject({ region: 'eu', regionSource: 'login' });
  });

  it('picks the token store the configuration implies', async () => {
    const config = await resolveZohoConfig(await storedLogin());
    expect(connectionOptionsFromConfig(config).tokenStoreKind).toBe('file');
    expect(connectionOptionsFromConfig({ ...config, tokenKey: undefined }).tokenStoreKind).toBe('memory');
    const redis = connectionOptionsFromConfig({ ...config, redisUrl: 'redis://127.0.0.1:1' });
    expect(redis.tokenStoreKind).toBe('redis');
    await redis.tokenStore?.close?.();
  });
});

describe('pluginOptionsFromConfig', () => {
  it('hands each plugin its app id, and the files folder to those that read or write files', () => {
    const config = loadZohoConfig({
      ZOHO_CLIENT_ID: CLIENT,
      ZOHO_CLIENT_SECRET: 'secret',
      ZOHO_REFRESH_TOKEN: '1000.x.y',
      ZOHO_BOOKS_ORGANIZATION_ID: '10234695',
      ZOHO_PROJECTS_PORTAL_ID: 'agency',
      ZOHO_MAIL_ACCOUNT_ID: '2560000000000001',
      ZOHO_WORKDRIVE_TEAM_ID: 'team1',
      ZOHO_CALENDAR_UID: 'cal1',
    });
    const files = new FilesFolder(join(tmpdir(), 'zak-plugin-options'));
    expect(pluginOptionsFromConfig(config, files)).toEqual({
      books: { organizationId: '10234695' },
      projects: { portalId: 'agency' },
      mail: { accountId: '2560000000000001', files },
      workdrive: { teamId: 'team1', files },
      calendar: { calendarUid: 'cal1', files },
      crm: { files },
    });
    expect(pluginOptionsFromConfig(config).crm).toBeUndefined();
    // The emulator: no configuration, only the files folder.
    expect(pluginOptionsFromConfig(undefined, files)).toEqual({ crm: { files }, mail: { files }, workdrive: { files }, calendar: { files } });
    expect(pluginOptionsFromConfig(undefined)).toEqual({});
  });
});
