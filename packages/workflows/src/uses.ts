/**
 * The scopes each workflow needs per app, taken from the app tools whose calls it makes (so they stay in
 * step with the plugins), plus the few calls no app tool makes.
 */
import type { ToolAccess, ToolUse, ZohoApp, ZohoTool } from '@zoho-agent-kit/core';
import { booksCreateCustomer, booksCreateInvoice, booksGetCustomer, booksGetInvoice, booksListInvoices } from '@zoho-agent-kit/books';
import { calendarCreateEvent, calendarFindMeetingTime, calendarListEvents } from '@zoho-agent-kit/calendar';
import { cliqPostToChannel } from '@zoho-agent-kit/cliq';
import { crmAddNote, crmCreateRecord, crmGetRelatedRecords, crmListRecords, crmUpdateRecord } from '@zoho-agent-kit/crm';
import { mailSearch, mailSend } from '@zoho-agent-kit/mail';
import { projectsGet, projectsList, projectsListMilestones, projectsListTasks, projectsListTimeLogs, PROJECTS_SCOPES } from '@zoho-agent-kit/projects';

function scopesOf(tools: readonly ZohoTool[], extra: readonly string[] = []): string[] {
  return [...new Set([...tools.flatMap((t) => t.scopes), ...extra])];
}

export function use(app: ZohoApp, access: ToolAccess, scopes: string[], optional?: string): ToolUse {
  return { app, access, scopes, ...(optional ? { optional: true, purpose: optional } : {}) };
}

export const SCOPES = {
  crmRead: scopesOf([crmListRecords, crmGetRelatedRecords]),
  crmWrite: scopesOf([crmCreateRecord, crmUpdateRecord, crmAddNote]),
  crmNote: scopesOf([crmAddNote]),
  booksCustomersRead: scopesOf([booksGetCustomer]),
  booksRead: scopesOf([booksGetCustomer, booksListInvoices, booksGetInvoice], ['ZohoBooks.customerpayments.READ']),
  booksCustomersWrite: scopesOf([booksCreateCustomer], ['ZohoBooks.contacts.UPDATE']),
  booksInvoiceWrite: scopesOf([booksCreateInvoice, booksCreateCustomer, booksGetInvoice]),
  projectsRead: scopesOf([projectsList, projectsGet, projectsListTasks, projectsListMilestones, projectsListTimeLogs]),
  projectsLogsWrite: [PROJECTS_SCOPES.timesheetsUpdate, PROJECTS_SCOPES.timesheetsRead],
  cliqPost: scopesOf([cliqPostToChannel]),
  calendarRead: scopesOf([calendarListEvents, calendarFindMeetingTime]),
  calendarWrite: scopesOf([calendarCreateEvent, calendarFindMeetingTime]),
  mailRead: scopesOf([mailSearch]),
  mailSend: scopesOf([mailSend]),
};
