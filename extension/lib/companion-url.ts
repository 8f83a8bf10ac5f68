/** Where the companion server runs unless the user set another URL in the options. */
export const DEFAULT_COMPANION_URL = 'http://127.0.0.1:8787';

export async function companionUrl(): Promise<string> {
  const stored = await browser.storage.local.get('companionUrl');
  const value = stored.companionUrl;
  return typeof value === 'string' && value ? value.replace(/\/+$/, '') : DEFAULT_COMPANION_URL;
}
