import { extractEvents } from '../../shared/extraction/extract-events.ts';

/**
 * "Schedule this": an unlisted script the background injects on demand
 * (scripting.executeScript under activeTab), never a content script on every
 * page, so no host permission is needed. It reads the page or the selection
 * and returns the candidates as the script's result; it holds no token.
 */
export default defineUnlistedScript(() => {
  const selection = window.getSelection()?.toString().trim() ?? '';
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return extractEvents(document, { now: new Date(), timeZone, url: location.href, ...(selection ? { selection } : {}) });
});
