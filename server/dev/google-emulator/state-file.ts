import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { EmulatorState } from './state.ts';
import { EmulatorStore } from './store.ts';

/** `--state FILE`: the store is read from the file at start and written back shortly after each change. */
export class StateFile {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly path: string,
    private readonly delayMs = 200,
  ) {}

  load(): EmulatorStore | null {
    if (!existsSync(this.path)) return null;
    const state = JSON.parse(readFileSync(this.path, 'utf8')) as EmulatorState;
    if (state.version !== 1) throw new Error(`${this.path}: unsupported emulator state version ${String(state.version)}`);
    return EmulatorStore.fromState(state);
  }

  watch(store: EmulatorStore): void {
    store.onChange(() => {
      if (this.timer) return;
      this.timer = setTimeout(() => this.save(store), this.delayMs);
      this.timer.unref();
    });
  }

  save(store: EmulatorStore): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    // Write then rename, so a crash mid-write never leaves a truncated state file.
    const tmp = `${this.path}.tmp`;
    mkdirSync(dirname(this.path), { recursive: true });
    writeFileSync(tmp, JSON.stringify(store.toState()));
    renameSync(tmp, this.path);
  }
}
