import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** One `npm run server` process (node --import tsx server/main.ts), as a deployment runs it. */
export interface CompanionProcess {
  name: string;
  url: string;
  child: ChildProcess;
  /** Its stdout and stderr so far (shown when the suite fails). */
  output(): string;
  exited: Promise<number | null>;
  alive(): boolean;
}

export function spawnCompanion(name: string, port: number, env: Record<string, string>): CompanionProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  // Keep the tail only: a long run logs a lot and only the end explains a failure.
  const keep = (d: Buffer) => {
    out = (out + d.toString()).slice(-200_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let running = true;
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      running = false;
      resolve(code);
    }),
  );
  return { name, url: `http://127.0.0.1:${port}`, child, output: () => out, exited, alive: () => running };
}

/** Waits (bounded) until the process answers /readyz with 200: database migrated and Redis reachable. */
export async function waitReady(p: CompanionProcess, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!p.alive()) throw new Error(`${p.name} exited during startup:\n${p.output().slice(-4000)}`);
    const ok = await fetch(`${p.url}/readyz`, { signal: AbortSignal.timeout(2000) }).then((r) => r.status === 200, () => false);
    if (ok) return;
    await delay(200);
  }
  throw new Error(`${p.name} not ready after ${timeoutMs} ms:\n${p.output().slice(-4000)}`);
}

/** Stops a process and waits (bounded) for it to be gone. */
export async function stopCompanion(p: CompanionProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!p.alive()) return;
  p.child.kill(signal);
  const gone = await Promise.race([p.exited.then(() => true), delay(5000, false)]);
  if (!gone) {
    p.child.kill('SIGKILL');
    await Promise.race([p.exited, delay(2000)]);
  }
}

export interface Answer {
  status: number;
  body: Record<string, unknown>;
  /** Which instance answered. */
  instance: string;
  headers: Headers;
}

/** Connection-level failures: the instance is gone (refused) or died mid-request (reset, socket closed). */
function isConnectionFailure(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } }).cause;
  return error instanceof TypeError || ['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE'].includes(cause?.code ?? '');
}

/**
 * A round-robin load balancer in front of the instances: request i goes to
 * instance i % n; a request whose connection fails (the instance died) is sent
 * to the next instance, as a load balancer retries on connection errors, and an
 * instance that refuses connections is taken out of the rotation.
 */
export class RoundRobin {
  private next = 0;
  private readonly down = new Set<string>();
  failovers = 0;
  requests = 0;

  constructor(private readonly instances: CompanionProcess[]) {}

  isDown(p: CompanionProcess): boolean {
    return this.down.has(p.name);
  }

  markDown(p: CompanionProcess): void {
    this.down.add(p.name);
  }

  /** `pin`: send to this instance first (a user's double confirm goes to both on purpose). */
  async fetch(path: string, init: { method?: string; token?: string; body?: unknown; redirect?: 'manual' } = {}, pin?: number): Promise<Answer> {
    const n = this.instances.length;
    const first = pin ?? this.next++ % n;
    let lastError: unknown;
    for (let k = 0; k < n; k++) {
      const target = this.instances[(first + k) % n]!;
      if (this.down.has(target.name) && k < n - 1) continue;
      this.requests++;
      try {
        const res = await fetch(`${target.url}${path}`, {
          method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
          headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
          ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
          redirect: init.redirect ?? 'follow',
          signal: AbortSignal.timeout(30_000),
        });
        const text = await res.text();
        let body: Record<string, unknown> = {};
        try {
          body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
        } catch {
          body = { text };
        }
        return { status: res.status, body, instance: target.name, headers: res.headers };
      } catch (error) {
        if (!isConnectionFailure(error)) throw error;
        lastError = error;
        this.failovers++;
        if ((error as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED') this.down.add(target.name);
      }
    }
    throw lastError;
  }
}

/** Runs `work` over `items` with at most `limit` at a time. */
export async function inBatches<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let cursor = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (cursor < items.length) {
      const i = cursor++;
      results[i] = await work(items[i]!, i);
    }
  });
  await Promise.all(lanes);
  return results;
}
