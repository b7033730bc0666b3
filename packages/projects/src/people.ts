/**
 * People by name or email → Zoho Projects users (zpuid), through the API, never guessed: an email matches
 * exactly; a name matches the full name, else every word of it starts a word of exactly one user's name
 * ("priya" → Priya Natarajan). Two or more candidates, or none, is an error naming the field and listing who
 * it could be. With a project, only its members count (a task owner must be one).
 */
import { quoteInput, ToolInputError } from '@zoho-agent-kit/core';
import type { CallOptions, ProjectsClient, ProjectsUser } from './client.js';

export interface Person {
  zpuid: string;
  /** Zoho account id. */
  zuid?: string;
  name: string;
  email?: string;
}

/** Pages read when listing people (200 per page): a portal of up to 2,000 users. */
const MAX_USER_PAGES = 10;

export function personName(user: Pick<ProjectsUser, 'name' | 'first_name' | 'last_name' | 'email'>): string {
  return user.name ?? ([user.first_name, user.last_name].filter(Boolean).join(' ') || user.email || '(unnamed)');
}

export function toPerson(user: ProjectsUser): Person {
  const out: Person = { zpuid: String(user.zpuid), name: personName(user) };
  if (user.id !== undefined) out.zuid = String(user.id);
  if (user.email) out.email = user.email;
  return out;
}

/** Every user of the portal, or of one project. */
export async function listPeople(client: ProjectsClient, projectId: string | undefined, options: CallOptions = {}): Promise<ProjectsUser[]> {
  const users: ProjectsUser[] = [];
  for (let page = 1; page <= MAX_USER_PAGES; page++) {
    const res = projectId ? await client.listProjectUsers(projectId, { page, per_page: 200 }, options) : await client.listUsers({ page, per_page: 200 }, options);
    users.push(...res.rows);
    if (!res.has_next_page) break;
  }
  return users;
}

const words = (text: string) => text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').split(/[\s.,'-]+/).filter(Boolean);

function matches(users: ProjectsUser[], wanted: string): ProjectsUser[] {
  const text = wanted.trim();
  if (text.includes('@')) return users.filter((u) => (u.email ?? '').toLowerCase() === text.toLowerCase());
  const asked = words(text);
  if (asked.length === 0) return [];
  const exact = users.filter((u) => words(personName(u)).join(' ') === asked.join(' '));
  if (exact.length) return exact;
  return users.filter((u) => {
    const name = words(personName(u));
    return asked.every((w) => name.some((n) => n.startsWith(w)));
  });
}

const describe = (u: ProjectsUser) => `${personName(u)}${u.email ? ` <${u.email}>` : ''}`;

/**
 * Resolves each name or email to one user, or throws a ToolInputError on `field` listing the candidates. The
 * lists of users are the client's, reused for 5 minutes (`ProjectsClient.cachedUsers`).
 */
export class PeopleResolver {
  constructor(
    private readonly client: ProjectsClient,
    private readonly options: CallOptions = {},
  ) {}

  users(projectId?: string): Promise<ProjectsUser[]> {
    return this.client.cachedUsers(projectId, () => listPeople(this.client, projectId, this.options));
  }

  async resolve(wanted: string, field: string, projectId?: string): Promise<Person> {
    const pool = await this.users(projectId);
    const found = matches(pool, wanted);
    if (found.length === 1) return toPerson(found[0]!);
    const asked = quoteInput(wanted);
    if (found.length > 1) {
      throw new ToolInputError(field, `${asked} matches ${found.length} people: ${found.slice(0, 10).map(describe).join('; ')}. Give the full name or the email of the one you mean`);
    }
    if (projectId) {
      const elsewhere = matches(await this.users(), wanted);
      if (elsewhere.length) {
        throw new ToolInputError(field, `${elsewhere.map(describe).slice(0, 5).join('; ')} ${elsewhere.length === 1 ? 'is' : 'are'} in the portal but not a member of this project; members: ${pool.slice(0, 15).map(describe).join('; ')}`);
      }
    }
    throw new ToolInputError(field, `no ${projectId ? 'member of this project' : 'user of the portal'} is ${asked}; ${projectId ? 'members' : 'users'}: ${pool.slice(0, 15).map(describe).join('; ') || 'none'}`);
  }

  async resolveAll(wanted: readonly string[], field: string, projectId?: string): Promise<Person[]> {
    const out: Person[] = [];
    for (const [i, w] of wanted.entries()) {
      const person = await this.resolve(w, `${field}[${i}]`, projectId);
      if (!out.some((p) => p.zpuid === person.zpuid)) out.push(person);
    }
    return out;
  }

  /** The signed-in user (via the legacy `login_id`), as a member of the project when given. */
  async me(field: string, projectId?: string): Promise<Person> {
    const zuid = await this.client.currentUserZuid(this.options);
    const everyone = await this.users();
    const user = zuid ? everyone.find((u) => String(u.id) === zuid) : undefined;
    if (!user) throw new ToolInputError(field, 'Zoho did not say who the signed-in user is; name the person (name or email)');
    if (projectId && !(await this.users(projectId)).some((u) => String(u.zpuid) === String(user.zpuid))) {
      throw new ToolInputError(field, `the signed-in user ${describe(user)} is not a member of this project; name the person (name or email)`);
    }
    return toPerson(user);
  }
}
