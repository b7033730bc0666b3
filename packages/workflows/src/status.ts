/**
 * A project's status as a manager reads it: completion, overdue tasks, hours logged against a budget (when
 * Zoho has one), the next milestone, and the client's open invoices in Books (when the policy allows Books).
 */
import { toTable } from '@zoho-agent-kit/core';
import { amountFromZoho, formatAmount, type BooksClient } from '@zoho-agent-kit/books';
import { datePart, formatMinutes, type ProjectsClient, type ProjectsProject, type ProjectsTask } from '@zoho-agent-kit/projects';
import { customerOfProject, projectLogs } from './projects.js';

export interface ProjectStatus {
  project_id: string;
  name: string;
  status?: string;
  owner?: string;
  completion_percentage?: number;
  tasks: { open: number; closed: number; overdue: number };
  overdue_tasks: { name: string; due_date: string; owners: string }[];
  hours: { logged: string; billable: string; minutes: number; budget?: string };
  next_milestone?: { name: string; due_date?: string; completion_percent?: number };
  invoices?: { customer: string; open: number; overdue: number; balance: Record<string, string> } | { note: string };
}

const MAX_OVERDUE_SHOWN = 5;

/** Budget-like fields a project may carry (the digest names none; any Zoho sends is shown as it is). */
function budgetOf(project: ProjectsProject): string | undefined {
  const found = Object.entries(project).filter(([k, v]) => /budget/i.test(k) && v !== null && v !== '' && typeof v !== 'object');
  return found.length ? found.map(([k, v]) => `${k} ${String(v)}`).join(', ') : undefined;
}

async function allTasks(projects: ProjectsClient, projectId: string, signal?: AbortSignal): Promise<ProjectsTask[]> {
  const out: ProjectsTask[] = [];
  for (let page = 1; page <= 10; page++) {
    const res = await projects.listTasks(projectId, { page, per_page: 100 }, { signal });
    out.push(...res.rows);
    if (!res.has_next_page) break;
  }
  return out;
}

export async function projectStatus(projects: ProjectsClient, books: BooksClient | undefined, project: ProjectsProject, today: string, signal?: AbortSignal): Promise<ProjectStatus> {
  const id = String(project.id);
  const [tasks, milestones] = await Promise.all([allTasks(projects, id, signal), projects.listMilestones(id, { per_page: 100 }, { signal })]);
  const open = tasks.filter((t) => t.status?.is_closed_type !== true);
  const overdue = open.filter((t) => (datePart(t.end_date) ?? '9999') < today).sort((a, b) => String(a.end_date).localeCompare(String(b.end_date)));
  const start = datePart(project.start_date) ?? today;
  const logs = await projectLogs(projects, id, start < today ? start : today, today, signal);
  const minutes = logs.reduce((a, l) => a + l.minutes, 0);
  const billable = logs.filter((l) => l.bill_status === 'Billable').reduce((a, l) => a + l.minutes, 0);
  const next = milestones.rows
    .filter((m) => (m.status as { is_closed_type?: boolean } | undefined)?.is_closed_type !== true)
    .sort((a, b) => String(a.end_date ?? '').localeCompare(String(b.end_date ?? '')))[0];
  const status: ProjectStatus = {
    project_id: id,
    name: String(project.name ?? id),
    tasks: { open: open.length, closed: tasks.length - open.length, overdue: overdue.length },
    overdue_tasks: overdue.slice(0, MAX_OVERDUE_SHOWN).map((t) => ({ name: String(t.name ?? t.id), due_date: datePart(t.end_date) ?? '', owners: (t.owners_and_work?.owners ?? []).map((o) => String(o.name ?? o.email ?? '')).filter(Boolean).join(', ') })),
    hours: { logged: formatMinutes(minutes), billable: formatMinutes(billable), minutes },
  };
  if (project.status) status.status = String(project.status);
  if (project.owner?.name) status.owner = String(project.owner.name);
  if (typeof project.completion_percentage === 'number') status.completion_percentage = project.completion_percentage;
  const budget = budgetOf(project);
  status.hours.budget = budget ?? 'none set in Zoho Projects';
  if (next) {
    status.next_milestone = { name: String(next.name ?? next.id) };
    const due = datePart(next.end_date);
    if (due) status.next_milestone.due_date = due;
    if (typeof next.completion_percent === 'number') status.next_milestone.completion_percent = next.completion_percent;
  }
  if (books) {
    try {
      const customer = await customerOfProject(books, project, undefined, signal);
      const { invoices } = await books.listInvoices({ customer_id: String(customer.contact_id), status: 'unpaid', per_page: 200 }, { signal });
      const balance: Record<string, bigint> = {};
      for (const inv of invoices ?? []) {
        const code = String(inv.currency_code ?? customer.currency_code ?? '');
        balance[code] = (balance[code] ?? 0n) + (amountFromZoho(inv.balance) ?? 0n);
      }
      status.invoices = {
        customer: String(customer.contact_name),
        open: (invoices ?? []).length,
        overdue: (invoices ?? []).filter((i) => i.status === 'overdue' || (typeof i.due_date === 'string' && i.due_date < today)).length,
        balance: Object.fromEntries(Object.entries(balance).map(([k, v]) => [k, formatAmount(v)])),
      };
    } catch (err) {
      if ((err as { name?: string }).name !== 'ToolInputError') throw err;
      status.invoices = { note: (err as Error).message };
    }
  }
  return status;
}

