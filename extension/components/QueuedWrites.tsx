import type { WriteRetry } from '../../shared/schemas/write-retries.ts';
import { t } from '../lib/i18n.ts';

/** The companion's side of pending changes: still being tried with Google (call off), or given up on (retry or dismiss). */
export function QueuedWrites({ writes, onRetry, onDismiss }: { writes: WriteRetry[]; onRetry: (id: string) => void; onDismiss: (id: string) => void }) {
  if (writes.length === 0) return null;
  return (
    <ul className="queued-writes" aria-label={t('queuedWrites')}>
      {writes.map((w) =>
        w.status === 'pending' ? (
          <li key={w.id} className="queued-write pending">
            <span role="status">{t('writeRetrying', w.label)}</span>
            <button type="button" className="secondary" onClick={() => onDismiss(w.id)}>
              {t('cancel')}
            </button>
          </li>
        ) : (
          <li key={w.id} className="queued-write dead">
            <span role="alert">{t('writeGaveUp', w.label)}</span>
            <button type="button" onClick={() => onRetry(w.id)}>
              {t('tryAgain')}
            </button>
            <button type="button" className="secondary" onClick={() => onDismiss(w.id)}>
              {t('dismiss')}
            </button>
          </li>
        ),
      )}
    </ul>
  );
}
