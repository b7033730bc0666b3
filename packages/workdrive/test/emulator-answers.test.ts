/** The emulator's answers against the wire digest (shared/zoho-api/workdrive.md), one request per case. */
import { runAnswerCase, startEmulator, type AnswerCase, type Emulator } from '@zoho-agent-kit/core/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkDriveEmulator, type WorkDriveState } from '../src/emulator/index.js';
import { workdriveEnvelopeReader } from '../src/index.js';

let emu: Emulator;
let s: WorkDriveState;
beforeAll(async () => {
  emu = await startEmulator({ apps: [createWorkDriveEmulator({ rateLimit: { limit: 1000, windowMs: 60_000 } })] });
  s = emu.state<WorkDriveState>('workdrive');
});
afterAll(() => emu.close());

const JSON_API = { accept: 'application/vnd.api+json' };
const team = () => s.teams[0]!.id;
const folder = (name: string) => s.teamFolders.find((f) => f.name === name)!.id;
const child = (parent: string, name: string) => [...s.items.values()].find((i) => i.parentId === parent && i.name === name)!.id;
const errors = (id: string) => ({ errors: [{ id, title: (v: unknown) => typeof v === 'string' && v.length > 0 }] });
const scoped = (scopes: string[]) => (e: Emulator) => e.accounts.issueAccessToken(e.accounts.issueRefreshToken({ scopes }));

