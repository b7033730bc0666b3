import type { Readable } from 'node:stream';
import {
  DEFAULT_FILES_DIR,
  FilesFolder,
  ToolInputError,
  ZohoApiError,
  ZohoConfigError,
  type QueryValue,
  type ZohoAppClient,
  type ZohoConnection,
} from '@zoho-agent-kit/core';
import { mailEnvelopeReader } from './envelope.js';

/** Every Mail answer: `status` plus `data` (mail.md §1). `code` is a number or, in older samples, a string. */
export interface MailEnvelope<T> {
  status: { code: number | string; description: string };
  data: T;
}

/** One mail account as `GET /api/accounts` sends it. Ids arrive as bare 19-digit numbers and are kept as strings. */
export interface MailAccount {
  accountId: string;
  zuid?: string | number;
  primaryEmailAddress?: string;
  mailboxAddress?: string;
  displayName?: string;
  accountName?: string;
  type?: string;
  role?: string;
  mailboxStatus?: string;
  incomingBlocked?: boolean;
  timeZone?: string;
  emailAddress?: { mailId: string; isPrimary?: boolean; isAlias?: boolean; isConfirmed?: boolean }[];
  /** The addresses this account may send from. */
  sendMailDetails?: { sendMailID?: string; fromAddress: string; displayName?: string; status?: string | boolean }[];
  [key: string]: unknown;
}

export interface MailFolder {
  folderId: string;
  folderName: string;
  folderType?: string;
  path?: string;
  parentFolderId?: string;
  previousFolderId?: string;
  /** Not in the digest's sample (unconfirmed); shown when Zoho sends them. */
  unreadCount?: number | string;
  messageCount?: number | string;
  [key: string]: unknown;
}

export interface MailLabel {
  labelId: string;
  displayName: string;
  color?: string;
  [key: string]: unknown;
}

/** A row of the list view or of a search (mail.md §4–5). Field spellings and types vary; see the normalisers. */
export interface MailMessageRow {
  messageId: string;
  folderId?: string;
  threadId?: string;
  subject?: string;
  sender?: string;
  fromAddress?: string;
  toAddress?: string;
  ccAddress?: string;
  summary?: string;
  status?: string | number;
  status2?: string | number;
  flagid?: string | number;
  priority?: string | number;
  hasAttachment?: string | number | boolean;
  receivedTime?: string | number;
  receivedtime?: string | number;
  sentDateInGMT?: string | number;
  threadCount?: string | number;
  labelId?: (string | number)[];
  [key: string]: unknown;
}

export interface MailMessageDetails extends MailMessageRow {
  bccAddress?: string;
}

export interface MailAttachmentInfo {
  attachmentId: string;
  attachmentName: string;
  attachmentSize?: string | number;
  [key: string]: unknown;
}

/** `POST /api/accounts/{id}/messages` (mail.md §7), also the body of a reply or forward. */
export interface MailSendBody {
  fromAddress: string;
  toAddress?: string;
  ccAddress?: string;
  bccAddress?: string;
  subject?: string;
  content?: string;
  mailFormat?: 'html' | 'plaintext';
  askReceipt?: 'yes' | 'no';
  attachments?: MailUploadedAttachment[];
  mode?: 'draft' | 'template';
  /** Reply and forward only (`POST …/messages/{messageId}`; unconfirmed). */
  action?: 'reply' | 'replyall' | 'forward';
}

export interface MailUploadedAttachment {
  storeName: string;
  attachmentPath: string;
  attachmentName: string;
  attachmentSize?: string | number;
}

export interface MailSendResult {
  messageId: string;
  folderId?: string;
  subject?: string;
  fromAddress?: string;
  toAddress?: string;
  mailId?: string;
  [key: string]: unknown;
}

export type ListViewParams = {
  folderId?: string;
  start?: number;
  limit?: number;
  status?: 'read' | 'unread' | 'all';
  flagid?: number;
  labelid?: string;
  threadId?: string;
  sortorder?: boolean;
  attachedMails?: boolean;
  flaggedMails?: boolean;
  includesent?: boolean;
};

