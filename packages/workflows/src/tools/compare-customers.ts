import { defineZohoTool, toTable } from '@zoho-agent-kit/core';
import { z } from 'zod';
import { compareCustomers, personName, primaryEmail, type CustomerComparison } from '../customers.js';
import { client, type FlowClients } from '../shared.js';
import { SCOPES, use } from '../uses.js';

const input = z.object({
  show_in_sync: z.boolean().optional().describe('Also list the pairs that agree.'),
});

/** The comparison as a model reads it: what is missing on each side, what differs, what is not linked yet. */
export function shapeComparison(c: CustomerComparison, showInSync = false): Record<string, unknown> {
  const differing = c.pairs.filter((p) => p.differences.length > 0);
  const unlinked = c.pairs.filter((p) => !p.linked.books && !p.linked.crm);
  const out: Record<string, unknown> = {
    summary: `${c.pairs.length + c.onlyInCrm.length} CRM accounts, ${c.pairs.length + c.onlyInBooks.length} Books customers: ${c.pairs.length} matched (${differing.length} with differences), ${c.onlyInCrm.length} only in CRM, ${c.onlyInBooks.length} only in Books; ${unlinked.length} matched pairs have no cross-reference yet.`,
  };
  if (c.onlyInCrm.length) out.only_in_crm = toTable(c.onlyInCrm.map((a) => ({ account_id: a.id, name: a.name, email: primaryEmail(a), contact: personName(a.contacts[0]), city: a.address.city })));
  if (c.onlyInBooks.length) out.only_in_books = toTable(c.onlyInBooks.map((b) => ({ customer_id: b.id, name: b.name, email: primaryEmail(b), currency: b.currency, city: b.address.city })));
  if (differing.length) {
    out.differences = toTable(differing.flatMap((p) => p.differences.map((d) => ({ account_id: p.crm.id, customer_id: p.books.id, matched_by: p.matched_by, field: d.field, crm: d.crm, books: d.books }))));
  }
  if (unlinked.length) out.not_linked = toTable(unlinked.map((p) => ({ account_id: p.crm.id, customer_id: p.books.id, name: p.crm.name, matched_by: p.matched_by })));
  if (showInSync) {
    const agree = c.pairs.filter((p) => p.differences.length === 0);
    out.in_sync = toTable(agree.map((p) => ({ account_id: p.crm.id, customer_id: p.books.id, name: p.crm.name, matched_by: p.matched_by, linked: p.linked.books && p.linked.crm ? 'both' : p.linked.books ? 'books' : p.linked.crm ? 'crm' : 'no' })));
  }
  if (c.ambiguous.length) out.ambiguous = toTable(c.ambiguous.map((a) => ({ side: a.side, id: a.id, name: a.name, candidates: a.candidates.join('; ') })));
  if (c.partial.length) out.partial = `read in part only (over the page limits): ${c.partial.join(', ')}`;
  const work = c.onlyInCrm.length + c.onlyInBooks.length + differing.length + unlinked.length;
  out.next = work
    ? 'flow_sync_customers_to_books makes Books follow CRM (creates the CRM-only customers); flow_sync_customers_to_crm makes CRM follow Books. Both record the cross-reference.'
    : 'Nothing to do: every customer is on both sides, linked and the same.';
  return out;
}

export const flowCompareCustomers = defineZohoTool<typeof input, FlowClients, CustomerComparison>({
  name: 'flow_compare_customers',
  app: 'flow',
  access: 'read',
  uses: [use('crm', 'read', SCOPES.crmRead), use('books', 'read', SCOPES.booksCustomersRead)],
  description: `Compare CRM accounts (and their primary contacts) with Books customers: matched by cross-reference, e-mail, then name.
Returns those missing on either side and differing names, e-mails, addresses, currencies; changes nothing.`,
  examples: [{}],
  input,
  run: (_args, ctx) => compareCustomers(client(ctx, 'crm'), client(ctx, 'books'), ctx.signal),
  shape: (c, args) => shapeComparison(c, args.show_in_sync),
});
