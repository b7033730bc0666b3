import { ZohoApiError, ZohoConfigError, type QueryValue, type ZohoAppClient, type ZohoConnection } from '@zoho-agent-kit/core';
import { dateInZone, isTimeZone } from './dates.js';
import { projectsEnvelopeReader } from './envelope.js';
import { zohoHours } from './hours.js';

/** Any Zoho Projects record: the fields this package reads are typed, everything else passes through. */
export interface ProjectsRecord {
  [key: string]: unknown;
}

/** A person as V3 embeds one (owner, assignee, added_by). */
export interface ProjectsPersonRef extends ProjectsRecord {
  id?: string;
  zpuid?: string;
  name?: string;
  email?: string;
}

export interface ProjectsPortal extends ProjectsRecord {
  id: string;
  portal_name?: string;
  /** Legacy spelling. */
  name?: string;
  org_name?: string;
  is_default_portal?: boolean;
  settings?: { time_zone?: string; [key: string]: unknown };
  time_zone?: string;
}

export interface ProjectsProject extends ProjectsRecord {
  id: string;
  name?: string;
  key?: string;
  status?: string;
  owner?: ProjectsPersonRef;
  start_date?: string;
  end_date?: string;
}

export interface ProjectsStatusRef extends ProjectsRecord {
  id?: string;
  name?: string;
  is_closed_type?: boolean;
}

export interface ProjectsTask extends ProjectsRecord {
  id: string;
  prefix?: string;
  name?: string;
  project?: { id?: string; name?: string };
  tasklist?: { id?: string; name?: string } | null;
  status?: ProjectsStatusRef;
  priority?: string;
  start_date?: string;
  end_date?: string;
  completion_percentage?: number;
  owners_and_work?: { owners?: ProjectsPersonRef[]; [key: string]: unknown };
  is_parent?: boolean;
  parental_info?: { parent_task_id?: string; [key: string]: unknown };
  created_time?: string;
}

export interface ProjectsTimeLog extends ProjectsRecord {
  id: string;
  log_hour?: string;
  date?: string;
  notes?: string;
  bill_status?: 'Billable' | 'Non Billable' | string;
  approval_status?: string;
  owner?: ProjectsPersonRef;
  module?: { type?: string; id?: string; name?: string };
  task?: { id?: string; name?: string } | null;
  log_name?: string;
}

export interface ProjectsIssue extends ProjectsRecord {
  id: string;
  name?: string;
  status?: ProjectsStatusRef;
  severity?: { id?: string; name?: string } | null;
  assignee?: ProjectsPersonRef | null;
  created_time?: string;
}

export interface ProjectsComment extends ProjectsRecord {
  id: string;
  comment?: string;
  added_by?: ProjectsPersonRef;
  created_time?: string;
}

export interface ProjectsUser extends ProjectsRecord {
  id?: string;
  zpuid: string;
  name?: string;
  email?: string;
  first_name?: string;
  last_name?: string;
  role?: { name?: string } | string;
  project_role?: { name?: string };
  status?: string;
}

export interface PageInfo {
  page?: number;
  per_page?: number;
  has_next_page?: boolean;
  /** Some clients read this name (unconfirmed). */
  has_more_page?: boolean;
}

export interface Paging {
  page?: number;
  per_page?: number;
}

export interface Page<T> {
  rows: T[];
  /** Whether Zoho has a next page (from `page_info`, or a full page when Zoho sends a bare array). */
  has_next_page: boolean;
  page_info?: PageInfo;
}

export interface CallOptions {
  signal?: AbortSignal | undefined;
}

export type TimeLogModule = 'task' | 'issue' | 'general';

export interface TimeLogQuery extends Paging {
  /** yyyy-mm-dd, inclusive; the window is at most 6 months (observed). */
  start_date: string;
  end_date: string;
  module: TimeLogModule;
  /** A zpuid. */
  user_id?: string;
  billtype?: 'all' | 'billable' | 'non_billable';
}

/** The V3 body of a new time log (`POST …/log`, observed in third-party clients; unconfirmed in the digest). */
export interface NewTimeLog {
  module: { type: TimeLogModule; id?: string };
  /** yyyy-mm-dd. */
  date: string;
  /** HH:mm. */
  hours: string;
  bill_status: 'Billable' | 'Non Billable';
  notes?: string;
  owner_zpuid?: string;
  log_name?: string;
}