export interface SearchParams {
  searchKey: string;
  start?: number;
  limit?: number;
  /** Only mail received before this time (epoch ms); Zoho's default is two minutes ago. */
  receivedTime?: number;
}

/** The account the tools work in, with the addresses it owns and may send from. */
export interface MailAccountInfo {
  accountId: string;
  email: string;
  displayName?: string;
  /** Addresses that deliver to this account (primary and aliases), lower case. */
  own: string[];
  /** Addresses it may send from, as Zoho spells them. */
  sendAs: { address: string; displayName?: string }[];
  raw: MailAccount;
}

/** Notes the tools put beside a result when they matter (`budget_left` when the day's budget runs low). */
export interface MailNotes {
  budget_left?: string;
  account?: string;
}

export interface CallOptions {
  signal?: AbortSignal | undefined;
}

/** Options of the Mail plugin: `pluginOptions: { mail: {...} }` in createZohoToolkit. */
export interface MailClientOptions {
  /** The Mail account to use (ZOHO_MAIL_ACCOUNT_ID); else the accounts are listed and the primary one used. */
  accountId?: string | undefined;
  /** The one local folder attachments and templates are read from and written to (default `./zoho-files`). */
  files?: FilesFolder | undefined;
  /** Largest attachment downloaded, and largest total attached to one message (default 10 MB). */
  maxAttachmentBytes?: number | undefined;
  /** Share of the day's budget below which results carry `budget_left` (default 0.2). */
  lowBudgetShare?: number | undefined;
  /** Offer the built-in starter templates beside the files in templates/ (default true). */
  builtinTemplates?: boolean | undefined;
  /** Clock difference tolerated when a lost send is looked for in Sent (default 10 s). */
  clockSkewMs?: number | undefined;
  /**
   * Who quotes the original under a reply: the plugin (`client`, default) or Zoho itself (`zoho`, if your
   * Zoho adds the quote for `action: reply`; unconfirmed).
   */
  replyQuote?: 'client' | 'zoho' | undefined;
  /** Longest message body returned to the model, in characters (default 20,000). */
  maxBodyChars?: number | undefined;
}

const CACHE_MS = 5 * 60_000;
const ACCOUNT_ID = /^\d{1,30}$/;
export const DEFAULT_MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** Normalisers for Mail's mixed field types (mail.md §4: strings vs numbers, two spellings of receivedTime). */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

export function asId(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim()) return value.trim();
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return undefined;
}

/** When a row was received (epoch ms), whichever spelling Zoho used. */
export function receivedAt(row: MailMessageRow): number | undefined {
  return asNumber(row.receivedTime ?? row.receivedtime);
}

/** Read/unread: list rows say "1"/"0" (unconfirmed: "1" read) or "read"/"unread". */
export function isUnread(row: MailMessageRow): boolean {
  const s = String(row.status ?? '').toLowerCase();
  return s === '0' || s === 'unread';
}

/** Whether a message has attachments: rows say "1"/"0", some answers `true`. */
export function hasAttachments(row: Pick<MailMessageRow, 'hasAttachment'>): boolean {
  return String(row.hasAttachment ?? '0') === '1' || row.hasAttachment === true;
}

/** Typed calls to the Zoho Mail REST API (`https://mail.zoho.<tld>/api`, no version segment); no LLM concerns. */
export class MailClient {
  readonly http: ZohoAppClient;
  readonly files: FilesFolder;
  readonly maxAttachmentBytes: number;
  readonly builtinTemplates: boolean;
  readonly clockSkewMs: number;
  readonly replyQuote: 'client' | 'zoho';
  readonly maxBodyChars: number;
  private readonly lowBudgetShare: number;
  private accountPromise: Promise<MailAccountInfo> | undefined;
  private pendingAccountNote: string | undefined;
  private folderCache: { at: number; folders: Promise<MailFolder[]> } | undefined;
  private labelCache: { at: number; labels: Promise<MailLabel[]> } | undefined;
  /** Where each message seen in a list, search or send lives: Mail's message routes need the folder. */
  private readonly folderOfMessage = new Map<string, string>();

