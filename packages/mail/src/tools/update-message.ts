import { defineZohoTool, describeToolError, PartialWriteError, ToolInputError, writeOutcomeUnknown, ZohoApiError, type ReconcileVerdict } from '@zoho-agent-kit/core';
import { z } from 'zod';
import { asId, isUnread, type MailClient, type MailFolder, type MailLabel, type MailMessageDetails, type MailNotes } from '../client.js';
import { flagName, folderPath, withNotes, ZOHO_FLAG } from '../shape.js';
import { ACCOUNT_SCOPE, folderSchema, idSchema } from './shared.js';

const FLAGS = ['important', 'info', 'follow_up', 'none'] as const;
type Flag = (typeof FLAGS)[number];

const labelList = () => z.array(z.string().trim().max(100)).max(10, 'at most 10 labels').optional();

const input = z.object({
  message_ids: z.array(idSchema('message')).min(1, 'give 1 to 10 message ids').max(10, 'give 1 to 10 message ids').describe('message_id of each (one folder).'),
  folder_id: idSchema('folder').optional().describe('Their folder_id.'),
  read: z.boolean().optional().describe('Mark read (true) or unread (false).'),
  flag: z.enum(FLAGS).optional().describe('Set the flag; "none" clears it.'),
  move_to: folderSchema().optional().describe('Move to this folder.'),
  add_labels: labelList().describe('Label names to apply.'),
  remove_labels: labelList().describe('Label names to remove.'),
});

/** One message as the confirmation shows it, before and after. */
interface MessageState {
  message_id: string;
  subject?: string;
  folder: string;
  unread: boolean;
  flag: Flag;
  labels: string[];
}

interface Result {
  updated: MessageState[];
  notes?: MailNotes;
}

interface Op {
  mode: string;
  messageId: string[];
  destfolderId?: string;
  flagid?: string;
  labelId?: string[];
}

function stateOf(details: MailMessageDetails, folders: MailFolder[], labels: MailLabel[], id: string): MessageState {
  const folderId = asId(details.folderId);
  const folder = folders.find((f) => String(f.folderId) === folderId);
  const state: MessageState = {
    message_id: asId(details.messageId) ?? id,
    folder: folder ? folderPath(folder) : (folderId ?? ''),
    unread: isUnread(details),
    flag: flagName(details.flagid) ?? 'none',
    labels: (details.labelId ?? []).map((l) => labels.find((x) => String(x.labelId) === String(l))?.displayName ?? String(l)).sort(),
  };
  if (details.subject) state.subject = details.subject;
  return state;
}

const same = (a: MessageState, b: MessageState) => a.folder === b.folder && a.unread === b.unread && a.flag === b.flag && a.labels.join('\n') === b.labels.join('\n');

