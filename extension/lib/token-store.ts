/**
 * The only credential the extension holds: its companion API token. In
 * storage.local (survives a restart) or storage.session ("forget on browser
 * close"); never storage.sync. Content scripts never call this.
 */
const KEY = 'companionToken';

export async function readToken(): Promise<string | null> {
  const session = await browser.storage.session?.get(KEY).catch(() => ({}) as Record<string, unknown>);
  const fromSession = session?.[KEY];
  if (typeof fromSession === 'string') return fromSession;
  const local = await browser.storage.local.get(KEY);
  return typeof local[KEY] === 'string' ? (local[KEY] as string) : null;
}

export async function storeToken(token: string, forgetOnClose: boolean): Promise<void> {
  await clearToken();
  if (forgetOnClose && browser.storage.session) await browser.storage.session.set({ [KEY]: token });
  else await browser.storage.local.set({ [KEY]: token });
}

export async function clearToken(): Promise<void> {
  // The cached session goes with the token: nobody is signed in any more.
  await browser.storage.local.remove([KEY, 'sessionCache']);
  await browser.storage.session?.remove(KEY).catch(() => undefined);
}
