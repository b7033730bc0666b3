/**
 * The same conversation over each transport: the SDK's client against the server process, which talks to an
 * emulator the test runs itself (through ZOHO_* configuration, as a Zoho account) so that the test can read
 * what reached it and inject slow answers.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import { findRole, loadInstalledPlugins, SHARED_TOOL_INSTRUCTIONS, type ZohoTool } from '@zoho-agent-kit/core';
import type { Emulator } from '@zoho-agent-kit/core/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowedTools } from '../src/policy.js';
import { mcpTool } from '../src/server.js';
import { accept, accountEnv, decline, readAudit, scratch, startTestEmulator, textOf, until, type ClientOptions, type ElicitHandler, type TestClient } from './helpers.js';

export interface TransportUnderTest {
  name: 'stdio' | 'http';
  /** Starts what the transport needs for these server args (HTTP: one server process). */
  start(args: string[], env: Record<string, string>): Promise<void>;
  connect(options: ClientOptions): Promise<TestClient>;
  stop(): Promise<void>;
}

const INVOICE_POSTS = { app: 'books', route: 'POST /books/v3/invoices' } as const;
const INVOICE_LISTS = { app: 'books', route: 'GET /books/v3/invoices' } as const;

function invoice(reference: string) {
  return { customer_name: 'Zylker Corp', reference_number: reference, line_items: [{ name: 'Workshop', quantity: 2, rate: 150 }] };
}

