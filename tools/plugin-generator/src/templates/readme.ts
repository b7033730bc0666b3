import { literal, routeText, type TemplateContext } from './context.js';

/** README.md: what it is, the install line, one example that runs on the emulator, the tool table. */
export function readme({ demo, names, builtin, read, write }: TemplateContext): string {
  const what = (description: string) => description.split('\n')[0]!.replace(/\.$/, '');
  const scopes = (list: string[]) => list.map((s) => `\`${s}\``).join(', ');
  const w = demo.write;
  const p = w.parent;
  const checks = [
    `\`${w.name.field}\` may not be blank`,
    ...(p ? [`the ${p.what} \`${p.field}\` is read first and must exist`] : []),
    ...(w.unique ? [`a ${w.thing} of that name must not exist yet`] : []),
    ...(w.extras ?? []).filter((e) => e.kind === 'date').map((e) => `\`${e.field}\` must be a real date`),
  ];
  return `# ${names.packageName}

${demo.product} tools for LangChain agents, built on \`@zoho-agent-kit/core\`:
\`${read.name}\` and \`${write.name}\`. They call ${demo.product} through the kit's connection (tokens, rate limits,
retries, no write ever sent twice), read its errors with \`${builtin.envelopeReader}\` from \`${builtin.packageName}\`, and
run offline on the ${demo.app} slice of the kit's Zoho emulator.

Status: scaffolded by \`npm run new-plugin -- ${names.name} --app ${demo.app}${names.packageName === names.name ? '' : ` --package ${names.packageName}`}\`: one read tool and one write tool to grow from.

\`\`\`sh
npm install ${names.packageName} ${builtin.packageName} @zoho-agent-kit/core @langchain/core zod
\`\`\`

## Example (runs against the emulator)

\`\`\`ts
import { createZohoConnection, createZohoToolkit } from '@zoho-agent-kit/core';
import { emulatorConnectionOptions, startEmulator } from '@zoho-agent-kit/core/emulator';
import { ${builtin.plugin} } from '${builtin.packageName}';
import { ${builtin.emulator} } from '${builtin.packageName}/emulator';
import { ${names.combine} } from '${names.packageName}';

const emu = await startEmulator({ apps: [${builtin.emulator}] });
const connection = createZohoConnection(emulatorConnectionOptions(emu));
// A toolkit takes one plugin per app: ${names.combine} adds these tools to the built-in ${demo.app} plugin's.
const kit = createZohoToolkit({
  connection,
  plugins: [${names.combine}(${builtin.plugin})],
  confirm: async (request) => {
    console.log('About to:', request.summary);
    return true; // ask a person here
  },
});

console.log((await kit.call('${read.name}', ${literal(demo.read.example)})).text);
console.log((await kit.call('${write.name}', ${literal(w.example)})).text);
console.log(kit.scopes); // the minimal OAuth scopes these tools need
// Hand kit.tools to createAgent({ model, tools: kit.tools, systemPrompt: kit.instructions }) from 'langchain'.
await connection.close();
await emu.close();
\`\`\`

On its own, without the built-in ${demo.app} tools: \`plugins: [${names.plugin}]\`. Against a real Zoho account, use
\`createZohoConnection({ clientId, clientSecret, refreshToken, region })\` (or the \`ZOHO_*\` environment variables).
${demo.context ? `The client finds ${demo.context.what} with \`${builtin.client}\`, so the built-in plugin's options and environment apply.\n` : ''}
## Tools

| name | access | scopes | what |
|---|---|---|---|
| \`${read.name}\` | read | ${scopes(demo.read.scopes)} | ${what(demo.read.description)} (\`${routeText(demo.read.route)}\`) |
| \`${write.name}\` | write | ${scopes(w.scopes)} | ${what(w.description)} (\`${routeText(w.route)}\`) |

\`${read.name}\` also takes \`raw: true\` (Zoho's unshaped JSON). Before \`${write.name}\` asks for confirmation,
${checks.join('; ')}. The confirmation shows the exact body it will send. If the answer is lost after
sending (timeout, reset, 5xx), its \`reconcile\` check looks for the ${w.thing} made since the send and reports it
applied (with its id), not applied (safe to send again) or unknown (check with the tool it names).

## Adding a tool

One file per tool in \`src/tools/\` (strict zod schema with a \`.describe()\` and a \`.max()\` on every string,
\`z.strictObject\` for nested objects, a description that says what, when and returns, \`examples\` that work
on the emulator's seed, \`run\` or \`plan\` with \`reconcile\`, \`shape\` with core's \`toTable\`/\`compact\`), one line in
\`src/tools/index.ts\`, the client call in \`src/client.ts\`, and a test in \`test/\` against the emulator. Keep tool
names \`${names.toolPrefix}_…\` so they never clash with the built-in ${demo.app} tools.

## Tests

\`\`\`sh
npx vitest run --project ${names.name}
npx tsc -p tsconfig.spec.json --noEmit   # in this folder, after npx tsc -b for core and ${builtin.packageName}
\`\`\`

They start the kit's emulator with \`${builtin.emulator}\` and talk to it over HTTP: the read tool, bad input,
a declined confirmation, a confirmed write sent once, and writes whose answer was lost.
`;
}
