/**
 * The scopes each workflow needs per app, taken from the app tools whose calls it makes (so they stay in
 * step with the plugins), plus the few calls no app tool makes.
 */
import type { ToolAccess, ToolUse, ZohoApp, ZohoTool } from '@zoho-agent-kit/core';
import { booksCreateCustomer, booksCreateInvoice, booksListCustomers, booksListInvoices } from '@zoho-agent-kit/books';
import { calendarCreateEvent, calendarFindMeetingTime, calendarListEvents } from '@zoho-agent-kit/calendar';
import { cliqPostToChannel } from '@zoho-agent-kit/cliq';
import { crmAddNote, crmCreateRecord, crmListRecords, crmUpdateRecord } from '@zoho-agent-kit/crm';
import { mailSearch, mailSend } from '@zoho-agent-kit/mail';
import { PROJECTS_SCOPES } from '@zoho-agent-kit/projects';

function scopesOf(tools: readonly ZohoTool[], extra: readonly string[] = []): string[] {
  return [...new Set([...tools.flatMap((t) => t.scopes), ...extra])];
}

export function use(app: ZohoApp, access: ToolAccess, scopes: string[], optional?: string): ToolUse {
  return { app, access, scopes, ...(optional ? { optional: true, purpose: optional } : {}) };
}

const PORTAL = PROJECTS_SCOPES.portals;

export const SCOPES = {
  /** Records, their related lists and notes, field metadata. */
  crmRead: scopesOf([crmListRecords]),
  crmWrite: scopesOf([crmCreateRecord, crmUpdateRecord, crmAddNote]),
  crmNote: scopesOf([crmAddNote]),
  booksCustomersRead: scopesOf([booksListCustomers]),
  /** Customers and their invoices. */
  booksInvoicesRead: scopesOf([booksListCustomers, booksListInvoices]),
  /** …and the payments received. */
  booksRevenueRead: scopesOf([booksListCustomers, booksListInvoices], ['ZohoBooks.customerpayments.READ']),
  booksCustomersWrite: scopesOf([booksCreateCustomer], ['ZohoBooks.contacts.UPDATE']),
  /** A draft invoice, and a new customer for it. */
  booksInvoiceWrite: scopesOf([booksCreateInvoice, booksCreateCustomer]),
  /** A draft invoice and its internal comments (the ledger). */
  booksTimeInvoiceWrite: scopesOf([booksCreateInvoice]),
  projectsTimeRead: [PROJECTS_SCOPES.projects, PROJECTS_SCOPES.timesheetsRead, PORTAL],
  projectsStatusRead: [PROJECTS_SCOPES.projects, PROJECTS_SCOPES.tasksRead, PROJECTS_SCOPES.milestones, PROJECTS_SCOPES.timesheetsRead, PORTAL],
  projectsLogsWrite: [PROJECTS_SCOPES.timesheetsUpdate, PROJECTS_SCOPES.timesheetsRead],
  cliqPost: scopesOf([cliqPostToChannel]),
  calendarRead: scopesOf([calendarListEvents]),
  calendarWrite: scopesOf([calendarCreateEvent, calendarFindMeetingTime]),
  mailRead: scopesOf([mailSearch]),
  mailSend: scopesOf([mailSend]),
};