export function describeConversation(transport: TransportUnderTest): void {
  describe(`over ${transport.name}`, () => {
    let emu: Emulator;
    let cfoTools: ZohoTool[];
    let answer: ElicitHandler = accept;
    let person: TestClient;
    let noElicitation: TestClient;
    const audit = join(scratch, `${transport.name}-audit.jsonl`);
    const tag = transport.name.toUpperCase();

    beforeAll(async () => {
      emu = await startTestEmulator();
      cfoTools = allowedTools(findRole('CFO')!.policy, await loadInstalledPlugins());
      await transport.start(['--role', 'CFO', '--audit', audit, '--progress-interval', '150', '--files', join(scratch, 'files')], accountEnv(emu));
      person = await transport.connect({ elicit: (request, extra) => answer(request, extra) });
      noElicitation = await transport.connect({});
    });

    afterAll(async () => {
      await person?.close();
      await noElicitation?.close();
      await transport.stop();
      await emu?.close();
    });

    it('initializes with the toolkit instructions and lists the role tools with their schemas and annotations', async () => {
      expect(person.client.getServerVersion()?.name).toBe('zoho-agent-kit');
      const instructions = person.client.getInstructions() ?? '';
      expect(instructions).toContain('CFO role');
      expect(instructions).toContain(SHARED_TOOL_INSTRUCTIONS.split('\n')[0]);
      expect(instructions).toContain('confirmed by a person');
      expect(instructions).not.toContain('emulator'); // a Zoho account, as far as the server knows
      expect(person.client.getServerCapabilities()).toMatchObject({ tools: {}, logging: {} });

      const { tools } = await person.client.listTools();
      expect(tools.map((t) => t.name)).toEqual(cfoTools.map((t) => t.name));
      expect(cfoTools.some((t) => t.access === 'write')).toBe(true);
      for (const tool of tools) {
        const kit = cfoTools.find((t) => t.name === tool.name)!;
        expect(tool).toEqual(JSON.parse(JSON.stringify(mcpTool(kit))));
        expect(tool.description).toBe(kit.description);
        expect(tool.inputSchema).toMatchObject({ type: 'object', additionalProperties: false });
        expect(tool.annotations).toEqual({
          title: expect.stringMatching(/^(CRM|Books|Projects|Cliq|Calendar|Mail|WorkDrive|Workflows) · /),
          readOnlyHint: kit.access === 'read',
          destructiveHint: kit.access === 'destructive',
          idempotentHint: kit.access === 'read',
          openWorldHint: true,
        });
      }
    });

    it('runs a read tool on the emulator and answers with text content', async () => {
      const result = await person.client.callTool({ name: 'books_list_customers', arguments: { per_page: 3 } });
      expect(result.isError).toBeFalsy();
      expect(textOf(result)).toContain('Acme Widgets');
      expect(JSON.parse(textOf(result))).toMatchObject({ customers: { columns: expect.arrayContaining(['contact_name']) } });
    });

    it('sends a write once after the person accepts the elicitation, with the summary and the exact payload shown', async () => {
      answer = accept;
      const before = emu.counters.requests(INVOICE_POSTS);
      const result = await person.client.callTool({ name: 'books_create_invoice', arguments: invoice(`MCP-${tag}-YES`) });
      expect(result.isError).toBeFalsy();
      expect(textOf(result)).toMatch(/"invoice_number":"INV-/);
      expect(emu.counters.requests(INVOICE_POSTS)).toBe(before + 1);
      const asked = person.elicitations.at(-1)!;
      expect(asked.message).toContain('Zylker Corp');
      expect(asked.message).toContain('Tool: books_create_invoice (Books, write)');
      expect(asked.message).toMatch(/Payload to send \(exactly\):\n\{[\s\S]*"reference_number": "MCP-\w+-YES"/);
      expect(asked).toMatchObject({ requestedSchema: { properties: { send: { type: 'boolean', default: false } }, required: ['send'] } });
      const found = await person.client.callTool({ name: 'books_list_invoices', arguments: { search_text: `MCP-${tag}-YES` } });
      expect(textOf(found)).toContain('Zylker Corp');
    });

    it('sends nothing when the person declines, cancels, or accepts without ticking "send"', async () => {
      const before = emu.counters.requests(INVOICE_POSTS);
      const answers: ElicitResult[] = [{ action: 'decline' }, { action: 'cancel' }, { action: 'accept', content: { send: false } }, { action: 'accept' }];
      for (const [i, reply] of answers.entries()) {
        answer = async () => reply;
        const result = await person.client.callTool({ name: 'books_create_invoice', arguments: invoice(`MCP-${tag}-NO-${i}`) });
        expect(result.isError).toBe(true);
        expect(textOf(result)).toMatch(/Nothing was sent to Zoho/);
        expect(textOf(result)).toMatch(i < 2 ? /The user declined/ : /accepted without ticking "Send this to Zoho"/);
      }
      expect(emu.counters.requests(INVOICE_POSTS)).toBe(before);
      answer = decline;
      const lookup = await person.client.callTool({ name: 'books_list_invoices', arguments: { search_text: `MCP-${tag}-NO` } });
      expect(textOf(lookup)).not.toContain('Zylker Corp');
    });

    it('lists no write tools to a client without elicitation, and refuses them if called anyway', async () => {
      const { tools } = await noElicitation.client.listTools();
      expect(tools.map((t) => t.name)).toEqual(cfoTools.filter((t) => t.access === 'read').map((t) => t.name));
      expect(tools.every((t) => t.annotations?.readOnlyHint === true)).toBe(true);
      const before = emu.counters.requests(INVOICE_POSTS);
      const result = await noElicitation.client.callTool({ name: 'books_create_invoice', arguments: invoice(`MCP-${tag}-HIDDEN`) });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/not available to this MCP client.*elicitation.*Nothing was sent/);
      expect(emu.counters.requests(INVOICE_POSTS)).toBe(before);
      const read = await noElicitation.client.callTool({ name: 'books_get_balance', arguments: {} });
      expect(read.isError).toBeFalsy();
      // Logged to that client like any call the toolkit refuses.
      await until(() => noElicitation.logs.find((l) => (l.data as { tool?: string; outcome?: string }).tool === 'books_create_invoice'));
      expect(noElicitation.logs.find((l) => (l.data as { tool?: string }).tool === 'books_create_invoice')).toMatchObject({ level: 'warning', data: { outcome: 'denied', error: expect.stringContaining('elicitation') } });
      if (transport.name === 'stdio') {
        // The operator's log says why: stderr, never stdout.
        const hidden = cfoTools.filter((t) => t.access !== 'read').length;
        await until(() => noElicitation.stderr().includes(`no elicitation; ${cfoTools.length - hidden} tools listed, ${hidden} write tools hidden (start with --writes client to list them)`));
        await until(() => person.stderr().includes('confirms writes by elicitation'));
      }
    });

    it('answers invalid arguments with isError naming the field, sending nothing', async () => {
      const before = emu.counters.requests(INVOICE_LISTS);
      const wrongType = await person.client.callTool({ name: 'books_list_invoices', arguments: { per_page: 'many' } });
      expect(wrongType.isError).toBe(true);
      expect(textOf(wrongType)).toMatch(/Invalid input for books_list_invoices: field "per_page"/);
      const unknown = await person.client.callTool({ name: 'books_list_invoices', arguments: { stauts: 'overdue' } });
      expect(unknown.isError).toBe(true);
      expect(textOf(unknown)).toMatch(/unknown field "stauts"; did you mean "status"/);
      const missing = await person.client.callTool({ name: 'books_create_invoice', arguments: { customer_name: 'Zylker Corp' } });
      expect(missing.isError).toBe(true);
      expect(textOf(missing)).toMatch(/field "line_items"/);
      expect(emu.counters.requests(INVOICE_LISTS)).toBe(before);
      const noTool = await person.client.callTool({ name: 'books_delete_everything', arguments: {} });
      expect(noTool.isError).toBe(true);
      expect(textOf(noTool)).toMatch(/There is no tool "books_delete_everything"/);
    });

    it('reports progress while a long call runs', async () => {
      emu.faults.add({ route: 'GET /books/v3/invoices', kind: 'slow', delayMs: 1200, times: 1 });
      const seen: { progress: number; message?: string | undefined }[] = [];
      const result = await person.client.callTool({ name: 'books_list_invoices', arguments: { per_page: 2 } }, undefined, {
        onprogress: (p) => void seen.push({ progress: p.progress, message: p.message }),
      });
      expect(result.isError).toBeFalsy();
      expect(seen.length).toBeGreaterThanOrEqual(3);
      expect(seen.map((s) => s.progress)).toEqual([...seen.map((s) => s.progress)].sort((a, b) => a - b));
      expect(new Set(seen.map((s) => s.progress)).size).toBe(seen.length); // strictly increasing
      expect(seen[0]!.message).toMatch(/^running \(\d+ s\)$/);
    });

    it("reports a WorkDrive upload's bytes as progress, up to the file's size", async () => {
      answer = accept;
      const size = 3 * 1024 * 1024;
      const name = `mcp-${transport.name}-upload.bin`;
      mkdirSync(join(scratch, 'files'), { recursive: true });
      writeFileSync(join(scratch, 'files', name), Buffer.alloc(size, 7));
      const seen: { progress: number; total?: number | undefined; message?: string | undefined }[] = [];
      const result = await person.client.callTool({ name: 'workdrive_upload', arguments: { local_path: name, folder: 'Finance' } }, undefined, {
        onprogress: (p) => void seen.push({ progress: p.progress, total: p.total, message: p.message }),
      });
      expect(result.isError, textOf(result)).toBeFalsy();
      expect(JSON.parse(textOf(result))).toMatchObject({ name, folder: 'Finance', size_bytes: size, result: 'new file' });
      expect(seen.at(-1)).toEqual({ progress: size, total: size, message: '3.0 MiB of 3.0 MiB transferred' });
      expect(seen.map((s) => s.progress)).toEqual([...seen.map((s) => s.progress)].sort((a, b) => a - b));
      expect(emu.counters.requests({ app: 'workdrive', route: 'POST /workdrive/api/v1/upload' })).toBeGreaterThanOrEqual(1);
    });

    it('logs each call through MCP logging, at the level the client sets', async () => {
      const logs = person.logs;
      const ok = logs.find((l) => (l.data as { tool?: string }).tool === 'books_create_invoice' && (l.data as { outcome?: string }).outcome === 'ok');
      expect(ok).toMatchObject({ level: 'info', logger: 'zoho-agent-kit', data: { confirmMs: expect.any(Number), ids: [expect.stringMatching(/^\d+$/)] } });
      const refused = logs.find((l) => (l.data as { outcome?: string }).outcome === 'refused');
      expect(refused).toMatchObject({ level: 'notice', data: { tool: 'books_create_invoice', error: expect.stringContaining('declined') } });
      expect(logs.find((l) => (l.data as { outcome?: string }).outcome === 'invalid')).toMatchObject({ level: 'warning' });

      await person.client.setLoggingLevel('error');
      const count = logs.length;
      await person.client.callTool({ name: 'books_get_balance', arguments: {} });
      await person.client.callTool({ name: 'books_list_invoices', arguments: { per_page: 'x' } });
      await new Promise((r) => setTimeout(r, 100));
      expect(logs.length).toBe(count);
      await person.client.setLoggingLevel('info');
    });

    it('aborts a running call when the client cancels it (notifications/cancelled)', async () => {
      emu.faults.add({ route: 'GET /books/v3/invoices', kind: 'slow', delayMs: 5000, times: 1 });
      const controller = new AbortController();
      const started = Date.now();
      const call = person.client.callTool({ name: 'books_list_invoices', arguments: { status: 'overdue' } }, undefined, { signal: controller.signal });
      setTimeout(() => controller.abort('the user pressed stop'), 400);
      await expect(call).rejects.toThrow();
      // The server's call ended with the abort, long before the emulator would have answered.
      const line = await until(() => readAudit(audit).find((l) => l.tool === 'books_list_invoices' && l.outcome === 'error' && /cancelled/.test(l.error ?? '')));
      expect(line.durationMs).toBeLessThan(3000);
      expect(Date.now() - started).toBeLessThan(4500);
      // The session goes on.
      const after = await person.client.callTool({ name: 'books_get_balance', arguments: {} });
      expect(after.isError).toBeFalsy();
    });

    it('cancelling a write while the person is being asked closes the question and sends nothing', async () => {
      let questionClosed = false;
      answer = (_request, extra) =>
        new Promise<ElicitResult>((resolve) => {
          extra.signal.addEventListener('abort', () => {
            questionClosed = true;
            resolve({ action: 'cancel' });
          });
        });
      const before = emu.counters.requests(INVOICE_POSTS);
      const controller = new AbortController();
      const call = person.client.callTool({ name: 'books_create_invoice', arguments: invoice(`MCP-${tag}-CANCEL`) }, undefined, { signal: controller.signal });
      await until(() => person.elicitations.some((e) => e.message.includes(`MCP-${tag}-CANCEL`)));
      controller.abort('changed my mind');
      await expect(call).rejects.toThrow();
      const line = await until(() => readAudit(audit).find((l) => l.tool === 'books_create_invoice' && l.outcome === 'refused' && /cancelled/.test(l.error ?? '')));
      expect(line.error).toMatch(/cancelled while waiting for the user/);
      await until(() => questionClosed);
      expect(emu.counters.requests(INVOICE_POSTS)).toBe(before);
      answer = accept;
    });

    it('writes one audit line per call, with no secret in it', () => {
      const lines = readAudit(audit);
      const outcomes = lines.filter((l) => l.tool === 'books_create_invoice').map((l) => l.outcome);
      expect(outcomes).toContain('ok');
      expect(outcomes).toContain('refused');
      expect(outcomes).toContain('denied'); // the hidden write the client without elicitation tried
      expect(outcomes).toContain('invalid');
      expect(lines.every((l) => typeof l.session === 'string' && l.session.length > 0)).toBe(true);
      const raw = JSON.stringify(lines);
      expect(raw).not.toContain(emu.credentials.clientSecret);
      expect(raw).not.toContain(emu.credentials.refreshToken);
    });
  });
}
