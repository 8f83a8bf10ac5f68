/**
 * How fast the emulator answers the calls sync and the side panel make, at a
 * size a heavy user has: 10,000 single events and 50 recurring series. Prints figures.
 */
import { performance } from 'node:perf_hooks';
import { calendarClientFor, signIn, startEmulator } from '../support/google-emulator.ts';

const emulator = await startEmulator();
const auth = await signIn(emulator, 'bench@example.com');
const cal = calendarClientFor(emulator, auth);
const account = emulator.ctx.store.accountByEmail('bench@example.com')!;

let t = performance.now();
for (let i = 0; i < 10_000; i++) {
  const start = Date.UTC(2027, 0, 1) + i * 3_600_000 * 5;
  emulator.ctx.calendars.insert(account, 'primary', {
    summary: `Event ${i}`,
    start: { dateTime: new Date(start).toISOString() },
    end: { dateTime: new Date(start + 1_800_000).toISOString() },
  });
}
for (let i = 0; i < 50; i++) {
  emulator.ctx.calendars.insert(account, 'primary', {
    summary: `Series ${i}`,
    start: { dateTime: '2027-01-04T09:00:00', timeZone: 'Europe/Berlin' },
    end: { dateTime: '2027-01-04T09:30:00', timeZone: 'Europe/Berlin' },
    recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR'],
  });
}
console.log(`seed 10,050 events in-process: ${(performance.now() - t).toFixed(0)} ms`);

t = performance.now();
let pages = 0;
let items = 0;
let pageToken: string | undefined;
let syncToken = '';
const ids: string[] = [];
do {
  const res = await cal.events.list({ calendarId: 'primary', maxResults: 2500, ...(pageToken ? { pageToken } : {}) });
  pages++;
  items += res.data.items?.length ?? 0;
  ids.push(...(res.data.items ?? []).map((e) => e.id!));
  pageToken = res.data.nextPageToken ?? undefined;
  syncToken = res.data.nextSyncToken ?? syncToken;
} while (pageToken);
console.log(`full sync over HTTP: ${items} items in ${pages} pages, ${(performance.now() - t).toFixed(0)} ms`);

for (let i = 0; i < 10; i++) {
  await cal.events.patch({ calendarId: 'primary', eventId: ids[i * 100]!, requestBody: { summary: `Changed ${i}` } });
}
t = performance.now();
const delta = await cal.events.list({ calendarId: 'primary', syncToken });
console.log(`delta sync of ${delta.data.items?.length} changes: ${(performance.now() - t).toFixed(1)} ms`);

const week = { timeMin: '2027-03-01T00:00:00Z', timeMax: '2027-03-08T00:00:00Z' };
const samples: number[] = [];
for (let i = 0; i < 50; i++) {
  const s = performance.now();
  await cal.events.list({ calendarId: 'primary', singleEvents: true, orderBy: 'startTime', ...week });
  samples.push(performance.now() - s);
}
samples.sort((a, b) => a - b);
console.log(`one week, singleEvents (50 series expanded): p50 ${samples[25]!.toFixed(1)} ms, p99 ${samples[49]!.toFixed(1)} ms`);
console.log(`heap used: ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)} MiB`);
await emulator.close();
