/**
 * Strings one of which every match of a pattern contains: read off the pattern's source, the way regex engines pick
 * the literals to look for before they run the pattern. "\b(cancel|delete|call off)\b" needs "cancel", "delete" or
 * "call off"; "\bfor (an?|one|\d+)\s*(hours?|mins?)\b" needs "for ". A message with none of them cannot match, and
 * one walk over the message (LiteralGate) answers that for all of a pack's patterns at once.
 *
 * The reading is conservative: whatever it does not know (a class of many characters, a back-reference, syntax it
 * does not parse) counts as "anything", which only ever makes the answer weaker, never wrong. The strings are lower
 * case: they are looked for in the lower-cased message, where whatever a pattern matches in the message shows up
 * lower-cased.
 */

/** The most strings a part of a pattern is spelled out as before it counts as "anything". */
const MAX_SPELLINGS = 48;
/** Longer than this, a literal rules out no more than its start does; it is cut there, which keeps the walk's automaton small. */
const MAX_USEFUL_LENGTH = 6;
/** Shorter than this, a literal rules out too little to be worth looking for. */
const MIN_USEFUL_LENGTH = 2;

interface Reading {
  /** Every string the part can match, where they are few; null where they are not (or not known). */
  exact: string[] | null;
  /** Strings one of which every match of the part contains; null where none is known. */
  required: string[] | null;
}

const ANYTHING: Reading = { exact: null, required: null };
const EMPTY: Reading = { exact: [''], required: null };

/**
 * The literals (lower case) one of which every match of `pattern` contains, or null where none can be told. Patterns
 * that ignore case under the `u` flag get null: Unicode case folding matches characters that lower-casing does not
 * map to one another ("ſ" and "s").
 */
export function requiredLiterals(pattern: RegExp): string[] | null {
  if (pattern.ignoreCase && (pattern.unicode || pattern.flags.includes('v'))) return null;
  let reading: Reading;
  try {
    reading = new PatternReader(pattern.source, pattern.unicode || pattern.flags.includes('v')).read();
  } catch {
    return null;
  }
  const found = reading.exact && !reading.exact.includes('') ? best(reading.exact, reading.required) : reading.required;
  if (!found || found.length === 0) return null;
  const lower = found.map((s) => s.toLowerCase());
  // A character whose lower case is longer or shorter stays as it is in the lower-cased message (lowerSameLength).
  if (lower.some((s, i) => s.length !== found[i]!.length)) return null;
  // Ignoring case, a letter beyond ASCII also matches letters its lower case is not ("σ" and "ς" both upper-case to
  // "Σ"): only letters without case (kana, kanji) are taken as they are.
  if (pattern.ignoreCase && lower.some((s) => [...s].some((c) => c.charCodeAt(0) >= 128 && (c.toUpperCase() !== c || c.toLowerCase() !== c)))) return null;
  if (Math.min(...lower.map((s) => s.length)) < MIN_USEFUL_LENGTH) return null;
  // Every match holds the start of a literal too, and a short one rules out as much in practice ("schedu" for
  // "schedule"); a string that holds another of the set adds nothing: wherever it occurs, so does the other ("monday",
  // "mon").
  const distinct = [...new Set(lower.map((s) => s.slice(0, MAX_USEFUL_LENGTH)))];
  return distinct.filter((s) => !distinct.some((t) => t !== s && s.includes(t)));
}

/** Of two sets of required strings, the one that rules out more: its shortest string the longer, then the fewer strings. */
function best(a: string[] | null, b: string[] | null): string[] | null {
  if (!a) return b;
  if (!b) return a;
  const shortest = (s: string[]) => Math.min(4, ...s.map((x) => x.length));
  if (shortest(a) !== shortest(b)) return shortest(a) > shortest(b) ? a : b;
  return a.length <= b.length ? a : b;
}

function cross(a: string[], b: string[]): string[] | null {
  if (a.length * b.length > MAX_SPELLINGS) return null;
  const out: string[] = [];
  for (const x of a) for (const y of b) out.push(x + y);
  return [...new Set(out)];
}

function union(a: string[], b: string[]): string[] | null {
  const out = [...new Set([...a, ...b])];
  return out.length > MAX_SPELLINGS ? null : out;
}

