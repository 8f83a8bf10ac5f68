import { anyMayMatch, patternOf } from './compiled.ts';
import type { LanguagePack } from './language-pack.ts';
import { lowerSameLength } from './message-text.ts';
import { requiredLiterals } from './required-literals.ts';

/**
 * Which of a set of patterns may match a message, from one walk over it: each pattern's required literals
 * (required-literals.ts) go in one trie, and a pattern none of whose literals occurs in the message cannot match it,
 * nor any part of it. Most of a pack's patterns (its intent cues, durations, zones, weekdays, recurrences) find nothing
 * in a given message; asking the walk first spares their scans, which cost more than the walk for all of them.
 *
 * The walk reads the lower-cased message and folds ASCII case as it goes; the last message walked is kept, so the
 * stages of one parse that ask about the same message share its walk.
 */
export class LiteralGate {
  /** The entry of each pattern or list of patterns given; absent: no literal is known, it may always match. */
  private readonly entryOf = new Map<object, number>();
  private readonly hits: Uint8Array;
  /**
   * The automaton's move from state s on character class c at s * width + c, as the state reached times two, plus one
   * where it ends a literal; state 0 is the start, class 0 any character in no literal.
   */
  private readonly moves: Uint16Array;
  private readonly width: number;
  /** Character code (< 128) → its class (from 1), 0 for one in no literal; upper-case letters share their lower case's. */
  private readonly asciiClass = new Uint8Array(128);
  private readonly otherClass = new Map<number, number>();
  /** The entries one of whose literals ends where state s is reached: ends[endsFrom[s], endsFrom[s + 1]). */
  private readonly endsFrom: Int32Array;
  private readonly ends: Int32Array;
  private lastMessage: string | null = null;

  /** `patterns`: single patterns, and lists of them ({ pattern } entries or patterns) asked about as one ("any zone"). */
  constructor(patterns: ReadonlyArray<RegExp | readonly (RegExp | { pattern: RegExp })[]>) {
    const literalsOf: string[][] = [];
    for (const item of patterns) {
      if (this.entryOf.has(item)) continue;
      const members = Array.isArray(item) ? item.map((m: RegExp | { pattern: RegExp }) => (m instanceof RegExp ? m : m.pattern)) : [item as RegExp];
      const literals: string[] = [];
      let known = members.length > 0;
      for (const m of members) {
        const found = requiredLiterals(m);
        if (found) literals.push(...found);
        else known = false;
      }
      if (!known) continue;
      this.entryOf.set(item, literalsOf.length);
      literalsOf.push(literals);
    }
    this.hits = new Uint8Array(literalsOf.length);

    const chars = [...new Set(literalsOf.flat().join(''))];
    chars.forEach((c, i) => {
      const code = c.charCodeAt(0);
      if (code < 128) {
        this.asciiClass[code] = i + 1;
        const upper = c.toUpperCase().charCodeAt(0);
        if (upper < 128) this.asciiClass[upper] = i + 1;
      } else this.otherClass.set(code, i + 1);
    });
    this.width = chars.length + 1;
    // The literals' trie, then Aho and Corasick's automaton over it: each state's move on each character class, the
    // trie's where it has one, else that of the longest suffix of the state that is also in the trie. One move per
    // character finds every literal that occurs, where a walk of the trie from each position took several.
    const trie: number[] = [];
    const endsAt: number[][] = [[]];
    literalsOf.forEach((literals, entry) => {
      for (const literal of literals) {
        let node = 0;
        for (let i = 0; i < literal.length; i += 1) {
          const at = node * this.width + this.classOf(literal.charCodeAt(i));
          if (!trie[at]) {
            trie[at] = endsAt.length;
            endsAt.push([]);
          }
          node = trie[at]!;
        }
        if (!endsAt[node]!.includes(entry)) endsAt[node]!.push(entry);
      }
    });
    if (endsAt.length > 0x7fff) throw new Error('too many literals for one gate');
    const moves = new Uint16Array(endsAt.length * this.width);
    const suffix = new Int32Array(endsAt.length);
    // Breadth first, so a state's suffix state (shorter) is complete before the state is.
    const queue: number[] = [];
    for (let c = 1; c < this.width; c += 1) {
      const child = trie[c] ?? 0;
      moves[c] = child;
      if (child) queue.push(child);
    }
    for (let q = 0; q < queue.length; q += 1) {
      const state = queue[q]!;
      for (const e of endsAt[suffix[state]!]!) if (!endsAt[state]!.includes(e)) endsAt[state]!.push(e);
      for (let c = 1; c < this.width; c += 1) {
        const child = trie[state * this.width + c] ?? 0;
        if (child) {
          suffix[child] = moves[suffix[state]! * this.width + c]!;
          moves[state * this.width + c] = child;
          queue.push(child);
        } else moves[state * this.width + c] = moves[suffix[state]! * this.width + c]!;
      }
    }
    // Each move also says whether the state it reaches ends a literal (the low bit), so the walk reads the lists of
    // those few states only.
    for (let i = 0; i < moves.length; i += 1) moves[i] = (moves[i]! << 1) | (endsAt[moves[i]!]!.length > 0 ? 1 : 0);
    this.moves = moves;
    this.endsFrom = new Int32Array(endsAt.length + 1);
    endsAt.forEach((list, n) => (this.endsFrom[n + 1] = this.endsFrom[n]! + list.length));
    this.ends = Int32Array.from(endsAt.flat());
  }

