import { createHash } from 'node:crypto';

/**
 * Where an extension's `identity.launchWebAuthFlow` expects to be sent back:
 * Chrome uses https://<extension id>.chromiumapp.org/…, Firefox
 * https://<SHA-1 of the add-on id>.extensions.allizom.org/…. Only redirect
 * URLs of allowed extensions get a sign-in code; anything else could steal it.
 */
export function isAllowedExtensionRedirect(redirect: string, allowedIds: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(redirect);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.port) return false;
  return allowedIds.some((id) => url.hostname === `${id.toLowerCase()}.chromiumapp.org` || url.hostname === `${firefoxHash(id)}.extensions.allizom.org`);
}

function firefoxHash(addonId: string): string {
  return createHash('sha1').update(addonId).digest('hex');
}

/** Origins allowed to call the API cross-origin: the allowed Chrome extensions, and Firefox extensions (whose origin UUID is random per install). */
export function isAllowedExtensionOrigin(origin: string, allowedIds: readonly string[]): boolean {
  if (origin.startsWith('moz-extension://')) return allowedIds.length > 0 && /^moz-extension:\/\/[0-9a-f-]{36}$/i.test(origin);
  const m = /^chrome-extension:\/\/([a-p]{32})$/.exec(origin);
  return Boolean(m && allowedIds.includes(m[1]!));
}
