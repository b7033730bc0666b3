import { openAsBlob } from 'node:fs';
import type { Readable } from 'node:stream';
import { DEFAULT_FILES_DIR, FilesFolder, ZohoApiError, type ZohoAppClient, type ZohoConnection } from '@zoho-agent-kit/core';
import { crmEnvelopeReader } from './envelope.js';

export { buildCriteria, criteriaCondition, escapeCriteriaValue, CRITERIA_OPERATORS } from './criteria.js';
export type { CriteriaCondition, CriteriaOperator, CriteriaValue } from './criteria.js';

/** A CRM record as Zoho sends it: business fields, lookups `{name,id}`, `$`-keys; `id` is a 19-digit string. */
export type CrmRecord = Record<string, unknown> & { id: string };

/** `info` of list/search/COQL responses (v3+ keys included). */
export interface CrmInfo {
  per_page?: number;
  count?: number;
  page?: number;
  more_records?: boolean;
  sort_by?: string;
  sort_order?: string;
  next_page_token?: string | null;
  previous_page_token?: string | null;
  page_token_expiry?: string | null;
}

export interface CrmListResponse {
  data: CrmRecord[];
  info: CrmInfo;
}

/** One element of a write response, in input order. */
export interface CrmWriteResult {
  code: string;
  status: 'success' | 'error';
  message: string;
  details: Record<string, unknown>;
}

export interface CrmWriteResponse {
  /** 201/200 all succeeded, 207 mixed; a 400 (all failed) is thrown as a ZohoApiError instead. */
  httpStatus: number;
  data: CrmWriteResult[];
}

/** The parts of `GET /settings/fields` the plugin reads; Zoho sends many more. */
export interface CrmField {
  api_name: string;
  field_label?: string;
  display_label?: string;
  data_type: string;
  system_mandatory?: boolean;
  read_only?: boolean;
  field_read_only?: boolean;
  visible?: boolean;
  length?: number;
  pick_list_values?: { display_value: string; actual_value: string }[];
  lookup?: { module?: { api_name?: string | null } | null } | null;
  [key: string]: unknown;
}

/** The parts of `GET /settings/modules` the plugin reads. */
export interface CrmModule {
  api_name: string;
  module_name?: string;
  singular_label?: string | null;
  plural_label?: string | null;
  generated_type?: string;
  api_supported?: boolean;
  creatable?: boolean;
  [key: string]: unknown;
}

/** One related list of a module, as `GET /settings/related_lists` describes it (the parts the plugin reads). */
export interface CrmRelatedList {
  id: string;
  api_name: string | null;
  display_label?: string | null;
  name?: string | null;
  module?: { api_name?: string | null; id?: string | null } | null;
  visible?: boolean;
  status?: string;
  [key: string]: unknown;
}

/** A user as `GET /users` sends one (the parts the plugin reads). */
export interface CrmUserInfo {
  id: string;
  full_name?: string;
  email?: string;
  status?: string;
  [key: string]: unknown;
}

/** A downloaded attachment: the unread body and what Zoho said about it. */
export interface CrmDownload {
  stream: Readable;
  /** Content-Length, when Zoho sent one. */
  size: number | undefined;
  contentType: string | undefined;
  /** The file name from Content-Disposition, when there is one. */
  fileName: string | undefined;
}

/** Zoho's limit on one attachment upload (20 MB). */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;

export interface CrmClientOptions {
  /**
   * The one local folder attachment uploads are read from and downloads written to (core's files-folder rule).
   * Default `new FilesFolder(DEFAULT_FILES_DIR)`.
   */
  files?: FilesFolder;
  /** Largest attachment upload, checked before sending (default 20 MB, Zoho's documented limit). */
  attachmentMaxBytes?: number;
  /** API version in the path (`v8` default; v3+ share the semantics this client relies on). */
  apiVersion?: string;
  /**
   * When a create's answer was lost, records are looked for from this long before it was sent (allows for
   * the difference between this machine's clock and Zoho's, and Zoho's whole-second Created_Time). Default 60 s.
   */
  reconcileClockSlackMs?: number;
}

/** Ids of records this client created, remembered so a later reconcile never takes one of them for its own. */
const REMEMBERED_CREATES = 1000;

