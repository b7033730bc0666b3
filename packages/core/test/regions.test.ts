import { describe, expect, it } from 'vitest';
import { ZohoConfigError } from '../src/errors.js';
import { API_DOMAIN_APPS, REGION_CODES, REGIONS, parseRegion, regionForAccountsServer, resolveHost, type RegionCode, type ZohoHost } from '../src/regions.js';

const DOMAINS: Record<RegionCode, string> = {
  us: 'com',
  eu: 'eu',
  in: 'in',
  au: 'com.au',
  jp: 'jp',
  cn: 'com.cn',
  ca: 'ca',
  sa: 'sa',
  uk: 'uk',
  ae: 'ae',
};

describe('parseRegion', () => {
  it('knows ten data centers', () => {
    expect([...REGION_CODES].sort()).toEqual(Object.keys(DOMAINS).sort());
  });

  it.each(Object.entries(DOMAINS))('reads %s and its domain suffix %s in any case', (code, domain) => {
    for (const spelling of [code, code.toUpperCase(), ` ${code} `, domain, domain.toUpperCase(), `.${domain}`, `.${domain.toUpperCase()}`]) {
      expect(parseRegion(spelling)).toBe(code);
    }
  });

  it('reads zohocloud.ca as Canada', () => {
    expect(parseRegion('zohocloud.ca')).toBe('ca');
  });

  it.each(['', 'mars', 'us-east', 'com.eu', 'uae'])('rejects "%s" and lists the valid values', (input) => {
    let err: unknown;
    try {
      parseRegion(input);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ZohoConfigError);
    const message = (err as Error).message;
    expect(message).toMatch(/^ZOHO_REGION: unknown Zoho data center/);
    for (const [code, domain] of Object.entries(DOMAINS)) expect(message).toContain(`${code} (${domain})`);
  });

  it('names the variable it was read from', () => {
    expect(() => parseRegion('x', '--region')).toThrow(/^--region:/);
  });
});

describe('resolveHost', () => {
  it.each(Object.entries(DOMAINS).filter(([code]) => code !== 'ca'))('%s: regular hosts on zoho.%s', (code, tld) => {
    const r = code as RegionCode;
    expect(resolveHost(r, 'accounts')).toBe(`https://accounts.zoho.${tld}`);
    expect(resolveHost(r, 'crm')).toBe(`https://www.zohoapis.${tld}`);
    expect(resolveHost(r, 'books')).toBe(`https://www.zohoapis.${tld}`);
    expect(resolveHost(r, 'workdrive')).toBe(`https://www.zohoapis.${tld}`);
    expect(resolveHost(r, 'projects')).toBe(`https://projectsapi.zoho.${tld}`);
    expect(resolveHost(r, 'cliq')).toBe(`https://cliq.zoho.${tld}`);
    expect(resolveHost(r, 'mail')).toBe(`https://mail.zoho.${tld}`);
    expect(resolveHost(r, 'calendar')).toBe(`https://calendar.zoho.${tld}`);
  });

  it("Canada's irregular hosts", () => {
    expect(resolveHost('ca', 'accounts')).toBe('https://accounts.zohocloud.ca');
    expect(resolveHost('ca', 'crm')).toBe('https://www.zohoapis.ca');
    expect(resolveHost('ca', 'books')).toBe('https://www.zohoapis.ca');
    expect(resolveHost('ca', 'workdrive')).toBe('https://www.zohoapis.ca');
    expect(resolveHost('ca', 'projects')).toBe('https://projectsapi.zohocloud.ca');
    expect(resolveHost('ca', 'cliq')).toBe('https://cliq.zohocloud.ca');
    expect(resolveHost('ca', 'mail')).toBe('https://mail.zohocloud.ca');
  });

  it('the UAE data center: documented API host, the rest by the pattern and marked unconfirmed', () => {
    expect(REGIONS.ae).toMatchObject({ code: 'ae', name: 'United Arab Emirates', domain: 'ae' });
    expect(resolveHost('ae', 'accounts')).toBe('https://accounts.zoho.ae');
    expect(resolveHost('ae', 'crm')).toBe('https://www.zohoapis.ae');
    expect(parseRegion('.AE')).toBe('ae');
    expect([...REGIONS.ae.unconfirmed].sort()).toEqual(['accounts', 'calendar', 'cliq', 'mail', 'projects', 'workdriveDownload']);
    for (const host of ['crm', 'books', 'workdrive'] as ZohoHost[]) expect(REGIONS.ae.unconfirmed).not.toContain(host);
  });

  it("WorkDrive's large-upload host: upload.zoho.{tld}, upload.zohocloud.ca, files.zoho.sa and files.zoho.ae", () => {
    for (const code of ['us', 'eu', 'in', 'au', 'jp', 'cn'] as RegionCode[]) expect(resolveHost(code, 'workdriveUpload')).toBe(`https://upload.zoho.${DOMAINS[code]}`);
    expect(resolveHost('ca', 'workdriveUpload')).toBe('https://upload.zohocloud.ca');
    expect(resolveHost('sa', 'workdriveUpload')).toBe('https://files.zoho.sa');
    expect(resolveHost('ae', 'workdriveUpload')).toBe('https://files.zoho.ae');
    expect(REGIONS.uk.unconfirmed).toContain('workdriveUpload');
    expect(resolveHost('us', 'workdriveUpload', { apiDomain: 'https://www.zohoapis.eu' })).toBe('https://upload.zoho.com');
  });

  it('accepts a domain suffix as the region', () => {
    expect(resolveHost('com.au' as RegionCode, 'crm')).toBe('https://www.zohoapis.com.au');
  });

  it('api_domain overrides crm, books and workdrive only', () => {
    expect([...API_DOMAIN_APPS].sort()).toEqual(['books', 'crm', 'workdrive']);
    const apiDomain = 'https://www.zohoapis.eu/';
    for (const host of ['crm', 'books', 'workdrive'] as ZohoHost[]) expect(resolveHost('us', host, { apiDomain })).toBe('https://www.zohoapis.eu');
    for (const host of ['accounts', 'projects', 'cliq', 'calendar', 'mail', 'workdriveDownload'] as ZohoHost[]) {
      expect(resolveHost('us', host, { apiDomain })).toBe(resolveHost('us', host));
    }
  });

  it('explicit overrides win over api_domain and keep their base path', () => {
    const overrides = { crm: 'http://127.0.0.1:4010/', projects: 'http://127.0.0.1:4010/_projects' };
    expect(resolveHost('eu', 'crm', { apiDomain: 'https://www.zohoapis.eu', overrides })).toBe('http://127.0.0.1:4010');
    expect(resolveHost('eu', 'projects', { overrides })).toBe('http://127.0.0.1:4010/_projects');
    expect(resolveHost('eu', 'books', { overrides })).toBe('https://www.zohoapis.eu');
  });
});

describe('regionForAccountsServer', () => {
  it.each(Object.keys(DOMAINS))('maps the %s accounts host back to its region', (code) => {
    const host = resolveHost(code as RegionCode, 'accounts');
    expect(regionForAccountsServer(host)).toBe(code);
    expect(regionForAccountsServer(`${host.toUpperCase()}/`)).toBe(code);
  });

  it('knows nothing else', () => {
    expect(regionForAccountsServer('https://accounts.zoho.com.evil.io')).toBeUndefined();
    expect(regionForAccountsServer('http://accounts.zoho.com')).toBeUndefined();
    expect(regionForAccountsServer('http://127.0.0.1:4010')).toBeUndefined();
  });
});
