import { absoluteUrl, cleanLine, cleanText, eventTimes, formatAddress, knownZone, placeText, zoneOfCountry, type EventCandidate, type SourceContext } from './event-candidate.ts';

type Node = Record<string, unknown>;

const MAX_SCRIPT_CHARS = 1_000_000;
const MAX_NODES = 5000;
const MAX_DEPTH = 12;
/** schema.org Event subtypes whose names do not end in "Event". */
const OTHER_EVENT_TYPES = new Set(['Festival', 'Hackathon', 'CourseInstance', 'EventSeries']);
const SKIPPED_STATUSES = new Set(['EventCancelled', 'EventPostponed']);

/**
 * schema.org events in `<script type="application/ld+json">`: top-level
 * objects, arrays, `@graph`s and events nested anywhere (an Organization's
 * `event`, an ItemList's items, a festival's `subEvent`), with `@id`
 * references resolved across all the page's scripts. A script that is not
 * JSON even after the usual repairs is passed over.
 */
export function extractJsonLdEvents(doc: Document, context: SourceContext): EventCandidate[] {
  const roots = Array.from(doc.querySelectorAll('script'))
    .filter((script) => /^\s*application\/ld\+json\s*(?:;|$)/i.test(script.getAttribute('type') ?? ''))
    .map((script) => parseJsonLd(script.textContent ?? ''))
    .filter((root) => root !== null);
  const nodes = collectNodes(roots);
  const byId = new Map<string, Node>();
  for (const node of nodes) {
    if (typeof node['@id'] === 'string' && Object.keys(node).length > 1 && !byId.has(node['@id'])) byId.set(node['@id'], node);
  }
  return nodes.filter(isEvent).flatMap((node) => {
    const candidate = candidateOf(node, byId, context);
    return candidate ? [candidate] : [];
  });
}

export function parseJsonLd(text: string): unknown {
  if (text.length > MAX_SCRIPT_CHARS) return null;
  const body = text
    .trim()
    .replace(/^(?:<!--|(?:\/\/\s*)?<!\[CDATA\[)/, '')
    .replace(/(?:-->|(?:\/\/\s*)?\]\]>)$/, '');
  try {
    return JSON.parse(body);
  } catch {
    // Hand-written JSON-LD: trailing commas and raw line breaks inside strings are the usual slips.
    try {
      return JSON.parse(body.replace(/,\s*([}\]])/g, '$1').replace(/[\n\r\t]+/g, ' '));
    } catch {
      return null;
    }
  }
}

function collectNodes(roots: unknown[]): Node[] {
  const seen = new Set<object>();
  const nodes: Node[] = [];
  const visit = (value: unknown, depth: number) => {
    if (depth > MAX_DEPTH || nodes.length >= MAX_NODES || typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    nodes.push(value as Node);
    for (const child of Object.values(value)) visit(child, depth + 1);
  };
  for (const root of roots) visit(root, 0);
  return nodes;
}

function localTypes(node: Node): string[] {
  return asArray(node['@type'])
    .filter((t): t is string => typeof t === 'string')
    .map((t) => t.replace(/^.*[/#:]/, ''));
}

function isEvent(node: Node): boolean {
  return localTypes(node).some((t) => /^\w*Event$/.test(t) || OTHER_EVENT_TYPES.has(t));
}

function candidateOf(node: Node, byId: Map<string, Node>, context: SourceContext): EventCandidate | null {
  const status = textOf(node.eventStatus)?.replace(/^.*[/#:]/, '');
  if (status && SKIPPED_STATUSES.has(status)) return null;
  const title = cleanLine(textOf(node.name));
  if (!title) return null;
  const place = placeOf(node.location, byId);
  const eventZone = knownZone(textOf(node.timeZone) ?? textOf(node.timezone) ?? textOf(resolve(node.eventSchedule, byId)?.scheduleTimezone)) ?? place.zone;
  const times = eventTimes(textOf(node.startDate), textOf(node.endDate), {
    userZone: context.timeZone,
    eventZone,
    inclusiveEndDate: true,
    duration: textOf(node.duration),
  });
  if (!times) return null;
  // A hybrid event's stream link has no field of its own once the venue is the location: it goes with the description.
  const streamLink = place.text && place.online ? place.online : undefined;
  const description = cleanText([textOf(node.description), streamLink].filter(Boolean).join('\n'));
  const url = absoluteUrl(textOf(node.url), context.baseUrl) ?? context.pageUrl ?? place.online;
  const location = place.text ?? place.online;
  return {
    title,
    ...times,
    ...(eventZone ? { timeZone: eventZone } : {}),
    ...(location ? { location } : {}),
    ...(description ? { description } : {}),
    ...(url ? { url } : {}),
    source: 'json-ld',
    confidence: 0.95,
  };
}

interface Place {
  text?: string;
  online?: string;
  zone?: string;
}

/** A Place (with its PostalAddress), a bare address, a VirtualLocation's link, or plain text; a physical place wins over a link. */
function placeOf(value: unknown, byId: Map<string, Node>): Place {
  const place: Place = {};
  for (const raw of asArray(value)) {
    const item = resolve(raw, byId) ?? raw;
    if (typeof item === 'string') {
      const url = absoluteUrl(item);
      if (url) place.online ??= url;
      else place.text ??= cleanLine(item);
      continue;
    }
    if (!isNode(item)) continue;
    if (localTypes(item).includes('VirtualLocation')) {
      place.online ??= absoluteUrl(textOf(item.url)) ?? cleanLine(textOf(item.name));
      continue;
    }
    const address = resolve(item.address, byId) ?? item.address;
    const addressNode = isNode(address) ? address : localTypes(item).includes('PostalAddress') ? item : null;
    const name = localTypes(item).includes('PostalAddress') ? undefined : cleanLine(textOf(item.name));
    const street = typeof address === 'string' ? cleanLine(address) : addressNode ? addressOf(addressNode) : undefined;
    const text = placeText(name, street);
    if (text) place.text ??= text;
    place.zone ??= knownZone(textOf(item.timeZone) ?? textOf(item.timezone)) ?? (addressNode ? countryZone(addressNode.addressCountry, byId) : undefined);
  }
  return place;
}

function addressOf(address: Node): string | undefined {
  const country = address.addressCountry;
  return formatAddress({
    street: textOf(address.streetAddress),
    postalCode: textOf(address.postalCode),
    locality: textOf(address.addressLocality),
    region: textOf(address.addressRegion),
    country: isNode(country) ? textOf(country.name) : textOf(country),
  });
}

function countryZone(value: unknown, byId: Map<string, Node>): string | undefined {
  const country = resolve(value, byId) ?? value;
  return zoneOfCountry(isNode(country) ? (textOf(country.identifier) ?? textOf(country.name)) : textOf(country));
}

function resolve(value: unknown, byId: Map<string, Node>): Node | undefined {
  const first = asArray(value)[0];
  if (!isNode(first)) return undefined;
  return typeof first['@id'] === 'string' && Object.keys(first).length === 1 ? byId.get(first['@id']) : first;
}

/** A property's text: a string, a number, a `{"@value"}` literal, or the first of a list of them. */
function textOf(value: unknown): string | undefined {
  for (const item of asArray(value)) {
    if (typeof item === 'string' && item.trim()) return item.trim();
    if (typeof item === 'number' && Number.isFinite(item)) return String(item);
    if (isNode(item) && '@value' in item) return textOf(item['@value']);
  }
  return undefined;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
