import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Agenda } from '../../../extension/components/Agenda.tsx';
import { ConnectScreen } from '../../../extension/components/ConnectScreen.tsx';
import { DraftCard } from '../../../extension/components/DraftCard.tsx';
import { ProposalCard } from '../../../extension/components/ProposalCard.tsx';
import { QueuedWrites } from '../../../extension/components/QueuedWrites.tsx';
import type { CalendarEvent } from '../../../shared/schemas/calendar-event.ts';
import type { ChatReply } from '../../../shared/schemas/chat.ts';

const preview = (start: string, end: string) => ({ calendarId: 'primary', title: 'Coffee with Ben', start, end, allDay: false, timeZone: 'Europe/Berlin', attendees: ['ben@example.com'], location: 'Café Linde', recurrence: [] });
const reply = (options: NonNullable<ChatReply['proposal']>['options'], kind: 'confirm' | 'choose_scope' = 'confirm'): ChatReply => ({
  reply: 'Here are free times.',
  language: 'en',
  proposal: { id: 'p1', kind, options, expiresAt: '2026-11-26T10:00:00Z' },
});
const noop = () => undefined;

describe('ProposalCard', () => {
  it('shows the event in the user zone with guests and place, and Confirm / Cancel', () => {
    const html = renderToStaticMarkup(<ProposalCard reply={reply([{ id: '0', label: 'x', action: 'create', event: preview('2026-11-26T13:00:00+01:00', '2026-11-26T14:00:00+01:00') }])} timeZone="Europe/Berlin" onConfirm={noop} onCancel={noop} />);
    expect(html).toContain('Coffee with Ben');
    expect(html).toMatch(/01:00|13:00/);
    expect(html).toContain('ben@example.com');
    expect(html).toContain('Café Linde');
    expect(html).toContain('>Confirm<');
    expect(html).toContain('>Cancel<');
    expect(html).not.toContain('type="radio"');
  });

  it('offers one radio per slot when there are several', () => {
    const options = [0, 1, 2].map((i) => ({ id: String(i), label: `slot ${i}`, action: 'create' as const, event: preview(`2026-11-26T1${3 + i}:00:00+01:00`, `2026-11-26T1${4 + i}:00:00+01:00`) }));
    const html = renderToStaticMarkup(<ProposalCard reply={reply(options)} timeZone="Europe/Berlin" onConfirm={noop} onCancel={noop} />);
    expect(html.match(/type="radio"/g)).toHaveLength(3);
  });

  it('names the occurrences to change for a recurring event', () => {
    const options = ['This event', 'This and following events', 'All events'].map((label, i) => ({ id: String(i), label, action: 'modify' as const, event: preview('2026-11-26T09:30:00+01:00', '2026-11-26T09:45:00+01:00') }));
    const html = renderToStaticMarkup(<ProposalCard reply={reply(options, 'choose_scope')} timeZone="Europe/Berlin" onConfirm={noop} onCancel={noop} />);
    for (const label of ['This event', 'This and following events', 'All events']) expect(html).toContain(label);
  });

  it('hides the buttons once settled and says when a write is waiting', () => {
    const html = renderToStaticMarkup(<ProposalCard reply={reply([{ id: '0', label: 'x', action: 'create', event: preview('2026-11-26T13:00:00+01:00', '2026-11-26T14:00:00+01:00') }])} settled="queued" timeZone="Europe/Berlin" onConfirm={noop} onCancel={noop} />);
    expect(html).not.toContain('>Confirm<');
    expect(html).toContain('Waiting to reach the companion');
  });
});

describe('DraftCard and Agenda', () => {
  it('lists what the page offered, and disables adding a candidate without a time', () => {
    const html = renderToStaticMarkup(<DraftCard candidates={[{ title: 'Talk', allDay: false, source: 'text', confidence: 0.4 } as never]} timeZone="UTC" state="idle" onConfirm={noop} onDismiss={noop} />);
    expect(html).toContain('Talk');
    expect(html).toMatch(/<button[^>]*disabled[^>]*>Add to calendar/);
  });

  it('groups events by day, all-day ones marked', () => {
    const events: CalendarEvent[] = [
      { id: 'a', calendarId: 'primary', status: 'confirmed', title: 'Offsite', start: '2026-11-30T00:00:00+01:00', end: '2026-12-02T00:00:00+01:00', allDay: true, startDate: '2026-11-30', endDate: '2026-12-02', attendees: [], transparency: 'opaque', etag: '', updated: '' },
      { id: 'b', calendarId: 'primary', status: 'confirmed', title: 'Standup', start: '2026-11-30T09:30:00+01:00', end: '2026-11-30T09:45:00+01:00', allDay: false, attendees: [], transparency: 'opaque', etag: '', updated: '' },
    ];
    const html = renderToStaticMarkup(<Agenda events={events} timeZone="Europe/Berlin" />);
    expect(html.match(/<h3>/g)).toHaveLength(1);
    expect(html).toContain('All day');
    expect(html).toContain('Standup');
  });

  it('asks to reconnect when Google refused the connection', () => {
    expect(renderToStaticMarkup(<ConnectScreen reason="reconnect_required" busy={false} error={null} onConnect={noop} />)).toContain('>Reconnect<');
  });
});