export type CrmSortBy = 'id' | 'Created_Time' | 'Modified_Time';

export interface ListRecordsOptions {
  /** Field API names (required by v3+; at most 50). */
  fields: readonly string[];
  page?: number;
  perPage?: number;
  /** From `info.next_page_token`; needed past the first 2,000 records; never combined with `page`. */
  pageToken?: string;
  sortBy?: CrmSortBy;
  sortOrder?: 'asc' | 'desc';
  cvid?: string;
  ids?: readonly string[];
  signal?: AbortSignal;
}

export type SearchBy = { criteria: string } | { email: string } | { phone: string } | { word: string };

export interface SearchRecordsOptions {
  page?: number;
  perPage?: number;
  fields?: readonly string[];
  signal?: AbortSignal;
}

export interface WriteOptions {
  /** Automation to run: omitted → Zoho runs all; `[]` → none. */
  trigger?: readonly ('workflow' | 'approval' | 'blueprint' | 'pathfinder' | 'orchestration')[];
  signal?: AbortSignal;
}

/** The file name of a Content-Disposition header (`filename*=UTF-8''…` preferred over `filename="…"`). */
function dispositionName(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1]!.trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/.exec(header);
  return plain ? (plain[1] ?? plain[2])!.trim() : undefined;
}

const EMPTY_LIST: CrmListResponse = { data: [], info: { count: 0, more_records: false } };

/** Typed calls to the Zoho CRM REST API (records, search, COQL, metadata); no LLM concerns. */
export class CrmClient {
  readonly apiVersion: string;
  readonly reconcileClockSlackMs: number;
  readonly files: FilesFolder;
  readonly attachmentMaxBytes: number;
  private readonly relatedListCache = new Map<string, Promise<CrmRelatedList[]>>();
  private readonly usersCache = new Map<'all', Promise<CrmUserInfo[]>>();
  /** False once Zoho refused a COQL aggregate (org or version without them): pipeline summaries page instead. */
  coqlAggregates = true;
  private readonly created = new Set<string>();
  private readonly http: ZohoAppClient;
  private readonly fieldCache = new Map<string, Promise<CrmField[]>>();
  private readonly modulesCache = new Map<'all', Promise<CrmModule[]>>();

  constructor(connection: ZohoConnection, options: CrmClientOptions = {}) {
    this.apiVersion = options.apiVersion ?? 'v8';
    this.reconcileClockSlackMs = options.reconcileClockSlackMs ?? 60_000;
    if (!Number.isFinite(this.reconcileClockSlackMs) || this.reconcileClockSlackMs < 1000) throw new RangeError('reconcileClockSlackMs must be at least 1000 (Created_Time has whole seconds)');
    if (!/^v\d+(\.\d+)?$/.test(this.apiVersion)) throw new RangeError(`apiVersion "${this.apiVersion}" must look like v8`);
    this.http = connection.app({ app: 'crm', readError: crmEnvelopeReader });
    this.files = options.files ?? new FilesFolder(DEFAULT_FILES_DIR);
    this.attachmentMaxBytes = options.attachmentMaxBytes ?? ATTACHMENT_MAX_BYTES;
    if (!Number.isInteger(this.attachmentMaxBytes) || this.attachmentMaxBytes < 1) throw new RangeError('attachmentMaxBytes must be a positive whole number of bytes');
  }

  private path(...segments: string[]): string {
    return `/crm/${this.apiVersion}/${segments.map(encodeURIComponent).join('/')}`;
  }

  /**
   * One load per key, shared by concurrent callers and kept for the client's life. A failed load is dropped
   * (only while it is still the entry: a newer load, after clearMetadataCache, stays), so the next call asks again.
   */
  private memo<K, T>(cache: Map<K, Promise<T>>, key: K, load: () => Promise<T>): Promise<T> {
    const cached = cache.get(key);
    if (cached) return cached;
    const pending = load();
    cache.set(key, pending);
    pending.catch(() => {
      if (cache.get(key) === pending) cache.delete(key);
    });
    return pending;
  }

