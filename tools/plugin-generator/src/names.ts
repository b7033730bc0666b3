import type { ZohoApp } from '@zoho-agent-kit/core';
import type { AppDemo } from './spec.js';

/** The names one generated package uses, derived once from its name, npm package name and app. */
export interface PluginNames {
  /** `acme-crm-extras`: the folder, and the vitest project. */
  name: string;
  /** `@acme/zoho-crm-extras`. */
  packageName: string;
  /** `AcmeCrmExtras`. */
  Pascal: string;
  /** `acmeCrmExtrasPlugin`. */
  plugin: string;
  /** `AcmeCrmExtrasClient`. */
  client: string;
  /** `AcmeCrmExtrasClientOptions`. */
  clientOptions: string;
  /** `acmeCrmExtrasTools`. */
  tools: string;
  /** `ACME_CRM_EXTRAS_INSTRUCTIONS`. */
  instructions: string;
  /** `withAcmeCrmExtras`: adds the tools to the built-in plugin of the app. */
  combine: string;
  /** `crm_acme`: every tool name starts with it. */
  toolPrefix: string;
}

/** The built-in package of an app and the names it exports. */
export interface BuiltinNames {
  app: ZohoApp;
  packageName: string;
  plugin: string;
  emulator: string;
  envelopeReader: string;
  client: string;
  clientOptions: string;
}

export interface ToolNames {
  /** `crm_acme_list_tasks`. */
  name: string;
  /** `crmAcmeListTasks`. */
  exportName: string;
  /** `list-tasks` (the file under src/tools/). */
  file: string;
}

const words = (name: string): string[] => name.split('-').filter(Boolean);
const capital = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

/** `crm_acme_list_tasks` → `crmAcmeListTasks`. */
export function camelCase(snake: string): string {
  return snake.replace(/[_-]([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/**
 * The tools' prefix after the app: the first word of the name that is not the app itself
 * (`acme-crm-extras` → `acme`, `crm-extras` → `extras`), so the tools never take a built-in tool's name.
 */
export function toolPrefix(name: string, app: ZohoApp): string {
  const own = words(name).find((w) => w !== app) ?? words(name)[0]!;
  return `${app}_${own}`;
}

export function pluginNames(name: string, packageName: string, app: ZohoApp): PluginNames {
  const Pascal = words(name).map(capital).join('');
  const camel = Pascal.charAt(0).toLowerCase() + Pascal.slice(1);
  return {
    name,
    packageName,
    Pascal,
    plugin: `${camel}Plugin`,
    client: `${Pascal}Client`,
    clientOptions: `${Pascal}ClientOptions`,
    tools: `${camel}Tools`,
    instructions: `${words(name).join('_').toUpperCase()}_INSTRUCTIONS`,
    combine: `with${Pascal}`,
    toolPrefix: toolPrefix(name, app),
  };
}

export function builtinNames(demo: AppDemo): BuiltinNames {
  const { app, App } = demo;
  return {
    app,
    packageName: `@zoho-agent-kit/${app}`,
    plugin: `${app}Plugin`,
    emulator: `${app}Emulator`,
    envelopeReader: `${app}EnvelopeReader`,
    client: `${App}Client`,
    clientOptions: `${App}ClientOptions`,
  };
}

export function toolNames(prefix: string, verb: string): ToolNames {
  const name = `${prefix}_${verb}`;
  return { name, exportName: camelCase(name), file: verb.replace(/_/g, '-') };
}
