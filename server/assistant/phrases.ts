import { DateTime } from 'luxon';
import type { LanguageCode } from '../../shared/assistant/intent-schema.ts';
import type { EventPreview } from '../../shared/schemas/chat.ts';

/**
 * The assistant's sentences in the user's language. English, German and
 * Japanese are complete; the other languages use English sentences with dates
 * in their own format until their phrasebooks are written.
 */
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
  untitled: '新しい予定',
};

const BOOKS: Partial<Record<LanguageCode, Phrases>> = { en, de, ja };
const LOCALES: Record<LanguageCode, string> = { en: 'en-GB', de: 'de-DE', fr: 'fr-FR', es: 'es-ES', pt: 'pt-BR', nl: 'nl-NL', ja: 'ja-JP' };

export function phrasesFor(language: LanguageCode): Phrases {
  return BOOKS[language] ?? en;
}

/** “Lunch with Anna”, Thu 26 Nov, 13:00–14:00 — in the user's zone and language. */
export function describeEvent(e: EventPreview, language: LanguageCode): string {
  const locale = LOCALES[language];
  const title = language === 'ja' ? `「${e.title}」` : language === 'de' ? `„${e.title}“` : `“${e.title}”`;
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
