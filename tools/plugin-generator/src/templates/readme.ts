import { literal, type TemplateContext } from './context.js';

/** README.md: what it is, the install line, one example that runs on the emulator, the tool table. */
export function readme({ spec, names, tool, basePath }: TemplateContext): string {
  const scopes = spec.tool.scopes.map((s) => `\`${s}\``).join(', ');
  const digest = spec.digest ? ` The wire formats follow the digest \`${spec.digest}\` of the shared Zoho API notes.` : '';
  const mount = basePath ? `under \`${basePath}\`` : 'at the root (as on www.zohoapis.*)';
  return `# ${names.packageName}

${spec.description} There is also a ${spec.product} slice for the Zoho emulator, so agents and tests run without a
Zoho account.

Status: scaffolded by \`npm run new-plugin -- ${names.app}\`, with one read tool. It talks to the ${spec.api}.${digest}

\`\`\`sh
npm install ${names.packageName} @zoho-agent-kit/core @langchain/core zod
\`\`\`

## Example (runs against the emulator)

\`\`\`ts
import { createZohoConnection, createZohoToolkit } from '@zoho-agent-kit/core';
import { emulatorConnectionOptions, startEmulator } from '@zoho-agent-kit/core/emulator';
import { ${names.plugin} } from '${names.packageName}';
import { ${names.emulator} } from '${names.packageName}/emulator';

const emu = await startEmulator({ apps: [${names.emulator}] });
const connection = createZohoConnection(emulatorConnectionOptions(emu));
const kit = createZohoToolkit({ connection, plugins: [${names.plugin}] });

const result = await kit.call('${tool.name}', ${literal(spec.example.input)});
console.log(result.text); // ${spec.example.output}

console.log(kit.scopes); // the minimal OAuth scopes these tools need
// Hand kit.tools to createAgent({ model, tools: kit.tools }) from 'langchain'.
await connection.close();
await emu.close();
\`\`\`

Against a real Zoho account, use \`createZohoConnection({ clientId, clientSecret, refreshToken, region })\` (or the
\`ZOHO_*\` environment variables).

## Tools

| name | access | scopes | what |
|---|---|---|---|
| \`${tool.name}\` | read | ${scopes} | ${spec.tool.what} |

Every read tool also takes \`raw: true\`, which returns Zoho's JSON without shaping.

## Errors and limits

${spec.errorsNote} Errors reach the model as one short line through core's \`describeToolError\`.

## Emulator

\`${names.packageName}/emulator\` exports \`${names.emulator}\` (mounted ${mount}) and
\`${names.createEmulator}({ rateLimit })\`. ${spec.seedNote} The emulator allows ${spec.rateLimit.note} by default.
Its choices where Zoho's behaviour is unconfirmed are documented at the top of \`src/emulator/routes.ts\`.

## Adding a tool

One file per tool in \`src/tools/\` (schema with a \`.describe()\` on every field, description with an example,
\`run\` or \`plan\`, \`shape\`), one line in \`src/tools/index.ts\`, the client call in \`src/client.ts\`, the route in
\`src/emulator/routes.ts\`, and a test against the emulator in \`test/\`.
`;
}
