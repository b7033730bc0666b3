/** Prints each installed tool's definition tokens: `npx tsx --conditions=@zoho-agent-kit/source tools/bench/src/definitions-cli.ts [app…]`. */
import { DEFINITION_BUDGET, definitionTokens, tokens } from './lib/definitions.js';
import { loadInstalledPlugins } from './lib/plugins.js';

const apps = process.argv.slice(2);
const plugins = (await loadInstalledPlugins()).filter((p) => apps.length === 0 || apps.includes(p.plugin.app));
let sum = 0;
let count = 0;
for (const { plugin } of plugins) {
  for (const t of plugin.tools) {
    const n = definitionTokens(t);
    sum += n;
    count++;
    console.log(`${t.name.padEnd(34)} ${String(n).padStart(4)}  (description ${tokens(t.description)})${n > DEFINITION_BUDGET.max ? '  OVER' : ''}`);
  }
}
console.log(`${count} tools, average ${count ? Math.round(sum / count) : 0} (budget: ≤ ${DEFINITION_BUDGET.average} average, ≤ ${DEFINITION_BUDGET.max} each)`);
