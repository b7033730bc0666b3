import { defineZohoTool, toTable, ToolInputError, type WritePlan, type WriteStep } from '@zoho-agent-kit/core';
import { booksCreateInvoice, formatAmount, parseAmount, lineTotal, type BooksClient, type BooksComment, type BooksContact, type BooksInvoice } from '@zoho-agent-kit/books';
import { addDays, formatMinutes, type ProjectsClient, type ProjectsProject, type ProjectsTimeLog } from '@zoho-agent-kit/projects';
import { z } from 'zod';
import { runBatch, type BatchDone, type BatchItem } from '../batch.js';
import { amountText, hoursQuantity, invoicesWithReference, type InvoiceLine } from '../invoicing.js';
import { customerOfProject, projectLogs, type TimeLog } from '../projects.js';
import { appPlan, asStep } from '../steps.js';
import { allows, amountInput, client, dateInput, findMarker, idInput, marker, normaliseEmail, type FlowClients, type FlowContext } from '../shared.js';
import { SCOPES, use } from '../uses.js';

const input = z.object({
  project_id: idInput('Projects project').describe('The project.'),
  from: dateInput().optional().describe('First day of logs; default 30 days before to.'),
  to: dateInput().optional().describe('Last day; default today.'),
  rate: amountInput().optional().describe('Hourly rate, e.g. "95.00".'),
  rates: z
    .array(z.strictObject({ person: z.string().trim().min(1).max(100).describe('Name or e-mail.'), rate: amountInput().describe('Their hourly rate.') }))
    .max(50)
    .optional()
    .describe('Rates per person (beside or instead of rate).'),
  group_by: z.enum(['person', 'task']).optional().describe('One line per person (default) or per task.'),
  customer: z.string().trim().max(200).optional().describe("The Books customer's name; default the client in the project's name."),
  date: dateInput().optional().describe('Invoice date; default today.'),
});
type Input = z.infer<typeof input>;

/** The invoice reference of a project's time: every invoice this flow makes for the project starts with it. */
export const timeReference = (projectId: string) => `Projects time ${projectId}`;
const LEDGER = /\[time-logs: ([0-9,\s]+)\]/g;
const LEDGER_CHUNK = 80;
const BILLED = 'billed';

interface Line extends InvoiceLine {
  logs: TimeLog[];
  minutes: number;
}

interface BillResult {
  done: BatchDone;
}

/** Log ids an invoice's ledger comments name. */
function ledgerIds(comments: readonly BooksComment[]): string[] {
  return comments.flatMap((c) => [...String(c.description ?? '').matchAll(LEDGER)].flatMap((m) => m[1]!.split(/[,\s]+/).filter(Boolean)));
}

function who(log: ProjectsTimeLog): string {
  return String(log.owner?.name ?? log.owner?.email ?? 'someone');
}

/** The hourly rate of each person, from `rates` (matched by name or e-mail) or `rate`. */
function rateFor(args: Input, logs: readonly TimeLog[]): (log: TimeLog) => string {
  const people = new Map(logs.map((l) => [who(l), l.owner]));
  const byPerson = new Map<string, string>();
  for (const [i, r] of (args.rates ?? []).entries()) {
    const key = r.person.toLowerCase();
    const match = [...people].filter(([name, owner]) => name.toLowerCase() === key || normaliseEmail(owner?.email) === key || name.toLowerCase().split(' ')[0] === key);
    if (match.length !== 1) throw new ToolInputError(`rates[${i}].person`, `${match.length ? 'fits several' : 'fits none'} of the people who logged billable time: ${[...people.keys()].join(', ') || 'nobody'}`);
    byPerson.set(match[0]![0], r.rate);
  }
  return (log) => {
    const rate = byPerson.get(who(log)) ?? args.rate;
    if (!rate) throw new ToolInputError('rate', `no rate for ${who(log)}; give rate, or a rates entry for them`);
    return amountText(rate);
  };
}

