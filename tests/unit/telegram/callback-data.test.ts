import { describe, expect, it } from 'vitest';
import { encodeButton, parseButton, type ButtonAction } from '../../../server/telegram/callback-data.ts';

const id = '00mhx2k9c000a1b2c3d4e'; // the shape of a proposal id: base36 time, counter, uuid fragment

describe('callback data on inline buttons', () => {
  it.each<[ButtonAction, string]>([
    [{ kind: 'confirm', proposalId: id, optionId: '0' }, `c:${id}:0`],
    [{ kind: 'confirm', proposalId: id, optionId: '12' }, `c:${id}:12`],
    [{ kind: 'cancel', proposalId: id }, `x:${id}`],
    [{ kind: 'undo', proposalId: id }, `u:${id}`],
  ])('%j travels as %s and back', (action, data) => {
    expect(encodeButton(action)).toBe(data);
    expect(parseButton(data)).toEqual(action);
  });

  it('stays within Telegram\'s 64 bytes for the ids we make', () => {
    expect(Buffer.byteLength(encodeButton({ kind: 'confirm', proposalId: 'z'.repeat(48), optionId: '999' }))).toBeLessThanOrEqual(64);
    expect(() => encodeButton({ kind: 'confirm', proposalId: 'z'.repeat(62), optionId: '0' })).toThrow(/64 bytes/);
  });

  it.each([undefined, '', 'c', `c:${id}`, `c:${id}:a`, `c:${id}:0:1`, `x:${id}:0`, `q:${id}`, 'c:../../etc:0', `u:${id.toUpperCase()}`, `c:${'a'.repeat(70)}:0`, 'x:'])('refuses %j', (data) => {
    expect(parseButton(data)).toBeNull();
  });
});
