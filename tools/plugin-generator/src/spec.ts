import type { ZohoApp } from '@zoho-agent-kit/core';

/** A JSON value the generated code or test carries as a literal. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** One input field of the generated write tool. */
export interface FieldSpec {
  /** The input's name (snake_case, as the model sends it). */
  field: string;
  /** The `.describe()` text. */
  describe: string;
  /** Longest value Zoho takes. */
  max: number;
}

/**
 * What the generator knows about one app: which of the routes that its package's emulator slice serves the
 * scaffold demonstrates, and the few lines of wire format those calls need. Everything else (envelope reader,
 * context ids such as the portal or organization, the emulator itself) is imported from the app's package.
 */
export interface AppDemo {
  app: ZohoApp;
  /** `Zoho CRM`. */
  product: string;
  /** Spelling in the built-in package's names: `Crm` → `CrmClient`, `CrmClientOptions`. */
  App: string;
  /**
   * The built-in client the generated client keeps only to find the account's context id (Books organization,
   * Projects portal, Mail account, WorkDrive team), so that lookup and its configuration stay in the app's package.
   */
  context?: { field: string; what: string };
  /** Names the generated client imports from @zoho-agent-kit/core besides ZohoAppClient and ZohoConnection. */
  coreImports?: string[];
  /** Module-level code of src/client.ts (constants, wire types), before the class. */
  clientConstants: string;
  /**
   * The client's methods: `list(request, options)`, `parent(id, options)` when the write has a parent,
   * `bodyFor(fields[, parent], options)`, `create(body[, parent], options)` and
   * `findCreated(fields[, parent], since, options)`.
   */
  clientMethods: string;
  read: {
    /** Tool name after `<app>_<prefix>_`: `list_tasks`. */
    verb: string;
    /** Key of the table in the result: `tasks`. */
    key: string;
    /** Description: what, when (one line each). */
    description: string;
    scopes: string[];
    /** `GET /crm/v8/Tasks`, as the emulator counts it. */
    route: string;
    /** Table columns first, in this order. */
    columns: string[];
    /** Whether the route pages: the tool then takes `limit` and `next_page`. */
    paging?: { max: number; next: RegExp };
    /** Input of the tool's example (returns data on the seed). */
    example: { [key: string]: Json };
    /** A value the seed has in `column` of the example's rows. */
    seeded: { column: string; value: string };
  };
  write: {
    /** `create_task`. */
    verb: string;
    /** `task`: for summaries and messages. */
    thing: string;
    description: string;
    scopes: string[];
    /** `POST /crm/v8/Tasks`, as the emulator counts it. */
    route: string;
    /** The container the write goes into (a project, a channel…), read first and named in the summary. */
    parent?: FieldSpec & { what: string; pattern: RegExp; patternText: string; missing: string };
    /** The text that names the new record; it may not be blank. */
    name: FieldSpec;
    /** Further optional (or, with `required`, mandatory) fields. */
    extras?: (FieldSpec & { kind: 'text' | 'date'; required?: boolean })[];
    /** `bodyFor` takes the parent too (Calendar: its time zone; WorkDrive: its id in the body). */
    bodyUsesParent?: boolean;
    /** `bodyFor` reads something first (Mail: the account's address), so it is async and takes the call options. */
    bodyAsync?: boolean;
    /** Refuse a name the container already has (Books contacts, WorkDrive folders are unique by name). */
    unique?: boolean;
    /**
     * The tool to check with by hand when a reconcile cannot tell (a built-in tool of the app): the body of a
     * template literal that may use `fields` and, with a parent, `parent`.
     */
    checkWith: string;
    /** The `New<Thing>` interface body (the write's fields without the parent). */
    fields: string;
    /** Input of the tool's example (works on the seed). */
    example: { [key: string]: Json };
  };
  /** Lines for the plugin's instructions, beyond the generic ones. */
  instructions?: string[];
}
