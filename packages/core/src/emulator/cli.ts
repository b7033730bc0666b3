#!/usr/bin/env node
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { discoverEmulatorApps } from './discover.js';
import { parseFaultRules } from './faults.js';
import { DEFAULT_EMULATOR_PORT, EMULATOR_ENDPOINTS, startEmulator, type Emulator } from './server.js';
import type { FaultRule } from './types.js';

const USAGE = `Usage: zoho-emulator [options]

Serves a local Zoho (accounts server + every installed app plugin's API) for agents and tests, and prints
base URLs, demo credentials, the ids a client needs and curl lines that work as they are.

Options:
  --port N          port on the host (default ${DEFAULT_EMULATOR_PORT}; 0 picks a free one). zoho-auth login's
                    callback uses 8976, so the two do not clash.
  --host H          interface to listen on (default 127.0.0.1)
  --seed on|off|N   seeded agency data (on, the default), empty apps (off), or data generated from seed N
  --no-seed         the same as --seed off
  --no-limits       no per-app rate limits, no app quotas (Books' daily calls), no refresh-token throttle
  --faults FILE     a JSON list of fault rules to start with, e.g.
                    [{"app":"crm","route":"GET /crm/v8/Leads","kind":"throttle","retryAfterSec":2,"times":1}]
                    kinds: status (with status), throttle (retryAfterSec), reset, slow (delayMs),
                    invalid-token, refresh-throttle; a rule without "app" hits app routes only, the
                    accounts server only with "app":"accounts"
  --log             print one line per request (secrets redacted) to stderr
  -h, --help        this text

Endpoints besides Zoho's: GET / (an index), POST ${EMULATOR_ENDPOINTS.selfClientCode} (mint a Self Client
grant code: scope=…, for zoho-auth exchange --code …), POST ${EMULATOR_ENDPOINTS.reset} (every app back to its seed).`;

class UsageError extends Error {}

function parseSeed(text: string | undefined, noSeed: boolean): boolean | number {
  if (noSeed) {
    if (text !== undefined) throw new UsageError('give either --seed or --no-seed, not both');
    return false;
  }
  if (text === undefined) return true;
  const t = text.trim().toLowerCase();
  if (['on', 'true', 'yes'].includes(t)) return true;
  if (['off', 'false', 'no', 'none'].includes(t)) return false;
  if (/^\d{1,9}$/.test(t)) return Number(t);
  throw new UsageError(`--seed takes on, off or a whole number up to 9 digits, not "${text}"`);
}

async function loadFaults(file: string | undefined): Promise<FaultRule[]> {
  if (file === undefined) return [];
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`--faults ${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  try {
    return parseFaultRules(text, `--faults ${file}`);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

function banner(emulator: Emulator, settings: { seed: boolean | number; limits: boolean; faults: FaultRule[]; faultsFile?: string }): string {
  const index = emulator.index();
  const c = emulator.credentials;
  const ids = index.apps.flatMap((a) => Object.entries(a.ids ?? {}));
  const tokenLine =
    `export ZOHO_ACCESS_TOKEN=$(curl -s -X POST '${index.accounts.token_endpoint}' -d grant_type=refresh_token -d client_id=${c.clientId}` +
    ` -d client_secret=${c.clientSecret} -d refresh_token=${c.refreshToken} | node -pe 'JSON.parse(require("fs").readFileSync(0, "utf8")).access_token')`;
  const seedText = settings.seed === true ? 'seeded' : settings.seed === false ? 'empty' : `seeded from ${settings.seed}`;
  return [
    `Zoho emulator listening on ${emulator.url}`,
    `apps: ${index.apps.map((a) => a.app).join(', ') || '(none installed — only the accounts server)'}`,
    `data: ${seedText}; limits: ${settings.limits ? 'on' : 'off'}; faults: ${settings.faults.length ? `${settings.faults.length} rule(s) from ${settings.faultsFile}` : 'none'}`,
    '',
    'Base URLs:',
    `  accounts   ${emulator.baseUrls.accounts}`,
    ...index.apps.map((a) => `  ${a.app.padEnd(10)} ${a.base_url}`),
    '',
    'Demo credentials and ids (emulator only — not secrets; paste into .env):',
    `  ZOHO_CLIENT_ID=${c.clientId}`,
    `  ZOHO_CLIENT_SECRET=${c.clientSecret}`,
    `  ZOHO_REFRESH_TOKEN=${c.refreshToken}`,
    `  ZOHO_ACCOUNTS_URL=${emulator.url}`,
    ...index.apps.map((a) => `  ZOHO_${a.app.toUpperCase()}_BASE_URL=${a.base_url}`),
    ...ids.map(([name, value]) => `  ${name}=${value}`),
    '',
    'Try it (an access token, then one call per app):',
    `  ${tokenLine}`,
    ...index.apps.filter((a) => a.curl).map((a) => `  ${a.curl}`),
    '',
    'A Self Client grant code, for zoho-auth exchange --code … (ZOHO_ACCOUNTS_URL as above):',
    `  ${index.curl.self_client_code}`,
    '',
    `Reset every app to its seed: curl -s -X POST '${emulator.url}${EMULATOR_ENDPOINTS.reset}'`,
    `Index: curl -s '${emulator.url}/'`,
    '',
    'Press Ctrl-C to stop.',
  ].join('\n');
}

async function main(): Promise<void> {
  let values: { port?: string; host?: string; seed?: string; 'no-seed'?: boolean; 'no-limits'?: boolean; faults?: string; log?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        seed: { type: 'string' },
        'no-seed': { type: 'boolean' },
        'no-limits': { type: 'boolean' },
        faults: { type: 'string' },
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
  const port = values.port === undefined ? DEFAULT_EMULATOR_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`--port must be a whole number from 0 to 65535, not "${values.port}"\n`);
    process.exit(2);
  }
  let seed: boolean | number;
  let faults: FaultRule[];
  try {
    seed = parseSeed(values.seed, values['no-seed'] === true);
    faults = await loadFaults(values.faults);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`zoho-emulator: ${err.message}\n`);
    process.exit(2);
  }
  const limits = values['no-limits'] !== true;
  const apps = await discoverEmulatorApps();
  let emulator: Emulator;
  try {
    emulator = await startEmulator({
      apps,
      port,
      host: values.host ?? '127.0.0.1',
      seed,
      faults,
      log: values.log ?? false,
      ...(limits ? {} : { limits: false as const }),
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      process.stderr.write(`zoho-emulator: port ${port} is in use; pass --port N (or --port 0 for a free one)\n`);
      process.exit(1);
    }
    throw err;
  }
  process.stdout.write(`${banner(emulator, { seed, limits, faults, ...(values.faults ? { faultsFile: values.faults } : {}) })}\n`);
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
