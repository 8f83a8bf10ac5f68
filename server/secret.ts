import { inspect } from 'node:util';

/**
 * A token or key held in memory. It refuses to be printed: JSON, string
 * conversion and util.inspect all give "[REDACTED]", so a log call that
 * passes one by mistake leaks nothing. `reveal()` is the one way out.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toJSON(): string {
    return '[REDACTED]';
  }

  toString(): string {
    return '[REDACTED]';
  }

  [inspect.custom](): string {
    return 'Secret([REDACTED])';
  }
}