  constructor(
    readonly connection: ZohoConnection,
    readonly options: MailClientOptions = {},
  ) {
    this.http = connection.app({ app: 'mail', readError: mailEnvelopeReader });
    this.files = options.files ?? new FilesFolder(DEFAULT_FILES_DIR);
    this.maxAttachmentBytes = options.maxAttachmentBytes ?? DEFAULT_MAX_ATTACHMENT_BYTES;
    this.lowBudgetShare = options.lowBudgetShare ?? 0.2;
    this.builtinTemplates = options.builtinTemplates ?? true;
    this.clockSkewMs = options.clockSkewMs ?? 10_000;
    this.replyQuote = options.replyQuote ?? 'client';
    this.maxBodyChars = options.maxBodyChars ?? 20_000;
    const configured = options.accountId?.trim();
    if (configured !== undefined && configured !== '' && !ACCOUNT_ID.test(configured)) {
      throw new ZohoConfigError('ZOHO_MAIL_ACCOUNT_ID', `"${configured.slice(0, 40)}" is not a Mail account id (digits only; GET /api/accounts lists yours)`);
    }
  }

  // ---------- requests ----------

  /** One request; Mail's envelope unwrapped to `data`. A spent daily budget fails at once (core's limiter says so). */
  async call<T>(req: { method: 'GET' | 'POST' | 'PUT' | 'DELETE'; path: string; query?: Record<string, QueryValue>; json?: unknown; multipart?: FormData; body?: Uint8Array; contentType?: string }, options: CallOptions = {}): Promise<T> {
    const res = await this.http.request<MailEnvelope<T> | undefined>({ ...req, signal: options.signal });
    return res.data?.data as T;
  }

  /** Fails before anything is sent when fewer than `requests` Mail requests are left today. */
  async ensureBudget(requests: number, what: string): Promise<void> {
    const budget = await this.connection.dailyBudget('mail');
    if (!budget || budget.left >= requests) return;
    throw new ZohoApiError({
      app: 'mail',
      status: 429,
      code: 'DAILY_BUDGET_USED',
      kind: 'quota',
      message: `${what} needs ${requests} Zoho Mail request${requests === 1 ? '' : 's'} and ${budget.left} of today's ${budget.perDay} ${budget.left === 1 ? 'is' : 'are'} left, so nothing was sent; it refills in about ${spanText(budget.resetsAt - Date.now())}`,
      retryAfterMs: Math.max(0, budget.resetsAt - Date.now()),
    });
  }

  /** Notes for a result: what is left of the day's budget once it runs low, and the account picked (once). */
  async notes(): Promise<MailNotes> {
    const out: MailNotes = {};
    const budget = await this.connection.dailyBudget('mail').catch(() => undefined);
    if (budget && budget.left < budget.perDay * this.lowBudgetShare) {
      out.budget_left = `${budget.left} of ${budget.perDay} Zoho Mail requests left today (refills in about ${spanText(budget.resetsAt - Date.now())}); make every call count`;
    }
    if (this.pendingAccountNote) {
      out.account = this.pendingAccountNote;
      this.pendingAccountNote = undefined;
    }
    return out;
  }

  // ---------- the account ----------

  /** The configured account, or the user's primary one (listed once); shared by concurrent callers, retried after a failure. */
  account(options: CallOptions = {}): Promise<MailAccountInfo> {
    this.accountPromise ??= this.loadAccount(options).catch((err: unknown) => {
      this.accountPromise = undefined;
      throw err;
    });
    return this.accountPromise;
  }

