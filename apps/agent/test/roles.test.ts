import { createZohoConnection, enabledUses, minimalScopes, scopeCovers, type ZohoConnection } from '@zoho-agent-kit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlugins, type LoadedPlugin } from '../src/plugins.js';
import { findRole, ROLES, systemPrompt } from '../src/roles.js';
import { createRoleToolkit, roleScopes, unavailableApps } from '../src/toolkit.js';

let plugins: LoadedPlugin[];
let connection: ZohoConnection;

beforeAll(async () => {
  plugins = await loadPlugins();
  // Never used for a request: the toolkit only needs a connection to register the apps.
  connection = createZohoConnection({ clientId: '1000.TEST', clientSecret: 'unused', refreshToken: 'unused' });
});
afterAll(() => connection.close());

function kitFor(name: string) {
  return createRoleToolkit({ role: findRole(name)!, plugins, connection });
}

describe('roles', () => {
  it('finds the CRM and Books plugins', () => {
    expect(plugins.map((p) => p.plugin.app)).toEqual(expect.arrayContaining(['crm', 'books']));
  });

  it('are the six roles, each with a policy named after it and a prompt', () => {
    expect(ROLES.map((r) => r.name)).toEqual(['CEO', 'CMO', 'CTO', 'CFO', 'COO', 'AV']);
    for (const role of ROLES) {
      expect(role.policy.name).toBe(role.name);
      expect(systemPrompt(role)).toContain(role.prompt);
      expect(Object.keys(role.policy.apps).length).toBeGreaterThan(0);
    }
  });

  it("each role's scope list is exactly the minimal union of its allowed tools' scopes", () => {
    for (const role of ROLES) {
      const kit = createRoleToolkit({ role, plugins, connection });
      // A tool across apps needs the scopes of the uses the role enables (an optional part it may not use, none).
      const scopesOf = (t: (typeof kit.allowed)[number]) => enabledUses(role.policy, t).flatMap((u) => u.scopes);
      const needed = kit.allowed.flatMap(scopesOf);
      expect(kit.scopes, role.name).toEqual(minimalScopes(needed));
      expect(roleScopes(role, plugins), role.name).toEqual(kit.scopes);
      // Covers every scope of every allowed tool …
      for (const t of kit.allowed) for (const s of scopesOf(t)) expect(kit.scopes.some((g) => scopeCovers(g, s)), `${role.name} ${t.name} ${s}`).toBe(true);
      // … with nothing a tool does not ask for, and nothing that could be left out.
      for (const s of kit.scopes) {
        expect(needed, `${role.name} ${s}`).toContain(s);
        const rest = kit.scopes.filter((x) => x !== s);
        expect(needed.some((req) => !rest.some((g) => scopeCovers(g, req))), `${role.name} needs ${s}`).toBe(true);
      }
    }
  });

  it('are read-only where the role only looks', () => {
    const ceo = kitFor('CEO');
    expect(ceo.allowed.filter((t) => t.app === 'books' || t.app === 'crm').every((t) => t.access === 'read')).toBe(true);
    expect(ceo.allowed.map((t) => t.name)).toContain('books_list_invoices');
    expect(ceo.allowed.map((t) => t.name)).not.toContain('books_create_invoice');
    expect(ceo.scopes.some((s) => /^ZohoBooks\..*\.(CREATE|UPDATE|DELETE|ALL)$/i.test(s))).toBe(false);

    const cfo = kitFor('CFO');
    expect(cfo.allowed.map((t) => t.name)).toEqual(expect.arrayContaining(['books_create_invoice', 'books_record_payment', 'crm_search']));
    expect(cfo.allowed.filter((t) => t.app === 'crm').every((t) => t.access === 'read')).toBe(true);

    const cmo = kitFor('CMO');
    expect(cmo.allowed.some((t) => t.app === 'books')).toBe(false);
    expect(cmo.scopes.some((s) => s.startsWith('ZohoBooks'))).toBe(false);
    expect(cmo.allowed.map((t) => t.name)).toContain('crm_create_record');
    expect(cmo.allowed.map((t) => t.name)).not.toContain('crm_delete_record');

    const av = kitFor('AV');
    expect(av.allowed.map((t) => t.name)).toEqual(expect.arrayContaining(['crm_update_record', 'crm_create_record', 'crm_search']));
    expect(av.allowed.map((t) => t.name)).not.toContain('crm_delete_record');
    expect(av.allowed.some((t) => t.app === 'books')).toBe(false);
  });

  it('report the apps that have no plugin yet', () => {
    const installed = new Set(plugins.map((p) => p.plugin.app));
    const missing = unavailableApps(findRole('CTO')!, plugins);
    expect(missing).toEqual(['projects', 'workdrive', 'cliq', 'crm'].filter((a) => !installed.has(a as never)));
  });
});
