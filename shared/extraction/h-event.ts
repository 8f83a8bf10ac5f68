import { absoluteUrl, cleanLine, cleanText, elementText, eventTimes, type EventCandidate, type SourceContext } from './event-candidate.ts';

type Properties = Map<string, Element[]>;

/** Classic hCalendar names inside a `vevent`, read as their microformats2 equivalents. */
const CLASSIC: Record<string, string> = {
  summary: 'p-name',
  dtstart: 'dt-start',
  dtend: 'dt-end',
  duration: 'dt-duration',
  location: 'p-location',
  description: 'e-description',
  url: 'u-url',
};
const ROOT = /^(?:h-[a-z0-9-]+|vevent|vcard|adr)$/;

/**
 * Microformats events: `h-event` (and classic `vevent`) with `p-name`,
 * `dt-start`, `dt-end`, `p-location`, `p-summary`/`e-description`, `u-url`,
 * and the value-class pattern that splits a date and a time across elements.
 */
export function extractHEvents(doc: Document, context: SourceContext): EventCandidate[] {
  return Array.from(doc.querySelectorAll('.h-event, .vevent')).flatMap((root) => {
    const candidate = candidateOf(root, context);
    return candidate ? [candidate] : [];
  });
}

function candidateOf(root: Element, context: SourceContext): EventCandidate | null {
  const props = propertiesOf(root, root.classList.contains('h-event'));
  const title = cleanLine(textValue(props.get('p-name')?.[0]) ?? textValue(props.get('p-summary')?.[0]));
  if (!title) return null;
  const times = eventTimes(dateTimeValue(props.get('dt-start')?.[0]), dateTimeValue(props.get('dt-end')?.[0]), {
    userZone: context.timeZone,
    inclusiveEndDate: true,
    duration: durationValue(props.get('dt-duration')?.[0]),
  });
  if (!times) return null;
  const location = cleanLine(textValue(props.get('p-location')?.[0]));
  const descriptionElement = props.get('e-description')?.[0] ?? props.get('p-description')?.[0];
  const summary = props.get('p-name') ? textValue(props.get('p-summary')?.[0]) : undefined;
  const description = cleanText(descriptionElement ? elementText(descriptionElement) : summary);
  const url = urlValue(props.get('u-url')?.[0], context) ?? context.pageUrl;
  return {
    title,
    ...times,
    ...(location ? { location } : {}),
    ...(description ? { description } : {}),
    ...(url ? { url } : {}),
    source: 'h-event',
    confidence: 0.85,
  };
}

/** The root's own properties; a nested microformat is a property's value, its insides its own. */
function propertiesOf(root: Element, modern: boolean): Properties {
  const props: Properties = new Map();
  const walk = (element: Element) => {
    for (const child of Array.from(element.children)) {
      const classes = Array.from(child.classList);
      for (const name of classes) {
        const property = modern ? (/^(?:p|u|dt|e)-/.test(name) ? name : undefined) : CLASSIC[name];
        if (property) props.set(property, [...(props.get(property) ?? []), child]);
      }
      if (!classes.some((c) => ROOT.test(c))) walk(child);
    }
  };
  walk(root);
  return props;
}

function textValue(element: Element | undefined): string | undefined {
  if (!element) return undefined;
  const parts = valueClassParts(element);
  if (parts.length) return parts.join('');
  const tag = element.tagName.toLowerCase();
  if (tag === 'abbr' && element.hasAttribute('title')) return element.getAttribute('title') ?? undefined;
  if ((tag === 'data' || tag === 'input') && element.hasAttribute('value')) return element.getAttribute('value') ?? undefined;
  if ((tag === 'img' || tag === 'area') && element.hasAttribute('alt')) return element.getAttribute('alt') ?? undefined;
  // A nested h-card or h-adr as the location: its name, or all of its text.
  const name = element.querySelector('.p-name');
  return name && /\bh-(?:card|adr|geo)\b/.test(element.className) && !element.querySelector('.p-street-address, .p-locality') ? elementText(name) : elementText(element);
}

