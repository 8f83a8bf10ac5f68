import { cuesOf, type CoarseModel } from './classify-intent.ts';
import { compiled } from './compiled.ts';
import type { LanguageCode } from './intent-schema.ts';
import type { LanguagePack } from './language-pack.ts';
import { LANGUAGE_PACKS } from './languages/index.ts';
import { gatedPatterns } from './literal-gate.ts';
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
  // chrono's refiners run where they can change something: a month "may", "the second", a zone, an offset, a year.
  { language: 'en', text: 'lunch in may or the second friday at 3pm PST, 10:00 +02:00 on June 10 2027' },
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
  if (!options.signal?.aborted) for (const pack of Object.values(LANGUAGE_PACKS)) if (pack) warmUpPatterns(pack);
  return [...warmed];
}

/**
 * Each of a pack's patterns run twice, as the stages compile them (the intent cues as classifyIntent has them, the
 * others with the flags named here): the stages ask the literal gate first and skip most patterns in most messages, so the
 * commands above no longer reach them all. One missed here costs its first user a few milliseconds, not an answer.
 */
function warmUpPatterns(pack: LanguagePack): void {
  const { intents } = pack;
  const patterns = [
    ...gatedPatterns(pack).single,
    ...cuesOf(pack).map(([, cue]) => cue),
    ...[intents.question, intents.calendarItself].flatMap((p) => (p ? [compiled(p, p.flags)] : [])),
    ...[pack.allDay, pack.bareTime, pack.rename, pack.week].map((p) => compiled(p, '')),
    compiled(pack.changeConnector, 'g'),
  ];
  for (const pattern of patterns) {
    for (let i = 0; i < 2; i += 1) {
      pattern.lastIndex = 0;
      pattern.test('warm up 1');
    }
    pattern.lastIndex = 0;
  }
}
