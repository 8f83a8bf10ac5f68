import type { CoarseModel } from './classify-intent.ts';

/** The trained English intent model, when its weights are present; rules alone otherwise. */
export function defaultModel(): CoarseModel | undefined {
  return undefined;
}
