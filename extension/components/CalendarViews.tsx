import type { CalendarEvent, CalendarSummary } from '../../shared/schemas/calendar-event.ts';
import { t } from '../lib/i18n.ts';
import { formatTimes } from './format.ts';
import { VirtualList } from './VirtualList.tsx';

const dayKey = (e: CalendarEvent, timeZone: string) =>
  e.allDay && e.startDate ? e.startDate : new Date(e.start).toLocaleDateString('en-CA', { timeZone });

function colorOf(calendars: CalendarSummary[], id: string): string {
  return calendars.find((c) => c.id === id || (id === 'primary' && c.primary))?.backgroundColor ?? '#4986e7';
}

/** Seven days side by side, events in each. */
export function WeekView({ days, events, calendars, timeZone }: { days: Date[]; events: CalendarEvent[]; calendars: CalendarSummary[]; timeZone: string }) {
  return (
    <div className="week" aria-label={t('week')}>
      {days.map((d) => {
        const key = d.toLocaleDateString('en-CA', { timeZone });
        const list = events.filter((e) => dayKey(e, timeZone) === key);
        return (
          <section key={key} className="week-day">
            <h3>{d.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', timeZone })}</h3>
            <ul>
              {list.map((e) => (
                <li key={`${e.calendarId}/${e.id}`} style={{ borderLeftColor: colorOf(calendars, e.calendarId) }}>
                  <span className="when">{formatTimes(e, timeZone)}</span> {e.title}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

/** A month grid: each day with its first events and a count of the rest. */
export function MonthView({ weeks, month, events, timeZone }: { weeks: Date[][]; month: number; events: CalendarEvent[]; timeZone: string }) {
  return (
    <table className="month" aria-label={t('month')}>
      <tbody>
        {weeks.map((week, w) => (
          <tr key={w}>
            {week.map((d) => {
              const key = d.toLocaleDateString('en-CA', { timeZone });
              const list = events.filter((e) => dayKey(e, timeZone) === key);
              return (
                <td key={key} className={d.getMonth() === month ? '' : 'other-month'}>
                  <div className="month-day">{d.getDate()}</div>
                  {list.slice(0, 2).map((e) => (
                    <div key={`${e.calendarId}/${e.id}`} className="month-event">
                      {e.title}
                    </div>
                  ))}
                  {list.length > 2 && <div className="more">+{list.length - 2}</div>}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Long lists of events, virtualised. */
export function EventList({ events, calendars, timeZone }: { events: CalendarEvent[]; calendars: CalendarSummary[]; timeZone: string }) {
  return (
    <VirtualList
      items={events}
      rowHeight={36}
      height={420}
      label="Events"
      render={(e) => (
        <div className="agenda-item" style={{ borderLeft: `4px solid ${colorOf(calendars, e.calendarId)}`, paddingLeft: 6 }}>
          <span className="when">
            {new Date(e.start).toLocaleDateString(undefined, { day: 'numeric', month: 'short', timeZone })} {formatTimes(e, timeZone)}
          </span>{' '}
          <strong>{e.title}</strong>
        </div>
      )}
    />
  );
}

/** One checkbox per calendar, in its colour. */
export function CalendarFilter({ calendars, selected, onToggle }: { calendars: CalendarSummary[]; selected: string[]; onToggle: (id: string) => void }) {
  return (
    <fieldset className="filter">
      <legend>{t('calendars')}</legend>
      {calendars.map((c) => (
        <label key={c.id} className="check">
          <input type="checkbox" checked={selected.includes(c.id)} onChange={() => onToggle(c.id)} />
          <span className="swatch" style={{ background: c.backgroundColor ?? '#4986e7' }} aria-hidden="true" /> {c.summary}
        </label>
      ))}
    </fieldset>
  );
}

/** Free windows long enough for the chosen duration, in the user's zone. */
export function FreeSlotList({ free, timeZone }: { free: Array<{ start: string; end: string }>; timeZone: string }) {
  if (free.length === 0) return <p className="empty">{t('noFreeTime')}</p>;
  return (
    <ul className="free" aria-label={t('freeTime')}>
      {free.map((f) => (
        <li key={f.start}>
          {new Date(f.start).toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short', timeZone })} {formatTimes({ start: f.start, end: f.end, allDay: false }, timeZone)}
        </li>
      ))}
    </ul>
  );
}
