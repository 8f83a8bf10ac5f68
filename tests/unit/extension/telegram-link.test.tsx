import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { TelegramLink, type TelegramLinkProps } from '../../../extension/components/TelegramLink.tsx';

const noop = () => undefined;
const render = (props: Partial<TelegramLinkProps>) =>
  renderToStaticMarkup(<TelegramLink status={{ enabled: true, botUsername: 'CalBot', linked: null }} code={null} error={null} onGetCode={noop} onUnlink={noop} {...props} />);

describe('the Telegram section of the options page', () => {
  it('is not there when the companion has no bot, or cannot be asked', () => {
    expect(render({ status: { enabled: false, botUsername: null, linked: null } })).toBe('');
    expect(render({ status: null })).toBe('');
  });

  it('offers a link code', () => {
    expect(render({})).toMatch(/<button type="button">Get a link code<\/button>/);
  });

  it('shows the code, what to send to whom, until when, and the deep link', () => {
    const html = render({ code: { code: 'K7QM3XRP', expiresAt: '2026-11-25T10:10:00Z', botUsername: 'CalBot', deepLink: 'https://t.me/CalBot?start=K7QM3XRP' } });
    expect(html).toContain('Send this message to @CalBot in Telegram:');
    expect(html).toContain('<code>/link K7QM3XRP</code>');
    expect(html).toMatch(/The code works once, until \d\d:\d\d/);
    expect(html).toContain('href="https://t.me/CalBot?start=K7QM3XRP"');
    expect(html).not.toContain('Get a link code');
  });

  it('shows the link with an Unlink button', () => {
    const html = render({ status: { enabled: true, botUsername: 'CalBot', linked: { username: 'anna', linkedAt: '2026-11-25T10:00:00Z' } } });
    expect(html).toContain('Linked to Telegram as @anna.');
    expect(html).toContain('>Unlink Telegram<');
  });

  it('says so when too many codes were asked for', () => {
    expect(render({ error: 'rate_limited' })).toContain('role="alert">Too many codes asked for.');
  });
});
