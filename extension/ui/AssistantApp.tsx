import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { Agenda } from '../components/Agenda.tsx';
import { ChatInput } from '../components/ChatInput.tsx';
import { ConnectScreen } from '../components/ConnectScreen.tsx';
import { MessageList } from '../components/MessageList.tsx';
import { useAgenda } from '../hooks/useAgenda.ts';
import { useChat } from '../hooks/useChat.ts';
import { useDraft } from '../hooks/useDraft.ts';
import { EVENT_COPY_QUERY, useEventFeed } from '../hooks/useEventFeed.ts';
import { useSession } from '../hooks/useSession.ts';
import { t } from '../lib/i18n.ts';
import { send, type SignInResult } from '../lib/messages.ts';
import { loadSettings } from '../lib/settings.ts';
import { DraftCard } from '../components/DraftCard.tsx';
import { PendingWrites } from '../components/PendingWrites.tsx';
import { usePendingWrites } from '../hooks/usePendingWrites.ts';
import { QueuedWrites } from '../components/QueuedWrites.tsx';
import { QUEUED_WRITES_QUERY, useQueuedWrites } from '../hooks/useQueuedWrites.ts';
import { CalendarFilter, EventList, FreeSlotList, MonthView, WeekView } from '../components/CalendarViews.tsx';
import { useCalendars, useEventsIn, useFreeSlots } from '../hooks/useCalendarData.ts';

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
  const s = session.data;
  const status = !s ? 'signed_out' : s.connection.status;
  // The panel (and the dashboard) keep the local copy current; the popup shows no events.
  const { pullNow } = useEventFeed(s === null ? null : mode === 'panel' && status === 'connected' ? s?.user.id : undefined);
  // After a write the copy catches up through the feed (the companion syncs its own writes back at once).
  // After a write: the new state of the copy, and of the companion's queue (a confirm Google refused waits there).
  const refresh = useCallback(() => void Promise.all([pullNow().then(() => queries.invalidateQueries({ queryKey: [EVENT_COPY_QUERY] })), queries.invalidateQueries({ queryKey: [QUEUED_WRITES_QUERY] })]), [pullNow, queries]);
  const chat = useChat(refresh);
  const pending = usePendingWrites();
  const queued = useQueuedWrites(session.data?.connection.status === 'connected');

  const connect = async () => {
    setSignIn({ busy: true, error: null });
    const result = await send<SignInResult>({ type: 'sign-in' });
    setSignIn({ busy: false, error: result.ok ? null : (result.error ?? 'error') });
    await queries.invalidateQueries();
  };

  if (session.isPending) return <main className={`app ${mode}`}><p className="loading">{t('loading')}</p></main>;
  if (session.isError) return <main className={`app ${mode}`}><p role="alert">{t('companionDown')}</p></main>;
  return (
    <main className={`app ${mode}`}>
      <header>
        <h1>{t('appTitle')}</h1>
        {s?.demo && <span className="badge demo" title={t('demoBadgeTitle')}>{t('demoBadge')}</span>}
      </header>
      <PendingWrites count={pending} />
      <QueuedWrites writes={queued.writes} onRetry={queued.retry} onDismiss={queued.dismiss} />
      {status !== 'connected' ? (
        <ConnectScreen reason={status} busy={signIn.busy} error={signIn.error} onConnect={() => void connect()} />
      ) : (
        <>
          {mode === 'panel' && <PanelExtras timeZone={timeZone} onWrite={refresh} />}
          <MessageList entries={chat.entries} timeZone={timeZone} onConfirm={(e, p, o) => void chat.confirm(e, p, o)} onCancel={chat.dismiss} onUndo={(e, p) => void chat.undo(e, p)} onEdit={(e, p, ev) => void chat.edit(e, p, ev)} />
          <ChatInput disabled={chat.busy} onSend={(t) => void chat.send(t, timeZone)} />
        </>
      )}
    </main>
  );
}