  private async loadAccount(options: CallOptions): Promise<MailAccountInfo> {
    const configured = this.options.accountId?.trim();
    if (configured) {
      try {
        return accountInfo(await this.call<MailAccount>({ method: 'GET', path: `/api/accounts/${configured}` }, options));
      } catch (err) {
        if (err instanceof ZohoApiError && err.kind === 'not_found') {
          throw new ZohoConfigError('ZOHO_MAIL_ACCOUNT_ID', `no Mail account ${configured} for this user; unset it to use the primary account, or pick one of GET /api/accounts`);
        }
        throw err;
      }
    }
    const accounts = (await this.call<MailAccount[] | undefined>({ method: 'GET', path: '/api/accounts' }, options)) ?? [];
    if (accounts.length === 0) throw new ZohoConfigError('ZOHO_MAIL_ACCOUNT_ID', 'this Zoho user has no Zoho Mail account; sign in as a user with a mailbox');
    const picked = primaryAccount(accounts);
    const info = accountInfo(picked);
    if (accounts.length > 1) {
      const others = accounts.filter((a) => a !== picked).map((a) => `${a.primaryEmailAddress ?? a.mailboxAddress} (${String(a.accountId)})`);
      this.pendingAccountNote = `Using ${info.displayName ? `${info.displayName}'s mailbox ` : ''}${info.email} (account_id ${info.accountId}), the primary of ${accounts.length} accounts; the others: ${others.join(', ')}. Set ZOHO_MAIL_ACCOUNT_ID to use another.`;
    }
    return info;
  }

  private async base(options: CallOptions): Promise<string> {
    return `/api/accounts/${(await this.account(options)).accountId}`;
  }

  // ---------- folders and labels ----------

  /** Every folder of the account (cached for five minutes). */
  async folders(options: CallOptions & { fresh?: boolean } = {}): Promise<MailFolder[]> {
    if (!this.folderCache || options.fresh || Date.now() - this.folderCache.at > CACHE_MS) {
      const folders = (async () => (await this.call<MailFolder[] | undefined>({ method: 'GET', path: `${await this.base(options)}/folders` }, options)) ?? [])();
      this.folderCache = { at: Date.now(), folders };
      folders.catch(() => {
        if (this.folderCache?.folders === folders) this.folderCache = undefined;
      });
    }
    return this.folderCache.folders;
  }

  /**
   * A folder by id, path ("/Clients/Zylker Corp"), system type ("sent") or name when unique; a clear field
   * error listing candidates otherwise.
   */
  async resolveFolder(text: string, field: string, options: CallOptions = {}): Promise<MailFolder> {
    const folders = await this.folders(options);
    const wanted = text.trim();
    const lower = wanted.toLowerCase();
    const pathOf = (f: MailFolder) => f.path ?? `/${f.folderName}`;
    let found: MailFolder[];
    if (ACCOUNT_ID.test(wanted)) found = folders.filter((f) => String(f.folderId) === wanted);
    else if (wanted.startsWith('/')) found = folders.filter((f) => pathOf(f).toLowerCase() === lower.replace(/\/+$/, ''));
    else {
      found = folders.filter((f) => pathOf(f).toLowerCase() === `/${lower}`);
      if (found.length === 0) found = folders.filter((f) => f.folderName.toLowerCase() === lower);
      if (found.length === 0) found = folders.filter((f) => (f.folderType ?? '').toLowerCase() === lower && pathOf(f) === `/${f.folderType}`);
    }
    if (found.length === 1) return found[0]!;
    if (found.length > 1) throw new ToolInputError(field, `several folders are named "${wanted.slice(0, 60)}": ${found.map(pathOf).join(', ')}; give the path`);
    const listed = folders.map(pathOf).slice(0, 30).join(', ');
    throw new ToolInputError(field, `no folder "${wanted.slice(0, 60)}"; the folders are ${listed}`);
  }

  /** The system folder of a type (Inbox, Sent, Drafts, Outbox …). */
  async systemFolder(type: string, options: CallOptions = {}): Promise<MailFolder | undefined> {
    const folders = await this.folders(options);
    return folders.find((f) => f.folderType === type && (f.path ?? `/${f.folderName}`) === `/${type}`) ?? folders.find((f) => f.folderType === type);
  }

  /** The account's labels (cached for five minutes). */
  async labels(options: CallOptions = {}): Promise<MailLabel[]> {
    if (!this.labelCache || Date.now() - this.labelCache.at > CACHE_MS) {
      const labels = (async () => (await this.call<MailLabel[] | undefined>({ method: 'GET', path: `${await this.base(options)}/labels` }, options)) ?? [])();
      this.labelCache = { at: Date.now(), labels };
      labels.catch(() => {
        if (this.labelCache?.labels === labels) this.labelCache = undefined;
      });
    }
    return this.labelCache.labels;
  }

