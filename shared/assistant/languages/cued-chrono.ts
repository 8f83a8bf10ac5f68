import { Chrono, ParsingContext, type Parser } from 'chrono-node';

/**
 * A chrono that runs only the parsers whose words occur in the text. chrono runs every parser's pattern over
 * every message, and most of those long patterns (every month, every ordinal, every time unit) find nothing: in
 * the parser's profile the scans cost more than what chrono does with what it finds. Each cue is a necessary
 * condition for its parser's pattern to match anywhere (a month pattern needs a month's first three letters), so a
 * parser left out would have found nothing: the results are chrono's own. A parser without a cue always runs.
 * Where only those are left and none of their patterns matches, there is nothing to refine: chrono's refiners merge,
 * filter and adjust what the parsers found and never add to it, so the answer is chrono's empty list.
 */
export function cuedChrono(base: Chrono, cueOf: (parser: Parser) => RegExp | undefined): Pick<Chrono, 'parse'> {
  const parsers = base.parsers;
  // Each distinct cue is tested once, for all the parsers it stands for; parsers without one are always chosen.
  const cues = new Map<RegExp, number>();
  let always = 0;
  parsers.forEach((parser, i) => {
    const cue = cueOf(parser);
    if (cue) cues.set(cue, (cues.get(cue) ?? 0) | (1 << i));
    else always |= 1 << i;
  });
  const byChosen = new Map<number, Chrono>();
  const uncued = parsers.filter((_, i) => always & (1 << i));
  return {
    parse(text, reference, option) {
      let chosen = always;
      for (const [cue, bits] of cues) if (cue.test(text)) chosen |= bits;
      if (chosen === always) {
        const context = new ParsingContext(text, reference, option);
        if (!uncued.some((parser) => parser.pattern(context).test(text))) return [];
      }
      let chrono = byChosen.get(chosen);
      if (!chrono) byChosen.set(chosen, (chrono = new Chrono({ parsers: parsers.filter((_, i) => chosen & (1 << i)), refiners: base.refiners })));
      return chrono.parse(text, reference, option);
    },
  };
}

const DIGIT = /[0-9]/;
const MONTH = /jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/i;

/**
 * Cues for chrono's English casual parsers, by parser: read off each one's pattern (chrono-node 2.10, flags `i`).
 * Keyed by class name; a build that renames classes only loses the shortcut.
 */
const EN_CUES: Record<string, RegExp> = {
  ENYearMonthDayParser: DIGIT,
  ISOFormatParser: DIGIT,
  SlashDateFormatParser: DIGIT,
  ENSlashMonthFormatParser: DIGIT,
  ENTimeExpressionParser: DIGIT,
  ENYearMonthNameParser: DIGIT,
  ENMonthNameLittleEndianParser: MONTH,
  ENMonthNameMiddleEndianParser: MONTH,
  ENMonthNameParser: MONTH,
  ENWeekdayParser: /mon|tue|wed|thu|fri|sat|sun|weekend|weekday/i,
  // "last night" needs "last".
  ENCasualDateParser: /now|today|tonight|tomorrow|overmorrow|tmr|yesterday|last/i,
  ENCasualTimeParser: /morning|afternoon|evening|night|midday|noon/i,
  ENEndOfCurrentMonthParser: /month/i,
  // "after this" needs "after".
  ENRelativeDateFormatParser: /this|last|past|next|after/i,
  ENTimeUnitCasualRelativeFormatParser: /this|last|past|next|after|\+|-/i,
  ENTimeUnitAgoFormatParser: /ago|before|earlier/i,
  ENTimeUnitLaterFormatParser: /later|after|from now|henceforth|forward|out/i,
  // ENTimeUnitWithinFormatParser has no word of its own with forwardDate ("2 hours"): it always runs.
};

export function englishCue(parser: Parser): RegExp | undefined {
  return EN_CUES[(parser as object).constructor.name];
}
