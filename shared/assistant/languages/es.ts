import * as chrono from 'chrono-node';
import type { Parser, Refiner } from 'chrono-node';
import type { LanguagePack } from '../language-pack.ts';
import { dayAfterTomorrowParser, hourWithPartOfDayParser, partOfDayMergeRefiner, weekdayParser } from './chrono-extras.ts';
import { ZONE_WORDS } from './shared-zones.ts';

// `\b` only knows ASCII letters: it never sees a word end at "miércoles" or "próximo" start; these bounds do.
const B = '(?<![a-zß-ÿ])';
const E = '(?![a-zß-ÿ])';
const words = (alternatives: string, flags = '', more = ''): RegExp => new RegExp(`${B}(?:${alternatives})${E}${more}`, flags);

const DAYS = ['lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo'];
const DAY = `(${DAYS.join('|')})`;
const BYDAY: Record<string, string> = Object.fromEntries(DAYS.map((d, i) => [d, ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'][i]!]));
const MONTHS = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'];
const ORD: Record<string, string> = { primer: '1', primero: '1', segundo: '2', tercer: '3', tercero: '3', cuarto: '4', último: '-1' };
const AMOUNT = '(media|una|un|dos|tres|cuatro|cinco|seis|\\d+(?:[.,]\\d+)?)';
const UNIT = '(horas?|h|minutos?|min)';
const LONG_UNIT = '(horas?|minutos?|min)';
// A number's own start: not inside a word, nor the "3" of "13".
const N = '(?<![a-zß-ÿ\\d])';

/** "pasado mañana": chrono reads only its "mañana", a day early. */
const dayAfterTomorrow = dayAfterTomorrowParser(new RegExp(`${B}pasado mañana${E}`, 'i'));

/** "el lunes que viene", "el lunes próximo": chrono drops the "next" that follows the day, and with it the time after. */
const weekdayThenNext = weekdayParser(DAYS, new RegExp(`${B}${DAY} (?:que viene|próximo)${E}`, 'i'));

/** "a las 10 de la mañana": chrono reads "mañana" here as tomorrow. */
const hourOfPartOfDay = hourWithPartOfDayParser({
  pattern: new RegExp(`${B}(?:a )?las? (\\d{1,2})(?:[:.](\\d{2}))? de la (mañana|tarde|noche)${E}`, 'i'),
  morningWords: ['mañana'],
});

/** "del 8 al 10 de diciembre": chrono's Spanish ranges know "8 a 10" and "8-10", not "al". */
const dayRangeInMonth: Parser = {
  pattern: () => new RegExp(`${B}(?:del? )?(\\d{1,2}) al (\\d{1,2}) de (${MONTHS.join('|')})(?: de (\\d{4}))?${E}`, 'i'),
  extract: (context, m) => {
    const month = MONTHS.indexOf(m[3]!.toLowerCase()) + 1;
    const year = m[4] ? { year: Number(m[4]) } : {};
    return context.createParsingResult(m.index!, m[0], { day: Number(m[1]), month, ...year }, { day: Number(m[2]), month, ...year });
  },
};

/**
 * chrono's within-parser takes "las 15h" or "las 9 hora" for so many hours from now; after "las" it is a time of day.
 * The mention takes its "las" back (so "mañana a las 9" merges) and leaves a singular "hora" to "hora de Tokio".
 */
const hourIsATime: Refiner = {
  refine: (context, results) =>
    results.map((r) => {
      const m = /^(?:de )?(\d{1,2}) ?(h|horas?)$/i.exec(r.text);
      const las = /las\s+$/i.exec(context.text.slice(0, r.index));
      if (!m || (m[2] !== 'h' && !las)) return r;
      r.start = context.createParsingComponents({ hour: Number(m[1]), minute: 0 });
      if (las) {
        r.text = `${las[0]}${m[2]!.toLowerCase() === 'hora' ? m[1] : r.text}`;
        r.index -= las[0].length;
      }
      return r;
    }),
};

/** "mañana por la tarde": chrono reads the day and the part apart; the part belongs in the day's mention. */
const partOfDayAfterDay = partOfDayMergeRefiner(/^ (?:por|en|a) la (?:mañana|tarde|noche)/i);

const parser = chrono.es.casual.clone();
parser.parsers.push(dayAfterTomorrow, weekdayThenNext, hourOfPartOfDay, dayRangeInMonth);
parser.refiners.unshift(hourIsATime);
parser.refiners.push(partOfDayAfterDay);

export const es: LanguagePack = {
  code: 'es',
  chrono: parser,
  // The first words are spelt alike in Portuguese and count for both; the rest tell the two apart.
  markers: words(`para|por|horas?|tarde|cada|semana|sábado|domingo|llamada|con|las|el|los|mañana|hoy|pasado|reunión|cita|próximo|próxima|todos|estoy|libre|cuándo|cancela|cancelar|mueve|mover|cambia|la|y|noche|mi|mis|qué|tengo|almuerzo|comida|cena|programa|del|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|lunes|martes|miércoles|jueves|viernes`, 'g'),
  intents: {
    availability: words('cuándo (?:estoy|tengo tiempo|tengo hueco)(?: \\S+)*? ?(?:libre|disponible)?|¿?estoy (?:\\S+ )*?(?:libre|disponible|ocupad[oa])|tengo (?:tiempo|hueco|un hueco)(?: libre)?|huecos? libres?|tiempo libre|disponibilidad|(?:encu[eé]ntra|busca)(?:me)? (?:un hueco|una hora|media hora|\\d+ minutos|tiempo)'),
    cancel: words('cancela[r]?|cancele|anula[r]?|borra[r]?|elimina[r]?|quita[r]?|suprime'),
    modify: words('mueve|mover|muev[ae]|cambia[r]?|cambie|pasa(?= (?:\\S+ )*?(?:al?|para)\\s)|retrasa[r]?|adelanta[r]?|pospón|posponer|aplaza[r]?|reprograma[r]?|renombra[r]?|modifica[r]?|alarga[r]?|acorta[r]?'),
    list: words('qué (?:tengo|hay)|muéstrame|muestra|enséñame|lista[r]?|mi agenda|tengo (?:algo|citas|reuniones|eventos)|cuándo es|a qué hora es|qué me toca'),
    create: words('programa[r]?|agenda[r]?|añade|añadir|agrega[r]?|crea[r]?|pon|poner|reserva[r]?|organiza[r]?|planifica[r]?|apunta[r]?|nueva (?:cita|reunión)|recuérdame|bloquea[r]?'),
  },
  changeConnector: /\s(?:al|a|para|hasta)\s/g,
  withWord: /\bcon\b/,
  withPeople: (t, n) => `${t} con ${n.join(' y ')}`,
  allDay: /todo el día|\bel día entero\b/,
  locationPrefix: /(?<![\w\u00c0-\u00ff])(?:en) (?=[A-ZÁÉÍÓÚÑ])/g,
  partsOfDay: [
    // "mañana" alone is tomorrow; only "la mañana" is a morning.
    { pattern: words('(?:esta|la|por la) mañana'), startHour: 8, endHour: 12 },
    { pattern: words('tarde'), startHour: 12, endHour: 17 },
    { pattern: words('esta noche'), startHour: 18, endHour: 23 },
    { pattern: words('noche'), startHour: 17, endHour: 21 },
  ],
  weekdays: DAYS.map((d, i) => ({ pattern: words(d), weekday: i + 1 })),
  // Spanish can put "next" after its noun: "el lunes que viene", "la semana que viene". The empty look-ahead lets the
  // pipeline's "next, then week" pattern find "semana" when "que viene" follows it.
  next: new RegExp(`${B}(?:próximo|próxima|que viene)${E}|(?=semana (?:que viene|próxima))`),
  this: new RegExp(`${B}(?:este|esta)(?= (?:${DAYS.join('|')}|semana))`),
  week: words('semana'),
  duration: new RegExp(`${B}(?:durante|por) ${AMOUNT} ?${UNIT}${E}|(?<!${B}(?:en|las?|dentro de) )${N}${AMOUNT} ?${LONG_UNIT}${E}(?! (?:más tarde|antes|después))`),
  amountWords: { un: 1, una: 1, media: 0.5, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6 },
  unitMinutes: [
    { pattern: /^(?:horas?|h)$/, minutes: 60 },
    { pattern: /^(?:minutos?|min)$/, minutes: 1 },
    { pattern: /^días?$/, minutes: 1440 },
  ],
  bareTime: new RegExp(`${B}a las? (\\d{1,2})(?:[:.](\\d{2}))?(?![\\d:])`),
  relativeIn: new RegExp(`${B}(?:en|dentro de) (una?|dos|tres|\\d+)\\s*(horas?|minutos?|días?)${E}`),
  // "retrasa la reunión 30 minutos" is later, "adelanta la reunión 15 minutos" earlier.
  shiftLater: new RegExp(`(?<=${B}(?:retras|pospón|pospon|aplaz|atras|muev)\\S* .*)${N}${AMOUNT} ?${LONG_UNIT}${E}(?! (?:antes|más temprano))|${N}${AMOUNT} ?${LONG_UNIT} (?:más tarde|después)${E}`),
  shiftEarlier: new RegExp(`(?<=${B}adelant\\S* .*)${N}${AMOUNT} ?${LONG_UNIT}${E}|${N}${AMOUNT} ?${LONG_UNIT} (?:antes|más temprano)${E}`),
  recurrence: [
    { pattern: words('(?:todos los|cada) días? laborables?|entre semana|de lunes a viernes'), rule: () => 'RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR' },
    { pattern: words(`(?:cada dos|uno de cada dos) ${DAY}`), rule: (m) => `RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=${BYDAY[m[1]!]}` },
    { pattern: words(`(?:el |cada )?(primer|primero|segundo|tercer|tercero|cuarto|último) ${DAY} de (?:cada|todos los) mes(?:es)?`), rule: (m) => `RRULE:FREQ=MONTHLY;BYDAY=${ORD[m[1]!]}${BYDAY[m[2]!]}` },
    { pattern: /(?:el|cada|todos los) (\d{1,2}) de cada mes/, rule: (m) => `RRULE:FREQ=MONTHLY;BYMONTHDAY=${m[1]}` },
    { pattern: words(`(?:todos los|cada) ${DAY}(?: y(?: los)? ${DAY})?`), rule: (m) => `RRULE:FREQ=WEEKLY;BYDAY=${[m[1], m[2]].filter(Boolean).map((d) => BYDAY[d!]).join(',')}` },
    { pattern: words('todos los días|cada día|diariamente|a diario'), rule: () => 'RRULE:FREQ=DAILY' },
    { pattern: words('cada dos semanas|cada 2 semanas|quincenalmente'), rule: () => 'RRULE:FREQ=WEEKLY;INTERVAL=2' },
    { pattern: words('cada semana|todas las semanas|semanalmente'), rule: () => 'RRULE:FREQ=WEEKLY' },
    { pattern: words('cada mes|todos los meses|mensualmente'), rule: () => 'RRULE:FREQ=MONTHLY' },
    { pattern: words('cada año|todos los años|anualmente'), rule: () => 'RRULE:FREQ=YEARLY' },
  ],
  scope: {
    instance: words('(?:solo|sólo|solamente|únicamente) (?:est[ae]|es[ae]|la de \\S+|el de \\S+)(?: vez| ocasión)?|solo esta vez|sólo esta vez|esta vez'),
    following: words('(?:y )?(?:todos los|todas las) (?:siguientes|próximos|próximas|futuros|futuras)|de ahora en adelante|a partir de ahora|en adelante'),
    series: words('toda la serie|la serie|todos los [a-zá-úñ-]+s|todas las [a-zá-úñ-]+s|cada [a-zá-úñ-]+'),
  },
  rename: words('renombra[r]?|cambia(?:r|le)? el (?:nombre|título)(?: \\S+)*? (?:a|por)'),
  // Phrases come before single words: the first alternative that fits wins.
  fillers: words(
    'por favor|me gustaría|en mi calendario|todo el día|día entero|que viene|y(?= todos| todas)|esta vez|' +
      // "de" and "del" just before words already used ("el standup de mañana"); inside a title ("clase de yoga") they stay.
      'de(?= {2,}|\\s*$)|del(?= {2,}|\\s*$)|' +
      'puedes|podrías|quiero|quisiera|necesito|me|mi|mis|el|la|los|las|un|una|unos|unas|al|' +
      'programa[r]?|agenda[r]?|añade|añadir|agrega[r]?|crea[r]?|pon|poner|reserva[r]?|organiza[r]?|planifica[r]?|apunta[r]?|nueva|nuevo|cita(?= con)|evento|calendario|' +
      'cancela[r]?|cancele|anula[r]?|borra[r]?|elimina[r]?|quita[r]?|mueve|mover|cambia[r]?|pasa|retrasa[r]?|adelanta[r]?|pospón|aplaza[r]?|renombra[r]?|a|para|lo|esto|eso|' +
      'solo|sólo|solamente|únicamente|esta|este|esa|ese|vez|todos|todas|siguientes|próximos|próximas|próximo|próxima|futuros|futuras|toda|serie|' +
      'qué|tengo|hay|muéstrame|muestra|lista',
    'g',
    // Spanish opens questions and exclamations upside down; the pipeline strips only the closing marks.
    '|[¿¡]',
  ),
  zones: [
    { pattern: words('hora de madrid|hora peninsular|hora española'), zone: 'Europe/Madrid' },
    { pattern: words('hora de tokio|hora de japón'), zone: 'Asia/Tokyo' },
    { pattern: words('hora de nueva york'), zone: 'America/New_York' },
    ...ZONE_WORDS,
  ],
};
