import { defineZohoTool, type ToolContext } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { CrmClient, CrmField, CrmModule } from '../client.js';
import { standardModule } from '../modules.js';
import { moduleInput } from './common.js';

const input = z.object({
  module: moduleInput.optional().describe('Module API name to describe (e.g. Deals). Omit it to list every module with its API name.'),
});

// Zoho's own bodies (GET /settings/fields, GET /settings/modules), so `raw: true` is exactly what Zoho sent.
type Described = { fields: CrmField[] } | { modules: CrmModule[] };

const SKIP_TYPES = new Set(['profileimage']);

function shapeField(module: string, field: CrmField): Record<string, unknown> {
  const layout = standardModule(module);
  const out: Record<string, unknown> = { api_name: field.api_name, label: field.field_label ?? field.display_label, type: field.data_type };
  if (field.system_mandatory || layout?.mandatory.includes(field.api_name) || layout?.layoutMandatory.includes(field.api_name)) out.mandatory = true;
  if (field.read_only || field.field_read_only) out.read_only = true;
  const picklist = (field.pick_list_values ?? []).map((p) => p.actual_value).filter((v) => v && v !== '-None-');
  if (picklist.length) out.values = picklist;
  const target = field.lookup?.module?.api_name;
  if (target) out.lookup = target;
  if ((field.data_type === 'text' || field.data_type === 'textarea') && field.length) out.max_length = field.length;
  return out;
}

export const crmDescribeModule = defineZohoTool({
  name: 'crm_describe_module',
  app: 'crm',
  access: 'read',
  scopes: ['ZohoCRM.settings.fields.READ', 'ZohoCRM.settings.modules.READ'],
  description: `Describe Zoho CRM's data model so you never guess names. Returns, with a module, its fields (api_name, label, type, mandatory, read_only, picklist values, lookup target module); without one, every module's API name and labels (custom modules included).
Use it before crm_create_record/crm_update_record when unsure of a field name or allowed picklist value, and before crm_coql_query to pick columns.
Example: {"module":"Deals"} → {"module":"Deals","fields":[{"api_name":"Stage","type":"picklist","mandatory":true,"values":["Qualification",…]},…]}; {} → {"modules":[{"api_name":"Leads","label":"Leads"},…]}.`,
  input,
  async run(args, ctx: ToolContext<CrmClient>): Promise<Described> {
    const signal = ctx.signal ? { signal: ctx.signal } : {};
    if (args.module) return { fields: await ctx.client.getFields(args.module, signal) };
    return { modules: await ctx.client.listModules(signal) };
  },
  shape(result, args) {
    if ('fields' in result) {
      const module = args.module!;
      return { module, fields: result.fields.filter((f) => f.visible !== false && !SKIP_TYPES.has(f.data_type)).map((f) => shapeField(module, f)) };
    }
    return {
      modules: result.modules
        .filter((m) => m.api_supported !== false)
        .map((m) => {
          const out: Record<string, unknown> = { api_name: m.api_name, label: m.plural_label ?? m.module_name ?? m.api_name };
          if (m.generated_type === 'custom') out.custom = true;
          if (m.creatable === false) out.read_only = true;
          return out;
        }),
    };
  },
});
