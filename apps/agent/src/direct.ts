import { parseJson } from '@zoho-agent-kit/core';

/** A tool call typed by the user: `tool_name {json}` or `tool_name key=value …`. */
export interface DirectCall {
  name: string;
  input: Record<string, unknown>;
}

export class DirectInputError extends Error {
  override name = 'DirectInputError';
}

const NAME = /^[a-z][a-z0-9_]*$/;

export interface Token {
  text: string;
  /** Part of it was quoted: a quoted value stays a string (unless it is a JSON object/array). */
  quoted: boolean;
}

/**
 * Splits on whitespace, keeping quoted parts ("…" or '…') together and dropping the quotes. A value that
 * starts with { or [ is JSON: it runs to its closing bracket, quotes and spaces included.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let current = '';
  let quote: string | undefined;
  let started = false;
  let quoted = false;
  let depth = 0;
  let jsonString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (jsonString) {
      current += ch;
      if (ch === '\\' && i + 1 < text.length) current += text[++i];
      else if (ch === '"') jsonString = false;
    } else if (depth > 0) {
      current += ch;
      if (ch === '"') jsonString = true;
      else if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') depth--;
    } else if (quote) {
      if (ch === '\\' && text[i + 1] === quote) {
        current += quote;
        i++;
      } else if (ch === quote) {
        quote = undefined;
      } else {
        current += ch;
      }
    } else if ((ch === '{' || ch === '[') && (current === '' || current.endsWith('='))) {
      depth = 1;
      current += ch;
      started = true;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      started = true;
      quoted = true;
    } else if (/\s/.test(ch)) {
      if (started) tokens.push({ text: current, quoted });
      current = '';
      started = false;
      quoted = false;
    } else {
      current += ch;
      started = true;
    }
  }
  if (quote) throw new DirectInputError(`unclosed ${quote} quote`);
  if (started) tokens.push({ text: current, quoted });
  return tokens;
}

/** Numbers, booleans, null and JSON objects/arrays are parsed; everything else stays a string. Long ids stay strings. */
export function parseValue(text: string): unknown {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text === 'null') return null;
  if (/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(text)) {
    const n = Number(text);
    // A 19-digit Zoho id must not become an imprecise number.
    return Number.isSafeInteger(n) || !/^-?\d+$/.test(text) ? n : text;
  }
  if (/^[[{]/.test(text)) {
    try {
      return parseJson(text);
    } catch {
      return text;
    }
  }
  return text;
}

/** Parses one direct-mode line; throws DirectInputError with what to change. */
export function parseDirectCall(line: string): DirectCall {
  const text = line.trim();
  const space = text.search(/\s/);
  const name = space < 0 ? text : text.slice(0, space);
  const rest = space < 0 ? '' : text.slice(space).trim();
  if (!NAME.test(name)) throw new DirectInputError(`"${name}" is not a tool name; type /tools to see yours`);
  if (!rest) return { name, input: {} };
  if (rest.startsWith('{')) {
    let input: unknown;
    try {
      input = parseJson(rest);
    } catch (err) {
      throw new DirectInputError(`the input is not valid JSON (${(err as Error).message}); write it as ${name} {"key": "value"} or ${name} key=value`);
    }
    if (!input || typeof input !== 'object' || Array.isArray(input)) throw new DirectInputError('the JSON input must be an object');
    return { name, input: input as Record<string, unknown> };
  }
  const input: Record<string, unknown> = {};
  for (const token of tokenize(rest)) {
    const eq = token.text.indexOf('=');
    if (eq <= 0) throw new DirectInputError(`"${token.text}" is not key=value; write it as ${name} key=value … or ${name} {"key": "value"}`);
    const value = token.text.slice(eq + 1);
    input[token.text.slice(0, eq)] = token.quoted && !/^[[{]/.test(value) ? value : parseValue(value);
  }
  return { name, input };
}

/**
 * Whether a line that is not a valid tool call reads as a question or a sentence (so direct mode can say
 * that chat mode needs a model): its first word is no tool, and it has several words or a question mark.
 */
export function looksLikeSentence(line: string, toolNames: readonly string[]): boolean {
  const text = line.trim();
  const first = text.split(/\s+/)[0] ?? '';
  if (toolNames.includes(first)) return false;
  const words = text.split(/\s+/).filter((w) => /[a-z]/i.test(w));
  return /\?\s*$/.test(text) || (words.length >= 3 && !text.includes('='));
}
