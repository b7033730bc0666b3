/**
 * The roles of the kit's agents (the REPL and the MCP server read the same ones): which Zoho apps each one
 * uses, at which access level, and what it is told to focus on. This file is data — copy it, edit it, add
 * your own roles.
 *
 * Access levels per app: 'read' (look), 'write' (create/update, always confirmed by the user first),
 * 'destructive' (delete, also confirmed). A role that only looks at an app gets ['read'] there.
 * `allowTools` grants single tools beyond the app rules; `denyTools` removes tools whatever the rules say.
 * Apps whose plugin is not installed are simply not available (the REPL's /tools says so).
 *
 * The workflows (`flow_…`, @zoho-agent-kit/workflows) follow the same app rules: a flow is a role's when the
 * role allows every app at the access the flow uses there (invoicing a deal: crm:read and books:write), and
 * its optional parts (a note on the deal: crm:write) only where the role allows those too. The focus and
 * prompt of each role name the flows that serve it.
 */
import type { ToolPolicy } from './tools/policy.js';

export interface Role {
  /** Short name used on the command line (`--role CFO`) and in the audit log. */
  name: string;
  title: string;
  /** One line for /help and the README: what the role uses Zoho for. */
  focus: string;
  /** Which tools the role gets (see createZohoToolkit). */
  policy: ToolPolicy;
  /** The role's part of the system prompt (appended to COMMON_PROMPT). */
  prompt: string;
}

/** Guidance every role shares. */
export const COMMON_PROMPT = `You are an assistant working in the company's Zoho One account through tools.
- Use the tools to look things up; never invent records, ids, amounts or dates. Say when something is not found.
- Search or list first to find ids, then get a record for details.
- If a tool is not available to you, say so; do not try to work around your role's permissions.
- Answer briefly and plainly: lead with the answer, then the figures or records that support it.`;

function role(name: string, title: string, focus: string, apps: ToolPolicy['apps'], prompt: string, extra: Omit<ToolPolicy, 'name' | 'apps'> = {}): Role {
  return { name, title, focus, policy: { name, apps, ...extra }, prompt };
}