  /** Label names for ids, looked up only when some row has labels; ids stay when the lookup fails. */
  async labelNames(ids: Iterable<string>, options: CallOptions = {}): Promise<Map<string, string>> {
    const wanted = [...new Set(ids)];
    const out = new Map<string, string>();
    if (wanted.length === 0) return out;
    const labels = await this.labels(options).catch(() => [] as MailLabel[]);
    for (const id of wanted) out.set(id, labels.find((l) => String(l.labelId) === id)?.displayName ?? id);
    return out;
  }

  /** A label by name (case-insensitive) or id. */
  async resolveLabel(text: string, field: string, options: CallOptions = {}): Promise<MailLabel> {
    const labels = await this.labels(options);
    const wanted = text.trim().toLowerCase();
    const found = labels.find((l) => String(l.labelId) === wanted) ?? labels.find((l) => l.displayName.toLowerCase() === wanted);
    if (found) return found;
    throw new ToolInputError(field, `no label "${text.slice(0, 60)}"; the labels are ${labels.map((l) => l.displayName).join(', ') || 'none'} (create new ones in Zoho Mail)`);
  }

  // ---------- messages ----------

  /** Remembers where listed messages live. */
  remember(rows: readonly { messageId?: unknown; folderId?: unknown }[]): void {
    for (const row of rows) {
      const id = asId(row.messageId);
      const folder = asId(row.folderId);
      if (id && folder) this.folderOfMessage.set(id, folder);
    }
  }

  /** The folder of a message: given, or remembered from a list or search; a field error otherwise. */
  locate(messageId: string, folderId: string | undefined, field = 'folder_id'): string {
    const folder = folderId ?? this.folderOfMessage.get(messageId);
    if (!folder) throw new ToolInputError(field, `give the folder_id of message ${messageId} (it is in every row of mail_list_messages and mail_search)`);
    return folder;
  }

  async listMessages(params: ListViewParams, options: CallOptions = {}): Promise<MailMessageRow[]> {
    const rows = (await this.call<MailMessageRow[] | undefined>({ method: 'GET', path: `${await this.base(options)}/messages/view`, query: { includeto: true, ...params } }, options)) ?? [];
    this.remember(rows);
    return rows;
  }

  async search(params: SearchParams, options: CallOptions = {}): Promise<MailMessageRow[]> {
    const rows = (await this.call<MailMessageRow[] | undefined>({ method: 'GET', path: `${await this.base(options)}/messages/search`, query: { includeto: true, ...params } }, options)) ?? [];
    this.remember(rows);
    return rows;
  }

  private async messagePath(folderId: string, messageId: string, options: CallOptions): Promise<string> {
    return `${await this.base(options)}/folders/${encodeURIComponent(folderId)}/messages/${encodeURIComponent(messageId)}`;
  }

  async details(folderId: string, messageId: string, options: CallOptions = {}): Promise<MailMessageDetails> {
    const details = await this.call<MailMessageDetails>({ method: 'GET', path: `${await this.messagePath(folderId, messageId, options)}/details` }, options);
    this.remember([details]);
    return details;
  }

  /** The body; `includeBlockContent` adds the quoted history Zoho otherwise leaves out. */
  async content(folderId: string, messageId: string, includeBlockContent: boolean, options: CallOptions = {}): Promise<{ messageId: string; content: string }> {
    return this.call({ method: 'GET', path: `${await this.messagePath(folderId, messageId, options)}/content`, query: includeBlockContent ? { includeBlockContent: true } : {} }, options);
  }

  /** The RFC 822 header block as text (`raw=true`, the documented form). */
  async header(folderId: string, messageId: string, options: CallOptions = {}): Promise<{ messageId: string; headerContent: string }> {
    return this.call({ method: 'GET', path: `${await this.messagePath(folderId, messageId, options)}/header`, query: { raw: true } }, options);
  }

  async attachmentInfo(folderId: string, messageId: string, options: CallOptions = {}): Promise<MailAttachmentInfo[]> {
    const data = await this.call<{ attachments?: MailAttachmentInfo[] } | undefined>({ method: 'GET', path: `${await this.messagePath(folderId, messageId, options)}/attachmentinfo` }, options);
    return data?.attachments ?? [];
  }

