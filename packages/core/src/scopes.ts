/**
 * Zoho scopes are `Service.resource[.subresource].OPERATION`. A granted scope covers a required one when
 * the service and resource match, its operation is the same or `ALL`, and it names no sub-resource or the
 * same one (so `ZohoCRM.modules.ALL` and `ZohoCRM.modules.READ` both cover `ZohoCRM.modules.leads.READ`).
 */
export function scopeCovers(granted: string, required: string): boolean {
  const g = granted.toLowerCase().split('.');
  const r = required.toLowerCase().split('.');
  if (g.length < 2 || r.length < 2) return g.join('.') === r.join('.');
  if (g[0] !== r[0]) return false;
  const gOp = g[g.length - 1]!;
  const rOp = r[r.length - 1]!;
  if (g.length === 2) return gOp === 'all' && g[0] === r[0]; // e.g. ZohoCRM.ALL
  const gPath = g.slice(1, -1);
  const rPath = r.slice(1, -1);
  if (gPath.length > rPath.length) return false;
  for (let i = 0; i < gPath.length; i++) if (gPath[i] !== rPath[i]) return false;
  return gOp === 'all' || gOp === rOp;
}

/** True when at least one of the `anyOf` alternatives is covered by a granted scope (or none is required). */
export function scopesSatisfy(granted: readonly string[], anyOf: readonly string[]): boolean {
  if (anyOf.length === 0) return true;
  return anyOf.some((required) => granted.some((g) => scopeCovers(g, required)));
}

/** Deduplicates and drops scopes covered by another scope in the list; sorted for stable output. */
export function minimalScopes(scopes: Iterable<string>): string[] {
  const unique = [...new Set(scopes)];
  return unique
    .filter((s) => !unique.some((other) => other !== s && scopeCovers(other, s)))
    .sort((a, b) => a.localeCompare(b));
}
