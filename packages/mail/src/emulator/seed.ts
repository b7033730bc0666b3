/**
 * Seed data: the mailbox of Northwind Creative's CEO, Maya Ortiz (core's AGENCY_STAFF[0]), and the agency's
 * shared hello@ mailbox. Mail comes from the agency's clients' contacts (core's AGENCY_CLIENTS: the same people
 * as in CRM and Books) and from the staff: threads of HTML and plain-text messages with Zoho's quoted history
 * and signatures, attachments, flags, labels, a draft, newsletters, spam and trash. Times are relative to the
 * emulator clock; ids are deterministic (./state.ts), increasing with time.
 */
import { AGENCY, AGENCY_CLIENTS, AGENCY_STAFF, type AgencyPerson } from '@zoho-agent-kit/core/emulator';
import { escapeHtml } from '../text.js';
import {
  addFolder,
  formatAddress,
  newMailId,
  rfcDate,
  SYSTEM_FOLDERS,
  type EmuAddress,
  type EmuAttachment,
  type EmuFlag,
  type EmuMailAccount,
  type EmuMessage,
  type MailState,
} from './state.js';

const HOUR = 3_600_000;

const staff = (role: string): EmuAddress => {
  const s = AGENCY_STAFF.find((p) => p.role === role)!;
  return { address: s.email, name: `${s.firstName} ${s.lastName}` };
};

function contact(company: string, lastName: string): AgencyPerson & { company: string } {
  const client = AGENCY_CLIENTS.find((c) => c.name === company)!;
  const person = client.contacts.find((p) => p.lastName === lastName)!;
  return { ...person, company };
}

const asAddress = (p: AgencyPerson): EmuAddress => ({ address: p.email, name: `${p.firstName} ${p.lastName}` });

/** Paragraphs as Zoho's editor writes them: one `<div>` per line, `<div><br></div>` between paragraphs. */
function paragraphs(text: string): string {
  return text
    .split('\n')
    .map((line) => (line.trim() ? `<div>${escapeHtml(line)}<br></div>` : '<div><br></div>'))
    .join('');
}

/** A Zoho Mail signature block (the editor marks it so replies can leave it out). */
function signatureHtml(lines: string[]): string {
  return `<div><br></div><div id="Zm-_Id_-Sgn" data-zbluepencil-ignore="true"><div>--<br>${lines.map(escapeHtml).join('<br>')}<br></div></div>`;
}

/** Zoho's quoted history under a reply: a rule, then "---- On … wrote ----" and the earlier message in a blockquote. */
function quoteHtml(previous: EmuMessage): string {
  return (
    `<div class="zmail_extra_hr" style="border-top: 1px solid rgb(204, 204, 204); height: 0px; margin-top: 10px; margin-bottom: 10px; line-height: 0px;"><br></div>` +
    `<div class="zmail_extra" data-zbluepencil-ignore="true"><div><br></div><div id="Zm-_Id_-Sgn1">---- On ${rfcDate(previous.sentTime)} <b>${escapeHtml(formatAddress(previous.from))}</b> wrote ---</div><div><br></div>` +
    `<blockquote style="border-left: 1px solid rgb(204, 204, 204); padding-left: 6px; margin: 0px 0px 0px 5px;">${previous.format === 'html' ? previous.content : paragraphs(previous.content)}</blockquote></div>`
  );
}

const htmlBody = (inner: string) => `<div style="font-family: Verdana, Arial, Helvetica, sans-serif; font-size: 10pt;">${inner}</div>`;

/** Plain-text quoting: "On … wrote:" and every line prefixed with "> ". */
function quoteText(previous: EmuMessage): string {
  const lines = (previous.format === 'plaintext' ? previous.content : previous.content.replace(/<[^>]+>/g, '\n')).split('\n');
  return `\n\nOn ${rfcDate(previous.sentTime)}, ${formatAddress(previous.from)} wrote:\n${lines.map((l) => `> ${l}`).join('\n')}`;
}

