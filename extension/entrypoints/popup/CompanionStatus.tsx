import { useEffect, useState } from 'react';
import { companionUrl } from '../../lib/companion-url.ts';

type Status = { state: 'checking' } | { state: 'up'; url: string } | { state: 'down'; url: string };

/** Whether the companion server answers: the first thing a user needs to know before anything else can work. */
export function CompanionStatus() {
  const [status, setStatus] = useState<Status>({ state: 'checking' });
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const url = await companionUrl();
      const up = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
      if (!cancelled) setStatus({ state: up ? 'up' : 'down', url });
    })();
    return () => {
      cancelled = true;
    };
  }, []);
  return (
    <main style={{ font: '14px system-ui, sans-serif', width: 320, padding: 12 }}>
      <h1 style={{ fontSize: 16, margin: '0 0 8px' }}>Calendar Assistant</h1>
      {status.state === 'checking' && <p>Looking for the companion server…</p>}
      {status.state === 'up' && <p>Companion server running at {status.url}.</p>}
      {status.state === 'down' && (
        <p>
          No companion server at {status.url}. Start it with <code>npm start</code>.
        </p>
      )}
    </main>
  );
}
