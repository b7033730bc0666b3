#!/usr/bin/env node
/** `zoho-agent-kit-mcp --role AV`: every Zoho tool of the kit as an MCP server. */
import { startMcp } from './app.js';

// stdout is the protocol: anything that logs with console.log must not corrupt it.
console.log = console.info = console.debug = (...args: unknown[]) => console.error(...args);

startMcp(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() }).then(
  async (running) => {
    if (typeof running === 'number') process.exit(running);
    const stop = () => void running.stop();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    process.exit(await running.done);
  },
  (err: unknown) => {
    process.stderr.write(`zoho-agent-kit-mcp: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
