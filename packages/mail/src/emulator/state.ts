/**
 * The Mail emulator's state: accounts (with aliases and send-as addresses), each with its folders (nested by
 * path), labels, messages (threads of HTML and plain-text mail, attachments, flags, labels, drafts) and the
 * attachments uploaded for the next send. Routes turn it into Zoho's wire shapes (./routes.ts).
 */
import { createIdGenerator } from '@zoho-agent-kit/core/emulator';

export type EmuFolderType = 'Inbox' | 'Drafts' | 'Templates' | 'Snoozed' | 'Sent' | 'Spam' | 'Trash' | 'Outbox';
export type EmuFlag = 'flag_not_set' | 'info' | 'important' | 'followup';

export interface EmuAddress {
  address: string;
  name?: string;
}

export interface EmuFolder {
  folderId: string;
  folderName: string;
  /** Custom folders report `Inbox`, as Zoho's do (mail.md §3). */
  folderType: EmuFolderType;
  path: string;
  parentFolderId?: string;
  /** The folder listed before this one (Zoho's `previousFolderId`). */
  previousFolderId?: string;
}

export interface EmuLabel {
  labelId: string;
  displayName: string;
  color: string;
}

export interface EmuAttachment {
  attachmentId: string;
  name: string;
  contentType: string;
  data: Buffer;
}

export interface EmuMessage {
  messageId: string;
  folderId: string;
  threadId: string;
  subject: string;
  from: EmuAddress;
  to: EmuAddress[];
  cc: EmuAddress[];
  bcc: EmuAddress[];
  replyTo?: EmuAddress;
  /** The body: HTML when `format` is html, plain text otherwise. */
  content: string;
  format: 'html' | 'plaintext';
  /** Epoch ms. */
  sentTime: number;
  receivedTime: number;
  read: boolean;
  flag: EmuFlag;
  labelIds: string[];
  attachments: EmuAttachment[];
  /** RFC 5322 Message-ID, without the angle brackets. */
  mailId: string;
  inReplyTo?: string;
  /** 1 highest … 5 lowest; 3 normal. */
  priority: number;
}

export interface EmuUpload {
  storeName: string;
  attachmentPath: string;
  attachmentName: string;
  contentType: string;
  data: Buffer;
}

export interface EmuMailAccount {
  accountId: string;
  zuid: number;
  primaryEmailAddress: string;
  displayName: string;
  accountName: string;
  type: string;
  role: string;
  /** Other addresses that deliver to this mailbox. */
  aliases: string[];
  /**
   * Addresses the account may send from: its own and its aliases, plus shared mailboxes it may send as. A
   * disabled one (not verified yet) is listed with `status: "false"` and refused as `fromAddress`.
   */
  sendAs: { sendMailID: string; fromAddress: string; displayName: string; disabled?: true }[];
  timeZone: string;
  folders: EmuFolder[];
  labels: EmuLabel[];
  messages: EmuMessage[];
  uploads: Map<string, EmuUpload>;
}

export interface MailIds {
  account: () => string;
  folder: () => string;
  label: () => string;
  attachment: () => string;
  sendMail: () => string;
  message: () => string;
  store: () => string;
}

export interface MailState {
  accounts: EmuMailAccount[];
  ids: MailIds;
  /** The emulator's own host name in Message-IDs. */
  domain: string;
}

/** Deterministic 19-digit ids, one run per kind, so examples and tests can name seed records. */
export function newMailIds(): MailIds {
  return {
    account: createIdGenerator('4411200000'),
    folder: createIdGenerator('4411200001'),
    label: createIdGenerator('4411200002'),
    attachment: createIdGenerator('4411200003'),
    sendMail: createIdGenerator('4411200004'),
    message: createIdGenerator('1721050000'),
    store: createIdGenerator('5288286', 1),
  };
}

export const SYSTEM_FOLDERS: EmuFolderType[] = ['Inbox', 'Drafts', 'Templates', 'Snoozed', 'Sent', 'Spam', 'Trash', 'Outbox'];

export function findAccount(state: MailState, accountId: string): EmuMailAccount | undefined {
  return state.accounts.find((a) => a.accountId === accountId);
}