export function shapeStatuses(statuses: readonly ProjectStatus[], today: string, invoicesNote?: string): Record<string, unknown> {
  return {
    today,
    projects: toTable(
      statuses.map((s) => ({
        project_id: s.project_id,
        name: s.name,
        completion: s.completion_percentage,
        open_tasks: s.tasks.open,
        overdue_tasks: s.tasks.overdue,
        hours_logged: s.hours.logged,
        billable_hours: s.hours.billable,
        budget: s.hours.budget,
        next_milestone: s.next_milestone ? `${s.next_milestone.name}${s.next_milestone.due_date ? ` (${s.next_milestone.due_date})` : ''}` : null,
        open_invoices: s.invoices && 'open' in s.invoices ? s.invoices.open : null,
        overdue_invoices: s.invoices && 'open' in s.invoices ? s.invoices.overdue : null,
        balance_due: s.invoices && 'open' in s.invoices ? Object.entries(s.invoices.balance).map(([c, v]) => `${c} ${v}`).join(', ') || '0.00' : null,
      })),
    ),
    overdue: toTable(statuses.flatMap((s) => s.overdue_tasks.map((t) => ({ project: s.name, task: t.name, due_date: t.due_date, owners: t.owners })))),
    ...(statuses.some((s) => s.invoices && 'note' in s.invoices) ? { invoice_notes: statuses.flatMap((s) => (s.invoices && 'note' in s.invoices ? [`${s.name}: ${s.invoices.note}`] : [])) } : {}),
    ...(invoicesNote ? { invoices: invoicesNote } : {}),
  };
}

/** The report as a Cliq message (markdown, within Cliq's 5,000 characters). */
export function statusMessage(statuses: readonly ProjectStatus[], today: string): string {
  const lines = [`*Project status, ${today}*`];
  for (const s of statuses) {
    const parts = [`${s.completion_percentage ?? '?'}% done`, `${s.tasks.open} open tasks${s.tasks.overdue ? `, *${s.tasks.overdue} overdue*` : ''}`, `${s.hours.logged} h logged`];
    if (s.next_milestone) parts.push(`next: ${s.next_milestone.name}${s.next_milestone.due_date ? ` (${s.next_milestone.due_date})` : ''}`);
    if (s.invoices && 'open' in s.invoices && s.invoices.open) parts.push(`${s.invoices.open} open invoices (${Object.entries(s.invoices.balance).map(([c, v]) => `${c} ${v}`).join(', ')})`);
    lines.push(`- *${s.name}*: ${parts.join('; ')}`);
    for (const t of s.overdue_tasks.slice(0, 3)) lines.push(`  - overdue: ${t.name} (due ${t.due_date}${t.owners ? `, ${t.owners}` : ''})`);
  }
  let text = lines.join('\n');
  if (text.length > 4900) text = `${text.slice(0, 4880)}\n…`;
  return text;
}

/** The projects a report covers: one, or every active one (at most `max`). */
export async function reportProjects(projects: ProjectsClient, projectId: string | undefined, max: number, signal?: AbortSignal): Promise<ProjectsProject[]> {
  if (projectId) return [await projects.getProject(projectId, { signal })];
  const out: ProjectsProject[] = [];
  for (let page = 1; page <= 5 && out.length < max; page++) {
    const res = await projects.listProjects({ status: 'active', page, per_page: 100 }, { signal });
    out.push(...res.rows.filter((p) => p.status === undefined || p.status === 'active'));
    if (!res.has_next_page) break;
  }
  return out.slice(0, max);
}
