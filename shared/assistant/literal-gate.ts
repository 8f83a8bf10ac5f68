import { anyMayMatch, patternOf } from './compiled.ts';
import type { LanguagePack } from './language-pack.ts';
import { LiteralAutomaton } from './literal-automaton.ts';
import { requiredLiterals } from './required-literals.ts';

/**
 * Which of a set of patterns may match a message, from one walk over it: each pattern's required literals
 * (required-literals.ts) go in one automaton, and a pattern none of whose literals occurs in the message cannot match it,
 * nor any part of it. Most of a pack's patterns (its intent cues, durations, zones, weekdays, recurrences) find nothing
 * in a given message; asking the walk first spares their scans, which cost more than the walk for all of them.
 *
 * The walk reads the lower-cased message; the last message walked is kept, so the stages of one parse that ask about
 * the same message share its walk.
 */
export class LiteralGate {
  /** The entry of each pattern or list of patterns given; absent: no literal is known, it may always match. */
  private readonly entryOf = new Map<object, number>();
  private readonly hits: Uint8Array;
  private readonly automaton: LiteralAutomaton;
  private lastMessage: string | null = null;
  /** Where the entries of words given as they are (`words`) begin, and how many there are. */
  private readonly wordsFrom: number;
  private readonly wordCount: number;

  /**
   * `patterns`: single patterns, and lists of them ({ pattern } entries or patterns) asked about as one ("any zone").
   * `words`: entries of words to look for in the same walk (at most 32; `wordsIn` says which occur).
   */
  constructor(patterns: ReadonlyArray<RegExp | readonly (RegExp | { pattern: RegExp })[]>, words: ReadonlyArray<readonly string[]> = []) {
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
    if (words.length > 32) throw new Error('too many entries of words for one bitmask');
    this.wordsFrom = literalsOf.length;
    this.wordCount = words.length;
    literalsOf.push(...words.map((w) => [...w]));
    this.hits = new Uint8Array(literalsOf.length);
    this.automaton = new LiteralAutomaton(literalsOf);
  }

  /** Which of the entries of words occur in `message` (lower-cased), as bits: bit e for `words[e]`. */
  wordsIn(message: string): number {
    const hits = this.hitsIn(message);
    let found = 0;
    for (let e = 0; e < this.wordCount; e += 1) if (hits[this.wordsFrom + e] === 1) found |= 1 << e;
    return found;
  }

  /** Whether `pattern` (or a list given as one) may match `message` or any part of it; `message` lower-cased. */
  mayMatch(pattern: object, message: string): boolean {
    const entry = this.entryOf.get(pattern);
    if (entry === undefined) return true;
    return this.hitsIn(message)[entry] === 1;
  }

  /**
   * Whether any of the list's patterns may match `text`, a part of `message` (or all of it): by the walk where the
   * list was given and all its patterns have literals, else by a scan of the list's patterns joined into one.
   */
  anyMayMatch(list: readonly { pattern: RegExp }[], message: string, text: string = message): boolean {
    return this.entryOf.has(list) ? this.mayMatch(list, message) : anyMayMatch(list, patternOf, text);
  }

  /** Which entries have a literal in `message`, from the last walk where it was the message walked. */
  private hitsIn(message: string): Uint8Array {
    if (message !== this.lastMessage) {
      this.hits.fill(0);
      this.lastMessage = message;
      this.automaton.markIn(message, this.hits);
    }
    return this.hits;
  }
}

/**
 * A pattern that finds any of the literals, as they are (a plain-text search): one scan, where a search for each in
 * turn cost two to three times as much.
 */
export function anyLiteral(literals: readonly string[]): RegExp {
  return new RegExp(literals.map((l) => l.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join('|'));
}

const gates = new WeakMap<LanguagePack, LiteralGate>();

/** The patterns of a pack that the parser's stages ask the gate about: alone, and (its recurrences, zones, weekdays and parts of the day) as lists. */
export function gatedPatterns(pack: LanguagePack): { single: RegExp[]; lists: ReadonlyArray<readonly { pattern: RegExp }[]> } {
  const { intents, scope } = pack;
  const lists = [pack.recurrence, pack.zones, pack.weekdays, pack.partsOfDay];
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
    ...lists.flatMap((list) => list.map((entry) => entry.pattern)),
  ].filter((p): p is RegExp => p instanceof RegExp);
  return { single, lists };
}

/** The gate of a pack's patterns that the parser's stages ask before they scan; made once per pack. */
export function packGate(pack: LanguagePack): LiteralGate {
  let gate = gates.get(pack);
  if (!gate) {
    const { single, lists } = gatedPatterns(pack);
    // The words that choose chrono's parsers (where it is a cued one) are looked for in the same walk.
    gate = new LiteralGate([...single, ...lists], pack.chrono.cueEntries ?? []);
    gates.set(pack, gate);
  }
  return gate;
}
