import * as chrono from 'chrono-node';
import type { Parser, Refiner } from 'chrono-node';
import type { LanguagePack } from '../language-pack.ts';
import { daysAfter, weekdayOf, weekdayParser } from './chrono-extras.ts';
import { ZONE_WORDS } from './shared-zones.ts';

// `\b` only knows ASCII letters, so it never sees a word start at "ü" in "übermorgen"; these bounds do.
const B = '(?<![a-zß-ÿ])';
const E = '(?![a-zß-ÿ])';
const words = (alternatives: string, flags = ''): RegExp => new RegExp(`${B}(?:${alternatives})${E}`, flags);

const DAYS = ['montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag', 'sonntag'];
const DAY = `(${DAYS.join('|')})`;
const BYDAY: Record<string, string> = Object.fromEntries(DAYS.map((d, i) => [d, ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'][i]!]));
const ORD: Record<string, string> = { ersten: '1', zweiten: '2', dritten: '3', vierten: '4', letzten: '-1' };
const AMOUNT = '(eine halbe|einer halben|eine|einer|ein|anderthalb|eineinhalb|zwei|drei|vier|fünf|sechs|\\d+(?:[.,]\\d+)?)';
const UNIT = '(stunden|stunde|std\\.?|minuten|minute|min\\.?)';
const LATER = '(?: nach hinten| später)';
const EARLIER = '(?: nach vorne| früher| eher| vor)';

/** "Freitagnachmittag": German writes a day and its part as one word, which chrono does not split. */
const weekdayCompound = weekdayParser(DAYS, new RegExp(`${B}${DAY}(?:vormittag|nachmittag|abend|morgen|mittag)s?${E}`, 'i'));

/** "am 8.12." and "28.3.2027": the usual way to write a date, which chrono's German parsers leave alone. */
const numericDate: Parser = {
  pattern: () => /(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})?(?![\d.])/,
  extract: (_context, m) => {
    const day = Number(m[1]);
    const month = Number(m[2]);
    if (day < 1 || day > 31 || month < 1 || month > 12) return null;
    return m[3] ? { day, month, year: Number(m[3]) } : { day, month };
  },
};

/** "morgen früh", "Freitag früh": chrono reads the day and leaves "früh" (or takes it for Friday); the day and its part belong together. */
const earlyDay: Parser = {
  pattern: () => new RegExp(`${B}(heute|morgen|übermorgen|${DAYS.join('|')}) früh${E}`, 'i'),
  extract: (context, m) => {
    const word = m[1]!.toLowerCase();
    if (DAYS.includes(word)) return { weekday: weekdayOf(DAYS, word) };
    return daysAfter(context.refDate, ['heute', 'morgen', 'übermorgen'].indexOf(word));
  },
};

/** chrono's weekday parser takes "fr" in "früh" for Friday; a match that stops inside a word is no match. */
const wholeWordsOnly: Refiner = {
  refine: (context, results) => results.filter((r) => !/[a-zß-ÿ]/i.test(context.text.charAt(r.index + r.text.length))),
};

const parser = chrono.de.casual.clone();
parser.parsers.push(weekdayCompound, numericDate, earlyDay);
parser.refiners.unshift(wholeWordsOnly);

export const de: LanguagePack = {
  code: 'de',
  chrono: parser,
  markers: words('mit|um|uhr|heute|morgen|übermorgen|termine?|nächste[nrsm]?|jeden|jede|woche|bitte|ich|habe|hab|wann|frei|zeit|absagen|verschieben?|verlege|lösche|streiche|im|ein|eine[nm]?|das|den|der|und|für|stunden?|minuten|nachmittag|vormittag|abend|trag|besprechung|mittagessen|nur|alle|vom|bis|zum|umbenennen|benenne|urlaub|januar|februar|märz|mai|juni|juli|oktober|dezember|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag', 'g'),
  intents: {
    availability: words('wann (?:bin ich|habe ich|hab ich) (?:\\S+ )*?(?:frei|zeit)|bin ich (?:\\S+ )*?(?:frei|verfügbar|beschäftigt)|(?:habe|hab) ich (?:\\S+ )*?zeit|freie (?:zeit|zeiten|slots?|termine|zeitfenster)|verfügbarkeit|finde (?:mir )?(?:einen |eine |ein )?(?:freien |freie )?(?:termin|zeit|slot|zeitfenster|\\d+ minuten|eine stunde)'),
    cancel: words(`absagen|überspring(?:e|en)?|auslassen|lass(?= (?:\\S+ )*?ausfallen${E})|sage?(?= (?:\\S+ )*?ab${E})|streiche?n?|lösche?n?|entferne?n?|storniere?n?|fällt(?= (?:\\S+ )*?aus${E})|abgesagt`),
    modify: words(`verschiebe?n?|verlege?n?|ändere?n?|umbenennen|benenne|verlängere?n?|verkürze?n?|ziehe?(?= (?:\\S+ )*?vor${E})|vorziehen`),
    list: words('was (?:habe|hab|steht|ist|gibt)|welche termine|zeige?n?|liste|(?:habe|hab) ich (?:\\S+ )*?(?:termine|was|etwas)|wann ist|tagesordnung|agenda|was steht an'),
    // Verb forms only, so that "Buchclub" is a title, not a command.
    create: words(`plane?n?|trage?n?|erstelle?n?|buche?n?|lege?(?= (?:\\S+ )*?an${E})|anlegen|vereinbare?n?|neue[rsn]? (?:termin|meeting|besprechung)|blocke?n?|blockiere?n?|erinnere mich|reserviere?n?`),
  },
  changeConnector: /\s(?:auf|nach)\s/g,
  withWord: /\bmit\b/,
  withPeople: (t, n) => `${t} mit ${n.join(' und ')}`,
  allDay: /\bden ganzen tag\b|\bganztägig\b|\bganztags\b/,
  locationPrefix: /\b(?:im|in|bei) (?=[A-ZÄÖÜ])/g,
  partsOfDay: [
    // Unbounded on the left for "Freitagnachmittag"; "Dienstagmorgen" is a morning, "morgen" alone is tomorrow.
    { pattern: new RegExp(`vormittag|${B}(?:morgens|früh)${E}|(?:heute |tag ?|am )morgen`), startHour: 8, endHour: 12 },
    { pattern: /nachmittag/, startHour: 12, endHour: 17 },
    { pattern: words('heute abend|heute nacht'), startHour: 18, endHour: 23 },
    { pattern: /abend/, startHour: 17, endHour: 21 },
  ],
  // No end bound: "Freitagnachmittag" and "montags" name the day too.
  weekdays: DAYS.map((d, i) => ({ pattern: new RegExp(`${B}${d}`), weekday: i + 1 })),
  next: words('nächste[nrsm]?|kommende[nrsm]?(?= woche)'),
  this: new RegExp(`${B}diese[nrsm]?(?= (?:${DAYS.join('|')}|woche))`),
  week: words('woche'),
  duration: new RegExp(`${B}für ${AMOUNT}\\s*${UNIT}${E}|(?<!${B}(?:in|um|vor|nach) )${B}${AMOUNT}[ -]?${UNIT}(?: lang)?${E}(?! (?:später|früher|eher|vorher|nachher|nach|vor))`),
  amountWords: { ein: 1, eine: 1, einer: 1, 'eine halbe': 0.5, 'einer halben': 0.5, anderthalb: 1.5, eineinhalb: 1.5, zwei: 2, drei: 3, vier: 4, fünf: 5, sechs: 6 },
  unitMinutes: [
    { pattern: /^(?:stunden?|std\.?|h)$/, minutes: 60 },
    { pattern: /^(?:minuten?|min\.?)$/, minutes: 1 },
    { pattern: /^(?:tage?n?)$/, minutes: 1440 },
  ],
  bareTime: /\bum (\d{1,2})(?:[:.](\d{2}))?(?:\s*uhr)?(?![\d:])/,
  relativeIn: new RegExp(`${B}in (einer|einem|eine|zwei|drei|\\d+)\\s*(stunden?|minuten?|tagen?)${E}`),
  shiftLater: new RegExp(`${B}um ${AMOUNT}\\s*${UNIT}${LATER}?(?!${EARLIER})${E}|${B}${AMOUNT}\\s*${UNIT}${LATER}${E}`),
  shiftEarlier: new RegExp(`${B}um ${AMOUNT}\\s*${UNIT}${EARLIER}${E}|${B}${AMOUNT}\\s*${UNIT} (?:früher|eher)${E}`),
  recurrence: [
    { pattern: words('werktags|wochentags|an werktagen|jeden werktag|montags? bis freitags?'), rule: () => 'RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR' },
    { pattern: words(`jeden zweiten ${DAY}`), rule: (m) => `RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=${BYDAY[m[1]!]}` },
    { pattern: words(`(?:jeden |am )?(ersten|zweiten|dritten|vierten|letzten) ${DAY} (?:im|jedes|eines|des) monats?`), rule: (m) => `RRULE:FREQ=MONTHLY;BYDAY=${ORD[m[1]!]}${BYDAY[m[2]!]}` },
    { pattern: /(?:jeden|am) (\d{1,2})\. (?:des|jedes|im) monats?\b/, rule: (m) => `RRULE:FREQ=MONTHLY;BYMONTHDAY=${m[1]}` },
    { pattern: words(`(?:jeden|immer) ${DAY}(?: und ${DAY})?|${DAY}s(?: und ${DAY}s)?`), rule: (m) => `RRULE:FREQ=WEEKLY;BYDAY=${[m[1], m[2], m[3], m[4]].filter(Boolean).map((d) => BYDAY[d!]).join(',')}` },
    { pattern: words('täglich|jeden tag'), rule: () => 'RRULE:FREQ=DAILY' },
    { pattern: words('alle (?:zwei|2) wochen|zweiwöchentlich|vierzehntägig'), rule: () => 'RRULE:FREQ=WEEKLY;INTERVAL=2' },
    { pattern: words('jede woche|wöchentlich'), rule: () => 'RRULE:FREQ=WEEKLY' },
    { pattern: words('jeden monat|monatlich'), rule: () => 'RRULE:FREQ=MONTHLY' },
    { pattern: words('jedes jahr|jährlich'), rule: () => 'RRULE:FREQ=YEARLY' },
  ],
  scope: {
    instance: words('überspring(?:e|en)?|auslassen|nur (?:diese[nrsm]?|dieses eine mal|das eine mal|den einen|heute|morgen)|diese[nrsm]? eine[nrs]? (?:termin|mal)'),
    following: words('(?:und )?alle (?:folgenden|weiteren|zukünftigen|kommenden)|ab jetzt|von nun an|ab sofort|künftig'),
    series: words('alle (?:meine[n]? )?[a-zäöüß-]+s|die (?:ganze |gesamte )?serie|jede[ns]? [a-zäöüß-]+|alle termine'),
  },
  rename: words('umbenennen(?: in| zu)?|benenne (?:\\S+ )*?um(?: in| zu)?|ändere den (?:titel|namen)(?: \\S+)*? (?:in|zu)'),
  // Phrases come before single words: the first alternative that fits wins.
  fillers: words(
    'kannst du|könntest du|ich möchte|ich will|ich muss|ich würde gerne|lass uns|für mich|im kalender|in meinem kalender|den ganzen tag|dieses eine mal|' +
      'bitte|mir|mich|ich|mein|meine[nmrs]?|ein|eine[nmrs]?|einen|der|die|das|den|dem|des|' +
      // Verb forms only: "Buchclub" and "Tragwerk" stay in titles.
      'plane?n?|trage?n?|erstelle?n?|buche?n?|lege?n?|an|anlegen|vereinbare?n?|neue[rsn]?|termin|kalender|' +
      'absagen|sage?n?|ab|streiche?n?|lösche?n?|entferne?n?|storniere?n?|verschiebe?n?|verlege?n?|ändere?n?|umbenennen|benenne|um|in|es|ihn|sie|am|für|von|zu|auf|nach|' +
      'nur|alle|folgenden|weiteren|zukünftigen|kommenden|ganze|gesamte|serie|vom|bis|zum|ganztägig|jede[nms]?|diese[nrsm]?|mal|was|habe|hab|steht|gibt|zeige?n?|liste|welche|termine|heute|morgen|beim|bei',
    'g',
  ),
  zones: [
    { pattern: words('mesz|mez|deutscher zeit|berliner zeit'), zone: 'Europe/Berlin' },
    { pattern: words('tokioter zeit|japanischer zeit'), zone: 'Asia/Tokyo' },
    { pattern: words('new yorker zeit'), zone: 'America/New_York' },
    // "ist" is a verb here, not India's zone.
    ...ZONE_WORDS.filter((z) => !z.pattern.test('ist')),
  ],
};
