import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, runAgentProcess } from './helpers.js';

/**
 * Chat mode end to end over real HTTP: the REPL process talks to a scripted OpenAI-compatible endpoint
 * (`--model openai:NAME --base-url …`) through initChatModel and createAgent, and to the emulator for Zoho.
 */
interface Turn {
  toolCall?: { name: string; args: Record<string, unknown> };
  text?: string;
}

const SCRIPT: Turn[] = [{ toolCall: { name: 'books_list_invoices', args: { status: 'overdue', per_page: 3 } } }, { text: 'Three invoices are overdue; the largest is from a client.' }];
const requests: { messages: { role: string; content: unknown; tool_calls?: unknown[] }[]; stream?: boolean; tools?: { function: { name: string } }[] }[] = [];

function chunk(delta: Record<string, unknown>, finish: string | null): string {
  return `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 0, model: 'scripted', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let body = '';
  for await (const c of req) body += c;
  return JSON.parse(body);
}

let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer(async (req, res) => {
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404).end();
      return;
    }
    const body = (await readJson(req)) as (typeof requests)[number];
    requests.push(body);
    const turn = SCRIPT[Math.min(requests.length - 1, SCRIPT.length - 1)]!;
    const toolCalls = turn.toolCall
      ? [{ index: 0, id: `call_${requests.length}`, type: 'function', function: { name: turn.toolCall.name, arguments: JSON.stringify(turn.toolCall.args) } }]
      : undefined;
    if (body.stream) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      if (toolCalls) res.write(chunk({ role: 'assistant', content: null, tool_calls: toolCalls }, null));
      else for (const word of turn.text!.split(/(?<= )/)) res.write(chunk({ role: 'assistant', content: word }, null));
      res.write(chunk({}, toolCalls ? 'tool_calls' : 'stop'));
      res.end('data: [DONE]\n\n');
      return;
    }
    const message = toolCalls ? { role: 'assistant', content: null, tool_calls: toolCalls.map(({ index: _i, ...c }) => c) } : { role: 'assistant', content: turn.text };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion', created: 0, model: 'scripted', choices: [{ index: 0, message, finish_reason: toolCalls ? 'tool_calls' : 'stop' }], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('chat mode with an OpenAI-compatible endpoint', () => {
  it('answers a question by calling a Zoho tool on the emulator and streaming the reply', async () => {
    const r = await runAgentProcess(['--role', 'CFO', '--model', 'openai:scripted', '--base-url', baseUrl, '--ask', 'Which invoices are overdue?'], cleanEnv());
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.code).toBe(0);
    // stdout is the answer alone; the tool line and the banner go to stderr.
    expect(r.stdout.trim()).toBe('Three invoices are overdue; the largest is from a client.');
    expect(r.stderr).toMatch(/✓ books_list_invoices .* · ok/);
    // The model saw only the CFO's tools, and got the tool's shaped result back on the second turn.
    const offered = requests[0]!.tools!.map((t) => t.function.name);
    expect(offered).toContain('books_create_invoice');
    expect(offered).not.toContain('crm_delete_record');
    const toolMessage = requests[1]!.messages.find((m) => m.role === 'tool');
    expect(String(toolMessage?.content)).toMatch(/"status":"overdue"/);
    expect(JSON.stringify(requests)).not.toMatch(/1000\.[0-9a-f]{32}\.[0-9a-f]{32}/);
  }, 60_000);
});