/** Fields of `PATCH …/logs/{id}` (bill status, hours, date, notes); `module` is required by Zoho. */
export interface TimeLogPatch {
  module: { type: TimeLogModule; id?: string };
  date?: string;
  hours?: string;
  bill_status?: 'Billable' | 'Non Billable';
  notes?: string;
  log_name?: string;
}

export interface ProjectsClientOptions {
  /**
   * The portal every call goes to (ZOHO_PROJECTS_PORTAL_ID: its id, or its name, looked up once in the portal
   * list so its id goes into the URLs). When absent, the user's
   * portals are listed once: one portal is used; several are an error that lists them by name and id.
   */
  portalId?: string | undefined;
  /** IANA zone for "today" and due windows, instead of the portal's own setting (read from the portal list). */
  timeZone?: string | undefined;
  /**
   * Which API logs time: `v3` (`POST /api/v3/portal/{p}/projects/{id}/log`, default) or `legacy`
   * (`POST /restapi/…/tasks/{task}/logs/`, form-encoded, the only log call the digest confirms).
   */
  timeLogApi?: 'v3' | 'legacy' | undefined;
  /** Clock for "today" (tests); default Date.now. */
  now?: (() => number) | undefined;
}

const V3 = '/api/v3';
const PORTAL_ID = /^[\w.-]{1,100}$/;
/** How long a list of users (the portal's, or a project's) is reused for name lookups. */
const USERS_TTL_MS = 5 * 60_000;

/** The scope each kind of call needs; said in the error when Zoho refuses a call for want of it. */
export const SCOPES = {
  portals: 'ZohoProjects.portals.READ',
  projects: 'ZohoProjects.projects.READ',
  tasksRead: 'ZohoProjects.tasks.READ',
  tasksCreate: 'ZohoProjects.tasks.CREATE',
  tasksUpdate: 'ZohoProjects.tasks.UPDATE',
  tasklists: 'ZohoProjects.tasklists.READ',
  milestones: 'ZohoProjects.milestones.READ',
  timesheetsRead: 'ZohoProjects.timesheets.READ',
  timesheetsCreate: 'ZohoProjects.timesheets.CREATE',
  timesheetsUpdate: 'ZohoProjects.timesheets.UPDATE',
  bugsRead: 'ZohoProjects.bugs.READ',
  bugsCreate: 'ZohoProjects.bugs.CREATE',
  users: 'ZohoProjects.users.READ',
} as const;

function asArray<T>(data: unknown, key: string): T[] {
  if (Array.isArray(data)) return data as T[];
  const inner = data && typeof data === 'object' ? (data as Record<string, unknown>)[key] : undefined;
  return Array.isArray(inner) ? (inner as T[]) : [];
}

/** One record from an answer that is the record itself, `{key:[record]}` or `{key:record}`. */
function asOne<T>(data: unknown, key: string): T {
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    const inner = (data as Record<string, unknown>)[key];
    if (Array.isArray(inner) && inner[0]) return inner[0] as T;
    if (inner && typeof inner === 'object' && 'id' in inner) return inner as T;
  }
  if (Array.isArray(data) && data[0]) return data[0] as T;
  return data as T;
}

function page<T>(data: unknown, key: string, requested: Paging): Page<T> {
  const rows = asArray<T>(data, key);
  const info = data && typeof data === 'object' && !Array.isArray(data) ? ((data as Record<string, unknown>).page_info as PageInfo | undefined) : undefined;
  const more = info?.has_next_page ?? info?.has_more_page ?? (requested.per_page !== undefined && rows.length >= requested.per_page);
  const out: Page<T> = { rows, has_next_page: more === true };
  if (info) out.page_info = info;
  return out;
}

/**
 * Adds the scope a refused call needs to Zoho's answer: Projects reports a missing scope as
 * `INVALID_OAUTHSCOPE` or, on some hosts, as `URL_RULE_NOT_CONFIGURED` (projects.md §3).
 */
function explain(err: unknown, scope: string): unknown {
  if (!(err instanceof ZohoApiError)) return err;
  if (err.code !== 'INVALID_OAUTHSCOPE' && err.code !== 'URL_RULE_NOT_CONFIGURED') return err;
  const hint = err.code === 'URL_RULE_NOT_CONFIGURED' ? ` (Projects also answers this when the OAuth token lacks ${scope})` : `; re-authorise with ${scope}`;
  return new ZohoApiError({
    app: err.app,
    status: err.status,
    code: err.code,
    kind: err.kind,
    message: `${err.message}${hint}`,
    details: err.details,
    retryable: err.retryable,
    ...(err.retryAfterMs !== undefined ? { retryAfterMs: err.retryAfterMs } : {}),
  });
}