type View = 'agenda' | 'week' | 'month' | 'free';

function PanelExtras({ timeZone, onWrite }: { timeZone: string; onWrite: () => void }) {
  const agenda = useAgenda(7);
  const draft = useDraft(onWrite);
  const calendars = useCalendars();
  const [view, setView] = useState<View>('agenda');
  const [hidden, setHidden] = useState<string[]>([]);
  const [minutes, setMinutes] = useState(30);
  const all = calendars.data ?? [];
  const selected = all.map((c) => c.id).filter((id) => !hidden.includes(id));
  // The companion keeps its synced copy of the primary calendar under the id "primary": asking by that id lets
  // the delta feed keep these views current too (other calendars are read from /api/events each time).
  const eventCalendarIds = all.filter((c) => selected.includes(c.id)).map((c) => (c.primary ? 'primary' : c.id));
  const today = startOfDay(new Date());
  const weekStart = addDays(today, -((today.getDay() + 6) % 7));
  const monthStart = new Date(today.getFullYear(), today.getMonth(), 1);
  const gridStart = addDays(monthStart, -((monthStart.getDay() + 6) % 7));
  const range = view === 'month' ? [gridStart, addDays(gridStart, 42)] : [weekStart, addDays(weekStart, 7)];
  const events = useEventsIn(range[0]!, range[1]!, view === 'week' || view === 'month' ? eventCalendarIds : []);
  const free = useFreeSlots(today, addDays(today, 7), minutes, view === 'free' ? selected : [], { start: '09:00', end: '17:00' });
  const tab = (v: View, label: string) => (
    <button type="button" aria-pressed={view === v} className={view === v ? 'tab active' : 'tab'} onClick={() => setView(v)}>
      {label}
    </button>
  );
  return (
    <>
      {draft.candidates.length > 0 && <DraftCard candidates={draft.candidates} timeZone={timeZone} state={draft.state} onConfirm={(i) => void draft.confirm(i)} onDismiss={draft.dismiss} />}
      <nav className="tabs" aria-label={t('views')}>
        {tab('agenda', t('agenda'))}
        {tab('week', t('week'))}
        {tab('month', t('month'))}
        {tab('free', t('freeTime'))}
      </nav>
      {view !== 'agenda' && all.length > 1 && <CalendarFilter calendars={all} selected={selected} onToggle={(id) => setHidden((h) => (h.includes(id) ? h.filter((x) => x !== id) : [...h, id]))} />}
      {view === 'agenda' && (agenda.data ? agenda.data.length > 200 ? <EventList events={agenda.data} calendars={all} timeZone={timeZone} /> : <Agenda events={agenda.data} timeZone={timeZone} /> : <p className="loading">{t('loading')}</p>)}
      {view === 'week' && (events.data ? <WeekView days={Array.from({ length: 7 }, (_, i) => addDays(weekStart, i))} events={events.data} calendars={all} timeZone={timeZone} /> : <p className="loading">{t('loading')}</p>)}
      {view === 'month' && (events.data ? <MonthView weeks={Array.from({ length: 6 }, (_, w) => Array.from({ length: 7 }, (_, d) => addDays(gridStart, w * 7 + d)))} month={today.getMonth()} events={events.data} timeZone={timeZone} /> : <p className="loading">{t('loading')}</p>)}
      {view === 'free' && (
        <>
          <label className="inline">
            {t('length')}{' '}
            <select value={minutes} onChange={(e) => setMinutes(Number(e.target.value))}>
              {[15, 30, 45, 60, 90, 120].map((m) => (
                <option key={m} value={m}>
                  {m} min
                </option>
              ))}
            </select>
          </label>
          {free.data ? <FreeSlotList free={free.data.free} timeZone={timeZone} /> : <p className="loading">{t('loading')}</p>}
        </>
      )}
    </>
  );
}

function startOfDay(d: Date): Date {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate());
}

function addDays(d: Date, n: number): Date {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + n);
}
