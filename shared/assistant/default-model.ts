import type { CoarseModel } from './classify-intent.ts';
import { classifyCoarseIntent } from './intent-model/classifier.ts';

/** The English intent model trained at build time on MASSIVE's train split (`npm run train:intent`). */
export function defaultModel(): CoarseModel {
  return classifyCoarseIntent;
}
