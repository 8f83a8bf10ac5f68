import type { GoogleEmulator } from '../../server/dev/google-emulator/app.ts';

/**
 * A companion clock that tests move forward, kept in step with the emulator's:
 * the companion judges when a token expires and Google when it really does, so
 * both must agree. `skew` moves the companion's alone. The emulator is passed as
 * a getter because suites start it in beforeAll, after this is made.
 */
export function testClock(emulator: () => GoogleEmulator) {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    advance(ms: number): void {
      offset += ms;
      emulator().ctx.clock.advance(ms);
    },
    skew(ms: number): void {
      offset += ms;
    },
    /** Back to the real time on both sides: sign-in checks ID tokens against the real clock. */
    reset(): void {
      offset = 0;
      emulator().ctx.clock.offset = 0;
    },
  };
}
