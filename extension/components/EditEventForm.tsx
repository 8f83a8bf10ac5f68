import { DateTime } from 'luxon';
import { useState } from 'react';
import type { EventPreview } from '../../shared/schemas/chat.ts';
import { t } from '../lib/i18n.ts';

interface Props {
  event: EventPreview;
  timeZone: string;
  onSave: (event: EventPreview) => void;
  onCancel: () => void;
}

/** Edit a proposed event before it is written: title, start (in the user's zone) and length. */
export function EditEventForm({ event, timeZone, onSave, onCancel }: Props) {
  const start = event.start ? DateTime.fromISO(event.start, { zone: timeZone }) : DateTime.now().setZone(timeZone).startOf('hour').plus({ hours: 1 });
  const end = event.end ? DateTime.fromISO(event.end, { zone: timeZone }) : start.plus({ hours: 1 });
  const [title, setTitle] = useState(event.title);
  const [when, setWhen] = useState(start.toFormat("yyyy-MM-dd'T'HH:mm"));
  const [minutes, setMinutes] = useState(Math.max(5, Math.round(end.diff(start, 'minutes').minutes)));
  const save = () => {
    const s = DateTime.fromISO(when, { zone: timeZone });
    if (!s.isValid || !title.trim()) return;
    onSave({ ...event, title: title.trim(), allDay: false, start: s.toISO({ suppressMilliseconds: true })!, end: s.plus({ minutes }).toISO({ suppressMilliseconds: true })! });
  };
  return (
    <form
      className="edit"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <label>
        {t('editTitle')}
        <input value={title} onChange={(e) => setTitle(e.target.value)} required />
      </label>
      <div className="row">
        <label>
          {t('editStart')}
          <input type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} required />
        </label>
        <label>
          {t('editMinutes')}
          <input type="number" min={5} max={1440} value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} />
        </label>
      </div>
      <div className="actions">
        <button type="submit" className="primary">
          {t('confirm')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
