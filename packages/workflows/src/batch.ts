/**
 * One confirmation, several writes: each item of a batch is sent step by step, each step once, each lost
 * answer checked with the step's own read-back (core's `ctx.sendWrite`, with the toolkit's pauses). A batch
 * that stops half way says which items were applied, which were not and how to resume; resuming is running
 * the same call again, which finds what was applied through the markers the items leave in Zoho.
 */
import { describeToolError, PartialWriteError, sendWriteStep, toTable, type WriteStep, type WriteStepOutcome } from '@zoho-agent-kit/core';
import type { FlowContext } from './shared.js';

/** What a step of an item gives back when it landed. */
export interface StepResult<R> {
  result: R | undefined;
  id?: string;
  /** The answer was lost and the read-back found the write. */
  reconciled: boolean;
}

export type Sender = <R>(step: WriteStep<R>) => Promise<StepResult<R>>;

export interface BatchItem {
  /** One line: "create Books customer Kestrel Aviation". */
  label: string;
  /** Runs the item's steps through `send`, in order; returns what it did (ids, numbers) for the report. */
  run(send: Sender): Promise<Record<string, unknown>>;
}

export interface BatchDone {
  status: 'done';
  applied: Record<string, unknown>[];
  ids: string[];
}

class StepStopped extends Error {
  constructor(
    readonly step: string,
    readonly outcome: Exclude<WriteStepOutcome, { status: 'applied' }>,
  ) {
    super(outcome.error);
  }
}


/**
 * Runs the items in order and stops at the first step that did not land (refused, absent after its check, or
 * unknown). All applied → the list of what each item did; stopped → a PartialWriteError whose report names
 * the applied items, the one that stopped (with the error and, when unknown, the tool to check with), the
 * ones not attempted, and how to resume.
 */
export async function runBatch(ctx: FlowContext, items: readonly BatchItem[], resume: string): Promise<BatchDone> {
  const applied: Record<string, unknown>[] = [];
  const ids: string[] = [];
  for (const [index, item] of items.entries()) {
    const steps: string[] = [];
    const send: Sender = async <R>(step: WriteStep<R>) => {
      const outcome = await sendWriteStep(ctx, step);
      if (outcome.status !== 'applied') throw new StepStopped(step.summary, outcome);
      if (outcome.id) ids.push(outcome.id);
      steps.push(outcome.reconciled ? `${step.summary} (answer lost; found applied)` : step.summary);
      return { result: outcome.result, ...(outcome.id ? { id: outcome.id } : {}), reconciled: outcome.reconciled };
    };
    try {
      const done = await item.run(send);
      for (const v of Object.values(done)) if (typeof v === 'string' && /^\d{12,25}$/.test(v)) ids.push(v);
      const lost = steps.filter((st) => st.endsWith('(answer lost; found applied)'));
      applied.push({ item: item.label, ...done, ...(lost.length ? { reconciled: `answer lost, found applied: ${lost.map((st) => st.replace(' (answer lost; found applied)', '')).join('; ')}` } : {}) });
    } catch (err) {
      const stopped =
        err instanceof StepStopped
          ? { step: err.step, status: err.outcome.status, error: err.outcome.error, ...(err.outcome.status === 'unknown' && err.outcome.check ? { check_with: err.outcome.check } : {}), ...(err.outcome.detail ? { detail: err.outcome.detail } : {}) }
          : { status: 'not_applied', error: describeToolError(ctx.toolName, err) };
      const unknown = stopped.status === 'unknown';
      const report: Record<string, unknown> = {
        status: 'stopped',
        summary: `Stopped at item ${index + 1} of ${items.length}: ${applied.length} applied, ${items.length - applied.length} not${unknown ? ' (one may have landed: see stopped_at)' : ''}.`,
        ...(applied.length ? { applied: toTable(applied) } : { applied: 'none' }),
        stopped_at: { item: item.label, ...(steps.length ? { steps_applied: steps } : {}), ...stopped },
        ...(index + 1 < items.length ? { not_attempted: items.slice(index + 1).map((i) => i.label) } : {}),
        resume: unknown ? `First check with ${('check_with' in stopped && stopped.check_with) || 'the app'} whether the stopped step landed. ${resume}` : resume,
      };
      throw new PartialWriteError(`stopped at item ${index + 1} of ${items.length} (${item.label})`, report, ids);
    }
  }
  return { status: 'done', applied, ids };
}

/** The confirmation's summary of a batch: "3 changes: create 1 Books customer, update 2". */
export function countLine(counts: Record<string, number>): string {
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([what, n]) => `${n} ${what}`)
    .join(', ');
}
