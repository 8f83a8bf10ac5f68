import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../shared/assistant/parse-command.ts';
import type { Intent, LanguageCode } from '../../../shared/assistant/intent-schema.ts';

/**
 * Labelled commands in every language besides English, with the exact answer
 * worked out by hand under the English conventions: events 60 minutes,
 * availability 30; a bare hour from 1 to 7 is pm; weeks start on Monday;
 * "next Friday" is next week's, "this Friday" this week's, a bare "Friday"
 * the next one after today. "Now" is Wednesday 2026-11-25 10:00 in Berlin
 * (18:00 in Tokyo, 04:00 in New York) unless a row says otherwise. Berlin
 * enters summer time on 2027-03-28 and New York on 2027-03-14. The language
 * is detected, never given, except in the rows that force it.
 */
const NOW = '2026-11-25T10:00:00+01:00';
const BERLIN = 'Europe/Berlin';
const TOKYO = 'Asia/Tokyo';
const NEW_YORK = 'America/New_York';
type Options = { tz?: string; language?: LanguageCode };
type Row = [text: string, expected: Partial<Intent> & Record<string, unknown>, options?: Options];

const create = (start: string, end: string, extra: Record<string, unknown> = {}) => ({ intent: 'create_event' as const, event: expect.objectContaining({ start, end, ...extra }) });
const allDay = (startDate: string, endDate: string, extra: Record<string, unknown> = {}) => ({ intent: 'create_event' as const, event: expect.objectContaining({ allDay: true, startDate, endDate, ...extra }) });
const open = (start: string, end: string, extra: Record<string, unknown> = {}) => ({ intent: 'create_event' as const, range: { start, end }, event: expect.objectContaining(extra) });
const avail = (start: string, end: string, minutes = 30) => ({ intent: 'show_availability' as const, range: { start, end }, durationMinutes: minutes });
const list = (start: string, end: string) => ({ intent: 'list_events' as const, range: { start, end } });
const cancel = (target: Record<string, unknown>, changes?: Record<string, unknown>) => ({ intent: 'cancel_event' as const, target: expect.objectContaining(target), ...(changes ? { changes: expect.objectContaining(changes) } : {}) });
const modify = (target: Record<string, unknown>, changes: Record<string, unknown>) => ({ intent: 'modify_event' as const, target: expect.objectContaining(target), changes: expect.objectContaining(changes) });
/** A whole day in Berlin winter time, as a target range. */
const day = (d: string, next: string) => ({ start: `${d}T00:00:00+01:00`, end: `${next}T00:00:00+01:00` });

const TOMORROW = day('2026-11-26', '2026-11-27');
const FRIDAY = day('2026-11-27', '2026-11-28');
const NEXT_WEEK = ['2026-11-30T00:00:00+01:00', '2026-12-07T00:00:00+01:00'] as const;
const TOMORROW_AFTERNOON = ['2026-11-26T12:00:00+01:00', '2026-11-26T17:00:00+01:00'] as const;
const TONIGHT = ['2026-11-25T18:00:00+01:00', '2026-11-25T23:00:00+01:00'] as const;
const WEEKLY_MONDAY = ['RRULE:FREQ=WEEKLY;BYDAY=MO'];
const MONTHLY_FIRST_MONDAY = ['RRULE:FREQ=MONTHLY;BYDAY=1MO'];
const WEEKDAYS = ['RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'];

