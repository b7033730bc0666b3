import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ORGANIZATION_ID, type BooksState } from '../src/emulator/index.js';
import { rowsOf, startBooks, type BooksHarness } from './helpers.js';

let h: BooksHarness;

beforeAll(async () => {
  h = await startBooks({ plugin: { organizationId: DEFAULT_ORGANIZATION_ID } });
});
afterAll(async () => {
  await h.close();
});
afterEach(() => {
  h.emu.resetState('books');
  h.emu.counters.reset();
  h.confirmations.length = 0;
});

const org = () => h.emu.state<BooksState>('books').organizations[0]!;
const posts = () => h.emu.counters.requests({ route: 'POST /books/v3/invoices' }) + h.emu.counters.requests({ route: 'POST /books/v3/customerpayments' });
const isoDaysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const line = { name: 'SEO Audit', quantity: '1', rate: '899.00' };

/** Every case is refused before the person is asked, and nothing is written. */
async function refused(tool: string, input: Record<string, unknown>, message: RegExp): Promise<string> {
  const res = await h.call(tool, input);
  expect(res.outcome, `${tool} ${JSON.stringify(input).slice(0, 200)}: ${res.text}`).toBe('invalid');
  expect(res.text).toMatch(message);
  expect(res.text).toMatch(/(Nothing|No change) was sent to Zoho/);
  expect(h.confirmations).toHaveLength(0);
  expect(posts()).toBe(0);
  return res.text;
}

