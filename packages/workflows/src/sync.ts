/**
 * What the two customer syncs share once each has planned its items: the plan with nothing to do, the
 * confirmation and the batch run, and the shape of what was applied.
 */
import { toTable, type WritePlan } from '@zoho-agent-kit/core';
import { countLine, runBatch, type BatchDone, type BatchItem } from './batch.js';
import type { CustomerComparison } from './customers.js';
import type { FlowContext } from './shared.js';
import { shapeComparison } from './tools/compare-customers.js';

export interface SyncResult {
  done: BatchDone;
  skipped: Record<string, unknown>[];
  left: Record<string, unknown>[];
}

/** A sync's items and what the person is shown about them. */
export interface SyncItems {
  items: BatchItem[];
  preview: Record<string, unknown>[];
  skipped: Record<string, unknown>[];
  left: Record<string, unknown>[];
  counts: Record<string, number>;
}

export interface SyncTexts {
  /** "Sync CRM → Books" */
  title: string;
  /** Said when nothing is left to do: "Books already follows CRM for these customers." */
  inStep: string;
  /** How to resume a stopped batch. */
  resume: string;
}

/**
 * The sync's plan: nothing to do (with the comparison), or one confirmation for every item, sent by
 * `runBatch` (each step checked on its own when an answer is lost, a stop reported item by item).
 */
export function syncPlan(ctx: FlowContext, comparison: CustomerComparison, { items, preview, skipped, left, counts }: SyncItems, texts: SyncTexts): WritePlan<SyncResult> {
  const notes = notesOf(skipped, left);
  if (items.length === 0) {
    return { summary: '', payload: {}, execute: async () => ({ done: { status: 'done', applied: [], ids: [] }, skipped, left }), nothingToDo: { status: 'nothing to do', note: texts.inStep, ...notes, comparison: shapeComparison(comparison) } };
  }
  return {
    summary: `${texts.title}: ${countLine(counts)}`,
    payload: { changes: preview },
    after: { changes: toTable(preview), ...notes },
    execute: async () => ({ done: await runBatch(ctx, items, texts.resume), skipped, left }),
    checkWith: 'flow_compare_customers {}',
  };
}

export function shapeSync({ done, skipped, left }: SyncResult): Record<string, unknown> {
  return { status: 'done', applied: toTable(done.applied), ...notesOf(skipped, left) };
}

/** What was skipped (refused by a check) and left as is (a difference no sync changes), when there is any. */
function notesOf(skipped: Record<string, unknown>[], left: Record<string, unknown>[]): Record<string, unknown> {
  return { ...(skipped.length ? { skipped: toTable(skipped) } : {}), ...(left.length ? { left_as_is: toTable(left) } : {}) };
}