export function folderOfType(account: EmuMailAccount, type: EmuFolderType): EmuFolder {
  const folder = account.folders.find((f) => f.folderType === type && f.path === `/${type}`);
  if (!folder) throw new Error(`account ${account.accountId} has no ${type} folder`);
  return folder;
}

/** Adds a folder under `parentPath` ('' for the top level); custom folders report type Inbox. */
export function addFolder(state: MailState, account: EmuMailAccount, name: string, parentPath = '', type: EmuFolderType = 'Inbox'): EmuFolder {
  const parent = parentPath ? account.folders.find((f) => f.path === parentPath) : undefined;
  if (parentPath && !parent) throw new Error(`no folder ${parentPath}`);
  const folder: EmuFolder = { folderId: state.ids.folder(), folderName: name, folderType: type, path: `${parentPath}/${name}` };
  if (parent) folder.parentFolderId = parent.folderId;
  const previous = account.folders.at(-1);
  if (previous) folder.previousFolderId = previous.folderId;
  account.folders.push(folder);
  return folder;
}

/** `Name <address>` (quoted when the name needs it), or the bare address. */
export function formatAddress(a: EmuAddress): string {
  if (!a.name) return a.address;
  const name = /[",;<>@()]/.test(a.name) ? `"${a.name.replace(/["\\]/g, '\\$&')}"` : a.name;
  return `${name} <${a.address}>`;
}

/** RFC 5322 date, e.g. `Mon, 30 Nov 2026 14:05:00 +0000`. */
export function rfcDate(ms: number): string {
  return new Date(ms).toUTCString().replace('GMT', '+0000');
}

/** Plain text of a stored body, for summaries and search. */
export function plainText(message: EmuMessage): string {
  if (message.format === 'plaintext') return message.content;
  return message.content
    .replace(/<(br|\/div|\/p|\/li|\/tr|\/h\d)\b[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The first words of the body, as Zoho's `summary`. */
export function summaryOf(message: EmuMessage): string {
  const text = plainText(message).replace(/\s+/g, ' ').trim();
  return text.length > 100 ? `${text.slice(0, 100)}…` : text;
}

/** The message's RFC 822 header block, as `GET …/header?raw=true` returns it. */
export function headerText(message: EmuMessage, domain: string): string {
  const lines = [
    `Return-Path: <${message.from.address}>`,
    `Received: from mx.${domain} by mail.${domain} with SMTP id ${message.mailId}; ${rfcDate(message.receivedTime)}`,
    `Message-ID: <${message.mailId}>`,
    `Date: ${rfcDate(message.sentTime)}`,
    `From: ${formatAddress(message.from)}`,
  ];
  if (message.to.length) lines.push(`To: ${message.to.map(formatAddress).join(', ')}`);
  if (message.cc.length) lines.push(`Cc: ${message.cc.map(formatAddress).join(', ')}`);
  if (message.replyTo) lines.push(`Reply-To: ${formatAddress(message.replyTo)}`);
  if (message.inReplyTo) lines.push(`In-Reply-To: <${message.inReplyTo}>`, `References: <${message.inReplyTo}>`);
  lines.push(`Subject: ${message.subject}`, 'MIME-Version: 1.0');
  lines.push(message.attachments.length ? 'Content-Type: multipart/mixed; boundary="zm-boundary"' : `Content-Type: ${message.format === 'html' ? 'text/html' : 'text/plain'}; charset=UTF-8`);
  if (message.priority !== 3) lines.push(`X-Priority: ${message.priority}`);
  return `${lines.join('\r\n')}\r\n`;
}

/** Size in bytes as Zoho reports it: headers, body and attachments. */
export function messageSize(message: EmuMessage, domain: string): number {
  return Buffer.byteLength(headerText(message, domain)) + Buffer.byteLength(message.content) + message.attachments.reduce((s, a) => s + a.data.length, 0);
}

/** A new Message-ID for a message created by the emulator. */
export function newMailId(state: MailState, messageId: string, fromAddress: string): string {
  const domain = fromAddress.split('@')[1] ?? state.domain;
  return `${messageId}.${messageId.slice(-6)}@${domain}`;
}
