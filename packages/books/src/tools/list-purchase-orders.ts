import { defineZohoTool } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { BooksClient, BooksList, BooksPurchaseOrder } from '../client.js';
import {
  DEFAULT_PER_PAGE,
  idSchema,
  listResult,
  ORG_DISCOVERY_SCOPE,
  pageSchema,
  perPageSchema,
  searchSchema,
  shapeRecord,
  totalsByCurrency,
} from './shared.js';

const input = z.object({
  status: z.enum(['draft', 'open', 'billed', 'cancelled']).optional().describe('open = ordered, not yet billed.'),
  vendor_id: idSchema('vendor').optional().describe("The vendor's contact_id."),
  search_text: searchSchema().optional().describe('PO number, reference or vendor name.'),
  page: pageSchema,
  per_page: perPageSchema,
});

export const PURCHASE_ORDER_COLUMNS = ['purchaseorder_id', 'purchaseorder_number', 'status', 'vendor_name', 'vendor_id', 'date', 'delivery_date', 'currency_code', 'total', 'billed_status', 'reference_number'];

export const booksListPurchaseOrders = defineZohoTool<typeof input, BooksClient, BooksList<'purchaseorders', BooksPurchaseOrder>>({
  name: 'books_list_purchase_orders',
  app: 'books',
  access: 'read',
  scopes: ['ZohoBooks.purchaseorders.READ', ORG_DISCOVERY_SCOPE],
  description: `List Zoho Books purchase orders to vendors, newest first.
Use for what the agency ordered and is not yet billed for.
Returns a table with page_totals.`,
  examples: [{ status: 'open' }],
  input,
  run: (args, ctx) => {
    return ctx.client.listPurchaseOrders(
      {
        status: args.status,
        vendor_id: args.vendor_id,
        search_text: args.search_text,
        page: args.page ?? 1,
        per_page: args.per_page ?? DEFAULT_PER_PAGE,
      },
      { signal: ctx.signal },
    );
  },
  shape: (result, args) => {
    const orders = result.purchaseorders ?? [];
    const rows = orders.map((po) => {
      const row = shapeRecord<Record<string, unknown>>(po);
      // Books' order_status repeats the status (billed orders read "closed").
      if (row.order_status === row.status || (row.order_status === 'closed' && row.status === 'billed')) delete row.order_status;
      return row;
    });
    return listResult('purchase_orders', result.page_context, args.page ?? 1, rows, PURCHASE_ORDER_COLUMNS, {
      total: totalsByCurrency(orders, (p) => p.currency_code, (p) => p.total),
    });
  },
});
