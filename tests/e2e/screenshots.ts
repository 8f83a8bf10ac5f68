/**
 * `npm run screenshots`: the popup, side panel and options page in light and
 * dark, from the built extension in Chromium against the demo stack, into
 * docs/screenshots/ (shown in the README).
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROME_EXTENSION_ID } from '../../shared/extension-identity.ts';
import { buildExtension, CHROMIUM, startStack } from './harness.ts';

const extension = buildExtension('chrome');
const stack = await startStack('chrome');
const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'shots-')), {
  executablePath: CHROMIUM,
  headless: true,
  args: [`--disable-extensions-except=${extension}`, `--load-extension=${extension}`, '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
if (!context.serviceWorkers().length) await context.waitForEvent('serviceworker');
const base = `chrome-extension://${CHROME_EXTENSION_ID}`;
mkdirSync('docs/screenshots', { recursive: true });

const popup = await context.newPage();
await popup.setViewportSize({ width: 380, height: 560 });
await popup.goto(`${base}/popup.html`);
await popup.getByRole('button', { name: 'Connect Google Calendar' }).click();
await popup.getByText('Demo', { exact: true }).waitFor({ timeout: 20_000 });
await popup.getByLabel('Message').fill('lunch with anna@example.com tomorrow at 1pm');
await popup.getByRole('button', { name: 'Send' }).click();
await popup.getByRole('region', { name: 'Proposal' }).waitFor();

const panel = await context.newPage();
await panel.setViewportSize({ width: 420, height: 760 });
await panel.goto(`${base}/sidepanel.html`);
await panel.locator('.agenda-item').first().waitFor();
const options = await context.newPage();
await options.setViewportSize({ width: 640, height: 620 });
await options.goto(`${base}/options.html`);
await options.getByText('Companion server address').waitFor();

for (const scheme of ['light', 'dark'] as const) {
  for (const [name, page] of [['popup', popup], ['side-panel', panel], ['options', options]] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `docs/screenshots/${name}-${scheme}.png` });
  }
}
await context.close();
await stack.close();
console.log('wrote docs/screenshots/{popup,side-panel,options}-{light,dark}.png');
