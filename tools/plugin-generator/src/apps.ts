import type { ZohoApp } from '@zoho-agent-kit/core';
import type { AppDemo } from './spec.js';

/**
 * Which routes of each app the scaffold demonstrates, picked from those its package's emulator slice serves:
 * a read that lists something (the container the write goes into, where there is one) and a create whose
 * outcome a read can check. The wire lines here are only what those calls need; the app's envelope reader,
 * its context-id lookup and its emulator come from the app's own package.
 */
export const APP_DEMOS: Record<ZohoApp, AppDemo> = {
  crm: {
    app: 'crm',
    product: 'Zoho CRM',
    App: 'Crm',
    coreImports: ['ZohoApiError'],
    clientConstants: `const DEFAULT_LIMIT = 20;
/** The Tasks fields the tools read (CRM v8 lists only the fields asked for). */
const TASK_FIELDS = ['Subject', 'Status', 'Due_Date', 'Priority', 'What_Id', 'Who_Id', 'Owner', 'Created_Time'];
/** Newest tasks a reconcile check reads: one page, CRM's largest. */
const RECENT = 200;

interface CrmList {
  data?: Record<string, unknown>[];
  info?: { more_records?: boolean };
}

interface CrmWriteAnswer {
  data?: { code?: string; status?: string; message?: string; details?: { id?: unknown; Created_Time?: unknown } }[];
}

const taskRow = (record: Record<string, unknown>): ZohoRow => ({ ...record, id: idOf(record.id) });`,
    clientMethods: `  /** \`GET /crm/v8/Tasks\`: one page of tasks, newest first. */
  async list(request: ListRequest, options: CallOptions = {}): Promise<Page> {
    const page = Number(request.next_page ?? 1);
    const res = await this.http.request<CrmList | undefined>({
      method: 'GET',
      path: '/crm/v8/Tasks',
      query: { fields: TASK_FIELDS.join(','), sort_by: 'Created_Time', sort_order: 'desc', page, per_page: request.limit ?? DEFAULT_LIMIT },
      signal: options.signal,
    });
    // CRM answers 204 without a body when there is nothing to list.
    const rows = (res.data?.data ?? []).map(taskRow);
    return res.data?.info?.more_records ? { rows, next_page: String(page + 1) } : { rows };
  }

  /** The request body of \`POST /crm/v8/Tasks\`: Subject is the only mandatory field. */
  bodyFor(fields: NewTask): { data: Record<string, unknown>[] } {
    const task: Record<string, unknown> = { Subject: fields.subject };
    if (fields.due_date) task.Due_Date = fields.due_date;
    return { data: [task] };
  }

  /** \`POST /crm/v8/Tasks\` (sent once: the connection never resends a write). */
  async create(body: { data: Record<string, unknown>[] }, options: CallOptions = {}): Promise<ZohoRow> {
    const res = await this.http.request<CrmWriteAnswer>({ method: 'POST', path: '/crm/v8/Tasks', json: body, signal: options.signal });
    const result = res.data?.data?.[0];
    if (result?.status !== 'success' || result.details?.id === undefined) {
      throw new ZohoApiError({ app: 'crm', status: res.status, code: result?.code ?? 'NO_RESULT', kind: 'validation', message: result?.message ?? 'Zoho CRM answered without a result' });
    }
    return taskRow({ ...body.data[0], id: result.details.id, Created_Time: result.details.Created_Time });
  }

  /** Tasks with this subject created since \`since\` (ms), from the newest tasks by Created_Time. */
  async findCreated(fields: NewTask, since: number, options: CallOptions = {}): Promise<Found> {
    const res = await this.http.request<CrmList | undefined>({
      method: 'GET',
      path: '/crm/v8/Tasks',
      query: { fields: 'Subject,Created_Time', sort_by: 'Created_Time', sort_order: 'desc', per_page: RECENT },
      signal: options.signal,
    });
    const newest = (res.data?.data ?? []).map(taskRow);
    const recent = newest.filter((t) => Date.parse(String(t.Created_Time)) >= since);
    // A whole page created since then may hide older matches on the next page.
    const complete = !res.data?.info?.more_records || recent.length < newest.length;
    return { rows: recent.filter((t) => t.Subject === fields.subject), complete };
  }`,
    read: {
      verb: 'list_tasks',
      key: 'tasks',
      description: 'List Zoho CRM tasks, newest first, to review follow-ups or find a task_id.\nReturns a table: subject, status, due date, priority, related record, owner.',
      scopes: ['ZohoCRM.modules.tasks.READ'],
      route: 'GET /crm/v8/Tasks',
      columns: ['id', 'Subject', 'Status', 'Due_Date', 'Priority'],
      paging: { max: 200, next: /^\d{1,2}$/ },
      example: { limit: 5 },
      seeded: { column: 'Subject', value: 'Follow up on Redwood Health — Brand Refresh' },
    },
    write: {
      verb: 'create_task',
      thing: 'task',
      description: 'Create a Zoho CRM task (a to-do with an optional due date).\nReturns the new task with its id.',
      scopes: ['ZohoCRM.modules.tasks.CREATE', 'ZohoCRM.modules.tasks.READ'],
      route: 'POST /crm/v8/Tasks',
      name: { field: 'subject', describe: 'What to do.', max: 300 },
      extras: [{ field: 'due_date', kind: 'date', describe: 'Due date, yyyy-mm-dd.', max: 10 }],
      checkWith: 'crm_list_records {"module":"Tasks","sort_by":"Created_Time"}',
      fields: 'subject: string;\n  due_date?: string | undefined;',
      example: { subject: 'Call Zylker about the renewal', due_date: '2026-12-18' },
    },
  },

  books: {
    app: 'books',
    product: 'Zoho Books',
    App: 'Books',
    context: { field: 'books', what: 'the organization id (ZOHO_BOOKS_ORGANIZATION_ID, or the only organization)' },
    coreImports: ['type QueryValue'],
    clientConstants: `const DEFAULT_LIMIT = 20;

interface BooksAnswer {
  code?: number;
  contacts?: Record<string, unknown>[];
  contact?: Record<string, unknown>;
  page_context?: { has_more_page?: boolean };
}

/** A Books contact as a row: \`contact_id\` becomes \`id\`. */
function contactRow({ contact_id, ...rest }: Record<string, unknown>): ZohoRow {
  return { id: idOf(contact_id), ...rest };
}`,
    clientMethods: `  /** \`GET /books/v3/contacts?contact_type=customer\`: one page of customers, by name. */
  async list(request: ListRequest, options: CallOptions = {}): Promise<Page> {
    const page = Number(request.next_page ?? 1);
    const answer = await this.contacts({ contact_type: 'customer', page, per_page: request.limit ?? DEFAULT_LIMIT }, options);
    const rows = (answer.contacts ?? []).map(contactRow);
    return answer.page_context?.has_more_page ? { rows, next_page: String(page + 1) } : { rows };
  }

  /** The request body of \`POST /books/v3/contacts\`. */
  bodyFor(fields: NewCustomer): Record<string, unknown> {
    const body: Record<string, unknown> = { contact_name: fields.contact_name, contact_type: 'customer' };
    if (fields.company_name) body.company_name = fields.company_name;
    return body;
  }

  /** \`POST /books/v3/contacts\` in the organization (sent once). */
  async create(body: Record<string, unknown>, options: CallOptions = {}): Promise<ZohoRow> {
    const organization_id = await this.books.organizationId(options);
    const res = await this.http.request<BooksAnswer>({ method: 'POST', path: '/books/v3/contacts', query: { organization_id }, json: body, signal: options.signal });
    return contactRow(res.data.contact ?? {});
  }

  /** Contacts named exactly this, created since \`since\` (ms): Books' contact_name filter is an exact match. */
  async findCreated(fields: NewCustomer, since: number, options: CallOptions = {}): Promise<Found> {
    const answer = await this.contacts({ contact_name: fields.contact_name, per_page: 200 }, options);
    const rows = (answer.contacts ?? []).map(contactRow).filter((c) => c.contact_name === fields.contact_name && Date.parse(String(c.created_time)) >= since);
    return { rows, complete: !answer.page_context?.has_more_page };
  }

  private async contacts(query: Record<string, QueryValue>, options: CallOptions): Promise<BooksAnswer> {
    const organization_id = await this.books.organizationId(options);
    const res = await this.http.request<BooksAnswer>({ method: 'GET', path: '/books/v3/contacts', query: { organization_id, ...query }, signal: options.signal });
    return res.data;
  }`,
    read: {
      verb: 'list_customers',
      key: 'customers',
      description: "List the organization's Zoho Books customers by name, to find a customer_id or see what they owe.\nReturns a table: name, company, email, status, currency, receivables.",
      scopes: ['ZohoBooks.contacts.READ', 'ZohoBooks.settings.READ'],
      route: 'GET /books/v3/contacts',
      columns: ['id', 'contact_name', 'company_name', 'email', 'status', 'currency_code', 'outstanding_receivable_amount'],
      paging: { max: 200, next: /^\d{1,5}$/ },
      example: { limit: 5 },
      seeded: { column: 'contact_name', value: 'Acme Widgets' },
    },
    write: {
      verb: 'create_customer',
      thing: 'customer',
      description: 'Create a Zoho Books customer (a contact to invoice); names are unique in Books.\nReturns the new customer with its id.',
      scopes: ['ZohoBooks.contacts.CREATE', 'ZohoBooks.contacts.READ', 'ZohoBooks.settings.READ'],
      route: 'POST /books/v3/contacts',
      name: { field: 'contact_name', describe: 'Display name, unique in Books.', max: 200 },
      extras: [{ field: 'company_name', kind: 'text', describe: 'Legal company name.', max: 200 }],
      unique: true,
      checkWith: 'books_list_customers {"search_text":${JSON.stringify(fields.contact_name.slice(0, 60))}}',
      fields: 'contact_name: string;\n  company_name?: string | undefined;',
      example: { contact_name: 'Globex Studios', company_name: 'Globex Studios LLC' },
    },
  },

  projects: {
    app: 'projects',
    product: 'Zoho Projects',
    App: 'Projects',
    context: { field: 'projects', what: 'the portal id (ZOHO_PROJECTS_PORTAL_ID, or the only portal)' },
    coreImports: ['type QueryValue'],
    clientConstants: `const DEFAULT_LIMIT = 20;
const V3 = '/api/v3/portal';
/** Pages of 100 tasks a reconcile check reads at most. */
const TASK_PAGES = 5;

/** Projects answers a bare array or the list under a key (projects.md). */
function listOf(data: unknown, key: string): Record<string, unknown>[] {
  if (Array.isArray(data)) return data as Record<string, unknown>[];
  const inner = data && typeof data === 'object' ? (data as Record<string, unknown>)[key] : undefined;
  return Array.isArray(inner) ? (inner as Record<string, unknown>[]) : [];
}

/** One record from an answer that is the record itself or \`{key: [record]}\`. */
const oneOf = (data: unknown, key: string): Record<string, unknown> => listOf(data, key)[0] ?? ((data ?? {}) as Record<string, unknown>);

const nameOf = (ref: unknown): unknown => (ref && typeof ref === 'object' ? (ref as { name?: unknown }).name : undefined);

function projectRow(p: Record<string, unknown>): ZohoRow {
  const tasks = (p.task_count ?? {}) as { open?: unknown; closed?: unknown };
  return {
    id: idOf(p.id),
    key: p.key,
    name: p.name,
    status: p.status,
    owner: nameOf(p.owner),
    start_date: p.start_date,
    end_date: p.end_date,
    completion_percentage: p.completion_percentage,
    open_tasks: tasks.open,
    closed_tasks: tasks.closed,
  };
}

const taskRow = (t: Record<string, unknown>): ZohoRow => ({ id: idOf(t.id), prefix: t.prefix, name: t.name, tasklist: nameOf(t.tasklist), created_time: t.created_time });`,
    clientMethods: `  /** \`GET /api/v3/portal/{portal}/projects\`: one page (a full page may have more after it). */
  async list(request: ListRequest, options: CallOptions = {}): Promise<Page> {
    const page = Number(request.next_page ?? 1);
    const per_page = request.limit ?? DEFAULT_LIMIT;
    const rows = listOf(await this.get('/projects', { page, per_page }, options), 'projects').map(projectRow);
    return rows.length === per_page ? { rows, next_page: String(page + 1) } : { rows };
  }

  /** \`GET …/projects/{id}\`, or undefined when the portal has no such project. */
  async parent(projectId: string, options: CallOptions = {}): Promise<ZohoRow | undefined> {
    const data = await unlessMissing(this.get(\`/projects/\${encodeURIComponent(projectId)}\`, {}, options));
    return data === undefined ? undefined : projectRow(oneOf(data, 'projects'));
  }

  /** The request body of \`POST …/tasks\`: the task goes to the project's General list. */
  bodyFor(fields: NewTask): Record<string, unknown> {
    return { name: fields.name };
  }

  /** \`POST /api/v3/portal/{portal}/projects/{id}/tasks\` (sent once). */
  async create(body: Record<string, unknown>, project: ZohoRow, options: CallOptions = {}): Promise<ZohoRow> {
    const path = await this.path(\`/projects/\${encodeURIComponent(project.id)}/tasks\`, options);
    const res = await this.http.request<unknown>({ method: 'POST', path, json: body, signal: options.signal });
    return taskRow(oneOf(res.data, 'tasks'));
  }

  /** The project's tasks of this name created since \`since\` (ms). */
  async findCreated(fields: NewTask, project: ZohoRow, since: number, options: CallOptions = {}): Promise<Found> {
    const rows: ZohoRow[] = [];
    for (let page = 1; page <= TASK_PAGES; page++) {
      const tasks = listOf(await this.get(\`/projects/\${encodeURIComponent(project.id)}/tasks\`, { page, per_page: 100 }, options), 'tasks');
      rows.push(...tasks.map(taskRow).filter((t) => t.name === fields.name && Date.parse(String(t.created_time)) >= since));
      if (tasks.length < 100) return { rows, complete: true };
    }
    return { rows, complete: false };
  }

  private async path(rest: string, options: CallOptions): Promise<string> {
    return \`\${V3}/\${encodeURIComponent(await this.projects.portalId(options))}\${rest}\`;
  }

  private async get(rest: string, query: Record<string, QueryValue>, options: CallOptions): Promise<unknown> {
    const res = await this.http.request<unknown>({ method: 'GET', path: await this.path(rest, options), query, signal: options.signal });
    return res.data;
  }`,
    read: {
      verb: 'list_projects',
      key: 'projects',
      description: "List the portal's Zoho Projects projects, to find a project_id or review progress.\nReturns a table: key, name, status, owner, dates, completion %, open and closed tasks.",
      scopes: ['ZohoProjects.projects.READ', 'ZohoProjects.portals.READ'],
      route: 'GET /api/v3/portal/*/projects',
      columns: ['id', 'key', 'name', 'status', 'owner', 'completion_percentage'],
      paging: { max: 100, next: /^\d{1,4}$/ },
      example: { limit: 5 },
      seeded: { column: 'name', value: 'Zylker Corp — Website Redesign' },
    },
    write: {
      verb: 'create_task',
      thing: 'task',
      description: "Create a task in a Zoho Projects project (in its General task list).\nReturns the new task with its id and prefix.",
      scopes: ['ZohoProjects.tasks.CREATE', 'ZohoProjects.tasks.READ', 'ZohoProjects.projects.READ', 'ZohoProjects.portals.READ'],
      route: 'POST /api/v3/portal/*/projects/*/tasks',
      parent: { field: 'project_id', what: 'project', describe: 'The project.', max: 25, pattern: /^\d{1,25}$/, patternText: 'digits only, as a string', missing: '2438400000000099999' },
      name: { field: 'name', describe: 'Task name.', max: 250 },
      checkWith: 'projects_list_tasks {"project_id":"${parent.id}"}',
      fields: 'name: string;',
      example: { project_id: '2438400000000000025', name: 'Accessibility review' },
    },
  },

  cliq: {
    app: 'cliq',
    product: 'Zoho Cliq',
    App: 'Cliq',
    coreImports: ['type QueryValue'],
    clientConstants: `const DEFAULT_LIMIT = 20;
const BASE = '/api/v2';
/** Messages a reconcile check reads: Cliq's largest page. */
const RECENT = 100;

interface CliqMessage {
  id?: unknown;
  time?: number;
  content?: { text?: unknown };
}

function channelRow(c: Record<string, unknown>): ZohoRow {
  return {
    id: idOf(c.channel_id),
    name: c.name,
    unique_name: c.unique_name,
    chat_id: c.chat_id,
    description: c.description,
    level: c.level,
    status: c.status,
    participant_count: c.participant_count,
    current_user_role: c.current_user_role,
  };
}`,
    clientMethods: `  /** \`GET /api/v2/channels\`: one page of the channels the user can see. */
  async list(request: ListRequest, options: CallOptions = {}): Promise<Page> {
    const query: Record<string, QueryValue> = { limit: request.limit ?? DEFAULT_LIMIT };
    if (request.next_page) query.next_token = request.next_page;
    const res = await this.http.request<{ channels?: Record<string, unknown>[]; has_more?: boolean; next_token?: string }>({ method: 'GET', path: \`\${BASE}/channels\`, query, signal: options.signal });
    const rows = (res.data.channels ?? []).map(channelRow);
    return res.data.has_more && res.data.next_token ? { rows, next_page: res.data.next_token } : { rows };
  }

  /** \`GET /api/v2/channels/{id}\`, or undefined when the user can see no such channel. */
  async parent(channelId: string, options: CallOptions = {}): Promise<ZohoRow | undefined> {
    const res = await unlessMissing(this.http.request<Record<string, unknown>>({ method: 'GET', path: \`\${BASE}/channels/\${encodeURIComponent(channelId)}\`, signal: options.signal }));
    return res ? channelRow(res.data) : undefined;
  }

  /** The request body of a channel post; \`sync_message\` makes Cliq answer with the message_id instead of 204. */
  bodyFor(fields: NewMessage): { text: string; sync_message: boolean } {
    return { text: fields.text, sync_message: true };
  }

  /** \`POST /api/v2/channels/{id}/message\`, as the signed-in user (sent once). */
  async create(body: { text: string; sync_message: boolean }, channel: ZohoRow, options: CallOptions = {}): Promise<ZohoRow> {
    const res = await this.http.request<{ message_id?: unknown } | undefined>({ method: 'POST', path: \`\${BASE}/channels/\${encodeURIComponent(channel.id)}/message\`, json: body, signal: options.signal });
    return { id: idOf(res.data?.message_id), chat_id: channel.chat_id, text: body.text };
  }

  /** Messages with this text in the channel's chat since \`since\` (ms). */
  async findCreated(fields: NewMessage, channel: ZohoRow, since: number, options: CallOptions = {}): Promise<Found> {
    const res = await this.http.request<{ data?: CliqMessage[] }>({
      method: 'GET',
      path: \`\${BASE}/chats/\${encodeURIComponent(String(channel.chat_id))}/messages\`,
      query: { fromtime: Math.max(0, Math.floor(since)), limit: RECENT },
      signal: options.signal,
    });
    const messages = res.data.data ?? [];
    const rows = messages.filter((m) => m.content?.text === fields.text && (m.time ?? 0) >= since).map((m) => ({ id: idOf(m.id), chat_id: channel.chat_id, text: fields.text, time: m.time }));
    return { rows, complete: messages.length < RECENT };
  }`,
    read: {
      verb: 'list_channels',
      key: 'channels',
      description: 'List the Zoho Cliq channels the user can see, to find a channel_id.\nReturns a table: name, unique name, chat_id, description, level, members, your role.',
      scopes: ['ZohoCliq.Channels.READ'],
      route: 'GET /api/v2/channels',
      columns: ['id', 'name', 'unique_name', 'level', 'participant_count'],
      paging: { max: 100, next: /^[\w=-]{1,200}$/ },
      example: { limit: 5 },
      seeded: { column: 'name', value: '#General' },
    },
    write: {
      verb: 'post_message',
      thing: 'message',
      description: 'Post a message as yourself to a Zoho Cliq channel.\nReturns the message_id and the chat_id.',
      scopes: ['ZohoCliq.Webhooks.CREATE', 'ZohoCliq.Channels.READ', 'ZohoCliq.Messages.READ'],
      route: 'POST /api/v2/channels/*/message',
      parent: { field: 'channel_id', what: 'channel', describe: 'The channel (from the channel list).', max: 40, pattern: /^[A-Za-z0-9_]{1,40}$/, patternText: 'letters and digits', missing: 'T5100000069999' },
      name: { field: 'text', describe: 'Message, Cliq markdown.', max: 5000 },
      checkWith: 'cliq_get_messages {"channel":${JSON.stringify(String(parent.unique_name ?? parent.name))},"hours":1}',
      fields: 'text: string;',
      example: { channel_id: 'T5100000061201', text: 'The launch moves to *Tuesday*.' },
    },
  },

  calendar: {
    app: 'calendar',
    product: 'Zoho Calendar',
    App: 'Calendar',
    clientConstants: `const BASE = '/api/v1/calendars';
const DAY_MS = 86_400_000;

function calendarRow(c: Record<string, unknown>): ZohoRow {
  return { id: idOf(c.uid), name: c.name, description: c.description, timezone: c.timezone, privilege: c.privilege, category: c.category, isdefault: c.isdefault };
}

function eventRow(e: Record<string, unknown>): ZohoRow {
  const when = (e.dateandtime ?? {}) as { start?: unknown; end?: unknown };
  return { id: idOf(e.uid), title: e.title, start: when.start, end: when.end, isallday: e.isallday, caluid: e.caluid, createdtime: e.createdtime };
}

/** \`20261201T115639Z\` → ms since the epoch. */
function wireTime(text: unknown): number {
  const m = /^(\\d{4})(\\d{2})(\\d{2})T(\\d{2})(\\d{2})(\\d{2})Z$/.exec(String(text));
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) : Number.NaN;
}

/** ms → \`20261201\`. */
const wireDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10).replace(/-/g, '');`,
    clientMethods: `  /** \`GET /api/v1/calendars\`: every calendar of the user (one answer, no paging). */
  async list(options: CallOptions = {}): Promise<Page> {
    const res = await this.http.request<{ calendars?: Record<string, unknown>[] }>({ method: 'GET', path: BASE, signal: options.signal });
    return { rows: (res.data.calendars ?? []).map(calendarRow) };
  }

  /** \`GET /api/v1/calendars/{uid}\`, or undefined when there is no such calendar. */
  async parent(calendarUid: string, options: CallOptions = {}): Promise<ZohoRow | undefined> {
    const res = await unlessMissing(this.http.request<{ calendars?: Record<string, unknown>[] }>({ method: 'GET', path: \`\${BASE}/\${encodeURIComponent(calendarUid)}\`, signal: options.signal }));
    const calendar = res?.data.calendars?.[0];
    return calendar ? calendarRow(calendar) : undefined;
  }

  /** The \`eventdata\` of an all-day event on one day, in the calendar's time zone (calendar.md §3). */
  bodyFor(fields: NewAllDayEvent, calendar: ZohoRow): Record<string, unknown> {
    const day = fields.date.replace(/-/g, '');
    return { title: fields.title, dateandtime: { timezone: String(calendar.timezone ?? 'UTC'), start: day, end: day }, isallday: true };
  }

  /** \`POST /api/v1/calendars/{uid}/events?eventdata=…\` (sent once). */
  async create(eventdata: Record<string, unknown>, calendar: ZohoRow, options: CallOptions = {}): Promise<ZohoRow> {
    const res = await this.http.request<{ events?: Record<string, unknown>[] }>({
      method: 'POST',
      path: \`\${BASE}/\${encodeURIComponent(calendar.id)}/events\`,
      query: { eventdata: JSON.stringify(eventdata) },
      signal: options.signal,
    });
    return eventRow(res.data.events?.[0] ?? {});
  }

  /** All-day events with this title on that day, created since \`since\` (ms). */
  async findCreated(fields: NewAllDayEvent, calendar: ZohoRow, since: number, options: CallOptions = {}): Promise<Found> {
    const day = Date.parse(\`\${fields.date}T00:00:00Z\`);
    // A day either side, so the calendar's own time zone cannot push the event out of the range.
    const range = JSON.stringify({ start: \`\${wireDay(day - DAY_MS)}T000000Z\`, end: \`\${wireDay(day + 2 * DAY_MS)}T000000Z\` });
    const res = await this.http.request<{ events?: Record<string, unknown>[] }>({ method: 'GET', path: \`\${BASE}/\${encodeURIComponent(calendar.id)}/events\`, query: { range }, signal: options.signal });
    const rows = (res.data.events ?? []).filter((e) => e.title === fields.title && e.isallday === true && wireTime(e.createdtime) >= since).map(eventRow);
    return { rows, complete: true };
  }`,
    read: {
      verb: 'list_calendars',
      key: 'calendars',
      description: "List the user's Zoho Calendar calendars, to find a calendar_id.\nReturns a table: name, description, time zone, your privilege, category, default.",
      scopes: ['ZohoCalendar.calendar.READ'],
      route: 'GET /api/v1/calendars',
      columns: ['id', 'name', 'timezone', 'privilege', 'isdefault'],
      example: {},
      seeded: { column: 'name', value: 'Northwind Creative Team' },
    },
    write: {
      verb: 'create_all_day_event',
      thing: 'all-day event',
      description: 'Create an all-day event (a deadline, an offsite, a holiday) in a Zoho Calendar calendar.\nReturns the new event with its id.',
      scopes: ['ZohoCalendar.event.CREATE', 'ZohoCalendar.event.READ', 'ZohoCalendar.calendar.READ'],
      route: 'POST /api/v1/calendars/*/events',
      parent: { field: 'calendar_id', what: 'calendar', describe: 'The calendar (its uid, from the calendar list).', max: 100, pattern: /^[A-Za-z0-9._@-]{1,100}$/, patternText: "the calendar's uid", missing: 'ffffffffffffffffffffffffffffffff' },
      name: { field: 'title', describe: 'Event title.', max: 255 },
      extras: [{ field: 'date', kind: 'date', required: true, describe: 'The day, yyyy-mm-dd.', max: 10 }],
      bodyUsesParent: true,
      checkWith: 'calendar_list_events ${JSON.stringify({ calendar_uid: parent.id, start: fields.date, query: fields.title.slice(0, 60) })}',
      fields: 'title: string;\n  date: string;',
      example: { calendar_id: 'dc02d0659d8ad75f896fd5143e1fc997', title: 'Agency offsite', date: '2027-01-15' },
    },
  },

  mail: {
    app: 'mail',
    product: 'Zoho Mail',
    App: 'Mail',
    context: { field: 'mail', what: 'the account (ZOHO_MAIL_ACCOUNT_ID, or the primary one) and its address' },
    coreImports: ['type QueryValue'],
    clientConstants: `/** Newest drafts a reconcile check reads. */
const RECENT = 50;

interface MailAnswer<T> {
  data?: T;
}

function folderRow(f: Record<string, unknown>): ZohoRow {
  return { id: idOf(f.folderId), name: f.folderName, type: f.folderType, path: f.path, unread: f.unreadCount, messages: f.messageCount };
}`,
    clientMethods: `  /** \`GET /api/accounts/{account}/folders\`: every folder of the account (one answer, no paging). */
  async list(options: CallOptions = {}): Promise<Page> {
    return { rows: ((await this.get<Record<string, unknown>[]>('/folders', {}, options)) ?? []).map(folderRow) };
  }

  /** The request body of \`POST /messages\` for a draft, from the account's own address. */
  async bodyFor(fields: NewDraft, options: CallOptions = {}): Promise<Record<string, unknown>> {
    const account = await this.mail.account(options);
    return { fromAddress: account.email, subject: fields.subject, content: fields.content ?? '', mailFormat: 'plaintext', mode: 'draft' };
  }

  /** \`POST /api/accounts/{account}/messages\` with \`mode: "draft"\` (sent once; nothing is mailed). */
  async create(body: Record<string, unknown>, options: CallOptions = {}): Promise<ZohoRow> {
    const res = await this.http.request<MailAnswer<Record<string, unknown>>>({ method: 'POST', path: \`\${await this.base(options)}/messages\`, json: body, signal: options.signal });
    const draft = res.data.data ?? {};
    return { id: idOf(draft.messageId), folderId: idOf(draft.folderId), subject: draft.subject };
  }

  /** Drafts with this subject saved since \`since\` (ms), from the newest in Drafts. */
  async findCreated(fields: NewDraft, since: number, options: CallOptions = {}): Promise<Found> {
    const drafts = (await this.list(options)).rows.find((f) => f.type === 'Drafts');
    if (!drafts) return { rows: [], complete: false };
    const messages = (await this.get<Record<string, unknown>[]>('/messages/view', { folderId: drafts.id, limit: RECENT }, options)) ?? [];
    const rows = messages.filter((m) => m.subject === fields.subject && Number(m.receivedTime) >= since).map((m) => ({ id: idOf(m.messageId), folderId: idOf(m.folderId), subject: m.subject }));
    // Newest first: a full page whose oldest is still recent may hide older matches.
    const complete = messages.length < RECENT || Number(messages.at(-1)?.receivedTime) < since;
    return { rows, complete };
  }

  private async base(options: CallOptions): Promise<string> {
    return \`/api/accounts/\${encodeURIComponent((await this.mail.account(options)).accountId)}\`;
  }

  private async get<T>(rest: string, query: Record<string, QueryValue>, options: CallOptions): Promise<T | undefined> {
    const res = await this.http.request<MailAnswer<T> | undefined>({ method: 'GET', path: \`\${await this.base(options)}\${rest}\`, query, signal: options.signal });
    return res.data?.data;
  }`,
    read: {
      verb: 'list_folders',
      key: 'folders',
      description: "List the Zoho Mail account's folders with their unread and total counts.\nReturns a table: name, type, path, unread, messages.",
      scopes: ['ZohoMail.folders.READ', 'ZohoMail.accounts.READ'],
      route: 'GET /api/accounts/*/folders',
      columns: ['id', 'name', 'type', 'path', 'unread', 'messages'],
      example: {},
      seeded: { column: 'name', value: 'Inbox' },
    },
    write: {
      verb: 'save_draft',
      thing: 'draft',
      description: 'Save a plain-text Zoho Mail draft to finish and send later (nothing is mailed).\nReturns the draft with its message id.',
      scopes: ['ZohoMail.messages.CREATE', 'ZohoMail.messages.READ', 'ZohoMail.folders.READ', 'ZohoMail.accounts.READ'],
      route: 'POST /api/accounts/*/messages',
      name: { field: 'subject', describe: 'Subject line.', max: 500 },
      extras: [{ field: 'content', kind: 'text', describe: 'Body, plain text.', max: 20_000 }],
      bodyAsync: true,
      checkWith: 'mail_list_messages {"folder":"Drafts"}',
      fields: 'subject: string;\n  content?: string | undefined;',
      example: { subject: 'Draft: Q1 campaign recap', content: 'Hi all, here is where the Q1 campaign stands.' },
    },
  },

  workdrive: {
    app: 'workdrive',
    product: 'Zoho WorkDrive',
    App: 'WorkDrive',
    context: { field: 'workdrive', what: 'the team id (ZOHO_WORKDRIVE_TEAM_ID, or the only team)' },
    coreImports: ['type QueryValue'],
    clientConstants: `const DEFAULT_LIMIT = 20;
const API = '/workdrive/api/v1';
const JSON_API = 'application/vnd.api+json';
/** WorkDrive's largest offset page. */
const PAGE = 50;
/** Pages of child folders a name check or reconcile check reads at most. */
const CHILD_PAGES = 10;

interface Resource {
  id: string;
  attributes?: Record<string, unknown>;
}

function folderRow(r: Resource): ZohoRow {
  const a = r.attributes ?? {};
  return { id: idOf(r.id), name: a.name, description: a.description, current_user_role: a.current_user_role, created_by: a.created_by, created_time_in_millisecond: a.created_time_in_millisecond };
}

const sameName = (a: unknown, b: string): boolean => String(a).toLowerCase() === b.toLowerCase();`,
    clientMethods: `  /** \`GET /teams/{team}/teamfolders\`: one page of the team folders the user can see. */
  async list(request: ListRequest, options: CallOptions = {}): Promise<Page> {
    const offset = Number(request.next_page ?? 0);
    const limit = request.limit ?? DEFAULT_LIMIT;
    const team = await this.workdrive.teamId(options);
    const data = await this.call<{ data?: Resource[] }>('GET', \`/teams/\${encodeURIComponent(team)}/teamfolders\`, { 'page[limit]': limit, 'page[offset]': offset }, undefined, options);
    const rows = (data.data ?? []).map(folderRow);
    return rows.length === limit ? { rows, next_page: String(offset + limit) } : { rows };
  }

  /** \`GET /files/{id}\` (a team folder or a folder), or undefined when there is none. */
  async parent(folderId: string, options: CallOptions = {}): Promise<ZohoRow | undefined> {
    const data = await unlessMissing(this.call<{ data?: Resource }>('GET', \`/files/\${encodeURIComponent(folderId)}\`, undefined, undefined, options));
    return data?.data ? folderRow(data.data) : undefined;
  }

  /** The JSON:API body of \`POST /files\` that makes a folder. */
  bodyFor(fields: NewFolder, parent: ZohoRow): Record<string, unknown> {
    return { data: { type: 'files', attributes: { name: fields.name, parent_id: parent.id } } };
  }

  /** \`POST /workdrive/api/v1/files\` (sent once; the parent is in the body). */
  async create(body: Record<string, unknown>, _parent: ZohoRow, options: CallOptions = {}): Promise<ZohoRow> {
    const data = await this.call<{ data?: Resource }>('POST', '/files', undefined, body, options);
    return folderRow(data.data ?? { id: '' });
  }

  /** Folders of this name (WorkDrive ignores case) in the parent, created since \`since\` (ms). */
  async findCreated(fields: NewFolder, parent: ZohoRow, since: number, options: CallOptions = {}): Promise<Found> {
    const rows: ZohoRow[] = [];
    for (let page = 0; page < CHILD_PAGES; page++) {
      const query = { 'filter[type]': 'folder', 'page[limit]': PAGE, 'page[offset]': page * PAGE };
      const folders = ((await this.call<{ data?: Resource[] }>('GET', \`/files/\${encodeURIComponent(parent.id)}/files\`, query, undefined, options)).data ?? []).map(folderRow);
      rows.push(...folders.filter((f) => sameName(f.name, fields.name) && Number(f.created_time_in_millisecond) >= since));
      if (folders.length < PAGE) return { rows, complete: true };
    }
    return { rows, complete: false };
  }

  /** WorkDrive speaks JSON:API: its media type in Accept, and in Content-Type for a body. */
  private async call<T>(method: 'GET' | 'POST', rest: string, query: Record<string, QueryValue> | undefined, json: unknown, options: CallOptions): Promise<T> {
    const res = await this.http.request<T>({
      method,
      path: API + rest,
      ...(query ? { query } : {}),
      ...(json !== undefined ? { json } : {}),
      headers: { accept: JSON_API, ...(json !== undefined ? { 'content-type': JSON_API } : {}) },
      signal: options.signal,
    });
    return res.data;
  }`,
    read: {
      verb: 'list_team_folders',
      key: 'team_folders',
      description: "List the team's Zoho WorkDrive team folders, to find a folder id to work in.\nReturns a table: name, description, your role, creator.",
      scopes: ['WorkDrive.teamfolders.READ', 'WorkDrive.team.READ', 'WorkDrive.users.READ'],
      route: 'GET /workdrive/api/v1/teams/*/teamfolders',
      columns: ['id', 'name', 'description', 'current_user_role'],
      paging: { max: 50, next: /^\d{1,5}$/ },
      example: { limit: 5 },
      seeded: { column: 'name', value: 'Finance' },
    },
    write: {
      verb: 'create_folder',
      thing: 'folder',
      description: 'Create a folder in a Zoho WorkDrive team folder or folder; names are unique in a folder.\nReturns the new folder with its id.',
      scopes: ['WorkDrive.files.CREATE', 'WorkDrive.files.READ', 'WorkDrive.team.READ', 'WorkDrive.users.READ'],
      route: 'POST /workdrive/api/v1/files',
      parent: { field: 'parent_id', what: 'folder', describe: 'Team folder or folder to create it in.', max: 60, pattern: /^[A-Za-z0-9]{1,60}$/, patternText: 'letters and digits', missing: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz' },
      name: { field: 'name', describe: 'Folder name.', max: 250 },
      unique: true,
      bodyUsesParent: true,
      checkWith: 'workdrive_list_files {"folder":"${parent.id}"}',
      fields: 'name: string;',
      example: { parent_id: '84f8z5p501jmg7zwnvj47wy4e0v9no2y7fpqf', name: 'Q1 Reports' },
    },
  },
};
