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

/** Constructor fields per provider, from the spec and the environment (keys are read by the providers themselves). */
function providerFields(spec: ModelSpec, env: Env): Record<string, unknown> {
  switch (spec.provider) {
    case 'openai':
      // OpenAI-compatible servers (LM Studio, vLLM, llama.cpp) often need no key; the client insists on one.
      return spec.baseUrl ? { configuration: { baseURL: spec.baseUrl }, apiKey: env.OPENAI_API_KEY?.trim() || 'not-needed' } : {};
    case 'ollama':
      return spec.baseUrl ? { baseUrl: spec.baseUrl } : {};
    case 'anthropic':
      return spec.baseUrl ? { anthropicApiUrl: spec.baseUrl } : {};
    default:
      return {};
  }
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
