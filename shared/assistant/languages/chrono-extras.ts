import type { Parser, ParsingResult, Refiner } from 'chrono-node';

// Parsers and refiners that several language packs add to their chrono, each given its words by the pack.
// Patterns are plain RegExps without the `g` flag: chrono runs `exec` on them again on what is left of the text.

/** The calendar date `days` after chrono's reference date, as chrono components. */
export function daysAfter(refDate: Date, days: number): { day: number; month: number; year: number } {
  const day = new Date(refDate);
  day.setDate(day.getDate() + days);
  return { day: day.getDate(), month: day.getMonth() + 1, year: day.getFullYear() };
}

/** chrono counts weekdays from Sunday (0); the packs list their day names from Monday. */
export function weekdayOf(days: readonly string[], name: string): number {
  return (days.indexOf(name.toLowerCase()) + 1) % 7;
}

/** A day name (group 1) in a form chrono's weekday parser misses: joined to its part ("Freitagnachmittag") or before its "next" ("el lunes que viene"). */
export const weekdayParser = (days: readonly string[], pattern: RegExp): Parser => ({
  pattern: () => pattern,
  extract: (_context, m) => ({ weekday: weekdayOf(days, m[1]!) }),
});

/** chrono's Spanish, Portuguese and French read only the "tomorrow" inside "pasado mañana", a day early; its Dutch and Japanese do not know the word. */
export const dayAfterTomorrowParser = (pattern: RegExp): Parser => ({
  pattern: () => pattern,
  extract: (context) => daysAfter(context.refDate, 2),
});

/**
 * "a las 10 de la mañana", "às 10 da manhã": chrono takes the part of the day for a day of its own (Spanish "mañana" is
 * also tomorrow), so the hour loses its half of the day. Groups: hour, minutes, part of the day.
 */
export const hourWithPartOfDayParser = ({ pattern, morningWords }: { pattern: RegExp; morningWords: readonly string[] }): Parser => ({
  pattern: () => pattern,
  extract: (_context, m) => {
    const hour = Number(m[1]);
    if (hour > 12) return null;
    const pm = !morningWords.includes(m[3]!.toLowerCase()) && hour < 12;
    return { hour: pm ? hour + 12 : hour, minute: Number(m[2] ?? 0), meridiem: pm ? 1 : 0 };
  },
});

/** "ao meio-dia", "à minuit", "正午": some of chrono's locales have noon and midnight only without a time, or not at all. Group 1 is the word. */
export const noonOrMidnightParser = ({ pattern, noon }: { pattern: RegExp; noon: string }): Parser => ({
  pattern: () => pattern,
  extract: (_context, m) => ({ hour: m[1]!.toLowerCase() === noon ? 12 : 0, minute: 0 }),
});

/** "em 2 horas", "2時間後": chrono's Portuguese and Japanese have no relative times, so the pipeline counts them from now. */
export const timeFromNowParser = (pattern: RegExp, minutesOf: (m: RegExpMatchArray) => number): Parser => ({
  pattern: () => pattern,
  extract: (context, m) => {
    const at = new Date(context.refDate.getTime() + minutesOf(m) * 60_000);
    return { day: at.getDate(), month: at.getMonth() + 1, year: at.getFullYear(), hour: at.getHours(), minute: at.getMinutes() };
  },
});

/**
 * "mañana por la tarde", "明日の午後": chrono reads the day and stops, or reads the part apart; the part belongs in the
 * day's mention. `following` (anchored with `^`) is tried just after each mention without an hour; a later mention that
 * starts inside the grown one is dropped.
 */
export const partOfDayMergeRefiner = (following: RegExp): Refiner => ({
  refine: (context, results) => {
    const out: ParsingResult[] = [];
    for (const r of results) {
      const last = out.at(-1);
      if (last && r.index < last.index + last.text.length) continue;
      const part = r.start.isCertain('hour') ? null : following.exec(context.text.slice(r.index + r.text.length));
      if (part) r.text += part[0];
      out.push(r);
    }
    return out;
  },
});
