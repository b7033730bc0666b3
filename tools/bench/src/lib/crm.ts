import type { CrmState } from '@zoho-agent-kit/crm/emulator';
import type { Emulator } from '@zoho-agent-kit/core/emulator';

/** Ids of seeded records of a module, in insertion order. */
export function seededIds(emu: Emulator, module: string): string[] {
  const store = emu.state<CrmState>('crm').modules.get(module);
  if (!store || store.records.length === 0) throw new Error(`the CRM emulator seed has no ${module}`);
  return store.records.map((r) => r.id);
}