  /** An attachment's bytes as a stream (the caller caps and stores them). */
  async downloadAttachment(folderId: string, messageId: string, attachmentId: string, options: CallOptions = {}): Promise<Readable> {
    const res = await this.http.request({
      method: 'GET',
      path: `${await this.messagePath(folderId, messageId, options)}/attachments/${encodeURIComponent(attachmentId)}`,
      responseType: 'stream',
      signal: options.signal,
    });
    return res.data as Readable;
  }

  /** Sends, or saves a draft (`mode: draft`). Never retried: a send is not idempotent. */
  async send(body: MailSendBody, options: CallOptions = {}): Promise<MailSendResult> {
    const result = await this.call<MailSendResult>({ method: 'POST', path: `${await this.base(options)}/messages`, json: body }, options);
    this.remember([result]);
    return result;
  }

  /** Reply, reply-all or forward (`action`) to a message (unconfirmed route: POST …/messages/{messageId}). */
  async respond(messageId: string, body: MailSendBody, options: CallOptions = {}): Promise<MailSendResult> {
    const result = await this.call<MailSendResult>({ method: 'POST', path: `${await this.base(options)}/messages/${encodeURIComponent(messageId)}`, json: body }, options);
    this.remember([result]);
    return result;
  }

  /** Uploads files (one multipart request, field `attach`) for the next send (mail.md §7). */
  async upload(files: readonly { name: string; data: Buffer; contentType?: string }[], options: CallOptions = {}): Promise<MailUploadedAttachment[]> {
    const form = new FormData();
    for (const f of files) form.append('attach', new Blob([new Uint8Array(f.data)], { type: f.contentType ?? 'application/octet-stream' }), f.name);
    const data = await this.call<MailUploadedAttachment[] | MailUploadedAttachment>(
      { method: 'POST', path: `${await this.base(options)}/messages/attachments`, query: { uploadType: 'multipart', isInline: false }, multipart: form },
      options,
    );
    return Array.isArray(data) ? data : [data];
  }

  /** `PUT /updatemessage` with one mode for a set of messages. */
  async updateMessages(body: { mode: string; messageId: string[]; destfolderId?: string; flagid?: string; labelId?: string[] }, options: CallOptions = {}): Promise<void> {
    await this.call({ method: 'PUT', path: `${await this.base(options)}/updatemessage`, json: body }, options);
    if (body.destfolderId) for (const id of body.messageId) this.folderOfMessage.set(id, body.destfolderId);
  }
}

/** "3 h 20 min", "12 min". */
export function spanText(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  const hours = Math.floor(minutes / 60);
  return hours ? `${hours} h${minutes % 60 ? ` ${minutes % 60} min` : ''}` : `${minutes} min`;
}

/** The primary account: the user's own enabled Zoho mailbox, listed first by Zoho (unconfirmed), else the first. */
export function primaryAccount(accounts: readonly MailAccount[]): MailAccount {
  return accounts.find((a) => (a.type ?? 'ZOHO_ACCOUNT') === 'ZOHO_ACCOUNT' && (a.mailboxStatus ?? 'enabled') === 'enabled') ?? accounts[0]!;
}

export function accountInfo(account: MailAccount): MailAccountInfo {
  const email = account.primaryEmailAddress ?? account.mailboxAddress ?? '';
  const own = [email, account.mailboxAddress, ...(account.emailAddress ?? []).map((e) => e.mailId)].filter((a): a is string => !!a).map((a) => a.toLowerCase());
  const sendAs = (account.sendMailDetails ?? [])
    .filter((s) => s.fromAddress && String(s.status ?? 'true') !== 'false')
    .map((s) => (s.displayName ? { address: s.fromAddress, displayName: s.displayName } : { address: s.fromAddress }));
  const info: MailAccountInfo = {
    accountId: String(account.accountId),
    email,
    own: [...new Set(own)],
    sendAs: sendAs.length ? sendAs : email ? [{ address: email }] : [],
    raw: account,
  };
  if (account.displayName) info.displayName = account.displayName;
  return info;
}

