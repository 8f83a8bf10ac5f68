import { DateTime } from 'luxon';
import type { LanguageCode } from '../../shared/assistant/intent-schema.ts';
import type { EventPreview } from '../../shared/schemas/chat.ts';

/** The assistant's sentences, in each language the parser speaks. */
interface Phrases {
  create: (what: string) => string;
  createOptions: (title: string) => string;
  modify: (what: string) => string;
  cancel: (what: string) => string;
  chooseEvent: (n: number) => string;
  chooseScope: (title: string) => string;
  scopeLabel: Record<'instance' | 'following' | 'series', string>;
  askTime: (title: string) => string;
  noFreeTime: string;
  free: (slots: string) => string;
  nothingFree: string;
  events: (n: number, list: string) => string;
  noEvents: string;
  notFound: (query: string) => string;
  notUnderstood: string;
  created: (what: string) => string;
  modified: (what: string) => string;
  cancelled: (what: string) => string;
  undone: string;
  nothingToUndo: string;
  /** Google refused the write for now; the companion keeps trying. */
  queued: (what: string) => string;
  /** The retries gave up (or the event changed meanwhile). */
  writeFailed: (what: string) => string;
  untitled: string;
}

const en: Phrases = {
  create: (w) => `Create ${w}?`,
  createOptions: (t) => `Here are free times for “${t}”. Which one?`,
  modify: (w) => `Change it to ${w}?`,
  cancel: (w) => `Cancel ${w}?`,
  chooseEvent: (n) => `I found ${n} events that match. Which one do you mean?`,
  chooseScope: (t) => `“${t}” repeats. Change only this event, this and the following ones, or all of them?`,
  scopeLabel: { instance: 'This event', following: 'This and following events', series: 'All events' },
  askTime: (t) => `When should “${t}” be?`,
  noFreeTime: 'I could not find free time then. Try another day or a shorter slot.',
  free: (s) => `You are free ${s}.`,
  nothingFree: 'You have no free time then.',
  events: (n, l) => (n === 1 ? `You have one event: ${l}.` : `You have ${n} events: ${l}.`),
  noEvents: 'Nothing is scheduled then.',
  notFound: (q) => `I could not find ${q ? `“${q}”` : 'that event'} in your calendar.`,
  notUnderstood: 'Sorry, I did not understand. Try “lunch with Anna tomorrow at 1pm” or “when am I free Thursday afternoon?”.',
  created: (w) => `Created ${w}.`,
  modified: (w) => `Changed: ${w}.`,
  cancelled: (w) => `Cancelled ${w}.`,
  undone: 'Undone.',
  nothingToUndo: 'There is nothing to undo.',
  queued: (w) => `Google Calendar is not answering right now. I will keep trying to save ${w} and tell you when it is done.`,
  writeFailed: (w) => `I could not save ${w}: Google Calendar kept refusing. You can try again.`,
  untitled: 'New event',
};

const de: Phrases = {
  create: (w) => `${w} anlegen?`,
  createOptions: (t) => `Freie Zeiten für „${t}“ – welche passt?`,
  modify: (w) => `Auf ${w} ändern?`,
  cancel: (w) => `${w} absagen?`,
  chooseEvent: (n) => `Ich habe ${n} passende Termine gefunden. Welchen meinst du?`,
  chooseScope: (t) => `„${t}“ wiederholt sich. Nur diesen Termin, diesen und alle folgenden oder alle ändern?`,
  scopeLabel: { instance: 'Nur dieser Termin', following: 'Dieser und alle folgenden', series: 'Alle Termine' },
  askTime: (t) => `Wann soll „${t}“ stattfinden?`,
  noFreeTime: 'Dann ist keine freie Zeit. Versuch einen anderen Tag oder eine kürzere Dauer.',
  free: (s) => `Du bist frei: ${s}.`,
  nothingFree: 'Dann hast du keine freie Zeit.',
  events: (n, l) => (n === 1 ? `Du hast einen Termin: ${l}.` : `Du hast ${n} Termine: ${l}.`),
  noEvents: 'Dann ist nichts geplant.',
  notFound: (q) => `Ich habe ${q ? `„${q}“` : 'diesen Termin'} nicht im Kalender gefunden.`,
  notUnderstood: 'Das habe ich nicht verstanden. Versuch etwa „Mittagessen mit Anna morgen um 13 Uhr“.',
  created: (w) => `${w} angelegt.`,
  modified: (w) => `Geändert: ${w}.`,
  cancelled: (w) => `${w} abgesagt.`,
  undone: 'Rückgängig gemacht.',
  nothingToUndo: 'Es gibt nichts rückgängig zu machen.',
  queued: (w) => `Google Kalender antwortet gerade nicht. Ich versuche weiter, ${w} zu speichern, und sage Bescheid.`,
  writeFailed: (w) => `${w} konnte nicht gespeichert werden: Google Kalender hat immer wieder abgelehnt. Du kannst es erneut versuchen.`,
  untitled: 'Neuer Termin',
};

