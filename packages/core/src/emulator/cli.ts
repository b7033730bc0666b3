#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { discoverEmulatorApps } from './discover.js';
import { startEmulator } from './server.js';

const USAGE = `Usage: zoho-emulator [--port 8976] [--host 127.0.0.1] [--no-seed] [--log]

Serves a local Zoho (accounts server + every installed app plugin's API) for agents and tests.`;

async function main(): Promise<void> {
  let values: { port?: string; host?: string; 'no-seed'?: boolean; log?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'no-seed': { type: 'boolean' },
        log: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const port = values.port === undefined ? 8976 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`--port must be a whole number from 0 to 65535, not "${values.port}"\n`);
    process.exit(2);
  }
  const apps = await discoverEmulatorApps();
  const emulator = await startEmulator({ apps, port, host: values.host ?? '127.0.0.1', seed: !values['no-seed'], log: values.log ?? false });
  const c = emulator.credentials;
  const lines = [
    `Zoho emulator listening on ${emulator.url}`,
    `apps: ${apps.map((a) => a.app).join(', ') || '(none installed — only the accounts server)'}`,
    '',
    'Base URLs:',
    `  accounts   ${emulator.baseUrls.accounts}`,
    ...apps.map((a) => `  ${a.app.padEnd(10)} ${emulator.baseUrls[a.app]}`),
    '',
    'Demo credentials (emulator only — not secrets):',
    `  ZOHO_CLIENT_ID=${c.clientId}`,
    `  ZOHO_CLIENT_SECRET=${c.clientSecret}`,
    `  ZOHO_REFRESH_TOKEN=${c.refreshToken}`,
    `  ZOHO_ACCOUNTS_URL=${emulator.url}`,
    ...apps.map((a) => `  ZOHO_${a.app.toUpperCase()}_BASE_URL=${emulator.baseUrls[a.app]}`),
    '',
    'Press Ctrl-C to stop.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const stop = () => {
    void emulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`zoho-emulator: ${(err as Error).message}\n`);
  process.exit(1);
});