const enc = encodeURIComponent;

/**
 * Typed calls to the Zoho Projects V3 API (`https://projectsapi.zoho.<tld>/api/v3`) and the two legacy calls
 * V3 has no documented equivalent for (the caller's `login_id`; form-encoded time logs, as an option). Ids stay
 * strings: Zoho's bare 19-digit JSON numbers are read exactly by core's JSON parser.
 */
export class ProjectsClient {
  readonly http: ZohoAppClient;
  private portalPromise: Promise<ProjectsPortal> | undefined;
  private meZuid: Promise<string | undefined> | undefined;
  private readonly configured: string | undefined;
  private readonly usersCache = new Map<string, { at: number; users: Promise<ProjectsUser[]> }>();

  constructor(
    readonly connection: ZohoConnection,
    readonly options: ProjectsClientOptions = {},
  ) {
    this.http = connection.app({ app: 'projects', readError: projectsEnvelopeReader });
    const configured = options.portalId?.trim();
    if (configured && !PORTAL_ID.test(configured)) {
      throw new ZohoConfigError('ZOHO_PROJECTS_PORTAL_ID', `"${configured.slice(0, 40)}" is not a Projects portal id (digits, or the portal name); list yours with GET /api/v3/portals`);
    }
    this.configured = configured || undefined;
    if (options.timeZone !== undefined && !isTimeZone(options.timeZone)) {
      throw new ZohoConfigError('timeZone', `"${options.timeZone.slice(0, 40)}" is not an IANA time zone (e.g. America/New_York)`);
    }
  }

  now(): number {
    return (this.options.now ?? Date.now)();
  }

  // ---------- portal ----------

  async listPortals(options: CallOptions = {}): Promise<ProjectsPortal[]> {
    const res = await this.get(`${V3}/portals`, {}, SCOPES.portals, options, ' (or skip this lookup by setting ZOHO_PROJECTS_PORTAL_ID)');
    return asArray<ProjectsPortal>(res, 'portals');
  }

  /**
   * The portal id calls go to: the configured one when it is an id (digits), else the portal of that name or the
   * user's only portal (looked up once): a name never goes into a URL path.
   */
  async portalId(options: CallOptions = {}): Promise<string> {
    if (this.configured && /^\d+$/.test(this.configured)) return this.configured;
    return String((await this.portal(options)).id);
  }

  /** The portal's record (looked up once; a failed lookup is tried again on the next call). */
  portal(options: CallOptions = {}): Promise<ProjectsPortal> {
    this.portalPromise ??= this.findPortal(options).catch((err: unknown) => {
      this.portalPromise = undefined;
      throw err;
    });
    return this.portalPromise;
  }

  /** The IANA zone "today" is computed in: the option, else the portal's setting, else UTC. */
  async timeZone(options: CallOptions = {}): Promise<string> {
    if (this.options.timeZone) return this.options.timeZone;
    const portal = await this.portal(options);
    const zone = portal.settings?.time_zone ?? portal.time_zone ?? (typeof portal.timezone === 'string' ? portal.timezone : undefined);
    return zone && isTimeZone(zone) ? zone : 'UTC';
  }

  /** Today's date in the portal's time zone. */
  async today(options: CallOptions = {}): Promise<string> {
    return dateInZone(this.now(), await this.timeZone(options));
  }

  private async findPortal(options: CallOptions): Promise<ProjectsPortal> {
    const portals = await this.listPortals(options);
    const listed = () => portals.map((p) => `${p.portal_name ?? p.name ?? '(unnamed)'} (id ${String(p.id)})`).join(', ');
    if (this.configured) {
      const found = portals.find((p) => String(p.id) === this.configured || p.portal_name === this.configured || p.name === this.configured);
      if (!found) throw new ZohoConfigError('ZOHO_PROJECTS_PORTAL_ID', `no portal of this Zoho user is "${this.configured}"; the user's portals are: ${listed() || 'none'}`);
      return found;
    }
    if (portals.length === 1) return portals[0]!;
    if (portals.length === 0) throw new ZohoConfigError('ZOHO_PROJECTS_PORTAL_ID', 'this Zoho user belongs to no Zoho Projects portal; create one at https://projects.zoho.com or sign in as a member of one');
    throw new ZohoConfigError(
      'ZOHO_PROJECTS_PORTAL_ID',
      `this Zoho user belongs to ${portals.length} Projects portals: ${listed()}. Set ZOHO_PROJECTS_PORTAL_ID (the Projects plugin's portalId option) to the one to use; nothing was sent to them`,
    );
  }

