import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ZohoApp } from '../regions.js';
import { redact } from './redact.js';
import type { ToolAccess } from './types.js';

export type AuditOutcome = 'ok' | 'error' | 'invalid' | 'refused' | 'denied';

/** One tool call, as the audit hook receives it; inputs are already redacted. */
export interface AuditEvent {
  time: string;
  tool: string;
  app: ZohoApp;
  access: ToolAccess;
  input: unknown;
  outcome: AuditOutcome;
  durationMs: number;
  ids?: string[];
  error?: string;
}

export type AuditHook = (event: AuditEvent) => void | Promise<void>;

/** Appends one JSON line per call to `path` (created with its folder, mode 0600). */
export function createJsonlAuditWriter(path: string): AuditHook {
  let ready: Promise<unknown> | undefined;
  let queue: Promise<void> = Promise.resolve();
  return (event) => {
    ready ??= mkdir(dirname(path), { recursive: true });
    const line = `${JSON.stringify(redact(event))}\n`;
    queue = queue.then(async () => {
      await ready;
      await appendFile(path, line, { mode: 0o600 });
    });
    return queue;
  };
}
