/**
 * Time to interactive of the popup (the message box enabled, on a cached
 * session) and of the side panel with 500 events in the coming week, each as
 * a ratio to an extension page with nothing to run. Real Chromium, built extension.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type BrowserContext } from 'playwright-core';
import { CHROME_EXTENSION_ID } from '../../shared/extension-identity.ts';
import { buildExtension, CHROMIUM, startStack } from '../e2e/harness.ts';

if (!existsSync(CHROMIUM)) {
  console.log(`bench:ui skipped: ${CHROMIUM} not installed`);
  process.exit(0);
}
const ROUNDS = 15;
const extension = buildExtension('chrome');
const stack = await startStack('chrome');
const account = stack.emulator.ctx.store.accountByEmail('demo@example.com')!;
const monday = Date.now();
for (let i = 0; i < 500; i++) {
  const start = monday + Math.floor(i / 70) * 86_400_000 + (i % 70) * 600_000;
  stack.emulator.ctx.calendars.insert(account, 'primary', { summary: `Bench event ${i}`, start: { dateTime: new Date(start).toISOString() }, end: { dateTime: new Date(start + 600_000).toISOString() } });
}
const context: BrowserContext = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'bench-ui-')), {
  executablePath: CHROMIUM,
  headless: true,
  args: [`--disable-extensions-except=${extension}`, `--load-extension=${extension}`, '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
if (!context.serviceWorkers().length) await context.waitForEvent('serviceworker');
const base = `chrome-extension://${CHROME_EXTENSION_ID}`;
const first = await context.newPage();
await first.goto(`${base}/popup.html`);
await first.getByRole('button', { name: 'Connect Google Calendar' }).click();
await first.locator('#message').waitFor({ timeout: 20_000 });
await first.close();

async function timeIt(path: string, ready: string): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const page = await context.newPage();
    const t = performance.now();
    await page.goto(`${base}/${path}`);
    await page.locator(ready).first().waitFor({ timeout: 20_000 });
    samples.push(performance.now() - t);
    await page.close();
  }
  return samples.sort((a, b) => a - b);
}
const median = (s: number[]) => s[Math.floor(s.length / 2)]!;
const empty = await timeIt('_locales/en/messages.json', 'body');
const popup = await timeIt('popup.html', '#message:enabled');
const panel = await timeIt('sidepanel.html', '[aria-label="Events"] .agenda-item');
console.log(`extension page with nothing to run: median ${median(empty).toFixed(0)} ms`);
console.log(`popup, cached session, message box enabled: median ${median(popup).toFixed(0)} ms (${(median(popup) / median(empty)).toFixed(1)}x), max ${popup.at(-1)!.toFixed(0)} ms`);
console.log(`side panel, 500 events this week rendered: median ${median(panel).toFixed(0)} ms (${(median(panel) / median(empty)).toFixed(1)}x), max ${panel.at(-1)!.toFixed(0)} ms`);
await context.close();
await stack.close();
