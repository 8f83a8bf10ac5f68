import * as chrono from 'chrono-node';
import type { LanguagePack } from '../language-pack.ts';
import { dayAfterTomorrowParser, weekdayParser } from './chrono-extras.ts';
import { ZONE_WORDS } from './shared-zones.ts';

// `\b` only knows ASCII letters, and Dutch writes "'s avonds" with an apostrophe; these bounds see letters only.
const B = '(?<![a-zß-ÿ])';
const E = '(?![a-zß-ÿ])';
const words = (alternatives: string, flags = ''): RegExp => new RegExp(`${B}(?:${alternatives})${E}`, flags);

const DAYS = ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'];
const DAY = `(${DAYS.join('|')})`;
const BYDAY: Record<string, string> = Object.fromEntries(DAYS.map((d, i) => [d, ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'][i]!]));
const ORD: Record<string, string> = { eerste: '1', tweede: '2', derde: '3', vierde: '4', laatste: '-1' };
const AMOUNT = '(een half|een halfuur|anderhalf|een|twee|drie|vier|vijf|zes|\\d+(?:[.,]\\d+)?)';
// "3 uur" is three o'clock ("om 3 uur"); only a spelt-out amount ("een uur", "twee uur") is a length without "voor".
const UNIT = '(minuten|minuut|min|(?<!\\d ?)uur)';
// A number's own start: not inside a word, nor the "3" of "13".
const N = '(?<![a-zß-ÿ\\d])';

/** "vrijdagmiddag": Dutch writes a day and its part as one word, which chrono does not split. */
const weekdayCompound = weekdayParser(DAYS, new RegExp(`${B}${DAY}(?:ochtend|morgen|middag|avond|nacht)${E}`, 'i'));

/** "overmorgen": chrono's Dutch has no day after tomorrow, and reads the time after it as today's. */
const dayAfterTomorrow = dayAfterTomorrowParser(new RegExp(`${B}overmorgen${E}`, 'i'));

const parser = chrono.nl.casual.clone();
parser.parsers.push(weekdayCompound, dayAfterTomorrow);

export const nl: LanguagePack = {
  code: 'nl',
  chrono: parser,
  markers: words('van|tot|vakantie|met|om|uur|morgen|vandaag|overmorgen|volgende|elke|iedere|vrij|ik|heb|wanneer|afspraak|afspraken|annuleer|verplaats|verzet|verschuif|het|de|een|en|voor|naar|middag|ochtend|avond|vanavond|wat|mijn|vergadering|hernoem|alleen|deze|zeg|af|januari|februari|maart|mei|juni|juli|augustus|oktober|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag', 'g'),
  intents: {
    availability: words('wanneer (?:ben ik|heb ik)(?: \\S+)*? ?(?:vrij|tijd|beschikbaar)?|ben ik (?:\\S+ )*?(?:vrij|beschikbaar|bezet)|heb ik (?:\\S+ )*?tijd|vrije (?:tijd|momenten|slots?)|beschikbaarheid|(?:zoek|vind) (?:een |wat )?(?:moment|tijd|slot|uur|half uur|\\d+ minuten)'),
    cancel: words(`annuleer|annuleren|schrap|schrappen|verwijder|verwijderen|zeg(?= (?:\\S+ )*?af${E})|afzeggen|gaat (?:\\S+ )*?niet door|cancel`),
    modify: words(`zet(?= (?:\\S+ )*?(?:eerder|later|vroeger|naar voren|naar achteren|naar)${E})|verplaats|verplaatsen|verzet|verzetten|verschuif|verschuiven|schuif|wijzig|wijzigen|verander|veranderen|hernoem|hernoemen|verleng|verlengen|verkort|verkorten`),
    list: words('wat (?:heb|sta|staat|is|zit)|laat (?:\\S+ )*?zien|toon|lijst|mijn agenda|heb ik (?:\\S+ )*?(?:afspraken|iets|vergaderingen)|wanneer is|hoe laat is'),
    create: words(`plan|plannen|inplannen|maak|zet|boek|reserveer|organiseer|voeg(?= (?:\\S+ )*?toe${E})|nieuwe (?:afspraak|vergadering)|herinner me|blokkeer`),
  },
  changeConnector: /\s(?:naar)\s/g,
  withWord: /\bmet\b/,
  withPeople: (t, n) => `${t} met ${n.join(' en ')}`,
  allDay: /\bde hele dag\b|\bhele dag\b/,
  locationPrefix: /\b(?:in|bij) (?=[A-Z])/g,
  partsOfDay: [
    // Unbounded on the left for "vrijdagochtend" and "vanmiddag"; "morgen" alone is tomorrow.
    { pattern: /ochtend|'s morgens|vanmorgen/, startHour: 8, endHour: 12 },
    { pattern: /middag/, startHour: 12, endHour: 17 },
    { pattern: /vanavond|vannacht/, startHour: 18, endHour: 23 },
    { pattern: /avond/, startHour: 17, endHour: 21 },
  ],
  // No end bound: "vrijdagmiddag" names the day too.
  weekdays: DAYS.map((d, i) => ({ pattern: new RegExp(`${B}${d}`), weekday: i + 1 })),
  next: words('volgende|komende(?= week)'),
  this: new RegExp(`${B}deze(?= (?:${DAYS.join('|')}|week))`),
  week: words('week'),
  duration: new RegExp(`${B}voor ${AMOUNT} ?(uur|minuten|minuut|min)${E}|(?<!${B}(?:over|om|in|naar|tot|van) )${N}${AMOUNT} ?${UNIT}${E}(?! (?:later|eerder|vroeger))`),
  amountWords: { een: 1, 'een half': 0.5, 'een halfuur': 0.5, anderhalf: 1.5, twee: 2, drie: 3, vier: 4, vijf: 5, zes: 6 },
  unitMinutes: [
    { pattern: /^uur$/, minutes: 60 },
    { pattern: /^(?:minuten|minuut|min)$/, minutes: 1 },
    { pattern: /^dag(?:en)?$/, minutes: 1440 },
  ],
  bareTime: new RegExp(`${B}om (\\d{1,2})(?:[:.](\\d{2}))?(?: ?uur)?(?![\\d:])`),
  relativeIn: new RegExp(`${B}over (een|twee|drie|\\d+)\\s*(uur|minuten|minuut|dagen|dag)${E}`),
  // "verschuif de standup 30 minuten" is later unless "eerder" or "naar voren" says otherwise; "naar 3 uur" is a time.
  shiftLater: new RegExp(`(?<=${B}(?:verschuif|verzet|verplaats|schuif)\\S* .*)(?<!${B}(?:naar|om|tot|op|van) )${N}${AMOUNT} ?(uur|minuten|minuut|min)${E}(?! (?:eerder|vroeger|naar voren))|${N}${AMOUNT} ?(uur|minuten|minuut|min) later${E}`),
  shiftEarlier: new RegExp(`${N}${AMOUNT} ?(uur|minuten|minuut|min) (?:eerder|vroeger|naar voren)${E}|(?<=naar voren .*)${N}${AMOUNT} ?(uur|minuten|minuut|min)${E}`),
  recurrence: [
    { pattern: words('elke werkdag|iedere werkdag|op werkdagen|doordeweeks|van maandag tot (?:en met )?vrijdag'), rule: () => 'RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR' },
    { pattern: words(`om de (?:andere|twee weken op|week op) ${DAY}`), rule: (m) => `RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=${BYDAY[m[1]!]}` },
    { pattern: words(`(?:elke |iedere |de )?(eerste|tweede|derde|vierde|laatste) ${DAY} van (?:de|elke|iedere) maand`), rule: (m) => `RRULE:FREQ=MONTHLY;BYDAY=${ORD[m[1]!]}${BYDAY[m[2]!]}` },
    { pattern: /op de (\d{1,2})(?:e|ste|de)? van (?:elke|iedere|de) maand|elke maand op de (\d{1,2})(?:e|ste|de)?/, rule: (m) => `RRULE:FREQ=MONTHLY;BYMONTHDAY=${m[1] ?? m[2]}` },
    { pattern: words(`(?:elke|iedere) ${DAY}(?: en ${DAY})?|op ${DAY}en(?: en ${DAY}en)?`), rule: (m) => `RRULE:FREQ=WEEKLY;BYDAY=${[m[1], m[2], m[3], m[4]].filter(Boolean).map((d) => BYDAY[d!]).join(',')}` },
    { pattern: words('elke dag|iedere dag|dagelijks'), rule: () => 'RRULE:FREQ=DAILY' },
    { pattern: words('om de (?:week|twee weken)|elke twee weken|tweewekelijks'), rule: () => 'RRULE:FREQ=WEEKLY;INTERVAL=2' },
    { pattern: words('elke week|iedere week|wekelijks'), rule: () => 'RRULE:FREQ=WEEKLY' },
    { pattern: words('elke maand|iedere maand|maandelijks'), rule: () => 'RRULE:FREQ=MONTHLY' },
    { pattern: words('elk jaar|ieder jaar|jaarlijks'), rule: () => 'RRULE:FREQ=YEARLY' },
  ],
  scope: {
    instance: words('alleen (?:deze|die|dit|vandaag|morgen)(?: keer| afspraak| ene)?|(?:alleen )?deze ene(?: keer)?|alleen deze keer|deze keer'),
    following: words('(?:en )?alle (?:volgende|toekomstige|komende)|vanaf nu|voortaan|van nu af aan'),
    series: words('de hele (?:reeks|serie)|alle [a-z-]+s|alle afspraken|elke [a-z-]+|iedere [a-z-]+'),
  },
  rename: words('hernoem|hernoemen|wijzig de (?:naam|titel)(?: \\S+)*? (?:naar|in)'),
  // Phrases come before single words: the first alternative that fits wins. Apostrophes are spaces by now.
  fillers: words(
    'kun je|kunt u|wil je|ik wil graag|ik wil|ik moet|laten we|voor mij|in mijn agenda|in de agenda|de hele dag|hele dag|laat zien|deze keer|en(?= alle)|' +
      'alsjeblieft|graag|mij|me|mijn|een|de|het|ik|' +
      'plan|plannen|inplannen|maak|zet|boek|reserveer|organiseer|voeg|toe|nieuwe|afspraak|agenda|kalender|' +
      'annuleer|annuleren|schrap|verwijder|zeg|af|verplaats|verzet|verschuif|wijzig|verander|hernoem|naar|om|op|van|voor|in|' +
      'alleen|deze|die|dit|ene|keer|alle|volgende|toekomstige|komende|hele|reeks|serie|' +
      'wat|heb|staat|sta|er|is|toon|laat|zien|iets|afspraken|vandaag|morgen',
    'g',
  ),
  zones: [
    { pattern: words('nederlandse tijd|amsterdamse tijd'), zone: 'Europe/Amsterdam' },
    { pattern: words('japanse tijd|tijd in tokio'), zone: 'Asia/Tokyo' },
    { pattern: words('tijd in new york'), zone: 'America/New_York' },
    ...ZONE_WORDS,
  ],
};
