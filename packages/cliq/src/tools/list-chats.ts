import { defineZohoTool, toTable } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { CliqChat, CliqClient } from '../client.js';
import { CHAT_COLUMNS, shapeChat, timeInput, timeSchema } from './shared.js';

const input = z.object({
  limit: z.number().int().min(1).max(100).optional().describe('Per page (default 20, max 100).'),
  before: timeSchema().optional().describe('Chats last active before this (next_before).'),
});

export const cliqListChats = defineZohoTool<typeof input, CliqClient, { chats: CliqChat[] }>({
  name: 'cliq_list_chats',
  app: 'cliq',
  access: 'read',
  scopes: ['ZohoCliq.Chats.READ'],
  description: `List your recent Zoho Cliq direct and group chats, newest first, to find a chat_id.
Returns a table (who, last message) and next_before when there may be more.`,
  examples: [{ limit: 10 }],
  input,
  run: (args, ctx) => {
    const before = args.before === undefined ? undefined : new Date(timeInput(args.before, 'before')).toISOString();
    return ctx.client.listChats({ limit: args.limit ?? 20, modified_before: before }, { signal: ctx.signal });
  },
  shape: ({ chats }, args) => {
    // Cliq gives no cursor: a full page may have more behind it, older than its last chat.
    const last = chats.at(-1)?.last_modified_time;
    const full = chats.length >= (args.limit ?? 20);
    return { count: chats.length, chats: toTable(chats.map(shapeChat), { columns: CHAT_COLUMNS }), ...(full && last ? { next_before: last } : {}) };
  },
  ids: ({ chats }) => chats.map((c) => String(c.chat_id)),
});