  /** `GET /{module}`: one page of records; 204 becomes an empty page. */
  async listRecords(module: string, options: ListRecordsOptions): Promise<CrmListResponse> {
    const res = await this.http.request<CrmListResponse | undefined>({
      method: 'GET',
      path: this.path(module),
      query: {
        fields: options.fields.join(','),
        page: options.pageToken ? undefined : options.page,
        per_page: options.perPage,
        page_token: options.pageToken,
        sort_by: options.sortBy,
        sort_order: options.sortOrder,
        cvid: options.cvid,
        ids: options.ids?.join(','),
      },
      signal: options.signal,
    });
    return res.data ?? EMPTY_LIST;
  }

  /** `GET /{module}/{id}`: the record, or undefined when Zoho answers 204. */
  async getRecord(module: string, id: string, options: { fields?: readonly string[]; signal?: AbortSignal } = {}): Promise<CrmRecord | undefined> {
    const res = await this.http.request<{ data?: CrmRecord[] } | undefined>({
      method: 'GET',
      path: this.path(module, id),
      query: { fields: options.fields?.join(',') },
      signal: options.signal,
    });
    return res.data?.data?.[0];
  }

  /** `GET /{module}/search` with exactly one of criteria / email / phone / word. */
  async searchRecords(module: string, by: SearchBy, options: SearchRecordsOptions = {}): Promise<CrmListResponse> {
    const res = await this.http.request<CrmListResponse | undefined>({
      method: 'GET',
      path: this.path(module, 'search'),
      query: { ...by, page: options.page, per_page: options.perPage, fields: options.fields?.join(',') },
      signal: options.signal,
    });
    return res.data ?? EMPTY_LIST;
  }

  /** `POST /{module}` (≤ 100 records); per-record results come back in input order. */
  async createRecords(module: string, records: readonly Record<string, unknown>[], options: WriteOptions = {}): Promise<CrmWriteResponse> {
    const json: Record<string, unknown> = { data: records };
    if (options.trigger) json.trigger = options.trigger;
    const res = await this.http.request<{ data: CrmWriteResult[] }>({ method: 'POST', path: this.path(module), json, signal: options.signal });
    for (const r of res.data.data) if (r.status === 'success' && r.details?.id !== undefined) this.rememberCreated(String(r.details.id));
    return { httpStatus: res.status, data: res.data.data };
  }

  /** Notes a record this client created (by its answer, or found by a reconcile). */
  rememberCreated(id: string): void {
    this.created.add(id);
    if (this.created.size > REMEMBERED_CREATES) this.created.delete(this.created.values().next().value!);
  }

  /** Whether this client already created the record (so it is not the outcome of a later create). */
  createdHere(id: string): boolean {
    return this.created.has(id);
  }

  /** `PUT /{module}/{id}` for one record. */
  async updateRecord(module: string, id: string, fields: Record<string, unknown>, options: WriteOptions = {}): Promise<CrmWriteResult> {
    const json: Record<string, unknown> = { data: [fields] };
    if (options.trigger) json.trigger = options.trigger;
    const res = await this.http.request<{ data: CrmWriteResult[] }>({ method: 'PUT', path: this.path(module, id), json, signal: options.signal });
    return res.data.data[0]!;
  }

  /** `PUT /{module}`: several records, each carrying its `id`. */
  async updateRecords(module: string, records: readonly CrmRecord[], options: WriteOptions = {}): Promise<CrmWriteResponse> {
    const json: Record<string, unknown> = { data: records };
    if (options.trigger) json.trigger = options.trigger;
    const res = await this.http.request<{ data: CrmWriteResult[] }>({ method: 'PUT', path: this.path(module), json, signal: options.signal });
    return { httpStatus: res.status, data: res.data.data };
  }

  /** `DELETE /{module}/{id}`. */
  async deleteRecord(module: string, id: string, options: { signal?: AbortSignal } = {}): Promise<CrmWriteResult> {
    const res = await this.http.request<{ data: CrmWriteResult[] }>({ method: 'DELETE', path: this.path(module, id), signal: options.signal });
    return res.data.data[0]!;
  }

