import { createZohoConnection, createZohoToolkit, fromTable, type ConfirmRequest, type RecordTable, type ZohoConnection, type ZohoConnectionOptions, type ZohoToolkit, type ZohoToolkitOptions } from '@zoho-agent-kit/core';
import { emulatorConnectionOptions, startEmulator, type Emulator, type EmulatorOptions } from '@zoho-agent-kit/core/emulator';
import { booksPlugin, parseAmount, type BooksPluginOptions } from '../src/index.js';
import { BOOKS_NAME_ID_PAIRS } from '../src/tools/shared.js';
import { booksEmulator } from '../src/emulator/index.js';

export interface BooksHarness {
  emu: Emulator;
  connection: ZohoConnection;
  kit: ZohoToolkit;
  confirmations: ConfirmRequest[];
  /** What the confirm hook answers next (default yes). */
  approve: { value: boolean };
  call(name: string, input: unknown): Promise<{ outcome: string; text: string; json: any; reconciled?: string }>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  emulator?: EmulatorOptions;
  connection?: ZohoConnectionOptions;
  plugin?: BooksPluginOptions;
  /** Reuse a running emulator (closed by its owner). */
  reuse?: Emulator;
  /** Extra toolkit options (e.g. `reconcileSettleMs`). */
  toolkit?: Partial<Pick<ZohoToolkitOptions, 'reconcileSettleMs' | 'reconcileTimeoutMs' | 'audit'>>;
}

/** Emulator (no rate limits unless asked) + connection + toolkit with the Books plugin and a recording confirm hook. */
export async function startBooks(options: HarnessOptions = {}): Promise<BooksHarness> {
  const emu = options.reuse ?? (await startEmulator({ apps: [booksEmulator], limits: { books: false }, ...options.emulator }));
  const connection = createZohoConnection(
    emulatorConnectionOptions(emu, { limits: { books: false }, retry: { baseDelayMs: 5, maxDelayMs: 20 }, ...options.connection }),
  );
  const confirmations: ConfirmRequest[] = [];
  const approve = { value: true };
  const kit = createZohoToolkit({
    connection,
    plugins: [booksPlugin],
    confirm: (r) => {
      confirmations.push(r);
      return approve.value;
    },
    pluginOptions: { books: options.plugin ?? {} },
    ...options.toolkit,
  });
  return {
    emu,
    connection,
    kit,
    confirmations,
    approve,
    async call(name, input) {
      const res = await kit.call(name, input);
      let json: unknown;
      try {
        json = JSON.parse(res.text);
      } catch {
        json = undefined;
      }
      return { ...res, json };
    },
    async close() {
      await connection.close();
      if (!options.reuse) await emu.close();
    },
  };
}

/** A decimal string as exact cents, to compare amounts exactly (the package's own parser). */
export const cents = (text: string): bigint => parseAmount(text);

/** The records of a Books table result: core's fromTable, with the values every row shares put back in each row. */
export function rowsOf(result: Record<string, unknown>, key: string): any[] {
  const table = result[key] as RecordTable;
  const shared = (result.every_row as Record<string, unknown> | undefined) ?? {};
  return fromTable(table, { pairs: BOOKS_NAME_ID_PAIRS }).map((row) => ({ ...shared, ...row }));
}

