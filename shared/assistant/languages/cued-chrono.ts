import { Chrono, ParsingContext, type ParsingComponents, type ParsingOption, type Parser, type ParsingResult, type Refiner } from 'chrono-node';
import { daysInMonth } from '../../time/zoned-time.ts';
import { LiteralAutomaton } from '../literal-automaton.ts';
import { CHRONO_ZONE_ABBREVIATIONS } from './chrono-zone-abbreviations.ts';

/** Whether a refiner can change anything, given the text, the results so far and the parse's options. */
export type RefinerNeed = (text: string, results: readonly ParsingResult[], option: ParsingOption | undefined) => boolean;

/**
 * A chrono that runs only the parsers whose words occur in the text. chrono runs every parser's pattern over
 * every message, and most of those long patterns (every month, every ordinal, every time unit) find nothing: in
 * the parser's profile the scans cost more than what chrono does with what it finds. Each cue is a necessary
 * condition for its parser's pattern to match anywhere (a month pattern needs a month's first three letters), so a
 * parser left out would have found nothing: the results are chrono's own. A parser without a cue always runs.
 * Where the parsers find nothing there is nothing to refine: chrono's refiners merge, filter and adjust what the
 * parsers found and never add to it, so the answer is chrono's empty list.
 *
 * Refiners are skipped the same way: each may have a test (`needOf`) of whether it can change anything, given the
 * text and the results so far (a merge needs two results; an extraction of "+02:00" needs a sign in the text); one
 * that cannot is left out, and so is every refiner where the parsers found nothing.
 */
export interface CuedChrono extends Pick<Chrono, 'parse'> {
  /** The cue words, as entries of a literal automaton: a walk that finds them tells `parseFound` which occur. */
  readonly cueEntries: ReadonlyArray<readonly string[]>;
  /**
   * `parse`, given which of the cue entries occur in the text (bit e for `cueEntries[e]`, ASCII case aside) or in a
   * text it is part of: a parser chosen for a word that lies outside the text finds nothing there.
   */
  parseFound(text: string, found: number, reference?: Parameters<Chrono['parse']>[1], option?: ParsingOption): ParsingResult[];
}

export function cuedChrono(base: Chrono, cueOf: (parser: Parser) => readonly string[] | undefined, needOf: (refiner: Refiner) => RefinerNeed | undefined = () => undefined): CuedChrono {
  const parsers = base.parsers;
  // Each parser's words, and the parsers without any (always chosen).
  const wordsOf = new Map<string, number>();
  let always = 0;
  parsers.forEach((parser, i) => {
    const words = cueOf(parser);
    if (words) for (const w of words) wordsOf.set(w, (wordsOf.get(w) ?? 0) | (1 << i));
    else always |= 1 << i;
  });
  const cues = new CueWords(wordsOf);
  // The chosen parsers without refiners: chrono's parse then gives their results in order, as its own parse has them
  // before it refines.
  const byChosen = new Map<number, Chrono>();
  const refiners = base.refiners.map((refiner) => ({ refiner, need: needOf(refiner) }));
  const parseChosen = (text: string, chosen: number, reference: Parameters<Chrono['parse']>[1], option: ParsingOption | undefined): ParsingResult[] => {
    let chrono = byChosen.get(chosen);
    if (!chrono) byChosen.set(chosen, (chrono = new Chrono({ parsers: parsers.filter((_, i) => chosen & (1 << i)), refiners: [] })));
    // chrono's parse gives its results as the ParsedResult interface; they are ParsingResults, as refiners take them.
    let results = chrono.parse(text, reference, option) as ParsingResult[];
    if (results.length === 0) return results;
    // A context like the one chrono's parse made (the same text, reference and options) for the refiners.
    const context = new ParsingContext(text, reference, option);
    for (const { refiner, need } of refiners) if (!need || need(text, results, option)) results = refiner.refine(context, results);
    return results;
  };
  return {
    cueEntries: cues.entries,
    parse: (text, reference, option) => parseChosen(text, always | cues.parsersIn(text), reference, option),
    parseFound: (text, found, reference, option) => parseChosen(text, always | cues.parsersOf(found), reference, option),
  };
}

