import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROME_EXTENSION_ID } from '../../shared/extension-identity.ts';
import { calendarClientFor, signIn } from '../support/google-emulator.ts';
import { serviceMissing } from '../support/services.ts';
import { buildExtension, buildWeb, CHROMIUM, companionUrl, startStack, type Stack } from './harness.ts';

const require = createRequire(import.meta.url);
const SYNC_SECONDS = 5;
const POLL_SECONDS = 5;
const available = existsSync(CHROMIUM);
if (!available) serviceMissing('Chromium', `${CHROMIUM} not found (apt-get install -y chromium)`);

describe.skipIf(!available)('the extension in real Chromium', () => {
  let stack: Stack;
  let context: BrowserContext;
  const base = `chrome-extension://${CHROME_EXTENSION_ID}`;

  beforeAll(async () => {
    const extension = buildExtension('chrome');
    // The companion's shortest sync interval, so a change made in Google reaches its copy within seconds.
    // Writes Google refuses are tried again every second or two, and given up on after three tries.
    stack = await startStack('chrome', buildWeb(), { SYNC_EVERY_SECONDS: String(SYNC_SECONDS), RETRY_WRITES_EVERY_SECONDS: '1', RETRY_WRITE_BASE_SECONDS: '1', RETRY_WRITE_MAX_ATTEMPTS: '3' });
    context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'chromium-')), {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        `--disable-extensions-except=${extension}`,
        `--load-extension=${extension}`,
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    if (!context.serviceWorkers().length) await context.waitForEvent('serviceworker', { timeout: 15_000 });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await stack?.close();
  });

  /** What the "Schedule this" menu item does for the tab showing `url` (a headless browser cannot right-click). */
  const scheduleThis = (url: string) =>
    context.serviceWorkers()[0]!.evaluate(async (pageUrl) => {
      const api = (globalThis as unknown as { chrome: { tabs: { query(q: { url: string }): Promise<Array<{ id: number }>> } } }).chrome;
      const [tab] = await api.tabs.query({ url: pageUrl });
      await (globalThis as unknown as { scheduleThis(id: number): Promise<void> }).scheduleThis(tab!.id);
    }, url);

  /** The demo account's events in Google with this title, cancelled ones left out. */
  const liveInGoogle = (title: string) => [...stack.emulator.ctx.store.eventsOf('demo@example.com').values()].filter((e) => e.resource.summary === title && e.resource.status !== 'cancelled');

  const open = async (path: string): Promise<Page> => {
    const page = await context.newPage();
    await page.goto(`${base}/${path}`);
    return page;
  };

  it('runs its service worker under the pinned id', () => {
    expect(context.serviceWorkers()[0]!.url()).toBe(`${base}/background.js`);
  });

  it('signs in, proposes, confirms, and shows the event in the side panel and in Google', async () => {
    const popup = await open('popup.html');
    await popup.getByRole('button', { name: 'Connect Google Calendar' }).click();
    await popup.getByText('Demo', { exact: true }).waitFor({ timeout: 20_000 });
    await popup.getByLabel('Message').fill('lunch with anna tomorrow at 1');
    await popup.getByRole('button', { name: 'Send' }).click();
    const card = popup.getByRole('region', { name: 'Proposal' });
    await card.waitFor();
    expect(await card.textContent()).toContain('Lunch with anna');
    await card.getByRole('button', { name: 'Confirm' }).click();
    await popup.getByRole('button', { name: 'Undo' }).waitFor();
    const lunches = [...stack.emulator.ctx.store.eventsOf('demo@example.com').values()].filter((e) => e.resource.summary === 'Lunch with anna');
    expect(lunches).toHaveLength(1);
    expect(lunches[0]!.resource.start.dateTime).toMatch(/T13:00:00/);

    const panel = await open('sidepanel.html');
    await panel.getByRole('region', { name: 'Agenda' }).or(panel.getByLabel('Agenda')).first().waitFor();
    await panel.getByText('Lunch with anna').first().waitFor();
  }, 60_000);

  it('keeps trying a confirm Google refuses, says so, and writes it once when Google is back; a write given up on can be tried again', async () => {
    const popup = await open('popup.html');
    const count = (title: string) => liveInGoogle(title).length;
    const refuse = () => stack.emulator.ctx.faults.add({ kind: 'status', status: 503, count: 100_000, match: { operation: 'calendar.events.insert' } });

    try {
      refuse();
      await popup.getByLabel('Message').fill('book a dentist appointment tomorrow at 10:30');
      await popup.getByRole('button', { name: 'Send' }).click();
      await popup.getByRole('region', { name: 'Proposal' }).last().getByRole('button', { name: 'Confirm' }).click();
      await popup.getByText(/not answering right now/).waitFor({ timeout: 20_000 });
      const waiting = popup.getByRole('list', { name: 'Changes waiting for Google' });
      await waiting.getByText(/Waiting for Google Calendar: .Dentist appointment/).waitFor({ timeout: 10_000 });
      expect(count('Dentist appointment')).toBe(0);
      stack.emulator.ctx.faults.clear();
      await waiting.waitFor({ state: 'detached', timeout: 20_000 });
      expect(count('Dentist appointment')).toBe(1);

      refuse();
      await popup.getByLabel('Message').fill('haircut tomorrow at 5pm');
      await popup.getByRole('button', { name: 'Send' }).click();
      await popup.getByRole('region', { name: 'Proposal' }).last().getByRole('button', { name: 'Confirm' }).click();
      const gaveUp = popup.getByRole('listitem').filter({ has: popup.getByRole('alert').filter({ hasText: /Not saved: .Haircut/ }) });
      await gaveUp.waitFor({ timeout: 30_000 });
      stack.emulator.ctx.faults.clear();
      await gaveUp.getByRole('button', { name: 'Try again' }).click();
      await gaveUp.waitFor({ state: 'detached', timeout: 20_000 });
      await expect.poll(() => count('Haircut'), { timeout: 10_000 }).toBe(1);
    } finally {
      // Whatever happened here, the next tests meet a Google that answers.
      stack.emulator.ctx.faults.clear();
      await popup.close();
    }
  }, 90_000);

  it('lets the user edit a proposed event before it is written, and undo it', async () => {
    const popup = await open('popup.html');
    await popup.getByLabel('Message').fill('gym tomorrow at 6pm');
    await popup.getByRole('button', { name: 'Send' }).click();
    const card = popup.getByRole('region', { name: 'Proposal' }).last();
    await card.getByRole('button', { name: 'Edit' }).click();
    await card.getByLabel('Title').fill('Gym with Kai');
    await card.getByLabel('Minutes').fill('90');
    await card.getByRole('button', { name: 'Confirm' }).click();
    await popup.getByText('✓ Gym with Kai').waitFor();
    const gym = () => liveInGoogle('Gym with Kai');
    expect(gym()).toHaveLength(1);
    const { start, end } = gym()[0]!.resource;
    expect(Date.parse(end.dateTime!) - Date.parse(start.dateTime!)).toBe(90 * 60_000);
    await popup.getByRole('button', { name: 'Undo' }).last().click();
    await expect.poll(() => gym().length).toBe(0);
  }, 30_000);

  it('switches the side panel between agenda, week, month and free time', async () => {
    const panel = await open('sidepanel.html');
    await panel.getByRole('button', { name: 'Week' }).click();
    await panel.getByLabel('Week').getByText('Lunch with anna').first().waitFor();
    await panel.getByRole('button', { name: 'Month' }).click();
    await panel.getByRole('table', { name: 'Month' }).waitFor();
    await panel.getByRole('button', { name: 'Free time' }).click();
    await panel.getByRole('list', { name: 'Free time' }).or(panel.getByText('No free time this week')).first().waitFor();
    expect(await panel.getByRole('checkbox').count()).toBeGreaterThanOrEqual(2); // the demo account has two calendars
  }, 30_000);

  it('shows an event created, moved and deleted directly in Google in the open side panel, without a reload', async () => {
    // The panel polls every POLL_SECONDS and shows times in UTC, so the expected text does not depend on the machine.
    await context.serviceWorkers()[0]!.evaluate(async (poll) => {
      const api = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, object>>; set(v: object): Promise<void> } } } }).chrome;
      const { settings } = await api.storage.local.get('settings');
      await api.storage.local.set({ settings: { ...settings, feedPollSeconds: poll, timeZone: 'UTC' } });
    }, POLL_SECONDS);
    const panel = await open('sidepanel.html');
    await panel.locator('.agenda, .empty').first().waitFor();
    // Another Google client (the user in Google Calendar): the companion does not see these writes happen.
    const google = calendarClientFor(stack.emulator, await signIn(stack.emulator, 'demo@example.com', { accessType: 'online' }));
    const day = new Date();
    day.setUTCHours(0, 0, 0, 0);
    const at = (hour: number) => new Date(day.getTime() + (24 + hour) * 3_600_000).toISOString(); // tomorrow, UTC
    const shown = (iso: string) => panel.evaluate((i) => new Date(i).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }), iso);
    const row = panel.locator('.agenda-item', { hasText: 'Dentist (made in Google)' });
    // One sync of the companion's copy plus one poll of the panel, and a little for the browser.
    const budget = (SYNC_SECONDS + POLL_SECONDS + 3) * 1000;
    const took: Record<string, number> = {};
    const timed = async <T,>(name: string, change: () => Promise<T>, seen: () => Promise<unknown>): Promise<T> => {
      const result = await change();
      const started = Date.now();
      await seen();
      took[name] = Date.now() - started;
      return result;
    };

    const created = await timed(
      'created',
      () => google.events.insert({ calendarId: 'primary', requestBody: { summary: 'Dentist (made in Google)', start: { dateTime: at(9) }, end: { dateTime: at(10) } } }),
      () => row.waitFor({ timeout: budget }),
    );
    const id = created.data.id!;
    expect(await row.locator('.when').textContent()).toContain(await shown(at(9)));

    const moved = await shown(at(15));
    await timed(
      'moved',
      () => google.events.patch({ calendarId: 'primary', eventId: id, requestBody: { start: { dateTime: at(15) }, end: { dateTime: at(16) } } }),
      () => panel.waitForFunction((text) => [...document.querySelectorAll('.agenda-item')].some((li) => li.textContent?.includes('Dentist (made in Google)') && li.querySelector('.when')?.textContent?.includes(text)), moved, { timeout: budget }),
    );
    await expect(row.count()).resolves.toBe(1);

    await timed('deleted', () => google.events.delete({ calendarId: 'primary', eventId: id }), () => row.waitFor({ state: 'detached', timeout: budget }));
    console.log(`side panel caught up with Google (sync every ${SYNC_SECONDS} s, poll every ${POLL_SECONDS} s): ${JSON.stringify(took)} ms`);
    for (const ms of Object.values(took)) expect(ms).toBeLessThan(budget);

    await context.serviceWorkers()[0]!.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, object>>; set(v: object): Promise<void> } } } }).chrome;
      const { settings } = await api.storage.local.get('settings');
      await api.storage.local.set({ settings: { ...settings, timeZone: '' } });
    });
  }, 90_000);

  it('schedules an event found on a page, and a draft confirmed offline is written exactly once when back online', async () => {
    const page = await context.newPage();
    const url = `${companionUrl('chrome')}/__fixtures/conference-json-ld-graph.html`;
    await page.goto(url);
    await scheduleThis(url);
    const panel = await open('sidepanel.html');
    const draft = panel.getByRole('region', { name: 'Event found on the page' });
    await draft.waitFor();
    const title = (await draft.locator('strong').first().textContent())!;
    expect(title.length).toBeGreaterThan(3);
    const count = () => liveInGoogle(title).length;

    await context.setOffline(true);
    await draft.getByRole('button', { name: 'Add to calendar' }).click();
    await panel.getByText('Waiting to reach the companion…').waitFor();
    await panel.getByText('Changes waiting to be sent: 1').waitFor();
    expect(count()).toBe(0);
    await context.setOffline(false);
    await panel.getByText('Added.').waitFor({ timeout: 15_000 });
    expect(count()).toBe(1);
  }, 60_000);

  it.each(['popup.html', 'sidepanel.html', 'options.html'])('%s has no serious or critical accessibility violations (axe-core), light and dark', async (path) => {
    const page = await open(path);
    await page.locator('main').waitFor();
    await page.waitForFunction(() => !document.body.textContent?.includes('Loading…'));
    // DevTools evaluation is not bound by the extension page's CSP, so axe can be loaded this way.
    await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      const violations = await page.evaluate(async () => {
        const axe = (globalThis as unknown as { axe: { run(o: object): Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }> } }).axe;
        const result = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
        return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
      });
      expect(violations, `${path} ${scheme}`).toEqual([]);
    }
  });

  it("reads the events of an .ics file the page links to", async () => {
    const page = await context.newPage();
    const url = `${companionUrl('chrome')}/__fixtures/ics-link.html`;
    await page.goto(url);
    await scheduleThis(url);
    const panel = await open('sidepanel.html');
    const draft = panel.getByRole('region', { name: 'Event found on the page' });
    await draft.waitFor();
    expect(await draft.textContent()).toContain('Winter Market: Opening Night');
  }, 30_000);

  it('serves the same app as a web dashboard at / with the cookie session', async () => {
    const page = await context.newPage();
    await page.goto(`${companionUrl('chrome')}/`);
    await page.getByRole('button', { name: 'Connect Google Calendar' }).click();
    await page.waitForURL(`${companionUrl('chrome')}/`);
    await page.getByText('Demo', { exact: true }).waitFor({ timeout: 20_000 });
    await page.getByLabel('Message').fill('coffee with bea tomorrow at 3pm');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('region', { name: 'Proposal' }).getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('button', { name: 'Undo' }).waitFor();
    const made = [...stack.emulator.ctx.store.eventsOf('demo@example.com').values()].filter((e) => e.resource.summary === 'Coffee with bea');
    expect(made).toHaveLength(1);
    const cookies = await context.cookies(companionUrl('chrome'));
    expect(cookies.find((c) => c.name === 'ca_session')?.httpOnly).toBe(true);
  }, 60_000);

  it('holds no Google token or secret in its storage', async () => {
    const page = await open('popup.html');
    const stored = await page.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: { storage: { local: { get(keys: null): Promise<unknown> } } } }).chrome;
      return JSON.stringify(await api.storage.local.get(null));
    });
    expect(stored).toMatch(/cat_/);
    expect(stored).not.toMatch(/ya29\.|1\/\/|client_secret|demo-client-secret/);
  });
});
