/** Zoho-style 19-digit record ids, deterministic per prefix so seeds are stable across runs. */
export function createIdGenerator(prefix = '4150868000', start = 1): () => string {
  let n = start;
  return () => {
    const suffix = String(n++);
    return prefix + suffix.padStart(19 - prefix.length, '0');
  };
}
