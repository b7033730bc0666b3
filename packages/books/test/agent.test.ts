/**
 * The agent loop with the Books plugin: createAgent (langchain v1) drives the tools through a scripted
 * tool-calling model, so model → tool call → validation → confirmation → HTTP → emulator runs for real.
 */
import { AIMessage, type BaseMessage } from '@langchain/core/messages';
import { fromTable } from '@zoho-agent-kit/core';
import { lastToolResult, ScriptedChatModel } from '@zoho-agent-kit/core/testing';
import { createAgent } from 'langchain';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_ORGANIZATION_ID, type BooksState } from '../src/emulator/index.js';
import { startBooks, type BooksHarness } from './helpers.js';


let h: BooksHarness;
beforeAll(async () => {
  h = await startBooks({ plugin: { organizationId: DEFAULT_ORGANIZATION_ID } });
});
afterAll(() => h.close());

it('createAgent runs the Books tools end to end: what we owe → Zylker’s draft → e-mail it (confirmed) → answer', async () => {
  let draftId: unknown;
  const model = new ScriptedChatModel([
    () => new AIMessage({ content: '', tool_calls: [{ id: 'call_1', name: 'books_list_bills', args: { status: 'unpaid', sort: 'due_date' } }] }),
    () => new AIMessage({ content: '', tool_calls: [{ id: 'call_2', name: 'books_list_invoices', args: { status: 'draft', search_text: 'Zylker' } }] }),
    (seen) => {
      // The list answers with a table: read the invoice_id column of the first row.
      const drafts = lastToolResult<Record<string, any>>(seen).invoices as { columns: string[]; rows: unknown[][] };
      draftId = drafts.rows[0]![drafts.columns.indexOf('invoice_id')];
      return new AIMessage({ content: '', tool_calls: [{ id: 'call_3', name: 'books_send_invoice', args: { invoice_id: draftId } }] });
    },
    (seen) => new AIMessage(`The Zylker draft went to ${String(lastToolResult<{ sent_to: string[] }>(seen).sent_to)}.`),
  ]);
  const agent = createAgent({ model, tools: h.kit.tools, systemPrompt: h.kit.instructions });
  const result = await agent.invoke({ messages: [{ role: 'user', content: 'What do we owe, and send Zylker its draft invoice' }] });

  expect(model.boundTools).toEqual(expect.arrayContaining(['books_list_bills', 'books_send_invoice', 'books_void_invoice', 'books_create_customer']));
  const system = model.seen[0]![0]!;
  expect(system.getType()).toBe('system');
  expect(system.text).toContain('Estimates are quotes');
  const toolMessages = result.messages.filter((m: BaseMessage) => m.getType() === 'tool');
  expect(toolMessages).toHaveLength(3);
  const bills = JSON.parse(String(toolMessages[0]!.content));
  expect(fromTable(bills.bills).length).toBeGreaterThan(0);
  expect(bills.page_totals.balance.USD).toMatch(/^\d+\.\d{2}$/);
  expect(JSON.parse(String(toolMessages[2]!.content))).toMatchObject({ invoice_id: draftId, sent_to: ['bob.burns@zylker.example'] });
  expect(h.confirmations.at(-1)).toMatchObject({ tool: 'books_send_invoice', after: { status: 'sent', sent_to: ['bob.burns@zylker.example'] } });
  const sent = h.emu.state<BooksState>('books').organizations[0]!.invoices.find((i) => i.invoice_id === draftId)!;
  expect(sent).toMatchObject({ status: 'sent', emailed: true });
  expect(String(result.messages.at(-1)!.content)).toMatch(/went to bob\.burns@zylker\.example/);
});

it('a refused void reaches the model as text, and nothing is sent', async () => {
  h.approve.value = false;
  try {
    const model = new ScriptedChatModel([
      () => new AIMessage({ content: '', tool_calls: [{ id: 'c1', name: 'books_void_invoice', args: { invoice_id: '4372460000000000092' } }] }),
      () => new AIMessage('Understood, I left it as it is.'),
    ]);
    const agent = createAgent({ model, tools: h.kit.tools, systemPrompt: h.kit.instructions });
    const result = await agent.invoke({ messages: [{ role: 'user', content: 'Void the Acme draft' }] });
    const tool = result.messages.find((m: BaseMessage) => m.getType() === 'tool')!;
    expect(String(tool.content)).toMatch(/The user declined: Void invoice INV-\d+ for Acme Widgets .*Nothing was sent to Zoho/);
    expect(h.emu.counters.requests({ route: 'POST /books/v3/invoices/*/status/void' })).toBe(0);
  } finally {
    h.approve.value = true;
  }
});