/** A small valid PDF with one line of text. */
function pdf(title: string): Buffer {
  const text = `BT /F1 18 Tf 72 720 Td (${title.replace(/[()\\]/g, '')}) Tj ET`;
  return Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj\n4 0 obj<</Length ${text.length}>>stream\n${text}\nendstream endobj\n5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );
}

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

interface AttachmentSeed {
  name: string;
  contentType: string;
  data: Buffer;
}

interface MessageSeed {
  folder: string;
  from: EmuAddress;
  to: EmuAddress[];
  cc?: EmuAddress[];
  replyTo?: EmuAddress;
  subject: string;
  hoursAgo: number;
  /** HTML body (without quote); `text` makes a plain-text message instead. */
  html?: string;
  text?: string;
  signature?: string[];
  read?: boolean;
  flag?: EmuFlag;
  labels?: string[];
  attachments?: AttachmentSeed[];
  /** Messages of one thread share a key; each quotes the one before it. */
  thread?: string;
  priority?: number;
}

function mayaSeeds(): MessageSeed[] {
  const maya = staff('CEO');
  const mayaAlias: EmuAddress = { address: `maya@${AGENCY.domain}`, name: 'Maya Ortiz' };
  const mayaSig = ['Maya Ortiz', `CEO, ${AGENCY.name}`];
  const bob = contact('Zylker Corp', 'Burns');
  const amelia = contact('Zylker Corp', 'Chen');
  const wile = contact('Acme Widgets', 'Coyote');
  const grace = contact('Bluebird Logistics', 'Hopper');
  const tomas = contact('Bluebird Logistics', 'Rivera');
  const irene = contact('Helios Solar', 'Adler');
  const philip = contact('Marlowe & Finch', 'Marlowe');
  const nadia = contact('Quantum Bakery', 'Petrova');
  const samuel = contact('Redwood Health', 'Osei');
  const lena = contact('Redwood Health', 'Fischer');
  const omar = contact('Silverline Media', 'Haddad');
  const sig = (p: AgencyPerson & { company: string }) => [`${p.firstName} ${p.lastName}`, `${p.title}, ${p.company}`, p.phone];
  const projects: EmuAddress = { address: 'notifications@projects.northwind-creative.example', name: 'Zoho Projects' };
  const designWeekly: EmuAddress = { address: 'news@designweekly.example', name: 'Design Weekly' };

  return [
    // Zylker: a brief, Maya's answer, Bob's follow-up with Amelia in copy.
    {
      thread: 'zylker-brief', folder: '/Clients/Zylker Corp', from: asAddress(bob), to: [maya], subject: 'Q3 campaign brief', hoursAgo: 50, read: true, labels: ['Prospect'],
      html: paragraphs('Hi Maya,\n\nAttached is our brief for the Q3 campaign: a product launch in September, with print, social and a landing page.\nCould your team send a first estimate by Friday?\n\nThanks,\nBob'),
      signature: sig(bob), attachments: [{ name: 'Q3-campaign-brief.pdf', contentType: 'application/pdf', data: pdf('Zylker Q3 campaign brief') }],
    },
    {
      thread: 'zylker-brief', folder: '/Sent', from: maya, to: [asAddress(bob)], subject: 'Re: Q3 campaign brief', hoursAgo: 48, read: true,
      html: paragraphs('Hi Bob,\n\nThanks for the brief. We will have an estimate to you by Thursday; Leo will lead the campaign.\n\nBest,\nMaya'), signature: mayaSig,
    },
    {
      thread: 'zylker-brief', folder: '/Inbox', from: asAddress(bob), to: [maya], cc: [asAddress(amelia)], subject: 'Re: Q3 campaign brief', hoursAgo: 3, flag: 'important', labels: ['Prospect', 'Follow-up'],
      html: paragraphs('Hi Maya,\n\nGreat news, thank you. Amelia (our CFO, in copy) needs the estimate split into design, media buying and production.\nCan we meet Tuesday at 10:00 to go through it?\n\nBob'),
      signature: sig(bob),
    },
    {
      folder: '/Inbox', from: asAddress(amelia), to: [maya], subject: 'Invoice INV-000042: payment schedule', hoursAgo: 20, labels: ['Invoices'],
      text: `Hello Maya,\n\nWe received invoice INV-000042. Could we pay it in two instalments, half now and half on delivery?\nOur finance team closes the month on the 28th.\n\nRegards,\nAmelia Chen\nCFO, Zylker Corp\n\nOn ${rfcDate(Date.UTC(2026, 0, 5, 9))}, Daniel Okafor <daniel.okafor@northwind-creative.example> wrote:\n> Dear Amelia,\n> please find invoice INV-000042 attached.\n> Kind regards, Daniel`,
    },
    // Acme Widgets: a prospect writing to Maya's short alias.
    {
      folder: '/Inbox', from: asAddress(wile), to: [mayaAlias], subject: 'Rebrand proposal?', hoursAgo: 6, labels: ['Prospect'],
      text: `Hi Maya,\n\nWe met at the Denver retail expo. Acme Widgets is planning a full rebrand next spring (logo, packaging, website).\nWould Northwind Creative be interested in pitching? Our budget is around USD 80,000.\n\n-- \n${wile.firstName} ${wile.lastName}\n${wile.title}, Acme Widgets\n${wile.phone}`,
    },
    // Bluebird: a thread of three, the last with a Reply-To.
    {
      thread: 'bluebird-relaunch', folder: '/Inbox', from: asAddress(grace), to: [maya], subject: 'Website relaunch timeline', hoursAgo: 30, read: true,
      html: paragraphs('Hello Maya,\n\nWe want the new Bluebird site live before the November peak season. Is a launch on October 15 realistic?\n\nGrace'), signature: sig(grace),
    },
    {
      thread: 'bluebird-relaunch', folder: '/Sent', from: maya, to: [asAddress(grace)], cc: [staff('CTO')], subject: 'Re: Website relaunch timeline', hoursAgo: 29, read: true,
      html: paragraphs('Hi Grace,\n\nOctober 15 works if we get the content by September 1. Priya (in copy) will plan the build.\n\nMaya'), signature: mayaSig,
    },
    {
      thread: 'bluebird-relaunch', folder: '/Inbox', from: asAddress(tomas), to: [maya], cc: [asAddress(grace), staff('CTO')], replyTo: { address: 'it-team@bluebird-logistics.example', name: 'Bluebird IT' }, subject: 'Re: Website relaunch timeline', hoursAgo: 10,
      html: paragraphs('Hi Maya, hi Priya,\n\nI am the IT contact for the relaunch. We need SSO on the partner portal and the DNS change scheduled on a weekend.\nPlease reply to our team address so everyone sees it.\n\nTomas'), signature: sig(tomas),
    },
    // Helios: feedback with an image.
    {
      folder: '/Clients/Helios Solar', from: asAddress(irene), to: [maya, staff('CMO')], subject: 'Moodboard feedback', hoursAgo: 26, read: true, flag: 'followup',
      html: paragraphs('Hi both,\n\nWe love direction B of the moodboard; the warmer palette fits our brand. One note: less stock photography, more of our own installations.\n\nIrene'),
      signature: sig(irene), attachments: [{ name: 'moodboard-notes.png', contentType: 'image/png', data: PNG }],
    },
    {
      folder: '/Inbox', from: asAddress(philip), to: [maya], subject: 'NDA for review', hoursAgo: 72, read: true, flag: 'important', priority: 2,
      text: `Maya,\n\nAttached is our standard mutual NDA. Please have it signed before the kickoff.\n\nPhilip Marlowe\nManaging Partner, Marlowe & Finch`,
      attachments: [{ name: 'Mutual-NDA.pdf', contentType: 'application/pdf', data: pdf('Mutual non-disclosure agreement') }],
    },
    {
      folder: '/Inbox', from: asAddress(nadia), to: [maya], subject: 'Packaging design - thank you!', hoursAgo: 100, read: true,
      html: paragraphs('Dear Maya,\n\nThe new croissant boxes arrived and our customers love them. Thank you to the whole team!\n\nNadia'), signature: sig(nadia),
    },
    {
      thread: 'redwood-kickoff', folder: '/Inbox', from: asAddress(samuel), to: [maya], cc: [asAddress(lena)], subject: 'Campaign kickoff meeting', hoursAgo: 12,
      html: paragraphs('Hi Maya,\n\nCould we hold the Redwood Health campaign kickoff next Wednesday afternoon? Lena from procurement will join for the vendor paperwork.\n\nSamuel'),
      signature: sig(samuel),
    },
    {
      folder: '/Inbox', from: asAddress(lena), to: [maya], subject: 'Vendor onboarding forms', hoursAgo: 18,
      text: `Dear Maya,\n\nTo set Northwind Creative up as a vendor, please return the attached forms signed.\n\nBest regards,\nLena Fischer\nProcurement Lead, Redwood Health`,
      attachments: [{ name: 'Vendor-onboarding.pdf', contentType: 'application/pdf', data: pdf('Redwood Health vendor onboarding') }],
    },
    {
      folder: '/Inbox', from: asAddress(omar), to: [maya, staff('COO')], subject: 'Video shoot schedule', hoursAgo: 40, read: true,
      html: paragraphs('Hi Maya, hi Sofia,\n\nThe studio is booked for the 14th and 15th. Call time 8:00, wrap by 18:00.\n\nOmar'), signature: sig(omar),
    },
    // The agency's own people.
    {
      folder: '/Inbox', from: staff('CMO'), to: [maya], subject: 'Weekly marketing report', hoursAgo: 8,
      html: paragraphs('Maya,\n\nThis week: 3 new leads (Acme Widgets, Redwood Health, Silverline Media), newsletter open rate 41%, two case studies published.\nThe numbers are in the attached sheet.\n\nLeo'),
      attachments: [{ name: 'marketing-report.csv', contentType: 'text/csv', data: Buffer.from('week,leads,open_rate\n47,3,0.41\n46,1,0.38\n') }],
    },
    {
      folder: '/Finance', from: staff('CFO'), to: [maya], subject: 'Q4 budget review', hoursAgo: 16, read: true, labels: ['Invoices'],
      text: 'Maya,\n\nThe Q4 budget draft is ready. Receivables are at USD 48,200; Zylker and Helios are overdue.\nShall we review it on Thursday?\n\nDaniel',
    },
    { folder: '/Inbox', from: staff('Executive Assistant'), to: [maya], subject: 'Your schedule tomorrow', hoursAgo: 2, text: 'Hi Maya,\n\n09:00 leadership meeting\n11:30 Zylker call\n14:00 interview (designer)\n\nHana' },
    { folder: '/Inbox', from: staff('COO'), to: [maya], subject: 'New project intake process', hoursAgo: 35, read: true, html: paragraphs('Hi Maya,\n\nFrom next month every new project starts with the intake form in Zoho Projects. Details in the wiki.\n\nSofia') },
    { folder: '/Inbox', from: staff('CTO'), to: [maya], subject: 'Security update: password manager rollout', hoursAgo: 60, read: true, text: 'Hi all,\n\nWe roll out the new password manager on Monday. Please install the extension before then.\n\nPriya' },
    // Notifications, to fill the inbox past one page.
    ...[1, 2, 3, 4, 5, 6].map<MessageSeed>((n) => ({
      folder: '/Inbox', from: projects, to: [maya], subject: `Task assigned: ${['Zylker estimate', 'Helios moodboard v2', 'Bluebird sitemap', 'Redwood kickoff deck', 'Acme pitch outline', 'Silverline shot list'][n - 1]}`,
      hoursAgo: 24 + n * 11, read: n % 2 === 0,
      html: paragraphs(`A task was assigned to you in Zoho Projects.\nDue in ${n + 2} days.`),
    })),
    { folder: '/Inbox', from: asAddress(bob), to: [maya], subject: 'Lunch next week?', hoursAgo: 120, read: true, text: 'Maya, lunch on Wednesday to celebrate the launch? My treat. Bob' },
    // Newsletters, spam, trash, a draft.
    { folder: '/Newsletters', from: designWeekly, to: [maya], replyTo: { address: 'no-reply@designweekly.example' }, subject: 'Design Weekly #212: colour trends for 2027', hoursAgo: 5, html: paragraphs('This week: the colours of 2027, a new open type foundry and the best portfolio sites.\nUnsubscribe any time.') },
    { folder: '/Newsletters', from: designWeekly, to: [maya], subject: 'Design Weekly #211: variable fonts', hoursAgo: 173, read: true, html: paragraphs('Variable fonts, explained with twelve examples.') },
    { folder: '/Spam', from: { address: 'prize@lottery-winner.example', name: 'Prize Department' }, to: [maya], subject: 'You have won!!!', hoursAgo: 9, text: 'Claim your prize now.' },
    { folder: '/Trash', from: staff('CMO'), to: [maya], subject: 'Old moodboards', hoursAgo: 300, read: true, text: 'Deleting the 2025 moodboards from the drive.' },
    {
      folder: '/Drafts', from: maya, to: [asAddress(samuel)], subject: 'Re: Campaign kickoff meeting', hoursAgo: 11, read: true,
      html: paragraphs('Hi Samuel,\n\nWednesday works for us. Shall we say 14:00?\n\n(draft: check the room first)'),
    },
  ];
}

