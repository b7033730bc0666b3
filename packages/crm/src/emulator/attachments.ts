/**
 * A record's attachments, as attachments.json documents them: list (`fields` required), upload (a multipart
 * `file` part, or `attachmentUrl` for a link), and download of one file's bytes. Errors about the path use
 * the file's InvalidUrlError (`related_status`, `resource_path_index`); a missing file part is INVALID_REQUEST
 * with `expected_type`, as its MandatoryParamError says.
 */
import type { EmulatorResponse } from '@zoho-agent-kit/core/emulator';
import { lookupName, minifiedUser, zohoDateTime, type CrmState, type ModuleStore, type StoredAttachment, type StoredRecord } from './state.js';
import { crmError, intParam, isResponse, MAX_PER_PAGE, pageOf, paramMissing, type Req } from './wire.js';

/** Names `fields=` may list for attachments. */
const ATTACHMENT_FIELDS = ['id', 'File_Name', 'Size', 'Owner', 'Created_By', 'Modified_By', 'Created_Time', 'Modified_Time', 'Parent_Id', '$link_url', '$file_id', '$type'];

/** InvalidUrlError of attachments.json: segment `index` of the path (after `/crm/{version}/`) is wrong. */
const badPath = (code: 'INVALID_DATA' | 'INVALID_MODULE', index: number, message: string) => crmError(400, code, message, { related_status: 'invalid', resource_path_index: index });

function parentRecord(req: Req): { store: ModuleStore; record: StoredRecord } | EmulatorResponse {
  const store = req.state.modules.get(req.params.module ?? '');
  if (!store) return badPath('INVALID_MODULE', 0, 'the module name given seems to be invalid');
  const record = store.byId.get(req.params.id ?? '');
  if (!record) return badPath('INVALID_DATA', 1, 'the related id given seems to be invalid');
  return { store, record };
}

/** An attachment as Zoho lists it: every key attachments.json's Attachment schema requires. */
export function attachmentObject(state: CrmState, a: StoredAttachment): Record<string, unknown> {
  const parent = state.modules.get(a.parent.module)?.byId.get(a.parent.id);
  return {
    Owner: a.Owner,
    Modified_By: a.Owner,
    Created_By: a.Owner,
    Parent_Id: { id: a.parent.id, name: parent ? lookupName(a.parent.module, parent) : a.parent.id },
    $sharing_permission: 'full_access',
    $attachment_type: a.linkUrl ? 2 : 1,
    id: a.id,
    Modified_Time: a.Modified_Time,
    Created_Time: a.Created_Time,
    File_Name: a.File_Name,
    Size: String(a.data.length),
    $editable: true,
    $file_id: a.fileId,
    $type: a.linkUrl ? 'Link URL' : 'Attachment',
    $se_module: a.parent.module,
    $state: 'save',
    $link_url: a.linkUrl,
  };
}

/** Adds an attachment (seed and upload). */
export function addAttachment(state: CrmState, values: { parent: { module: string; id: string }; name: string; data: Buffer; contentType: string; linkUrl?: string }, at: number, by = state.currentUser): StoredAttachment {
  const id = state.nextId();
  const attachment: StoredAttachment = {
    id,
    parent: values.parent,
    File_Name: values.name,
    data: values.data,
    contentType: values.contentType,
    linkUrl: values.linkUrl ?? null,
    // Zoho's file id is an opaque token; a deterministic one here.
    fileId: `${id.slice(-8)}${Buffer.from(values.name).toString('hex').slice(0, 24)}`,
    Owner: minifiedUser(by),
    Created_Time: zohoDateTime(at),
    Modified_Time: zohoDateTime(at),
  };
  state.attachments.push(attachment);
  return attachment;
}

