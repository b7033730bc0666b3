import { ZohoConfigError } from '@zoho-agent-kit/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkDriveState } from '../src/emulator/index.js';
import { WorkDriveClient } from '../src/index.js';
import { startWorkDrive, type WorkDriveHarness } from './helpers.js';

let h: WorkDriveHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('the team (ZOHO_WORKDRIVE_TEAM_ID)', () => {
  it("is discovered when the user has one, and asked for only once", async () => {
    h = await startWorkDrive();
    await h.call('workdrive_list_files', { folder: 'Marketing' });
    await h.call('workdrive_list_files', { folder: 'Operations' });
    expect(h.emu.counters.requests({ route: 'GET /workdrive/api/v1/users/me' })).toBe(1);
    expect(h.emu.counters.requests({ route: 'GET /workdrive/api/v1/users/:user_id/teams' })).toBe(1);
  });

  it('reads the team folders once a minute for paths, asking again after a failure; list_teams always asks', async () => {
    h = await startWorkDrive();
    const teamFolders = () => h!.emu.counters.requests({ route: 'GET /workdrive/api/v1/teams/:team_id/teamfolders' });
    h.emu.faults.add({ app: 'workdrive', route: 'GET /workdrive/api/v1/teams/:team_id/teamfolders', kind: 'status', status: 400, times: 1 });
    expect((await h.call('workdrive_list_files', { folder: 'Marketing' })).outcome).toBe('error');
    expect((await h.call('workdrive_list_files', { folder: 'Marketing' })).outcome).toBe('ok');
    expect((await h.call('workdrive_list_files', { folder: 'Operations/Processes' })).outcome).toBe('ok');
    expect(teamFolders()).toBe(2);
    expect((await h.call('workdrive_list_teams', {})).outcome).toBe('ok');
    expect(teamFolders()).toBe(3);
  });

  it('with several teams and none configured: an error listing them, and nothing else sent', async () => {
    h = await startWorkDrive({ workdrive: { extraTeams: [{ name: 'Zylker Corp Shared', id: 'zylkershared0000000000000000000000001' }] } });
    const res = await h.call('workdrive_list_files', { folder: 'Marketing' });
    expect(res.outcome).toBe('error');
    expect(res.text).toMatch(/ZOHO_WORKDRIVE_TEAM_ID: this Zoho user belongs to 2 WorkDrive teams: Northwind Creative \([a-z0-9]{37}\), Zylker Corp Shared \(zylkershared0000000000000000000000001\)\. Set ZOHO_WORKDRIVE_TEAM_ID/);
    expect(h.emu.counters.requests({ route: 'GET /workdrive/api/v1/teams/:team_id/teamfolders' })).toBe(0);
    // workdrive_list_teams still answers, so the user can pick one.
    const teams = await h.call('workdrive_list_teams', {});
    expect(teams.json.teams.rows).toHaveLength(2);
    expect(teams.json.note).toMatch(/set ZOHO_WORKDRIVE_TEAM_ID/);
  });

  it('uses the configured team without discovery', async () => {
    h = await startWorkDrive({ workdrive: { extraTeams: [{ name: 'Other' }] } });
    const teamId = h.emu.state<WorkDriveState>('workdrive').teams[0]!.id;
    const client = new WorkDriveClient(h.connection, { teamId });
    expect(await client.teamId()).toBe(teamId);
    expect((await client.listTeamFolders(teamId)).map((f) => f.attributes.name)).toContain('Marketing');
    expect(h.emu.counters.requests({ route: 'GET /workdrive/api/v1/users/:user_id/teams' })).toBe(0);
    expect(() => new WorkDriveClient(h!.connection, { teamId: 'bad team!' })).toThrow(ZohoConfigError);
  });
});
