import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { AIMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import { createZohoConnection, fromTable, type AuditEvent, type ConfirmRequest, type RecordTable, type ZohoConnection } from '@zoho-agent-kit/core';
import { emulatorConnectionOptions, startEmulator, type Emulator } from '@zoho-agent-kit/core/emulator';
import { fakeModel } from 'langchain';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ChatSession } from '../src/agent.js';
import { runAgent } from '../src/app.js';
import { loadPlugins, type LoadedPlugin } from '../src/plugins.js';
import { findRole } from '../src/roles.js';
import { createRoleToolkit } from '../src/toolkit.js';
import { cleanEnv, parseCounters, requestsTo } from './helpers.js';

let plugins: LoadedPlugin[];
let emu: Emulator;
let connection: ZohoConnection;

beforeAll(async () => {
  plugins = await loadPlugins();
  emu = await startEmulator({ apps: plugins.flatMap((p) => (p.emulator ? [p.emulator] : [])) });
  connection = createZohoConnection(emulatorConnectionOptions(emu));
});
afterAll(async () => {
  await connection.close();
  await emu.close();
});
beforeEach(() => emu.counters.reset());

const invoicePosts = () => emu.counters.requests({ app: 'books', route: 'POST /books/v3/invoices' });

function lastToolMessage(messages: BaseMessage[]): ToolMessage {
  const found = [...messages].reverse().find((m): m is ToolMessage => m instanceof ToolMessage || m.getType() === 'tool');
  if (!found) throw new Error('no tool message');
  return found;
}

/** A scripted CFO model: look up the customer, bill it, then report. */
function cfoModel() {
  return fakeModel()
    .respondWithTools([{ name: 'books_list_customers', args: { per_page: 20 }, id: 'call_list' }])
    .respond((messages) => {
      // Lists come as a table (columns once, rows of values).
      const listed = JSON.parse(String(lastToolMessage(messages).content)) as { customers: RecordTable };
      const acme = fromTable(listed.customers).find((c) => c.contact_name === 'Acme Widgets') as { contact_id: string } | undefined;
      return new AIMessage({
        content: '',
        tool_calls: [
          {
            id: 'call_create',
            name: 'books_create_invoice',
            args: { customer_id: acme?.contact_id, reference_number: 'LOOP-1', line_items: [{ name: 'Consulting (hours)', quantity: 3, rate: 120 }] },
          },
        ],
      });
    })
    .respond((messages) => new AIMessage(`Done: ${String(lastToolMessage(messages).content).slice(0, 40)}`));
}

