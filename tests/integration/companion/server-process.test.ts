import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGTERM');
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function run(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return { child, output: () => out, exited: new Promise((r) => child.on('exit', (code) => r(code))) };
}

describe('npm run server', () => {
  it('starts in demo mode with its own emulator, says so, and serves the API', async () => {
    const [port, emulatorPort] = [await freePort(), await freePort()];
    const { output } = run({ PORT: String(port), EMULATOR_PORT: String(emulatorPort), DATA_DIR: mkdtempSync(join(tmpdir(), 'srv-')), GOOGLE_CLIENT_ID: '', GOOGLE_CLIENT_SECRET: '' });
    for (let i = 0; i < 100 && !output().includes('Companion server at'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(output()).toContain('DEMO MODE');
    const health = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(health.status).toBe(200);
    expect(health.headers.get('x-demo-mode')).toBe('1');
    const discovery = await fetch(`http://127.0.0.1:${emulatorPort}/.well-known/openid-configuration`);
    expect(discovery.status).toBe(200);
    const signIn = await fetch(`http://127.0.0.1:${port}/auth/google`, { redirect: 'manual' });
    expect(signIn.headers.get('location')).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${emulatorPort}/o/oauth2/v2/auth\\?`));
  });

  it('refuses to start on a bad variable, naming it', async () => {
    const { output, exited } = run({ PORT: 'eighty', DATA_DIR: mkdtempSync(join(tmpdir(), 'srv-')), GOOGLE_CLIENT_ID: 'x', GOOGLE_CLIENT_SECRET: 'y' });
    expect(await exited).toBe(2);
    expect(output()).toContain('PORT');
  });
});