export const mailUpdateMessage = defineZohoTool<typeof input, MailClient, Result>({
  name: 'mail_update_message',
  app: 'mail',
  access: 'write',
  scopes: ['ZohoMail.messages.UPDATE', 'ZohoMail.messages.READ', 'ZohoMail.folders.READ', 'ZohoMail.tags.READ', ACCOUNT_SCOPE],
  description: `Mark messages read/unread, flag them, move them, or add/remove labels; the user confirms before → after. Returns each message's new state.`,
  examples: [{ message_ids: ['1721050000000000030'], folder_id: '4411200001000000001', read: true, add_labels: ['Urgent'] }],
  input,
  plan: async (args, ctx) => {
    if (args.read === undefined && !args.flag && !args.move_to && !args.add_labels?.length && !args.remove_labels?.length) {
      throw new ToolInputError('read', 'say what to change: read, flag, move_to, add_labels or remove_labels');
    }
    const signal = ctx.signal;
    const client = ctx.client;
    const ids = [...new Set(args.message_ids)];
    const dest = args.move_to ? await client.resolveFolder(args.move_to, 'move_to', { signal }) : undefined;
    const add = await Promise.all((args.add_labels ?? []).map((l, i) => client.resolveLabel(l, `add_labels[${i}]`, { signal })));
    const remove = await Promise.all((args.remove_labels ?? []).map((l, i) => client.resolveLabel(l, `remove_labels[${i}]`, { signal })));
    const clash = add.find((a) => remove.some((r) => r.labelId === a.labelId));
    if (clash) throw new ToolInputError('remove_labels', `${clash.displayName} is in add_labels too`);
    const folders = await client.folders({ signal });
    const allLabels = await client.labels({ signal }).catch(() => [] as MailLabel[]);

    const before: MessageState[] = [];
    const where = new Map<string, string>();
    for (const [i, id] of ids.entries()) {
      const folder = client.locate(id, args.folder_id);
      try {
        const details = await client.details(folder, id, { signal });
        before.push(stateOf(details, folders, allLabels, id));
        where.set(id, folder);
      } catch (err) {
        if (err instanceof ZohoApiError && err.kind === 'not_found') throw new ToolInputError(`message_ids[${i}]`, `no message ${id} in folder ${folder}; find it with mail_search`);
        throw err;
      }
    }
    const after = before.map((b) => {
      const a: MessageState = { ...b, labels: [...b.labels] };
      if (args.read !== undefined) a.unread = !args.read;
      if (args.flag) a.flag = args.flag;
      if (dest) a.folder = folderPath(dest);
      a.labels = [...new Set([...a.labels, ...add.map((l) => l.displayName)])].filter((l) => !remove.some((r) => r.displayName === l)).sort();
      return a;
    });
    const changing = (test: (b: MessageState, a: MessageState) => boolean) => before.filter((b, i) => test(b, after[i]!)).map((b) => b.message_id);
    // Each change is one updatemessage call, with a line for reports ("add label Urgent").
    const steps: { op: Op; label: string }[] = [];
    const step = (label: string, op: Op) => steps.push({ op, label: `${label} (${op.messageId.length === 1 ? `message ${op.messageId[0]}` : `${op.messageId.length} messages`})` });
    const readIds = changing((b, a) => b.unread !== a.unread);
    if (readIds.length) step(args.read ? 'mark read' : 'mark unread', { mode: args.read ? 'markAsRead' : 'markAsUnread', messageId: readIds });
    const flagIds = changing((b, a) => b.flag !== a.flag);
    if (flagIds.length) step(args.flag === 'none' ? 'clear the flag' : `flag ${args.flag}`, { mode: 'setFlag', messageId: flagIds, flagid: ZOHO_FLAG[args.flag!] });
    if (add.length) {
      const addIds = changing((b) => add.some((l) => !b.labels.includes(l.displayName)));
      if (addIds.length) step(`add label ${add.map((l) => l.displayName).join(', ')}`, { mode: 'applyLabel', messageId: addIds, labelId: add.map((l) => String(l.labelId)) });
    }
    if (remove.length) {
      const removeIds = changing((b) => remove.some((l) => b.labels.includes(l.displayName)));
      if (removeIds.length) step(`remove label ${remove.map((l) => l.displayName).join(', ')}`, { mode: 'removeLabel', messageId: removeIds, labelId: remove.map((l) => String(l.labelId)) });
    }
    // Moving last: the other changes do not depend on the folder, and a failed move leaves them done.
    const moveIds = changing((b, a) => b.folder !== a.folder);
    if (dest && moveIds.length) step(`move to ${folderPath(dest)}`, { mode: 'moveMessage', messageId: moveIds, destfolderId: String(dest.folderId) });
    if (steps.length === 0) throw new ToolInputError('message_ids', 'nothing would change: the messages are already so');
    await client.ensureBudget(steps.length, 'this update');

    const changes = [
      args.read !== undefined ? (args.read ? 'mark read' : 'mark unread') : '',
      args.flag ? (args.flag === 'none' ? 'clear the flag' : `flag ${args.flag}`) : '',
      add.length ? `add label ${add.map((l) => l.displayName).join(', ')}` : '',
      remove.length ? `remove label ${remove.map((l) => l.displayName).join(', ')}` : '',
      dest ? `move to ${folderPath(dest)}` : '',
    ].filter(Boolean);
    const subjects = before.map((b) => `"${b.subject ?? b.message_id}"`).join(', ');
    return {
      summary: `Update ${before.length === 1 ? 'message' : `${before.length} messages`} ${subjects}: ${changes.join(', ')}`,
      payload: steps.map((s) => s.op),
      before,
      after,
      execute: async () => {
        for (const [index, { op, label }] of steps.entries()) {
          try {
            await client.updateMessages(op, { signal });
          } catch (err) {
            // Nothing applied yet, or the answer lost (reconcile reads the messages back): the toolkit's usual report.
            if (index === 0 || writeOutcomeUnknown(err)) throw err;
            const applied = steps.slice(0, index);
            const rest = steps.slice(index + 1);
            throw new PartialWriteError(
              `stopped at change ${index + 1} of ${steps.length} (${label})`,
              {
                status: 'stopped',
                summary: `Stopped at change ${index + 1} of ${steps.length}: ${applied.length} applied, ${steps.length - applied.length} not.`,
                applied: applied.map((s) => s.label),
                stopped_at: { change: label, status: 'not_applied', error: describeToolError(ctx.toolName, err).slice(0, 600) },
                ...(rest.length ? { not_attempted: rest.map((s) => s.label) } : {}),
                resume: 'Once the cause is fixed, call mail_update_message again with the same input: changes already in place are left out.',
              },
              [...new Set(applied.flatMap((s) => s.op.messageId))],
            );
          }
        }
        return { updated: after, notes: await client.notes() };
      },
      reconcile: async ({ signal: check }): Promise<ReconcileVerdict<Result>> => {
        const now: MessageState[] = [];
        for (const [i, b] of before.entries()) {
          const candidates = dest && after[i]!.folder !== b.folder ? [String(dest.folderId), where.get(b.message_id)!] : [where.get(b.message_id)!];
          let found: MessageState | undefined;
          for (const folder of candidates) {
            try {
              found = stateOf(await client.details(folder, b.message_id, { signal: check }), folders, allLabels, b.message_id);
              break;
            } catch (err) {
              if (!(err instanceof ZohoApiError && err.kind === 'not_found')) throw err;
            }
          }
          if (!found) return { status: 'unknown', check: `mail_search {"subject":${JSON.stringify(b.subject ?? '')}}`, detail: `message ${b.message_id} was found in neither folder` };
          now.push(found);
        }
        if (now.every((n, i) => same(n, after[i]!))) return { status: 'applied', id: now[0]!.message_id, result: { updated: now }, detail: 'every change is in place' };
        if (now.every((n, i) => same(n, before[i]!))) return { status: 'not_applied', detail: 'the messages are unchanged' };
        return { status: 'unknown', detail: `some changes are in place: ${JSON.stringify(now).slice(0, 300)}` };
      },
      checkWith: `mail_get_message {"message_id":"${ids[0]}"}`,
    };
  },
  shape: ({ updated, notes }) => withNotes({ status: 'updated', messages: updated.map((m) => ({ ...m, labels: m.labels.length ? m.labels : undefined })) }, notes),
  ids: ({ updated }) => updated.map((m) => m.message_id),
});