  /** Whether `pattern` (or a list given as one) may match `message` or any part of it; `message` lower-cased. */
  mayMatch(pattern: object, message: string): boolean {
    const entry = this.entryOf.get(pattern);
    if (entry === undefined) return true;
    if (message !== this.lastMessage) this.walk(message);
    return this.hits[entry] === 1;
  }

  /**
   * Whether any of the list's patterns may match `text`, a part of `message` (or all of it): by the walk where the
   * list was given and all its patterns have literals, else by a scan of the list's patterns joined into one.
   */
  anyMayMatch(list: readonly { pattern: RegExp }[], message: string, text: string = message): boolean {
    return this.entryOf.has(list) ? this.mayMatch(list, message) : anyMayMatch(list, patternOf, text);
  }

  private classOf(code: number): number {
    return code < 128 ? this.asciiClass[code]! : (this.otherClass.get(code) ?? 0);
  }

  private walk(message: string): void {
    const { moves, width, asciiClass, otherClass, endsFrom, ends, hits } = this;
    hits.fill(0);
    this.lastMessage = message;
    let state = 0;
    for (let i = 0; i < message.length; i += 1) {
      const c = message.charCodeAt(i);
      const move = moves[state * width + (c < 128 ? asciiClass[c]! : (otherClass.get(c) ?? 0))]!;
      state = move >> 1;
      if (move & 1) for (let e = endsFrom[state]!, end = endsFrom[state + 1]!; e < end; e += 1) hits[ends[e]!] = 1;
    }
  }
}

const literalsOf = new WeakMap<RegExp, string[] | null>();

/**
 * Whether `text` holds one of the pattern's literals (always, where it has none): for one pattern on a short text (a
 * title), where a few searches cost less than a walk, and far less than the scan of a pattern anchored at the end,
 * which is tried from every position.
 */
export function mayHoldMatch(pattern: RegExp, text: string): boolean {
  let literals = literalsOf.get(pattern);
  if (literals === undefined) literalsOf.set(pattern, (literals = requiredLiterals(pattern)));
  if (literals === null) return true;
  const lower = lowerSameLength(text);
  return literals.some((l) => lower.includes(l));
}

const gates = new WeakMap<LanguagePack, LiteralGate>();

/** The gate of a pack's patterns that the parser's stages ask before they scan; made once per pack. */
export function packGate(pack: LanguagePack): LiteralGate {
  let gate = gates.get(pack);
  if (!gate) {
    const { intents, scope } = pack;
    const single = [
      ...Object.values(intents),
      pack.duration,
      pack.shiftLater,
      pack.shiftEarlier,
      pack.week,
      pack.next,
      pack.this,
      pack.bareTime,
      pack.allDay,
      pack.rename,
      pack.relativeIn,
      pack.changeConnector,
      scope.instance,
      scope.following,
      scope.series,
    ];
    const lists = [pack.recurrence, pack.zones, pack.weekdays, pack.partsOfDay];
    gate = new LiteralGate([...single.filter((p): p is RegExp => p instanceof RegExp), ...lists, ...lists.flatMap((list) => list.map((entry) => entry.pattern))]);
    gates.set(pack, gate);
  }
  return gate;
}
