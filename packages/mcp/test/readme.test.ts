import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadInstalledPlugins, ROLES } from '@zoho-agent-kit/core';
import { describe, expect, it } from 'vitest';
import { parseMcpCli, USAGE } from '../src/args.js';
import { roleTable, TABLE_END, TABLE_START, withRoleTable } from '../src/role-table.js';

const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');

describe('the README', () => {
  it('has the role table generated from ROLES and the installed plugins (run scripts/role-table.ts --write after a change)', async () => {
    const table = roleTable(await loadInstalledPlugins());
    expect(withRoleTable(readme, table)).toBe(readme);
    for (const role of ROLES) expect(table).toContain(`**${role.name}**`);
  });

  it('replaces only what is between the markers, and refuses a README without them', () => {
    const doc = `intro ${TABLE_END}\n${TABLE_START}\nold\n${TABLE_END}\nrest`;
    expect(withRoleTable(doc, 'new')).toBe(`intro ${TABLE_END}\n${TABLE_START}\nnew\n${TABLE_END}\nrest`);
    expect(withRoleTable(withRoleTable(doc, 'new'), 'new')).toBe(withRoleTable(doc, 'new'));
    expect(() => withRoleTable(`${TABLE_START} no end`, 'x')).toThrow(/needs the markers/);
    expect(() => withRoleTable('nothing', 'x')).toThrow(/needs the markers/);
  });

  it('shows the client snippets the issue asks for, and documents every option the CLI takes', () => {
    expect(readme).toContain('"args": ["-y", "@zoho-agent-kit/mcp", "--role", "AV"]');
    expect(readme).toMatch(/Claude Desktop[\s\S]*Cursor/);
    expect(readme).toContain("import { MultiServerMCPClient } from '@langchain/mcp-adapters';");
    const flags = [...USAGE.matchAll(/^\s+(--[a-z-]+)/gm)].map((m) => m[1]!);
    expect(flags.length).toBeGreaterThan(10);
    for (const flag of flags) expect(readme, flag).toContain(`\`${flag}`);
    expect(() => parseMcpCli(['--role', 'AV'])).not.toThrow();
  });
});
