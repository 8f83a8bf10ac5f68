import type { EventPreview } from '../../shared/schemas/chat.ts';
import type { ChatEntry } from '../hooks/useChat.ts';
import { t } from '../lib/i18n.ts';
import { ProposalCard } from './ProposalCard.tsx';
import { formatRange } from './format.ts';

interface Props {
  entries: ChatEntry[];
  timeZone: string;
  onConfirm: (entryId: string, proposalId: string, optionId: string) => void;
  onCancel: (entryId: string) => void;
  onUndo: (entryId: string, proposalId: string) => void;
  onEdit: (entryId: string, proposalId: string, event: EventPreview) => void;
}

/** The conversation: the user's lines, the assistant's replies and cards, results with Undo. */
export function MessageList({ entries, timeZone, onConfirm, onCancel, onUndo, onEdit }: Props) {
  return (
    <ol className="messages" aria-live="polite">
      {entries.map((e) => (
        <li key={e.id} className={`message ${e.kind}`}>
          {e.kind === 'user' && <p>{e.text}</p>}
          {e.kind === 'error' && <p role="alert">{e.code === 'offline' ? t('offline') : e.text}</p>}
          {e.kind === 'assistant' && e.reply.proposal && (
            <ProposalCard reply={e.reply} timeZone={timeZone} {...(e.settled ? { settled: e.settled } : {})} onConfirm={(o) => onConfirm(e.id, e.reply.proposal!.id, o)} onCancel={() => onCancel(e.id)} onEdit={(ev) => onEdit(e.id, e.reply.proposal!.id, ev)} />
          )}
          {e.kind === 'assistant' && !e.reply.proposal && (
            <div>
              <p>{e.reply.reply}</p>
              {e.reply.events && (
                <ul className="events">
                  {e.reply.events.map((ev) => (
                    <li key={ev.id}>
                      <strong>{ev.title}</strong> <span className="when">{formatRange(ev, timeZone)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
          {e.kind === 'result' && (
            <p className="toast" role="status">
              {e.text}{' '}
              {e.undoUntil && !e.undone && Date.parse(e.undoUntil) > Date.now() && (
                <button type="button" onClick={() => onUndo(e.id, e.proposalId)}>
                  {t('undo')}
                </button>
              )}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}
