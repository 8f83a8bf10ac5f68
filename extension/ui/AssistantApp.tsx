import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Agenda } from '../components/Agenda.tsx';
import { ChatInput } from '../components/ChatInput.tsx';
import { ConnectScreen } from '../components/ConnectScreen.tsx';
import { MessageList } from '../components/MessageList.tsx';
import { useAgenda } from '../hooks/useAgenda.ts';
import { useChat } from '../hooks/useChat.ts';
import { useDraft } from '../hooks/useDraft.ts';
import { useSession } from '../hooks/useSession.ts';
import { send, type SignInResult } from '../lib/messages.ts';
import { loadSettings } from '../lib/settings.ts';
import { DraftCard } from '../components/DraftCard.tsx';

const client = new QueryClient();

/** The popup (chat) and the side panel (agenda, drafts from "Schedule this", chat) share this app. */
export function AssistantApp({ mode }: { mode: 'popup' | 'panel' }) {
  return (
    <QueryClientProvider client={client}>
      <Shell mode={mode} />
    </QueryClientProvider>
  );
}

function Shell({ mode }: { mode: 'popup' | 'panel' }) {
  const queries = useQueryClient();
  const session = useSession();
  const [override, setOverride] = useState('');
  const [signIn, setSignIn] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  useEffect(() => {
    void loadSettings().then((s) => setOverride(s.timeZone));
  }, []);
  // Times show in the zone chosen in the options, else the calendar's (the user's), else the browser's.
  const timeZone = override || session.data?.user.timeZone || Intl.DateTimeFormat().resolvedOptions().timeZone;
  const refresh = () => void queries.invalidateQueries({ queryKey: ['agenda'] });
  const chat = useChat(refresh);

  const connect = async () => {
    setSignIn({ busy: true, error: null });
    const result = await send<SignInResult>({ type: 'sign-in' });
    setSignIn({ busy: false, error: result.ok ? null : (result.error ?? 'error') });
    await queries.invalidateQueries();
  };

  if (session.isPending) return <main className={`app ${mode}`}><p className="loading">Loading…</p></main>;
  if (session.isError) return <main className={`app ${mode}`}><p role="alert">The companion server cannot be reached. Start it with <code>npm start</code>, or set its address in the options.</p></main>;
  const s = session.data;
  const status = !s ? 'signed_out' : s.connection.status;
  return (
    <main className={`app ${mode}`}>
      <header>
        <h1>Calendar Assistant</h1>
        {s?.demo && <span className="badge demo" title="No Google credentials on the companion: this is the local Google emulator">Demo</span>}
      </header>
      {status !== 'connected' ? (
        <ConnectScreen reason={status} busy={signIn.busy} error={signIn.error} onConnect={() => void connect()} />
      ) : (
        <>
          {mode === 'panel' && <PanelExtras timeZone={timeZone} onWrite={refresh} />}
          <MessageList entries={chat.entries} timeZone={timeZone} onConfirm={(e, p, o) => void chat.confirm(e, p, o)} onCancel={chat.dismiss} onUndo={(e, p) => void chat.undo(e, p)} />
          <ChatInput disabled={chat.busy} onSend={(t) => void chat.send(t, timeZone)} />
        </>
      )}
    </main>
  );
}

function PanelExtras({ timeZone, onWrite }: { timeZone: string; onWrite: () => void }) {
  const agenda = useAgenda(7);
  const draft = useDraft(onWrite);
  return (
    <>
      {draft.candidates.length > 0 && <DraftCard candidates={draft.candidates} timeZone={timeZone} state={draft.state} onConfirm={(i) => void draft.confirm(i)} onDismiss={draft.dismiss} />}
      <h2>Coming up</h2>
      {agenda.data ? <Agenda events={agenda.data} timeZone={timeZone} /> : <p className="loading">Loading…</p>}
    </>
  );
}
