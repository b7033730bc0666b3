/**
 * The agency's WorkDrive, from core's shared world (AGENCY, AGENCY_STAFF, AGENCY_CLIENTS): one team,
 * Northwind Creative, whose members are the staff; the signed-in user is the CEO. Team folders: Marketing
 * (brand assets and campaign briefs per client), Technical Docs (architecture and integration notes per
 * client), Finance (statements of work, budgets and invoices per client), Operations, and Legal Archive (where
 * the CEO is only a viewer). The CEO's My Folders holds drafts and notes. Everything is deterministic: the
 * same ids, names, sizes and times (relative to the state's `now`) on every run.
 */
import { AGENCY, AGENCY_CLIENTS, AGENCY_STAFF, seededRandom } from '@zoho-agent-kit/core/emulator';
import { emptyState, writeContent, type EmuItem, type EmuTeam, type EmuTeamFolder, type EmuUser, type FolderRole, type WorkDriveLimits, type WorkDriveState } from './state.js';

const DAY = 86_400_000;

/** The CEO's zuid; the staff follow it (81230045, 81230046, …). */
export const SIGNED_IN_ZUID = '81230045';

export function staffUsers(): EmuUser[] {
  return AGENCY_STAFF.map((p, i) => ({
    zuid: String(Number(SIGNED_IN_ZUID) + i),
    memberNumber: String(2774428000000002001n + BigInt(i)),
    name: `${p.firstName} ${p.lastName}`,
    email: p.email,
    role: i === 0 ? 'admin' : 'member',
  }));
}