const ja: Phrases = {
  create: (w) => `${w}を作成しますか？`,
  createOptions: (t) => `「${t}」の空き時間です。どれにしますか？`,
  modify: (w) => `${w}に変更しますか？`,
  cancel: (w) => `${w}をキャンセルしますか？`,
  chooseEvent: (n) => `該当する予定が${n}件あります。どれですか？`,
  chooseScope: (t) => `「${t}」は繰り返しの予定です。この予定のみ、これ以降すべて、またはすべての予定を変更しますか？`,
  scopeLabel: { instance: 'この予定のみ', following: 'これ以降のすべての予定', series: 'すべての予定' },
  askTime: (t) => `「${t}」はいつにしますか？`,
  noFreeTime: 'その時間帯に空きがありません。別の日か短い時間でお試しください。',
  free: (s) => `空いている時間：${s}。`,
  nothingFree: 'その時間帯に空きはありません。',
  events: (n, l) => `予定が${n}件あります：${l}。`,
  noEvents: '予定はありません。',
  notFound: (q) => `${q ? `「${q}」` : 'その予定'}がカレンダーに見つかりません。`,
  notUnderstood: 'すみません、理解できませんでした。「明日の13時にアンナとランチ」のように入力してください。',
  created: (w) => `${w}を作成しました。`,
  modified: (w) => `変更しました：${w}。`,
  cancelled: (w) => `${w}をキャンセルしました。`,
  undone: '元に戻しました。',
  nothingToUndo: '元に戻す操作はありません。',
  queued: (w) => `Google カレンダーが応答していません。${w}の保存を再試行し、完了したらお知らせします。`,
  writeFailed: (w) => `${w}を保存できませんでした。Google カレンダーが拒否し続けました。もう一度お試しください。`,
  untitled: '新しい予定',
};


const fr: Phrases = {
  create: (w) => `Créer ${w} ?`,
  createOptions: (t) => `Voici des créneaux libres pour « ${t} ». Lequel ?`,
  modify: (w) => `Modifier en ${w} ?`,
  cancel: (w) => `Annuler ${w} ?`,
  chooseEvent: (n) => `J’ai trouvé ${n} événements correspondants. Lequel ?`,
  chooseScope: (t) => `« ${t} » se répète. Modifier seulement cet événement, celui-ci et les suivants, ou tous ?`,
  scopeLabel: { instance: 'Cet événement', following: 'Cet événement et les suivants', series: 'Tous les événements' },
  askTime: (t) => `Quand doit avoir lieu « ${t} » ?`,
  noFreeTime: 'Je ne trouve pas de temps libre à ce moment-là. Essayez un autre jour ou une durée plus courte.',
  free: (s) => `Vous êtes libre : ${s}.`,
  nothingFree: 'Vous n’avez pas de temps libre à ce moment-là.',
  events: (n, l) => (n === 1 ? `Vous avez un événement : ${l}.` : `Vous avez ${n} événements : ${l}.`),
  noEvents: 'Rien n’est prévu à ce moment-là.',
  notFound: (q) => `Je ne trouve pas ${q ? `« ${q} »` : 'cet événement'} dans votre agenda.`,
  notUnderstood: 'Désolé, je n’ai pas compris. Essayez « déjeuner avec Anna demain à 13h ».',
  created: (w) => `${w} créé.`,
  modified: (w) => `Modifié : ${w}.`,
  cancelled: (w) => `${w} annulé.`,
  undone: 'Annulé, tout est comme avant.',
  nothingToUndo: 'Il n’y a rien à annuler.',
  queued: (w) => `Google Agenda ne répond pas pour l’instant. Je continue d’essayer d’enregistrer ${w} et je vous préviens.`,
  writeFailed: (w) => `Impossible d’enregistrer ${w} : Google Agenda a refusé à chaque essai. Vous pouvez réessayer.`,
  untitled: 'Nouvel événement',
};

