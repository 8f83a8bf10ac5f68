/**
 * A pack's patterns recompiled once with the flags a stage needs (packs are
 * plain data; `new RegExp` on every message showed up in the profile).
 */
const cache = new Map<string, RegExp>();

export function compiled(pattern: RegExp, flags: string): RegExp {
  const key = `${flags}/${pattern.source}`;
  let re = cache.get(key);
  if (!re) {
    re = new RegExp(pattern.source, flags);
    cache.set(key, re);
  }
  if (flags.includes('g')) re.lastIndex = 0;
  return re;
}
