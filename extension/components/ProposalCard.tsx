import { useState } from 'react';
import type { ChatReply, EventPreview } from '../../shared/schemas/chat.ts';
import { EditEventForm } from './EditEventForm.tsx';
import { t } from '../lib/i18n.ts';
import { formatRange } from './format.ts';

interface Props {
  reply: ChatReply;
  settled?: 'confirmed' | 'dismissed' | 'queued';
  timeZone: string;
  onConfirm: (optionId: string) => void;
  onCancel: () => void;
  /** Creates the event as edited instead of as proposed (offered for new events only). */
  onEdit?: (event: EventPreview) => void;
}

/** A proposal: what will be written, the choices (slots, events, which occurrences), Confirm / Cancel. */
export function ProposalCard({ reply, settled, timeZone, onConfirm, onCancel, onEdit }: Props) {
  const proposal = reply.proposal!;
  const [chosen, setChosen] = useState(proposal.options[0]?.id ?? '0');
  const [editing, setEditing] = useState(false);
  const option = proposal.options.find((o) => o.id === chosen);
  if (editing && option && onEdit) {
    return (
      <section className="card" aria-label={t('proposal')}>
        <EditEventForm event={option.event} timeZone={timeZone} onSave={(e) => { setEditing(false); onEdit(e); }} onCancel={() => setEditing(false)} />
      </section>
    );
  }
  const many = proposal.options.length > 1;
  return (
    <section className="card" aria-label={t('proposal')}>
      <p className="card-text">{reply.reply}</p>
      <fieldset className="options" disabled={Boolean(settled)}>
        <legend className="sr-only">{t('options')}</legend>
        {proposal.options.map((o) => (
          <label key={o.id} className={`option${chosen === o.id ? ' chosen' : ''}`}>
            {many && <input type="radio" name={`p-${proposal.id}`} value={o.id} checked={chosen === o.id} onChange={() => setChosen(o.id)} />}
            <span className="option-body">
              <strong>{o.event.title}</strong>
              <span className="when">{formatRange(o.event, timeZone)}</span>
              {o.event.location && <span className="where">{o.event.location}</span>}
              {o.event.attendees.length > 0 && <span className="who">{o.event.attendees.join(', ')}</span>}
              {many && proposal.kind === 'choose_scope' && <span className="label">{o.label}</span>}
            </span>
          </label>
        ))}
      </fieldset>
      {!settled && (
        <div className="actions">
          <button type="button" className="primary" onClick={() => onConfirm(chosen)}>
            {t('confirm')}
          </button>
          {onEdit && option?.action === 'create' && (
            <button type="button" onClick={() => setEditing(true)}>
              {t('edit')}
            </button>
          )}
          <button type="button" onClick={onCancel}>
            {t('cancel')}
          </button>
        </div>
      )}
      {settled === 'queued' && <p className="pending" role="status">{t('waiting')}</p>}
    </section>
  );
}
