/**
 * Zoho Projects reads the workflows share: every time log of a project over a window (Zoho lists at most
 * 6 months at once), the client a project is for, and its Books customer.
 */
import { ToolInputError } from '@zoho-agent-kit/core';
import type { BooksClient, BooksContact } from '@zoho-agent-kit/books';
import { addDays, minutesFromZoho, type ProjectsClient, type ProjectsProject, type ProjectsTimeLog, type TimeLogModule } from '@zoho-agent-kit/projects';
import { normaliseName } from './shared.js';

const MODULES: TimeLogModule[] = ['task', 'issue', 'general'];
const WINDOW_DAYS = 180;

export interface TimeLog extends ProjectsTimeLog {
  date: string;
  minutes: number;
  type: TimeLogModule;
}

/** Every log of a project dated from..to (inclusive), of tasks, issues and general logs. */
export async function projectLogs(projects: ProjectsClient, projectId: string, from: string, to: string, signal?: AbortSignal): Promise<TimeLog[]> {
  const out: TimeLog[] = [];
  for (let start = from; start <= to; start = addDays(start, WINDOW_DAYS + 1)) {
    const end = addDays(start, WINDOW_DAYS) < to ? addDays(start, WINDOW_DAYS) : to;
    for (const type of MODULES) {
      for (let page = 1; page <= 20; page++) {
        const res = await projects.listTimeLogs(projectId, { start_date: start, end_date: end, module: type, page, per_page: 200 }, { signal });
        for (const log of res.rows) {
          const date = String(log.date ?? '').slice(0, 10);
          if (date < from || date > to) continue;
          out.push({ ...log, id: String(log.id), date, type, minutes: minutesFromZoho(log.log_hour) ?? 0 });
        }
        if (!res.has_next_page) break;
      }
    }
  }
  return out;
}

/** The client a project is for: the part of its name before " — " (the agency's naming), else the whole name. */
export function projectClient(project: Pick<ProjectsProject, 'name'>): string {
  const name = String(project.name ?? '');
  const cut = name.split(/\s+[—–-]\s+/)[0] ?? name;
  return cut.trim();
}

/** The Books customer of a project: the one named, or the one whose name is the project's client. */
export async function customerOfProject(books: BooksClient, project: ProjectsProject, named: string | undefined, signal?: AbortSignal): Promise<BooksContact> {
  const wanted = named ?? projectClient(project);
  const key = normaliseName(wanted);
  const { contacts } = await books.listContacts({ contact_type: 'customer', search_text: wanted.split(/\s+/)[0] ?? wanted, per_page: 200 }, { signal });
  const found = (contacts ?? []).filter((c) => (c.contact_type ?? 'customer') === 'customer' && normaliseName(c.contact_name) === key);
  if (found.length === 1) return found[0]!;
  const field = named ? 'customer' : 'project_id';
  if (found.length > 1) throw new ToolInputError('customer', `several Books customers are named like ${wanted}: ${found.map((c) => `${c.contact_name} (${String(c.contact_id)})`).join(', ')}; give customer exactly`);
  throw new ToolInputError(field, `no Books customer is named ${wanted}${named ? '' : ` (the client in the project's name "${String(project.name)}")`}; give customer as Books names it`);
}
