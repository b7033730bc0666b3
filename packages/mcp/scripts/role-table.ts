/**
 * Prints the role table for the README from core's ROLES and the installed plugins; `--write` puts it into
 * packages/mcp/README.md between the markers (a test checks that the README matches).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadInstalledPlugins } from '@zoho-agent-kit/core';
import { roleTable, withRoleTable } from '../src/role-table.js';

const table = roleTable(await loadInstalledPlugins());
if (process.argv.includes('--write')) {
  const path = fileURLToPath(new URL('../README.md', import.meta.url));
  writeFileSync(path, withRoleTable(readFileSync(path, 'utf8'), table));
  process.stderr.write(`updated ${path}\n`);
} else {
  process.stdout.write(`${table}\n`);
}