const cases: AnswerCase[] = [
  { name: 'GET /users/me → the zuid', path: '/workdrive/api/v1/users/me', headers: JSON_API, expect: { status: 200, body: { data: { id: '81230045', type: 'users' } }, headers: { 'content-type': /vnd\.api\+json/ } } },
  { name: 'teams of the zuid', path: '/workdrive/api/v1/users/81230045/teams', expect: { status: 200, body: { data: [{ type: 'teams', attributes: { name: 'Northwind Creative' } }] } } },
  { name: 'currentuser is an array with the team-member id', path: '/workdrive/api/v1/teams/TEAM/currentuser', expect: { status: 200, body: { data: [{ id: /^[a-z0-9]{37}-2774428000000002001$/ }] } } },
  { name: 'privatespace wants the team-member id, not the zuid', path: '/workdrive/api/v1/users/81230045/privatespace', expect: { status: 404, body: errors('R501') } },
  { name: 'team folders', path: '/workdrive/api/v1/teams/TEAM/teamfolders', expect: { status: 200, body: { data: (v: unknown) => Array.isArray(v) && v.length === 5 } } },
  { name: 'offset paging caps page[limit] at 50', path: '/workdrive/api/v1/files/PHOTOS/files', query: { 'page[limit]': 100, 'page[offset]': 0 }, expect: { status: 200, body: { data: (v: unknown) => Array.isArray(v) && v.length === 50 } } },
  { name: 'offset paging, second page', path: '/workdrive/api/v1/files/PHOTOS/files', query: { 'page[limit]': 50, 'page[offset]': 50 }, expect: { status: 200, body: { data: (v: unknown) => Array.isArray(v) && v.length === 10 } } },
  {
    name: 'cursor paging answers links.cursor with a full next URL',
    path: '/workdrive/api/v1/files/PHOTOS/files',
    query: { 'page[limit]': 40, 'page[next]': '0' },
    expect: { status: 200, body: { data: (v: unknown) => Array.isArray(v) && v.length === 40, links: { cursor: { has_next: true, next: /^http:\/\/127\.0\.0\.1:\d+\/workdrive\/api\/v1\/files\/[a-z0-9]+\/files\?.*page%5Bnext%5D=/ } } } },
  },
  { name: 'bad filter[type] → F6012', path: '/workdrive/api/v1/files/PHOTOS/files', query: { 'filter[type]': 'spaceships' }, expect: { status: 400, body: errors('F6012') } },
  { name: 'unknown id → R501', path: '/workdrive/api/v1/files/zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', expect: { status: 404, body: errors('R501') } },
  { name: 'an Accept without JSON → 415', path: '/workdrive/api/v1/files/PHOTOS/files', headers: { accept: 'text/html' }, expect: { status: 415 } },
  { name: 'no token → 500 F000', path: '/workdrive/api/v1/users/me', token: null, expect: { status: 500, body: errors('F000') } },
  { name: 'bad token → 401 F7003', path: '/workdrive/api/v1/users/me', token: 'nope', expect: { status: 401, body: errors('F7003') } },
  { name: 'missing scope → 401 F7004', path: '/workdrive/api/v1/files/PHOTOS/files', token: scoped(['WorkDrive.users.READ']), expect: { status: 401, body: errors('F7004') } },
  { name: 'create folder → 201', method: 'POST', path: '/workdrive/api/v1/files', headers: { 'content-type': 'application/vnd.api+json' }, json: { data: { type: 'files', attributes: { name: 'Answers', parent_id: 'OPS' } } }, expect: { status: 201, body: { data: { type: 'files', attributes: { name: 'Answers', type: 'folder', is_folder: true } } } } },
  { name: 'the same name again → 409 R504', method: 'POST', path: '/workdrive/api/v1/files', json: { data: { type: 'files', attributes: { name: 'answers', parent_id: 'OPS' } } }, expect: { status: 409, body: errors('R504') } },
  { name: 'a bad destination → 404 R503', method: 'POST', path: '/workdrive/api/v1/files', json: { data: { type: 'files', attributes: { name: 'X', parent_id: 'nope' } } }, expect: { status: 404, body: errors('R503') } },
  { name: 'not JSON:API → 400', method: 'POST', path: '/workdrive/api/v1/files', json: { name: 'X' }, expect: { status: 400, body: errors('INVALID_INPUT') } },
  { name: 'move onto its own folder → 400 R509', method: 'PATCH', path: '/workdrive/api/v1/files/VENDORS', json: { data: { type: 'files', attributes: { parent_id: 'OPS' } } }, expect: { status: 400, body: errors('R509') } },
  { name: 'a viewer may not change Legal Archive → 403 R502', method: 'PATCH', path: '/workdrive/api/v1/files/NDA', json: { data: { type: 'files', attributes: { name: 'x.docx' } } }, expect: { status: 403, body: errors('R502') } },
  { name: '/upload without content → 400', method: 'POST', path: '/workdrive/api/v1/upload', headers: { 'content-type': 'multipart/form-data; boundary=b' }, body: '--b\r\nContent-Disposition: form-data; name="parent_id"\r\n\r\nOPS\r\n--b--\r\n', expect: { status: 400 } },
  {
    name: '/upload returns an array with resource_id and a File INFO string',
    method: 'POST',
    path: '/workdrive/api/v1/upload?parent_id=OPS&filename=hello%20world.txt',
    headers: { 'content-type': 'multipart/form-data; boundary=b' },
    body: '--b\r\nContent-Disposition: form-data; name="content"; filename="x.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--b--\r\n',
    expect: { status: 200, body: { data: [{ type: 'files', attributes: { resource_id: /^[a-z0-9]{37}$/, FileName: 'hello world.txt', 'File INFO': /"OPERATION":"UPLOAD"/ } }] } },
  },
  {
    name: 'a stream upload without ZohoFiles.files.CREATE → the gateway text INVALID_OAUTHSCOPE',
    method: 'POST',
    path: '/workdrive-api/v1/stream/upload',
    token: scoped(['WorkDrive.files.ALL']),
    headers: { 'x-filename': 'a.bin', 'x-parent_id': 'OPS', 'upload-id': 'k1', 'x-streammode': '1' },
    body: 'abc',
    expect: { status: 401, check: (a) => (a.text === 'INVALID_OAUTHSCOPE' ? [] : [`body ${a.text}`]) },
  },
  { name: 'upload progress of an unknown upload → 404', path: '/workdrive/uploadprogress', query: { uploadid: 'upload_81230045_nope' }, expect: { status: 404, body: errors('R501') } },
  { name: 'a link without link_name → 400', method: 'POST', path: '/workdrive/api/v1/links', json: { data: { type: 'links', attributes: { resource_id: 'VENDORS', role_id: '34' } } }, expect: { status: 400 } },
  { name: 'an upload link role on a file → 400', method: 'POST', path: '/workdrive/api/v1/links', json: { data: { type: 'links', attributes: { resource_id: 'VENDORS', link_name: 'x', role_id: 7 } } }, expect: { status: 400 } },
  { name: 'a past expiry → 400', method: 'POST', path: '/workdrive/api/v1/permissions', json: { data: { type: 'permissions', attributes: { resource_id: 'VENDORS', email_id: 'leo.brandt@northwind-creative.example', role_id: 34, shared_type: 'personal', expiration_date: '2001-01-01 00:00:00' } } }, expect: { status: 400 } },
  { name: 'search needs a search[…] parameter → F6012', path: '/workdrive/api/v1/teams/TEAM/records', expect: { status: 400, body: errors('F6012') } },
  { name: 'throttled → 429 with Retry-After', path: '/workdrive/api/v1/users/me', setup: (e) => void e.faults.add({ app: 'workdrive', kind: 'throttle', retryAfterSec: 7, times: 1 }), expect: { status: 429, body: errors('TOO_MANY_REQUESTS'), headers: { 'retry-after': '7' } } },
  { name: 'a wrong method → 405', method: 'DELETE', path: '/workdrive/api/v1/files/VENDORS', expect: { status: 405 } },
];

