/**
 * How long `freeSlots` takes for the windows the side panel asks about (1 to 16
 * weeks) against calendars from quiet to packed (10 to 1000 busy intervals).
 * The "per (busy + days)" column and the marginal costs printed under the
 * table show whether the cost grows linearly with either input. Prints figures.
 */
import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import { freeSlots, type FreeSlotsInput, type Interval } from '../../shared/availability/free-slots.ts';
import { seededRandom } from '../../shared/random/seeded-random.ts';

const ZONE = 'Europe/Berlin';
const MINUTE = 60_000;
const QUARTER = 15 * MINUTE;
// Long enough per case for timer resolution and GC pauses to wash out.
const TARGET_MS = 300;

/** Meetings of 15 minutes to 3 hours on the quarter hour, anywhere in the window (nights and weekends too, as real calendars have). */
function randomBusy(count: number, from: number, to: number, random: () => number): Interval[] {
  const quarters = Math.floor((to - from) / QUARTER);
  return Array.from({ length: count }, () => {
    const start = from + Math.floor(random() * quarters) * QUARTER;
    return { start, end: start + (1 + Math.floor(random() * 12)) * QUARTER };
  });
}

function timePerCall(input: FreeSlotsInput): { microseconds: number; slots: number } {
  let slots = 0;
  for (let i = 0; i < 20; i++) slots = freeSlots(input).length; // warm-up, lets the JIT settle
  let calls = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < TARGET_MS) {
    for (let i = 0; i < 10; i++) slots = freeSlots(input).length;
    calls += 10;
    elapsed = performance.now() - started;
  }
  return { microseconds: (elapsed * 1000) / calls, slots };
}

const from = DateTime.fromISO('2027-01-04T00:00', { zone: ZONE }); // a Monday
const rows: Array<Record<string, number>> = [];
for (const weeks of [1, 4, 16]) {
  const to = from.plus({ weeks });
  const days = weeks * 7;
  for (const busyCount of [10, 100, 1000]) {
    const random = seededRandom(weeks * 10_000 + busyCount);
    const input: FreeSlotsInput = {
      from: from.toMillis(),
      to: to.toMillis(),
      busy: randomBusy(busyCount, from.toMillis(), to.toMillis(), random),
      durationMinutes: 30,
      timeZone: ZONE,
      workingHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
    };
    const { microseconds, slots } = timePerCall(input);
    rows.push({
      weeks,
      busy: busyCount,
      days,
      'free slots': slots,
      'µs per call': Number(microseconds.toFixed(1)),
      'ns per (busy + days)': Math.round((microseconds * 1000) / (busyCount + days)),
    });
  }
}
console.log(`freeSlots, ${ZONE} 09:00-17:00 Mon-Fri, 30-minute meetings, about ${TARGET_MS} ms per case`);
console.table(rows);

// The two inputs cost very different amounts (a day means luxon building two
// zoned instants; a busy interval a comparison or two), so also print each
// one's marginal cost: if growth is linear these hold across the table.
const micros = (weeks: number, busy: number) => rows.find((r) => r.weeks === weeks && r.busy === busy)!['µs per call']!;
const perDay = (micros(16, 10) - micros(1, 10)) / (16 * 7 - 7);
const perBusy = (micros(16, 1000) - micros(16, 10)) / (1000 - 10);
console.log(`marginal cost: ${perDay.toFixed(1)} µs per extra day (1 -> 16 weeks, 10 busy), ${perBusy.toFixed(2)} µs per extra busy interval (10 -> 1000 busy, 16 weeks)`);
