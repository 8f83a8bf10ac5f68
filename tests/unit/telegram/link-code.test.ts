import { describe, expect, it } from 'vitest';
import { newLinkCode, normaliseLinkCode } from '../../../server/telegram/link-code.ts';

describe('link codes people type', () => {
  it('are 8 characters without look-alikes, and different every time', () => {
    const codes = Array.from({ length: 2000 }, newLinkCode);
    for (const code of codes) expect(code).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it.each([
    ['K7QM3XRP', 'K7QM3XRP'],
    ['k7qm3xrp', 'K7QM3XRP'],
    ['K7QM 3XRP', 'K7QM3XRP'],
    ['  k7qm-3xrp ', 'K7QM3XRP'],
    ['K7QM3XR', null],
    ['K7QM3XRPP', null],
    ['K7QM3XR0', null], // zero is not in the alphabet
    ['K7QM3XRI', null],
    ['', null],
    ['hello', null],
  ])('reads %j as %j', (typed, code) => {
    expect(normaliseLinkCode(typed)).toBe(code);
  });
});
