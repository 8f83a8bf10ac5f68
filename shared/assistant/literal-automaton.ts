/**
 * Which of a set of entries, each a list of literals, occur in a text: one move per character of an Aho–Corasick
 * automaton over all the literals (each state's move on each character class is the trie's where it has one, else that
 * of the longest suffix of the state that is also in the trie), where a walk of a trie from each position took several.
 * ASCII letters match either case; other characters match themselves. The literal gate (its entries: a pack's
 * patterns) and the cued chrono (its entries: chrono's parsers) both ask one.
 */
export class LiteralAutomaton {
  /**
   * The move from state s on character class c at s * width + c, as the state reached times two, plus one where it
   * ends a literal; state 0 is the start, class 0 any character in no literal.
   */
  private readonly moves: Uint16Array;
  private readonly width: number;
  /** Character code (< 128) → its class (from 1), 0 for one in no literal; upper-case letters share their lower case's. */
  private readonly asciiClass = new Uint8Array(128);
  private readonly otherClass = new Map<number, number>();
  /** The entries one of whose literals ends where state s is reached: ends[endsFrom[s], endsFrom[s + 1]). */
  private readonly endsFrom: Int32Array;
  private readonly ends: Int32Array;
  /** The same as a bit per entry, for sets of at most 32 entries (entriesIn). */
  private readonly masks: Int32Array;

  /** `entries[i]`: the literals of entry i (lower case where they are ASCII letters). */
  constructor(entries: ReadonlyArray<readonly string[]>) {
    // Code units, as the walk reads them.
    const chars = [...new Set(entries.flat().join('').split(''))];
    chars.forEach((c, i) => {
      const code = c.charCodeAt(0);
      if (code < 128) {
        this.asciiClass[code] = i + 1;
        const upper = c.toUpperCase().charCodeAt(0);
        if (upper < 128) this.asciiClass[upper] = i + 1;
      } else this.otherClass.set(code, i + 1);
    });
    const width = chars.length + 1;
    this.width = width;
    const trie: number[] = [];
    const endsAt: number[][] = [[]];
    entries.forEach((literals, entry) => {
      for (const literal of literals) {
        let node = 0;
        for (let i = 0; i < literal.length; i += 1) {
          const at = node * width + this.classOf(literal.charCodeAt(i));
          if (!trie[at]) {
            trie[at] = endsAt.length;
            endsAt.push([]);
          }
          node = trie[at]!;
        }
        if (!endsAt[node]!.includes(entry)) endsAt[node]!.push(entry);
      }
    });
    if (endsAt.length > 0x7fff) throw new Error('too many literals for one automaton');
    const moves = new Uint16Array(endsAt.length * width);
    const suffix = new Int32Array(endsAt.length);
    // Breadth first, so a state's suffix state (shorter) is complete before the state is.
    const queue: number[] = [];
    for (let c = 1; c < width; c += 1) {
      const child = trie[c] ?? 0;
      moves[c] = child;
      if (child) queue.push(child);
    }
    for (let q = 0; q < queue.length; q += 1) {
      const state = queue[q]!;
      for (const e of endsAt[suffix[state]!]!) if (!endsAt[state]!.includes(e)) endsAt[state]!.push(e);
      for (let c = 1; c < width; c += 1) {
        const child = trie[state * width + c] ?? 0;
        if (child) {
          suffix[child] = moves[suffix[state]! * width + c]!;
          moves[state * width + c] = child;
          queue.push(child);
        } else moves[state * width + c] = moves[suffix[state]! * width + c]!;
      }
    }
    // Each move also says whether the state it reaches ends a literal (the low bit), so a walk reads the lists of
    // those few states only.
    for (let i = 0; i < moves.length; i += 1) moves[i] = (moves[i]! << 1) | (endsAt[moves[i]!]!.length > 0 ? 1 : 0);
    this.moves = moves;
    this.endsFrom = new Int32Array(endsAt.length + 1);
    endsAt.forEach((list, n) => (this.endsFrom[n + 1] = this.endsFrom[n]! + list.length));
    this.ends = Int32Array.from(endsAt.flat());
    this.masks = Int32Array.from(endsAt, (list) => list.reduce((mask, e) => (e < 32 ? mask | (1 << e) : mask), 0));
  }

  private classOf(code: number): number {
    return code < 128 ? this.asciiClass[code]! : (this.otherClass.get(code) ?? 0);
  }

  /** Sets hits[e] to 1 for each entry e one of whose literals occurs in `text` (the others are left as they are). */
  markIn(text: string, hits: Uint8Array): void {
    const { moves, width, asciiClass, otherClass, endsFrom, ends } = this;
    let state = 0;
    for (let i = 0; i < text.length; i += 1) {
      const c = text.charCodeAt(i);
      const move = moves[state * width + (c < 128 ? asciiClass[c]! : (otherClass.get(c) ?? 0))]!;
      state = move >> 1;
      if (move & 1) for (let e = endsFrom[state]!, end = endsFrom[state + 1]!; e < end; e += 1) hits[ends[e]!] = 1;
    }
  }

  /** The entries (of the first 32) one of whose literals occurs in `text`, as bits. */
  entriesIn(text: string): number {
    const { moves, width, asciiClass, otherClass, masks } = this;
    let state = 0;
    let found = 0;
    for (let i = 0; i < text.length; i += 1) {
      const c = text.charCodeAt(i);
      const move = moves[state * width + (c < 128 ? asciiClass[c]! : (otherClass.get(c) ?? 0))]!;
      state = move >> 1;
      if (move & 1) found |= masks[state]!;
    }
    return found;
  }
}