/** A recursive-descent reader of JavaScript pattern syntax, enough for the packs' patterns; anything else throws. */
class PatternReader {
  private at = 0;

  constructor(
    private readonly source: string,
    /** Under `u` a surrogate pair is one character, which a quantifier repeats whole. */
    private readonly unicode: boolean,
  ) {}

  read(): Reading {
    const reading = this.alternatives();
    if (this.at !== this.source.length) throw new Error('unbalanced )');
    return reading;
  }

  private alternatives(): Reading {
    const branches = [this.sequence()];
    while (this.source[this.at] === '|') {
      this.at += 1;
      branches.push(this.sequence());
    }
    if (branches.length === 1) return branches[0]!;
    let exact: string[] | null = branches[0]!.exact;
    for (const b of branches.slice(1)) exact = exact && b.exact ? union(exact, b.exact) : null;
    // Each branch must say what it needs (its own spellings, if it can match nothing else and never the empty string).
    let required: string[] | null = [];
    for (const b of branches) {
      const needs = b.exact && !b.exact.includes('') ? best(b.exact, b.required) : b.required;
      required = needs && required ? union(required, needs) : null;
    }
    return { exact, required };
  }

  private sequence(): Reading {
    // Runs of parts with few spellings are spelled out together ("for " + "an"|"a"|"one"); a part with many ends a run.
    let run: string[] | null = [''];
    let whole: string[] | null = [''];
    let required: string[] | null = null;
    const endRun = () => {
      if (run && !run.includes('')) required = best(required, run);
      run = [''];
    };
    while (this.at < this.source.length && this.source[this.at] !== '|' && this.source[this.at] !== ')') {
      const part = this.quantified(this.atom());
      if (part.required) required = best(required, part.required);
      if (part.exact) {
        const grown: string[] | null = run ? cross(run, part.exact) : null;
        if (grown) run = grown;
        else {
          endRun();
          run = part.exact;
        }
        whole = whole ? cross(whole, part.exact) : null;
      } else {
        endRun();
        whole = null;
      }
    }
    endRun();
    return { exact: whole, required };
  }

