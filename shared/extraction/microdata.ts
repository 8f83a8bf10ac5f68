import { absoluteUrl, cleanLine, cleanText, elementText, eventTimes, formatAddress, placeText, zoneOfCountry, type EventCandidate, type SourceContext } from './event-candidate.ts';

type Properties = Map<string, Element[]>;

const EVENT_TYPE = /^https?:\/\/(?:www\.)?schema\.org\/(?:\w*Event|Festival|Hackathon|CourseInstance|EventSeries)$/i;
const SKIPPED_STATUS = /(?:EventCancelled|EventPostponed)$/;

/**
 * schema.org events written as HTML microdata: an `itemscope` whose
 * `itemtype` is an Event type, its `itemprop`s read the way the microdata
 * spec says (`<meta content>`, `<time datetime>`, `<a href>`, text), a
 * nested Place with its PostalAddress for the location.
 */
export function extractMicrodataEvents(doc: Document, context: SourceContext): EventCandidate[] {
  return Array.from(doc.querySelectorAll('[itemscope][itemtype]'))
    .filter((scope) => (scope.getAttribute('itemtype') ?? '').split(/\s+/).some((type) => EVENT_TYPE.test(type)))
    .flatMap((scope) => {
      const candidate = candidateOf(scope, context);
      return candidate ? [candidate] : [];
    });
}

function candidateOf(scope: Element, context: SourceContext): EventCandidate | null {
  const props = propertiesOf(scope);
  const status = first(props, 'eventStatus');
  if (status && SKIPPED_STATUS.test(valueOf(status, context))) return null;
  const title = cleanLine(text(props, 'name', context));
  if (!title) return null;
  const place = placeOf(first(props, 'location'), context);
  const times = eventTimes(text(props, 'startDate', context), text(props, 'endDate', context), {
    userZone: context.timeZone,
    eventZone: place.zone,
    inclusiveEndDate: true,
    duration: text(props, 'duration', context),
  });
  if (!times) return null;
  const description = cleanText(text(props, 'description', context));
  const url = absoluteUrl(text(props, 'url', context), context.baseUrl) ?? context.pageUrl;
  return {
    title,
    ...times,
    ...(place.zone ? { timeZone: place.zone } : {}),
    ...(place.text ? { location: place.text } : {}),
    ...(description ? { description } : {}),
    ...(url ? { url } : {}),
    source: 'microdata',
    confidence: 0.9,
  };
}

/** The scope's own properties: a nested itemscope is one property's value, and its insides belong to it. */
function propertiesOf(scope: Element): Properties {
  const props: Properties = new Map();
  const walk = (element: Element) => {
    for (const child of Array.from(element.children)) {
      for (const name of (child.getAttribute('itemprop') ?? '').split(/\s+/).filter(Boolean)) {
        props.set(name, [...(props.get(name) ?? []), child]);
      }
      if (!child.hasAttribute('itemscope')) walk(child);
    }
  };
  walk(scope);
  return props;
}

/** A property's value by the element that carries it (HTML's microdata rules, plus `content` on any element as pages do). */
function valueOf(element: Element, context: SourceContext): string {
  const attribute = (name: string) => element.getAttribute(name) ?? '';
  if (element.hasAttribute('content')) return attribute('content');
  switch (element.tagName.toLowerCase()) {
    case 'time':
      return element.hasAttribute('datetime') ? attribute('datetime') : elementText(element);
    case 'a':
    case 'area':
    case 'link':
      return absoluteUrl(attribute('href'), context.baseUrl) ?? attribute('href');
    case 'img':
    case 'audio':
    case 'video':
    case 'source':
    case 'iframe':
    case 'embed':
      return attribute('src');
    case 'data':
    case 'meter':
      return attribute('value');
    case 'object':
      return attribute('data');
    default:
      return elementText(element);
  }
}

function first(props: Properties, name: string): Element | undefined {
  return props.get(name)?.[0];
}

function text(props: Properties, name: string, context: SourceContext): string | undefined {
  const element = first(props, name);
  return element ? valueOf(element, context).trim() || undefined : undefined;
}

/** A nested Place (name and PostalAddress), or the location's text. */
function placeOf(element: Element | undefined, context: SourceContext): { text?: string; zone?: string } {
  if (!element) return {};
  if (!element.hasAttribute('itemscope')) return { text: cleanLine(valueOf(element, context)) };
  const props = propertiesOf(element);
  const addressElement = first(props, 'address');
  const address = addressElement?.hasAttribute('itemscope') ? propertiesOf(addressElement) : null;
  const part = (name: string) => (address ? cleanLine(text(address, name, context)) : undefined);
  const street = address ? formatAddress({ street: part('streetAddress'), postalCode: part('postalCode'), locality: part('addressLocality'), region: part('addressRegion'), country: part('addressCountry') }) : cleanLine(text(props, 'address', context));
  const name = cleanLine(text(props, 'name', context)) ?? (props.size === 0 ? cleanLine(elementText(element)) : undefined);
  return { text: placeText(name, street), zone: zoneOfCountry(part('addressCountry')) };
}
