import { defineZohoTool, toTable, type ToolContext } from '@zoho-agent-kit/core';
import { z } from 'zod';
import type { CrmClient, CrmField, CrmModule } from '../client.js';
import { standardModule } from '../modules.js';
import { moduleInput } from './common.js';
import { picklistValues } from './values.js';

const input = z.object({
  module: moduleInput.optional().describe('Module to describe; omit for the module list.'),
});

const FIELD_COLUMNS = ['api_name', 'label', 'type', 'mandatory', 'read_only', 'values', 'lookup', 'max_length'];

// Zoho's own bodies (GET /settings/fields, GET /settings/modules), so `raw: true` is exactly what Zoho sent.
type Described = { fields: CrmField[] } | { modules: CrmModule[] };

const SKIP_TYPES = new Set(['profileimage']);

function shapeField(module: string, field: CrmField): Record<string, unknown> {
  const layout = standardModule(module);
  const out: Record<string, unknown> = { api_name: field.api_name, label: field.field_label ?? field.display_label, type: field.data_type };
  if (field.system_mandatory || layout?.mandatory.includes(field.api_name) || layout?.layoutMandatory.includes(field.api_name)) out.mandatory = true;
  if (field.read_only || field.field_read_only) out.read_only = true;
  const picklist = picklistValues(field);
  if (picklist.length) out.values = picklist;
  const target = field.lookup?.module?.api_name;
  if (target) out.lookup = target;
  if (['text', 'textarea', 'email', 'phone', 'website'].includes(field.data_type) && field.length) out.max_length = field.length;
  return out;
}

export const crmDescribeModule = defineZohoTool({
  name: 'crm_describe_module',
  app: 'crm',
  access: 'read',
  scopes: ['ZohoCRM.settings.fields.READ', 'ZohoCRM.settings.modules.READ'],
  description: `Zoho CRM's data model, so you never guess names. Returns a module's fields (api_name, label, type, mandatory, read_only, picklist values, lookup target, max_length) as a table, or without module every module's API name and label.`,
  examples: [{ module: 'Deals' }, {}],
  input,
  async run(args, ctx: ToolContext<CrmClient>): Promise<Described> {
    const signal = ctx.signal ? { signal: ctx.signal } : {};
    if (args.module) return { fields: await ctx.client.getFields(args.module, signal) };
    return { modules: await ctx.client.listModules(signal) };
  },
  shape(result, args) {
    if ('fields' in result) {
      const module = args.module!;
      const fields = result.fields.filter((f) => f.visible !== false && !SKIP_TYPES.has(f.data_type)).map((f) => shapeField(module, f));
      return { module, ...toTable(fields, { columns: FIELD_COLUMNS, flatten: false }) };
    }
    const modules = result.modules
      .filter((m) => m.api_supported !== false)
      .map((m) => {
        const out: Record<string, unknown> = { api_name: m.api_name, label: m.plural_label ?? m.module_name ?? m.api_name };
        if (m.generated_type === 'custom') out.custom = true;
        if (m.creatable === false) out.read_only = true;
        return out;
      });
    return toTable(modules, { columns: ['api_name', 'label'], flatten: false });
  },
});