  /** `DELETE /{module}?ids=…` (≤ 100 ids). */
  async deleteRecords(module: string, ids: readonly string[], options: { signal?: AbortSignal } = {}): Promise<CrmWriteResponse> {
    const res = await this.http.request<{ data: CrmWriteResult[] }>({ method: 'DELETE', path: this.path(module), query: { ids: ids.join(',') }, signal: options.signal });
    return { httpStatus: res.status, data: res.data.data };
  }

  /** `POST /coql`: read-only, so it is safe to resend after a 5xx or reset. */
  async coql(selectQuery: string, options: { signal?: AbortSignal } = {}): Promise<CrmListResponse> {
    const res = await this.http.request<CrmListResponse | undefined>({
      method: 'POST',
      path: this.path('coql'),
      json: { select_query: selectQuery },
      idempotent: true,
      signal: options.signal,
    });
    return res.data ?? EMPTY_LIST;
  }

  /** `GET /settings/fields?module=`: cached per module for the client's life (failures are not cached). */
  getFields(module: string, options: { signal?: AbortSignal } = {}): Promise<CrmField[]> {
    return this.memo(this.fieldCache, module, () =>
      this.http
        .request<{ fields: CrmField[] } | undefined>({ method: 'GET', path: this.path('settings', 'fields'), query: { module }, signal: options.signal })
        .then((res) => res.data?.fields ?? []),
    );
  }

  /** `GET /settings/modules`: cached for the client's life (failures are not cached). */
  listModules(options: { signal?: AbortSignal } = {}): Promise<CrmModule[]> {
    return this.memo(this.modulesCache, 'all', () =>
      this.http
        .request<{ modules: CrmModule[] } | undefined>({ method: 'GET', path: this.path('settings', 'modules'), signal: options.signal })
        .then((res) => res.data?.modules ?? []),
    );
  }

  /** `GET /settings/related_lists?module=`: cached per module for the client's life (failures are not cached). */
  getRelatedLists(module: string, options: { signal?: AbortSignal } = {}): Promise<CrmRelatedList[]> {
    return this.memo(this.relatedListCache, module, () =>
      this.http
        .request<{ related_lists: CrmRelatedList[] } | undefined>({ method: 'GET', path: this.path('settings', 'related_lists'), query: { module }, signal: options.signal })
        .then((res) => res.data?.related_lists ?? []),
    );
  }

  /** `GET /{module}/{id}/{related_list}`: one page of a record's related records; 204 becomes an empty page. */
  async getRelatedRecords(module: string, id: string, relatedList: string, options: { fields?: readonly string[]; page?: number; perPage?: number; signal?: AbortSignal } = {}): Promise<CrmListResponse> {
    const res = await this.http.request<CrmListResponse | undefined>({
      method: 'GET',
      path: this.path(module, id, relatedList),
      query: { fields: options.fields?.join(','), page: options.page, per_page: options.perPage },
      signal: options.signal,
    });
    return res.data ?? EMPTY_LIST;
  }

  /** `POST /Notes`: notes on any records (`Parent_Id: {module: {api_name}, id}`); per-note results in order. */
  async createNotes(notes: readonly Record<string, unknown>[], options: { signal?: AbortSignal } = {}): Promise<CrmWriteResponse> {
    const res = await this.http.request<{ data?: CrmWriteResult[]; code?: string; message?: string; details?: unknown }>({ method: 'POST', path: this.path('Notes'), json: { data: notes }, signal: options.signal });
    // notes.json answers a refused request as a whole with 202 and a bare error envelope.
    if (!Array.isArray(res.data.data)) {
      throw new ZohoApiError({ app: 'crm', status: res.status, code: String(res.data.code ?? `HTTP_${res.status}`), message: String(res.data.message ?? 'the notes were not added'), kind: 'validation', details: res.data.details });
    }
    for (const r of res.data.data) if (r.status === 'success' && r.details?.id !== undefined) this.rememberCreated(String(r.details.id));
    return { httpStatus: res.status, data: res.data.data };
  }