/** Placeholders resolve against the live seed (ids are deterministic, but names read better). */
function resolve(c: AnswerCase): AnswerCase {
  const map: Record<string, () => string> = {
    TEAM: team,
    PHOTOS: () => child(child(folder('Marketing'), 'Zylker Corp'), 'Campaign photos'),
    OPS: () => folder('Operations'),
    VENDORS: () => child(folder('Operations'), 'Vendor contacts.csv'),
    NDA: () => child(folder('Legal Archive'), 'NDA template.docx'),
  };
  const sub = (text: string) => text.replace(/\b(TEAM|PHOTOS|OPS|VENDORS|NDA)\b/g, (k) => map[k]!());
  const json = c.json === undefined ? undefined : JSON.parse(sub(JSON.stringify(c.json)));
  const headers = c.headers ? JSON.parse(sub(JSON.stringify(c.headers))) : undefined;
  return { ...c, path: sub(c.path), ...(json !== undefined ? { json } : {}), ...(headers ? { headers } : {}), ...(typeof c.body === 'string' ? { body: sub(c.body) } : {}) };
}

describe('WorkDrive answers per the digest', () => {
  it.each(cases)('$name', async (c) => {
    const app = c.path.startsWith('/workdrive-api/') ? 'workdriveUpload' : 'workdrive';
    const target = app === 'workdrive' ? resolve(c) : { ...resolve(c), path: `/_workdrive-upload${c.path}` };
    const outcome = await runAnswerCase(emu, 'workdrive', target);
    expect(outcome.problems).toEqual([]);
  });

  it("reads each of the emulator's error answers with the kind that drives refresh and retry", () => {
    const kind = (answer: { status: number; headers?: Record<string, string>; body?: unknown }) => workdriveEnvelopeReader({ status: answer.status, headers: answer.headers ?? {}, body: answer.body })?.kind;
    const errs = createWorkDriveEmulator().errors;
    expect(kind(errs.invalidToken('expired'))).toBe('invalid_token');
    expect(kind(errs.invalidToken('missing'))).toBe('invalid_token');
    expect(kind(errs.scopeMismatch(['WorkDrive.files.READ']))).toBe('scope');
    expect(kind(errs.throttled(1))).toBe('throttled');
    expect(kind(errs.notFound('GET', '/x'))).toBe('not_found');
    expect(kind(errs.serverError(503))).toBe('server');
    // Moved from core's envelope tests: an expired token can arrive as HTTP 500 and still refreshes.
    expect(workdriveEnvelopeReader({ status: 500, headers: {}, body: { errors: [{ id: 'F7003', title: 'Invalid OAuth token.' }] } })).toMatchObject({ code: 'F7003', kind: 'invalid_token' });
    expect(workdriveEnvelopeReader({ status: 404, headers: {}, body: { errors: [{ id: 'R501', title: 'Resource not found' }] } })).toMatchObject({ code: 'R501', kind: 'not_found' });
    expect(workdriveEnvelopeReader({ status: 401, headers: {}, body: { errors: [{ id: 'F7004', title: 'Invalid OAuth scope.' }] } })).toMatchObject({ code: 'F7004', kind: 'scope' });
    expect(workdriveEnvelopeReader({ status: 401, headers: {}, body: 'INVALID_OAUTHSCOPE' })).toMatchObject({ kind: 'scope' });
    expect(workdriveEnvelopeReader({ status: 204, headers: {}, body: undefined })).toBeUndefined();
  });

  it('removes the content folder when the state is reset and when the emulator closes', async () => {
    const { existsSync } = await import('node:fs');
    const other = await startEmulator({ apps: [createWorkDriveEmulator()] });
    const first = other.state<WorkDriveState>('workdrive').dir;
    expect(existsSync(first)).toBe(true);
    other.resetState('workdrive');
    expect(existsSync(first)).toBe(false);
    const second = other.state<WorkDriveState>('workdrive').dir;
    await other.close();
    expect(existsSync(second)).toBe(false);
  });
});
