import type { EmulatorApp, EmulatorResponse } from '../../src/emulator/index.js';

export interface TestState {
  items: Map<string, { id: string; name: string }>;
  writes: number;
}

const envelope = (status: number, code: string, message: string): EmulatorResponse => ({
  status,
  body: { code, message, details: {}, status: 'error' },
});

/**
 * A minimal app slice with CRM's envelope, for testing the framework and the pipeline without a plugin:
 * GET/POST /crm/v8/Things, GET /crm/v8/Things/:id, a big-id route and a stream upload route.
 */
export const testApp: EmulatorApp<TestState> = {
  app: 'crm',
  basePath: '',
  scopes: ['ZohoCRM.modules.ALL'],
  createState: ({ seed }) => ({
    items: new Map(seed ? [['4150868000000000001', { id: '4150868000000000001', name: 'first' }]] : []),
    writes: 0,
  }),
  rateLimit: { limit: 1000, windowMs: 60_000 },
  routes: [
    {
      method: 'GET',
      path: '/crm/v8/Things',
      scopes: ['ZohoCRM.modules.things.READ'],
      handle: ({ state }) =>
        state.items.size === 0 ? { status: 204 } : { status: 200, body: { data: [...state.items.values()], info: { more_records: false } } },
    },
    {
      method: 'GET',
      path: '/crm/v8/Things/:id',
      scopes: ['ZohoCRM.modules.things.READ'],
      handle: ({ state, params }) => {
        const item = state.items.get(params.id!);
        return item ? { status: 200, body: { data: [item] } } : envelope(400, 'INVALID_DATA', 'the id given seems to be invalid');
      },
    },
    {
      method: 'POST',
      path: '/crm/v8/Things',
      scopes: ['ZohoCRM.modules.things.CREATE'],
      handle: ({ state, body }) => {
        state.writes++;
        const id = String(4150868000000000000n + BigInt(state.items.size + 1));
        const name = String((body as { data?: { name?: string }[] })?.data?.[0]?.name ?? 'unnamed');
        state.items.set(id, { id, name });
        return { status: 201, body: { data: [{ code: 'SUCCESS', details: { id }, message: 'record added', status: 'success' }] } };
      },
    },
    {
      method: 'GET',
      path: '/crm/v8/big',
      scopes: ['ZohoCRM.modules.READ'],
      // Mail and Projects send 19-digit ids as bare JSON numbers.
      handle: () => ({ status: 200, raw: '{"data":{"messageId":4411200000000012003,"folderId":9007199254740993,"small":42,"ratio":0.5}}' }),
    },
    {
      method: 'GET',
      path: '/crm/v8/quota',
      scopes: ['ZohoCRM.modules.READ'],
      // Some Zoho gateways announce an exhausted budget in headers before they start answering 429.
      handle: () => ({ status: 200, body: { data: [] }, headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '1' } }),
    },
    {
      method: 'POST',
      path: '/crm/v8/upload',
      scopes: ['ZohoCRM.modules.ALL'],
      handle: ({ state, rawBody }) => {
        state.writes++;
        return { status: 200, body: { data: { bytes: rawBody.length } } };
      },
    },
  ],
  errors: {
    invalidToken: () => envelope(401, 'INVALID_TOKEN', 'invalid oauth token'),
    scopeMismatch: () => envelope(401, 'OAUTH_SCOPE_MISMATCH', 'invalid oauth scope to access this URL'),
    throttled: () => envelope(429, 'TOO_MANY_REQUESTS', 'too many requests'),
    notFound: () => envelope(404, 'INVALID_URL_PATTERN', 'Please check if the URL trying to access is a correct one'),
    serverError: (status) => envelope(status, 'INTERNAL_ERROR', 'Internal server error occurred.'),
  },
};
