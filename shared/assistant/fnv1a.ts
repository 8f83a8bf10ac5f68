/**
 * 32-bit FNV-1a over UTF-16 code units: the intent model's feature hashes and language detection's word filter.
 * It reads its input left to right, so a hash can be continued (`fnv1a(fnv1a(FNV_OFFSET, "b:"), word)`) or updated a
 * character at a time in a scan (`h = Math.imul(h ^ c, FNV_PRIME)`).
 */
export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** `hash` continued over `text`. */
export function fnv1a(hash: number, text: string): number {
  let h = hash;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}
