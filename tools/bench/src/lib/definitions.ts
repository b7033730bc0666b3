/**
 * What a tool definition costs the model on every turn: the OpenAI function definition LangChain sends
 * (name, description, JSON Schema of the input), in o200k_base tokens.
 */
import { toJsonSchema } from '@langchain/core/utils/json_schema';
import type { ZohoTool } from '@zoho-agent-kit/core';
import { getEncoding, type Tiktoken } from 'js-tiktoken';

let encoder: Tiktoken | undefined;

export function tokens(text: string): number {
  encoder ??= getEncoding('o200k_base');
  return encoder.encode(text).length;
}

/** The definition exactly as `convertToOpenAITool` builds it for a LangChain tool with this schema. */
export function openAiDefinition(tool: Pick<ZohoTool, 'name' | 'description' | 'schema'>): Record<string, unknown> {
  return { type: 'function', function: { name: tool.name, description: tool.description, parameters: toJsonSchema(tool.schema) } };
}

export function definitionTokens(tool: Pick<ZohoTool, 'name' | 'description' | 'schema'>): number {
  return tokens(JSON.stringify(openAiDefinition(tool)));
}

/**
 * Budget: no tool above 600 tokens, 300 on average over every tool of every installed plugin, and 260 on
 * average over one plugin's tools (the headroom that keeps the suite's average within 300).
 */
export const DEFINITION_BUDGET = { max: 600, average: 300, pluginAverage: 260 } as const;
