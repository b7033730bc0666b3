import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { redactText } from '@zoho-agent-kit/core';
import { initChatModel } from 'langchain';
import { UsageError } from './cli.js';

export type Env = Record<string, string | undefined>;

/** Which chat model to use and why. */
export interface ModelSpec {
  provider: string;
  model: string;
  /** An OpenAI-compatible endpoint, or the Ollama/Anthropic server. */
  baseUrl?: string | undefined;
  /** Where the choice came from, for the banner: `--model`, `ZOHO_AGENT_MODEL`, `OPENAI_API_KEY`, … */
  source: string;
}

export const DEFAULT_MODELS = {
  openai: 'gpt-4.1-mini',
  anthropic: 'claude-sonnet-4-5',
} as const;

/** A model that could not be created (missing package, missing key): a start-up error. */
export class ModelSetupError extends Error {
  override name = 'ModelSetupError';
}

function inferProvider(model: string, baseUrl: string | undefined): string | undefined {
  if (baseUrl) return 'openai';
  if (/^(gpt-|o\d|chatgpt)/i.test(model)) return 'openai';
  if (/^claude/i.test(model)) return 'anthropic';
  return undefined;
}

/**
 * Picks the chat model: `--model`, then ZOHO_AGENT_MODEL, then a default for OPENAI_API_KEY or
 * ANTHROPIC_API_KEY. Undefined means direct mode (no model).
 */
export function resolveModelSpec(flags: { model?: string | undefined; baseUrl?: string | undefined }, env: Env): ModelSpec | undefined {
  const flagBase = flags.baseUrl;
  let text = flags.model?.trim();
  let source = '--model';
  if (!text && env.ZOHO_AGENT_MODEL?.trim()) {
    text = env.ZOHO_AGENT_MODEL.trim();
    source = 'ZOHO_AGENT_MODEL';
  }
  if (!text) {
    if (env.OPENAI_API_KEY?.trim()) return { provider: 'openai', model: DEFAULT_MODELS.openai, baseUrl: flagBase ?? (env.OPENAI_BASE_URL?.trim() || undefined), source: 'OPENAI_API_KEY' };
    if (env.ANTHROPIC_API_KEY?.trim()) return { provider: 'anthropic', model: DEFAULT_MODELS.anthropic, baseUrl: flagBase, source: 'ANTHROPIC_API_KEY' };
    if (flagBase) throw new UsageError('--base-url needs a model name too: --model openai:NAME (the name the endpoint serves)');
    return undefined;
  }
  let provider: string | undefined;
  let model = text;
  const colon = text.indexOf(':');
  if (colon > 0) {
    provider = text.slice(0, colon).toLowerCase();
    model = text.slice(colon + 1);
  }
  if (!model) throw new UsageError(`${source} "${text}" has no model name; write it as provider:name, e.g. openai:gpt-4.1-mini`);
  const envBase = provider === 'ollama' ? env.OLLAMA_BASE_URL : env.OPENAI_BASE_URL;
  const baseUrl = flagBase ?? (envBase?.trim() || undefined);
  provider ??= inferProvider(model, baseUrl);
  if (!provider) {
    throw new UsageError(`cannot tell the provider of model "${text}"; write it as provider:name, e.g. openai:gpt-4.1-mini, anthropic:claude-sonnet-4-5, ollama:llama3.1`);
  }
  return { provider, model, baseUrl, source };
}

/**
 * Each request to an OpenAI or Anthropic model waits at most this long, and a failed one is retried once: a
 * dead endpoint fails in a minute or two, not ten. (Ollama's client has neither a timeout nor retries.)
 */
const MODEL_TIMEOUT_MS = 60_000;

/** Constructor fields per provider, from the spec and the environment (keys are read by the providers themselves). */
function providerFields(spec: ModelSpec, env: Env): Record<string, unknown> {
  switch (spec.provider) {
    case 'openai':
      // OpenAI-compatible servers (LM Studio, vLLM, llama.cpp) often need no key; the client insists on one.
      return {
        timeout: MODEL_TIMEOUT_MS,
        maxRetries: 1,
        ...(spec.baseUrl ? { configuration: { baseURL: spec.baseUrl }, apiKey: env.OPENAI_API_KEY?.trim() || 'not-needed' } : {}),
      };
    case 'ollama':
      return spec.baseUrl ? { baseUrl: spec.baseUrl } : {};
    case 'anthropic':
      // The Anthropic SDK's own timeout (per request; LangChain does the retrying, the SDK's retries are off).
      return { clientOptions: { timeout: MODEL_TIMEOUT_MS }, maxRetries: 1, ...(spec.baseUrl ? { anthropicApiUrl: spec.baseUrl } : {}) };
    default:
      return {};
  }
}

