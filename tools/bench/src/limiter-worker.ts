/**
 * One of the limiter benchmark's OS processes: its own connection sharing the emulator budget with its
 * siblings through Redis (Bottleneck cluster) and the access token through a RedisTokenStore.
 * Protocol over the IPC channel: parent → {type:'config'}; child → {type:'ready'}; parent → {type:'go', t0};
 * child → {type:'result', report}; then the child closes everything and exits.
 */
import { createZohoConnection, RedisTokenStore, type RateBudget } from '@zoho-agent-kit/core';
import { crmEnvelopeReader } from '@zoho-agent-kit/crm';
import { generateLoad, type LoadPlan } from './lib/load.js';

export interface WorkerConfig {
  type: 'config';
  index: number;
  redisUrl: string;
  accountsUrl: string;
  baseUrls: Record<string, string>;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  budget: RateBudget;
  plan: Omit<LoadPlan, 't0'>;
  warmupPath: string;
}

type Message = WorkerConfig | { type: 'go'; t0: number };

function send(message: unknown): Promise<void> {
  return new Promise((resolve, reject) => process.send!(message, (err: Error | null) => (err ? reject(err) : resolve())));
}

function next(): Promise<Message> {
  return new Promise((resolve) => process.once('message', (m) => resolve(m as Message)));
}

async function main(): Promise<void> {
  if (!process.send) throw new Error('limiter-worker must be started with an IPC channel');
  const config = (await next()) as WorkerConfig;
  const connection = createZohoConnection({
    region: 'us',
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    refreshToken: config.refreshToken,
    accountsUrl: config.accountsUrl,
    baseUrls: config.baseUrls,
    limits: { crm: config.budget },
    redisUrl: config.redisUrl,
    tokenStore: new RedisTokenStore({ url: config.redisUrl, prefix: 'bench:' }),
  });
  try {
    const crm = connection.app({ app: 'crm', readError: crmEnvelopeReader });
    // Token (one refresh for all processes, via the Redis lock) and the cluster limiter, before t0.
    await crm.request({ method: 'GET', path: config.warmupPath });
    const gotGo = next();
    await send({ type: 'ready' });
    const go = (await gotGo) as { type: 'go'; t0: number };
    const report = await generateLoad(connection, crm, { ...config.plan, t0: go.t0 });
    await send({ type: 'result', index: config.index, report });
  } finally {
    await connection.close();
    process.disconnect?.();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`[limiter-worker] ${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
  process.disconnect?.();
});
