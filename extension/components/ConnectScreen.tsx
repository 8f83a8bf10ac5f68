interface Props {
  reason: 'signed_out' | 'reconnect_required' | 'not_connected' | 'insufficient_scope';
  busy: boolean;
  error: string | null;
  onConnect: () => void;
}

const TEXT: Record<Props['reason'], string> = {
  signed_out: 'Connect your Google Calendar to start.',
  reconnect_required: 'Google no longer accepts the connection. Connect again to continue.',
  not_connected: 'Your Google Calendar is not connected yet.',
  insufficient_scope: 'Calendar access was not granted. Connect again and tick the calendar permission.',
};

/** Signed out, or the connection needs renewing: one button to (re)connect. */
export function ConnectScreen({ reason, busy, error, onConnect }: Props) {
  return (
    <section className="connect">
      <p>{TEXT[reason]}</p>
      <button type="button" className="primary" onClick={onConnect} disabled={busy}>
        {reason === 'signed_out' || reason === 'not_connected' ? 'Connect Google Calendar' : 'Reconnect'}
      </button>
      {error && <p role="alert">Sign-in did not complete ({error}).</p>}
    </section>
  );
}
