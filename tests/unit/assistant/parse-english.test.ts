import { describe, expect, it } from 'vitest';
import { defaultModel } from '../../../shared/assistant/default-model.ts';
import { parseCommand } from '../../../shared/assistant/parse-command.ts';
import type { Intent } from '../../../shared/assistant/intent-schema.ts';

/**
 * Our own labelled commands: every convention in the README, with the exact
 * answer worked out by hand. "Now" is Wednesday 2026-11-25 10:00 in Berlin
 * unless a row says otherwise.
 */
const NOW = '2026-11-25T10:00:00+01:00';
const BERLIN = 'Europe/Berlin';
type Row = [text: string, expected: Partial<Intent> & Record<string, unknown>, options?: { now?: string; tz?: string }];

const create = (start: string, end: string, extra: Record<string, unknown> = {}) => ({ intent: 'create_event' as const, event: expect.objectContaining({ start, end, ...extra }) });
const allDay = (startDate: string, endDate: string, extra: Record<string, unknown> = {}) => ({ intent: 'create_event' as const, event: expect.objectContaining({ allDay: true, startDate, endDate, ...extra }) });
const open = (start: string, end: string, extra: Record<string, unknown> = {}) => ({ intent: 'create_event' as const, range: { start, end }, event: expect.objectContaining(extra) });
const avail = (start: string, end: string, minutes = 30) => ({ intent: 'show_availability' as const, range: { start, end }, durationMinutes: minutes });
const list = (start: string, end: string, extra: Record<string, unknown> = {}) => ({ intent: 'list_events' as const, range: { start, end }, ...extra });
const cancel = (target: Record<string, unknown>, changes?: Record<string, unknown>) => ({ intent: 'cancel_event' as const, target: expect.objectContaining(target), ...(changes ? { changes: expect.objectContaining(changes) } : {}) });
const modify = (target: Record<string, unknown>, changes: Record<string, unknown>) => ({ intent: 'modify_event' as const, target: expect.objectContaining(target), changes: expect.objectContaining(changes) });
const day = (d: string, zoneOffset = '+01:00') => ({ start: `${d}T00:00:00${zoneOffset}` });