function helloSeeds(): MessageSeed[] {
  const hello: EmuAddress = { address: `hello@${AGENCY.domain}`, name: AGENCY.name };
  return [
    { folder: '/Inbox', from: { address: 'jordan@brightpath.example', name: 'Jordan Lee' }, to: [hello], subject: 'Website inquiry: brand refresh', hoursAgo: 7, text: 'Hello,\n\nWe are a small fintech and need a brand refresh. Do you have availability in Q1?\n\nJordan' },
    { folder: '/Inbox', from: asAddress(contact('Silverline Media', 'Haddad')), to: [hello], subject: 'Portfolio request', hoursAgo: 55, read: true, text: 'Could you send your latest portfolio PDF? Omar' },
  ];
}

function toAttachments(state: MailState, seeds: AttachmentSeed[] | undefined): EmuAttachment[] {
  return (seeds ?? []).map((a) => ({ attachmentId: state.ids.attachment(), name: a.name, contentType: a.contentType, data: a.data }));
}

function addMessages(state: MailState, account: EmuMailAccount, seeds: MessageSeed[], now: number): void {
  const labelId = (name: string) => account.labels.find((l) => l.displayName === name)!.labelId;
  const folderId = (path: string) => {
    const f = account.folders.find((x) => x.path === path);
    if (!f) throw new Error(`seed: no folder ${path}`);
    return f.folderId;
  };
  const threads = new Map<string, EmuMessage>();
  // Oldest first, so ids grow with time as Zoho's do.
  for (const seed of [...seeds].sort((a, b) => b.hoursAgo - a.hoursAgo)) {
    const messageId = state.ids.message();
    const time = now - Math.round(seed.hoursAgo * HOUR);
    const previous = seed.thread ? threads.get(seed.thread) : undefined;
    const message: EmuMessage = {
      messageId,
      folderId: folderId(seed.folder),
      threadId: previous?.threadId ?? messageId,
      subject: seed.subject,
      from: seed.from,
      to: seed.to,
      cc: seed.cc ?? [],
      bcc: [],
      content: '',
      format: seed.text !== undefined ? 'plaintext' : 'html',
      sentTime: time - 4_000,
      receivedTime: time,
      read: seed.read ?? false,
      flag: seed.flag ?? 'flag_not_set',
      labelIds: (seed.labels ?? []).map(labelId),
      attachments: toAttachments(state, seed.attachments),
      mailId: '',
      priority: seed.priority ?? 3,
    };
    if (seed.replyTo) message.replyTo = seed.replyTo;
    message.mailId = newMailId(state, messageId, seed.from.address);
    if (previous) message.inReplyTo = previous.mailId;
    if (message.format === 'plaintext') {
      message.content = seed.text!;
    } else {
      const signature = seed.signature ? signatureHtml(seed.signature) : '';
      message.content = htmlBody(`${seed.html ?? ''}${signature}${previous ? quoteHtml(previous) : ''}`);
    }
    if (previous && message.format === 'plaintext') message.content += quoteText(previous);
    if (seed.thread) threads.set(seed.thread, message);
    account.messages.push(message);
  }
}