/**
 * Which parsers' cue words occur in a text, case aside (chrono's patterns have the `i` flag): one walk of an automaton
 * of all the words, where ten case-insensitive scans, one per cue, were a sixth of chrono's time in the parser.
 * Case-insensitive matching without the `u` flag never folds a character beyond ASCII into one within (ECMA-262,
 * Canonicalize), so for words of ASCII the automaton's folding of ASCII case alone is exact.
 */
class CueWords {
  private readonly automaton: LiteralAutomaton;
  /** The parsers of each of the automaton's entries (one entry per set of parsers that share a word). */
  private readonly parsersByEntry: number[];
  /** Each entry's words. */
  readonly entries: ReadonlyArray<readonly string[]>;

  constructor(wordsOf: Map<string, number>) {
    if ([...wordsOf.keys()].some((w) => [...w].some((c) => c.charCodeAt(0) >= 128) || w !== w.toLowerCase())) throw new Error('cue words are lower-case ASCII');
    const byParsers = new Map<number, string[]>();
    for (const [word, parsers] of wordsOf) byParsers.set(parsers, [...(byParsers.get(parsers) ?? []), word]);
    if (byParsers.size > 32) throw new Error('too many sets of parsers for one walk');
    this.parsersByEntry = [...byParsers.keys()];
    this.entries = [...byParsers.values()];
    this.automaton = new LiteralAutomaton(this.entries);
  }

  parsersIn(text: string): number {
    return this.parsersOf(this.automaton.entriesIn(text));
  }

  /** The parsers of the entries found (bit e for entry e). */
  parsersOf(entries: number): number {
    if (entries === 0) return 0;
    let found = 0;
    for (let e = 0; e < this.parsersByEntry.length; e += 1) if (entries & (1 << e)) found |= this.parsersByEntry[e]!;
    return found;
  }
}

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * Cues for chrono's English casual parsers, by parser: words each one's pattern cannot match without (read off the
 * patterns of chrono-node 2.10, flags `i`). Keyed by class name; a build that renames classes only loses the shortcut.
 */
const EN_CUES: Record<string, readonly string[]> = {
  ENYearMonthDayParser: DIGITS,
  ISOFormatParser: DIGITS,
  SlashDateFormatParser: DIGITS,
  ENSlashMonthFormatParser: DIGITS,
  ENTimeExpressionParser: DIGITS,
  ENYearMonthNameParser: DIGITS,
  ENMonthNameLittleEndianParser: MONTHS,
  ENMonthNameMiddleEndianParser: MONTHS,
  ENMonthNameParser: MONTHS,
  ENWeekdayParser: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'weekend', 'weekday'],
  // "last night" needs "last".
  ENCasualDateParser: ['now', 'today', 'tonight', 'tomorrow', 'overmorrow', 'tmr', 'yesterday', 'last'],
  ENCasualTimeParser: ['morning', 'afternoon', 'evening', 'night', 'midday', 'noon'],
  ENEndOfCurrentMonthParser: ['month'],
  // "after this" needs "after".
  ENRelativeDateFormatParser: ['this', 'last', 'past', 'next', 'after'],
  ENTimeUnitCasualRelativeFormatParser: ['this', 'last', 'past', 'next', 'after', '+', '-'],
  ENTimeUnitAgoFormatParser: ['ago', 'before', 'earlier'],
  ENTimeUnitLaterFormatParser: ['later', 'after', 'from now', 'henceforth', 'forward', 'out'],
  // ENTimeUnitWithinFormatParser has no word of its own with forwardDate ("2 hours"): it always runs.
};

export function englishCue(parser: Parser): readonly string[] | undefined {
  return EN_CUES[(parser as object).constructor.name];
}

/** Merging refiners and overlap removal work on pairs: with one result they hand the list back as it is. */
const pairs: RefinerNeed = (_text, results) => results.length >= 2;

/**
 * When chrono's English refiners can change anything (read off chrono-node 2.10): each test is a necessary condition
 * of the refiner's doing something. Keyed by class name, as the parsers' cues.
 */
