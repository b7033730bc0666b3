import { defineZohoTool, ToolInputError, type ToolContext } from '@zoho-agent-kit/core';
import { basename } from 'node:path';
import { z } from 'zod';
import type { CrmClient } from '../client.js';
import { moduleInput, recordIdInput } from './common.js';

const input = z.object({
  module: moduleInput,
  id: recordIdInput.describe('The record the file is attached to.'),
  attachment_id: recordIdInput.describe('From crm_list_attachments.'),
  save_as: z.string().max(255).optional().describe('File name in the files folder (default the attachment’s name).'),
  overwrite: z.boolean().optional().describe('Replace a file of that name (default false).'),
});

interface Downloaded {
  path: string;
  size: number;
  file_name: string;
  content_type?: string;
}

/** A name Zoho sent, made safe as one file name (no folders, no control characters). */
function safeName(name: string | undefined, fallback: string): string {
  const base = basename((name ?? '').replace(/\\/g, '/')).replace(/[\p{Cc}<>:"|?*]/gu, '_').trim();
  return base && base !== '.' && base !== '..' ? base.slice(0, 200) : fallback;
}

export const crmDownloadAttachment = defineZohoTool({
  name: 'crm_download_attachment',
  app: 'crm',
  access: 'read',
  scopes: ['ZohoCRM.modules.READ'],
  description: `Save a file attached to a Zoho CRM record into the files folder (never elsewhere), streamed and its size checked. Returns {path, size, file_name, content_type}.`,
  examples: [{ module: 'Accounts', id: '4150868000000100000', attachment_id: '4150868000000102245', save_as: 'zylker-notes.txt', overwrite: true }],
  input,
  async run(args, ctx: ToolContext<CrmClient>): Promise<Downloaded> {
    const files = ctx.client.files;
    // Refuse a bad target before downloading anything.
    if (args.save_as !== undefined) {
      await files.resolve(args.save_as, 'save_as');
      if (!args.overwrite && (await files.exists(args.save_as))) throw new ToolInputError('save_as', `"${args.save_as.slice(0, 120)}" already exists in the files folder; choose another name or set overwrite`);
    }
    const download = await ctx.client.downloadAttachment(args.module, args.id, args.attachment_id, ctx.signal ? { signal: ctx.signal } : {});
    const target = args.save_as ?? safeName(download.fileName, `attachment-${args.attachment_id}`);
    const write: { overwrite?: boolean; expectedSize?: number } = {};
    if (args.overwrite) write.overwrite = true;
    if (download.size !== undefined) write.expectedSize = download.size;
    try {
      const saved = await files.write(target, 'save_as', download.stream, write);
      const out: Downloaded = { path: target, size: saved.size, file_name: download.fileName ?? target };
      if (download.contentType) out.content_type = download.contentType;
      return out;
    } catch (err) {
      download.stream.destroy();
      throw err;
    }
  },
});
