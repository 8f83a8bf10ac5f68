import type { Chrono } from 'chrono-node';
import type { LanguageCode } from './intent-schema.ts';
import type { CuedChrono } from './languages/cued-chrono.ts';

/**
 * Everything language-specific the parser needs, as data: a new language is a
 * new pack in languages/, not an `if` in the pipeline. Patterns are matched
 * against the normalised (NFKC, lower-cased) message unless noted.
 */
export interface LanguagePack {
  code: LanguageCode;
  /**
   * chrono's parser for this language (its casual configuration), or one that answers the same; a cued one (English)
   * also takes the cue words found by the walk of the pack's literal gate.
   */
  chrono: Pick<Chrono, 'parse'> & Partial<Pick<CuedChrono, 'cueEntries' | 'parseFound'>>;
  /** Words typical of the language, for detecting it; each match counts once. */
  markers: RegExp;
  /** Cues for each intent; the strongest match wins (availability > cancel > modify > list > create). */
  intents: {
    availability: RegExp;
    cancel: RegExp;
    modify: RegExp;
    list: RegExp;
    create: RegExp;
    /** A message that asks rather than tells ("what…", "is there…", "…?"): a bare note with a time is then not a creation. */
    question?: RegExp;
    /** Words for the calendar's contents or gaps ("meetings tomorrow", "free 1h friday"): a note with them is not a new event. */
    calendarItself?: RegExp;
  };
  /** In "move my 3pm to Friday", the word before the new value ("to"); the last one splits target from change. */
  changeConnector: RegExp;
  /** "with" before people: "lunch with Anna". */
  withWord: RegExp;
  /** How a title names the people it is with: "Lunch with Anna", "Mittagessen mit Anna", "アンナとランチ". */
  withPeople: (title: string, names: string[]) => string;
  /** "all day", "den ganzen Tag": a day without times is an all-day event. */
  allDay: RegExp;
  /** Prepositions before a place: "at Café Linde", "in Room 4". Matched case-sensitively against the original text, followed by a capital. */
  locationPrefix: RegExp;
  /** Parts of the day and the hours they mean (end exclusive). */
  partsOfDay: Array<{ pattern: RegExp; startHour: number; endHour: number }>;
  /** Weekday names, ISO numbering (1 = Monday). */
  weekdays: Array<{ pattern: RegExp; weekday: number }>;
  /** "next" and "this" before a weekday or "week". */
  next: RegExp;
  this: RegExp;
  /** "week" (for "next week", "this week"). */
  week: RegExp;
  /** Durations: group 1 the amount (number or word), group 2 the unit. */
  duration: RegExp;
  /** Amount words ("an", "half an", "zwei") to numbers. */
  amountWords: Record<string, number>;
  /** Unit words to minutes. */
  unitMinutes: Array<{ pattern: RegExp; minutes: number }>;
  /** A time chrono does not take on its own ("at 10"): group 1 hour, 2 minutes, 3 am/pm. */
  bareTime: RegExp;
  /** "in 2 hours": group 1 amount, group 2 unit. */
  relativeIn: RegExp;
  /** Shifts: "push back 30 minutes" (+), "bring forward an hour" (-). Group 1 amount, 2 unit. */
  shiftLater: RegExp;
  shiftEarlier: RegExp;
  /** Recurrence phrases to RRULE lines. */
  recurrence: Array<{ pattern: RegExp; rule: (m: RegExpMatchArray) => string }>;
  /** Which instances of a series a change is for. */
  scope: { instance: RegExp; following: RegExp; series: RegExp };
  /** The verb of a rename ("rename the kickoff to Project start", "call it Kickoff"): the new title follows the change connector, or the verb. */
  rename: RegExp;
  /** Where the verb follows the new title ("定例会議の名前をデイリーに変更"), what ends the title: matched at the end of the text. */
  renameEnd?: RegExp;
  /** Words that are command, not title ("schedule", "please", "my"). Removed from titles and target queries. */
  fillers: RegExp;
  /** Explicit time-zone words after a time ("Tokyo time", "PST") to IANA zones. */
  zones: Array<{ pattern: RegExp; zone: string }>;
}