function urlValue(element: Element | undefined, context: SourceContext): string | undefined {
  if (!element) return undefined;
  const tag = element.tagName.toLowerCase();
  const raw = tag === 'a' || tag === 'area' || tag === 'link' ? element.getAttribute('href') : tag === 'img' || tag === 'video' || tag === 'audio' ? element.getAttribute('src') : textValue(element);
  return absoluteUrl(raw, context.baseUrl);
}

/** dt-* values: the value-class pieces joined into one ISO date-time, or the element's own datetime, title or text. */
function dateTimeValue(element: Element | undefined): string | undefined {
  if (!element) return undefined;
  const parts = valueClassParts(element);
  if (parts.length) return joinDateTime(parts);
  const tag = element.tagName.toLowerCase();
  const raw = ['time', 'ins', 'del'].includes(tag) && element.hasAttribute('datetime')
    ? element.getAttribute('datetime')
    : tag === 'abbr' && element.hasAttribute('title')
      ? element.getAttribute('title')
      : (tag === 'data' || tag === 'input') && element.hasAttribute('value')
        ? element.getAttribute('value')
        : elementText(element);
  return raw ? joinDateTime([raw]) : undefined;
}

/** A length as ISO 8601 (PT2H): a `<time datetime>`, or the element's value or text. */
function durationValue(element: Element | undefined): string | undefined {
  if (element?.tagName.toLowerCase() === 'time' && element.hasAttribute('datetime')) return element.getAttribute('datetime') ?? undefined;
  return textValue(element)?.trim();
}

function valueClassParts(element: Element): string[] {
  return Array.from(element.querySelectorAll('.value, .value-title')).flatMap((part) => {
    const tag = part.tagName.toLowerCase();
    const value = part.classList.contains('value-title')
      ? part.getAttribute('title')
      : ['time', 'ins', 'del'].includes(tag) && part.hasAttribute('datetime')
        ? part.getAttribute('datetime')
        : tag === 'abbr' || tag === 'data'
          ? (part.getAttribute(tag === 'abbr' ? 'title' : 'value') ?? elementText(part))
          : elementText(part);
    return value?.trim() ? [value.trim()] : [];
  });
}

const DATE = /^(\d{4}-\d{2}-\d{2})(?:[T ](.+))?$/i;
const CLOCK = /^(\d{1,2})(?:[:.](\d{2}))?(?::(\d{2}))?\s*([ap])?\.?\s*m?\.?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const ZONE = /^(?:Z|[+-]\d{2}:?\d{2})$/i;

/** "2026-12-08" + "7pm" + "+01:00" → "2026-12-08T19:00:00+01:00"; a lone time stays a time, for an end on the start's day. */
function joinDateTime(parts: string[]): string | undefined {
  let date: string | undefined;
  let time: string | undefined;
  let zone: string | undefined;
  for (const part of parts) {
    const day = DATE.exec(part);
    if (day) {
      date ??= day[1];
      if (day[2]) time ??= day[2];
    } else if (ZONE.test(part)) zone ??= part;
    else if (CLOCK.test(part)) time ??= part;
  }
  const clock = time ? clockOf(time) : undefined;
  if (time && !clock) return date ? `${date}T${time}` : undefined;
  if (!date) return clock ? clock.time : undefined;
  return clock ? `${date}T${clock.time}${clock.zone ?? zone ?? ''}` : date;
}

function clockOf(text: string): { time: string; zone?: string } | undefined {
  const m = CLOCK.exec(text.trim());
  if (!m) return undefined;
  let hour = Number(m[1]);
  const meridiem = m[4]?.toLowerCase();
  if (meridiem === 'p' && hour < 12) hour += 12;
  if (meridiem === 'a' && hour === 12) hour = 0;
  if (hour > 23) return undefined;
  const pad = (n: number) => String(n).padStart(2, '0');
  return { time: `${pad(hour)}:${m[2] ?? '00'}:${m[3] ?? '00'}`, ...(m[5] ? { zone: m[5] } : {}) };
}