/** Lines of an invoice: per person (at their rate) or per task (at the one rate), hours to 2 decimals. */
function linesOf(args: Input, project: ProjectsProject, logs: readonly TimeLog[], from: string, to: string): Line[] {
  const groupBy = args.group_by ?? 'person';
  if (groupBy === 'task' && args.rates?.length) throw new ToolInputError('rates', 'per-person rates need group_by "person"; a task line has one rate');
  const rate = rateFor(args, logs);
  const groups = new Map<string, TimeLog[]>();
  for (const log of logs) {
    const key = groupBy === 'person' ? who(log) : String(log.task?.name ?? log.module?.name ?? log.log_name ?? 'General');
    groups.set(key, [...(groups.get(key) ?? []), log]);
  }
  return [...groups].map(([key, group]) => {
    const minutes = group.reduce((a, l) => a + l.minutes, 0);
    return {
      name: `${groupBy === 'person' ? 'Time' : 'Task'}: ${key}`,
      description: `${String(project.name ?? project.id)}, ${from} to ${to}: ${formatMinutes(minutes)} h over ${group.length} log${group.length === 1 ? '' : 's'}`,
      quantity: hoursQuantity(minutes),
      rate: rate(group[0]!),
      logs: group,
      minutes,
    };
  });
}

function ledgerSteps(books: BooksClient, invoice: () => BooksInvoice, ids: readonly string[]): WriteStep<BooksComment>[] {
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += LEDGER_CHUNK) chunks.push(ids.slice(i, i + LEDGER_CHUNK));
  return chunks.map((chunk, i) => {
    const text = `Zoho Projects time logs billed on this invoice${chunks.length > 1 ? ` (part ${i + 1} of ${chunks.length})` : ''}: [time-logs: ${chunk.join(',')}]`;
    return {
      summary: `record the billed logs on the invoice${chunks.length > 1 ? ` (part ${i + 1})` : ''}`,
      execute: async () => (await books.addInvoiceComment(String(invoice().invoice_id), text)).comment,
      async reconcile({ signal }) {
        const { comments } = await books.listInvoiceComments(String(invoice().invoice_id), { signal });
        const found = (comments ?? []).find((c) => c.description === text);
        return found ? { status: 'applied', id: String(found.comment_id), result: found } : { status: 'not_applied' };
      },
      checkWith: `books_get_invoice {"invoice_id":"${String(invoice().invoice_id)}"}`,
    };
  });
}

/** Appends the billed marker to a log's notes (Zoho lets only unapproved logs change). */
function markStep(projects: ProjectsClient, projectId: string, log: TimeLog, number: string): WriteStep<ProjectsTimeLog> {
  const notes = [String(log.notes ?? '').trim(), marker(BILLED, number)].filter(Boolean).join(' ');
  return {
    summary: `mark log ${log.id} billed`,
    execute: () => projects.updateTimeLog(projectId, log.id, { module: { type: log.type, ...(log.module?.id ? { id: String(log.module.id) } : {}) }, notes }),
    async reconcile({ signal }) {
      const now = await projects.getTimeLog(projectId, log.id, log.type, { signal });
      if (findMarker(now.notes, BILLED).includes(number)) return { status: 'applied', id: log.id, result: now };
      return String(now.notes ?? '') === String(log.notes ?? '') ? { status: 'not_applied' } : { status: 'unknown', detail: 'the log notes changed otherwise' };
    },
    checkWith: `projects_list_time_logs {"project_id":"${projectId}","date_from":"${log.date}","date_to":"${log.date}"}`,
  };
}

const markable = (log: TimeLog) => log.approval_status !== 'Approved';

interface Ledger {
  billed: Set<string>;
  /** Invoices of this project's time whose ledger is missing (a run stopped after creating them). */
  unrecorded: BooksInvoice[];
  /** Log id → the invoice number that bills it. */
  numberOf: Map<string, string>;
}

async function readLedger(books: BooksClient, projectId: string, customer: BooksContact, signal?: AbortSignal): Promise<Ledger> {
  const invoices = await invoicesWithReference(books, timeReference(projectId), String(customer.contact_id), signal, true);
  const ledger: Ledger = { billed: new Set(), unrecorded: [], numberOf: new Map() };
  for (const inv of invoices) {
    const { comments } = await books.listInvoiceComments(String(inv.invoice_id), { signal });
    const ids = ledgerIds(comments ?? []);
    if (ids.length === 0) ledger.unrecorded.push(inv);
    for (const id of ids) {
      ledger.billed.add(id);
      ledger.numberOf.set(id, String(inv.invoice_number ?? inv.invoice_id));
    }
  }
  return ledger;
}

