import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isAllowedExtensionOrigin, isAllowedExtensionRedirect } from '../../../server/auth/extension-redirect.ts';
import { redactUrl } from '../../../server/logger.ts';

const chromeId = 'abcdefghijklmnopabcdefghijklmnop';
const firefoxId = 'calendar-assistant@example.org';
const firefoxHost = `${createHash('sha1').update(firefoxId).digest('hex')}.extensions.allizom.org`;

describe('isAllowedExtensionRedirect', () => {
  it.each([
    [`https://${chromeId}.chromiumapp.org/`, true],
    [`https://${chromeId}.chromiumapp.org/oauth?x=1`, true],
    [`https://${firefoxHost}/`, true],
    [`http://${chromeId}.chromiumapp.org/`, false],
    [`https://${chromeId}.chromiumapp.org.evil.example/`, false],
    [`https://evil.example/${chromeId}.chromiumapp.org/`, false],
    [`https://user:pw@${chromeId}.chromiumapp.org/`, false],
    [`https://${chromeId}.chromiumapp.org:8443/`, false],
    ['https://ponmlkjihgfedcbaponmlkjihgfedcba.chromiumapp.org/', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ])('%s → %s', (url, allowed) => {
    expect(isAllowedExtensionRedirect(url, [chromeId, firefoxId])).toBe(allowed);
  });
});

describe('isAllowedExtensionOrigin', () => {
  it.each([
    [`chrome-extension://${chromeId}`, true],
    ['chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba', false],
    ['moz-extension://2f9c5c1e-8a4b-4f7e-9d3a-0123456789ab', true],
    ['moz-extension://evil', false],
    ['https://example.com', false],
  ])('%s → %s', (origin, allowed) => {
    expect(isAllowedExtensionOrigin(origin, [chromeId])).toBe(allowed);
  });

  it('allows no Firefox origin when no extension is allowed at all', () => {
    expect(isAllowedExtensionOrigin('moz-extension://2f9c5c1e-8a4b-4f7e-9d3a-0123456789ab', [])).toBe(false);
  });
});

describe('redactUrl', () => {
  it('hides codes, state and tokens in logged URLs', () => {
    expect(redactUrl('/auth/google/callback?state=abc&code=4/0Axyz&scope=openid')).toBe('/auth/google/callback?state=[REDACTED]&code=[REDACTED]&scope=openid');
    expect(redactUrl('/x?access_token=ya29.a')).toBe('/x?access_token=[REDACTED]');
  });
});
