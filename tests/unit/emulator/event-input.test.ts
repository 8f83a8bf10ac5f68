import { describe, expect, it } from 'vitest';
import { mergePatch } from '../../../server/dev/google-emulator/event-input.ts';

describe('mergePatch (PATCH semantics)', () => {
  it.each([
    ['replaces scalars', { summary: 'a', location: 'x' }, { summary: 'b' }, { summary: 'b', location: 'x' }],
    ['replaces arrays whole', { attendees: [{ email: 'a@x.io' }, { email: 'b@x.io' }] }, { attendees: [{ email: 'c@x.io' }] }, { attendees: [{ email: 'c@x.io' }] }],
    ['clears a field given null', { location: 'x', summary: 's' }, { location: null }, { summary: 's' }],
    ['merges nested objects', { extendedProperties: { private: { a: '1' } } }, { extendedProperties: { shared: { b: '2' } } }, { extendedProperties: { private: { a: '1' }, shared: { b: '2' } } }],
    ['switches a timed start to all-day cleanly', { start: { dateTime: '2027-01-01T10:00:00Z', timeZone: 'UTC' } }, { start: { date: '2027-01-01' } }, { start: { date: '2027-01-01' } }],
    ['keeps the zone when only the time moves', { start: { dateTime: '2027-01-01T10:00:00', timeZone: 'Europe/Berlin' } }, { start: { dateTime: '2027-01-01T11:00:00' } }, { start: { dateTime: '2027-01-01T11:00:00', timeZone: 'Europe/Berlin' } }],
  ])('%s', (_name, target, patch, expected) => {
    expect(mergePatch(target, patch)).toEqual(expected);
  });
});
