import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';

const outDir = resolve('.output-e2e', 'bundle');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe.each(['chrome-mv3', 'firefox-mv2'])('the built extension (%s)', (target) => {
  const dir = join(outDir, target);
  beforeAll(() => {
    const res = spawnSync('npx', ['wxt', 'build', ...(target.startsWith('firefox') ? ['-b', 'firefox'] : [])], { env: { ...process.env, NODE_ENV: 'production', WXT_OUT_DIR: outDir }, encoding: 'utf8' });
    if (res.status !== 0) throw new Error(res.stderr || res.stdout);
  }, 120_000);

  it('contains no Google token, client secret or API key', () => {
    const patterns = [/ya29\.[\w-]{10,}/, /\b1\/\/0[\w-]{10,}/, /GOCSPX-[\w-]{10,}/, /client_secret/i, /demo-client-secret/, /sk-[A-Za-z0-9]{20,}/, /-----BEGIN [A-Z ]*PRIVATE KEY-----/];
    for (const file of files(dir)) {
      const text = readFileSync(file, 'utf8');
      for (const p of patterns) expect(p.test(text), `${file} matches ${p}`).toBe(false);
    }
  });

  it('asks only for the permissions it needs, and no broad host access', () => {
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { permissions: string[]; host_permissions?: string[] };
    const hosts = manifest.host_permissions ?? manifest.permissions.filter((p) => p.includes('://'));
    expect(hosts).toEqual(['http://127.0.0.1:8787/*']);
    expect(manifest.permissions.filter((p) => !p.includes('://')).sort()).toEqual(
      ['activeTab', 'alarms', 'contextMenus', 'identity', 'scripting', 'storage', ...(target.startsWith('chrome') ? ['sidePanel'] : [])].sort(),
    );
  });

  it('keeps the popup JavaScript under 200 KiB gzipped', () => {
    const html = readFileSync(join(dir, 'popup.html'), 'utf8');
    const scripts = [...html.matchAll(/(?:src|href)="(\/[^"]+\.js)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    const gz = scripts.reduce((sum, s) => sum + gzipSync(readFileSync(join(dir, s))).length, 0);
    expect(gz).toBeLessThan(200 * 1024);
  });
});
