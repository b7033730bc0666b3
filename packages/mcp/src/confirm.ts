import type { ConfirmRequest } from '@zoho-agent-kit/core';

/** The one field of the confirmation form: a person ticks it to send the write. */
export const CONFIRM_FIELD = 'send';

/** What `elicitation/create` asks for: one box, unticked by default, so sending takes a deliberate act. */
export const CONFIRM_SCHEMA = {
  type: 'object',
  properties: {
    [CONFIRM_FIELD]: {
      type: 'boolean',
      title: 'Send this to Zoho',
      description: 'Tick and accept to send exactly the payload shown. Decline (or leave it unticked) and nothing is sent.',
      default: false,
    },
  },
  required: [CONFIRM_FIELD],
} as const;

const APP_NAMES: Record<string, string> = {
  crm: 'CRM',
  books: 'Books',
  projects: 'Projects',
  cliq: 'Cliq',
  calendar: 'Calendar',
  mail: 'Mail',
  workdrive: 'WorkDrive',
  flow: 'Workflows',
};

export function appName(app: string): string {
  return APP_NAMES[app] ?? app;
}

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** "field: old → new" for each top-level field of `after` that differs from `before`. */
export function changes(before: unknown, after: unknown): string[] {
  const b = before && typeof before === 'object' ? (before as Record<string, unknown>) : {};
  const a = after && typeof after === 'object' ? (after as Record<string, unknown>) : {};
  const lines: string[] = [];
  for (const key of Object.keys(a)) {
    const from = JSON.stringify(b[key]) ?? '(empty)';
    const to = JSON.stringify(a[key]) ?? '(empty)';
    if (from !== to) lines.push(`${key}: ${shorten(from, 80)} → ${shorten(to, 80)}`);
  }
  return lines;
}

function pretty(value: unknown): string {
  if (typeof value === 'string') {
    try {
      return JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      return value;
    }
  }
  return JSON.stringify(value, null, 2) ?? String(value);
}

/** The text a person reads before a write: what, which tool, before → after, and the exact payload. */
export function confirmationMessage(request: ConfirmRequest): string {
  const lines = [`Confirm a Zoho ${request.access === 'destructive' ? 'delete' : 'write'}: ${request.summary}`, `Tool: ${request.tool} (${appName(request.app)}, ${request.access})`];
  if (request.before !== undefined) {
    const diff = changes(request.before, request.after);
    lines.push('', 'Before → after:', ...(diff.length ? diff : ['(no field changes)']).map((l) => `  ${l}`));
  } else if (request.after && typeof request.after === 'object') {
    lines.push('', 'Result:');
    for (const [key, value] of Object.entries(request.after as Record<string, unknown>)) {
      if (value !== undefined) lines.push(`  ${key}: ${shorten(typeof value === 'string' ? value : JSON.stringify(value), 120)}`);
    }
  }
  lines.push('', 'Payload to send (exactly):', pretty(request.payload), '', 'Only an explicit accept with "Send this to Zoho" ticked sends it; anything else sends nothing.');
  return lines.join('\n');
}
