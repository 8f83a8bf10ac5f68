/**
 * `npm run --silent extract -- --now ISO --tz IANA [--url URL] FILE.html`:
 * the events a page offers, best first, as {"events":[…]}.
 * `--selection "TEXT"` adds the reader's selection (with FILE) or reads the
 * text alone (without). An .ics file the page links to beside FILE is read
 * too; nothing is fetched. Bad input: a message on stderr and exit code 2.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { parseHTML } from 'linkedom';
import { knownZone, type EventCandidate } from '../shared/extraction/event-candidate.ts';
import { extractEvents, extractFromSelection, rankEventCandidates } from '../shared/extraction/extract-events.ts';
import { parseIcs } from '../shared/extraction/ics-links.ts';

const USAGE = 'usage: npm run --silent extract -- --now 2026-11-25T10:00:00+01:00 --tz Europe/Berlin [--url https://example.org/page] [--selection "TEXT"] [FILE.html]';

function fail(message: string): never {
  console.error(`extract: ${message}\n${USAGE}`);
  process.exit(2);
}

let parsed: ReturnType<typeof readArgs>;
try {
  parsed = readArgs();
} catch (error) {
  fail((error as Error).message);
}
const { values, positionals } = parsed;

function readArgs() {
  return parseArgs({
    allowPositionals: true,
    options: {
      now: { type: 'string' },
      tz: { type: 'string', default: process.env.TZ_USER ?? 'UTC' },
      url: { type: 'string' },
      selection: { type: 'string' },
    },
  });
}

const now = values.now ?? new Date().toISOString();
if (Number.isNaN(Date.parse(now))) fail(`--now is not a date: ${now}`);
if (!knownZone(values.tz)) fail(`--tz is not an IANA time zone: ${values.tz}`);
if (values.url !== undefined && !/^https?:\/\//i.test(values.url)) fail(`--url must be an http(s) address: ${values.url}`);
if (positionals.length > 1) fail(`one file at a time, got ${positionals.length}`);
const file = positionals[0];
if (!file && !values.selection?.trim()) fail('give an HTML file, a --selection, or both');

const options = { now, timeZone: values.tz!, ...(values.url ? { url: values.url } : {}) };
let events: EventCandidate[];
if (file) {
  let html: string;
  try {
    html = readFileSync(file, 'utf8');
  } catch (error) {
    fail(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  // linkedom needs a root element; a fragment saved from a page has none.
  const { document } = parseHTML(/<html[\s>]/i.test(html) ? html : `<!doctype html><html><body>${html}</body></html>`);
  const fromPage = extractEvents(document, { ...options, ...(values.selection ? { selection: values.selection } : {}) });
  events = rankEventCandidates([...fromPage, ...localIcsEvents(document, file)]);
} else {
  events = extractFromSelection(values.selection!, options);
}

console.log(JSON.stringify({ events: events.map(printable) }, null, 2));

/** The .ics files the page links to that sit beside it on disk (a saved page); web addresses are left alone. */
function localIcsEvents(document: Document, htmlFile: string): EventCandidate[] {
  if (values.url) return [];
  const base = pathToFileURL(resolve(htmlFile)).href;
  const links = Array.from(document.querySelectorAll('a[href]'))
    .map((a) => a.getAttribute('href') ?? '')
    .filter((href) => !/^[a-z][a-z0-9+.-]*:/i.test(href) && /\.ics(?:$|[?#])/i.test(href));
  const seen = new Set<string>();
  return links.flatMap((href) => {
    const path = fileURLToPath(new URL(href, base));
    if (!path.startsWith(dirname(resolve(htmlFile))) || seen.has(path)) return [];
    seen.add(path);
    try {
      return parseIcs(readFileSync(path, 'utf8'), { timeZone: options.timeZone });
    } catch {
      return [];
    }
  });
}

function printable(c: EventCandidate) {
  return {
    title: c.title,
    start: c.start,
    end: c.end,
    allDay: c.allDay,
    ...(c.allDay ? { startDate: c.startDate, endDate: c.endDate } : {}),
    location: c.location,
    description: c.description,
    url: c.url,
    source: c.source,
  };
}
