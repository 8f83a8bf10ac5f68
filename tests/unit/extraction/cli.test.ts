import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const NOW = ['--now', '2026-11-25T10:00:00+01:00', '--tz', 'Europe/Berlin'];

function extract(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/extract.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('scripts/extract.ts', () => {
  it('prints a page’s events best first', () => {
    const run = extract(...NOW, 'tests/fixtures/pages/conference-json-ld-graph.html');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      events: [
        {
          title: 'Northwind Data Summit 2026',
          start: '2026-12-08T09:00:00+00:00',
          end: '2026-12-09T17:30:00+00:00',
          allDay: false,
          location: 'Riverside Conference Centre, 12 Wharf Road, N1 7GR London',
          description: 'Two days of talks & workshops on data engineering, analytics and the people who do it.',
          url: 'https://summit.northwind.example/',
          source: 'json-ld',
        },
      ],
    });
  });

  it('reads a selection on its own', () => {
    const run = extract(...NOW, '--url', 'https://example.org/newsletter', '--selection', 'Winter Social\nJoin us next Thursday at 6pm at the Community Hall.');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).events).toEqual([
      { title: 'Winter Social', start: '2026-12-03T18:00:00+01:00', allDay: false, location: 'Community Hall', description: 'Winter Social\nJoin us next Thursday at 6pm at the Community Hall.', url: 'https://example.org/newsletter', source: 'text' },
    ]);
  });

  it('reads an .ics file the page links to beside it, with all-day dates', () => {
    const run = extract(...NOW, 'tests/fixtures/pages/ics-link.html');
    expect(run.status).toBe(0);
    const events = JSON.parse(run.stdout).events as Array<Record<string, unknown>>;
    expect(events.map((e) => e.title)).toEqual(['Winter Market: Opening Night', 'Lindenau Winter Market', 'Stallholders briefing', "Children's choir on the main stage"]);
    expect(events[1]).toMatchObject({ allDay: true, startDate: '2026-12-12', endDate: '2026-12-14', source: 'ics' });
  });

  it.each([
    ['no file and no selection', [...NOW], /give an HTML file/],
    ['a file that is not there', [...NOW, 'tests/fixtures/pages/missing.html'], /cannot read .*missing\.html/],
    ['an unknown zone', ['--tz', 'Mars/Olympus', 'tests/fixtures/pages/no-event.html'], /--tz is not an IANA time zone/],
    ['an unreadable now', ['--now', 'soon', '--tz', 'UTC', 'tests/fixtures/pages/no-event.html'], /--now is not a date/],
    ['a page address that is not http(s)', [...NOW, '--url', 'file:///etc/passwd', 'tests/fixtures/pages/no-event.html'], /--url must be/],
    ['an unknown option', [...NOW, '--verbose', 'tests/fixtures/pages/no-event.html'], /Unknown option/],
  ])('exits 2 with a message for %s', (_case, args, message) => {
    const run = extract(...args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });
});
