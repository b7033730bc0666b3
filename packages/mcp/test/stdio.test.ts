import { describe } from 'vitest';
import { stdioClient, type TestClient } from './helpers.js';
import { describeConversation } from './scenarios.js';

describe('the MCP server over stdio (a process per client)', () => {
  let args: string[] = [];
  let env: Record<string, string> = {};
  const clients: TestClient[] = [];
  describeConversation({
    name: 'stdio',
    start: async (a, e) => {
      args = a;
      env = e;
    },
    connect: async (options) => {
      const c = await stdioClient(args, env, options);
      clients.push(c);
      return c;
    },
    stop: async () => {
      await Promise.allSettled(clients.map((c) => c.close()));
    },
  });
});
