import { useState } from 'react';
import type { EventCandidate } from '../../shared/extraction/event-candidate.ts';
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
    <section className="card draft" aria-label="Event found on the page">
      <p className="card-text">Found on the page:</p>
      <fieldset className="options" disabled={state !== 'idle'}>
        <legend className="sr-only">Events found</legend>
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
            Add to calendar
          </button>
          <button type="button" onClick={onDismiss}>
            Dismiss
          </button>
        </div>
      )}
      {state === 'queued' && <p className="pending" role="status">Waiting to reach the companion…</p>}
      {state === 'done' && <p role="status">Added.</p>}
      {state === 'failed' && <p role="alert">The companion refused this event.</p>}
    </section>
  );
}
