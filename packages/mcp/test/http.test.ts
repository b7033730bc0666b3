import { describe } from 'vitest';
import { httpClient, ServerProcess } from './helpers.js';
import { describeConversation } from './scenarios.js';

describe('the MCP server over Streamable HTTP (one process, a session per client)', () => {
  let server: ServerProcess | undefined;
  let url = '';
  describeConversation({
    name: 'http',
    start: async (args, env) => {
      server = new ServerProcess([...args, '--http', '127.0.0.1:0'], env);
      url = await server.url();
    },
    connect: (options) => httpClient(url, options),
    stop: async () => {
      await server?.stop();
    },
  });
});