const es: Phrases = {
  create: (w) => `¿Crear ${w}?`,
  createOptions: (t) => `Estos son huecos libres para «${t}». ¿Cuál?`,
  modify: (w) => `¿Cambiarlo a ${w}?`,
  cancel: (w) => `¿Cancelar ${w}?`,
  chooseEvent: (n) => `He encontrado ${n} eventos que coinciden. ¿Cuál?`,
  chooseScope: (t) => `«${t}» se repite. ¿Cambiar solo este evento, este y los siguientes, o todos?`,
  scopeLabel: { instance: 'Este evento', following: 'Este y los siguientes', series: 'Todos los eventos' },
  askTime: (t) => `¿Cuándo debe ser «${t}»?`,
  noFreeTime: 'No encuentro tiempo libre entonces. Prueba otro día o una duración más corta.',
  free: (s) => `Estás libre: ${s}.`,
  nothingFree: 'No tienes tiempo libre entonces.',
  events: (n, l) => (n === 1 ? `Tienes un evento: ${l}.` : `Tienes ${n} eventos: ${l}.`),
  noEvents: 'No hay nada programado entonces.',
  notFound: (q) => `No encuentro ${q ? `«${q}»` : 'ese evento'} en tu calendario.`,
  notUnderstood: 'Perdona, no lo he entendido. Prueba «comida con Anna mañana a las 13».',
  created: (w) => `Creado: ${w}.`,
  modified: (w) => `Cambiado: ${w}.`,
  cancelled: (w) => `Cancelado: ${w}.`,
  undone: 'Deshecho.',
  nothingToUndo: 'No hay nada que deshacer.',
  queued: (w) => `Google Calendar no responde ahora mismo. Seguiré intentando guardar ${w} y te avisaré.`,
  writeFailed: (w) => `No pude guardar ${w}: Google Calendar lo rechazó una y otra vez. Puedes volver a intentarlo.`,
  untitled: 'Nuevo evento',
};

const pt: Phrases = {
  create: (w) => `Criar ${w}?`,
  createOptions: (t) => `Horários livres para “${t}”. Qual prefere?`,
  modify: (w) => `Mudar para ${w}?`,
  cancel: (w) => `Cancelar ${w}?`,
  chooseEvent: (n) => `Encontrei ${n} eventos correspondentes. Qual deles?`,
  chooseScope: (t) => `“${t}” se repete. Mudar só este evento, este e os seguintes, ou todos?`,
  scopeLabel: { instance: 'Este evento', following: 'Este e os seguintes', series: 'Todos os eventos' },
  askTime: (t) => `Quando deve ser “${t}”?`,
  noFreeTime: 'Não encontrei horário livre nesse período. Tente outro dia ou uma duração menor.',
  free: (s) => `Você está livre: ${s}.`,
  nothingFree: 'Você não tem horário livre nesse período.',
  events: (n, l) => (n === 1 ? `Você tem um evento: ${l}.` : `Você tem ${n} eventos: ${l}.`),
  noEvents: 'Não há nada marcado nesse período.',
  notFound: (q) => `Não encontrei ${q ? `“${q}”` : 'esse evento'} na sua agenda.`,
  notUnderstood: 'Desculpe, não entendi. Tente “almoço com Anna amanhã às 13h”.',
  created: (w) => `Criado: ${w}.`,
  modified: (w) => `Alterado: ${w}.`,
  cancelled: (w) => `Cancelado: ${w}.`,
  undone: 'Desfeito.',
  nothingToUndo: 'Não há nada para desfazer.',
  queued: (w) => `O Google Agenda não está respondendo agora. Vou continuar tentando salvar ${w} e aviso quando terminar.`,
  writeFailed: (w) => `Não consegui salvar ${w}: o Google Agenda recusou várias vezes. Você pode tentar de novo.`,
  untitled: 'Novo evento',
};

