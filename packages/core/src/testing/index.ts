/**
 * `@zoho-agent-kit/core/testing`: what an agent developer needs to test an agent end to end without a Zoho
 * account or a model — a scripted tool-calling chat model for langchain's `createAgent` (with the emulator
 * from `@zoho-agent-kit/core/emulator` behind the tools).
 */
import { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage, type BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import type { ZohoTool } from '../tools/types.js';

/** One turn of the script: the messages the model is shown → the AIMessage it answers (tool calls or text). */
export type ScriptStep = (seen: BaseMessage[]) => AIMessage;

/**
 * A tool-calling chat model that plays a script: each turn answers with the next step's AIMessage, then
 * "done". It records what it was shown (`seen`, per turn) and which tools it was bound (`boundTools`), so a
 * test can check the system prompt, the tool results and the tool set the agent was given.
 */
export class ScriptedChatModel extends BaseChatModel {
  seen: BaseMessage[][] = [];
  boundTools: string[] = [];

  constructor(private readonly script: readonly ScriptStep[]) {
    super({});
  }

  _llmType(): string {
    return 'scripted';
  }

  override bindTools(tools: { name: string }[]): this {
    this.boundTools = tools.map((t) => t.name);
    return this;
  }

  async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    this.seen.push(messages);
    const step = this.script[this.seen.length - 1];
    const message = step ? step(messages) : new AIMessage('done');
    return { generations: [{ message, text: typeof message.content === 'string' ? message.content : '' }] };
  }
}

/** The last message's content parsed as JSON: what the latest tool answered. */
export function lastToolResult<T = unknown>(seen: readonly BaseMessage[]): T {
  return JSON.parse(String(seen[seen.length - 1]!.content)) as T;
}

/**
 * What is wrong with a write plan's `checkWith` (`tool {json}`), or undefined when it names a read tool of
 * `tools` and its input passes that tool's (strict) schema as it is.
 */
export function checkWithProblem(check: string, tools: readonly ZohoTool[]): string | undefined {
  const m = /^(\w+) (\{.*\})$/s.exec(check);
  if (!m) return `not "tool {json}": ${check}`;
  const tool = tools.find((t) => t.name === m[1]);
  if (!tool || tool.access !== 'read') return `${m[1]} is not a read tool`;
  let input: unknown;
  try {
    input = JSON.parse(m[2]!);
  } catch {
    return `not JSON: ${m[2]}`;
  }
  const parsed = tool.schema.safeParse(input);
  return parsed.success ? undefined : `${check}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(input)'} ${i.message}`).join('; ')}`;
}
