import type { ProgressNotification } from '@modelcontextprotocol/sdk/types.js';
import type { ConfirmRequest } from '@zoho-agent-kit/core';
import { describe, expect, it } from 'vitest';
import { isLoopback } from '../src/args.js';
import { changes, confirmationMessage } from '../src/confirm.js';
import { CallProgress } from '../src/progress.js';

function recorder() {
  const sent: ProgressNotification['params'][] = [];
  return { sent, send: async (n: ProgressNotification) => void sent.push(n.params) };
}

describe('CallProgress', () => {
  it('sends nothing without a progress token', async () => {
    const r = recorder();
    const p = new CallProgress(undefined, r.send, 10);
    p.start();
    p.transferred(100, 200);
    await new Promise((res) => setTimeout(res, 40));
    p.stop();
    expect(r.sent).toEqual([]);
  });

  it('beats while running, then reports bytes from a transfer (the onProgress hook), always increasing, nothing after stop', async () => {
    const r = recorder();
    const p = new CallProgress('tok', r.send, 20);
    p.start();
    p.phase('waiting for the person to confirm');
    await new Promise((res) => setTimeout(res, 70));
    const beats = r.sent.length;
    expect(beats).toBeGreaterThanOrEqual(2);
    expect(r.sent[0]).toMatchObject({ progressToken: 'tok', progress: 1, message: expect.stringMatching(/^waiting for the person to confirm \(\d+ s\)$/) });
    p.transferred(65_536, 1_048_576);
    p.transferred(131_072, 1_048_576); // within 200 ms of the last: skipped
    p.transferred(1_048_576, 1_048_576); // the last one always goes
    await new Promise((res) => setTimeout(res, 60)); // the heartbeat stopped once bytes came
    p.stop();
    p.transferred(2_000_000, 2_000_000);
    const bytes = r.sent.slice(beats);
    expect(bytes).toEqual([
      { progressToken: 'tok', progress: 65_536, total: 1_048_576, message: '64.0 KiB of 1.0 MiB transferred' },
      { progressToken: 'tok', progress: 1_048_576, total: 1_048_576, message: '1.0 MiB of 1.0 MiB transferred' },
    ]);
    const values = r.sent.map((s) => s.progress);
    expect(values).toEqual([...values].sort((a, b) => a - b));
  });

  it('never fails the call when a notification cannot be sent', async () => {
    const p = new CallProgress(7, async () => {
      throw new Error('transport closed');
    }, 0);
    expect(() => p.transferred(10, 10)).not.toThrow();
    p.stop();
  });
});

describe('the confirmation text', () => {
  const update: ConfirmRequest = {
    tool: 'crm_update_record',
    app: 'crm',
    access: 'write',
    summary: 'Update Deals 4150868000000224005: Stage',
    input: {},
    payload: { data: [{ id: '4150868000000224005', Stage: 'Closed Won' }] },
    before: { Stage: 'Negotiation/Review', Amount: 1000 },
    after: { Stage: 'Closed Won', Amount: 1000 },
  };

  it('shows the summary, the tool, before → after and the exact payload', () => {
    const text = confirmationMessage(update);
    expect(text).toMatch(/^Confirm a Zoho write: Update Deals 4150868000000224005: Stage\nTool: crm_update_record \(CRM, write\)/);
    expect(text).toContain('Before → after:\n  Stage: "Negotiation/Review" → "Closed Won"');
    expect(text).not.toContain('Amount:'); // unchanged fields are not listed as changes
    expect(text).toContain(`Payload to send (exactly):\n${JSON.stringify(update.payload, null, 2)}`);
    expect(confirmationMessage({ ...update, access: 'destructive', before: undefined, after: undefined })).toMatch(/^Confirm a Zoho delete/);
    expect(changes({ a: 1 }, { a: 1 })).toEqual([]);
  });
});

describe('isLoopback', () => {
  it('knows the loopback names and addresses', () => {
    for (const h of ['127.0.0.1', '127.8.9.1', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) expect(isLoopback(h), h).toBe(true);
    for (const h of ['0.0.0.0', '10.0.0.1', '::', 'example.com', '128.0.0.1']) expect(isLoopback(h), h).toBe(false);
  });
});
