import type { LanguageCode } from '../assistant/intent-schema.ts';
import { absoluteUrl, eventCandidateSchema, knownZone, type EventCandidate, type EventSource, type SourceContext } from './event-candidate.ts';
import { extractGoogleCalendarLinks } from './google-calendar-links.ts';
import { extractHEvents } from './h-event.ts';
import { extractJsonLdEvents } from './json-ld.ts';
import { extractMicrodataEvents } from './microdata.ts';
import { extractTextEvents } from './selection-text.ts';
import { extractTimeElementEvents } from './time-elements.ts';

export const MAX_CANDIDATES = 20;
/** A calendar page can carry thousands of events; merging compares pairs, so only the best few hundred are looked at. */
const MAX_CONSIDERED = 200;

export interface ExtractOptions {
  now: Date | string;
  timeZone: string;
  /** The page's address: relative links resolve against it, and events without their own address get it. */
  url?: string;
  /** Text the reader selected; its events come first. */
  selection?: string;
  /** The selection's language, when known; detected otherwise. */
  language?: LanguageCode;
}

/** Structured data, then links, then bare times, then prose: how much the page's author meant it as an event. */
const TIER: Record<EventSource, number> = { 'json-ld': 0, microdata: 0, 'h-event': 0, 'google-calendar-link': 1, ics: 1, 'time-element': 2, text: 3 };

/**
 * Every event the page offers, best first and each once. With a selection,
 * the page's events that the selection mentions come first, else the events
 * read from the selected text. A source that fails leaves the others be.
 * Throws a RangeError for an unknown zone or an unreadable `now`: those are the caller's mistakes.
 */
export function extractEvents(doc: Document, options: ExtractOptions): EventCandidate[] {
  const context = contextOf(doc, options);
  const page = [
    ...safely(() => extractJsonLdEvents(doc, context)),
    ...safely(() => extractMicrodataEvents(doc, context)),
    ...safely(() => extractHEvents(doc, context)),
    ...safely(() => extractGoogleCalendarLinks(doc, context)),
    ...safely(() => extractTimeElementEvents(doc, { ...context, now: options.now })),
  ];
  const selection = options.selection?.trim();
  if (!selection) return rankEventCandidates(page);
  const fromText = safely(() => extractTextEvents(selection, { ...options, pageUrl: context.pageUrl }));
  const mentioned = page.filter((candidate) => mentionedIn(selection, candidate));
  const groups = mentioned.length ? [mentioned, fromText, page.filter((c) => !mentioned.includes(c))] : [fromText, page];
  return orderGroups(groups);
}

/** Events in a piece of text alone (a selection with no page around it), best first. */
export function extractFromSelection(text: string, options: Omit<ExtractOptions, 'selection'>): EventCandidate[] {
  checkOptions(options);
  return rankEventCandidates(safely(() => extractTextEvents(text, { ...options, ...(options.url ? { pageUrl: absoluteUrl(options.url) } : {}) })));
}

/**
 * Best first, each event once, at most 20: the order `extractEvents` gives,
 * for callers that add candidates of their own (the events of a fetched .ics).
 */
export function rankEventCandidates(candidates: EventCandidate[]): EventCandidate[] {
  return orderGroups([candidates]);
}

function orderGroups(groups: EventCandidate[][]): EventCandidate[] {
  const ordered = groups.flatMap((group) => sortByQuality(group)).slice(0, MAX_CONSIDERED);
  const kept: EventCandidate[] = [];
  for (const candidate of ordered) {
    const at = kept.findIndex((k) => sameEvent(k, candidate));
    if (at === -1) kept.push(candidate);
    else kept[at] = merge(kept[at]!, candidate);
  }
  return kept.filter((c) => eventCandidateSchema.safeParse(c).success).slice(0, MAX_CANDIDATES);
}

function sortByQuality(candidates: EventCandidate[]): EventCandidate[] {
  return candidates
    .map((candidate, index) => ({ candidate, index }))
    .sort((a, b) => quality(b.candidate) - quality(a.candidate) || a.index - b.index)
    .map(({ candidate }) => candidate);
}

