import { describe, expect, it } from 'vitest';
import { parseCli, UsageError } from '../src/cli.js';
import { DEFAULT_MODELS, resolveModelSpec } from '../src/model.js';

describe('parseCli', () => {
  it('reads the role case-insensitively, with CEO as the default', () => {
    expect(parseCli(['--role', 'cfo'], {}).role.name).toBe('CFO');
    expect(parseCli([], {}).role.name).toBe('CEO');
    expect(parseCli([], { ZOHO_AGENT_ROLE: 'av' }).role.name).toBe('AV');
    expect(parseCli(['--role', 'assistant'], {}).role.name).toBe('AV');
  });

  it('refuses unknown roles and flags, naming the valid values', () => {
    expect(() => parseCli(['--role', 'CIO'], {})).toThrow(/unknown role "CIO"; valid roles: CEO, CMO, CTO, CFO, COO, AV/);
    expect(() => parseCli(['--rol', 'CFO'], {})).toThrow(UsageError);
    expect(() => parseCli(['--rol', 'CFO'], {})).toThrow(/valid options: --role/);
    expect(() => parseCli(['--role'], {})).toThrow(UsageError);
    expect(() => parseCli(['hello'], {})).toThrow(/--ask/);
    expect(() => parseCli(['--base-url', 'localhost:1234'], {})).toThrow(/http\(s\) URL/);
  });

  it('reads the other flags', () => {
    const o = parseCli(['--role', 'CMO', '--emulator', '--ask', 'hi', '--print-scopes', '--model', 'openai:gpt-4.1', '--audit-log', 'a.jsonl'], {});
    expect(o).toMatchObject({ emulator: true, ask: 'hi', printScopes: true, model: 'openai:gpt-4.1', auditLog: 'a.jsonl', help: false });
  });
});

describe('resolveModelSpec', () => {
  it('is undefined without a model (direct mode)', () => {
    expect(resolveModelSpec({}, {})).toBeUndefined();
  });

  it('prefers --model, then ZOHO_AGENT_MODEL, then API keys', () => {
    expect(resolveModelSpec({ model: 'anthropic:claude-x' }, { ZOHO_AGENT_MODEL: 'openai:gpt-y' })).toMatchObject({ provider: 'anthropic', model: 'claude-x', source: '--model' });
    expect(resolveModelSpec({}, { ZOHO_AGENT_MODEL: 'ollama:llama3.1', OPENAI_API_KEY: 'sk' })).toMatchObject({ provider: 'ollama', model: 'llama3.1', source: 'ZOHO_AGENT_MODEL' });
    expect(resolveModelSpec({}, { OPENAI_API_KEY: 'sk' })).toMatchObject({ provider: 'openai', model: DEFAULT_MODELS.openai });
    expect(resolveModelSpec({}, { ANTHROPIC_API_KEY: 'k' })).toMatchObject({ provider: 'anthropic', model: DEFAULT_MODELS.anthropic });
  });

  it('infers the provider from well-known names and uses OpenAI for a base URL', () => {
    expect(resolveModelSpec({ model: 'gpt-4.1-mini' }, {})).toMatchObject({ provider: 'openai' });
    expect(resolveModelSpec({ model: 'claude-sonnet-4-5' }, {})).toMatchObject({ provider: 'anthropic' });
    expect(resolveModelSpec({ model: 'qwen2.5', baseUrl: 'http://localhost:1234/v1' }, {})).toMatchObject({ provider: 'openai', baseUrl: 'http://localhost:1234/v1' });
    expect(resolveModelSpec({ model: 'openai:local' }, { OPENAI_BASE_URL: 'http://h/v1' })).toMatchObject({ baseUrl: 'http://h/v1' });
    expect(resolveModelSpec({ model: 'ollama:llama3.1' }, { OLLAMA_BASE_URL: 'http://o:11434' })).toMatchObject({ baseUrl: 'http://o:11434' });
  });

  it('asks for provider:name when it cannot tell', () => {
    expect(() => resolveModelSpec({ model: 'mystery' }, {})).toThrow(/provider:name/);
    expect(() => resolveModelSpec({ baseUrl: 'http://h/v1' }, {})).toThrow(/--model openai:NAME/);
  });
});