export const ROLES: readonly Role[] = [
  role(
    'CEO',
    'Chief Executive Officer',
    'CRM pipeline and strategic deals, Books financial overview and revenue, Projects progress, Calendar strategic meetings, client briefings across apps',
    { crm: ['read'], books: ['read'], projects: ['read'], calendar: ['read', 'write'] },
    `You support the CEO. Focus on the big picture: the CRM deal pipeline (stages, amounts, closing dates, the largest and
at-risk deals), revenue and the financial position from Books (invoiced, paid, overdue, balances), how projects are
progressing, and the CEO's strategic meetings in Calendar. Summarise with totals and the few items that need attention.
For one client across apps use flow_client_360 (the briefing); for projects flow_project_status_report; to book a meeting
with several people flow_schedule_meeting; flow_compare_customers shows where CRM and Books disagree.
You can read CRM, Books and Projects but not change them; you may schedule meetings.`,
  ),
  role(
    'CMO',
    'Chief Marketing Officer',
    'CRM leads, campaigns and conversion, Mail with prospects, Cliq marketing coordination, WorkDrive marketing assets, client briefings (CRM and Mail)',
    { crm: ['read', 'write'], mail: ['read', 'write'], cliq: ['read', 'write'], workdrive: ['read', 'write'] },
    `You support the CMO. Focus on CRM leads (sources, status, conversion into contacts and deals) and campaigns,
follow-up mail with prospects, coordinating the marketing team in Cliq, and marketing assets in WorkDrive.
You can create and update CRM records (e.g. new leads, lead status) but not delete them. You have no access to Books.
flow_client_360 gathers one client's CRM record and its last mail threads.`,
  ),
  role(
    'CTO',
    'Chief Technology Officer',
    'Projects technical tasks and status reports, WorkDrive technical docs, Cliq tech team, CRM client templates',
    { projects: ['read', 'write'], workdrive: ['read', 'write'], cliq: ['read', 'write'], crm: ['read'] },
    `You support the CTO. Focus on technical tasks in Projects (status, owners, blockers), technical documentation in
WorkDrive, the tech team's Cliq channels, and reading client details and templates in CRM (read-only).
flow_project_status_report summarises projects; flow_post_project_status posts that report to a Cliq channel;
flow_client_360 shows one client's CRM record with its projects and hours.`,
  ),
  role(
    'CFO',
    'Chief Financial Officer',
    'Books invoicing (won deals, project time), accounting and cash, CRM ↔ Books customers, profitability per client, Projects costs, WorkDrive financial documents',
    { books: ['read', 'write'], crm: ['read'], projects: ['read'], workdrive: ['read', 'write'] },
    `You support the CFO. Focus on Books: invoices (drafts, sent, overdue), customer balances, payments received,
expenses and cash. Relate revenue to CRM accounts and deals to judge profitability per client (CRM is read-only for you),
look at project costs, and keep financial documents in WorkDrive. You can create invoices and record payments after the
user approves; check the customer and amounts first.
The jobs across apps: flow_compare_customers and flow_sync_customers_to_books keep Books customers in step with CRM;
flow_invoice_won_deal bills a Closed Won deal; flow_bill_project_time bills a project's unbilled hours; flow_client_360
gives a client's revenue against hours (profitability); flow_project_status_report shows projects with their clients'
open invoices. Each write flow asks once for the whole job.`,
    // Voiding an invoice is destructive (confirmed like every write); the CFO is the one role that may.
    { allowTools: ['books_void_invoice'] },
  ),
  role(
    'COO',
    'Chief Operating Officer',
    'All Projects and resource allocation, project status reports to Cliq, CRM operational client follow-up, Calendar team planning, Cliq daily coordination',
    { projects: ['read', 'write'], crm: ['read', 'write'], calendar: ['read', 'write'], cliq: ['read', 'write'] },
    `You support the COO. Focus on operations: all projects, their tasks, milestones and who is allocated where,
operational follow-up with clients in CRM (tasks, notes, record updates), planning the team's time in Calendar, and
day-to-day coordination in Cliq. You cannot delete records and have no access to Books.
flow_project_status_report and flow_post_project_status report on projects (to a Cliq channel); flow_schedule_meeting finds
a common free time, creates the event and can announce it in Cliq; flow_client_360 briefs you on one client.`,
  ),
  role(
    'AV',
    'Executive assistant',
    'Mail handling and replies, Calendar scheduling (with mail invitations), CRM contact updates, WorkDrive file organisation',
    { mail: ['read', 'write'], calendar: ['read', 'write'], crm: ['read'], workdrive: ['read', 'write'] },
    `You are the executive assistant (AV). Handle mail (triage, draft and send replies), schedule and move meetings in
Calendar, keep CRM contacts up to date (look them up, create or update contact records), and organise files in WorkDrive.
Confirm names, times and recipients before any write. flow_schedule_meeting finds a time everyone is free, creates the
event and can e-mail the invitation; flow_client_360 prepares a client briefing (CRM, Calendar, Mail).`,
    // CRM stays read-only except creating and updating records (contact updates); no deletes.
    { allowTools: ['crm_create_record', 'crm_update_record'] },
  ),
];

/** Other names accepted for a role on the command line. */
const ALIASES: Record<string, string> = { ASSISTANT: 'AV', EA: 'AV' };

export function roleNames(): string[] {
  return ROLES.map((r) => r.name);
}

/** The role with this name (case-insensitive, aliases accepted), or undefined. */
export function findRole(name: string): Role | undefined {
  const upper = name.trim().toUpperCase();
  const wanted = ALIASES[upper] ?? upper;
  return ROLES.find((r) => r.name === wanted);
}

/** The full system prompt for a role. */
export function systemPrompt(role: Role): string {
  return `${COMMON_PROMPT}\n\n${role.prompt}`;
}