/** `GET /{module}/{id}/Attachments`: newest first; 204 when the record has none. */
export function listAttachments(req: Req): EmulatorResponse {
  const found = parentRecord(req);
  if (isResponse(found)) return found;
  const raw = req.query.get('fields');
  if (raw === null || raw.trim() === '') return paramMissing('fields');
  const unknown = raw.split(',').map((s) => s.trim()).filter(Boolean).find((f) => !ATTACHMENT_FIELDS.includes(f));
  if (unknown) return crmError(400, 'INVALID_DATA', 'invalid data', { api_name: unknown, param: 'fields' });
  const perPage = intParam(req, 'per_page', MAX_PER_PAGE);
  if (isResponse(perPage) || perPage > MAX_PER_PAGE) return crmError(400, 'INVALID_DATA', 'invalid data', { param: 'per_page' });
  const page = intParam(req, 'page', 1);
  if (isResponse(page)) return crmError(400, 'INVALID_DATA', 'invalid data', { param: 'page' });
  const all = req.state.attachments.filter((a) => a.parent.module === found.store.spec.api && a.parent.id === found.record.id).reverse();
  const { rows, info } = pageOf(all, page, perPage);
  if (rows.length === 0) return { status: 204 };
  // The full attachment object whatever `fields` names: attachments.json requires every key of it.
  return { status: 200, body: { data: rows.map((a) => attachmentObject(req.state, a)), info } };
}

/** `POST /{module}/{id}/Attachments`: a multipart `file`, or `attachmentUrl` (+ `title`) for a link. */
export function uploadAttachment(req: Req): EmulatorResponse {
  const found = parentRecord(req);
  if (isResponse(found)) return found;
  const file = req.files.file;
  const url = req.query.get('attachmentUrl');
  if (!file && !url) {
    return crmError(400, 'INVALID_REQUEST', 'unable to process your request. please verify whether you have entered proper method name, parameter and parameter values.', { expected_type: 'file' });
  }
  if (file && file.data.length > req.state.options.attachmentMaxBytes) {
    return crmError(400, 'INVALID_DATA', `the file size exceeds the allowed limit of ${req.state.options.attachmentMaxBytes} bytes`, { api_name: 'file', limit: req.state.options.attachmentMaxBytes });
  }
  if (file && file.data.length === 0) return crmError(400, 'INVALID_DATA', 'the file is empty', { api_name: 'file' });
  const parent = { module: found.store.spec.api, id: found.record.id };
  const a = file
    ? addAttachment(req.state, { parent, name: file.name || 'file', data: file.data, contentType: file.type || 'application/octet-stream' }, req.now)
    : addAttachment(req.state, { parent, name: req.query.get('title') || url!, data: Buffer.alloc(0), contentType: 'text/uri-list', linkUrl: url! }, req.now);
  const user = { id: a.Owner.id, name: a.Owner.name, email: a.Owner.email };
  return {
    status: 200,
    body: { data: [{ code: 'SUCCESS', details: { Modified_Time: a.Modified_Time, Modified_By: user, Created_Time: a.Created_Time, id: a.id, Created_By: user }, message: 'attachment uploaded successfully', status: 'success' }] },
  };
}

/** `GET /{module}/{id}/Attachments/{attachment}`: the file's bytes, with its type, length and name. */
export function downloadAttachment(req: Req): EmulatorResponse {
  const found = parentRecord(req);
  if (isResponse(found)) return found;
  const a = req.state.attachments.find((x) => x.id === req.params.attachment && x.parent.module === found.store.spec.api && x.parent.id === found.record.id);
  if (!a) return badPath('INVALID_DATA', 3, 'the related id given seems to be invalid');
  if (a.linkUrl) return crmError(400, 'INVALID_DATA', 'the attachment is a link, not a file', { id: a.id });
  return {
    status: 200,
    raw: a.data,
    headers: {
      'content-type': a.contentType,
      'content-length': String(a.data.length),
      'content-disposition': `attachment;filename="${a.File_Name.replace(/["\\\r\n]/g, '_')}";filename*=UTF-8''${encodeURIComponent(a.File_Name)}`,
    },
  };
}
