import { DateTime } from 'luxon';
import { cleanLine, cleanText, elementText, eventTimes, type EventCandidate, type SourceContext } from './event-candidate.ts';

const MAX_TIMES = 200;
const HEADING = /^h[1-6]$/i;
const MAJOR_HEADING = /^h[1-3]$/i;
/** Dates that say when a page was written, not when something happens. */
const PUBLICATION = /\b(?:date-?published|date-?modified|date-?created|upload-?date|published|updated|modified|posted|entry-date|post-date|dt-published|dt-updated|byline|post-meta|entry-meta|article-meta|timestamp)\b/i;
/** What stands between the two times of a range: "19:00 – 21:00", "Saturday 12 – Sunday 13", "until", "bis", "au". */
const RANGE_JOINER = /[-–—]|(?:^|\s)(?:to|until|till|through|bis|au|à|al|tot)(?:\s|$)/i;
const MAX_JOINER = 30;

export interface TimeElementContext extends SourceContext {
  now: Date | string;
}

/**
 * `<time datetime>` elements that are not already part of a structured event
 * and do not date the page itself: the nearest preceding h1–h3 (or the
 * element's section heading) names the event, a second `<time>` right after
 * it ("19:00–21:00") ends it. Times already past are not offered.
 */
export function extractTimeElementEvents(doc: Document, context: TimeElementContext): EventCandidate[] {
  const now = DateTime.fromJSDate(new Date(context.now), { zone: context.timeZone });
  const ends = new Set<Element>();
  const candidates: EventCandidate[] = [];
  for (const time of Array.from(doc.querySelectorAll('time[datetime]')).slice(0, MAX_TIMES)) {
    // A struck-out date (<s>, <del>) is one the page has taken back.
    if (ends.has(time) || time.closest('s, del, strike') || insideStructuredEvent(time) || datesThePage(time)) continue;
    const end = rangeEndOf(time);
    if (end) ends.add(end);
    const times = eventTimes(time.getAttribute('datetime') ?? undefined, end?.getAttribute('datetime') ?? undefined, { userZone: context.timeZone, inclusiveEndDate: true });
    if (!times || isPast(times, now)) continue;
    const heading = headingFor(time);
    const title = heading ? titleOf(heading, time) : undefined;
    if (!title) continue;
    const block = time.closest('p, li, dd, td, blockquote') ?? time.parentElement;
    const surrounding = block && !HEADING.test(block.tagName) ? cleanText(elementText(block), 500) : undefined;
    const description = surrounding && surrounding !== title ? surrounding : undefined;
    candidates.push({
      title,
      ...times,
      ...(description ? { description } : {}),
      ...(context.pageUrl ? { url: context.pageUrl } : {}),
      source: 'time-element',
      confidence: times.allDay ? 0.5 : 0.6,
    });
  }
  return candidates;
}

function insideStructuredEvent(element: Element): boolean {
  for (let node = element.parentElement; node; node = node.parentElement) {
    if (node.classList.contains('h-event') || node.classList.contains('vevent')) return true;
    if (node.hasAttribute('itemscope') && /Event|Festival|Hackathon/i.test(node.getAttribute('itemtype') ?? '')) return true;
  }
  return false;
}

/** A publication date marks itself, or sits in a byline a few levels up. */
function datesThePage(time: Element): boolean {
  if (time.hasAttribute('pubdate') || /^date(?:Published|Modified|Created)$/i.test(time.getAttribute('itemprop') ?? '')) return true;
  let node: Element | null = time;
  for (let depth = 0; node && depth < 4; depth += 1, node = node.parentElement) {
    if (PUBLICATION.test(node.getAttribute('class') ?? '') || PUBLICATION.test(node.getAttribute('itemprop') ?? '')) return true;
  }
  return false;
}

function rangeEndOf(time: Element): Element | null {
  let between = '';
  for (let node = time.nextSibling; node; node = node.nextSibling) {
    if (node.nodeType === 3) {
      between += node.nodeValue ?? '';
      continue;
    }
    if (node.nodeType !== 1) continue;
    const element = node as Element;
    const joined = between.length <= MAX_JOINER && RANGE_JOINER.test(between);
    return element.tagName.toLowerCase() === 'time' && element.hasAttribute('datetime') && joined ? element : null;
  }
  return null;
}

function isPast(times: NonNullable<ReturnType<typeof eventTimes>>, now: DateTime): boolean {
  if (times.allDay) return times.endDate! <= now.toISODate()!;
  const last = DateTime.fromISO(times.end ?? times.start!);
  return last < now;
}

/**
 * The heading the time sits in; else the nearest h1–h3 before it, when that
 * is inside the time's own section (or there is no section); else the
 * section's first heading; else the nearest h1–h3 anywhere before it.
 */
function headingFor(time: Element): Element | null {
  const own = time.closest('h1, h2, h3, h4, h5, h6');
  if (own) return own;
  const before = precedingMajorHeading(time);
  const section = time.closest('section, article');
  if (before && (!section || section.contains(before))) return before;
  return section?.querySelector('h1, h2, h3, h4, h5, h6') ?? before;
}

function precedingMajorHeading(element: Element): Element | null {
  for (let node: Element | null = element; node; node = node.parentElement) {
    for (let sibling = node.previousElementSibling; sibling; sibling = sibling.previousElementSibling) {
      if (MAJOR_HEADING.test(sibling.tagName)) return sibling;
      const inner = sibling.querySelectorAll('h1, h2, h3');
      if (inner.length) return inner[inner.length - 1]!;
    }
  }
  return null;
}

/** The heading's words without the time inside it: "Carol concert – <time>…</time>" → "Carol concert". */
function titleOf(heading: Element, time: Element): string | undefined {
  let text = elementText(heading);
  if (heading.contains(time)) text = text.replace(elementText(time), ' ');
  return cleanLine(text.replace(/[\s,:;|·•–—-]+$/, '').replace(/^[\s,:;|·•–—-]+/, ''));
}
