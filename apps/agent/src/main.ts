#!/usr/bin/env node
/** `npm run agent -- --role CFO`: the Zoho Agent Kit REPL. */
import { runAgent } from './app.js';

runAgent(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
}).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