  /**
   * The signed-in user's Zoho account id (zuid), from the legacy portals list's `login_id` (projects.md §2): V3
   * documents no "current user" call. Undefined when Zoho does not say.
   */
  currentUserZuid(options: CallOptions = {}): Promise<string | undefined> {
    this.meZuid ??= this.get('/restapi/portals/', {}, SCOPES.portals, options)
      .then((res) => {
        const id = (res as { login_id?: unknown } | undefined)?.login_id;
        return id === undefined || id === null ? undefined : String(id);
      })
      .catch((err: unknown) => {
        this.meZuid = undefined;
        throw err;
      });
    return this.meZuid;
  }

  // ---------- projects ----------

  /** `GET …/projects`: a bare array (observed), so a full page means "maybe more". */
  async listProjects(params: Paging & { status?: 'active' | 'archived' | 'template' } = {}, options: CallOptions = {}): Promise<Page<ProjectsProject>> {
    const data = await this.inPortal('GET', '/projects', { query: { ...params }, scope: SCOPES.projects }, options);
    return page<ProjectsProject>(data, 'projects', params);
  }

  async getProject(projectId: string, options: CallOptions = {}): Promise<ProjectsProject> {
    return asOne(await this.inPortal('GET', `/projects/${enc(projectId)}`, { scope: SCOPES.projects }, options), 'projects');
  }

  // ---------- tasks ----------

  /** Main tasks of a project, or of the whole portal (`GET /portal/{p}/tasks`) without a project. */
  async listTasks(projectId: string | undefined, params: Paging = {}, options: CallOptions = {}): Promise<Page<ProjectsTask>> {
    const path = projectId ? `/projects/${enc(projectId)}/tasks` : '/tasks';
    return page<ProjectsTask>(await this.inPortal('GET', path, { query: { ...params }, scope: SCOPES.tasksRead }, options), 'tasks', params);
  }

  async listSubtasks(projectId: string, taskId: string, params: Paging = {}, options: CallOptions = {}): Promise<Page<ProjectsTask>> {
    const data = await this.inPortal('GET', `/projects/${enc(projectId)}/tasks/${enc(taskId)}/subtasks`, { query: { ...params }, scope: SCOPES.tasksRead }, options);
    return page<ProjectsTask>(data, 'tasks', params);
  }

  async getTask(projectId: string, taskId: string, options: CallOptions = {}): Promise<ProjectsTask> {
    return asOne(await this.inPortal('GET', `/projects/${enc(projectId)}/tasks/${enc(taskId)}`, { scope: SCOPES.tasksRead }, options), 'tasks');
  }

  async createTask(projectId: string, body: Record<string, unknown>, options: CallOptions = {}): Promise<ProjectsTask> {
    return asOne(await this.inPortal('POST', `/projects/${enc(projectId)}/tasks`, { json: body, scope: SCOPES.tasksCreate }, options), 'tasks');
  }

  /** `PATCH` with the changed fields only; V3 updates are PATCH (PUT/POST answer INVALID_METHOD). */
  async updateTask(projectId: string, taskId: string, body: Record<string, unknown>, options: CallOptions = {}): Promise<ProjectsTask> {
    return asOne(await this.inPortal('PATCH', `/projects/${enc(projectId)}/tasks/${enc(taskId)}`, { json: body, scope: SCOPES.tasksUpdate }, options), 'tasks');
  }

  async listTasklists(projectId: string, params: Paging = {}, options: CallOptions = {}): Promise<Page<ProjectsRecord & { id: string }>> {
    return page(await this.inPortal('GET', `/projects/${enc(projectId)}/tasklists`, { query: { ...params }, scope: SCOPES.tasklists }, options), 'tasklists', params);
  }

  /** Milestones are V3's phases (`GET …/phases`, answering `{milestones:[…]}`, observed). */
  async listMilestones(projectId: string, params: Paging = {}, options: CallOptions = {}): Promise<Page<ProjectsRecord & { id: string }>> {
    return page(await this.inPortal('GET', `/projects/${enc(projectId)}/phases`, { query: { ...params }, scope: SCOPES.milestones }, options), 'milestones', params);
  }

  // ---------- comments ----------

