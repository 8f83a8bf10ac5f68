import type { Intent } from '../../shared/assistant/intent-schema.ts';
import type { CalendarEvent } from '../../shared/schemas/calendar-event.ts';

/** Words that say nothing about which event is meant. */
const NOISE = new Set(['my', 'the', 'a', 'an', 'with', 'meeting', 'event', 'appointment', 'call', 'and', 'on', 'at', 'to', 'mit', 'der', 'die', 'das', 'den', 'mein', 'meinen', 'termin', 'の', 'を', 'と']);

function words(s: string): string[] {
  return s
    .toLowerCase()
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}@.]+/u)
    .filter((w) => w && !NOISE.has(w))
    .map((w) => (w.length > 3 ? w.replace(/(?:es|s)$/, '') : w));
}

/**
 * Which of the user's events a change or cancellation means: every query word
 * should appear in the title or among the attendees; an exact start time wins
 * outright. Returns the best-scoring events (several when it is a tie).
 */
export function findTargetEvents(events: CalendarEvent[], target: Intent['target']): CalendarEvent[] {
  const queryWords = words(target?.query ?? '');
  const wantedStart = target?.start ? Date.parse(target.start) : null;
  const scored = events
    .filter((e) => e.status !== 'cancelled')
    .map((e) => {
      const hay = words(`${e.title} ${e.attendees.map((a) => `${a.name ?? ''} ${a.email}`).join(' ')} ${e.location ?? ''}`);
      const text = hay.join(' ');
      // Japanese has no spaces between words: there, and for longer words elsewhere, a substring is a match.
      const matched = queryWords.filter((w) => hay.includes(w) || ((w.length >= 4 || /[\u3040-\u30ff\u4e00-\u9fff]/.test(w)) && text.includes(w))).length;
      let score = queryWords.length ? matched / queryWords.length : 0.5;
      if (queryWords.length && matched === 0) score = 0;
      if (wantedStart !== null) score = Date.parse(e.start) === wantedStart ? score + 2 : queryWords.length ? score * 0.5 : 0;
      return { e, score };
    })
    .filter((x) => x.score > 0);
  if (scored.length === 0) return [];
  const best = Math.max(...scored.map((x) => x.score));
  return scored.filter((x) => x.score >= best - 1e-9).map((x) => x.e);
}
