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

/**
 * Every match of a `g` pattern in `text`, as `matchAll` gives them, without the copy of the pattern `matchAll` makes
 * for its iterator (about a quarter of a microsecond, where the scan of a command takes a tenth of one).
 */
export function allMatches(pattern: RegExp, text: string): RegExpExecArray[] {
  if (!pattern.global) throw new TypeError('allMatches needs a g pattern');
  const matches: RegExpExecArray[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    matches.push(m);
    // An empty match moves on by one, as matchAll does (by a code point under the u flag).
    if (m[0] === '') pattern.lastIndex = advance(text, pattern.lastIndex, pattern.unicode || pattern.flags.includes('v'));
  }
  // exec, finding no more, has put lastIndex back to 0.
  return matches;
}

function advance(text: string, at: number, unicode: boolean): number {
  if (!unicode || at + 1 >= text.length) return at + 1;
  const c = text.charCodeAt(at);
  return c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(at + 1) & 0xfc00) === 0xdc00 ? at + 2 : at + 1;
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

const unions = new WeakMap<readonly unknown[], RegExp | null>();

/**
 * One pattern that matches wherever any of a list's does, built once per list: a stage that tries a pack's patterns
 * in turn (its recurrences, zones, weekdays) first asks this one scan whether any can match, and most messages
 * answer no. Null where the list cannot be joined.
 */
function unionOf<T>(list: readonly T[], patternOf: (item: T) => RegExp): RegExp | null {
  if (unions.has(list)) return unions.get(list)!;
  const union = joined(list.map(patternOf));
  unions.set(list, union);
  return union;
}

/** Whether any of the list's patterns may match `text` (always, where they could not be joined: the caller tries each). */
export function anyMayMatch<T>(list: readonly T[], patternOf: (item: T) => RegExp, text: string): boolean {
  const union = unionOf(list, patternOf);
  return union === null || union.test(text);
}

/** Patterns as alternatives of one, or null where that would change them: mixed flags, or back-references it would renumber. */
function joined(patterns: RegExp[]): RegExp | null {
  const flags = patterns[0]?.flags.replace(/[gy]/g, '') ?? '';
  const joinable = patterns.length > 1 && patterns.every((p) => p.flags.replace(/[gy]/g, '') === flags && !/\\[1-9]|\\k</.test(p.source));
  return joinable ? new RegExp(patterns.map((p) => `(?:${p.source})`).join('|'), flags) : null;
}

/** The pattern of a pack's entry ({ pattern, … }), for unionOf. */
export function patternOf(entry: { pattern: RegExp }): RegExp {
  return entry.pattern;
}