/** Tier first; within it the more complete, then the surer. Prose keeps its writer's order: there the first event named is the point. */
function quality(c: EventCandidate): number {
  const complete = c.source === 'text' ? 0 : (c.end || c.allDay ? 2 : 0) + (c.location ? 1 : 0) + (c.description ? 1 : 0);
  return (3 - TIER[c.source]) * 100 + complete * 10 + (c.source === 'text' ? 0 : c.confidence);
}

/**
 * Two findings of one event: titles alike and the same start, or the same day
 * when one of them is all-day. The same wall-clock time counts too: a page's
 * `<time>` without offset is read in the reader's zone, its JSON-LD in the venue's.
 */
function sameEvent(a: EventCandidate, b: EventCandidate): boolean {
  if (!titlesAlike(a.title, b.title)) return false;
  if (!a.allDay && !b.allDay) return Date.parse(a.start!) === Date.parse(b.start!) || a.start!.slice(0, 16) === b.start!.slice(0, 16);
  const dayOf = (c: EventCandidate) => (c.allDay ? c.startDate : c.start!.slice(0, 10));
  return dayOf(a) === dayOf(b);
}

/** Most words of the shorter title are in the longer, and no number differs ("Meetup #87" is not "Meetup #88"). */
function titlesAlike(a: string, b: string): boolean {
  const [short, long] = [words(a), words(b)].sort((x, y) => x.length - y.length) as [string[], string[]];
  if (!short.length) return false;
  const numbers = (list: string[]) => list.filter((w) => /^\d+$/.test(w)).join(' ');
  if (numbers(short) && numbers(long) && numbers(short) !== numbers(long)) return false;
  return short.filter((w) => long.includes(w)).length / short.length >= 0.8;
}

function words(title: string): string[] {
  return title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** The surer finding (tier, then source confidence) keeps its times and words; the other fills what it lacks. It takes the earlier place. */
function merge(kept: EventCandidate, other: EventCandidate): EventCandidate {
  const otherFirst = TIER[other.source] - TIER[kept.source] || kept.confidence - other.confidence;
  const [base, extra] = otherFirst < 0 ? [other, kept] : [kept, other];
  const sameKind = base.allDay === extra.allDay;
  return {
    ...base,
    ...(sameKind && !base.allDay && !base.end && extra.end ? { end: extra.end } : {}),
    ...(!base.timeZone && extra.timeZone && sameKind ? { timeZone: extra.timeZone } : {}),
    ...(!base.location && extra.location ? { location: extra.location } : {}),
    ...(!base.description && extra.description ? { description: extra.description } : {}),
    ...(!base.url && extra.url ? { url: extra.url } : {}),
    confidence: Math.max(base.confidence, extra.confidence),
  };
}

/** A page event the reader selected: its title is in the selection, or the selection is part of its description. */
function mentionedIn(selection: string, candidate: EventCandidate): boolean {
  const flat = (s: string) => words(s).join(' ');
  const selected = flat(selection);
  const title = flat(candidate.title);
  if (title.length >= 4 && ` ${selected} `.includes(` ${title} `)) return true;
  return selected.length >= 20 && Boolean(candidate.description && flat(candidate.description).includes(selected));
}

function contextOf(doc: Document, options: ExtractOptions): SourceContext {
  checkOptions(options);
  const pageUrl = absoluteUrl(options.url);
  const baseHref = doc.querySelector('base[href]')?.getAttribute('href');
  const baseUrl = absoluteUrl(baseHref, pageUrl) ?? pageUrl ?? absoluteUrl(doc.baseURI);
  return { timeZone: knownZone(options.timeZone)!, ...(pageUrl ? { pageUrl } : {}), ...(baseUrl ? { baseUrl } : {}) };
}

function checkOptions(options: { now: Date | string; timeZone: string }): void {
  if (!knownZone(options.timeZone)) throw new RangeError(`unknown time zone ${options.timeZone}`);
  if (Number.isNaN(new Date(options.now).getTime())) throw new RangeError(`unreadable now ${String(options.now)}`);
}

function safely(run: () => EventCandidate[]): EventCandidate[] {
  try {
    return run();
  } catch {
    return [];
  }
}