const nl: Phrases = {
  create: (w) => `${w} aanmaken?`,
  createOptions: (t) => `Vrije tijden voor ‘${t}’. Welke?`,
  modify: (w) => `Wijzigen naar ${w}?`,
  cancel: (w) => `${w} annuleren?`,
  chooseEvent: (n) => `Ik vond ${n} afspraken die passen. Welke bedoel je?`,
  chooseScope: (t) => `‘${t}’ herhaalt zich. Alleen deze afspraak, deze en de volgende, of alle wijzigen?`,
  scopeLabel: { instance: 'Alleen deze afspraak', following: 'Deze en volgende afspraken', series: 'Alle afspraken' },
  askTime: (t) => `Wanneer moet ‘${t}’ plaatsvinden?`,
  noFreeTime: 'Ik vind dan geen vrije tijd. Probeer een andere dag of een kortere duur.',
  free: (s) => `Je bent vrij: ${s}.`,
  nothingFree: 'Je hebt dan geen vrije tijd.',
  events: (n, l) => (n === 1 ? `Je hebt één afspraak: ${l}.` : `Je hebt ${n} afspraken: ${l}.`),
  noEvents: 'Er staat dan niets gepland.',
  notFound: (q) => `Ik kan ${q ? `‘${q}’` : 'die afspraak'} niet vinden in je agenda.`,
  notUnderstood: 'Sorry, dat begreep ik niet. Probeer ‘lunch met Anna morgen om 13 uur’.',
  created: (w) => `${w} aangemaakt.`,
  modified: (w) => `Gewijzigd: ${w}.`,
  cancelled: (w) => `${w} geannuleerd.`,
  undone: 'Ongedaan gemaakt.',
  nothingToUndo: 'Er is niets om ongedaan te maken.',
  queued: (w) => `Google Agenda reageert nu niet. Ik blijf proberen ${w} op te slaan en laat het je weten.`,
  writeFailed: (w) => `${w} kon niet worden opgeslagen: Google Agenda bleef weigeren. Je kunt het opnieuw proberen.`,
  untitled: 'Nieuwe afspraak',
};

const BOOKS: Record<LanguageCode, Phrases> = { en, de, fr, es, pt, nl, ja };
const QUOTES: Record<LanguageCode, (t: string) => string> = {
  en: (t) => `“${t}”`,
  de: (t) => `„${t}“`,
  fr: (t) => `« ${t} »`,
  es: (t) => `«${t}»`,
  pt: (t) => `“${t}”`,
  nl: (t) => `‘${t}’`,
  ja: (t) => `「${t}」`,
};
const LOCALES: Record<LanguageCode, string> = { en: 'en-GB', de: 'de-DE', fr: 'fr-FR', es: 'es-ES', pt: 'pt-BR', nl: 'nl-NL', ja: 'ja-JP' };

export function phrasesFor(language: LanguageCode): Phrases {
  return BOOKS[language];
}

/** “Lunch with Anna”, Thu 26 Nov, 13:00–14:00 — in the user's zone and language. */
export function describeEvent(e: EventPreview, language: LanguageCode): string {
  const locale = LOCALES[language];
  const title = QUOTES[language](e.title);
  return `${title} ${describeWhen(e, language, locale)}`;
}

export function describeWhen(e: Pick<EventPreview, 'start' | 'end' | 'allDay' | 'startDate' | 'endDate' | 'timeZone'>, language: LanguageCode, locale = LOCALES[language]): string {
  if (e.allDay && e.startDate) {
    const s = DateTime.fromISO(e.startDate, { zone: e.timeZone }).setLocale(locale);
    const last = DateTime.fromISO(e.endDate ?? e.startDate, { zone: e.timeZone }).minus({ days: 1 }).setLocale(locale);
    const day = (d: DateTime) => d.toLocaleString({ weekday: 'short', day: 'numeric', month: 'short' });
    return last > s ? `${day(s)} – ${day(last)}` : day(s);
  }
  if (!e.start) return '';
  return describeRange(e.start, e.end ?? e.start, e.timeZone, language, locale);
}

export function describeRange(startIso: string, endIso: string, zone: string, language: LanguageCode, locale = LOCALES[language]): string {
  const s = DateTime.fromISO(startIso, { zone }).setLocale(locale);
  const end = DateTime.fromISO(endIso, { zone }).setLocale(locale);
  const time = (d: DateTime) => d.toLocaleString(DateTime.TIME_SIMPLE);
  const day = s.toLocaleString({ weekday: 'short', day: 'numeric', month: 'short' });
  return `${day} ${time(s)}–${time(end)}`;
}
