import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ZohoApp } from '../regions.js';
import { redact } from './redact.js';
import type { ToolAccess, ToolNamespace } from './types.js';

export type AuditOutcome = 'ok' | 'error' | 'invalid' | 'refused' | 'denied';

/** What the reconcile check found for a write whose answer was lost. */
export type ReconcileStatus = 'applied' | 'not_applied' | 'unknown';

/** One tool call, as the audit hook receives it; inputs are already redacted. */
export interface AuditEvent {
  time: string;
  /** The toolkit's session id (one per toolkit unless given). */
  session: string;
  /** The policy's (role's) name, when it has one. */
  policy?: string;
  tool: string;
  /** The tool's app, or for a tool across apps its plugin's prefix. */
  app: ToolNamespace;
  /** For a tool across apps: the apps this call could use. */
  apps?: ZohoApp[];
  access: ToolAccess;
  input: unknown;
  outcome: AuditOutcome;
  /** Time the call took, without the time a person took to answer the confirmation. */
  durationMs: number;
  /** Time the person took to answer the confirmation (writes only). */
  confirmMs?: number;
  /** Set when a write's answer was lost and a read-only check decided what happened. */
  reconciled?: ReconcileStatus;
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
