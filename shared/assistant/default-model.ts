import type { CoarseModel } from './classify-intent.ts';
import { classifyCoarseIntent, defaultOverrulesRulesAbove } from './intent-model/classifier.ts';

/** The English intent model trained at build time on MASSIVE's train and dev splits (`npm run train:intent`). */
export function defaultModel(): CoarseModel {
  return { classify: classifyCoarseIntent, overrulesRulesAbove: defaultOverrulesRulesAbove() };
}
