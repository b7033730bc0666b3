/**
 * The app plugins' own write tools as steps of a workflow: the same input checks, the same confirmation
 * text and the same read-back when an answer is lost — only sent by the workflow, inside its one
 * confirmation. Nothing here sends anything until a step's `execute` runs.
 */
import { ZohoApiError, type ToolContext, type WritePlan, type WriteStep, type ZohoApp, type ZohoTool } from '@zoho-agent-kit/core';
import type { CrmWriteResponse } from '@zoho-agent-kit/crm';
import type { FlowContext } from './shared.js';

/** An app tool's plan, built with its own schema and checks, against one app's client. */
export async function appPlan<R>(tool: ZohoTool, input: Record<string, unknown>, ctx: FlowContext, app: ZohoApp): Promise<WritePlan<R>> {
  const definition = tool.definition;
  if (definition.access === 'read') throw new Error(`${tool.name} is not a write tool`);
  const args = tool.schema.parse(input) as Record<string, unknown>;
  const appClient = ctx.client[app as keyof typeof ctx.client];
  const appCtx: ToolContext<unknown> = { client: appClient, clients: { [app]: appClient }, signal: ctx.signal, toolName: tool.name };
  return (await definition.plan(args, appCtx)) as WritePlan<R>;
}

/** A plan as one step of a batch (its reconcile is the step's check). */
export function asStep<R>(plan: WritePlan<R>, summary = plan.summary): WriteStep<R> {
  const reconcile = plan.reconcile?.bind(plan);
  return {
    summary,
    execute: () => plan.execute(),
    reconcile: reconcile ?? (async () => ({ status: 'unknown', ...(plan.checkWith ? { check: plan.checkWith } : {}) })),
    ...(plan.checkWith ? { checkWith: plan.checkWith } : {}),
  };
}

/** A CRM write answer's first record id; a record Zoho refused inside a 200/207 becomes the error it is. */
export function crmRecordId(res: CrmWriteResponse | undefined): string {
  const first = res?.data[0];
  if (!first || first.status !== 'success') {
    const details = (first?.details ?? {}) as Record<string, unknown>;
    throw new ZohoApiError({ app: 'crm', status: res?.httpStatus ?? 0, code: first?.code ?? 'NO_RESULT', message: `${first?.message ?? 'Zoho CRM did not say it created the record'}${typeof details.api_name === 'string' ? ` (${details.api_name})` : ''}`, kind: 'validation', details });
  }
  return String(first.details.id);
}

/** Turns a CRM write plan's result into the record id, failing like Zoho when the record was refused. */
export function crmStep(plan: WritePlan<CrmWriteResponse>, summary = plan.summary): WriteStep<CrmWriteResponse> {
  const step = asStep(plan, summary);
  return {
    ...step,
    execute: async () => {
      const res = await plan.execute();
      crmRecordId(res);
      return res;
    },
  };
}
