/**
 * The chat loop: langchain's createAgent over the role's tools, every tool call routed through
 * toolkit.call (policy → validation → confirmation → audit), answers streamed as they arrive.
 * Runs in-process with any chat model, which is how the tests drive it with a scripted model.
 */
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import type { AuditOutcome, ZohoToolkit } from '@zoho-agent-kit/core';
import { createAgent, createMiddleware, HumanMessage } from 'langchain';
import { systemPrompt, type Role } from './roles.js';

/** What the loop reports while it runs; the REPL renders it, tests record it. */
export interface ChatEvents {
  /** A piece of the model's answer. */
  text?(chunk: string): void;
  toolStart?(name: string, input: unknown): void;
  toolEnd?(name: string, input: unknown, outcome: AuditOutcome, ms: number, text: string): void;
  /** Bytes moved by a long call (a WorkDrive transfer). */
  toolProgress?(name: string, bytes: number, total?: number): void;
}

export interface ChatAgentOptions {
  model: BaseChatModel;
  toolkit: ZohoToolkit;
  role: Role;
  events?: ChatEvents;
  /** Model/tool round trips per question before giving up (default 25). */
  recursionLimit?: number;
}

export interface ChatTurn {
  /** The final answer's text. */
  answer: string;
  /** The messages of this turn (the question, tool calls and results, the answer). */
  messages: BaseMessage[];
}

/** One at a time: confirmations share the terminal, and tool lines stay in order. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise((r) => (release = r));
    await previous;
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

function textOf(message: BaseMessage): string {
  try {
    return message.text;
  } catch {
    return typeof message.content === 'string' ? message.content : '';
  }
}

/**
 * A conversation with the agent for one role. Keeps the history across questions; `ask` streams one answer.
 */
export class ChatSession {
  private history: BaseMessage[] = [];
  private signal: AbortSignal | undefined;
  private readonly agent;
  private readonly events: ChatEvents;
  private readonly recursionLimit: number;

  constructor(readonly options: ChatAgentOptions) {
    const { toolkit } = options;
    this.events = options.events ?? {};
    this.recursionLimit = options.recursionLimit ?? 25;
    const lock = new Mutex();
    const guard = createMiddleware({
      name: 'ZohoToolGuard',
      // Every call — including a name the model made up or a tool outside the role — goes through
      // toolkit.call, which refuses what the policy does not allow, validates, confirms writes and audits.
      wrapToolCall: async (request) =>
        lock.run(async () => {
          const { name, args, id } = request.toolCall;
          this.events.toolStart?.(name, args);
          const started = Date.now();
          const result = await toolkit.call(name, args, {
            signal: this.signal ?? request.runtime.signal,
            onProgress: (bytes, total) => this.events.toolProgress?.(name, bytes, total),
          });
          this.events.toolEnd?.(name, args, result.outcome, Date.now() - started, result.text);
          return new ToolMessage({
            content: result.text,
            tool_call_id: id ?? '',
            name,
            status: result.outcome === 'ok' ? 'success' : 'error',
          });
        }),
    });
    this.agent = createAgent({
      model: options.model,
      tools: toolkit.tools,
      // The role's focus, then the guidance every tool shares (said once here, not in each tool description).
      systemPrompt: `${systemPrompt(options.role)}\n\n${toolkit.instructions}`,
      middleware: [guard],
    });
  }

  /** Forgets the conversation. */
  reset(): void {
    this.history = [];
  }

  /** Asks one question; streams the answer through `events.text`. Throws on abort (the history is kept as it was). */
  async ask(question: string, signal?: AbortSignal): Promise<ChatTurn> {
    const input = [...this.history, new HumanMessage(question)];
    this.signal = signal;
    let final: BaseMessage[] | undefined;
    let streamed = '';
    try {
      const stream = await this.agent.stream(
        { messages: input },
        { streamMode: ['messages', 'values'], signal, recursionLimit: this.recursionLimit },
      );
      for await (const chunk of stream as AsyncIterable<[string, unknown]>) {
        const [mode, data] = chunk;
        if (mode === 'messages') {
          const [message] = data as [BaseMessage, Record<string, unknown>];
          if (message instanceof ToolMessage || message.getType() !== 'ai') continue;
          const text = textOf(message);
          if (text) {
            streamed += text;
            this.events.text?.(text);
          }
        } else if (mode === 'values') {
          const state = data as { messages?: BaseMessage[] };
          if (state.messages) final = state.messages;
        }
      }
    } finally {
      this.signal = undefined;
    }
    const messages = final ?? input;
    this.history = messages;
    const last = messages[messages.length - 1];
    const answer = last && AIMessage.isInstance(last) ? textOf(last) : streamed;
    if (answer && !streamed) this.events.text?.(answer);
    return { answer, messages: messages.slice(input.length - 1) };
  }
}
