import { resetCopy } from '../lib/event-copy.ts';

/**
 * The web dashboard runs the side panel's app in a normal page served by the
 * companion. This stands in for the few extension APIs the app uses: storage
 * on localStorage/sessionStorage, and "sign in"/"sign out" as navigations and
 * cookie-session calls. No token is ever stored: the session is an httpOnly cookie.
 */
type Area = { get(key?: string | null): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void>; remove(key: string | string[]): Promise<void> };

function area(store: Storage): Area {
  const prefix = 'calendar-assistant:';
  return {
    async get(key) {
      const keys = key ? [key] : Object.keys(store).filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
      return Object.fromEntries(keys.flatMap((k) => (store.getItem(prefix + k) === null ? [] : [[k, JSON.parse(store.getItem(prefix + k)!)]])));
    },
    async set(items) {
      for (const [k, v] of Object.entries(items)) store.setItem(prefix + k, JSON.stringify(v));
    },
    async remove(key) {
      for (const k of [key].flat()) store.removeItem(prefix + k);
    },
  };
}

export function csrfToken(): string {
  return /(?:^|;\s*)ca_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '';
}

(globalThis as Record<string, unknown>).browser = {
  storage: { local: area(localStorage), session: area(sessionStorage), onChanged: { addListener() {}, removeListener() {} } },
  runtime: {
    async sendMessage(message: { type: string }) {
      if (message.type === 'sign-in') {
        location.href = '/auth/google/calendar';
        return { ok: true };
      }
      if (message.type === 'sign-out') {
        await fetch('/auth/logout', { method: 'POST', credentials: 'same-origin', headers: { 'x-csrf-token': csrfToken() } });
        await resetCopy();
        location.reload();
        return { ok: true };
      }
      return { ok: false, error: 'unsupported' };
    },
  },
};