function newAccount(state: MailState, init: { email: string; displayName: string; accountName: string; role: string; aliases: string[]; sendAs: { address: string; displayName: string; disabled?: true }[] }): EmuMailAccount {
  const account: EmuMailAccount = {
    accountId: state.ids.account(),
    zuid: 702215598,
    primaryEmailAddress: init.email,
    displayName: init.displayName,
    accountName: init.accountName,
    type: 'ZOHO_ACCOUNT',
    role: init.role,
    aliases: init.aliases,
    sendAs: [init.email, ...init.aliases].map((fromAddress) => ({ sendMailID: state.ids.sendMail(), fromAddress, displayName: init.displayName })),
    timeZone: AGENCY.timeZone,
    folders: [],
    labels: [],
    messages: [],
    uploads: new Map(),
  };
  for (const extra of init.sendAs) account.sendAs.push({ sendMailID: state.ids.sendMail(), fromAddress: extra.address, displayName: extra.displayName, ...(extra.disabled ? { disabled: true as const } : {}) });
  for (const type of SYSTEM_FOLDERS) addFolder(state, account, type, '', type);
  state.accounts.push(account);
  return account;
}

/** Seeds `state` with the CEO's mailbox and the shared hello@ mailbox. */
export function seedMail(state: MailState, now: number): void {
  const ceo = AGENCY_STAFF[0]!;
  const hello = `hello@${AGENCY.domain}`;
  const maya = newAccount(state, {
    email: ceo.email,
    displayName: `${ceo.firstName} ${ceo.lastName}`,
    accountName: ceo.firstName.toLowerCase(),
    role: 'admin',
    aliases: [`${ceo.firstName.toLowerCase()}@${AGENCY.domain}`],
    // press@ is added but not verified yet: Zoho lists it disabled and refuses to send from it.
    sendAs: [{ address: hello, displayName: AGENCY.name }, { address: `press@${AGENCY.domain}`, displayName: `${AGENCY.name} Press`, disabled: true }],
  });
  for (const [name, parent] of [['Clients', ''], ['Zylker Corp', '/Clients'], ['Helios Solar', '/Clients'], ['Finance', ''], ['Newsletters', '']] as const) addFolder(state, maya, name, parent);
  for (const [displayName, color] of [['Prospect', '#1a73e8'], ['Follow-up', '#f4b400'], ['Urgent', '#d93025'], ['Invoices', '#188038']] as const) {
    maya.labels.push({ labelId: state.ids.label(), displayName, color });
  }
  addMessages(state, maya, mayaSeeds(), now);

  const shared = newAccount(state, { email: hello, displayName: AGENCY.name, accountName: 'hello', role: 'member', aliases: [], sendAs: [] });
  addMessages(state, shared, helloSeeds(), now);
}