  /** `POST /{module}/upsert`: insert or update by the duplicate-check fields; results carry `action`. */
  async upsertRecords(module: string, records: readonly Record<string, unknown>[], options: WriteOptions & { duplicateCheckFields?: readonly string[] } = {}): Promise<CrmWriteResponse> {
    const json: Record<string, unknown> = { data: records };
    if (options.duplicateCheckFields) json.duplicate_check_fields = options.duplicateCheckFields;
    if (options.trigger) json.trigger = options.trigger;
    const res = await this.http.request<{ data: CrmWriteResult[] }>({ method: 'POST', path: this.path(module, 'upsert'), json, signal: options.signal });
    for (const r of res.data.data) if (r.status === 'success' && (r as { action?: unknown }).action === 'insert' && r.details?.id !== undefined) this.rememberCreated(String(r.details.id));
    return { httpStatus: res.status, data: res.data.data };
  }

  /** `POST /Leads/{id}/actions/convert`: one conversion; the result's details name the contact, account and deal. */
  async convertLead(id: string, conversion: Record<string, unknown>, options: { signal?: AbortSignal } = {}): Promise<CrmWriteResult> {
    const res = await this.http.request<{ data: CrmWriteResult[] }>({ method: 'POST', path: this.path('Leads', id, 'actions', 'convert'), json: { data: [conversion] }, signal: options.signal });
    return res.data.data[0]!;
  }

  /** `GET /{module}/{id}/Attachments`: one page of a record's attachments; 204 becomes an empty page. */
  async listAttachments(module: string, id: string, options: { fields: readonly string[]; page?: number; perPage?: number; signal?: AbortSignal }): Promise<CrmListResponse> {
    const res = await this.http.request<CrmListResponse | undefined>({
      method: 'GET',
      path: this.path(module, id, 'Attachments'),
      query: { fields: options.fields.join(','), page: options.page, per_page: options.perPage },
      signal: options.signal,
    });
    return res.data ?? EMPTY_LIST;
  }

  /**
   * `POST /{module}/{id}/Attachments` with the file as a multipart `file` part, read from disk as it is sent
   * (never sent twice: an upload is a write).
   */
  async uploadAttachment(module: string, id: string, file: { path: string; name: string; type?: string }, options: { signal?: AbortSignal } = {}): Promise<CrmWriteResult> {
    const blob = await openAsBlob(file.path, file.type ? { type: file.type } : {});
    const form = new FormData();
    form.append('file', blob, file.name);
    const res = await this.http.request<{ data: CrmWriteResult[] }>({ method: 'POST', path: this.path(module, id, 'Attachments'), multipart: form, signal: options.signal });
    const result = res.data.data[0]!;
    if (result.status === 'success' && result.details?.id !== undefined) this.rememberCreated(String(result.details.id));
    return result;
  }

  /** `GET /{module}/{id}/Attachments/{attachment}`: the file's bytes as a stream (read it to the end). */
  async downloadAttachment(module: string, id: string, attachmentId: string, options: { signal?: AbortSignal } = {}): Promise<CrmDownload> {
    const res = await this.http.request<Readable>({ method: 'GET', path: this.path(module, id, 'Attachments', attachmentId), responseType: 'stream', headers: { accept: '*/*' }, signal: options.signal });
    const header = (name: string) => {
      const v = res.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const length = Number(header('content-length'));
    return { stream: res.data, size: Number.isInteger(length) && length >= 0 ? length : undefined, contentType: header('content-type'), fileName: dispositionName(header('content-disposition')) };
  }

  /** `GET /users?type=AllUsers` (every page): cached for the client's life (failures are not cached). */
  listUsers(options: { signal?: AbortSignal } = {}): Promise<CrmUserInfo[]> {
    return this.memo(this.usersCache, 'all', async () => {
      const users: CrmUserInfo[] = [];
      for (let page = 1; page <= 50; page++) {
        const res = await this.http.request<{ users: CrmUserInfo[]; info?: CrmInfo } | undefined>({ method: 'GET', path: this.path('users'), query: { type: 'AllUsers', page, per_page: 200 }, signal: options.signal });
        users.push(...(res.data?.users ?? []));
        if (!res.data?.info?.more_records) break;
      }
      return users;
    });
  }

  /** Forgets cached metadata (after changing fields or layouts in Zoho). */
  clearMetadataCache(): void {
    this.fieldCache.clear();
    this.relatedListCache.clear();
    this.modulesCache.clear();
    this.usersCache.clear();
  }
}
