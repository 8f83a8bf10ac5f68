import type { CoarseModel } from './classify-intent.ts';
import type { LanguageCode } from './intent-schema.ts';
import { parseCommand } from './parse-command.ts';

/**
 * Commands of every kind in every language, parsed once at start-up. A process's first parses are slow: V8
 * compiles each regular expression to machine code the second time it runs, and chrono's and our patterns are
 * many and long, so in a fresh process a command of a new shape took 100–170 ms (docs/eval.md, "slowest inputs")
 * where a warm one takes a tenth of a millisecond. Paying that at start-up spares the first users.
 */
export const WARM_UP_COMMANDS: ReadonlyArray<{ language: LanguageCode; text: string }> = [
  { language: 'en', text: 'lunch with anna@example.com tomorrow at 1pm' },
  { language: 'en', text: 'move my 3pm to Friday 4:30pm' },
  { language: 'en', text: 'cancel all future standups' },
  { language: 'en', text: 'when am I free next week for 30 minutes?' },
  { language: 'en', text: 'standup every weekday at 9:30 in Room 4' },
  { language: 'en', text: "what's on my calendar on Dec 8 to Dec 10" },
  { language: 'en', text: 'push the review back 2 hours, 9am ET' },
  // chrono's relative patterns ("… before", "… later", "… ago") are among its longest: 100 ms each to compile.
  { language: 'en', text: "remind me a week before mom's birthday" },
  { language: 'en', text: 'call bob 2 hours later, not 10 minutes ago' },
  { language: 'en', text: 'dentist 3 days from now, the last day of the month or next monday 3/14 2027-03-28' },
  { language: 'en', text: 'lunch on fifteenth march twenty seventeen between three and five p. m. or the first of february' },
  // A message with a character past Latin-1 is matched by code compiled apart.
  { language: 'en', text: 'coffee with Zoë at Café Ĺinde in 2 hours, a week before the 12th of January' },
  { language: 'de', text: 'Mittagessen mit Anna morgen um 13 Uhr' },
  { language: 'de', text: 'verschiebe das Meeting auf Freitag 15 Uhr' },
  { language: 'fr', text: 'déjeuner avec Anna demain à 13h' },
  { language: 'fr', text: "annule la réunion de demain" },
  { language: 'es', text: 'almuerzo con Ana mañana a las 13' },
  { language: 'es', text: '¿cuándo estoy libre el jueves por la tarde?' },
  { language: 'pt', text: 'almoço com Ana amanhã às 13h' },
  { language: 'nl', text: 'lunch met Anna morgen om 13 uur' },
  { language: 'ja', text: '明日の午後3時に会議' },
  { language: 'ja', text: '来週の水曜日の打ち合わせをキャンセル' },
];

/**
 * Parses each warm-up command twice (the second run is the one that compiles), yielding to the event loop between
 * commands so that requests arriving meanwhile are not held up. Resolves with the languages it warmed.
 */
export async function warmUpParser(options: { timeZone?: string; model?: CoarseModel; signal?: AbortSignal } = {}): Promise<LanguageCode[]> {
  const warmed = new Set<LanguageCode>();
  for (const { language, text } of WARM_UP_COMMANDS) {
    if (options.signal?.aborted) break;
    const parse = { now: new Date(), timeZone: options.timeZone ?? 'UTC', model: options.model };
    // Twice with the language detected, as messages come; once more with it given, as a known user's do.
    for (let i = 0; i < 2; i += 1) parseCommand(text, parse);
    parseCommand(text, { ...parse, language });
    warmed.add(language);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return [...warmed];
}
