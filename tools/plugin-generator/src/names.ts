import type { ZohoApp } from '@zoho-agent-kit/core';

/** Every name a generated package uses, derived once from the app and its display spelling. */
export interface PluginNames {
  /** `mail` — the ZohoApp, also the camelCase prefix the agent looks for (`mailPlugin`, `mailEmulator`). */
  app: ZohoApp;
  /** `Mail`, `WorkDrive` — for classes and types. */
  App: string;
  /** `MAIL`, `WORKDRIVE` — for constants. */
  APP: string;
  /** `@zoho-agent-kit/mail`. */
  packageName: string;
  plugin: string;
  client: string;
  clientOptions: string;
  envelopeReader: string;
  tools: string;
  emulator: string;
  createEmulator: string;
  emulatorOptions: string;
  emulatorScopes: string;
  state: string;
  createState: string;
  errors: string;
  routes: string;
}

export function pluginNames(app: ZohoApp, App: string): PluginNames {
  return {
    app,
    App,
    APP: app.toUpperCase(),
    packageName: `@zoho-agent-kit/${app}`,
    plugin: `${app}Plugin`,
    client: `${App}Client`,
    clientOptions: `${App}ClientOptions`,
    envelopeReader: `${app}EnvelopeReader`,
    tools: `${app}Tools`,
    emulator: `${app}Emulator`,
    createEmulator: `create${App}Emulator`,
    emulatorOptions: `${App}EmulatorOptions`,
    emulatorScopes: `${app.toUpperCase()}_EMULATOR_SCOPES`,
    state: `${App}State`,
    createState: `create${App}State`,
    errors: `${app}Errors`,
    routes: `${app}Routes`,
  };
}

/** `mail_list_accounts` → `mailListAccounts`. */
export function toolExportName(toolName: string): string {
  return toolName.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** `mail_list_accounts` → `list-accounts` (the file under src/tools/). */
export function toolFileName(app: string, toolName: string): string {
  return toolName.slice(app.length + 1).replace(/_/g, '-');
}
