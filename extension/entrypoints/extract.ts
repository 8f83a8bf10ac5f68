import { extractEvents } from '../../shared/extraction/extract-events.ts';
import { findIcsLinks } from '../../shared/extraction/ics-links.ts';

/**
 * "Schedule this": an unlisted script the background injects on demand
 * (scripting.executeScript under activeTab), never a content script on every
 * page, so no host permission is needed. It reads the page or the selection
 * and returns the candidates and any .ics links as the script's result; it
 * holds no token and fetches nothing.
 */
export default defineUnlistedScript(() => {
  const selection = window.getSelection()?.toString().trim() ?? '';
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return {
    candidates: extractEvents(document, { now: new Date(), timeZone, url: location.href, ...(selection ? { selection } : {}) }),
    icsLinks: findIcsLinks(document, { baseUrl: location.href }).slice(0, 3),
  };
});
