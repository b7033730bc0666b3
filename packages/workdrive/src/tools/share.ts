import { defineZohoTool, PartialWriteError, ToolInputError, writeOutcomeUnknown, type ReconcileVerdict } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { WorkDriveClient, WorkDriveFile, WorkDriveLink, WorkDriveMember, WorkDrivePermission } from '../client.js';
import { itemInput, kindOf, locationOf, RESOLVE_SCOPES } from './shared.js';

export type ShareRole = 'viewer' | 'commenter' | 'editor' | 'organiser';

/**
 * `role_id`s per role (workdrive.md §7): files 34 view, 6 view & comment, 5 edit, 4 share; folders 6 view,
 * 5 edit, 3 organize. "organiser" of a file is WorkDrive's share role (4), and folders have no comment role —
 * both unconfirmed readings of the doc's table.
 */
export const ROLE_IDS: Record<'file' | 'folder', Partial<Record<ShareRole, string>>> = {
  file: { viewer: '34', commenter: '6', editor: '5', organiser: '4' },
  folder: { viewer: '6', editor: '5', organiser: '3' },
};
const roleName = (kind: 'file' | 'folder', id: unknown): string | undefined => (Object.entries(ROLE_IDS[kind]).find(([, v]) => v === String(id)) ?? [])[0];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const input = z.object({
  item: itemInput(),
  people: z
    .array(
      z.strictObject({
        member: z.string().trim().max(200).refine((v) => v.length > 0, 'must not be empty').describe('Team member email or full name.'),
        role: z.enum(['viewer', 'commenter', 'editor', 'organiser']).describe('Access to give.'),
      }),
    )
    .max(20)
    .optional()
    .describe('Team members to share with.'),
  link: z
    .strictObject({
      access: z.enum(['view', 'download']).describe('view only, or view and download.'),
      expires: z.string().max(10).refine((v) => DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), 'must be a date yyyy-mm-dd').optional().describe('Last day (yyyy-mm-dd).'),
      password: z.string().max(100).refine((v) => v.length >= 4, 'must be at least 4 characters').optional().describe('Password to open it.'),
      name: z.string().trim().max(120).refine((v) => v.length > 0, 'must not be empty').optional().describe('Link name.'),
    })
    .optional()
    .describe('An external link anyone with it can open.'),
  notify: z.boolean().optional().describe('Email the people (default true).'),
});

interface Grant {
  member: WorkDriveMember;
  email: string;
  name: string;
  role: ShareRole;
  roleId: string;
  before?: string;
}

export interface ShareResult {
  file: WorkDriveFile;
  path: string;
  shared: { grant: Grant; permission: WorkDrivePermission }[];
  link?: { access: 'view' | 'download'; resource: WorkDriveLink };
}

async function findMember(client: WorkDriveClient, teamId: string, who: string, field: string, signal: AbortSignal | undefined): Promise<WorkDriveMember> {
  const wanted = who.toLowerCase();
  const candidates = await client.listTeamMembers(teamId, who, { signal });
  const email = candidates.filter((m) => (m.attributes?.email_id ?? '').toLowerCase() === wanted);
  if (email.length === 1) return email[0]!;
  const named = candidates.filter((m) => (m.attributes?.display_name ?? '').toLowerCase() === wanted);
  if (named.length === 1) return named[0]!;
  const list = (ms: WorkDriveMember[]) => ms.slice(0, 10).map((m) => `${m.attributes?.display_name} <${m.attributes?.email_id}>`).join(', ');
  if (named.length > 1) throw new ToolInputError(field, `several team members are named "${who}": ${list(named)}; give the email`);
  if (candidates.length > 0) throw new ToolInputError(field, `no team member is exactly "${who}"; did you mean ${list(candidates)}?`);
  throw new ToolInputError(field, `no member of the WorkDrive team matches "${who}"; WorkDrive shares with team members by email`);
}

function expiry(date: string, field: string): string {
  const today = new Date().toISOString().slice(0, 10);
  if (date < today) throw new ToolInputError(field, `${date} is in the past`);
  return `${date} 23:59:59`;
}

