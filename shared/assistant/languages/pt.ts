import * as chrono from 'chrono-node';
import type { Parser } from 'chrono-node';
import type { LanguagePack } from '../language-pack.ts';
import { dayAfterTomorrowParser, hourWithPartOfDayParser, noonOrMidnightParser, partOfDayMergeRefiner, timeFromNowParser, weekdayParser } from './chrono-extras.ts';
import { ZONE_WORDS } from './shared-zones.ts';

// `\b` only knows ASCII letters: it never sees a word end at "amanhã" or start at "às"; these bounds do.
const B = '(?<![a-zß-ÿ])';
const E = '(?![a-zß-ÿ])';
const words = (alternatives: string, flags = ''): RegExp => new RegExp(`${B}(?:${alternatives})${E}`, flags);

const DAYS = ['segunda', 'terça', 'quarta', 'quinta', 'sexta', 'sábado', 'domingo'];
const DAY = `(${DAYS.join('|')})(?:-feira)?`;
const BYDAY: Record<string, string> = Object.fromEntries(DAYS.map((d, i) => [d, ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'][i]!]));
const ORD: Record<string, string> = { primeira: '1', primeiro: '1', segunda: '2', segundo: '2', terceira: '3', terceiro: '3', quarta: '4', quarto: '4', última: '-1', último: '-1' };
const AMOUNT = '(meia|uma|um|duas|dois|três|quatro|cinco|seis|\\d+(?:[.,]\\d+)?)';
const UNIT = '(horas?|h|minutos?|min)';
const LONG_UNIT = '(horas?|minutos?|min)';
// A number's own start: not inside a word, nor the "3" of "13".
const N = '(?<![a-zß-ÿ\\d])';
const AMOUNT_WORDS: Record<string, number> = { um: 1, uma: 1, meia: 0.5, dois: 2, duas: 2, três: 3, quatro: 4, cinco: 5, seis: 6 };

const amountOf = (word: string): number => AMOUNT_WORDS[word.toLowerCase()] ?? Number(word.replace(',', '.'));

/** "às 15h", "9h30": the usual way to write a time in Brazil and Portugal, which chrono's Portuguese does not read. */
const hourWithH: Parser = {
  pattern: () => new RegExp(`${B}(?:(?:às|as|a|das|da|até) )?(\\d{1,2})h(\\d{2})?(?![\\da-z])`, 'i'),
  extract: (_context, m) => (Number(m[1]) > 23 ? null : { hour: Number(m[1]), minute: Number(m[2] ?? 0) }),
};

/** "às 10 da manhã": chrono reads "manhã" here as a morning of its own. */
const hourOfPartOfDay = hourWithPartOfDayParser({
  pattern: new RegExp(`${B}(?:às |as |a )?(\\d{1,2})(?:[:h](\\d{2}))?h? da (manhã|tarde|noite)${E}`, 'i'),
  morningWords: ['manhã'],
});

/** "ao meio-dia", "à meia-noite": chrono's Portuguese has them only as words without a time. */
const noonOrMidnight = noonOrMidnightParser({ pattern: new RegExp(`${B}(?:ao |à )?(meio-dia|meia-noite)${E}`, 'i'), noon: 'meio-dia' });

/** "depois de amanhã": chrono reads only its "amanhã", a day early. */
const dayAfterTomorrow = dayAfterTomorrowParser(new RegExp(`${B}depois de amanhã${E}`, 'i'));

/** "quarta que vem": chrono drops the "next" that follows the day, and with it the time after. */
const weekdayThenNext = weekdayParser(DAYS, new RegExp(`${B}${DAY} que vem${E}`, 'i'));

/** "em 2 horas", "daqui a 30 minutos": chrono's Portuguese has no relative times; the pipeline counts them from now. */
const inAmountOfTime = timeFromNowParser(
  new RegExp(`${B}(?:em|daqui a) ${AMOUNT} ${LONG_UNIT}${E}`, 'i'),
  (m) => amountOf(m[1]!) * (/^h/i.test(m[2]!) ? 60 : 1),
);

/** "amanhã de manhã", "quinta pela manhã": chrono reads the day and the part apart; the part belongs in the day's mention. */
const partOfDayAfterDay = partOfDayMergeRefiner(/^ (?:de|pela|à|na) (?:manhã|tarde|noite)/i);

const parser = chrono.pt.casual.clone();
parser.parsers.push(hourWithH, hourOfPartOfDay, noonOrMidnight, dayAfterTomorrow, weekdayThenNext, inAmountOfTime);
parser.refiners.push(partOfDayAfterDay);

export const pt: LanguagePack = {
  code: 'pt',
  chrono: parser,
  // The first words are spelt alike in Spanish and count for both; the rest tell the two apart.
  markers: words('para|por|horas?|tarde|cada|semana|sábado|domingo|(?<!\\.)com|às|amanhã|hoje|reunião|próxima|próximo|toda|todas|todo|estou|livre|quando|cancela|cancele|desmarca|desmarque|apague|mova|mude|muda|adie|antecipe|renomeie|o|os|uma|e|pra|noite|manhã|meu|minha|que|tenho|almoço|jantar|ligar|mãe|marque|marca|agende|depois|vem|você|na|da|feira|janeiro|fevereiro|março|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro|segunda|terça|quarta|quinta|sexta', 'g'),
  intents: {
    availability: words('quando (?:estou|eu estou|tenho tempo)(?: \\S+)*? ?(?:livre|disponível)?|estou (?:\\S+ )*?(?:livre|disponível|ocupad[oa])|tenho (?:tempo|horário)(?: livre)?|horários? (?:livres?|disponíveis)|tempo livre|disponibilidade|encontr[ae](?: pra mim| para mim)? (?:um horário|uma hora|\\d+ minutos|tempo)'),
    cancel: words('cancela[r]?|cancele|desmarca[r]?|desmarque|apaga[r]?|apague|exclui[r]?|exclua|remove[r]?|remova|deleta[r]?|delete'),
    modify: words('muda[r]?|mude|mova|move[r]?|remarca[r]?|remarque|adia[r]?|adie|antecipa[r]?|antecipe|atrasa[r]?|atrase|passa[r]?(?= (?:\\S+ )*?(?:para|pra)\\s)|transfer[ei]r?|transfira|altera[r]?|altere|renomeia[r]?|renomear|renomeie|estende[r]?|encurta[r]?'),
    list: words('o que (?:eu )?tenho|que (?:compromissos|reuniões)|(?:me )?mostra[r]?|mostre|lista[r]?|liste|minha agenda|tenho (?:algo|compromissos?|reuniões|eventos)|quando é|a que horas é|o que há'),
    create: words('marca[r]?|marque|agenda[r]?|agende|cria[r]?|crie|adiciona[r]?|adicione|coloca[r]?|coloque|reserva[r]?|reserve|organiza[r]?|organize|planeja[r]?|planeje|nova reunião|novo compromisso|me lembre|lembre-me|bloqueia[r]?|bloqueie'),
  },
  changeConnector: /\s(?:para|pra|pro|até)\s/g,
  withWord: /\bcom\b/,
  withPeople: (t, n) => `${t} com ${n.join(' e ')}`,
  allDay: /o dia (?:todo|inteiro)|\bdia todo\b/,
  locationPrefix: /(?<![\w\u00c0-\u00ff])(?:no|na|em) (?=[A-ZÁÉÍÓÚÂÊÔÃÕÇ])/g,
  partsOfDay: [
    // "amanhã" (tomorrow) holds "manhã" (morning); only a morning after a preposition counts.
    { pattern: words('(?:de|pela|esta|nesta|da|na) manhã'), startHour: 8, endHour: 12 },
    { pattern: words('tarde'), startHour: 12, endHour: 17 },
    { pattern: words('hoje (?:à|de) noite|esta noite|nesta noite'), startHour: 18, endHour: 23 },
    { pattern: words('noite'), startHour: 17, endHour: 21 },
  ],
  weekdays: DAYS.map((d, i) => ({ pattern: words(`${d}(?:-feira)?s?`), weekday: i + 1 })),
  // "quarta que vem" and "semana que vem" put "next" after the noun. The empty look-ahead lets the pipeline's
  // "next, then week" pattern find "semana" when "que vem" follows it.
  next: new RegExp(`${B}(?:próxim[oa]|que vem)${E}|(?=semana que vem)`),
  this: new RegExp(`${B}(?:nest[ae]|est[ae])(?= (?:${DAYS.join('|')}|semana))`),
  week: words('semana'),
  duration: new RegExp(`${B}(?:por|durante) ${AMOUNT} ?${UNIT}${E}|(?<!${B}(?:em|daqui a|às|as) )${N}${AMOUNT} ?${LONG_UNIT}${E}(?! (?:mais tarde|mais cedo|antes|depois))`),
  amountWords: AMOUNT_WORDS,
  unitMinutes: [
    { pattern: /^(?:horas?|h)$/, minutes: 60 },
    { pattern: /^(?:minutos?|min)$/, minutes: 1 },
    { pattern: /^dias?$/, minutes: 1440 },
  ],
  bareTime: new RegExp(`${B}(?:às|as) (\\d{1,2})(?:[:h](\\d{2}))?h?(?![\\d:])`),
  relativeIn: new RegExp(`${B}(?:em|daqui a) (uma?|duas|dois|três|\\d+)\\s*(horas?|minutos?|dias?)${E}`),
  // "adia a reunião 30 minutos" is later, "antecipa a reunião 15 minutos" earlier.
  shiftLater: new RegExp(`(?<=${B}(?:adi|atras|empurr|mov|mud)\\S* .*)${N}${AMOUNT} ?${LONG_UNIT}${E}(?! (?:antes|mais cedo))|${N}${AMOUNT} ?${LONG_UNIT} (?:mais tarde|depois)${E}`),
  shiftEarlier: new RegExp(`(?<=${B}antecip\\S* .*)${N}${AMOUNT} ?${LONG_UNIT}${E}|${N}${AMOUNT} ?${LONG_UNIT} (?:antes|mais cedo)${E}`),
  recurrence: [
    { pattern: words('(?:todos os |em )?dias úteis|de segunda a sexta'), rule: () => 'RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR' },
    { pattern: words(`a cada duas ${DAY}s?|(?:uma|sim) ${DAY} (?:sim,? )?(?:e )?(?:outra|não)`), rule: (m) => `RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=${BYDAY[(m[1] ?? m[2])!]}` },
    { pattern: words(`(?:toda |na )?(primeira|segunda|terceira|quarta|última) ${DAY} (?:de cada|do) mês`), rule: (m) => `RRULE:FREQ=MONTHLY;BYDAY=${ORD[m[1]!]}${BYDAY[m[2]!]}` },
    { pattern: /todo dia (\d{1,2})(?!\d)|dia (\d{1,2}) de (?:cada|todo) mês/, rule: (m) => `RRULE:FREQ=MONTHLY;BYMONTHDAY=${m[1] ?? m[2]}` },
    { pattern: words(`(?:toda|todas as|todo|todos os|às) ${DAY}s?(?: e(?: às)? ${DAY}s?)?`), rule: (m) => `RRULE:FREQ=WEEKLY;BYDAY=${[m[1], m[2]].filter(Boolean).map((d) => BYDAY[d!]).join(',')}` },
    { pattern: words('todos os dias|todo dia|todo santo dia|diariamente'), rule: () => 'RRULE:FREQ=DAILY' },
    { pattern: words('a cada (?:duas|2) semanas|quinzenalmente'), rule: () => 'RRULE:FREQ=WEEKLY;INTERVAL=2' },
    { pattern: words('toda semana|todas as semanas|semanalmente'), rule: () => 'RRULE:FREQ=WEEKLY' },
    { pattern: words('todo mês|todos os meses|mensalmente'), rule: () => 'RRULE:FREQ=MONTHLY' },
    { pattern: words('todo ano|todos os anos|anualmente'), rule: () => 'RRULE:FREQ=YEARLY' },
  ],
  scope: {
    instance: words('(?:só|somente|apenas) (?:esta|essa|este|esse|desta|dessa)(?: vez| ocorrência)?|só (?:a|o) de \\S+|desta vez|só desta vez'),
    following: words('(?:e )?(?:todas as|todos os) (?:seguintes|próximas|próximos|futuras|futuros)|daqui (?:em|pra|para) (?:diante|frente)|a partir de agora|de agora em diante'),
    series: words('toda a série|a série|todas as [a-zà-ÿ-]+s|todos os [a-zà-ÿ-]+s|cada [a-zà-ÿ-]+'),
  },
  rename: words('renomeia[r]?|renomear|renomeie|muda[r]? o nome(?: \\S+)*? (?:para|pra)'),
  // Phrases come before single words: the first alternative that fits wins.
  fillers: words(
    'por favor|você pode|gostaria de|minha agenda|o dia todo|o dia inteiro|dia inteiro|o que|que vem|e(?= todas| todos)|desta vez|' +
      // "de", "do", "da", "em" just before words already used ("o standup de amanhã"); inside a title ("aula de ioga") they stay.
      'de(?= {2,}|\\s*$)|do(?= {2,}|\\s*$)|da(?= {2,}|\\s*$)|em(?= {2,}|\\s*$)|' +
      'pode|poderia|quero|queria|preciso|me|eu|meu|minha|meus|minhas|o|a|os|as|um|uma|no|na|ao|à|' +
      'marca[r]?|marque|agenda[r]?|agende|cria[r]?|crie|adiciona[r]?|adicione|coloca[r]?|coloque|reserva[r]?|reserve|organiza[r]?|organize|planeja[r]?|planeje|nova|novo|compromisso|evento|calendário|' +
      'cancela[r]?|cancele|desmarca[r]?|desmarque|apaga[r]?|apague|exclui[r]?|exclua|remove[r]?|remova|muda[r]?|mude|mova|move[r]?|remarca[r]?|remarque|adia[r]?|adie|antecipa[r]?|antecipe|atrasa[r]?|renomeia[r]?|renomeie|para|pra|isso|' +
      'só|somente|apenas|nesta|neste|esta|este|essa|esse|desta|dessa|vez|todas|todos|seguintes|próximas|próximos|próxima|próximo|futuras|futuros|toda|série|' +
      'que|tenho|há|mostra|mostre|lista',
    'g',
  ),
  zones: [
    { pattern: words('horário de brasília|hora de brasília'), zone: 'America/Sao_Paulo' },
    { pattern: words('hora de lisboa|hora de portugal'), zone: 'Europe/Lisbon' },
    { pattern: words('hora de tóquio|hora do japão'), zone: 'Asia/Tokyo' },
    { pattern: words('hora de nova york|hora de nova iorque'), zone: 'America/New_York' },
    ...ZONE_WORDS,
  ],
};
