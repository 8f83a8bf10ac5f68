/**
 * A pack's patterns recompiled once with the flags a stage needs (packs are
 * plain data; `new RegExp` on every message showed up in the profile).
 * Keyed by the pattern object, not its source: a long source such as a
 * pack's fillers would otherwise be concatenated and hashed on every call.
 */
const cache = new WeakMap<RegExp, Map<string, RegExp>>();

export function compiled(pattern: RegExp, flags: string): RegExp {
  let byFlags = cache.get(pattern);
  if (!byFlags) cache.set(pattern, (byFlags = new Map()));
  let re = byFlags.get(flags);
  if (!re) {
    re = new RegExp(pattern.source, flags);
    byFlags.set(flags, re);
  }
  if (re.global || re.sticky) re.lastIndex = 0;
  return re;
}

const built = new WeakMap<object, Map<string, RegExp>>();

/** A pattern built from a pack's others (its "next" and "week"), built once per pack and name. */
export function composed(pack: object, name: string, build: () => RegExp): RegExp {
  let byName = built.get(pack);
  if (!byName) built.set(pack, (byName = new Map()));
  let re = byName.get(name);
  if (!re) {
    re = build();
    byName.set(name, re);
  }
  if (re.global || re.sticky) re.lastIndex = 0;
  return re;
}
