import type { CalendarEvent } from '../../shared/schemas/calendar-event.ts';
import { t } from '../lib/i18n.ts';
import { formatTimes } from './format.ts';

interface Props {
  events: CalendarEvent[];
  timeZone: string;
}

/** The coming days, grouped by day in the user's zone. */
export function Agenda({ events, timeZone }: Props) {
  const days = new Map<string, CalendarEvent[]>();
  for (const e of events) {
    const key = new Date(e.allDay && e.startDate ? `${e.startDate}T12:00:00Z` : e.start).toLocaleDateString(undefined, { weekday: 'long', day: 'numeric', month: 'long', timeZone: e.allDay ? 'UTC' : timeZone });
    days.set(key, [...(days.get(key) ?? []), e]);
  }
  if (events.length === 0) return <p className="empty">{t('nothingScheduled')}</p>;
  return (
    <div className="agenda" aria-label={t('agenda')}>
      {[...days].map(([day, list]) => (
        <section key={day}>
          <h3>{day}</h3>
          <ul>
            {list.map((e) => (
              <li key={`${e.calendarId}/${e.id}`} className="agenda-item">
                <span className="when">{formatTimes(e, timeZone)}</span> <strong>{e.title}</strong>
                {e.location && <span className="where"> · {e.location}</span>}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