  async listComments(projectId: string, taskId: string, params: Paging = {}, options: CallOptions = {}): Promise<Page<ProjectsComment>> {
    const data = await this.inPortal('GET', `/projects/${enc(projectId)}/tasks/${enc(taskId)}/comments`, { query: { ...params }, scope: SCOPES.tasksRead }, options);
    return page<ProjectsComment>(data, 'comments', params);
  }

  /** `POST …/comments` with `{comment}`; Zoho answers a top-level array (observed). */
  async addComment(projectId: string, taskId: string, comment: string, options: CallOptions = {}): Promise<ProjectsComment> {
    return asOne(await this.inPortal('POST', `/projects/${enc(projectId)}/tasks/${enc(taskId)}/comments`, { json: { comment }, scope: SCOPES.tasksCreate }, options), 'comments');
  }

  // ---------- time logs ----------

  /** One page of a project's logs of one module in a date window, flattened from Zoho's per-date groups. */
  async listTimeLogs(projectId: string, query: TimeLogQuery, options: CallOptions = {}): Promise<Page<ProjectsTimeLog>> {
    const q: Record<string, QueryValue> = {
      view_type: 'customdate',
      start_date: query.start_date,
      end_date: query.end_date,
      module: JSON.stringify({ type: query.module }),
      page: query.page,
      per_page: query.per_page,
    };
    if (query.user_id) q.user_id = query.user_id;
    if (query.billtype) q.billtype = query.billtype;
    const data = (await this.inPortal('GET', `/projects/${enc(projectId)}/timelogs`, { query: q, scope: SCOPES.timesheetsRead }, options)) as
      | { time_logs?: { date?: string; log_details?: ProjectsTimeLog[] }[]; page_info?: PageInfo }
      | undefined;
    const rows = (data?.time_logs ?? []).flatMap((group) => (group.log_details ?? []).map((log) => ({ ...log, date: log.date ?? group.date })));
    return page<ProjectsTimeLog>({ rows, page_info: data?.page_info }, 'rows', query);
  }

  /** Logs time: V3 `POST …/log` (default), or the legacy form call when `timeLogApi: 'legacy'`. */
  async addTimeLog(projectId: string, body: NewTimeLog, options: CallOptions & { ownerZuid?: string } = {}): Promise<ProjectsTimeLog> {
    if (this.options.timeLogApi === 'legacy') return this.addTimeLogLegacy(projectId, body, options);
    return asOne(await this.inPortal('POST', `/projects/${enc(projectId)}/log`, { json: body, scope: SCOPES.timesheetsCreate }, options), 'time_logs');
  }

  async getTimeLog(projectId: string, logId: string, type: TimeLogModule, options: CallOptions = {}): Promise<ProjectsTimeLog> {
    return asOne(await this.inPortal('GET', `/projects/${enc(projectId)}/logs/${enc(logId)}`, { query: { type }, scope: SCOPES.timesheetsRead }, options), 'time_logs');
  }

  /** Updates a log (bill status, hours, date, notes). Zoho refuses approved logs ("Cannot update approved timelogs", observed). */
  async updateTimeLog(projectId: string, logId: string, patch: TimeLogPatch, options: CallOptions = {}): Promise<ProjectsTimeLog> {
    return asOne(await this.inPortal('PATCH', `/projects/${enc(projectId)}/logs/${enc(logId)}`, { json: patch, scope: SCOPES.timesheetsUpdate }, options), 'time_logs');
  }

  /** Legacy `POST /restapi/portal/{p}/projects/{id}/tasks/{task}/logs/` (or `…/logs/` for general logs), form-encoded. */
  private async addTimeLogLegacy(projectId: string, body: NewTimeLog, options: CallOptions & { ownerZuid?: string }): Promise<ProjectsTimeLog> {
    const portal = await this.portalId(options);
    const [y, m, d] = body.date.split('-');
    const form: Record<string, string> = { date: `${m}-${d}-${y}`, bill_status: body.bill_status, hours: body.hours };
    if (body.notes) form.notes = body.notes;
    if (options.ownerZuid) form.owner = options.ownerZuid;
    if (body.module.type === 'general') form.name = body.log_name ?? 'General';
    const path =
      body.module.type === 'task' ? `/restapi/portal/${enc(portal)}/projects/${enc(projectId)}/tasks/${enc(body.module.id ?? '')}/logs/` : `/restapi/portal/${enc(portal)}/projects/${enc(projectId)}/logs/`;
    const res = await this.http.request<{ timelogs?: Record<string, ProjectsRecord[]> }>({ method: 'POST', path, form, signal: options.signal }).catch((err: unknown) => {
      throw explain(err, SCOPES.timesheetsCreate);
    });
    const logs = res.data?.timelogs ?? {};
    const log = (logs.task_logs ?? logs.general_logs ?? logs.bug_logs ?? [])[0] ?? {};
    // The legacy shape, read into V3's names so callers see one shape.
    const minutes = typeof log.total_minutes === 'number' ? log.total_minutes : undefined;
    return {
      ...log,
      id: String(log.id_string ?? log.id),
      log_hour: typeof log.hours_display === 'string' ? log.hours_display : minutes !== undefined ? zohoHours(minutes) : body.hours,
      date: body.date,
      bill_status: (log.bill_status as string | undefined) ?? body.bill_status,
    } as ProjectsTimeLog;
  }