export const workdriveShare = defineZohoTool<typeof input, WorkDriveClient, ShareResult>({
  name: 'workdrive_share',
  app: 'workdrive',
  access: 'write',
  scopes: [...RESOLVE_SCOPES, 'WorkDrive.files.sharing.CREATE', 'WorkDrive.links.CREATE'],
  description: `Share a Zoho WorkDrive file or folder with team members by role (viewer, commenter, editor, organiser), or create an external link (view or download, optional expiry and password).
Use when asked to give someone access or a link; the user sees who gets what first.
Returns who got which role and the link URL.`,
  examples: [
    { item: 'Marketing/Zylker Corp/Campaign brief 2026.docx', people: [{ member: 'leo.brandt@northwind-creative.example', role: 'editor' }] },
    { item: 'Marketing/Zylker Corp/Zylker Corp brand guidelines.pdf', link: { access: 'download', expires: '2099-12-31' } },
  ],
  input,
  async plan(args, ctx) {
    const { client, signal } = ctx;
    const people = args.people ?? [];
    if (people.length === 0 && !args.link) throw new ToolInputError('people', 'give people to share with, or a link');
    const { file, path } = await client.resolveItem(args.item, 'item', { signal });
    const kind = kindOf(file);
    // Value checks before anything else is read: roles that exist for this kind, a future expiry.
    people.forEach((p, i) => {
      if (!ROLE_IDS[kind][p.role]) throw new ToolInputError(`people[${i}].role`, `${p.role} is not a ${kind} role in WorkDrive; use ${Object.keys(ROLE_IDS[kind]).join(', ')}`);
    });
    const linkExpiry = args.link?.expires ? expiry(args.link.expires, 'link.expires') : undefined;
    const teamId = await client.teamId({ signal });
    const current = people.length ? await client.listPermissions(file.id, { signal }) : [];
    const grants: Grant[] = [];
    for (const [i, p] of people.entries()) {
      const member = await findMember(client, teamId, p.member, `people[${i}].member`, signal);
      const email = member.attributes?.email_id ?? p.member;
      if (grants.some((g) => g.email.toLowerCase() === email.toLowerCase())) throw new ToolInputError(`people[${i}].member`, `${email} is listed twice`);
      const roleId = ROLE_IDS[kind][p.role]!;
      const had = current.find((c) => (c.attributes?.email_id ?? '').toLowerCase() === email.toLowerCase());
      const before = had ? (roleName(kind, had.attributes?.role_id) ?? `role ${String(had.attributes?.role_id)}`) : undefined;
      if (had && String(had.attributes?.role_id) === roleId) throw new ToolInputError(`people[${i}].role`, `${email} already has ${p.role} access to "${path}"`);
      grants.push({ member, email, name: member.attributes?.display_name ?? email, role: p.role, roleId, ...(before ? { before } : {}) });
    }
    const where = await locationOf(client, file, path, signal);
    const notify = args.notify ?? true;
    const permissionBodies = grants.map((g) => ({ resource_id: file.id, shared_type: 'personal', email_id: g.email, role_id: g.roleId, send_notification_mail: notify }));
    const linkName = args.link?.name ?? `${file.attributes?.name ?? 'shared'} (${args.link?.access ?? 'view'} link)`.slice(0, 120);
    const linkBody = args.link
      ? { resource_id: file.id, link_name: linkName, role_id: '34', allow_download: args.link.access === 'download', ...(linkExpiry ? { expiration_date: linkExpiry } : {}), ...(args.link.password ? { password_text: args.link.password } : {}) }
      : undefined;
    const who = grants.map((g) => `${g.name} <${g.email}> as ${g.role}${g.before ? ` (now ${g.before})` : ''}`);
    if (args.link) who.push(`anyone with a ${args.link.access === 'download' ? 'view-and-download' : 'view-only'} link${args.link.expires ? ` until ${args.link.expires}` : ''}${args.link.password ? ', password-protected' : ''}`);

    const execute = async (): Promise<ShareResult> => {
      const result: ShareResult = { file, path: where, shared: [] };
      const failed: { who: string; error: string }[] = [];
      const step = async (label: string, send: () => Promise<void>) => {
        try {
          await send();
        } catch (err) {
          // Nothing done yet, or the answer lost: the toolkit reports (and reconciles) it. Else the others still go.
          if ((result.shared.length === 0 && !result.link) || writeOutcomeUnknown(err)) throw err;
          failed.push({ who: label, error: err instanceof Error ? err.message.slice(0, 300) : String(err) });
        }
      };
      for (const [i, g] of grants.entries()) await step(g.email, async () => void result.shared.push({ grant: g, permission: await client.addPermission(permissionBodies[i]!, { signal }) }));
      if (linkBody && args.link) {
        const access = args.link.access;
        await step('link', async () => void (result.link = { access, resource: await client.createLink(linkBody, { signal }) }));
      }
      if (failed.length) {
        // Some landed and Zoho refused others: a partial write, reported as such (not as "ok").
        const shaped = shapeShare(result);
        const applied = [...((shaped.shared as unknown[] | undefined) ?? []), ...(shaped.link ? [{ link: shaped.link }] : [])];
        throw new PartialWriteError(
          `${failed.length} of ${grants.length + (linkBody ? 1 : 0)} shares of "${where}" failed`,
          {
            status: 'partial',
            id: file.id,
            item: where,
            applied,
            not_applied: failed,
            note: `The applied shares are in place; do not send them again. Fix what not_applied says and share "${where}" again with only those.`,
          },
          shareIds(result),
        );
      }
      return result;
    };

    const reconcile = async ({ sentAt, signal: check }: { sentAt: number; signal: AbortSignal }): Promise<ReconcileVerdict<ShareResult>> => {
      const result: ShareResult = { file, path: where, shared: [] };
      const missing: string[] = [];
      if (grants.length) {
        const now = await client.listPermissions(file.id, { signal: check });
        for (const g of grants) {
          const p = now.find((c) => (c.attributes?.email_id ?? '').toLowerCase() === g.email.toLowerCase() && String(c.attributes?.role_id) === g.roleId);
          if (p) result.shared.push({ grant: g, permission: p });
          else missing.push(g.email);
        }
      }
      if (linkBody && args.link) {
        const links = await client.listLinks(file.id, { signal: check });
        const found = links.find((l) => l.attributes?.link_name === linkName && (l.attributes?.created_time_in_millisecond ?? sentAt) >= sentAt - 300_000);
        if (found) result.link = { access: args.link.access, resource: found };
        else missing.push('the link');
      }
      const done = result.shared.length + (result.link ? 1 : 0);
      if (missing.length === 0) return { status: 'applied', id: file.id, result };
      if (done === 0) return { status: 'not_applied' };
      return { status: 'unknown', detail: `applied for ${result.shared.map((s) => s.grant.email).concat(result.link ? ['the link'] : []).join(', ')}; not found for ${missing.join(', ')}` };
    };

    return {
      summary: `Share "${where}" with ${who.join('; ')}`,
      // The password is never shown back; the request carries it.
      payload: { permissions: permissionBodies, ...(linkBody ? { link: { ...linkBody, ...(linkBody.password_text ? { password_text: '(hidden)' } : {}) } } : {}) },
      ...(grants.some((g) => g.before) ? { before: Object.fromEntries(grants.filter((g) => g.before).map((g) => [g.email, g.before])), after: Object.fromEntries(grants.map((g) => [g.email, g.role])) } : {}),
      execute,
      reconcile,
      checkWith: `the sharing settings of "${where}" in WorkDrive (no tool lists them)`,
    };
  },
  shape: (r) => shapeShare(r),
  ids: (r) => shareIds(r),
});

function shapeShare(r: ShareResult): Record<string, unknown> {
  const kind = kindOf(r.file);
  const out: Record<string, unknown> = {
    id: r.file.id,
    item: r.path,
    shared: r.shared.map((s) => ({ email: s.grant.email, name: s.grant.name, role: roleName(kind, s.permission.attributes?.role_id) ?? s.grant.role, permission_id: s.permission.id })),
  };
  if (r.link) {
    const a = r.link.resource.attributes ?? {};
    out.link = { id: r.link.resource.id, url: a.link, name: a.link_name, access: a.allow_download ? 'download' : 'view', ...(a.expiration_date ? { expires: a.expiration_date } : {}), ...(a.password_protected ? { password_protected: true } : {}) };
  }
  if (!r.shared.length) delete out.shared;
  return out;
}

const shareIds = (r: ShareResult): string[] => [r.file.id, ...r.shared.map((s) => s.permission.id), ...(r.link ? [r.link.resource.id] : [])];
