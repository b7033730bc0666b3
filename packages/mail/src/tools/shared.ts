/** Input schemas and checks shared by the Mail tools. */
import { ToolInputError } from '@zoho-agent-kit/core';
import { z } from 'zod';

/** Every Mail tool may have to list the accounts first (when ZOHO_MAIL_ACCOUNT_ID is not set). */
export const ACCOUNT_SCOPE = 'ZohoMail.accounts.READ';

const DIGITS = /^\d{1,30}$/;

/** A Mail id: digits, kept as a string (they exceed JavaScript's safe integers). Describe at the use site. */
export const idSchema = (what: string) =>
  z
    .string()
    .trim()
    .max(30)
    .refine((v) => DIGITS.test(v), `must be a Mail ${what} id (digits only, as a string)`);

export const messageIdSchema = () => idSchema('message').describe('The message_id.');

export const folderIdSchema = () => idSchema('folder').optional().describe('Its folder_id.');

/** A folder given as a path ("/Clients/Zylker Corp"), a unique name, a system folder ("Sent") or an id. */
export const folderSchema = () => z.string().trim().max(300);

/** Whole numbers in a range, checked (the bounds are in the description where they matter). */
export const intSchema = (min: number, max: number) => z.number().refine((v) => Number.isInteger(v) && v >= min && v <= max, `must be a whole number from ${min} to ${max}`);

export const startSchema = () => intSchema(1, 100_000).optional().describe('Row to start at (from next_start).');
export const limitSchema = (fallback: number) => intSchema(1, 100).optional().describe(`Rows (default ${fallback}, max 100).`);

/** Whether text is a real calendar date `yyyy-mm-dd`. */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1990 && y <= 2099 && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export const dateSchema = () =>
  z
    .string()
    .trim()
    .max(10)
    .refine(isCalendarDate, 'must be a real date as yyyy-mm-dd');

/** Recipient lists: each entry an address or `Name <address>`; checked by compose.ts. */
export const addressesSchema = () => z.array(z.string().trim().max(320));

export const subjectSchema = () => z.string().trim().max(500);

/** Bodies: Zoho's limit is not documented; this bound is the kit's (every string input is bounded). */
export const bodySchema = () => z.string().max(100_000);

export const attachmentsSchema = () =>
  z
    .array(z.string().trim().max(512))
    .optional()
    .describe('Paths in the files folder to attach.');

export const templateSchema = () =>
  z
    .strictObject({
      name: z.string().trim().max(200).describe('From mail_list_templates.'),
      values: z.record(z.string(), z.string().max(5_000)).optional().describe('{{placeholder}} → value.'),
    })
    .optional()
    .describe('Body (and subject) from a template.');

/** Exactly one body source: text, html or a template (or none when `optional`). */
export function checkBody(args: { text?: string | undefined; html?: string | undefined; template?: unknown }, optional = false): void {
  const given = [args.text !== undefined && 'text', args.html !== undefined && 'html', args.template !== undefined && 'template'].filter(Boolean) as string[];
  if (given.length > 1) throw new ToolInputError(given[1]!, `give one of text, html or template, not ${given.join(' and ')}`);
  if (!optional && given.length === 0) throw new ToolInputError('text', 'give the body as text, html or template');
}

/** Epoch ms at the start of a yyyy-mm-dd day (UTC) and just after its end. */
export function dayStart(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}
export function dayEnd(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) + 86_400_000;
}
