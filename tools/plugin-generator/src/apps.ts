import type { ZohoApp } from '@zoho-agent-kit/core';
import type { AppSpec } from './spec.js';

/**
 * The apps the generator can scaffold. crm, books, calendar, projects and workdrive have hand-written packages already and no entry here.
 * Envelopes, paths and fields follow the wire digests in /work/shared/zoho-api/; where Zoho's behaviour is
 * undocumented the emulator templates say so and pick one answer.
 */
export const APP_SPECS: Partial<Record<ZohoApp, AppSpec>> = {
  mail: {
    app: 'mail',
    App: 'Mail',
    product: 'Zoho Mail',
    description: 'Zoho Mail tools for LangChain agents: mail accounts, with folders, messages, search and send to follow.',
    api: 'Zoho Mail REST API (`https://mail.zoho.<tld>/api`, no version segment)',
    digest: 'mail.md',
    emulatorScopes: ['ZohoMail.accounts.ALL', 'ZohoMail.folders.ALL', 'ZohoMail.messages.ALL', 'ZohoMail.tags.ALL'],
    rateLimit: { limit: 30, windowMs: 60_000, note: '30 requests a minute, as Zoho Mail' },
    errorsNote:
      'Mail answers `{status:{code,description},data:{errorCode,moreInfo}}`, sometimes with HTTP 200 and a failing `status.code`; the reader keys off `data.errorCode` (`INVALID_OAUTHTOKEN` and `INVALID_TICKET` refresh the token once). Zoho Mail allows about 30 requests a minute; configure `limits: { mail: { perWindow: 30 } }` on the connection to pace calls.',
    tool: {
      name: 'mail_list_accounts',
      scopes: ['ZohoMail.accounts.READ'],
      what: 'The mail accounts of the signed-in user: account_id (needed by every other Mail call), address, aliases and the addresses it may send from.',
      clientTypes: ['MailAccount', 'MailEnvelope'],
      route: 'GET /api/accounts',
    },
    stateTypes: ['EmuMailAccount', 'MailState'],
    seedNote: "The signed-in user is the agency's CEO, Maya Ortiz (core's `AGENCY_STAFF`), with her own mailbox and the shared `hello@northwind-creative.example` mailbox.",
    test: {
      cases: [
        {
          title: "lists the signed-in user's accounts, shaped for the model",
          input: {},
          expected: {
            count: 2,
            accounts: [
              { email: 'maya.ortiz@northwind-creative.example', display_name: 'Maya Ortiz', aliases: ['maya@northwind-creative.example'], send_from: ['maya.ortiz@northwind-creative.example', 'maya@northwind-creative.example'] },
              { email: 'hello@northwind-creative.example', display_name: 'Northwind Creative' },
            ],
          },
        },
        {
          title: 'finds the account that owns an alias',
          input: { email: 'maya@northwind-creative.example' },
          expected: { count: 1, accounts: [{ email: 'maya.ortiz@northwind-creative.example', role: 'admin', status: 'enabled' }] },
        },
      ],
      raw: { title: "returns Zoho's account JSON with raw: true", input: {}, expected: [{ primaryEmailAddress: 'maya.ortiz@northwind-creative.example', mailboxStatus: 'enabled' }, { primaryEmailAddress: 'hello@northwind-creative.example' }] },
      bad: { input: { email: 'not an address' }, field: 'email' },
      throttleStatus: 429,
      serverErrorCode: 'INTERNAL_SERVER_ERROR',
    },
    example: {
      input: {},
      output: '{"accounts":[{"account_id":"4411200000000000001","email":"maya.ortiz@northwind-creative.example",…,"send_from":[…]},…],"count":2}',
    },
  },
  cliq: {
    app: 'cliq',
    App: 'Cliq',
    product: 'Zoho Cliq',
    description: 'Zoho Cliq (REST API v2) tools for LangChain agents: channels, with messages and posting to follow.',
    api: 'Zoho Cliq REST API v2 (`https://cliq.zoho.<tld>/api/v2`)',
    digest: 'cliq.md',
    emulatorScopes: ['ZohoCliq.Channels.ALL', 'ZohoCliq.Messages.ALL', 'ZohoCliq.Webhooks.CREATE', 'ZohoCliq.Chats.READ', 'ZohoCliq.Users.READ'],
    rateLimit: { limit: 30, windowMs: 60_000, note: '30 requests a minute, as Cliq allows for listing channels' },
    errorsNote:
      'Cliq answers errors as a flat `{code, message}`; the reader keys off `code`. Cliq throttles with HTTP 400 `request_limit_exceeded` (not 429): the reader reads it as throttling, so the call is retried after a wait rather than failed as bad input. Limits are per endpoint and user (30 a minute for channel reads, 50 for posts) with a lock period after.',
    tool: {
      name: 'cliq_list_channels',
      scopes: ['ZohoCliq.Channels.READ'],
      what: 'Channels the user can see, filtered by name, level or membership, with chat_id/unique_name for posting and the last message; cursor paging with `next_token`.',
      clientTypes: ['CliqChannel', 'CliqChannelLevel', 'CliqChannelPage', 'ListChannelsParams'],
      route: 'GET /api/v2/channels',
    },
    stateTypes: ['CliqState', 'EmuChannel'],
    seedNote: "The agency's Cliq: #General and #Announcements for everyone, team channels, a private #Leadership channel and one external channel per client in core's `AGENCY_CLIENTS`; the signed-in user is the CEO.",
    test: {
      cases: [
        {
          title: 'finds a channel by name, shaped for the model',
          input: { name: 'design' },
          expected: {
            count: 1,
            has_more: false,
            channels: [{ name: '#Design', unique_name: 'design', level: 'team', joined: true, participant_count: 4, last_message: { from: 'Leo Brandt', text: 'New moodboard for Helios Solar is up.' } }],
          },
        },
        {
          title: 'pages with has_more and next_token',
          input: { level: 'external', limit: 5 },
          expected: { count: 5, has_more: true, channels: [{ level: 'external' }, { level: 'external' }, { level: 'external' }, { level: 'external' }, { level: 'external' }] },
        },
      ],
      raw: { title: "returns Zoho's channel JSON with raw: true", input: { name: 'general' }, expected: { has_more: false, channels: [{ name: '#General', level: 'organization', total_message_count: '57' }] } },
      bad: { input: { limit: 500 }, field: 'limit' },
      throttleStatus: 400,
      serverErrorCode: 'internal_server_error',
    },
    example: {
      input: { name: 'design' },
      output: '{"channels":[{"channel_id":"T5100000061203","chat_id":"CT_…","name":"#Design","unique_name":"design","level":"team",…}],"count":1,"has_more":false}',
    },
  },
};
