import { defineZohoTool, ToolInputError, ZohoApiError } from '@zoho-agent-kit/core';
import { z } from 'zod';
import { asNumber, type MailAttachmentInfo, type MailClient, type MailNotes } from '../client.js';
import { withNotes } from '../shape.js';
import { ACCOUNT_SCOPE, folderIdSchema, messageIdSchema } from './shared.js';

const input = z.object({
  message_id: messageIdSchema(),
  folder_id: folderIdSchema(),
  attachment: z.string().trim().max(300).optional().describe('attachment_id or name (default the only one).'),
  save_as: z.string().trim().max(512).optional().describe('Path in the files folder (default attachments/<name>).'),
});

interface Result {
  attachment: MailAttachmentInfo;
  /** Where it was saved, relative to the files folder. */
  file: string;
  size: number;
  notes: MailNotes;
}

/** `attachments/x.pdf`, else `attachments/x (2).pdf`, … : an existing file is never replaced. */
async function freePath(client: MailClient, wanted: string, field: string): Promise<string> {
  await client.files.resolve(wanted, field);
  if (!(await client.files.exists(wanted))) return wanted;
  const m = /^(.*?)(\.[^./]*)?$/.exec(wanted)!;
  for (let n = 2; n < 1000; n++) {
    const candidate = `${m[1]} (${n})${m[2] ?? ''}`;
    if (!(await client.files.exists(candidate))) return candidate;
  }
  throw new ToolInputError(field, `"${wanted.slice(0, 80)}" and 998 numbered copies exist; choose another name`);
}

export const mailGetAttachment = defineZohoTool<typeof input, MailClient, Result>({
  name: 'mail_get_attachment',
  app: 'mail',
  access: 'read',
  scopes: ['ZohoMail.messages.READ', ACCOUNT_SCOPE],
  description: `Save an email's attachment into the local files folder (size-capped, never overwriting). Returns its path there, usable as a mail_send attachment.`,
  examples: [{ message_id: '1721050000000000007', folder_id: '4411200001000000001' }],
  input,
  async run(args, ctx) {
    const folder = ctx.client.locate(args.message_id, args.folder_id);
    const signal = ctx.signal;
    let list: MailAttachmentInfo[];
    try {
      list = await ctx.client.attachmentInfo(folder, args.message_id, { signal });
    } catch (err) {
      if (err instanceof ZohoApiError && err.kind === 'not_found') throw new ToolInputError('message_id', `no message ${args.message_id} in folder ${folder}`);
      throw err;
    }
    if (list.length === 0) throw new ToolInputError('message_id', 'this message has no attachments');
    const wanted = args.attachment;
    const attachment = wanted
      ? (list.find((a) => String(a.attachmentId) === wanted) ?? list.find((a) => a.attachmentName === wanted) ?? list.find((a) => a.attachmentName.toLowerCase() === wanted.toLowerCase()))
      : list.length === 1
        ? list[0]
        : undefined;
    if (!attachment) {
      const names = list.map((a) => `${a.attachmentName} (${String(a.attachmentId)})`).join(', ');
      throw new ToolInputError('attachment', wanted ? `no attachment "${wanted.slice(0, 80)}"; this message has ${names}` : `the message has ${list.length} attachments: ${names}; say which`);
    }
    const cap = ctx.client.maxAttachmentBytes;
    const size = asNumber(attachment.attachmentSize);
    if (size !== undefined && size > cap) throw new ToolInputError('attachment', `${attachment.attachmentName} is ${size} bytes, more than the ${cap} allowed; download it in Zoho Mail instead`);
    const name = attachment.attachmentName.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').replace(/^\.+/, '_') || 'attachment';
    const field = args.save_as ? 'save_as' : 'attachment';
    const file = await freePath(ctx.client, args.save_as ?? `attachments/${name}`, field);
    await ctx.client.ensureBudget(1, 'this download');
    const stream = await ctx.client.downloadAttachment(folder, args.message_id, String(attachment.attachmentId), { signal });
    const capped = async function* (): AsyncGenerator<Uint8Array> {
      let received = 0;
      for await (const chunk of stream) {
        received += (chunk as Buffer).length;
        if (received > cap) throw new ToolInputError('attachment', `${attachment.attachmentName} is larger than the ${cap} bytes allowed; nothing was saved`);
        yield chunk as Buffer;
      }
    };
    const saved = await ctx.client.files.write(file, field, capped(), size !== undefined ? { expectedSize: size } : {});
    return { attachment, file, size: saved.size, notes: await ctx.client.notes() };
  },
  shape: ({ attachment, file, size, notes }) => withNotes({ saved: file, name: attachment.attachmentName, attachment_id: String(attachment.attachmentId), size }, notes),
});
