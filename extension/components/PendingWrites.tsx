import { t } from '../lib/i18n.ts';

/** How many confirmed changes are still waiting to reach the companion (offline or failing). */
export function PendingWrites({ count }: { count: number }) {
  if (count === 0) return null;
  return (
    <p className="pending-writes" role="status">
      {t('pendingWrites', String(count))}
    </p>
  );
}
