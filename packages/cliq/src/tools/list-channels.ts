import { defineZohoTool, toTable } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { CliqChannelPage, CliqClient } from '../client.js';
import { CHANNEL_COLUMNS, shapeChannel } from './shared.js';

const input = z.object({
  name: z.string().trim().max(100).optional().describe('Only channels whose name contains this.'),
  joined: z.boolean().optional().describe('true: only channels you joined; false: only the others.'),
  level: z.enum(['organization', 'team', 'private', 'external']).optional().describe('Only this visibility.'),
  limit: z.number().int().min(1).max(100).optional().describe('Channels per page (default 20, max 100).'),
  next_token: z.string().trim().max(1000).optional().describe('Cursor from the previous page.'),
});

export const cliqListChannels = defineZohoTool<typeof input, CliqClient, CliqChannelPage>({
  name: 'cliq_list_channels',
  app: 'cliq',
  access: 'read',
  scopes: ['ZohoCliq.Channels.READ'],
  description: `List the Zoho Cliq channels you can see: name, unique name, members, description, joined or not, last message.
Use to find a channel to post in or read.
Returns a table of channels and next_token when there are more.`,
  examples: [{ name: 'marketing' }, { joined: true, limit: 5 }],
  input,
  run: (args, ctx) =>
    ctx.client.listChannels(
      { name: args.name?.replace(/^#/, ''), joined: args.joined, level: args.level, limit: args.limit ?? 20, next_token: args.next_token },
      { signal: ctx.signal },
    ),
  shape: (page) => {
    const more = page.has_more === true && typeof page.next_token === 'string' && page.next_token !== '';
    return { count: page.channels.length, channels: toTable(page.channels.map(shapeChannel), { columns: CHANNEL_COLUMNS }), ...(more ? { next_token: page.next_token } : {}) };
  },
  ids: (page) => page.channels.map((c) => String(c.channel_id)),
});
