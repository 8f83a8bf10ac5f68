import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIREFOX_ADDON_ID } from '../../shared/extension-identity.ts';
import { serviceMissing } from '../support/services.ts';
import { buildExtension, FIREFOX, startStack, type Stack } from './harness.ts';

const available = existsSync(FIREFOX);
if (!available) serviceMissing('Firefox', `${FIREFOX} not found (apt-get install -y firefox-esr)`);

/** Pinned so the test knows the moz-extension:// origin of the add-on (see shared/notes/firefox-e2e.md). */
const UUID = '6f1c9d2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f';

describe.skipIf(!available)('the extension in real Firefox', () => {
  let stack: Stack;
  let browser: Browser;
  const base = `moz-extension://${UUID}`;

  beforeAll(async () => {
    const extension = buildExtension('firefox');
    stack = await startStack('firefox');
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      args: ['--profile', mkdtempSync(join(tmpdir(), 'firefox-')), '--remote-allow-system-access'],
      extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_ADDON_ID]: UUID }) },
    });
    await browser.installExtension(extension);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  /** Firefox sends no load event for extension pages: start the navigation and wait for content instead. */
  const open = async (path: string, selector: string): Promise<Page> => {
    const page = await browser.newPage();
    void page.goto(`${base}/${path}`).catch(() => undefined);
    await page.waitForSelector(selector, { timeout: 20_000 });
    return page;
  };
  const clickButton = (page: Page, name: string) =>
    page.evaluate((label) => {
      const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === label);
      if (!button) throw new Error(`no button ${label}`);
      button.click();
    }, name);

  it('renders the popup, signs in, creates an event on confirm, and lists it in the sidebar', async () => {
    const popup = await open('popup.html', 'main');
    await popup.waitForFunction(() => document.body.textContent?.includes('Connect Google Calendar'), { timeout: 20_000 });
    await clickButton(popup, 'Connect Google Calendar');
    await popup.waitForFunction(() => document.querySelector('.badge.demo') !== null, { timeout: 30_000 });
    await popup.type('#message', 'dentist friday at 10:30');
    await clickButton(popup, 'Send');
    await popup.waitForFunction(() => document.querySelector('section[aria-label="Proposal"]') !== null, { timeout: 20_000 });
    await clickButton(popup, 'Confirm');
    await popup.waitForFunction(() => [...document.querySelectorAll('button')].some((b) => b.textContent === 'Undo'), { timeout: 20_000 });
    const dentists = [...stack.emulator.ctx.store.eventsOf('demo@example.com').values()].filter((e) => e.resource.summary === 'Dentist' && e.resource.start.dateTime?.includes('T10:30:00'));
    expect(dentists).toHaveLength(1);

    const sidebar = await open('sidepanel.html', 'main');
    await sidebar.waitForFunction(() => [...document.querySelectorAll('.agenda-item')].some((li) => li.textContent?.includes('Dentist')), { timeout: 20_000 });
  }, 120_000);
});
