/**
 * Which portal calls go to: ZOHO_PROJECTS_PORTAL_ID (the plugin's portalId option; loadZohoConfig reads it),
 * else the user's portals are listed once: one portal is used; several are an error naming them by name and
 * id, and nothing else is sent. Also: the configured value is checked at start-up.
 */
import { loadZohoConfig, ZohoConfigError } from '@zoho-agent-kit/core';
import { describe, expect, it } from 'vitest';
import { ProjectsClient } from '../src/client.js';
import { createProjectsEmulator, DEFAULT_PORTAL_ID, type ProjectsState } from '../src/emulator/index.js';
import { startProjects, ZYLKER } from './helpers.js';

describe('portal discovery', () => {
  it('one portal: used, looked up once', async () => {
    const h = await startProjects();
    try {
      expect((await h.call('projects_list', { limit: 1 })).outcome).toBe('ok');
      expect((await h.call('projects_list_tasks', { project_id: ZYLKER, limit: 1 })).outcome).toBe('ok');
      expect(h.emu.counters.requests({ route: 'GET /api/v3/portals' })).toBe(1);
      expect(h.emu.counters.requests({ route: `GET /api/v3/portal/${DEFAULT_PORTAL_ID}/**` })).toBeGreaterThan(1);
    } finally {
      await h.close();
    }
  });

  it('several portals: an error listing them by name and id; nothing else is sent', async () => {
    const h = await startProjects({ emulator: { apps: [createProjectsEmulator({ rateLimit: false, extraPortals: [{ id: '700000001', portal_name: 'northwindlabs', org_name: 'Northwind Labs' }] })] } });
    try {
      const res = await h.call('projects_list', {});
      expect(res.outcome).toBe('error');
      expect(res.text).toMatch(/ZOHO_PROJECTS_PORTAL_ID.*belongs to 2 Projects portals: northwindcreative \(id 647154632\), northwindlabs \(id 700000001\)\. Set ZOHO_PROJECTS_PORTAL_ID/);
      expect(h.emu.counters.requests({ app: 'projects' })).toBe(1);
    } finally {
      await h.close();
    }
  });

  it('a configured portal id is used without a lookup; a name is looked up once and never put in a path', async () => {
    const two = createProjectsEmulator({ rateLimit: false, extraPortals: [{ id: '700000001', portal_name: 'northwindlabs' }] });
    const h = await startProjects({ emulator: { apps: [two] }, plugin: { portalId: DEFAULT_PORTAL_ID, timeZone: 'America/New_York' } });
    try {
      const res = await h.call('projects_list', { limit: 2 });
      expect(res.outcome, res.text).toBe('ok');
      expect(h.emu.counters.requests({ route: 'GET /api/v3/portals' })).toBe(0);
      const labs = await startProjects({ emulator: { apps: [two] }, plugin: { portalId: 'northwindlabs' } });
      try {
        const empty = await labs.call('projects_list', {});
        expect(empty.outcome, empty.text).toBe('ok');
        expect(empty.json.count).toBe(0);
        expect(labs.emu.state<ProjectsState>('projects').portals[1]!.portal.portal_name).toBe('northwindlabs');
        expect((await labs.call('projects_list', { limit: 1 })).outcome).toBe('ok');
        expect(labs.emu.counters.requests({ route: 'GET /api/v3/portals' })).toBe(1);
        expect(labs.emu.counters.requests({ route: 'GET /api/v3/portal/700000001/**' })).toBe(2);
        expect(labs.emu.counters.requests({ route: 'GET /api/v3/portal/northwindlabs/**' })).toBe(0);
      } finally {
        await labs.close();
      }
    } finally {
      await h.close();
    }
  });

  it('a configured portal the user does not have: the time-zone lookup says so, listing theirs', async () => {
    const h = await startProjects({ plugin: { portalId: '123456' } });
    try {
      const res = await h.call('projects_list_tasks', { due: 'overdue' });
      expect(res.outcome).toBe('error');
      expect(res.text).toMatch(/ZOHO_PROJECTS_PORTAL_ID.*no portal of this Zoho user is "123456"; the user's portals are: northwindcreative \(id 647154632\)/);
    } finally {
      await h.close();
    }
  });

  it('no portal at all: a clear error', async () => {
    const h = await startProjects();
    try {
      h.emu.state<ProjectsState>('projects').portals.length = 0;
      const res = await h.call('projects_list', {});
      expect(res.text).toMatch(/belongs to no Zoho Projects portal/);
    } finally {
      await h.close();
    }
  });
});

describe('configuration', () => {
  it('ZOHO_PROJECTS_PORTAL_ID is read and checked by core at start-up', () => {
    const env = { ZOHO_CLIENT_ID: '1000.ABC', ZOHO_CLIENT_SECRET: 's', ZOHO_REFRESH_TOKEN: 'r' };
    expect(loadZohoConfig({ ...env, ZOHO_PROJECTS_PORTAL_ID: '647154632' }).projects.portalId).toBe('647154632');
    expect(() => loadZohoConfig({ ...env, ZOHO_PROJECTS_PORTAL_ID: 'bad id!' })).toThrow(/ZOHO_PROJECTS_PORTAL_ID/);
  });

  it('the client refuses a malformed portal id or time zone when it is made', async () => {
    const h = await startProjects();
    try {
      expect(() => new ProjectsClient(h.connection, { portalId: 'a b' })).toThrow(ZohoConfigError);
      expect(() => new ProjectsClient(h.connection, { timeZone: 'Mars/Olympus' })).toThrow(/not an IANA time zone/);
    } finally {
      await h.close();
    }
  });
});