describe('the agent loop with a scripted tool-calling model', () => {
  it('the CFO creates an invoice after the user confirms it', async () => {
    const confirmations: ConfirmRequest[] = [];
    const audit: AuditEvent[] = [];
    const role = findRole('CFO')!;
    const toolkit = createRoleToolkit({ role, plugins, connection, confirm: (r) => (confirmations.push(r), true), audit: (e) => void audit.push(e) });
    const lines: string[] = [];
    let text = '';
    const model = cfoModel();
    const session = new ChatSession({
      model,
      toolkit,
      role,
      events: { text: (t) => (text += t), toolEnd: (name, _input, outcome) => lines.push(`${name}:${outcome}`) },
    });

    const turn = await session.ask('Bill Acme Widgets for 3 hours of consulting at $120.');

    expect(lines).toEqual(['books_list_customers:ok', 'books_create_invoice:ok']);
    expect(confirmations).toHaveLength(1);
    expect(confirmations[0]).toMatchObject({ tool: 'books_create_invoice', access: 'write' });
    expect(JSON.stringify(confirmations[0]!.payload)).toContain('LOOP-1');
    expect(invoicePosts()).toBe(1);
    expect(audit.map((e) => `${e.tool}:${e.outcome}`)).toEqual(['books_list_customers:ok', 'books_create_invoice:ok']);
    const created = turn.messages.filter((m) => m.getType() === 'tool').at(-1)!;
    expect(String(created.content)).toMatch(/"invoice_number":"INV-/);
    expect(turn.answer).toMatch(/^Done: /);
    expect(text).toContain('Done: ');
    // The model was told the system prompt for its role.
    expect(JSON.stringify(model.calls[0]!.messages)).toContain('You support the CFO');
  });

  it('with the lean definitions, a scripted model told the shared instructions finds records, pages on and writes', async () => {
    const role = findRole('COO')!;
    const confirmations: ConfirmRequest[] = [];
    const toolkit = createRoleToolkit({ role, plugins, connection, confirm: (r) => (confirmations.push(r), true) });
    const seen: string[][] = [];
    const leadsPage = (messages: BaseMessage[]) => {
      const page = JSON.parse(String(lastToolMessage(messages).content)) as RecordTable & { next_page?: number };
      seen.push(fromTable(page).map((r) => String(r.id)));
      return page;
    };
    const model = fakeModel()
      .respond((messages) => {
        // The instructions text reached the model: it is what tells it how tables and paging work.
        const system = messages.filter((m) => m.getType() === 'system').map((m) => m.text).join('\n');
        if (!system.includes(toolkit.instructions)) throw new Error('the toolkit instructions are not in the system prompt');
        return new AIMessage({ content: '', tool_calls: [{ id: 'c1', name: 'crm_list_records', args: { module: 'Leads', per_page: 5 } }] });
      })
      .respond((messages) => {
        const page = leadsPage(messages);
        return new AIMessage({ content: '', tool_calls: [{ id: 'c2', name: 'crm_list_records', args: { module: 'Leads', per_page: 5, page: page.next_page } }] });
      })
      .respond((messages) => {
        leadsPage(messages);
        return new AIMessage({ content: '', tool_calls: [{ id: 'c3', name: 'crm_search', args: { module: 'Accounts', word: 'Zylker' } }] });
      })
      .respond((messages) => {
        const found = JSON.parse(String(lastToolMessage(messages).content)) as RecordTable;
        const account = fromTable(found)[0] as { id: string };
        return new AIMessage({
          content: '',
          tool_calls: [{ id: 'c4', name: 'crm_create_record', args: { module: 'Tasks', records: [{ Subject: 'Call Zylker about renewal', What_Id: { id: account.id }, $se_module: 'Accounts' }] } }],
        });
      })
      .respond((messages) => new AIMessage(`Done: ${String(lastToolMessage(messages).content).slice(0, 60)}`));
    const turn = await new ChatSession({ model, toolkit, role }).ask('Look through the leads, then add a follow-up task for Zylker.');
    expect(seen).toHaveLength(2);
    expect(seen[0]).toHaveLength(5);
    expect(seen[1]!.some((id) => seen[0]!.includes(id))).toBe(false);
    expect(confirmations.map((c) => c.tool)).toEqual(['crm_create_record']);
    expect(emu.counters.requests({ app: 'crm', route: 'POST /crm/v8/Tasks' })).toBe(1);
    expect(turn.answer).toMatch(/^Done: /);
  });

  it('when the user declines, nothing is sent and the model is told', async () => {
    const role = findRole('CFO')!;
    const toolkit = createRoleToolkit({ role, plugins, connection, confirm: () => false });
    const model = cfoModel();
    const session = new ChatSession({ model, toolkit, role });
    await session.ask('Bill Acme Widgets for 3 hours of consulting at $120.');
    expect(invoicePosts()).toBe(0);
    const told = lastToolMessage(model.calls[2]!.messages);
    expect(String(told.content)).toMatch(/The user declined: .*Nothing was sent to Zoho\./);
  });

  it('a CMO model asking for books_create_invoice is refused and nothing reaches Zoho', async () => {
    const role = findRole('CMO')!;
    const confirmations: ConfirmRequest[] = [];
    const audit: AuditEvent[] = [];
    const toolkit = createRoleToolkit({ role, plugins, connection, confirm: (r) => (confirmations.push(r), true), audit: (e) => void audit.push(e) });
    expect(toolkit.tools.map((t) => t.name)).not.toContain('books_create_invoice');
    const model = fakeModel()
      .respondWithTools([
        { name: 'books_create_invoice', args: { customer_name: 'Zylker Corp', line_items: [{ name: 'Campaign', quantity: 1, rate: 5000 }] }, id: 'call_x' },
      ])
      .respond(new AIMessage('I cannot create invoices in my role.'));
    const session = new ChatSession({ model, toolkit, role });

    const turn = await session.ask('Invoice Zylker for the campaign.');

    const refusal = lastToolMessage(model.calls[1]!.messages);
    expect(String(refusal.content)).toMatch(/books_create_invoice is not allowed for the CMO role; nothing was sent/);
    expect(refusal.status).toBe('error');
    expect(confirmations).toHaveLength(0);
    expect(emu.counters.requests({ app: 'books' })).toBe(0);
    expect(audit.map((e) => `${e.tool}:${e.outcome}`)).toEqual(['books_create_invoice:denied']);
    expect(turn.answer).toBe('I cannot create invoices in my role.');
  });

  it('a made-up tool name gets a clear answer, not a crash', async () => {
    const role = findRole('CFO')!;
    const toolkit = createRoleToolkit({ role, plugins, connection, confirm: () => true });
    const model = fakeModel()
      .respondWithTools([{ name: 'books_wire_money', args: { amount: 1 }, id: 'call_y' }])
      .respond(new AIMessage('ok'));
    await new ChatSession({ model, toolkit, role }).ask('Pay everyone.');
    expect(String(lastToolMessage(model.calls[1]!.messages).content)).toMatch(/There is no tool "books_wire_money"\. Available: .*books_create_invoice/);
  });
});

describe('the REPL in chat mode, in-process with an injected model', () => {
  it('streams the answer, shows one line per tool call, and asks y/N on the same input', async () => {
    const stdin = new PassThrough();
    let out = '';
    let err = '';
    const sink = (append: (s: string) => void) =>
      new Writable({
        write(chunk: Buffer, _enc, done) {
          append(chunk.toString('utf8'));
          done();
        },
      });
    const stdout = sink((s) => (out += s));
    const stderr = sink((s) => (err += s));
    for (const line of ['Bill Acme Widgets for 3 hours at $120.', 'y', '/emulator', '/exit']) stdin.write(`${line}\n`);
    stdin.end();
    const cwd = mkdtempSync(join(tmpdir(), 'zoho-agent-chat-'));
    const code = await runAgent(['--role', 'CFO'], {
      stdin,
      stdout,
      stderr,
      env: cleanEnv(),
      cwd,
      model: cfoModel(),
      plugins,
      onSignal: () => () => undefined,
    });
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain('Model: ');
    expect(out).toMatch(/✓ books_list_customers per_page=20 · ok/);
    expect(out).toMatch(/Payload to send:[\s\S]*LOOP-1[\s\S]*Send this to Zoho\? \[y\/N\]/);
    expect(out).toMatch(/✓ books_create_invoice .* · ok/);
    expect(out).toMatch(/Done: /);
    expect(requestsTo(parseCounters(out), 'books', /^POST \/books\/v3\/invoices$/)).toBe(1);
    // The default audit log, in the working directory.
    const audit = readFileSync(join(cwd, '.zoho-agent-kit/audit.jsonl'), 'utf8').trim().split('\n');
    expect(audit.map((l) => (JSON.parse(l) as AuditEvent).outcome)).toEqual(['ok', 'ok']);
  });
});

describe('cancelling', () => {
  it('an abort stops the running question without ending the session', async () => {
    const role = findRole('CFO')!;
    const toolkit = createRoleToolkit({ role, plugins, connection, confirm: () => true });
    const model = fakeModel()
      .respondWithTools([{ name: 'books_list_invoices', args: {}, id: 'call_slow' }])
      .respond(new AIMessage('Still here.'));
    const session = new ChatSession({ model, toolkit, role });
    const fault = emu.faults.add({ route: 'GET /books/v3/invoices', kind: 'slow', delayMs: 5000 });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(new Error('cancelled by the user')), 300);
    await expect(session.ask('List invoices.', controller.signal)).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(3000);
    emu.faults.remove(fault);
    // The session goes on.
    expect((await session.ask('Are you there?')).answer).toBe('Still here.');
  });
});