export function slug(text: string): string {
  return text.toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

export interface SeedOptions {
  seed: boolean;
  now: number;
  randomSeed?: number;
  /** More teams the signed-in user belongs to (empty: no team folders), e.g. to test team discovery. */
  extraTeams?: { name: string; id?: string }[];
  limits?: Partial<WorkDriveLimits>;
}

/** Filler text of about `size` bytes, deterministic, so sizes vary like real documents. */
function filler(random: () => number, size: number, words: string[]): string {
  let out = '';
  while (out.length < size) out += `${words[Math.floor(random() * words.length)]} `;
  return out.slice(0, size);
}

const WORDS = ['brand', 'campaign', 'release', 'forecast', 'client', 'timeline', 'deliverable', 'review', 'design', 'launch', 'metrics', 'audience', 'integration', 'quarter', 'scope', 'milestone'];

export function createWorkDriveState(options: SeedOptions): WorkDriveState {
  const users = staffUsers();
  const me = users[0]!;
  const state = emptyState(me, options.randomSeed ?? 37, options.limits);
  state.users = users;
  const random = seededRandom((options.randomSeed ?? 37) + 1);
  const now = options.now;
  const team: EmuTeam = { id: state.nextId(), name: AGENCY.name, description: 'Everything the agency works on', edition: 'BUSINESS', created: now - 900 * DAY, members: users.map((u) => u.zuid) };
  state.teams.push(team);
  for (const user of users) state.privateSpaces.push({ id: state.nextId(), teamId: team.id, owner: user.zuid });
  (options.extraTeams ?? []).forEach((t) => state.teams.push({ id: t.id ?? state.nextId(), name: t.name, description: '', edition: 'TEAM', created: now - 30 * DAY, members: [me.zuid] }));
  if (!options.seed) return state;

  const byRole = (role: string) => users[AGENCY_STAFF.findIndex((s) => s.role === role)]!;
  const ceo = me;
  const cmo = byRole('CMO');
  const cto = byRole('CTO');
  const cfo = byRole('CFO');
  const coo = byRole('COO');
  const everyone = (admin: EmuUser, overrides: Record<string, FolderRole> = {}): Record<string, FolderRole> => ({
    ...Object.fromEntries(users.map((u) => [u.zuid, 'editor' as FolderRole])),
    [ceo.zuid]: 'admin',
    [admin.zuid]: 'admin',
    ...overrides,
  });
  const teamFolder = (name: string, description: string, admin: EmuUser, roles: Record<string, FolderRole>, ageDays: number): EmuTeamFolder => {
    const folder: EmuTeamFolder = { id: state.nextId(), teamId: team.id, name, description, created: now - ageDays * DAY, createdBy: admin.zuid, roles };
    state.teamFolders.push(folder);
    return folder;
  };

  let clock = now - 400 * DAY;
  const tick = () => (clock += Math.floor((0.2 + random()) * DAY));
  const add = (parentId: string, name: string, by: EmuUser, content?: string | Buffer): EmuItem => {
    const created = tick();
    const item: EmuItem = {
      id: state.nextId(),
      name,
      isFolder: content === undefined,
      parentId,
      status: 1,
      created,
      modified: created + Math.floor(random() * 20 * DAY),
      createdBy: by.zuid,
      modifiedBy: by.zuid,
      size: 0,
      favorite: false,
      version: 1,
    };
    if (item.modified > now - DAY) item.modified = now - DAY;
    if (content !== undefined) item.size = writeContent(state, item.id, content);
    state.items.set(item.id, item);
    return item;
  };
  const binary = (magic: string, text: string, size: number) => Buffer.concat([Buffer.from(magic, 'latin1'), Buffer.from(`${text}\n`), Buffer.from(filler(random, size, WORDS))]);

  const marketing = teamFolder('Marketing', 'Brand assets, campaign briefs and creative for every client', cmo, everyone(cmo), 880);
  const tech = teamFolder('Technical Docs', 'Architecture, integration notes and release checklists', cto, everyone(cto), 870);
  const finance = teamFolder('Finance', 'Statements of work, budgets and invoices per client', cfo, everyone(cfo, { [cmo.zuid]: 'viewer', [cto.zuid]: 'viewer' }), 860);
  const ops = teamFolder('Operations', 'How the agency runs: onboarding, vendors, processes', coo, everyone(coo), 850);
  const legal = teamFolder('Legal Archive', 'Signed agreements (read-only for most of the team)', coo, { ...Object.fromEntries(users.map((u) => [u.zuid, 'viewer' as FolderRole])), [coo.zuid]: 'admin' }, 840);

  AGENCY_CLIENTS.forEach((client, i) => {
    const s = slug(client.name);
    const contact = client.contacts[0]!;
    const m = add(marketing.id, client.name, cmo);
    const assets = add(m.id, 'Brand assets', cmo);
    add(assets.id, `${s}-logo.png`, cmo, binary('\x89PNG\r\n\x1a\n', `${client.name} logo`, 4_000 + Math.floor(random() * 20_000)));
    add(assets.id, `${s}-logo.svg`, cmo, `<svg xmlns="http://www.w3.org/2000/svg"><title>${client.name} logo</title><!-- ${filler(random, 1_500, WORDS)} --></svg>\n`);
    add(m.id, `${client.name} brand guidelines.pdf`, cmo, binary('%PDF-1.4\n', `${client.name} brand guidelines: colours, type, voice. Contact ${contact.firstName} ${contact.lastName}, ${contact.title}.`, 20_000 + Math.floor(random() * 30_000)));
    add(m.id, 'Campaign brief 2026.docx', cmo, binary('PK\x03\x04', `Campaign brief 2026 for ${client.name} (${client.industry}, ${client.city}): audience, channels, budget and launch timeline.`, 8_000 + Math.floor(random() * 8_000)));
    if (i === 0) {
      // Enough files for paging to the end (60 > the 50-per-page maximum).
      const photos = add(m.id, 'Campaign photos', cmo);
      for (let n = 1; n <= 60; n++) add(photos.id, `photo-${String(n).padStart(3, '0')}.jpg`, cmo, binary('\xff\xd8\xff\xe0', `${client.name} campaign photo ${n}`, 1_000 + Math.floor(random() * 2_000)));
    }

    const t = add(tech.id, client.name, cto);
    add(t.id, 'Architecture overview.md', cto, `# ${client.name} — architecture overview\n\nThe ${client.name} site runs on a headless CMS behind a CDN; the ${client.industry.toLowerCase()} catalogue syncs nightly. API rate limits: 100 requests a minute.\n\n${filler(random, 3_000, WORDS)}\n`);
    add(t.id, 'API integration notes.txt', cto, `Integration notes for ${client.name}\nWebhooks, OAuth scopes and the staging endpoint ${client.website}/staging.\n${filler(random, 2_000, WORDS)}\n`);
    add(t.id, 'Release checklist.md', cto, `# Release checklist (${client.name})\n- [ ] QA sign-off\n- [ ] Content freeze\n- [ ] DNS cut-over\n${filler(random, 1_200, WORDS)}\n`);

    const f = add(finance.id, client.name, cfo);
    add(f.id, 'Statement of work.pdf', cfo, binary('%PDF-1.4\n', `Statement of work between ${AGENCY.name} and ${client.name}; currency ${client.currency}.`, 30_000 + Math.floor(random() * 30_000)));
    add(f.id, `${client.name} budget 2026.csv`, cfo, `quarter,item,amount_${client.currency.toLowerCase()}\nQ1,Retainer,${12_000 + i * 500}\nQ2,Retainer,${12_000 + i * 500}\nQ3,Campaign,${8_000 + i * 750}\nQ4,Campaign,${9_500 + i * 250}\n`);
    const invoices = add(f.id, 'Invoices', cfo);
    for (let n = 1; n <= 2; n++) add(invoices.id, `INV-${String(100 + i * 2 + n).padStart(6, '0')}.pdf`, cfo, binary('%PDF-1.4\n', `Invoice for ${client.name}`, 6_000 + Math.floor(random() * 4_000)));
  });

  add(ops.id, 'Onboarding checklist.md', coo, `# New hire onboarding\n1. Accounts (Zoho One)\n2. Laptop\n3. Intro to every team folder\n${filler(random, 1_500, WORDS)}\n`);
  add(ops.id, 'Vendor contacts.csv', coo, 'vendor,contact,email\nPrintCo,Ann Lee,ann@printco.example\nHostFast,Raj Patel,raj@hostfast.example\n');
  const processes = add(ops.id, 'Processes', coo);
  add(processes.id, 'Incident response.md', coo, `# Incident response\nPage the on-call engineer, open a status page entry, write the post-mortem within 5 days.\n${filler(random, 1_000, WORDS)}\n`);
  add(legal.id, 'NDA template.docx', coo, binary('PK\x03\x04', 'Mutual non-disclosure agreement template', 12_000));
  add(legal.id, 'Master services agreement.pdf', coo, binary('%PDF-1.4\n', 'Master services agreement', 40_000));

  const mine = state.privateSpaces.find((p) => p.owner === ceo.zuid)!;
  const drafts = add(mine.id, 'Drafts', ceo);
  add(drafts.id, 'Board update Q3.docx', ceo, binary('PK\x03\x04', 'Board update Q3: revenue, hires, client wins (Zylker Corp renewal).', 9_000));
  add(mine.id, 'Notes.txt', ceo, `Ideas for the offsite: client case studies, the budget for 2027, hiring a second designer.\n`);
  add(mine.id, 'Reading list.md', ceo, '# Reading list\n- Good Strategy Bad Strategy\n- The Design of Everyday Things\n');
  return state;
}
