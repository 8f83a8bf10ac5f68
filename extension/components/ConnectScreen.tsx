import { t, type MessageKey } from '../lib/i18n.ts';

interface Props {
  reason: 'signed_out' | 'reconnect_required' | 'not_connected' | 'insufficient_scope';
  busy: boolean;
  error: string | null;
  onConnect: () => void;
}

const TEXT: Record<Props['reason'], MessageKey> = {
  signed_out: 'connectSignedOut',
  reconnect_required: 'connectReconnect',
  not_connected: 'connectNotConnected',
  insufficient_scope: 'connectInsufficientScope',
};

/** Signed out, or the connection needs renewing: one button to (re)connect. */
export function ConnectScreen({ reason, busy, error, onConnect }: Props) {
  return (
    <section className="connect">
      <p>{t(TEXT[reason])}</p>
      <button type="button" className="primary" onClick={onConnect} disabled={busy}>
        {reason === 'signed_out' || reason === 'not_connected' ? t('connectButton') : t('reconnectButton')}
      </button>
      {error && <p role="alert">{t('signInFailed', error)}</p>}
    </section>
  );
}
