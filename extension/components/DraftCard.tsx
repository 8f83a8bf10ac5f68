import { useState } from 'react';
import type { EventCandidate } from '../../shared/extraction/event-candidate.ts';
import { t } from '../lib/i18n.ts';
import { formatRange } from './format.ts';

interface Props {
  candidates: EventCandidate[];
  timeZone: string;
  state: 'idle' | 'queued' | 'done' | 'failed';
  onConfirm: (index: number) => void;
  onDismiss: () => void;
}

/** What "Schedule this" found on the page, best first, for the user to confirm. */
export function DraftCard({ candidates, timeZone, state, onConfirm, onDismiss }: Props) {
  const [chosen, setChosen] = useState(0);
  return (
    <section className="card draft" aria-label={t('eventFound')}>
      <p className="card-text">{t('foundOnPage')}</p>
      <fieldset className="options" disabled={state !== 'idle'}>
        <legend className="sr-only">{t('eventsFound')}</legend>
        {candidates.slice(0, 5).map((c, i) => (
          <label key={i} className={`option${chosen === i ? ' chosen' : ''}`}>
            {candidates.length > 1 && <input type="radio" name="draft" checked={chosen === i} onChange={() => setChosen(i)} />}
            <span className="option-body">
              <strong>{c.title}</strong>
              <span className="when">{formatRange(c, timeZone)}</span>
              {c.location && <span className="where">{c.location}</span>}
            </span>
          </label>
        ))}
      </fieldset>
      {state === 'idle' && (
        <div className="actions">
          <button type="button" className="primary" onClick={() => onConfirm(chosen)} disabled={!candidates[chosen]?.start && !candidates[chosen]?.startDate}>
            {t('addToCalendar')}
          </button>
          <button type="button" onClick={onDismiss}>
            {t('dismiss')}
          </button>
        </div>
      )}
      {state === 'queued' && <p className="pending" role="status">{t('waiting')}</p>}
      {state === 'done' && <p role="status">{t('added')}</p>}
      {state === 'failed' && <p role="alert">{t('refused')}</p>}
    </section>
  );
}
