import { expandOccurrences } from '../../server/dev/google-emulator/recurrence.ts';
const s = { start: { dateTime: '2026-10-19T09:00:00-04:00', timeZone: 'America/New_York' }, end: { dateTime: '2026-10-19T09:30:00-04:00', timeZone: 'America/New_York' }, recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=4', 'EXDATE;TZID=America/New_York:20261026T090000'] };
console.log(expandOccurrences(s, 'UTC', Date.parse('2026-10-01'), Date.parse('2026-12-31')).map(o => [o.start.dateTime, o.idSuffix]));
const t = { start: { dateTime: '2026-10-20T09:00:00-04:00', timeZone: 'America/New_York' }, end: { dateTime: '2026-10-20T09:30:00-04:00', timeZone: 'America/New_York' }, recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20261110T000000Z'] };
console.log(expandOccurrences(t, 'UTC', Date.parse('2026-10-01'), Date.parse('2026-12-31')).map(o => [o.start.dateTime, o.idSuffix]));
const a = { start: { date: '2026-12-24' }, end: { date: '2026-12-26' }, recurrence: ['RRULE:FREQ=YEARLY'] };
console.log(expandOccurrences(a, 'UTC', Date.parse('2026-01-01'), Date.parse('2028-12-31')).map(o => [o.start.date, o.end.date, o.idSuffix]));
