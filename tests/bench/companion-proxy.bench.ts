/**
 * What the companion adds on top of Google: p50/p99 of GET /api/events through
 * the companion (auth, token lookup, mapping) against the same events.list
 * called on the emulator directly. Both over loopback HTTP. Prints figures.
 */
import { performance } from 'node:perf_hooks';
import { bearer, signInExtension, startCompanion } from '../support/companion.ts';
import { startEmulator } from '../support/google-emulator.ts';

const ROUNDS = 300;
const emulator = await startEmulator();
const companion = await startCompanion(emulator, { kind: 'sqlite' }, { LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '100000' });
const token = await signInExtension(companion, 'bench@example.com');
const account = emulator.ctx.store.accountByEmail('bench@example.com')!;
for (let i = 0; i < 40; i++) {
  const start = Date.UTC(2027, 0, 4, 8) + i * 4 * 3_600_000;
  emulator.ctx.calendars.insert(account, 'primary', {
    summary: `Meeting ${i}`,
    start: { dateTime: new Date(start).toISOString() },
    end: { dateTime: new Date(start + 3_600_000).toISOString() },
    attendees: [{ email: 'a@example.com' }, { email: 'b@example.com' }],
  });
}
const url = await companion.app.listen({ port: 0, host: '127.0.0.1' });
const window = 'from=2027-01-04T00:00:00Z&to=2027-01-11T00:00:00Z';
const googleToken = [...emulator.ctx.store.accessTokens.values()].find((t) => t.sub === account.sub && !t.revoked)!.token;

async function time(label: string, call: () => Promise<Response>): Promise<number[]> {
  for (let i = 0; i < 20; i++) await (await call()).arrayBuffer(); // warm up
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    const res = await call();
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${label}: ${res.status}`);
    samples.push(performance.now() - t);
  }
  return samples.sort((a, b) => a - b);
}
const pct = (s: number[], p: number) => s[Math.min(s.length - 1, Math.floor((s.length * p) / 100))]!;

const direct = await time('emulator', () =>
  fetch(`${emulator.url}/calendar/v3/calendars/primary/events?singleEvents=true&orderBy=startTime&maxResults=2500&timeMin=2027-01-04T00:00:00Z&timeMax=2027-01-11T00:00:00Z`, { headers: { authorization: `Bearer ${googleToken}` } }),
);
const proxied = await time('companion', () => fetch(`${url}/api/events?${window}`, { headers: bearer(token) }));

console.log(`GET /api/events, one week with 40 events, ${ROUNDS} calls each over loopback`);
console.log(`  emulator directly:   p50 ${pct(direct, 50).toFixed(2)} ms   p99 ${pct(direct, 99).toFixed(2)} ms`);
console.log(`  through companion:   p50 ${pct(proxied, 50).toFixed(2)} ms   p99 ${pct(proxied, 99).toFixed(2)} ms`);
console.log(`  ratio companion/direct: p50 ${(pct(proxied, 50) / pct(direct, 50)).toFixed(2)}x   p99 ${(pct(proxied, 99) / pct(direct, 99)).toFixed(2)}x`);
console.log(`  overhead: p50 +${(pct(proxied, 50) - pct(direct, 50)).toFixed(2)} ms`);
await companion.close();
await emulator.close();