describe('the side panel views', () => {
  const ev = (id: string, day: number, title: string): CalendarEvent => ({ id, calendarId: 'primary', status: 'confirmed', title, start: `2026-11-${day}T10:00:00+01:00`, end: `2026-11-${day}T11:00:00+01:00`, allDay: false, attendees: [], transparency: 'opaque', etag: '', updated: '' });
  const calendars = [{ id: 'demo@example.com', summary: 'Me', primary: true, accessRole: 'owner', backgroundColor: '#9fe1e7' }, { id: 'fam', summary: 'Family', primary: false, accessRole: 'owner', backgroundColor: '#7bd148' }];

  it('puts each event under its day in the week', async () => {
    const { WeekView } = await import('../../../extension/components/CalendarViews.tsx');
    const days = Array.from({ length: 7 }, (_, i) => new Date(2026, 10, 23 + i, 12));
    const html = renderToStaticMarkup(<WeekView days={days} events={[ev('a', 24, 'Tuesday thing'), ev('b', 27, 'Friday thing')]} calendars={calendars} timeZone="Europe/Berlin" />);
    const sections = html.split('<section');
    expect(sections[2]).toContain('Tuesday thing');
    expect(sections[5]).toContain('Friday thing');
  });

  it('shows two events a day in the month and counts the rest', async () => {
    const { MonthView } = await import('../../../extension/components/CalendarViews.tsx');
    const weeks = [Array.from({ length: 7 }, (_, i) => new Date(2026, 10, 23 + i, 12))];
    const html = renderToStaticMarkup(<MonthView weeks={weeks} month={10} events={[ev('a', 24, 'One'), ev('b', 24, 'Two'), ev('c', 24, 'Three')]} timeZone="Europe/Berlin" />);
    expect(html).toContain('+1');
    expect(html).not.toContain('Three');
  });

  it('renders only the visible rows of a long list', async () => {
    const { EventList } = await import('../../../extension/components/CalendarViews.tsx');
    const many = Array.from({ length: 5000 }, (_, i) => ev(`e${i}`, 10 + (i % 18), `Event ${i}`));
    const html = renderToStaticMarkup(<EventList events={many} calendars={calendars} timeZone="Europe/Berlin" />);
    expect(html.match(/role="listitem"/g)!.length).toBeLessThan(40);
    expect(html).toContain('height:180000px');
  });

  it('offers a coloured checkbox per calendar', async () => {
    const { CalendarFilter } = await import('../../../extension/components/CalendarViews.tsx');
    const html = renderToStaticMarkup(<CalendarFilter calendars={calendars} selected={['demo@example.com']} onToggle={noop} />);
    expect(html.match(/type="checkbox"/g)).toHaveLength(2);
    expect(html).toContain('background:#7bd148');
  });
});

describe('QueuedWrites', () => {
  const write = (status: 'pending' | 'dead', label: string) => ({ id: `${status}-1`, proposalId: 'p1', label, status, attempts: 3, createdAt: '2026-11-26T10:00:00Z', ...(status === 'pending' ? { nextAttemptAt: '2026-11-26T10:01:00Z' } : { lastError: 'upstream_unavailable' }) });

  it('shows nothing when no write waits', () => {
    expect(renderToStaticMarkup(<QueuedWrites writes={[]} onRetry={noop} onDismiss={noop} />)).toBe('');
  });

  it('says a write is still being tried (Cancel), and offers Try again / Dismiss for one given up on', () => {
    const html = renderToStaticMarkup(<QueuedWrites writes={[write('pending', 'Lunch, Thu 13:00'), write('dead', 'Dentist, Fri 10:30')]} onRetry={noop} onDismiss={noop} />);
    expect(html).toContain('Lunch, Thu 13:00');
    expect(html).toContain('Dentist, Fri 10:30');
    expect(html.match(/<button/g)?.map(() => 'b')).toHaveLength(3);
    expect(html).toMatch(/Lunch, Thu 13:00.*>Cancel<.*Dentist, Fri 10:30.*>Try again<.*>Dismiss</);
    expect(html).toMatch(/role="alert"[^>]*>Not saved: Dentist/);
  });
});
