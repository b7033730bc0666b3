/** Validation and normalisation of record writes, per field type, as Zoho answers them per record. */
import { fieldOf, type FieldSpec, type ModuleSpec } from './metadata.js';
import { findAnywhere, lookupName, minifiedUser, type CrmState } from './state.js';

export interface RecordError {
  code: string;
  message: string;
  details: Record<string, unknown>;
}

type Outcome = { ok: true; values: Record<string, unknown> } | { ok: false; error: RecordError };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2}$/;

function invalid(api: string, path: string, expected: string, extra: Record<string, unknown> = {}): RecordError {
  return { code: 'INVALID_DATA', message: 'invalid data', details: { api_name: api, json_path: path, expected_data_type: expected, ...extra } };
}

function blank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
}

/** One value to what Zoho stores, or an error naming the field. */
function normalise(state: CrmState, field: FieldSpec, value: unknown, path: string): { value: unknown; extra?: Record<string, unknown> } | RecordError {
  if (value === null) return { value: null };
  const text = (expected: string) => {
    if (typeof value !== 'string' && typeof value !== 'number') return invalid(field.api, path, expected);
    const s = String(value);
    if (field.length && s.length > field.length) return invalid(field.api, path, expected, { maximum_length: String(field.length) });
    return { value: s };
  };
  switch (field.type) {
    case 'text':
    case 'textarea':
    case 'website':
      return text(field.type);
    case 'phone':
      return text('phone');
    case 'email':
      return typeof value === 'string' && EMAIL.test(value) ? { value } : invalid(field.api, path, 'email');
    case 'picklist':
      return typeof value === 'string' && (field.values ?? []).includes(value) ? { value } : invalid(field.api, path, 'picklist');
    case 'multiselectpicklist':
      return Array.isArray(value) && value.every((v) => typeof v === 'string' && (field.values ?? []).includes(v)) ? { value } : invalid(field.api, path, 'jsonarray');
    case 'date':
      return typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(value)) ? { value } : invalid(field.api, path, 'date');
    case 'datetime':
      return typeof value === 'string' && DATETIME.test(value) && !Number.isNaN(Date.parse(value)) ? { value } : invalid(field.api, path, 'datetime');
    case 'integer': {
      const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
      return typeof n === 'number' && Number.isInteger(n) ? { value: n } : invalid(field.api, path, 'integer');
    }
    case 'double':
    case 'currency': {
      const n = typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
      return typeof n === 'number' && Number.isFinite(n) ? { value: n } : invalid(field.api, path, field.type === 'currency' ? 'double' : 'double');
    }
    case 'boolean':
      return typeof value === 'boolean' ? { value } : invalid(field.api, path, 'boolean');
    case 'ownerlookup': {
      const id = typeof value === 'object' && value && 'id' in value ? String((value as { id: unknown }).id) : typeof value === 'string' ? value : undefined;
      const user = state.users.find((u) => u.id === id);
      return user ? { value: minifiedUser(user) } : invalid(field.api, path, 'jsonobject');
    }
    case 'lookup': {
      const id = typeof value === 'object' && value && 'id' in value ? String((value as { id: unknown }).id) : typeof value === 'string' ? value : undefined;
      if (!id) return invalid(field.api, path, 'jsonobject');
      if (field.lookup === '*') {
        const found = findAnywhere(state, id);
        return found ? { value: { name: lookupName(found.module, found.record), id }, extra: { $se_module: found.module } } : invalid(field.api, path, 'jsonobject');
      }
      const target = state.modules.get(field.lookup!)?.byId.get(id);
      return target ? { value: { name: lookupName(field.lookup!, target), id } } : invalid(field.api, path, 'jsonobject');
    }
    default:
      return invalid(field.api, path, field.type);
  }
}

function isError(x: unknown): x is RecordError {
  return typeof x === 'object' && x !== null && 'code' in x && 'message' in x;
}

/**
 * Checks one record of a create or update. Unknown and read-only keys are ignored, as Zoho does; mandatory
 * fields (system, plus standard-layout ones when enforced) must be present on create and not cleared on update.
 */
export function validateRecord(state: CrmState, module: ModuleSpec, input: unknown, index: number, mode: 'create' | 'update'): Outcome {
  const base = `$.data[${index}]`;
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, error: { code: 'INVALID_DATA', message: 'invalid data', details: { api_name: 'data', json_path: base, expected_data_type: 'jsonobject' } } };
  }
  const record = input as Record<string, unknown>;
  const required = module.fields.filter((f) => f.mandatory || (state.options.layoutMandatory && f.layout));
  for (const field of required) {
    const present = field.api in record;
    if ((mode === 'create' && blank(record[field.api])) || (mode === 'update' && present && blank(record[field.api]))) {
      return { ok: false, error: { code: 'MANDATORY_NOT_FOUND', message: 'required field not found', details: { api_name: field.api, json_path: `${base}.${field.api}` } } };
    }
  }
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    const field = fieldOf(module, key);
    if (!field || field.readOnly || field.type === 'profileimage') continue;
    const result = normalise(state, field, value, `${base}.${key}`);
    if (isError(result)) return { ok: false, error: result };
    values[key] = result.value;
    if (result.extra) Object.assign(values, result.extra);
  }
  return { ok: true, values };
}
