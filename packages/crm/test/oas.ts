/**
 * A small validator for the OpenAPI 3.0 schema subset Zoho's CRM v8 files use: $ref (local and to sibling
 * files by URL), type, properties, required, items, enum, oneOf/anyOf, nullable, date-time format.
 * Zoho's files are read where they live (../shared), never copied.
 *
 * Strict where it matters for clients: an error's `details` may carry only the keys its schema declares
 * (when it declares any), and must carry the ones it requires.
 *
 * Deliberate leniencies, each because the published files under-describe what Zoho sends:
 * - oneOf is checked as anyOf: Zoho's branches overlap (objects with no required keys), so "exactly one"
 *   would reject every real response. To keep error bodies honest, a body with `status: "error"` is checked
 *   only against the branches that describe errors.
 * - A property that is a bare `$ref` may be null: OAS 3.0 cannot put `nullable` beside `$ref`, and Zoho sends
 *   null there (e.g. field metadata `crypt`, `tooltip`).
 * - `KNOWN_GAPS` below: codes/messages/nulls/types Zoho sends that the files omit or mistype.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Zoho's CRM v8 OpenAPI files: `$ZOHO_CRM_OAS_DIR`, else `shared/zoho-api/oas/crm-v8` beside the repository
 * (`../shared` from its root) or beside any folder above it (a git worktree nests the repository deeper).
 */
export function findOasDir(): string {
  if (process.env.ZOHO_CRM_OAS_DIR) return process.env.ZOHO_CRM_OAS_DIR;
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
  for (let dir = repoRoot; ; dir = dirname(dir)) {
    const candidate = join(dir, '..', 'shared', 'zoho-api', 'oas', 'crm-v8');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`Zoho's CRM OpenAPI files are not found beside ${repoRoot} or above it; set ZOHO_CRM_OAS_DIR`);
  }
}

type Schema = Record<string, any>;

export const KNOWN_GAPS = {
  /** Error codes Zoho returns that API_Exception's enum lacks (messages for them are free text). */
  codes: ['TOO_MANY_REQUESTS', 'DISCRETE_PAGINATION_LIMIT_EXCEEDED', 'API_NOT_SUPPORTED'],
  /** Codes whose body is described by another file's schema than the operation's own. */
  schemas: { API_NOT_SUPPORTED: { file: 'common.json', ref: '#/components/schemas/UnsupportedVersionError' } } as Record<string, { file: string; ref: string }>,
  /** Messages Zoho returns that the message enum lacks. */
  messages: ['invalid oauth scope to access this URL'],
  /**
   * Properties typed as plain strings that Zoho sends as null: the page tokens when there is no other page,
   * and an upsert's `duplicate_field` when it inserted (crm.md; record.json types it a string).
   */
  nullable: ['next_page_token', 'previous_page_token', 'page_token_expiry', 'duplicate_field'],
  /** Properties the files type as an object that Zoho sends as a string (users[].time_zone: "America/New_York"). */
  strings: ['time_zone'],
};

/** Where an operation is documented: a file and the path key in it. */
export interface OasDoc {
  file: string;
  path: string;
}

export class OasValidator {
  private readonly files = new Map<string, Schema>();
  constructor(private readonly dir: string) {}

  file(name: string): Schema {
    let doc = this.files.get(name);
    if (!doc) {
      doc = JSON.parse(readFileSync(join(this.dir, name), 'utf8')) as Schema;
      this.files.set(name, doc);
    }
    return doc;
  }

  resolve(ref: string, file: string): { schema: Schema; file: string } {
    const [location, pointer = ''] = ref.split('#');
    const target = location ? location.split('/').pop()! : file;
    let node: any = this.file(target);
    for (const part of pointer.split('/').filter(Boolean)) node = node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    if (!node) throw new Error(`unresolvable $ref ${ref} from ${file}`);
    return { schema: node, file: target };
  }

  operation(file: string, path: string, method: string): Schema {
    const op = this.file(file).paths?.[path]?.[method.toLowerCase()];
    if (!op) throw new Error(`${file} documents no ${method} ${path}`);
    return op;
  }

  /** Statuses an operation documents. */
  statuses(file: string, path: string, method: string): number[] {
    return Object.keys(this.operation(file, path, method).responses).map(Number);
  }

  /** The JSON schema of one documented response (falls back to the "200" entry, where Zoho puts every status). */
  responseSchema(file: string, path: string, method: string, status: number): { schema: Schema; file: string } | undefined {
    const op = this.operation(file, path, method);
    let response = op.responses[String(status)] ?? op.responses['200'];
    let at = file;
    if (response?.$ref) ({ schema: response, file: at } = this.resolve(response.$ref, at));
    const schema = response?.content?.['application/json']?.schema;
    return schema ? { schema, file: at } : undefined;
  }

  validate(schema: Schema, value: unknown, file: string, path = '$'): string[] {
    const errors: string[] = [];
    this.check(schema, value, file, path, errors, false);
    return errors;
  }

  /**
   * Checks a body against every file that documents the operation; fine when one accepts it. A code in
   * `KNOWN_GAPS.schemas` is checked against the schema named there instead.
   */
  validateAnswer(docs: OasDoc[], method: string, status: number, body: unknown): string[] {
    const code = body && typeof body === 'object' ? (body as { code?: unknown }).code : undefined;
    const gap = typeof code === 'string' ? KNOWN_GAPS.schemas[code] : undefined;
    if (gap) {
      const { schema, file } = this.resolve(gap.ref, gap.file);
      return this.validate(schema, body, file);
    }
    let best: string[] | undefined;
    for (const doc of docs) {
      const found = this.responseSchema(doc.file, doc.path, method, status);
      const errors = found ? this.validate(found.schema, body, found.file) : [`${doc.file} ${method} ${doc.path}: no JSON response documented for ${status}`];
      if (errors.length === 0) return [];
      if (!best || errors.length < best.length) best = errors.map((e) => `${doc.file}: ${e}`);
    }
    return best ?? ['no documentation'];
  }

