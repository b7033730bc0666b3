/**
 * The app plugins' own write tools as steps of a workflow: the same input checks, the same confirmation
 * text and the same read-back when an answer is lost — only sent by the workflow, inside its one
 * confirmation. Nothing here sends anything until a step's `execute` runs.
 */
import type { ToolContext, WritePlan, WriteStep, ZohoTool } from '@zoho-agent-kit/core';
import { recordSaved, type CrmWriteResponse, type CrmWriteResult } from '@zoho-agent-kit/crm';
import { client, type FlowClients, type FlowContext } from './shared.js';

/** An app tool's plan, built with its own schema and checks, against one app's client. */
export async function appPlan<R>(tool: ZohoTool, input: Record<string, unknown>, ctx: FlowContext, app: keyof FlowClients): Promise<WritePlan<R>> {
  const definition = tool.definition;
  if (definition.access === 'read') throw new Error(`${tool.name} is not a write tool`);
  const args = tool.schema.parse(input) as Record<string, unknown>;
  return (await definition.plan(args, appContext(ctx, app, tool.name))) as WritePlan<R>;
}

/** The context an app tool gets inside a workflow: that app's client, the workflow's policy, signal and sender. */
export function appContext<K extends keyof FlowClients>(ctx: FlowContext, app: K, toolName: string): ToolContext<NonNullable<FlowClients[K]>> {
  const appClient = client(ctx, app);
  return { client: appClient, clients: { [app]: appClient }, allows: ctx.allows, sendWrite: ctx.sendWrite, signal: ctx.signal, toolName };
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

/**
 * A CRM write plan as a step that fails like Zoho when the record was refused inside a 2xx answer: crm's
 * `recordSaved` throws the validation error (ZohoApiError, kind 'validation') Zoho's per-record result names.
 * Takes both answers CRM's write tools give: a whole response (`data[]`: creates, notes) and an update's one
 * record result (the client returns it only from a 2xx answer).
 */
export function crmStep<R extends CrmWriteResponse | CrmWriteResult>(plan: WritePlan<R>, summary = plan.summary): WriteStep<R> {
  const step = asStep(plan, summary);
  return {
    ...step,
    execute: async () => {
      const res = await plan.execute();
      recordSaved('data' in res ? res : { httpStatus: 200, data: [res] });
      return res;
    },
  };
}
