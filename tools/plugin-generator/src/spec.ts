import type { ZohoApp } from '@zoho-agent-kit/core';

/** A JSON value a generated test passes to a tool or expects back (rendered into the test as a literal). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** One call of the example tool in the generated test: input, and a subset of the JSON the model reads. */
export interface ToolCase {
  title: string;
  input: { [key: string]: Json };
  /** Passed to `toMatchObject` against the parsed tool text (an array must list every element). */
  expected: { [key: string]: Json } | Json[];
}

/**
 * What the generator knows about one Zoho app: names, hosts and scopes as data here; the app-specific
 * source (client, envelope, first tool, emulator route and seed) lives in `templates/<app>/*.tmpl`.
 */
export interface AppSpec {
  app: ZohoApp;
  /** Spelling for classes and types: `Mail`, `WorkDrive`. */
  App: string;
  /** `Zoho Mail`. */
  product: string;
  /** package.json description and README lead. */
  description: string;
  /** One line about the API the client calls (README). */
  api: string;
  /** Wire digest the templates follow, under /work/shared/zoho-api/ (README and source comments). */
  digest?: string;
  /** Every scope the emulator's demo credentials get for this app. */
  emulatorScopes: string[];
  /** The emulator's stand-in for Zoho's limit, and where the number comes from. */
  rateLimit: { limit: number; windowMs: number; note: string };
  /** How the app reports errors (README). */
  errorsNote: string;
  /** The example read tool the scaffold ships. */
  tool: {
    name: string;
    scopes: string[];
    /** Tool-table line: what it does. */
    what: string;
    /** Exported types of src/client.ts that index.ts re-exports. */
    clientTypes: string[];
    /** Route the tool calls, as the emulator counts it (`GET /api/accounts`). */
    route: string;
  };
  /** Exported types of src/emulator/state.ts that src/emulator/index.ts re-exports. */
  stateTypes: string[];
  /** README paragraph on the seeded data. */
  seedNote: string;
  test: {
    cases: ToolCase[];
    /** `raw: true` answer: a subset of the unshaped result. */
    raw: ToolCase;
    /** Input the schema refuses, and the field the error names. */
    bad: { input: { [key: string]: Json }; field: string };
    /** HTTP status of the app's throttling answer (usually 429). */
    throttleStatus: number;
    /** Zoho code the app's 5xx answer carries, which the model should see. */
    serverErrorCode: string;
  };
  /** README example: what `kit.call(tool, example)` prints, shortened. */
  example: { input: { [key: string]: Json }; output: string };
}
