/**
 * Email templates: Markdown or HTML files in `templates/` of the files folder, with `{{placeholders}}`
 * (mustache) and an optional front matter giving the subject:
 *
 * ```md
 * ---
 * subject: Following up on {{topic}}
 * ---
 * Hi {{first_name}}, …
 * ```
 *
 * Filling one checks every placeholder has a value (and every value a placeholder) before anything is sent.
 * Markdown is rendered with marked; values are HTML-escaped. A few starter templates are built in; a file
 * of the same name replaces one.
 */
import { marked } from 'marked';
import Mustache from 'mustache';
import { ToolInputError, type FilesFolder } from '@zoho-agent-kit/core';
import { escapeHtml, htmlToText } from './text.js';

export const TEMPLATES_DIR = 'templates';
const EXTENSIONS: Record<string, TemplateFormat> = { '.md': 'markdown', '.markdown': 'markdown', '.html': 'html', '.htm': 'html', '.txt': 'markdown' };
const PLACEHOLDER = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;
const MAX_TEMPLATE_BYTES = 200_000;

export type TemplateFormat = 'markdown' | 'html';

export interface MailTemplate {
  /** The name to pass as `template.name`: the path under templates/ without its extension. */
  name: string;
  format: TemplateFormat;
  /** `files` (templates/ of the files folder) or `built-in`. */
  source: 'files' | 'built-in';
  /** File inside the files folder (files templates only). */
  file?: string;
  subject?: string;
  body: string;
  /** Placeholders of subject and body, in order of first use. */
  placeholders: string[];
}

export interface FilledTemplate {
  name: string;
  subject?: string;
  html: string;
  text: string;
}

/** Values the plugin fills itself unless given: the sender's name and address. */
export const AUTO_VALUES = ['sender_name', 'sender_email'] as const;

export const BUILTIN_TEMPLATES: Record<string, string> = {
  'follow-up': `---
subject: Following up on {{topic}}
---
Hi {{first_name}},

I wanted to follow up on {{topic}}. {{message}}

Best regards,
{{sender_name}}
`,
  'meeting-request': `---
subject: Meeting request: {{topic}}
---
Hi {{first_name}},

Could we meet to discuss **{{topic}}**? I am available {{availability}}.

Best,
{{sender_name}}
`,
  'invoice-reminder': `---
subject: Reminder: invoice {{invoice_number}}
---
Hi {{first_name}},

A friendly reminder that invoice **{{invoice_number}}** for {{amount}} was due on {{due_date}}. If it is already paid, please ignore this message.

Thank you,
{{sender_name}}
`,
};