  /**
   * Error codes an operation's documented responses name (the `code` enums of its error schemas). Record.json's
   * `API_Exception`, which lists every code of the whole record API for each of its operations, is left out:
   * it says nothing about one operation.
   */
  documentedErrorCodes(doc: OasDoc, method: string): string[] {
    const codes = new Set<string>();
    const seen = new Set<Schema>();
    const walk = (schema: Schema | undefined, file: string) => {
      if (!schema || seen.has(schema)) return;
      seen.add(schema);
      if (schema.$ref) {
        if (file === 'record.json' && /API_Exception$/.test(schema.$ref)) return;
        const r = this.resolve(schema.$ref, file);
        return walk(r.schema, r.file);
      }
      for (const b of schema.oneOf ?? schema.anyOf ?? []) walk(b, file);
      const status = schema.properties?.status?.enum;
      const code = schema.properties?.code?.enum;
      if (Array.isArray(status) && status.includes('error') && Array.isArray(code)) for (const c of code) codes.add(c);
      if (schema.properties?.data?.items) walk(schema.properties.data.items, file);
      for (const [key, sub] of Object.entries<Schema>(schema.properties ?? {})) if (key !== 'details' && sub.type === 'array') walk(sub.items, file);
    };
    for (const status of this.statuses(doc.file, doc.path, method)) {
      const found = this.responseSchema(doc.file, doc.path, method, status);
      if (found) walk(found.schema, found.file);
    }
    return [...codes].sort();
  }

  private isErrorSchema(schema: Schema, file: string): boolean {
    const s = schema.$ref ? this.resolve(schema.$ref, file).schema : schema;
    const e = s.properties?.status?.enum;
    return Array.isArray(e) && e.includes('error');
  }

  private check(schema: Schema, value: unknown, file: string, path: string, errors: string[], refProperty: boolean): void {
    if (schema.$ref) {
      if (value === null && refProperty) return;
      const { schema: target, file: at } = this.resolve(schema.$ref, file);
      return this.check(target, value, at, path, errors, false);
    }
    const branches = schema.oneOf ?? schema.anyOf;
    if (branches) {
      let candidates: Schema[] = branches;
      const isError = value && typeof value === 'object' && (value as { status?: unknown }).status === 'error';
      const errorBranches = branches.filter((b: Schema) => this.isErrorSchema(b, file));
      if (isError && errorBranches.length) candidates = errorBranches;
      else if (!isError && errorBranches.length < branches.length) candidates = branches.filter((b: Schema) => !errorBranches.includes(b));
      const attempts = candidates.map((b) => {
        const e: string[] = [];
        this.check(b, value, file, path, e, false);
        return e;
      });
      if (!attempts.some((e) => e.length === 0)) errors.push(...(attempts.sort((a, b) => a.length - b.length)[0] ?? [`${path}: no branch`]));
      return;
    }
    const key = path.split('.').pop() ?? '';
    if (value === null) {
      if (schema.nullable || KNOWN_GAPS.nullable.includes(key)) return;
      errors.push(`${path}: null is not allowed`);
      return;
    }
    const type = schema.type;
    if (type === 'object' && typeof value === 'string' && KNOWN_GAPS.strings.includes(key)) return;
    if (type === 'object' || (!type && schema.properties)) {
      if (typeof value !== 'object' || Array.isArray(value)) return void errors.push(`${path}: expected object`);
      const obj = value as Record<string, unknown>;
      for (const req of schema.required ?? []) if (!(req in obj)) errors.push(`${path}: missing required "${req}"`);
      const declared = Object.keys(schema.properties ?? {});
      if (key === 'details' && declared.length > 0) {
        for (const k of Object.keys(obj)) if (!declared.includes(k)) errors.push(`${path}: "${k}" is not a documented details key (${declared.join(', ')})`);
      }
      for (const [prop, sub] of Object.entries<Schema>(schema.properties ?? {})) {
        if (prop === 'message' && KNOWN_GAPS.codes.includes(String(obj.code))) {
          if (typeof obj.message !== 'string') errors.push(`${path}.message: expected string`);
          continue;
        }
        if (prop in obj) this.check(sub, obj[prop], file, `${path}.${prop}`, errors, '$ref' in sub);
      }
    } else if (type === 'array') {
      if (!Array.isArray(value)) return void errors.push(`${path}: expected array`);
      if (schema.items) value.forEach((v, i) => this.check(schema.items, v, file, `${path}[${i}]`, errors, '$ref' in schema.items));
    } else if (type === 'string') {
      if (typeof value !== 'string') return void errors.push(`${path}: expected string, got ${JSON.stringify(value)}`);
      if (schema.format === 'date-time' && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)$/.test(value)) errors.push(`${path}: not a date-time: ${value}`);
    } else if (type === 'integer') {
      if (!Number.isInteger(value)) errors.push(`${path}: expected integer`);
    } else if (type === 'number') {
      if (typeof value !== 'number') errors.push(`${path}: expected number`);
    } else if (type === 'boolean') {
      if (typeof value !== 'boolean') errors.push(`${path}: expected boolean`);
    }
    if (schema.enum && !schema.enum.includes(value)) {
      const gap = (key === 'code' && KNOWN_GAPS.codes.includes(String(value))) || (key === 'message' && KNOWN_GAPS.messages.includes(String(value)));
      if (!gap) errors.push(`${path}: ${JSON.stringify(value)} not in enum`);
    }
  }
}