const rows: Record<Exclude<LanguageCode, 'en'>, Row[]> = {
  de: [
    ['Zahnarzt am Freitag um 10:30', create('2026-11-27T10:30:00+01:00', '2026-11-27T11:30:00+01:00', { title: 'Zahnarzt' })],
    ['Mittagessen mit Anna morgen um 13 Uhr', create('2026-11-26T13:00:00+01:00', '2026-11-26T14:00:00+01:00', { title: 'Mittagessen mit Anna', people: ['Anna'] })],
    ['Plane ein Meeting mit Ben nächsten Montag um 10', create('2026-11-30T10:00:00+01:00', '2026-11-30T11:00:00+01:00', { title: 'Meeting mit Ben', people: ['Ben'] })],
    ['Retro diesen Mittwoch um 15 Uhr', create('2026-11-25T15:00:00+01:00', '2026-11-25T16:00:00+01:00', { title: 'Retro' })],
    ['Retro Mittwoch um 15 Uhr', create('2026-12-02T15:00:00+01:00', '2026-12-02T16:00:00+01:00')],
    ['Frühstück nächsten Sonntag um 2:30', create('2026-12-06T14:30:00+01:00', '2026-12-06T15:30:00+01:00', { title: 'Frühstück' })],
    ['Buchclub morgen um 19 Uhr', create('2026-11-26T19:00:00+01:00', '2026-11-26T20:00:00+01:00', { title: 'Buchclub' })],
    ['Friseur am 8.12. um 9', create('2026-12-08T09:00:00+01:00', '2026-12-08T10:00:00+01:00', { title: 'Friseur' })],
    ['Workshop morgen um 14 Uhr für 2 Stunden', create('2026-11-26T14:00:00+01:00', '2026-11-26T16:00:00+01:00', { title: 'Workshop' })],
    ['Jour fixe jeden Montag um 10 Uhr', create('2026-11-30T10:00:00+01:00', '2026-11-30T11:00:00+01:00', { title: 'Jour fixe', recurrence: WEEKLY_MONDAY })],
    ['Standup werktags um 9:30', create('2026-11-26T09:30:00+01:00', '2026-11-26T10:30:00+01:00', { recurrence: WEEKDAYS })],
    ['Yoga dienstags und donnerstags um 7', create('2026-11-26T19:00:00+01:00', '2026-11-26T20:00:00+01:00', { recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=TU,TH'] })],
    ['Trag mir Yoga jeden zweiten Dienstag um 18 Uhr ein', create('2026-12-01T18:00:00+01:00', '2026-12-01T19:00:00+01:00', { title: 'Yoga', recurrence: ['RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU'] })],
    ['Miete am 1. jedes Monats um 9', create('2026-12-01T09:00:00+01:00', '2026-12-01T10:00:00+01:00', { recurrence: ['RRULE:FREQ=MONTHLY;BYMONTHDAY=1'] })],
    ['Teamrunde am ersten Montag im Monat um 10 Uhr', create('2026-12-07T10:00:00+01:00', '2026-12-07T11:00:00+01:00', { recurrence: MONTHLY_FIRST_MONDAY })],
    ['Urlaub vom 8. bis 10. Dezember', allDay('2026-12-08', '2026-12-11', { title: 'Urlaub' })],
    ['Konferenz ganztägig am 3. Dezember', allDay('2026-12-03', '2026-12-04', { title: 'Konferenz' })],
    ['Laufen morgen früh', open('2026-11-26T08:00:00+01:00', '2026-11-26T12:00:00+01:00', { title: 'Laufen' })],
    ['Verschiebe das Meeting auf Freitag', modify({ query: 'Meeting' }, { date: '2026-11-27' })],
    ['Verschiebe meinen Termin um 15 Uhr auf 16:30', modify({ start: '2026-11-25T15:00:00+01:00' }, { time: '16:30' })],
    ['Verschiebe das Standup morgen auf 11 Uhr', modify({ query: 'Standup', range: TOMORROW }, { start: '2026-11-26T11:00:00+01:00' })],
    ['Verschiebe das Standup um 30 Minuten', modify({ query: 'Standup' }, { shiftMinutes: 30 })],
    ['Verschiebe das Standup um eine Stunde nach vorne', modify({ query: 'Standup' }, { shiftMinutes: -60 })],
    ['Standup umbenennen in Daily', modify({ query: 'Standup' }, { title: 'Daily' })],
    ['Sag das Standup morgen ab', cancel({ query: 'Standup', range: TOMORROW })],
    ['Sag das Standup morgen ab, nur dieses eine Mal', cancel({ query: 'Standup', range: TOMORROW }, { scope: 'instance' })],
    ['Lösche alle folgenden Standups', cancel({ query: 'Standups' }, { scope: 'following' })],
    ['Lösche die ganze Serie Jour fixe', cancel({ query: 'Jour fixe' }, { scope: 'series' })],
    ['Bin ich morgen Nachmittag frei?', avail(...TOMORROW_AFTERNOON)],
    ['Wann habe ich Freitagnachmittag Zeit?', avail('2026-11-27T12:00:00+01:00', '2026-11-27T17:00:00+01:00')],
    ['Wann bin ich nächste Woche frei?', avail(...NEXT_WEEK)],
    ['Finde eine Stunde nächste Woche', avail(...NEXT_WEEK, 60)],
    ['Was habe ich morgen?', list(TOMORROW.start, TOMORROW.end)],
    ['Welche Termine habe ich am Freitag?', list(FRIDAY.start, FRIDAY.end)],
    ['Was habe ich heute Abend?', list(...TONIGHT)],
    ['Was steht diese Woche an?', list('2026-11-25T10:00:00+01:00', '2026-11-30T00:00:00+01:00')],
    ['Termin am 28. März 2027 um 10 Uhr', create('2027-03-28T10:00:00+02:00', '2027-03-28T11:00:00+02:00')],
    ['Nachtschicht am 27. März 2027 um 23 Uhr für 5 Stunden', create('2027-03-27T23:00:00+01:00', '2027-03-28T05:00:00+02:00', { title: 'Nachtschicht' })],
    ['Telefonat morgen um 9 Uhr Tokioter Zeit', create('2026-11-26T01:00:00+01:00', '2026-11-26T02:00:00+01:00', { title: 'Telefonat' })],
    ['Mittagessen mit Anna morgen um 13 Uhr', create('2026-11-26T13:00:00-05:00', '2026-11-26T14:00:00-05:00'), { tz: NEW_YORK }],
    ['Termin am 15. März 2027 um 10 Uhr', create('2027-03-15T10:00:00-04:00', '2027-03-15T11:00:00-04:00'), { tz: NEW_YORK }],
  ],
  fr: [
    ['Dentiste vendredi à 10h30', create('2026-11-27T10:30:00+01:00', '2026-11-27T11:30:00+01:00', { title: 'Dentiste' })],
    ['Déjeuner avec Anna demain à 13h', create('2026-11-26T13:00:00+01:00', '2026-11-26T14:00:00+01:00', { title: 'Déjeuner avec Anna', people: ['Anna'] })],
    ['Planifie une réunion avec Paul lundi prochain à 10h', create('2026-11-30T10:00:00+01:00', '2026-11-30T11:00:00+01:00', { title: 'Réunion avec Paul', people: ['Paul'] })],
    ['Appel ce mercredi à 15h', create('2026-11-25T15:00:00+01:00', '2026-11-25T16:00:00+01:00', { title: 'Appel' })],
    ['Appel mercredi à 15h', create('2026-12-02T15:00:00+01:00', '2026-12-02T16:00:00+01:00')],
    ['Jogging après-demain à 9h', create('2026-11-27T09:00:00+01:00', '2026-11-27T10:00:00+01:00', { title: 'Jogging' })],
    ['Déjeuner demain midi', create('2026-11-26T12:00:00+01:00', '2026-11-26T13:00:00+01:00')],
    ['Atelier demain à 14h pendant 2 heures', create('2026-11-26T14:00:00+01:00', '2026-11-26T16:00:00+01:00', { title: 'Atelier' })],
    ['Réunion de 30 minutes demain à 9h', create('2026-11-26T09:00:00+01:00', '2026-11-26T09:30:00+01:00', { title: 'Réunion' })],
    ['Point équipe tous les lundis à 10h', create('2026-11-30T10:00:00+01:00', '2026-11-30T11:00:00+01:00', { title: 'Point équipe', recurrence: WEEKLY_MONDAY })],
    ['Yoga chaque jour à 7h', create('2026-11-25T19:00:00+01:00', '2026-11-25T20:00:00+01:00', { recurrence: ['RRULE:FREQ=DAILY'] })],
    ['Réunion le premier lundi de chaque mois à 10h', create('2026-12-07T10:00:00+01:00', '2026-12-07T11:00:00+01:00', { recurrence: MONTHLY_FIRST_MONDAY })],
    ['Vacances du 8 au 10 décembre', allDay('2026-12-08', '2026-12-11', { title: 'Vacances' })],
    ['Conférence toute la journée le 3 décembre', allDay('2026-12-03', '2026-12-04', { title: 'Conférence' })],
    ['Footing demain matin', open('2026-11-26T08:00:00+01:00', '2026-11-26T12:00:00+01:00', { title: 'Footing' })],
    ['Déplace la réunion à vendredi', modify({ query: 'réunion' }, { date: '2026-11-27' })],
    ['Décale mon rendez-vous de 15h à 16h30', modify({ start: '2026-11-25T15:00:00+01:00' }, { time: '16:30' })],
    ['Déplace le standup de demain à 11h', modify({ query: 'standup', range: TOMORROW }, { start: '2026-11-26T11:00:00+01:00' })],
    ['Décale le standup de 30 minutes', modify({ query: 'standup' }, { shiftMinutes: 30 })],
    ["Avance le standup d'une heure", modify({ query: 'standup' }, { shiftMinutes: -60 })],
    ['Renomme le standup en Daily', modify({ query: 'standup' }, { title: 'Daily' })],
    ['Annule le standup de demain', cancel({ query: 'standup', range: TOMORROW })],
    ['Annule seulement celui-ci', cancel({}, { scope: 'instance' })],
    ['Supprime le standup et tous les suivants', cancel({ query: 'standup' }, { scope: 'following' })],
    ['Annule toute la série', cancel({}, { scope: 'series' })],
    ['Suis-je libre demain après-midi ?', avail(...TOMORROW_AFTERNOON)],
    ['Quand suis-je libre la semaine prochaine ?', avail(...NEXT_WEEK)],
    ['Trouve-moi une heure la semaine prochaine', avail(...NEXT_WEEK, 60)],
    ["Qu'est-ce que j'ai vendredi ?", list(FRIDAY.start, FRIDAY.end)],
    ["Qu'est-ce que j'ai ce soir ?", list(...TONIGHT)],
    ['Rendez-vous le 28 mars 2027 à 10h', create('2027-03-28T10:00:00+02:00', '2027-03-28T11:00:00+02:00')],
    ['Garde de nuit le 27 mars 2027 à 23h pendant 5 heures', create('2027-03-27T23:00:00+01:00', '2027-03-28T05:00:00+02:00', { title: 'Garde de nuit' })],
    ['Appel demain à 9h heure de Tokyo', create('2026-11-26T01:00:00+01:00', '2026-11-26T02:00:00+01:00', { title: 'Appel' })],
    ['Déjeuner avec Anna demain à 13h', create('2026-11-26T13:00:00-05:00', '2026-11-26T14:00:00-05:00'), { tz: NEW_YORK }],
  ],
  es: [
    ['Dentista el viernes a las 10:30', create('2026-11-27T10:30:00+01:00', '2026-11-27T11:30:00+01:00', { title: 'Dentista' })],
    ['Almuerzo con Ana mañana a las 13:00', create('2026-11-26T13:00:00+01:00', '2026-11-26T14:00:00+01:00', { title: 'Almuerzo con Ana', people: ['Ana'] })],
    ['Programa una reunión con Pedro el próximo lunes a las 10', create('2026-11-30T10:00:00+01:00', '2026-11-30T11:00:00+01:00', { title: 'Reunión con Pedro', people: ['Pedro'] })],
    ['Reunión el lunes que viene a las 10', create('2026-11-30T10:00:00+01:00', '2026-11-30T11:00:00+01:00', { title: 'Reunión' })],
    ['Llamada este miércoles a las 15:00', create('2026-11-25T15:00:00+01:00', '2026-11-25T16:00:00+01:00', { title: 'Llamada' })],
    ['Llamada a las 15h', create('2026-11-25T15:00:00+01:00', '2026-11-25T16:00:00+01:00', { title: 'Llamada' })],
    ['Correr pasado mañana a las 9', create('2026-11-27T09:00:00+01:00', '2026-11-27T10:00:00+01:00', { title: 'Correr' })],
    ['Desayuno mañana a las 8 de la mañana', create('2026-11-26T08:00:00+01:00', '2026-11-26T09:00:00+01:00', { title: 'Desayuno' })],
    ['Taller mañana a las 14:00 durante 2 horas', create('2026-11-26T14:00:00+01:00', '2026-11-26T16:00:00+01:00', { title: 'Taller' })],
    ['Reunión de 2 horas mañana a las 10', create('2026-11-26T10:00:00+01:00', '2026-11-26T12:00:00+01:00', { title: 'Reunión' })],
    ['Clase de yoga todos los martes a las 7', create('2026-12-01T19:00:00+01:00', '2026-12-01T20:00:00+01:00', { title: 'Clase de yoga', recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=TU'] })],
    ['Standup de lunes a viernes a las 9:30', create('2026-11-27T09:30:00+01:00', '2026-11-27T10:30:00+01:00', { recurrence: WEEKDAYS })],
    ['Reunión el primer lunes de cada mes a las 10', create('2026-12-07T10:00:00+01:00', '2026-12-07T11:00:00+01:00', { recurrence: MONTHLY_FIRST_MONDAY })],
    ['Vacaciones del 8 al 10 de diciembre', allDay('2026-12-08', '2026-12-11', { title: 'Vacaciones' })],
    ['Conferencia todo el día el 3 de diciembre', allDay('2026-12-03', '2026-12-04', { title: 'Conferencia' })],
    ['Mueve la reunión al viernes', modify({ query: 'reunión' }, { date: '2026-11-27' })],
    ['Cambia mi cita de las 3 a las 4:30', modify({ query: 'cita', start: '2026-11-25T15:00:00+01:00' }, { time: '16:30' })],
    ['Mueve el standup de mañana a las 11', modify({ query: 'standup', range: TOMORROW }, { start: '2026-11-26T11:00:00+01:00' })],
    ['Retrasa el standup 30 minutos', modify({ query: 'standup' }, { shiftMinutes: 30 })],
    ['Adelanta el standup una hora', modify({ query: 'standup' }, { shiftMinutes: -60 })],
    ['Renombra el standup a Daily', modify({ query: 'standup' }, { title: 'Daily' })],
    ['Cancela el standup de mañana', cancel({ query: 'standup', range: TOMORROW })],
    ['Cancela solo esta vez el standup', cancel({ query: 'standup' }, { scope: 'instance' })],
    ['Elimina el standup y todos los siguientes', cancel({ query: 'standup' }, { scope: 'following' })],
    ['Borra todos los standups', cancel({ query: 'standups' }, { scope: 'series' })],
    ['¿Estoy libre mañana por la tarde?', avail(...TOMORROW_AFTERNOON)],
    ['¿Cuándo estoy libre la semana que viene?', avail(...NEXT_WEEK)],
    ['Encuéntrame una hora la próxima semana', avail(...NEXT_WEEK, 60)],
    ['¿Qué tengo el viernes?', list(FRIDAY.start, FRIDAY.end)],
    ['¿Qué tengo esta noche?', list(...TONIGHT)],
    ['¿Qué tengo esta semana?', list('2026-11-25T10:00:00+01:00', '2026-11-30T00:00:00+01:00')],
    ['Cita el 28 de marzo de 2027 a las 10', create('2027-03-28T10:00:00+02:00', '2027-03-28T11:00:00+02:00', { title: 'Cita' })],
    ['Guardia el 27 de marzo de 2027 a las 23:00 durante 5 horas', create('2027-03-27T23:00:00+01:00', '2027-03-28T05:00:00+02:00', { title: 'Guardia' })],
    ['Llamada mañana a las 9 hora de Tokio', create('2026-11-26T01:00:00+01:00', '2026-11-26T02:00:00+01:00', { title: 'Llamada' })],
    ['Almuerzo con Ana mañana a las 13:00', create('2026-11-26T13:00:00-05:00', '2026-11-26T14:00:00-05:00'), { tz: NEW_YORK }],
  ],
  pt: [
    ['Dentista na sexta às 10h30', create('2026-11-27T10:30:00+01:00', '2026-11-27T11:30:00+01:00', { title: 'Dentista' })],
    ['Almoço com Ana amanhã às 13h', create('2026-11-26T13:00:00+01:00', '2026-11-26T14:00:00+01:00', { title: 'Almoço com Ana', people: ['Ana'] })],
    ['Marque uma reunião com Pedro na próxima segunda às 10h', create('2026-11-30T10:00:00+01:00', '2026-11-30T11:00:00+01:00', { title: 'Reunião com Pedro', people: ['Pedro'] })],
    ['Reunião na quarta que vem às 15h', create('2026-12-02T15:00:00+01:00', '2026-12-02T16:00:00+01:00', { title: 'Reunião' })],
    ['Ligação nesta quarta às 15h', create('2026-11-25T15:00:00+01:00', '2026-11-25T16:00:00+01:00', { title: 'Ligação' })],
    ['Corrida depois de amanhã às 9h', create('2026-11-27T09:00:00+01:00', '2026-11-27T10:00:00+01:00', { title: 'Corrida' })],
    ['Almoço amanhã ao meio-dia', create('2026-11-26T12:00:00+01:00', '2026-11-26T13:00:00+01:00', { title: 'Almoço' })],
    ['Oficina amanhã às 14h por 2 horas', create('2026-11-26T14:00:00+01:00', '2026-11-26T16:00:00+01:00', { title: 'Oficina' })],
    ['Ligar para a mãe em 2 horas', create('2026-11-25T12:00:00+01:00', '2026-11-25T13:00:00+01:00')],
    ['Aula de ioga toda segunda às 19h', create('2026-11-30T19:00:00+01:00', '2026-11-30T20:00:00+01:00', { title: 'Aula de ioga', recurrence: WEEKLY_MONDAY })],
    ['Academia todos os dias às 7h', create('2026-11-25T19:00:00+01:00', '2026-11-25T20:00:00+01:00', { recurrence: ['RRULE:FREQ=DAILY'] })],
    ['Reunião na primeira segunda de cada mês às 10h', create('2026-12-07T10:00:00+01:00', '2026-12-07T11:00:00+01:00', { recurrence: MONTHLY_FIRST_MONDAY })],
    ['Férias de 8 a 10 de dezembro', allDay('2026-12-08', '2026-12-11', { title: 'Férias' })],
    ['Conferência o dia todo em 3 de dezembro', allDay('2026-12-03', '2026-12-04', { title: 'Conferência' })],
    ['Mova a reunião para sexta', modify({ query: 'reunião' }, { date: '2026-11-27' })],
    ['Mude o standup para as 11h', modify({ query: 'standup' }, { time: '11:00' })],
    ['Mude o standup de amanhã para as 11h', modify({ query: 'standup', range: TOMORROW }, { start: '2026-11-26T11:00:00+01:00' })],
    ['Adie o standup 30 minutos', modify({ query: 'standup' }, { shiftMinutes: 30 })],
    ['Antecipe o standup uma hora', modify({ query: 'standup' }, { shiftMinutes: -60 })],
    ['Renomeie o standup para Daily', modify({ query: 'standup' }, { title: 'Daily' })],
    ['Cancele o standup de amanhã', cancel({ query: 'standup', range: TOMORROW })],
    ['Cancele só esta vez o standup', cancel({ query: 'standup' }, { scope: 'instance' })],
    ['Apague o standup e todos os seguintes', cancel({ query: 'standup' }, { scope: 'following' })],
    ['Cancele toda a série', cancel({}, { scope: 'series' })],
    ['Estou livre amanhã à tarde?', avail(...TOMORROW_AFTERNOON)],
    ['Estou livre amanhã de manhã?', avail('2026-11-26T08:00:00+01:00', '2026-11-26T12:00:00+01:00')],
    ['Quando estou livre na semana que vem?', avail(...NEXT_WEEK)],
    ['Quando estou livre?', avail('2026-11-25T10:00:00+01:00', '2026-12-02T10:00:00+01:00')],
    ['O que tenho na sexta?', list(FRIDAY.start, FRIDAY.end)],
    ['O que tenho hoje à noite?', list(...TONIGHT)],
    ['Consulta em 28 de março de 2027 às 10h', create('2027-03-28T10:00:00+02:00', '2027-03-28T11:00:00+02:00', { title: 'Consulta' })],
    ['Plantão em 27 de março de 2027 às 23h por 5 horas', create('2027-03-27T23:00:00+01:00', '2027-03-28T05:00:00+02:00', { title: 'Plantão' })],
    ['Ligação amanhã às 9h hora de Tóquio', create('2026-11-26T01:00:00+01:00', '2026-11-26T02:00:00+01:00', { title: 'Ligação' })],
    ['Almoço com Ana amanhã às 13h', create('2026-11-26T13:00:00-05:00', '2026-11-26T14:00:00-05:00'), { tz: NEW_YORK }],
  ],
  nl: [
    ['Tandarts vrijdag om 10.30 uur', create('2026-11-27T10:30:00+01:00', '2026-11-27T11:30:00+01:00', { title: 'Tandarts' })],
    ['Lunch met Anna morgen om 13:00', create('2026-11-26T13:00:00+01:00', '2026-11-26T14:00:00+01:00', { title: 'Lunch met Anna', people: ['Anna'] })],
    ['Plan een vergadering met Piet volgende maandag om 10 uur', create('2026-11-30T10:00:00+01:00', '2026-11-30T11:00:00+01:00', { title: 'Vergadering met Piet', people: ['Piet'] })],
    ['Bellen deze woensdag om 15 uur', create('2026-11-25T15:00:00+01:00', '2026-11-25T16:00:00+01:00', { title: 'Bellen' })],
    ['Hardlopen overmorgen om 9 uur', create('2026-11-27T09:00:00+01:00', '2026-11-27T10:00:00+01:00', { title: 'Hardlopen' })],
    ['Workshop morgen om 14 uur voor 2 uur', create('2026-11-26T14:00:00+01:00', '2026-11-26T16:00:00+01:00', { title: 'Workshop' })],
    ['Bel mama over 2 uur', create('2026-11-25T12:00:00+01:00', '2026-11-25T13:00:00+01:00', { title: 'Bel mama' })],
    ['Teamoverleg elke maandag om 10 uur', create('2026-11-30T10:00:00+01:00', '2026-11-30T11:00:00+01:00', { title: 'Teamoverleg', recurrence: WEEKLY_MONDAY })],
    ['Yoga op dinsdagen en donderdagen om 7 uur', create('2026-11-26T19:00:00+01:00', '2026-11-26T20:00:00+01:00', { recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=TU,TH'] })],
    ['Standup elke werkdag om 9:30', create('2026-11-26T09:30:00+01:00', '2026-11-26T10:30:00+01:00', { recurrence: WEEKDAYS })],
    ['Borrel om de week op vrijdag om 17 uur', create('2026-11-27T17:00:00+01:00', '2026-11-27T18:00:00+01:00', { title: 'Borrel', recurrence: ['RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=FR'] })],
    ['Overleg de eerste maandag van de maand om 10 uur', create('2026-12-07T10:00:00+01:00', '2026-12-07T11:00:00+01:00', { recurrence: MONTHLY_FIRST_MONDAY })],
    ['Vakantie van 8 tot 10 december', allDay('2026-12-08', '2026-12-11', { title: 'Vakantie' })],
    ['Conferentie de hele dag op 3 december', allDay('2026-12-03', '2026-12-04', { title: 'Conferentie' })],
    ['Verplaats de vergadering naar vrijdag', modify({ query: 'vergadering' }, { date: '2026-11-27' })],
    ['Verzet mijn afspraak van 15 uur naar 16:30', modify({ start: '2026-11-25T15:00:00+01:00' }, { time: '16:30' })],
    ['Verplaats de standup van morgen naar 11 uur', modify({ query: 'standup', range: TOMORROW }, { start: '2026-11-26T11:00:00+01:00' })],
    ['Verschuif de standup 30 minuten', modify({ query: 'standup' }, { shiftMinutes: 30 })],
    ['Zet de standup een uur eerder', modify({ query: 'standup' }, { shiftMinutes: -60 })],
    ['Hernoem de standup naar Daily', modify({ query: 'standup' }, { title: 'Daily' })],
    ['Annuleer de standup van morgen', cancel({ query: 'standup', range: TOMORROW })],
    ['Zeg de standup morgen af', cancel({ query: 'standup', range: TOMORROW })],
    ['Annuleer alleen deze keer de standup', cancel({ query: 'standup' }, { scope: 'instance' })],
    ['Verwijder de standup en alle volgende', cancel({ query: 'standup' }, { scope: 'following' })],
    ['Verwijder de hele reeks', cancel({}, { scope: 'series' })],
    ['Ben ik morgenmiddag vrij?', avail(...TOMORROW_AFTERNOON)],
    ['Ben ik vrijdagmiddag vrij?', avail('2026-11-27T12:00:00+01:00', '2026-11-27T17:00:00+01:00')],
    ['Wanneer ben ik volgende week vrij?', avail(...NEXT_WEEK)],
    ['Vind een uur volgende week', avail(...NEXT_WEEK, 60)],
    ['Wat heb ik vrijdag?', list(FRIDAY.start, FRIDAY.end)],
    ['Wat heb ik vanavond?', list(...TONIGHT)],
    ['Afspraak op 28 maart 2027 om 10 uur', create('2027-03-28T10:00:00+02:00', '2027-03-28T11:00:00+02:00')],
    ['Nachtdienst op 27 maart 2027 om 23 uur voor 5 uur', create('2027-03-27T23:00:00+01:00', '2027-03-28T05:00:00+02:00', { title: 'Nachtdienst' })],
    ['Bellen morgen om 9 uur Japanse tijd', create('2026-11-26T01:00:00+01:00', '2026-11-26T02:00:00+01:00', { title: 'Bellen' })],
    // "morgen" is tomorrow in German too; a tie between the two goes to the pack registered first unless the language is known.
    ['Standup morgen 9:30', create('2026-11-26T09:30:00+01:00', '2026-11-26T10:30:00+01:00', { title: 'Standup' }), { language: 'nl' }],
  ],
  ja: [
    ['金曜日10時半に歯医者', create('2026-11-27T10:30:00+01:00', '2026-11-27T11:30:00+01:00', { title: '歯医者' })],
    ['明日15時に田中さんとランチ', create('2026-11-26T15:00:00+01:00', '2026-11-26T16:00:00+01:00', { title: '田中さんとランチ' })],
    ['来週の月曜日10時に会議を入れて', create('2026-11-30T10:00:00+01:00', '2026-11-30T11:00:00+01:00', { title: '会議' })],
    ['今週の金曜日15時に飲み会', create('2026-11-27T15:00:00+01:00', '2026-11-27T16:00:00+01:00', { title: '飲み会' })],
    ['明後日9時にジョギング', create('2026-11-27T09:00:00+01:00', '2026-11-27T10:00:00+01:00', { title: 'ジョギング' })],
    ['明日14時から2時間のワークショップ', create('2026-11-26T14:00:00+01:00', '2026-11-26T16:00:00+01:00', { title: 'ワークショップ' })],
    ['2時間後に母に電話', create('2026-11-25T12:00:00+01:00', '2026-11-25T13:00:00+01:00', { title: '母に電話' })],
    ['毎週月曜日10時に定例会議', create('2026-11-30T10:00:00+01:00', '2026-11-30T11:00:00+01:00', { title: '定例会議', recurrence: WEEKLY_MONDAY })],
    ['毎日7時にヨガ', create('2026-11-25T19:00:00+01:00', '2026-11-25T20:00:00+01:00', { recurrence: ['RRULE:FREQ=DAILY'] })],
    ['平日9時半に朝会', create('2026-11-26T09:30:00+01:00', '2026-11-26T10:30:00+01:00', { title: '朝会', recurrence: WEEKDAYS })],
    ['毎月第1月曜日10時に全体会議', create('2026-12-07T10:00:00+01:00', '2026-12-07T11:00:00+01:00', { recurrence: MONTHLY_FIRST_MONDAY })],
    ['12月8日から10日まで休暇', allDay('2026-12-08', '2026-12-11', { title: '休暇' })],
    ['12月3日終日カンファレンス', allDay('2026-12-03', '2026-12-04', { title: 'カンファレンス' })],
    ['定例会議を金曜日に移動して', modify({ query: '定例会議' }, { date: '2026-11-27' })],
    ['定例会議を16時に変更して', modify({ query: '定例会議' }, { time: '16:00' })],
    ['明日の定例会議を10時に変更して', modify({ query: '定例会議', range: TOMORROW }, { start: '2026-11-26T10:00:00+01:00' })],
    ['定例会議を30分遅らせて', modify({ query: '定例会議' }, { shiftMinutes: 30 })],
    ['定例会議を1時間早めて', modify({ query: '定例会議' }, { shiftMinutes: -60 })],
    ['明日の定例会議をキャンセルして', cancel({ query: '定例会議', range: TOMORROW })],
    ['今回だけ定例会議をキャンセル', cancel({ query: '定例会議' }, { scope: 'instance' })],
    ['定例会議を今回以降すべてキャンセル', cancel({ query: '定例会議' }, { scope: 'following' })],
    ['明日の午後は空いていますか？', avail(...TOMORROW_AFTERNOON)],
    ['来週の水曜日の午後は空いてる？', avail('2026-12-02T12:00:00+01:00', '2026-12-02T17:00:00+01:00')],
    ['来週1時間空いている時間は？', avail(...NEXT_WEEK, 60)],
    ['金曜日の予定は？', list(FRIDAY.start, FRIDAY.end)],
    ['今夜の予定は？', list(...TONIGHT)],
    ['2027年3月28日10時に打ち合わせ', create('2027-03-28T10:00:00+02:00', '2027-03-28T11:00:00+02:00', { title: '打ち合わせ' })],
    ['2027年3月27日23時から5時間の夜勤', create('2027-03-27T23:00:00+01:00', '2027-03-28T05:00:00+02:00', { title: '夜勤' })],
    ['明日9時ニューヨーク時間に電話', create('2026-11-26T15:00:00+01:00', '2026-11-26T16:00:00+01:00', { title: '電話' })],
    // In Tokyo "now" is 18:00, so today's 19:00 is still ahead and tonight has begun.
    ['明日15時に田中さんとランチ', create('2026-11-26T15:00:00+09:00', '2026-11-26T16:00:00+09:00'), { tz: TOKYO }],
    ['毎日19時にヨガ', create('2026-11-25T19:00:00+09:00', '2026-11-25T20:00:00+09:00', { recurrence: ['RRULE:FREQ=DAILY'] }), { tz: TOKYO }],
    ['明日の午後は空いていますか？', avail('2026-11-26T12:00:00+09:00', '2026-11-26T17:00:00+09:00'), { tz: TOKYO }],
    ['今夜の予定は？', list('2026-11-25T18:00:00+09:00', '2026-11-25T23:00:00+09:00'), { tz: TOKYO }],
    ['来週空いている時間は？', avail('2026-11-30T00:00:00+09:00', '2026-12-07T00:00:00+09:00'), { tz: TOKYO }],
  ],
};

for (const [language, table] of Object.entries(rows) as Array<[LanguageCode, Row[]]>) {
  describe(`${language}: commands resolve as labelled`, () => {
    it.each(table)('%s', (text, expected, options) => {
      const intent = parseCommand(text, { now: NOW, timeZone: options?.tz ?? BERLIN, ...(options?.language ? { language: options.language } : {}) });
      expect(intent).toMatchObject(expected);
      expect(intent.language).toBe(language);
    });
  });
}

describe('pipeline fixes found through other languages', () => {
  const at = (text: string) => parseCommand(text, { now: NOW, timeZone: BERLIN });
  it('titles an email-only guest in the message language', () => {
    expect(at('Mittagessen mit anna@example.com morgen um 13 Uhr').event?.title).toBe('Mittagessen mit Anna');
  });
  it('knows each language\'s "all day"', () => {
    expect(at('Konferenz den ganzen Tag am 3. Dezember')).toMatchObject({ intent: 'create_event', event: { allDay: true, startDate: '2026-12-03', endDate: '2026-12-04' } });
  });
  it('joins a day and a time said apart', () => {
    expect(at('Workshop morgen für 2 Stunden um 14 Uhr').event).toMatchObject({ start: '2026-11-26T14:00:00+01:00', end: '2026-11-26T16:00:00+01:00' });
  });
  it('reads a zone introduced by "heure de"', () => {
    expect(at('Appel demain à 9h heure de New York').event?.start).toBe('2026-11-26T15:00:00+01:00');
  });
  it('keeps French elisions in titles', () => {
    expect(at("Point d'équipe demain à 10h").event?.title).toBe("Point d'équipe");
  });
  it('reads "this"/"next" on the change side of a move', () => {
    expect(at('Verschiebe das Standup auf diesen Montag').changes).toMatchObject({ date: '2026-11-23' });
    expect(at('move the standup to this monday').changes).toMatchObject({ date: '2026-11-23' });
  });
  it.each(['定例会議の名前をデイリーに変更', '定例会議の名前をデイリーに変更して'])('takes the new name before the verb that ends a Japanese rename: %s', (text) => {
    expect(at(text)).toMatchObject({ intent: 'modify_event', target: { query: '定例会議' }, changes: { title: 'デイリー' } });
  });
});
