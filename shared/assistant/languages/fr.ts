import * as chrono from 'chrono-node';
import type { Refiner } from 'chrono-node';
import type { LanguagePack } from '../language-pack.ts';
import { dayAfterTomorrowParser, noonOrMidnightParser } from './chrono-extras.ts';
import { ZONE_WORDS } from './shared-zones.ts';

// `\b` only knows ASCII letters: it never sees a word start at "à" or end at "décalé"; these bounds do.
const B = '(?<![a-zß-ÿ])';
const E = '(?![a-zß-ÿ])';
const words = (alternatives: string, flags = ''): RegExp => new RegExp(`${B}(?:${alternatives})${E}`, flags);

const DAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];
const DAY = `(${DAYS.join('|')})s?`;
const BYDAY: Record<string, string> = Object.fromEntries(DAYS.map((d, i) => [d, ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'][i]!]));
const ORD: Record<string, string> = { premier: '1', deuxième: '2', second: '2', troisième: '3', quatrième: '4', dernier: '-1' };
const AMOUNT = '(une demi|une|un|deux|trois|quatre|cinq|six|\\d+(?:[.,]\\d+)?)';
const UNIT = '(heures?|h|minutes?|min)';
const LONG_UNIT = '(heures?|minutes?|min)';
// A number's own start: not inside a word, nor the "3" of "13h".
const N = '(?<![a-zß-ÿ\\d])';

/** "après-demain": chrono reads only its "demain", a day early. */
const dayAfterTomorrow = dayAfterTomorrowParser(new RegExp(`${B}après[- ]demain${E}`, 'i'));

/** "à midi", "demain midi": chrono's French has no noon or midnight. */
const noonOrMidnight = noonOrMidnightParser({ pattern: new RegExp(`${B}(?:à )?(midi|minuit)${E}`, 'i'), noon: 'midi' });

/** chrono reads "de 15h" ("mon rendez-vous de 15h", "from 3pm") as fifteen hours from now. */
const fromHourIsATime: Refiner = {
  refine: (context, results) =>
    results.map((r) => {
      const m = /^de (\d{1,2})h(\d{2})?$/i.exec(r.text);
      if (m) r.start = context.createParsingComponents({ hour: Number(m[1]), minute: Number(m[2] ?? 0) });
      return r;
    }),
};

const parser = chrono.fr.casual.clone();
parser.parsers.push(dayAfterTomorrow, noonOrMidnight);
parser.refiners.unshift(fromHourIsATime);

export const fr: LanguagePack = {
  code: 'fr',
  chrono: parser,
  markers: words("avec|à|demain|aujourd'hui|après-demain|rendez-vous|rdv|réunion|prochaine?|chaque|tous|toutes|semaine|je|suis|libre|quand|annule[rz]?|déplace[rz]?|décale[rz]?|le|la|les|une?|et|pour|heures?|après-midi|matin|soir|mes|ma|qu'est-ce|j'ai|ai-je|du|des|au|déjeuner|dîner|renomme[rz]?|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche", 'g'),
  intents: {
    availability: words("quand (?:suis-je|est-ce que je suis|je suis|serai-je|ai-je du temps)(?: \\S+)*? ?(?:libre|disponible|dispo)?|suis-je (?:\\S+ )*?(?:libre|disponible|dispo|occupée?)|est-ce que je suis (?:\\S+ )*?(?:libre|disponible|dispo)|(?:ai-je|j'ai) du temps(?: libre)?|(?:créneaux?|plages?) (?:libres?|disponibles?)|disponibilités?|temps libre|trouve(?:-moi)? (?:un créneau|une heure|\\d+ minutes|du temps)"),
    cancel: words('annule[rz]?|supprime[rz]?|efface[rz]?|retire[rz]?|enlève|enlever|annulée?s?'),
    modify: words('déplace[rz]?|décale[rz]?|repousse[rz]?|reporte[rz]?|avance[rz]?|retarde[rz]?|change[rz]?|modifie[rz]?|renomme[rz]?|reprogramme[rz]?|prolonge[rz]?|raccourcis'),
    list: words("qu'est-ce que j'ai|qu'ai-je|qu'y a-t-il|y a-t-il|quels? (?:sont|est) mes|quel est mon|montre(?:-moi)?|affiche[rz]?|liste[rz]?|mon agenda|ai-je (?:des|un|une|quelque chose)|c'est quand|quand (?:est|a lieu)|qu'est-ce qui est prévu|qu'est-ce qu'il y a"),
    create: words('ajoute[rz]?|crée[rz]?|créer|planifie[rz]?|programme[rz]?|prévois|prévoir|réserve[rz]?|organise[rz]?|fixe[rz]?|cale[rz]?|mets|mettre|nouveau rendez-vous|nouvelle réunion|rappelle-moi|bloque[rz]?'),
  },
  changeConnector: /\s(?:à|au|en|pour|vers)\s/g,
  withWord: /\bavec\b/,
  withPeople: (t, n) => `${t} avec ${n.join(' et ')}`,
  allDay: /toute la journée|\bjournée entière\b/,
  locationPrefix: /(?<![\w\u00c0-\u00ff])(?:à|au|chez|dans) (?=[A-ZÀ-Ý])/g,
  partsOfDay: [
    { pattern: words('matin(?:ée)?'), startHour: 8, endHour: 12 },
    { pattern: words('après-midi|aprem'), startHour: 12, endHour: 17 },
    { pattern: words('ce soir|cette nuit'), startHour: 18, endHour: 23 },
    { pattern: words('soir(?:ée)?'), startHour: 17, endHour: 21 },
  ],
  weekdays: DAYS.map((d, i) => ({ pattern: words(`${d}s?`), weekday: i + 1 })),
  // French puts "prochain" after its noun: "lundi prochain", "la semaine prochaine". The empty look-ahead lets the
  // pipeline's "next, then week" pattern find "semaine" when "prochaine" follows it.
  next: new RegExp(`${B}prochaine?${E}|(?=semaine prochaine)`),
  this: new RegExp(`${B}(?:ce|cet|cette)(?= (?:${DAYS.join('|')}|semaine))`),
  week: words('semaine'),
  // A bare "2h" is a time in French ("à 15h"); only "pendant 2h" is a length.
  duration: new RegExp(`${B}(?:pendant|pour|durant) ${AMOUNT}[ -]?${UNIT}${E}|(?<!${B}(?:dans|à|vers) )${N}${AMOUNT}[ -]?${LONG_UNIT}${E}(?! (?:plus tard|plus tôt|avant|après))`),
  amountWords: { un: 1, une: 1, 'une demi': 0.5, deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6 },
  unitMinutes: [
    { pattern: /^(?:heures?|h)$/, minutes: 60 },
    { pattern: /^(?:minutes?|min)$/, minutes: 1 },
    { pattern: /^jours?$/, minutes: 1440 },
  ],
  bareTime: new RegExp(`${B}(?:à|vers) (\\d{1,2})(?:[h:](\\d{2})?)?(?: ?heures?)?(?![\\d:])`),
  relativeIn: new RegExp(`${B}dans (une?|deux|trois|\\d+)\\s*(heures?|minutes?|jours?)${E}`),
  // "décale de 30 minutes" is later, "avance de 30 minutes" earlier.
  shiftLater: new RegExp(`(?<!avanc.*)${B}(?:de |d')${AMOUNT}[ -]?${LONG_UNIT}${E}(?! plus tôt)|${N}${AMOUNT}[ -]?${LONG_UNIT} plus tard${E}`),
  shiftEarlier: new RegExp(`(?<=avanc.*)${B}(?:de |d')${AMOUNT}[ -]?${LONG_UNIT}${E}|${N}${AMOUNT}[ -]?${LONG_UNIT} plus tôt${E}`),
  recurrence: [
    { pattern: words('tous les jours (?:ouvrés|ouvrables)|chaque jour ouvré|en semaine|du lundi au vendredi'), rule: () => 'RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR' },
    { pattern: words(`un ${DAY} sur deux|tous les deux ${DAY}`), rule: (m) => `RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=${BYDAY[(m[1] ?? m[2])!]}` },
    { pattern: words(`(?:le |chaque )?(premier|deuxième|second|troisième|quatrième|dernier) ${DAY} (?:de chaque|du|de tous les) mois`), rule: (m) => `RRULE:FREQ=MONTHLY;BYDAY=${ORD[m[1]!]}${BYDAY[m[2]!]}` },
    { pattern: /(?:le|tous les) (\d{1,2})(?:er)? (?:de chaque|du) mois/, rule: (m) => `RRULE:FREQ=MONTHLY;BYMONTHDAY=${m[1]}` },
    { pattern: words(`(?:tous les|chaque) ${DAY}(?: et(?: les)? ${DAY})?`), rule: (m) => `RRULE:FREQ=WEEKLY;BYDAY=${[m[1], m[2]].filter(Boolean).map((d) => BYDAY[d!]).join(',')}` },
    { pattern: words('tous les jours|chaque jour|quotidiennement'), rule: () => 'RRULE:FREQ=DAILY' },
    { pattern: words('toutes les deux semaines|une semaine sur deux'), rule: () => 'RRULE:FREQ=WEEKLY;INTERVAL=2' },
    { pattern: words('chaque semaine|toutes les semaines|hebdomadaire'), rule: () => 'RRULE:FREQ=WEEKLY' },
    { pattern: words('chaque mois|tous les mois|mensuel(?:lement)?'), rule: () => 'RRULE:FREQ=MONTHLY' },
    { pattern: words('chaque année|tous les ans|annuel(?:lement)?'), rule: () => 'RRULE:FREQ=YEARLY' },
  ],
  scope: {
    instance: words('(?:seulement|uniquement|juste) (?:celui-ci|celle-ci|cette fois(?:-ci)?|cette occurrence|ce(?:lui|lle)? de \\S+)|cette occurrence|cette fois(?:-ci)?'),
    following: words('(?:et )?(?:tous les|toutes les) (?:suivant|suivante|prochain|prochaine|futur|future)s|à partir de maintenant|désormais|dorénavant'),
    series: words('toute la série|la série|tous les [a-zà-ÿ-]+s|toutes les [a-zà-ÿ-]+s|chaque [a-zà-ÿ-]+'),
  },
  rename: words('renomme[rz]?|rebaptise[rz]?'),
  // Phrases come before single words: the first alternative that fits wins. Apostrophes are spaces by now ("qu est-ce").
  fillers: words(
    's il te plaît|s il vous plaît|est-ce que|quelque chose|qu est-ce que|je veux|je voudrais|j aimerais|il faut|dans mon agenda|toute la journée|a-t-il|y a-t-il|il y a|' +
      'et(?= tous| toutes)|cette fois-ci|cette fois|' +
      // "de" and "du" just before words already used ("le standup de demain"); inside a title ("cours de yoga") they stay.
      'de(?= {2,}|\\s*$)|du(?= {2,}|\\s*$)|' +
      'stp|svp|peux-tu|pourrais-tu|me|moi|mon|ma|mes|le|la|les|l|un|une|des|d|j|qu|c|' +
      'ajoute[rz]?|crée[rz]?|créer|planifie[rz]?|programme[rz]?|prévois|réserve[rz]?|organise[rz]?|fixe[rz]?|cale[rz]?|mets|nouveau|nouvelle|rendez-vous|rdv|événement|agenda|calendrier|' +
      'annule[rz]?|supprime[rz]?|efface[rz]?|retire[rz]?|enlève|déplace[rz]?|décale[rz]?|repousse[rz]?|reporte[rz]?|avance[rz]?|change[rz]?|modifie[rz]?|renomme[rz]?|en|à|au|aux|pour|ça|cela|' +
      'seulement|uniquement|juste|celui-ci|celle-ci|cette|ce|cet|fois|occurrence|tous|toutes|suivants|suivantes|futurs|futures|prochains|prochaines|prochaine|série|toute|' +
      'est|ai|ai-je|est-ce|quoi|quels?|quelles?|sont|montre|montre-moi|affiche|liste|prévu|y|il|a|que|journée',
    'g',
  ),
  zones: [
    { pattern: words('heure de paris|heure française'), zone: 'Europe/Paris' },
    { pattern: words('heure de tokyo|heure du japon'), zone: 'Asia/Tokyo' },
    { pattern: words('heure de new york'), zone: 'America/New_York' },
    // "et" (and), "est" (is) and "cet" (this) are French words, not Eastern or Central European Time.
    ...ZONE_WORDS.filter((z) => !['et', 'est', 'cet'].some((w) => z.pattern.test(w))),
  ],
};
