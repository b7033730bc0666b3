import { compact, defineZohoTool, toTable } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { WorkDriveClient, WorkDriveTeam, WorkDriveTeamFolder } from '../client.js';
import { iso } from './shared.js';

const input = z.object({});

export interface TeamsResult {
  teams: WorkDriveTeam[];
  /** Team folders per team id. */
  team_folders: Record<string, WorkDriveTeamFolder[]>;
  /** The team the tools use (configured or the only one), if any. */
  team_in_use?: string;
  my_folders_id?: string;
}

export const workdriveListTeams = defineZohoTool<typeof input, WorkDriveClient, TeamsResult>({
  name: 'workdrive_list_teams',
  app: 'workdrive',
  access: 'read',
  scopes: ['WorkDrive.users.READ', 'WorkDrive.team.READ', 'WorkDrive.workspace.READ', 'WorkDrive.files.READ'],
  description: `List the user's Zoho WorkDrive teams and their team folders.
Use first to learn which team folders exist (paths start with one of them, or "My Folders") or which team id to configure.
Returns tables of teams and team folders, the team in use and the My Folders id.`,
  examples: [{}],
  input,
  async run(_args, ctx) {
    const signal = ctx.signal;
    const teams = await ctx.client.listTeams({ signal });
    const inUse = ctx.client.teamConfigured ? await ctx.client.teamId({ signal }) : teams.length === 1 ? teams[0]!.id : undefined;
    const team_folders: Record<string, WorkDriveTeamFolder[]> = {};
    for (const team of teams) team_folders[team.id] = await ctx.client.listTeamFolders(team.id, { signal });
    const result: TeamsResult = { teams, team_folders };
    if (inUse) {
      result.team_in_use = inUse;
      const space = await ctx.client.privateSpaceId(inUse, { signal }).catch(() => undefined);
      if (space) result.my_folders_id = space;
    }
    return result;
  },
  shape: (r) => {
    const teams = r.teams.map((t) => compact({ team_id: t.id, ...t.attributes, created_time_in_millisecond: undefined, created: iso(t.attributes?.created_time_in_millisecond) }) as Record<string, unknown>);
    const folders = Object.entries(r.team_folders).flatMap(([teamId, list]) =>
      list.map((f) => {
        const a = f.attributes ?? {};
        return compact({
          ...(r.teams.length > 1 ? { team_id: teamId } : {}),
          team_folder_id: f.id,
          name: a.name,
          description: a.description,
          role: a.current_user_role,
          public: a.is_public_within_team,
          size_bytes: a.storage_info?.size_in_bytes,
          created: iso(a.created_time_in_millisecond),
          created_by: a.created_by,
        }) as Record<string, unknown>;
      }),
    );
    const out: Record<string, unknown> = { teams: toTable(teams), team_folders: toTable(folders) };
    if (r.team_in_use) out.team_in_use = r.team_in_use;
    else if (r.teams.length > 1) out.note = 'Several teams: set ZOHO_WORKDRIVE_TEAM_ID (the plugin option teamId) to the one to use';
    if (r.my_folders_id) out.my_folders_id = r.my_folders_id;
    return out;
  },
  ids: (r) => r.teams.map((t) => t.id),
});