  // ---------- issues ----------

  async listIssues(projectId: string, params: Paging = {}, options: CallOptions = {}): Promise<Page<ProjectsIssue>> {
    return page<ProjectsIssue>(await this.inPortal('GET', `/projects/${enc(projectId)}/issues`, { query: { ...params }, scope: SCOPES.bugsRead }, options), 'issues', params);
  }

  async createIssue(projectId: string, body: Record<string, unknown>, options: CallOptions = {}): Promise<ProjectsIssue> {
    return asOne(await this.inPortal('POST', `/projects/${enc(projectId)}/issues`, { json: body, scope: SCOPES.bugsCreate }, options), 'issues');
  }

  // ---------- users ----------

  async listUsers(params: Paging = {}, options: CallOptions = {}): Promise<Page<ProjectsUser>> {
    return page<ProjectsUser>(await this.inPortal('GET', '/users', { query: { ...params }, scope: SCOPES.users }, options), 'users', params);
  }

  async listProjectUsers(projectId: string, params: Paging = {}, options: CallOptions = {}): Promise<Page<ProjectsUser>> {
    return page<ProjectsUser>(await this.inPortal('GET', `/projects/${enc(projectId)}/users`, { query: { ...params }, scope: SCOPES.users }, options), 'users', params);
  }

  /**
   * The users of the portal (no project) or of one project, as `load` reads them, reused for 5 minutes (people
   * lookups by name would re-list them on every call); a failed read is not kept.
   */
  cachedUsers(projectId: string | undefined, load: () => Promise<ProjectsUser[]>): Promise<ProjectsUser[]> {
    const key = projectId ?? '';
    const hit = this.usersCache.get(key);
    if (hit && this.now() - hit.at < USERS_TTL_MS) return hit.users;
    const users: Promise<ProjectsUser[]> = load().catch((err: unknown) => {
      if (this.usersCache.get(key)?.users === users) this.usersCache.delete(key);
      throw err;
    });
    this.usersCache.set(key, { at: this.now(), users });
    return users;
  }

  // ---------- plumbing ----------

  private async inPortal(
    method: 'GET' | 'POST' | 'PATCH',
    path: string,
    req: { query?: Record<string, QueryValue>; json?: unknown; scope: string },
    options: CallOptions,
  ): Promise<unknown> {
    const portal = await this.portalId(options);
    return this.send(method, `${V3}/portal/${enc(portal)}${path}`, req, options);
  }

  private get(path: string, query: Record<string, QueryValue>, scope: string, options: CallOptions, extra = ''): Promise<unknown> {
    return this.send('GET', path, { query, scope }, options, extra);
  }

  private async send(
    method: 'GET' | 'POST' | 'PATCH',
    path: string,
    req: { query?: Record<string, QueryValue>; json?: unknown; scope: string },
    options: CallOptions,
    extra = '',
  ): Promise<unknown> {
    try {
      // Undefined query values are left out by core's buildUrl.
      const res = await this.http.request({ method, path, ...(req.query ? { query: req.query } : {}), ...(req.json !== undefined ? { json: req.json } : {}), signal: options.signal });
      return res.data;
    } catch (err) {
      const explained = explain(err, req.scope);
      if (extra && explained instanceof ZohoApiError && explained !== err) {
        throw new ZohoApiError({
          app: explained.app,
          status: explained.status,
          code: explained.code,
          kind: explained.kind,
          message: `${explained.message}${extra}`,
          details: explained.details,
          retryable: explained.retryable,
          ...(explained.retryAfterMs !== undefined ? { retryAfterMs: explained.retryAfterMs } : {}),
        });
      }
      throw explained;
    }
  }
}