describe('books_create_invoice checks values before the confirmation', () => {
  it('refuses amounts, quantities and dates Books would reject', async () => {
    await refused('books_create_invoice', { customer_name: 'Zylker Corp', line_items: [{ ...line, rate: '12000000000.00' }] }, /line_items\[0\]\.rate": "12000000000\.00" is above the largest amount accepted \(9999999999\.99\)/);
    await refused('books_create_invoice', { customer_name: 'Zylker Corp', line_items: [{ ...line, quantity: '100000', rate: '9999999.99' }] }, /field "line_items\[0\]": the line total 999999999000\.00 is above the largest amount/);
    await refused('books_create_invoice', { customer_name: 'Zylker Corp', line_items: [{ ...line, quantity: '-1' }] }, /line_items\[0\]\.quantity": must be greater than 0/);
    await refused('books_create_invoice', { customer_name: 'Zylker Corp', line_items: [{ ...line, quantity: '1.255' }] }, /line_items\[0\]\.quantity": "1\.255" has more than 2 decimal places/);
    await refused('books_create_invoice', { customer_name: 'Zylker Corp', line_items: [line], date: '2026-02-30' }, /field "date": must be a real calendar date as yyyy-mm-dd/);
    await refused('books_create_invoice', { customer_name: 'Zylker Corp', line_items: [line], date: '26-02-01' }, /field "date": must be a real calendar date/);
    await refused('books_create_invoice', { customer_name: 'Zylker Corp', line_items: [line], payment_terms: -3 }, /field "payment_terms"/);
    await refused('books_create_invoice', { customer_name: 'Zylker Corp', line_items: [line], reference_number: 'R'.repeat(101) }, /field "reference_number": Too big/i);
    await refused('books_create_invoice', { customer_name: '   ', line_items: [line] }, /field "customer_name": must not be empty/);
  });

  it('accepts amounts given as JSON numbers and reads them as their decimal text', async () => {
    const res = await h.call('books_create_invoice', { customer_name: 'Zylker Corp', line_items: [{ name: 'Widget', quantity: 3, rate: 19.99 }] });
    expect(res.outcome).toBe('ok');
    expect(res.json.total).toBe('59.97');
  });

  it('refuses an inactive customer', async () => {
    const acme = org().contacts.find((c) => c.contact_name === 'Acme Widgets')!;
    acme.status = 'inactive';
    await refused('books_create_invoice', { customer_id: acme.contact_id, line_items: [line] }, /field "customer_id": Acme Widgets is inactive in Books/);
  });
});

describe('books_record_payment checks values before the confirmation', () => {
  async function unpaid() {
    const list = await h.call('books_list_invoices', { status: 'unpaid', per_page: 200 });
    return rowsOf(list.json, 'invoices').find((i: { status: string }) => i.status === 'unpaid') as { invoice_id: string; date: string; balance: string };
  }

  it('refuses a payment dated in the future or before its invoice', async () => {
    const inv = await unpaid();
    await refused('books_record_payment', { invoice_id: inv.invoice_id, amount: '1.00', date: isoDaysFromNow(3) }, /field "date": .* is in the future/);
    await refused('books_record_payment', { invoice_id: inv.invoice_id, amount: '1.00', date: '2001-01-01' }, new RegExp(`field "date": 2001-01-01 is before the invoice date ${inv.date}`));
  });

  it('refuses a deposit account Books would not take', async () => {
    const inv = await unpaid();
    const accounts = org().accounts;
    const euro = accounts.find((a) => a.account_name === 'Euro Operating Account')!;
    const card = accounts.find((a) => a.account_type === 'credit_card')!;
    await refused('books_record_payment', { invoice_id: inv.invoice_id, amount: '1.00', deposit_to_account_id: euro.account_id }, /Euro Operating Account holds EUR; a USD payment goes to a USD account/);
    await refused('books_record_payment', { invoice_id: inv.invoice_id, amount: '1.00', deposit_to_account_id: card.account_id }, /is a credit_card account; deposit to a bank or cash account/);
    await refused('books_record_payment', { invoice_id: inv.invoice_id, amount: '1.00', deposit_to_account_id: '4372460000999999999' }, /no Books account has the id 4372460000999999999/);
    const bank = accounts.find((a) => a.account_name === 'Business Checking')!;
    const ok = await h.call('books_record_payment', { invoice_id: inv.invoice_id, amount: '1.00', deposit_to_account_id: bank.account_id });
    expect(ok.outcome).toBe('ok');
  });

  it('refuses amounts above the bound and non-positive amounts', async () => {
    const inv = await unpaid();
    await refused('books_record_payment', { invoice_id: inv.invoice_id, amount: '-5' }, /field "amount": must be greater than 0/);
    await refused('books_record_payment', { invoice_id: inv.invoice_id, amount: '99999999999' }, /field "amount": .* is above the largest amount accepted/);
  });
});

describe('list filters', () => {
  it('refuse an end date before the start date, sending nothing', async () => {
    for (const tool of ['books_list_invoices', 'books_list_expenses']) {
      const res = await h.call(tool, { date_start: '2026-03-01', date_end: '2026-02-01' });
      expect(res.outcome).toBe('invalid');
      expect(res.text).toMatch(/field "date_end": 2026-02-01 is before the start date 2026-03-01/);
    }
    expect(h.emu.counters.requests({ app: 'books' })).toBe(0);
  });
});

describe('a 1 MB input is answered briefly', () => {
  it('quotes at most a short prefix, whichever field it is in, and sends nothing', async () => {
    const huge = '7'.repeat(1_000_000);
    const cases: [string, Record<string, unknown>][] = [
      ['books_create_invoice', { customer_name: 'Zylker Corp', line_items: [{ ...line, rate: huge }] }],
      ['books_create_invoice', { customer_name: 'Zylker Corp', line_items: [line], notes: huge }],
      ['books_create_invoice', { customer_name: huge, line_items: [line] }],
      ['books_record_payment', { invoice_id: '4372460000000000060', amount: huge }],
      ['books_list_expenses', { category: huge }],
      ['books_list_invoices', { search_text: huge }],
    ];
    for (const [tool, input] of cases) {
      const res = await h.call(tool, input);
      expect(res.outcome, tool).toBe('invalid');
      expect(res.text.length, `${tool}: ${res.text.slice(0, 200)}`).toBeLessThan(600);
    }
    // An amount too long for Books' field but short enough to parse is quoted by its prefix only.
    const long = await h.call('books_create_invoice', { customer_name: 'Zylker Corp', line_items: [{ ...line, rate: `${'9'.repeat(29)}x` }] });
    expect(long.text.length).toBeLessThan(400);
    expect(h.emu.counters.requests({ app: 'books' })).toBe(0);
  });

  it('an unknown category is quoted briefly', async () => {
    const res = await h.call('books_list_expenses', { category: `Yachts ${'and more '.repeat(10)}` });
    expect(res.outcome).toBe('invalid');
    expect(res.text).toMatch(/no expense category is named "Yachts and more and more and more and mo… \(96 characters\)"; categories: .*Travel Expense/);
  });
});

describe('strict inputs', () => {
  it('a misspelt field is an error naming the valid one, through toolkit.call and the LangChain tool, and nothing is sent', async () => {
    const res = await h.call('books_list_invoices', { statuss: 'overdue' });
    expect(res.outcome).toBe('invalid');
    expect(res.text).toMatch(/unknown field "statuss"; did you mean "status"\?/);

    const tool = h.kit.tools.find((t) => t.name === 'books_list_invoices')!;
    const viaToolCall = (await tool.invoke({ type: 'tool_call', id: 'call-1', name: 'books_list_invoices', args: { statuss: 'overdue' } })) as { content: string; status?: string };
    expect(viaToolCall.content).toMatch(/unknown field "statuss"; did you mean "status"\?/);
    expect(viaToolCall.status).toBe('error');
    const viaInvoke = await tool.invoke({ stauts: 'overdue' } as never);
    expect(viaInvoke).toMatch(/unknown field "stauts"; did you mean "status"\?/);

    const nested = await h.call('books_create_invoice', { customer_name: 'Zylker Corp', line_items: [{ name: 'SEO Audit', quantty: '1', rate: '899.00' }] });
    expect(nested.outcome).toBe('invalid');
    expect(nested.text).toMatch(/unknown field "line_items\[0\]\.quantty"|unknown field "line_items\.0\.quantty"|quantty.*did you mean "quantity"/);
    const viaWrite = (await h.kit.tools.find((t) => t.name === 'books_record_payment')!.invoke({ type: 'tool_call', id: 'call-2', name: 'books_record_payment', args: { invoice_id: '4372460000000000060', ammount: '1.00' } })) as { content: string };
    expect(viaWrite.content).toMatch(/unknown field "ammount"; did you mean "amount"\?/);

    expect(h.emu.counters.requests({ app: 'books' })).toBe(0);
    expect(h.confirmations).toHaveLength(0);
  });

  it('a valid call with the same tool still answers (the strictness is about names, not the filter)', async () => {
    const res = await h.call('books_list_invoices', { status: 'overdue' });
    expect(res.outcome).toBe('ok');
    expect(res.json.every_row.status).toBe('overdue');
    expect(rowsOf(res.json, 'invoices')).toHaveLength(11);
  });
});