/** The key each hosted provider needs when no base URL points elsewhere. */
const PROVIDER_KEYS: Record<string, string> = { openai: 'OPENAI_API_KEY', anthropic: 'ANTHROPIC_API_KEY', google: 'GOOGLE_API_KEY', 'google-genai': 'GOOGLE_API_KEY', mistralai: 'MISTRAL_API_KEY', groq: 'GROQ_API_KEY' };
const OLLAMA_DEFAULT = 'http://127.0.0.1:11434';

/** Where the model's requests go, for messages: the base URL's origin or the provider's own host. */
export function modelHost(spec: ModelSpec): string {
  const url = spec.baseUrl ?? (spec.provider === 'ollama' ? OLLAMA_DEFAULT : undefined);
  if (url) {
    try {
      return new URL(url).host;
    } catch {
      return url;
    }
  }
  return { openai: 'api.openai.com', anthropic: 'api.anthropic.com' }[spec.provider] ?? spec.provider;
}

/**
 * Checks at start-up what would otherwise fail on the first question: the provider's key is set, and a
 * base URL (or the Ollama server) answers at all, within `timeoutMs`. Throws ModelSetupError naming what to fix.
 */
export async function checkModel(spec: ModelSpec, env: Env, timeoutMs = 3_000): Promise<void> {
  const key = PROVIDER_KEYS[spec.provider];
  if (key && !spec.baseUrl && !env[key]?.trim()) {
    throw new ModelSetupError(`the chat model ${describeModel(spec)} (from ${spec.source}) needs ${key}; set it (e.g. in .env), or pass --base-url for a server that needs no key, or leave out --model for direct mode`);
  }
  const base = spec.baseUrl ?? (spec.provider === 'ollama' ? env.OLLAMA_BASE_URL?.trim() || OLLAMA_DEFAULT : undefined);
  if (!base) return;
  const probe = spec.provider === 'ollama' ? new URL('/api/tags', base) : new URL(`${base.replace(/\/+$/, '')}/models`);
  try {
    // Any HTTP answer (even 401 or 404) shows the server is there; only no answer is a failure.
    const res = await fetch(probe, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
    await res.body?.cancel();
  } catch (err) {
    const e = err as { name?: string; cause?: { code?: string; message?: string } };
    const why = e.name === 'TimeoutError' || e.name === 'AbortError' ? `no answer within ${timeoutMs / 1000} s` : (e.cause?.code ?? e.cause?.message ?? (err as Error).message);
    throw new ModelSetupError(`cannot reach the model server at ${probe.host} (${why}) for ${describeModel(spec)}; is it running, and is the URL right?`);
  }
}

/** One line for a model failure during a turn: provider, host and cause. */
export function describeModelFailure(spec: Pick<ModelSpec, 'provider' | 'model' | 'baseUrl'>, err: unknown): string {
  const e = err as { status?: number; code?: string; name?: string; message?: string; cause?: { code?: string; message?: string } };
  const cause = e.cause?.code ?? e.code ?? (e.status ? `HTTP ${e.status}` : undefined);
  const message = redactText(String(e.message ?? err).split('\n')[0] ?? '').slice(0, 200);
  return `the model ${spec.provider}:${spec.model} at ${modelHost(spec as ModelSpec)} failed: ${cause && !message.includes(cause) ? `${cause}: ` : ''}${message}`;
}

/** Creates the chat model through langchain's initChatModel; failures become a ModelSetupError. */
export async function createChatModel(spec: ModelSpec, env: Env = process.env): Promise<BaseChatModel> {
  try {
    const model = await initChatModel(spec.model, { modelProvider: spec.provider, ...providerFields(spec, env) });
    return model as unknown as BaseChatModel;
  } catch (err) {
    const message = redactText((err as Error).message ?? String(err)).split('\n')[0];
    throw new ModelSetupError(`cannot set up the chat model ${describeModel(spec)} (from ${spec.source}): ${message}`);
  }
}

export function describeModel(spec: ModelSpec): string {
  return `${spec.provider}:${spec.model}${spec.baseUrl ? ` at ${spec.baseUrl}` : ''}`;
}
