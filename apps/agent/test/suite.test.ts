import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { policyAllows } from '@zoho-agent-kit/core';
import { loadPlugins } from '../src/plugins.js';
import { ROLES } from '../src/roles.js';
import { DEFINITION_BUDGET, definitionTokens } from '../../../tools/bench/src/lib/definitions.js';

// Contract checks across every installed plugin: what one plugin's tests cannot see.
const plugins = (await loadPlugins()).map((p) => p.plugin);
const tools = plugins.flatMap((p) => p.tools);

describe('the tool suite', () => {
  it('has the plugins the agent composes', () => {
    expect(plugins.map((p) => p.app)).toEqual(expect.arrayContaining(['crm', 'books']));
  });

  it('has unique names of the form <app>_<verb>[_<object>]', () => {
    const names = tools.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const t of tools) expect(t.name).toMatch(new RegExp(`^${t.app}_[a-z0-9]+(_[a-z0-9]+)*$`));
  });

  it('has unique descriptions that say when to use the tool and what it returns', () => {
    const descriptions = tools.map((t) => t.description);
    expect(new Set(descriptions).size).toBe(descriptions.length);
    for (const t of tools) {
      expect(t.description.length, t.name).toBeGreaterThan(120);
      expect(t.description, t.name).toMatch(/return/i);
    }
  });

  it('describes every input field, in the zod schema and the JSON Schema', () => {
    for (const t of tools) {
      for (const [field, schema] of Object.entries(t.schema.shape)) {
        expect((schema as z.ZodType).description, `${t.name}.${field}`).toBeTruthy();
      }
      const properties = (t.jsonSchema.properties ?? {}) as Record<string, { description?: string }>;
      expect(Object.keys(properties).length, t.name).toBe(Object.keys(t.schema.shape).length);
      for (const [field, prop] of Object.entries(properties)) expect(prop.description, `${t.name}.${field} (JSON Schema)`).toBeTruthy();
    }
  });

  it('declares scopes for every tool and MCP hints that match its access', () => {
    for (const t of tools) {
      expect(t.scopes.length, t.name).toBeGreaterThan(0);
      expect(t.mcp.annotations.readOnlyHint).toBe(t.access === 'read');
      expect(t.mcp.annotations.destructiveHint).toBe(t.access === 'destructive');
    }
  });

  it('gives every role at least one tool and no role a tool it should not have', () => {
    for (const role of ROLES) {
      const allowed = tools.filter((t) => policyAllows(role.policy, t));
      expect(allowed.length, role.name).toBeGreaterThan(0);
    }
    const ceo = ROLES.find((r) => r.name === 'CEO')!;
    expect(ceo.policy.apps.books).toEqual(['read']);
  });
});

describe('the definition budget (what the model is handed on every turn)', () => {
  // The OpenAI function definition LangChain sends for each tool, in o200k_base tokens, counted as tools/bench counts.
  it(`keeps every tool within ${DEFINITION_BUDGET.max} tokens and the average within ${DEFINITION_BUDGET.average}, over every installed plugin`, () => {
    const costs = tools.map((t) => ({ name: t.name, tokens: definitionTokens(t) }));
    const over = costs.filter((c) => c.tokens > DEFINITION_BUDGET.max);
    expect(over, `tools over ${DEFINITION_BUDGET.max} tokens: ${over.map((c) => `${c.name} ${c.tokens}`).join(', ')}`).toEqual([]);
    const average = costs.reduce((a, c) => a + c.tokens, 0) / costs.length;
    expect(average, `average definition tokens over ${costs.length} tools`).toBeLessThanOrEqual(DEFINITION_BUDGET.average);
  });

  it('says the shared guidance once, in the instructions, not in each description', () => {
    for (const t of tools) {
      expect(t.description, t.name).not.toMatch(/ids? (are|as) (digit )?strings|"?raw"?: ?true/i);
    }
  });
});