/** A stopped run left an invoice without its ledger: the logs it billed, if its lines still add up to them exactly. */
async function recoverLedger(books: BooksClient, args: Input, project: ProjectsProject, inv: BooksInvoice, candidates: (from: string, to: string) => Promise<TimeLog[]>, signal?: AbortSignal): Promise<TimeLog[]> {
  const ref = String(inv.reference_number ?? '');
  const period = /(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(ref);
  const number = String(inv.invoice_number ?? inv.invoice_id);
  const byHand = `check ${number} by hand (books_get_invoice {"invoice_id":"${String(inv.invoice_id)}"}): void it to bill these logs again, or keep it and record nothing`;
  if (!period) throw new ToolInputError('project_id', `${number} bills this project's time but has no period in its reference and no ledger; ${byHand}`);
  const [, from, to] = period as unknown as [string, string, string];
  const logs = await candidates(from, to);
  const { invoice } = await books.getInvoice(String(inv.invoice_id), { signal });
  const stored = new Map((invoice.line_items ?? []).map((l) => [String(l.name ?? ''), amountText(l.quantity)]));
  let lines: Line[] = [];
  try {
    lines = linesOf(args, project, logs, from, to);
  } catch {
    // Rates do not matter for the check: only which logs each line holds.
  }
  const same = lines.length > 0 && lines.length === stored.size && lines.every((l) => stored.get(l.name) === amountText(l.quantity));
  if (!same) throw new ToolInputError('project_id', `${number} bills this project's time from ${from} to ${to} but its ledger was not recorded, and the logs no longer add up to its lines; ${byHand}`);
  return logs;
}

export const flowBillProjectTime = defineZohoTool<typeof input, FlowClients, BillResult>({
  name: 'flow_bill_project_time',
  app: 'flow',
  access: 'write',
  uses: [use('projects', 'read', SCOPES.projectsTimeRead), use('books', 'write', SCOPES.booksTimeInvoiceWrite), use('projects', 'write', SCOPES.projectsLogsWrite, 'marks each billed log in its notes')],
  description: `Bill a project's unbilled billable time logs in a period: a draft Books invoice for its client with one line per person (or task), hours × rate; the invoice records the logs it bills and each log is marked billed, so none is billed twice.
Returns the invoice and the logs billed.`,
  examples: [{ project_id: '2438400000000000025', rate: '95.00' }],
  input,
  async plan(args, ctx): Promise<WritePlan<BillResult>> {
    const projects = client(ctx, 'projects');
    const books = client(ctx, 'books');
    const signal = ctx.signal;
    const to = args.to ?? (await projects.today({ signal }));
    const from = args.from ?? addDays(to, -30);
    if (from > to) throw new ToolInputError('to', `${to} is before from ${from}`);
    const project = await projects.getProject(args.project_id, { signal }).catch((err: unknown) => {
      if ((err as { kind?: string }).kind === 'not_found') throw new ToolInputError('project_id', `no project ${args.project_id}; find it with projects_list`);
      throw err;
    });
    const customer = await customerOfProject(books, project, args.customer, signal);
    const logs = (await projectLogs(projects, args.project_id, from, to, signal)).filter((l) => l.bill_status === 'Billable');
    const ledger = await readLedger(books, args.project_id, customer, signal);
    const canMark = allows(ctx, 'projects', 'write');
    const isBilled = (l: TimeLog) => ledger.billed.has(l.id) || findMarker(l.notes, BILLED).length > 0;
    const items: BatchItem[] = [];
    const planned: Record<string, unknown>[] = [];

    // A stopped run that created an invoice without recording its ledger: record it, never invoice again.
    let unbilled = logs.filter((l) => !isBilled(l));
    for (const inv of ledger.unrecorded) {
      const candidates = async (start: string, end: string) => (await projectLogs(projects, args.project_id, start, end, signal)).filter((l) => l.bill_status === 'Billable' && !isBilled(l));
      const held = await recoverLedger(books, args, project, inv, candidates, signal);
      const number = String(inv.invoice_number ?? inv.invoice_id);
      for (const l of held) ledger.numberOf.set(l.id, number);
      items.push({
        label: `record the ${held.length} logs ${number} bills`,
        async run(send) {
          for (const step of ledgerSteps(books, () => inv, held.map((l) => l.id))) await send(step);
          return { action: 'ledger recorded', invoice_number: number, logs: held.length };
        },
      });
      planned.push({ action: 'record ledger', invoice_number: number, logs: held.length });
      const heldIds = new Set(held.map((l) => l.id));
      unbilled = unbilled.filter((l) => !heldIds.has(l.id));
      for (const l of held) ledger.billed.add(l.id);
    }

    // Logs a ledger bills but whose own mark a stopped run did not add.
    const unmarked = canMark ? logs.filter((l) => ledger.billed.has(l.id) && markable(l) && findMarker(l.notes, BILLED).length === 0) : [];
    const lines = unbilled.length ? linesOf(args, project, unbilled, from, to) : [];
    const reference = `${timeReference(args.project_id)} ${from}..${to}`;
    let invoice: BooksInvoice | undefined;
    let invoicePlan: WritePlan<BooksInvoice> | undefined;
    if (lines.length) {
      invoicePlan = await appPlan<BooksInvoice>(
        booksCreateInvoice,
        { customer_id: String(customer.contact_id), line_items: lines.map(({ name, description, quantity, rate }) => ({ name, description, quantity, rate })), reference_number: reference, ...(args.date ? { date: args.date } : {}) },
        ctx,
        'books',
      );
      const plan = invoicePlan;
      const ids = unbilled.map((l) => l.id);
      items.push({
        label: `draft invoice for ${unbilled.length} logs`,
        async run(send) {
          const sent = await send(asStep(plan, 'create the draft invoice'));
          invoice = sent.result ?? ({ invoice_id: sent.id ?? '' } as BooksInvoice);
          for (const step of ledgerSteps(books, () => invoice!, ids)) await send(step);
          return { action: 'invoiced', invoice_id: String(invoice.invoice_id), invoice_number: invoice.invoice_number, total: amountText(invoice.total), logs: ids.length };
        },
      });
    }
    const toMark = [...unmarked, ...(canMark ? unbilled.filter(markable) : [])];
    for (const log of toMark) {
      items.push({
        label: `mark log ${log.id} (${who(log)}, ${log.date}) billed`,
        async run(send) {
          const number = ledger.numberOf.get(log.id) ?? String(invoice?.invoice_number ?? invoice?.invoice_id ?? '');
          await send(markStep(projects, args.project_id, log, number));
          return { action: 'marked', log_id: log.id, invoice_number: number };
        },
      });
    }
    const approved = unbilled.filter((l) => !markable(l)).length;
    const base = { summary: '', payload: {}, execute: async () => ({ done: { status: 'done' as const, applied: [], ids: [] } }) };
    if (items.length === 0) {
      return { ...base, nothingToDo: { status: 'nothing to bill', project: project.name, customer: customer.contact_name, from, to, billable_logs: logs.length, already_billed: logs.filter(isBilled).length } };
    }
    let total = 0n;
    for (const l of lines) total += lineTotal(parseAmount(l.quantity), parseAmount(l.rate));
    const after: Record<string, unknown> = {
      project: project.name,
      customer: customer.contact_name,
      period: `${from} to ${to}`,
      ...(lines.length ? { reference_number: reference, line_items: toTable(lines.map((l) => ({ name: l.name, hours: formatMinutes(l.minutes), quantity: l.quantity, rate: l.rate, item_total: formatAmount(lineTotal(parseAmount(l.quantity), parseAmount(l.rate))) }))), total: `${customer.currency_code ?? ''} ${formatAmount(total)}`.trim(), logs: unbilled.length } : {}),
      ...(planned.length ? { recovered: toTable(planned) } : {}),
      marks: canMark ? `${toMark.length} logs get "${marker(BILLED, 'INV-…')}" in their notes${approved ? `; ${approved} approved logs cannot change in Zoho and are recorded on the invoice only` : ''}` : 'not allowed for this role: the invoice records the logs it bills',
    };
    return {
      summary: `Bill ${project.name ?? args.project_id} ${from} to ${to}: ${lines.length ? `a draft invoice for ${customer.contact_name}, ${lines.length} line${lines.length === 1 ? '' : 's'}, ${unbilled.length} logs, total ${formatAmount(total)}` : 'no new invoice'}${planned.length ? `; record ${planned.length} missing ledger` : ''}${toMark.length ? `; mark ${toMark.length} logs billed` : ''}`,
      payload: { ...(invoicePlan ? { invoice: invoicePlan.payload } : {}), ...(toMark.length ? { mark_logs: toMark.map((l) => l.id) } : {}) },
      after,
      execute: async () => ({ done: await runBatch(ctx, items, 'Run flow_bill_project_time again with the same project and period: logs already on an invoice (its ledger) are not billed again, and only the missing ledger or marks are sent.') }),
      checkWith: `books_list_invoices {"search_text":"${timeReference(args.project_id)}"}`,
    };
  },
  shape: ({ done }) => ({ status: 'done', applied: toTable(done.applied) }),
  ids: ({ done }) => done.ids,
});
