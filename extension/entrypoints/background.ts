import { eventCandidateSchema, type EventCandidate } from '../../shared/extraction/event-candidate.ts';
import { rankEventCandidates } from '../../shared/extraction/extract-events.ts';
import { parseIcs } from '../../shared/extraction/ics-links.ts';
import { companion } from '../lib/api.ts';
import { messageSchema, type SignInResult } from '../lib/messages.ts';
import { readWindow, resetCopy } from '../lib/event-copy.ts';
import { pullFeed } from '../lib/event-feed.ts';
import { flushOutbox } from '../lib/outbox.ts';
import { loadSettings } from '../lib/settings.ts';
import { clearToken, readToken, storeToken } from '../lib/token-store.ts';

/**
 * The background: sign-in (the popup would close under the auth window), the
 * "Schedule this" menu, the keyboard command, alarms for the outbox and the
 * badge (which also keeps the offline copy of events current). Every message
 * is checked against its schema and its sender.
 */
export default defineBackground(() => {
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({ id: 'schedule-this', title: browser.i18n.getMessage('contextScheduleThis') || 'Schedule this', contexts: ['selection', 'page'] });
    void browser.alarms.create('outbox', { periodInMinutes: 1 });
    void browser.alarms.create('badge', { periodInMinutes: 5 });
  });

  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== 'schedule-this' || !tab?.id) return;
    // Open the panel inside the click's user gesture, then fill it once the page has been read.
    openPanel(tab.id, tab.windowId);
    void scheduleFrom(tab.id);
  });

  browser.commands.onCommand.addListener((command) => {
    if (command === 'open-chat') void toolbar().openPopup?.().catch(() => undefined);
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === 'outbox') void flushOutbox();
    if (alarm.name === 'badge') void updateBadge();
  });

  self.addEventListener?.('online', () => void flushOutbox({ everything: true }));
  // The end-to-end tests cannot right-click in a headless browser; they call what the menu item calls.
  (globalThis as { scheduleThis?: (tabId: number) => Promise<void> }).scheduleThis = scheduleFrom;

  browser.runtime.onMessage.addListener((raw, sender) => {
    // Only our own pages (popup, side panel, options) talk to the background: a message from a web page's
    // context carries that page's URL, and injected scripts hand their results back through executeScript.
    if (sender.id !== browser.runtime.id || !sender.url?.startsWith(browser.runtime.getURL('/'))) return undefined;
    const parsed = messageSchema.safeParse(raw);
    if (!parsed.success) return undefined;
    const message = parsed.data;
    if (message.type === 'sign-in') return signIn();
    if (message.type === 'sign-out') return signOut();
    if (message.type === 'flush-outbox') return flushOutbox().then(() => ({ ok: true }));
    return undefined;
  });
});

/** The toolbar button: `action` in MV3, `browserAction` in Firefox's MV2 build. */
function toolbar(): typeof browser.action {
  return browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
}

async function signIn(): Promise<SignInResult> {
  const { companionUrl, forgetOnClose } = await loadSettings();
  const redirect = browser.identity.getRedirectURL('oauth');
  const state = crypto.randomUUID();
  const url = `${companionUrl}/auth/google/calendar?client=extension&redirect=${encodeURIComponent(redirect)}&state=${state}`;
  try {
    const back = new URL((await browser.identity.launchWebAuthFlow({ url, interactive: true }))!);
    if (back.searchParams.get('state') !== state) return { ok: false, error: 'state_mismatch' };
    const error = back.searchParams.get('error');
    if (error) return { ok: false, error };
    const code = back.searchParams.get('code');
    if (!code) return { ok: false, error: 'no_code' };
    const { token } = await companion<{ token: string }>('/auth/extension/token', { method: 'POST', body: { code } });
    await storeToken(token, forgetOnClose);
    void updateBadge();
    return { ok: true };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

async function signOut(): Promise<SignInResult> {
  if (await readToken()) await companion('/auth/logout', { method: 'POST' }).catch(() => undefined);
  await clearToken();
  await resetCopy();
  await toolbar().setBadgeText({ text: '' });
  return { ok: true };
}

function openPanel(tabId: number, windowId: number | undefined): void {
  const chromeSidePanel = (globalThis as { chrome?: { sidePanel?: { open(o: { tabId?: number; windowId?: number }): Promise<void> } } }).chrome?.sidePanel;
  if (chromeSidePanel) void chromeSidePanel.open({ tabId, ...(windowId ? { windowId } : {}) }).catch(() => undefined);
  else void (browser as unknown as { sidebarAction?: { open(): Promise<void> } }).sidebarAction?.open().catch(() => undefined);
}

async function scheduleFrom(tabId: number): Promise<void> {
  const [result] = await browser.scripting.executeScript({ target: { tabId }, files: ['/extract.js'] });
  // What the page returned is untrusted: keep only well-formed candidates and http(s) links.
  const raw = (result?.result ?? {}) as { candidates?: unknown; icsLinks?: unknown };
  const fromPage = (Array.isArray(raw.candidates) ? raw.candidates : []).flatMap((c: unknown) => {
    const parsed = eventCandidateSchema.safeParse(c);
    return parsed.success ? [parsed.data] : [];
  });
  const links = (Array.isArray(raw.icsLinks) ? raw.icsLinks : []).filter((l): l is string => typeof l === 'string' && /^https?:\/\//.test(l)).slice(0, 3);
  const fromIcs = (await Promise.all(links.map(fetchIcs))).flat();
  await browser.storage.session.set({ draft: { candidates: rankEventCandidates([...fromPage, ...fromIcs]), at: Date.now() } });
}

/** An .ics file the page links to: activeTab lets us read it when it is on the page's own origin; others are skipped. */
async function fetchIcs(url: string): Promise<EventCandidate[]> {
  try {
    const res = await fetch(url, { credentials: 'omit' });
    if (!res.ok) return [];
    const text = (await res.text()).slice(0, 1_000_000);
    return parseIcs(text, { timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, url });
  } catch {
    return [];
  }
}

/**
 * Every few minutes: bring the offline copy up to date (the delta feed, or the coming week in full when there is
 * no cursor yet), and show the next event's time on the badge.
 */
async function updateBadge(): Promise<void> {
  try {
    const { user } = await companion<{ user: { id: string } }>('/api/session');
    const now = Date.now();
    await pullFeed(user.id);
    const items = await readWindow(user.id, ['primary'], now, now + 7 * 86_400_000);
    const next = items.find((e) => !e.allDay && Date.parse(e.start) >= now && Date.parse(e.start) < now + 86_400_000);
    await toolbar().setBadgeText({ text: next ? new Date(next.start).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false }) : '' });
  } catch {
    await toolbar()
      .setBadgeText({ text: '' })
      .catch(() => undefined);
  }
}
