import { defineZohoTool, toTable } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { CliqChannelPage, CliqClient } from '../client.js';
import { CHANNEL_COLUMNS, shapeChannel } from './shared.js';

const input = z.object({
  name: z
    .string()
    .trim()
    .max(100)
    .refine((v) => v.replace(/^#/, '').trim().length > 0, 'must not be empty (after a leading #)')
    .optional()
    .describe('Part of the name.'),
  joined: z.boolean().optional().describe('Only joined (true) or not joined (false).'),
  level: z.enum(['organization', 'team', 'private', 'external']).optional().describe('Visibility.'),
  limit: z.number().int().min(1).max(100).optional().describe('Per page (default 20, max 100).'),
  next_token: z.string().trim().max(1000).optional().describe('From the previous page.'),
});

export const cliqListChannels = defineZohoTool<typeof input, CliqClient, CliqChannelPage>({
  name: 'cliq_list_channels',
  app: 'cliq',
  access: 'read',
  scopes: ['ZohoCliq.Channels.READ'],
  description: `List the Zoho Cliq channels you can see, to find one to read or post in.
Returns a table (name, unique name, members, description, joined, last message) and next_token when there are more.`,
  examples: [{ name: 'marketing' }, { joined: true, limit: 5 }],
  input,
  run: (args, ctx) =>
    ctx.client.listChannels(
      { name: args.name?.replace(/^#/, '').trim(), joined: args.joined, level: args.level, limit: args.limit ?? 20, next_token: args.next_token },
      { signal: ctx.signal },
    ),
  shape: (page) => {
    const more = page.has_more === true && typeof page.next_token === 'string' && page.next_token !== '';
    return { count: page.channels.length, channels: toTable(page.channels.map(shapeChannel), { columns: CHANNEL_COLUMNS }), ...(more ? { next_token: page.next_token } : {}) };
  },
  ids: (page) => page.channels.map((c) => String(c.channel_id)),
});
