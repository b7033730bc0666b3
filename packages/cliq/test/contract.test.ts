import { readFileSync } from 'node:fs';
import { createZohoConnection, createZohoToolkit, findRole, loadInstalledPlugins, scopesSatisfy } from '@zoho-agent-kit/core';
import { startRedisServer } from '@zoho-agent-kit/core/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIQ_EMULATOR_SCOPES, cliqEmulator } from '../src/emulator/index.js';
import { cliqPlugin, cliqTools } from '../src/index.js';
import { startCliq, type CliqHarness } from './helpers.js';

function undescribed(schema: any, path = ''): string[] {
  const missing: string[] = [];
  if (!schema || typeof schema !== 'object') return missing;
  if (schema.properties) {
    for (const [key, prop] of Object.entries<any>(schema.properties)) {
      const where = path ? `${path}.${key}` : key;
      if (!prop.description) missing.push(where);
      missing.push(...undescribed(prop, where));
    }
  }
  if (schema.items) missing.push(...undescribed(schema.items, `${path}[]`));
  return missing;
}

let h: CliqHarness;
beforeAll(async () => {
  h = await startCliq();
});
afterAll(() => h.close());

describe('tool contract', () => {
  it("has the issue's names, unique names and descriptions that say what, returns and one example", () => {
    const names = cliqTools.map((t) => t.name);
    expect([...names].sort()).toEqual(['cliq_create_bot_message', 'cliq_get_messages', 'cliq_list_channels', 'cliq_list_chats', 'cliq_post_to_channel', 'cliq_reply_in_thread', 'cliq_send_message']);
    expect(new Set(cliqTools.map((t) => t.description)).size).toBe(cliqTools.length);
    for (const t of cliqTools) {
      expect(t.app).toBe('cliq');
      expect(t.description.match(/Example: \{/g), t.name).toHaveLength(1);
      expect(t.description, t.name).toMatch(/Returns/);
      // Shared guidance (markdown, the 5000 limit, ids, paging) is in the plugin's instructions.
      expect(t.description, t.name).not.toMatch(/5000|markdown|ISO 8601/);
    }
  });

  it('describes every input field, nested ones included', () => {
    for (const t of cliqTools) expect(undescribed(t.jsonSchema), t.name).toEqual([]);
  });

  it('marks every message tool a write, and gives reads raw', () => {
    const access = Object.fromEntries(cliqTools.map((t) => [t.name, t.access]));
    expect(access).toEqual({
      cliq_list_channels: 'read',
      cliq_list_chats: 'read',
      cliq_get_messages: 'read',
      cliq_send_message: 'write',
      cliq_post_to_channel: 'write',
      cliq_reply_in_thread: 'write',
      cliq_create_bot_message: 'write',
    });
    for (const t of cliqTools) {
      expect(Object.keys((t.jsonSchema as any).properties).includes('raw'), t.name).toBe(t.access === 'read');
      if (t.access === 'read') expect(t.scopes.some((s) => /CREATE|UPDATE|DELETE/.test(s)), t.name).toBe(false);
      else expect(t.scopes, t.name).toContain('ZohoCliq.Webhooks.CREATE');
    }
  });

  it('asks for minimal scopes, all of which the emulator grants', () => {
    const connection = createZohoConnection({ tokens: { getAccessToken: async () => ({ accessToken: 'x', expiresAt: Date.now() + 1e6 }), invalidate: async () => {} } as never });
    const reader = createZohoToolkit({ connection, plugins: [cliqPlugin], policy: { name: 'read', apps: { cliq: ['read'] } } });
    expect(reader.scopes).toEqual(['ZohoCliq.Channels.READ', 'ZohoCliq.Chats.READ', 'ZohoCliq.Messages.READ']);
    const cmo = createZohoToolkit({ connection, plugins: [cliqPlugin], policy: findRole('CMO')!.policy });
    expect(cmo.scopes).toEqual(['ZohoCliq.Bots.READ', 'ZohoCliq.Channels.READ', 'ZohoCliq.Chats.READ', 'ZohoCliq.Messages.READ', 'ZohoCliq.Users.READ', 'ZohoCliq.Webhooks.CREATE']);
    for (const scope of cmo.scopes) expect(scopesSatisfy(CLIQ_EMULATOR_SCOPES, [scope]), scope).toBe(true);
    expect(cmo.instructions).toContain('Zoho Cliq tools:');
    expect(cmo.instructions).toContain('at most 5000 characters');
    void connection.close();
  });

  it('every example works against the seed (writes too, on a fresh state)', async () => {
    for (const t of cliqTools) {
      expect(t.examples.length, t.name).toBeGreaterThan(0);
      for (const example of t.examples) {
        h.emu.resetState('cliq');
        const res = await h.call(t.name, example);
        expect(res.outcome, `${t.name} ${JSON.stringify(example)}: ${res.text.slice(0, 300)}`).toBe('ok');
      }
    }
  });

  it("is a complete plugin, reporting its package's name and version, found by core's plugin loader", async () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
    expect(cliqPlugin).toMatchObject({ name: pkg.name, version: pkg.version, app: 'cliq', emulator: `${pkg.name}/emulator` });
    expect(typeof cliqPlugin.readError).toBe('function');
    const [loaded] = await loadInstalledPlugins(['cliq']);
    expect(loaded?.plugin.name).toBe('@zoho-agent-kit/cliq');
    expect(loaded?.emulator?.app).toBe('cliq');
    expect(cliqEmulator.describe?.(h.state())).toEqual({ example: '/api/v2/channels?limit=5' });
  });
});

describe("the client paces message reads to Cliq's threshold", () => {
  it('with a budget of 2 reads a second, two go at once and the third waits for the window', async () => {
    const paced = await startCliq({ reuse: h.emu, plugin: { messageReads: { perWindow: 2, windowMs: 1000 } } });
    try {
      const chatId = 'CT_1290011223344556603_60100002';
      const started = Date.now();
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await paced.call('cliq_get_messages', { chat_id: chatId });
        expect(res.outcome, res.text).toBe('ok');
        times.push(Date.now() - started);
      }
      expect(times[1]!).toBeLessThan(500);
      expect(times[2]!).toBeGreaterThanOrEqual(1000);
    } finally {
      await paced.close();
    }
  });

  it('two workers sharing one account through Redis keep to the budget together', async () => {
    const redis = await startRedisServer();
    const plugin = { messageReads: { perWindow: 2, windowMs: 1000 } };
    const one = await startCliq({ reuse: h.emu, plugin, connection: { redisUrl: redis.url } });
    const two = await startCliq({ reuse: h.emu, plugin, connection: { redisUrl: redis.url } });
    try {
      const chatId = 'CT_1290011223344556603_60100002';
      const started = Date.now();
      const times: number[] = [];
      for (const worker of [one, two, one]) {
        const res = await worker.call('cliq_get_messages', { chat_id: chatId });
        expect(res.outcome, res.text).toBe('ok');
        times.push(Date.now() - started);
      }
      // The second worker's read is the budget's second; the first worker's next read waits for the window.
      expect(times[1]!).toBeLessThan(500);
      expect(times[2]!).toBeGreaterThanOrEqual(1000);
    } finally {
      await one.close();
      await two.close();
      await redis.stop();
    }
  });
});