function splitFrontMatter(text: string, where: string): { subject?: string; body: string } {
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const m = /^---\n([\s\S]*?)\n---\n?/.exec(normalised);
  if (!m) return { body: normalised };
  const out: { subject?: string; body: string } = { body: normalised.slice(m[0].length) };
  for (const line of m[1]!.split('\n')) {
    if (!line.trim()) continue;
    const kv = /^([A-Za-z_]+)\s*:\s*(.*)$/.exec(line);
    if (!kv || kv[1]!.toLowerCase() !== 'subject') throw new ToolInputError('template.name', `${where}: the front matter takes only "subject: …" (found "${line.slice(0, 40)}")`);
    out.subject = kv[2]!.trim().replace(/^["'](.*)["']$/, '$1');
  }
  return out;
}

/** The `{{name}}` placeholders of a text; anything but simple placeholders (sections, partials) is refused. */
export function placeholdersOf(text: string, where: string): string[] {
  let spans: ReturnType<typeof Mustache.parse>;
  try {
    spans = Mustache.parse(text);
  } catch (err) {
    throw new ToolInputError('template.name', `${where} is not a valid template: ${(err as Error).message.slice(0, 120)}`);
  }
  const out: string[] = [];
  for (const span of spans) {
    const [type, value] = span as unknown as [string, string];
    if (type === 'text' || type === '!') continue;
    if ((type === 'name' || type === '&') && PLACEHOLDER.test(value)) {
      if (!out.includes(value)) out.push(value);
      continue;
    }
    throw new ToolInputError('template.name', `${where} uses {{${type === 'name' || type === '&' ? '' : type}${String(value).slice(0, 40)}}}; templates take simple {{placeholder}} names (letters, digits, _ and -) only`);
  }
  return out;
}

function parseTemplate(name: string, format: TemplateFormat, source: MailTemplate['source'], text: string, file?: string): MailTemplate {
  const where = source === 'files' ? `template ${file}` : `built-in template ${name}`;
  const { subject, body } = splitFrontMatter(text, where);
  const placeholders = [...(subject !== undefined ? placeholdersOf(subject, where) : []), ...placeholdersOf(body, where)];
  const template: MailTemplate = { name, format, source, body, placeholders: [...new Set(placeholders)] };
  if (subject !== undefined) template.subject = subject;
  if (file) template.file = file;
  return template;
}

function extensionOf(path: string): string {
  const m = /\.[^./]+$/.exec(path);
  return m ? m[0].toLowerCase() : '';
}

/** Every template: the files in templates/ (recursively), then the built-in ones no file replaces. */
export async function listTemplates(files: FilesFolder, builtins: boolean): Promise<MailTemplate[]> {
  const out: MailTemplate[] = [];
  const entries = (await files.exists(TEMPLATES_DIR)) ? await files.list(TEMPLATES_DIR, 'template.name') : [];
  for (const entry of entries) {
    const ext = extensionOf(entry.path);
    const format = EXTENSIONS[ext];
    if (!format || entry.size > MAX_TEMPLATE_BYTES) continue;
    const name = entry.path.slice(TEMPLATES_DIR.length + 1, -ext.length);
    const text = await readText(files, entry.path);
    out.push(parseTemplate(name, format, 'files', text, entry.path));
  }
  if (builtins) {
    for (const [name, text] of Object.entries(BUILTIN_TEMPLATES)) {
      if (!out.some((t) => t.name === name)) out.push(parseTemplate(name, 'markdown', 'built-in', text));
    }
  }
  return out;
}

async function readText(files: FilesFolder, path: string): Promise<string> {
  const opened = await files.open(path, 'template.name');
  const chunks: Buffer[] = [];
  for await (const chunk of opened.stream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** One template by name (with or without its extension). */
export async function loadTemplate(files: FilesFolder, builtins: boolean, name: string): Promise<MailTemplate> {
  const wanted = name.trim().replace(/^templates\//, '');
  const all = await listTemplates(files, builtins);
  const bare = wanted.replace(/\.(md|markdown|html|htm|txt)$/i, '');
  const found = all.find((t) => t.file === `${TEMPLATES_DIR}/${wanted}`) ?? all.find((t) => t.name === bare) ?? all.find((t) => t.name.toLowerCase() === bare.toLowerCase());
  if (found) return found;
  throw new ToolInputError('template.name', `no template "${name.slice(0, 60)}"; the templates are ${all.map((t) => t.name).join(', ') || `none (put Markdown or HTML files in ${TEMPLATES_DIR}/ of the files folder)`}`);
}

/**
 * Fills a template: every placeholder needs a value (AUTO_VALUES come from `auto` unless given) and every
 * value a placeholder, else a field error before anything is sent. Returns the subject, HTML and plain text.
 */
export function fillTemplate(template: MailTemplate, values: Record<string, string>, auto: Partial<Record<(typeof AUTO_VALUES)[number], string>> = {}): FilledTemplate {
  const filled: Record<string, string> = { ...values };
  for (const key of AUTO_VALUES) if (filled[key] === undefined && auto[key] !== undefined && template.placeholders.includes(key)) filled[key] = auto[key]!;
  const missing = template.placeholders.filter((p) => filled[p] === undefined);
  if (missing.length) {
    throw new ToolInputError('template.values', `the template "${template.name}" needs ${missing.map((m) => `{{${m}}}`).join(', ')}; give every placeholder a value (it uses ${template.placeholders.join(', ')})`);
  }
  const unused = Object.keys(values).filter((k) => !template.placeholders.includes(k));
  if (unused.length) throw new ToolInputError('template.values', `the template "${template.name}" has no placeholder ${unused.map((u) => `{{${u}}}`).join(', ')}; it uses ${template.placeholders.join(', ') || 'none'}`);

  const plain = { escape: (s: string) => s };
  let html: string;
  if (template.format === 'html') {
    html = Mustache.render(template.body, filled, {}, { escape: escapeHtml });
  } else {
    // Placeholders become inert tokens for marked (so a value is never read as Markdown, even in a link),
    // then the tokens are replaced by the HTML-escaped values.
    const token = (i: number) => `ZAKPLACEHOLDER${i}X`;
    const tokens = Object.fromEntries(template.placeholders.map((p, i) => [p, token(i)]));
    const rendered = marked.parse(Mustache.render(template.body, tokens, {}, plain), { async: false, gfm: true, breaks: true });
    html = template.placeholders.reduce((out, p, i) => out.replaceAll(token(i), escapeHtml(filled[p]!)), rendered);
  }
  const out: FilledTemplate = { name: template.name, html, text: htmlToText(html) };
  if (template.subject !== undefined) out.subject = Mustache.render(template.subject, filled, {}, plain).replace(/\s+/g, ' ').trim();
  return out;
}