const rows: Row[] = [
  // Creating, with times
  ['lunch with anna@example.com tomorrow 1pm', create('2026-11-26T13:00:00+01:00', '2026-11-26T14:00:00+01:00', { title: 'Lunch with Anna', attendees: ['anna@example.com'] })],
  ['dentist friday 10:30', create('2026-11-27T10:30:00+01:00', '2026-11-27T11:30:00+01:00', { title: 'Dentist' })],
  ['schedule a call with Bob tomorrow at 3', create('2026-11-26T15:00:00+01:00', '2026-11-26T16:00:00+01:00', { people: ['Bob'] })],
  ['book a meeting at 9am tomorrow', create('2026-11-26T09:00:00+01:00', '2026-11-26T10:00:00+01:00')],
  ['coffee tomorrow at 8', create('2026-11-26T08:00:00+01:00', '2026-11-26T09:00:00+01:00', { title: 'Coffee' })],
  ['gym tomorrow at 7', create('2026-11-26T19:00:00+01:00', '2026-11-26T20:00:00+01:00', { title: 'Gym' })],
  ['call mom tomorrow at 1', create('2026-11-26T13:00:00+01:00', '2026-11-26T14:00:00+01:00')],
  ['breakfast tomorrow at 7am', create('2026-11-26T07:00:00+01:00', '2026-11-26T08:00:00+01:00')],
  ['review at 12 tomorrow', create('2026-11-26T12:00:00+01:00', '2026-11-26T13:00:00+01:00')],
  ['sync at 4pm', create('2026-11-25T16:00:00+01:00', '2026-11-25T17:00:00+01:00', { title: 'Sync' })],
  ['standup at 9', create('2026-11-26T09:00:00+01:00', '2026-11-26T10:00:00+01:00')],
  ['tonight at 8 dinner at Café Linde', create('2026-11-25T20:00:00+01:00', '2026-11-25T21:00:00+01:00', { title: 'Dinner', location: 'Café Linde' })],
  ['in 2 hours call mom', create('2026-11-25T12:00:00+01:00', '2026-11-25T13:00:00+01:00', { title: 'Call mom' })],
  ['pick up kids in 30 minutes', create('2026-11-25T10:30:00+01:00', '2026-11-25T11:30:00+01:00')],
  ['14:00-15:30 design review', create('2026-11-25T14:00:00+01:00', '2026-11-25T15:30:00+01:00', { title: 'Design review' })],
  // Said on a Friday, "friday" is next week's, and the end of the range goes with it (fast-check found it ending days before its start).
  ['lunch friday 14:00-15:30', create('2026-12-04T14:00:00+01:00', '2026-12-04T15:30:00+01:00', { title: 'Lunch' }), { now: '2026-11-27T09:00:00+01:00' }],
  ['offsite friday to sunday', { intent: 'create_event', event: expect.objectContaining({ allDay: true, startDate: '2026-12-04', endDate: '2026-12-07' }) }, { now: '2026-11-27T09:00:00+01:00' }],
  ['4:15pm to 5pm sync with Carla', create('2026-11-25T16:15:00+01:00', '2026-11-25T17:00:00+01:00', { people: ['Carla'] })],
  ['workshop tomorrow from 10 to 12', create('2026-11-26T10:00:00+01:00', '2026-11-26T12:00:00+01:00')],
  ['planning tomorrow 9am for 2 hours', create('2026-11-26T09:00:00+01:00', '2026-11-26T11:00:00+01:00')],
  ['haircut friday at 5pm for 30 minutes', create('2026-11-27T17:00:00+01:00', '2026-11-27T17:30:00+01:00', { title: 'Haircut' })],
  ['1:1 with dana@example.com next monday at 11', create('2026-11-30T11:00:00+01:00', '2026-11-30T12:00:00+01:00', { attendees: ['dana@example.com'] })],
  // Weekdays: bare = next one after today, "this" = this week, "next" = next week
  ['team lunch friday at noon', create('2026-11-27T12:00:00+01:00', '2026-11-27T13:00:00+01:00')],
  ['team lunch this friday at noon', create('2026-11-27T12:00:00+01:00', '2026-11-27T13:00:00+01:00')],
  ['team lunch next friday at noon', create('2026-12-04T12:00:00+01:00', '2026-12-04T13:00:00+01:00')],
  ['retro wednesday at 3pm', create('2026-12-02T15:00:00+01:00', '2026-12-02T16:00:00+01:00')],
  ['retro next wednesday at 3pm', create('2026-12-02T15:00:00+01:00', '2026-12-02T16:00:00+01:00')],
  ['retro this wednesday at 3pm', create('2026-11-25T15:00:00+01:00', '2026-11-25T16:00:00+01:00')],
  ['call monday at 10', create('2026-11-30T10:00:00+01:00', '2026-11-30T11:00:00+01:00')],
  ['call this monday at 10', create('2026-11-23T10:00:00+01:00', '2026-11-23T11:00:00+01:00')],
  ['date night saturday at 7pm', create('2026-11-28T19:00:00+01:00', '2026-11-28T20:00:00+01:00')],
  ['brunch next sunday at 11', create('2026-12-06T11:00:00+01:00', '2026-12-06T12:00:00+01:00')],
  // Dates
  ['dentist on december 3 at 9:15', create('2026-12-03T09:15:00+01:00', '2026-12-03T10:15:00+01:00')],
  ['flight on Jan 5 at 6am', create('2027-01-05T06:00:00+01:00', '2027-01-05T07:00:00+01:00')],
  ['call on 12/10 at 2pm', create('2026-12-10T14:00:00+01:00', '2026-12-10T15:00:00+01:00')],
  // All-day spans and open times
  ['team offsite Dec 8 to Dec 10', allDay('2026-12-08', '2026-12-11', { title: 'Team offsite' })],
  ['vacation from december 21 to january 2', allDay('2026-12-21', '2027-01-03')],
  ['conference all day tomorrow', allDay('2026-11-26', '2026-11-27')],
  ['dentist friday', open('2026-11-27T00:00:00+01:00', '2026-11-28T00:00:00+01:00', { title: 'Dentist' })],
  ['coffee with ben sometime thursday afternoon', open('2026-11-26T12:00:00+01:00', '2026-11-26T17:00:00+01:00')],
  ['run tomorrow morning', open('2026-11-26T08:00:00+01:00', '2026-11-26T12:00:00+01:00')],
  ['drinks friday evening', open('2026-11-27T17:00:00+01:00', '2026-11-27T21:00:00+01:00')],
  // Explicit zones convert into the user's zone (DST-correct through IANA names)
  ['call with Bob next friday at 9am PST', create('2026-12-04T18:00:00+01:00', '2026-12-04T19:00:00+01:00')],
  ['meeting at 9am ET on June 10', create('2027-06-10T15:00:00+02:00', '2027-06-10T16:00:00+02:00')],
  ['meeting at 9am ET on December 10', create('2026-12-10T15:00:00+01:00', '2026-12-10T16:00:00+01:00')],
  ['call with the Tokyo office tomorrow at 9am Tokyo time', create('2026-11-26T01:00:00+01:00', '2026-11-26T02:00:00+01:00')],
  ['sync tomorrow at 5pm UTC', create('2026-11-26T18:00:00+01:00', '2026-11-26T19:00:00+01:00')],
  // Recurrence
  ['standup every weekday at 9:30', create('2026-11-26T09:30:00+01:00', '2026-11-26T10:30:00+01:00', { recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'] })],
  ['1:1 every other wednesday at 10', create('2026-12-02T10:00:00+01:00', '2026-12-02T11:00:00+01:00', { recurrence: ['RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=WE'] })],
  ['board meeting first monday of january at 10', create('2027-01-04T10:00:00+01:00', '2027-01-04T11:00:00+01:00', { recurrence: ['RRULE:FREQ=YEARLY;BYMONTH=1;BYDAY=1MO'] })],
  ['pay rent the 1st of every month at 9', create('2026-12-01T09:00:00+01:00', '2026-12-01T10:00:00+01:00', { recurrence: ['RRULE:FREQ=MONTHLY;BYMONTHDAY=1'] })],
  ['yoga every tuesday and thursday at 7', create('2026-11-26T19:00:00+01:00', '2026-11-26T20:00:00+01:00', { recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=TU,TH'] })],
  ['water plants every day at 8am', create('2026-11-26T08:00:00+01:00', '2026-11-26T09:00:00+01:00', { recurrence: ['RRULE:FREQ=DAILY'] })],
  ['team sync every monday at 11', create('2026-11-30T11:00:00+01:00', '2026-11-30T12:00:00+01:00', { recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO'] })],
  ['review the second tuesday of every month at 2pm', create('2026-12-08T14:00:00+01:00', '2026-12-08T15:00:00+01:00', { recurrence: ['RRULE:FREQ=MONTHLY;BYDAY=2TU'] })],
  // DST: Berlin leaves summer time on 2026-10-25 and enters it on 2027-03-28
  ['call on march 28 at 9', create('2027-03-28T09:00:00+02:00', '2027-03-28T10:00:00+02:00'), { now: '2027-03-20T12:00:00+01:00' }],
  ['call on march 27 at 9', create('2027-03-27T09:00:00+01:00', '2027-03-27T10:00:00+01:00'), { now: '2027-03-20T12:00:00+01:00' }],
  ['night shift tomorrow 11pm to 1am', create('2027-03-27T23:00:00+01:00', '2027-03-28T01:00:00+01:00'), { now: '2027-03-26T12:00:00+01:00' }],
  ['early call sunday at 3:30am', create('2027-03-28T03:30:00+02:00', '2027-03-28T04:30:00+02:00'), { now: '2027-03-26T12:00:00+01:00' }],
  ['in 2 hours check the oven', create('2027-03-28T04:30:00+02:00', '2027-03-28T05:30:00+02:00'), { now: '2027-03-28T01:30:00+01:00' }],
  ['run at 7am tomorrow', create('2026-10-25T07:00:00+01:00', '2026-10-25T08:00:00+01:00'), { now: '2026-10-24T20:00:00+02:00' }],
  ['meeting tomorrow at 10', create('2026-11-02T10:00:00-05:00', '2026-11-02T11:00:00-05:00'), { now: '2026-11-01T00:30:00-04:00', tz: 'America/New_York' }],
  ['lunch tomorrow at noon', create('2026-11-26T12:00:00+09:00', '2026-11-26T13:00:00+09:00'), { tz: 'Asia/Tokyo', now: '2026-11-25T10:00:00+09:00' }],
  // Availability: default 30 minutes; parts of the day; weeks from Monday
  ['when am I free Thursday afternoon?', avail('2026-11-26T12:00:00+01:00', '2026-11-26T17:00:00+01:00')],
  ['am i free tomorrow morning', avail('2026-11-26T08:00:00+01:00', '2026-11-26T12:00:00+01:00')],
  ['when am i free tonight', avail('2026-11-25T18:00:00+01:00', '2026-11-25T23:00:00+01:00')],
  ['any free time on friday', avail('2026-11-27T00:00:00+01:00', '2026-11-28T00:00:00+01:00')],
  ['find 30 minutes with bob this week', avail('2026-11-25T10:00:00+01:00', '2026-11-30T00:00:00+01:00', 30)],
  ['find an hour next week', avail('2026-11-30T00:00:00+01:00', '2026-12-07T00:00:00+01:00', 60)],
  ['when am I free for 2 hours next week', avail('2026-11-30T00:00:00+01:00', '2026-12-07T00:00:00+01:00', 120)],
  ['when am i free', avail('2026-11-25T10:00:00+01:00', '2026-12-02T10:00:00+01:00')],
  ['am i available monday evening', avail('2026-11-30T17:00:00+01:00', '2026-11-30T21:00:00+01:00')],
  // Listing
  ["what's on my calendar tomorrow", list('2026-11-26T00:00:00+01:00', '2026-11-27T00:00:00+01:00')],
  ['what do i have today', list('2026-11-25T00:00:00+01:00', '2026-11-26T00:00:00+01:00')],
  ['show me my meetings on friday', list('2026-11-27T00:00:00+01:00', '2026-11-28T00:00:00+01:00')],
  ['what is on next week', list('2026-11-30T00:00:00+01:00', '2026-12-07T00:00:00+01:00')],
  ['when is my dentist appointment', list('2026-11-25T00:00:00+01:00', '2026-11-26T00:00:00+01:00', { query: 'dentist appointment' })],
  ['do i have anything this afternoon', list('2026-11-25T12:00:00+01:00', '2026-11-25T17:00:00+01:00')],
  // Cancelling
  ['cancel standup tomorrow', cancel({ query: 'standup', range: { start: '2026-11-26T00:00:00+01:00', end: '2026-11-27T00:00:00+01:00' } })],
  ["skip tomorrow's standup", cancel({ query: 'standup', range: { start: '2026-11-26T00:00:00+01:00', end: '2026-11-27T00:00:00+01:00' } }, { scope: 'instance' })],
  ['cancel all future standups', cancel({ query: 'standups' }, { scope: 'following' })],
  ['delete my 3pm', cancel({ start: '2026-11-25T15:00:00+01:00' })],
  ['cancel my meetings next week', cancel({ query: 'meetings', range: { start: '2026-11-30T00:00:00+01:00', end: '2026-12-07T00:00:00+01:00' } })],
  ['cancel the dentist on friday', cancel({ query: 'dentist', range: { start: '2026-11-27T00:00:00+01:00', end: '2026-11-28T00:00:00+01:00' } })],
  ['remove lunch with anna', cancel({ query: 'lunch with anna' })],
  ['call off the meeting at 4 today', cancel({ query: 'meeting' })],
  ['cancel every standup', cancel({ query: 'standup' }, { scope: 'series' })],
  ['cancel the 1:1 on monday, just this one', cancel({ range: { start: '2026-11-30T00:00:00+01:00', end: '2026-12-01T00:00:00+01:00' } }, { scope: 'instance' })],
  // Changing
  ['move my 3pm to Friday', modify({ start: '2026-11-25T15:00:00+01:00' }, { date: '2026-11-27', start: '2026-11-27T15:00:00+01:00' })],
  ['move it to 2', modify({}, { time: '14:00' })],
  ['move my 3pm tomorrow to 4:30pm', modify({ start: '2026-11-26T15:00:00+01:00' }, { start: '2026-11-26T16:30:00+01:00' })],
  ['reschedule the dentist to next tuesday at 9', modify({ query: 'dentist' }, { start: '2026-12-01T09:00:00+01:00' })],
  ['push my 4pm back 30 minutes', modify({ start: '2026-11-25T16:00:00+01:00' }, { shiftMinutes: 30 })],
  ['push the standup back by an hour', modify({ query: 'standup' }, { shiftMinutes: 60 })],
  ['bring the review forward 15 minutes', modify({ query: 'review' }, { shiftMinutes: -15 })],
  ['move lunch with anna to 1:30', modify({ query: 'lunch with anna' }, { time: '13:30' })],
  ['add bob@example.com to the kickoff', modify({ query: 'kickoff' }, { addAttendees: ['bob@example.com'] })],
  ['make the planning meeting 90 minutes', modify({ query: 'planning meeting' }, { durationMinutes: 90 })],
  ['move all future standups to 10am', modify({ query: 'standups' }, { scope: 'following', time: '10:00' })],
  ['rename the kickoff to Project start', modify({}, { title: 'Project start' })],
];

// The companion parses with the intent model (chat-service.ts): our conventions must hold with it as without it.
const model = defaultModel();
describe.each(rows)('%s', (text, expected, options) => {
  it.each([
    ['rules only', undefined],
    ['rules + model', model],
  ])('parses as labelled (%s)', (_how, m) => {
    const intent = parseCommand(text, { now: options?.now ?? NOW, timeZone: options?.tz ?? BERLIN, ...(m ? { model: m } : {}) });
    expect(intent).toMatchObject(expected);
    expect(intent.language).toBe('en');
  });
});

describe('defaults', () => {
  it('gives events 60 minutes and availability 30', () => {
    expect(parseCommand('gym tomorrow at 6pm', { now: NOW, timeZone: BERLIN }).durationMinutes).toBe(60);
    expect(parseCommand('when am i free tomorrow', { now: NOW, timeZone: BERLIN }).durationMinutes).toBe(30);
  });

  it('ties every filled slot to the words it came from', () => {
    const text = 'lunch with anna@example.com tomorrow 1pm';
    const intent = parseCommand(text, { now: NOW, timeZone: BERLIN });
    for (const e of intent.evidence) expect(text.slice(e.start, e.end).toLowerCase()).toBe(e.text.toLowerCase());
    expect(intent.evidence.map((e) => e.role)).toEqual(expect.arrayContaining(['attendee', 'start', 'title']));
  });

  it('refuses an unknown time zone with a RangeError', () => {
    expect(() => parseCommand('lunch tomorrow', { now: NOW, timeZone: 'Mars/Olympus' })).toThrow(RangeError);
  });
});

export const ENGLISH_ROWS = rows.length;
void day;