const EN_REFINER_NEEDS: Record<string, RefinerNeed> = {
  OverlapRemovalRefiner: pairs,
  ENMergeRelativeAfterDateRefiner: pairs,
  ENMergeRelativeFollowByDateRefiner: pairs,
  MergeWeekdayComponentRefiner: pairs,
  ENMergeDateTimeRefiner: pairs,
  ENMergeDateRangeRefiner: pairs,
  // "end of", "last day of" before a result.
  ENEndOfPeriodRefiner: (text) => /of/i.test(text),
  // A sign ("+02:00", "GMT-5") after a result.
  ExtractTimezoneOffsetRefiner: (text) => text.includes('+') || text.includes('-'),
  // Every year pattern has digits.
  ENExtractYearSuffixRefiner: (text) => /\d/.test(text),
  // It drops a result that is "may" alone or ends in "the second", and keeps everything else: only a result's own
  // words count (a short scan each, where the whole text's was one of the longer ones).
  ENUnlikelyFormatFilter: (_text, results) => results.some((r) => MAY_OR_SECOND.test(r.text)),
  // It drops a number alone ("10", "9.30") and a start or end that is no real moment (April 31, 24:00).
  UnlikelyFormatFilter: (_text, results) => results.some((r) => BARE_NUMBER.test(r.text.replace(' ', '')) || !surelyValid(r.start) || (r.end != null && !surelyValid(r.end))),
  // It moves a result forward only where the start is a time alone, a weekday alone or a date without its year.
  ForwardDateRefiner: (_text, results, option) => Boolean(option?.forwardDate) && results.some(({ start }) => start.isOnlyTime() || start.isOnlyWeekdayComponent() || start.isDateWithUnknownYear()),
  // It reads the word after each result as a zone, and changes nothing unless chrono (or the caller's option) knows
  // the zone: its own pattern and lookup, without the result's date it computes before the lookup.
  ExtractTimezoneAbbrRefiner: (text, results, option) =>
    results.some((r) => {
      const m = ZONE_AFTER.exec(text.substring(r.index + r.text.length));
      if (!m) return false;
      const abbreviation = m[1]!.toUpperCase();
      return CHRONO_ZONE_ABBREVIATIONS.has(abbreviation) || option?.timezones?.[abbreviation] != null;
    }),
};

const MAY_OR_SECOND = /may|second/i;

/** UnlikelyFormatFilter's test of a result's text, once its first space is taken out. */
const BARE_NUMBER = /^\d*(\.\d*)?$/;

/**
 * Whether chrono's isValidDate must hold for these components, told without the Date it builds and reads back (a
 * tenth of the cued chrono's time): whole numbers within their ranges, the day within its month. Anything else
 * (years before 100, which Date.UTC takes for 19xx; a null or fractional field) is left to the filter itself.
 */
function surelyValid(c: ParsingComponents): boolean {
  const year = c.get('year');
  const month = c.get('month');
  const day = c.get('day');
  if (!isWholeIn(year, 100, 9999) || !isWholeIn(month, 1, 12) || !isWholeIn(day, 1, daysInMonth(year!, month!))) return false;
  // Null is 0 to Date.UTC, and an hour or minute that is null goes unchecked.
  return isNullOrWholeIn(c.get('hour'), 23) && isNullOrWholeIn(c.get('minute'), 59) && isNullOrWholeIn(c.get('second'), 59) && isNullOrWholeIn(c.get('millisecond'), 999);
}

function isWholeIn(v: number | null, min: number, max: number): boolean {
  return Number.isInteger(v) && v! >= min && v! <= max;
}

function isNullOrWholeIn(v: number | null, max: number): boolean {
  return v === null || isWholeIn(v, 0, max);
}

/** ExtractTimezoneAbbrRefiner's pattern for a zone after a result. */
const ZONE_AFTER = /^\s*,?\s*\(?([A-Z]{2,4})\)?(?=\W|$)/i;

export function englishRefinerNeed(refiner: Refiner): RefinerNeed | undefined {
  // In strict mode UnlikelyFormatFilter also drops a weekday alone, which its need does not look for.
  if ((refiner as { strictMode?: boolean }).strictMode) return undefined;
  return EN_REFINER_NEEDS[(refiner as object).constructor.name];
}