  private quantified(part: Reading): Reading {
    const c = this.source[this.at];
    let min: number;
    let max: number;
    if (c === '?') [min, max] = [0, 1];
    else if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '{' && /^\{\d+(?:,\d*)?\}/.test(this.source.slice(this.at))) {
      const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(this.source.slice(this.at))!;
      min = Number(m[1]);
      max = m[2] ? (m[3] ? Number(m[3]) : Infinity) : min;
      this.at += m[0].length - 1;
    } else return part;
    this.at += 1;
    if (this.source[this.at] === '?') this.at += 1; // lazy: the same strings
    const needs = part.exact && !part.exact.includes('') ? best(part.exact, part.required) : part.required;
    if (max === 1) return { exact: part.exact && (min === 0 ? union([''], part.exact) : part.exact), required: min === 0 ? null : needs };
    if (min === 0) return ANYTHING;
    return { exact: null, required: needs };
  }

  private atom(): Reading {
    const c = this.source[this.at]!;
    if (c === '(') return this.group();
    if (c === '[') return this.characterClass();
    if (c === '\\') return this.escape();
    this.at += 1;
    if (c === '^' || c === '$') return EMPTY;
    if (c === '.') return ANYTHING;
    if (c === '*' || c === '+' || c === '?' || c === '{' || c === '}' || c === ']') {
      // A quantifier with nothing to repeat, or a brace that is a literal under the old rules: not read here.
      if (c === '{' || c === '}' || c === ']') return { exact: [c], required: null };
      throw new Error('nothing to repeat');
    }
    const next = this.source.charCodeAt(this.at);
    if (this.unicode && c.charCodeAt(0) >= 0xd800 && c.charCodeAt(0) <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      this.at += 1;
      return this.literal(c + this.source[this.at - 1]);
    }
    return this.literal(c);
  }

  private literal(c: string): Reading {
    return { exact: [c], required: null };
  }

  private group(): Reading {
    this.at += 1;
    let lookaround = false;
    if (this.source.startsWith('?:', this.at)) this.at += 2;
    else if (this.source.startsWith('?=', this.at) || this.source.startsWith('?!', this.at)) {
      this.at += 2;
      lookaround = true;
    } else if (this.source.startsWith('?<=', this.at) || this.source.startsWith('?<!', this.at)) {
      this.at += 3;
      lookaround = true;
    } else if (this.source.startsWith('?<', this.at)) {
      const close = this.source.indexOf('>', this.at);
      if (close < 0) throw new Error('unnamed group');
      this.at = close + 1;
    } else if (this.source[this.at] === '?') throw new Error('unknown group');
    const inner = this.alternatives();
    if (this.source[this.at] !== ')') throw new Error('unclosed group');
    this.at += 1;
    // A lookaround matches no characters of its own: the text around it is what the match holds.
    return lookaround ? EMPTY : inner;
  }

  private characterClass(): Reading {
    this.at += 1;
    const negated = this.source[this.at] === '^';
    if (negated) this.at += 1;
    const chars: string[] = [];
    let known = !negated;
    while (this.at < this.source.length && this.source[this.at] !== ']') {
      const c = this.source[this.at]!;
      if (c === '\\') {
        const e = this.classEscape();
        if (e === null) known = false;
        else chars.push(e);
        continue;
      }
      this.at += 1;
      if (this.source[this.at] === '-' && this.source[this.at + 1] !== ']' && this.at + 1 < this.source.length) {
        this.at += 1;
        let to = this.source[this.at]!;
        if (to === '\\') {
          const e = this.classEscape();
          if (e === null) {
            known = false;
            continue;
          }
          to = e;
        } else this.at += 1;
        const from = c.charCodeAt(0);
        const end = to.charCodeAt(0);
        if (end - from > 12) known = false;
        else for (let code = from; code <= end; code += 1) chars.push(String.fromCharCode(code));
        continue;
      }
      // A nested class (the v flag) or a character beyond the basic plane is not read.
      if (c === '[' || (c.charCodeAt(0) >= 0xd800 && c.charCodeAt(0) <= 0xdfff)) known = false;
      chars.push(c);
    }
    if (this.source[this.at] !== ']') throw new Error('unclosed class');
    this.at += 1;
    if (!known || chars.length === 0 || chars.length > 12) return ANYTHING;
    return { exact: [...new Set(chars)], required: null };
  }

  /** An escape inside a class: the character it stands for, or null for a class of characters (\d, \s, …). */
  private classEscape(): string | null {
    const r = this.escape();
    return r.exact && r.exact.length === 1 && r.exact[0]!.length >= 1 ? r.exact[0]! : null;
  }

  private escape(): Reading {
    const c = this.source[this.at + 1];
    if (c === undefined) throw new Error('trailing backslash');
    this.at += 2;
    if (c === 'b' || c === 'B') return EMPTY;
    if ('dDwWsSpP'.includes(c)) {
      if ((c === 'p' || c === 'P') && this.source[this.at] === '{') this.at = this.source.indexOf('}', this.at) + 1;
      return ANYTHING;
    }
    if (/[1-9k]/.test(c)) throw new Error('back-reference');
    if (c === 'n') return this.literal('\n');
    if (c === 't') return this.literal('\t');
    if (c === 'r') return this.literal('\r');
    if (c === 'f') return this.literal('\f');
    if (c === 'v') return this.literal('\v');
    if (c === '0') return this.literal('\0');
    if (c === 'u' && this.source[this.at] === '{') throw new Error('code point escape');
    if (c === 'x' || c === 'u') {
      const m = c === 'x' ? /^[0-9a-fA-F]{2}/.exec(this.source.slice(this.at)) : /^[0-9a-fA-F]{4}/.exec(this.source.slice(this.at));
      if (!m) throw new Error('unread escape');
      this.at += m[0].length;
      return this.literal(String.fromCharCode(parseInt(m[0], 16)));
    }
    if (c === 'c') throw new Error('control escape');
    // An escaped punctuation mark stands for itself.
    if (/[A-Za-z]/.test(c)) throw new Error('unknown escape');
    return this.literal(c);
  }
}
