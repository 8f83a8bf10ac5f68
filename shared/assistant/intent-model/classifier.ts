/**
 * Coarse calendar intent: a softmax (multinomial logistic regression) over the
 * hashed n-gram features of features.ts. It only tells set / query / remove
 * apart; slots and the final decision are the parser's job. Retrain with
 * scripts/train-intent-model.ts.
 */
import { FEATURE_BLOCKS, FEATURE_SPACE_BITS, FEATURE_VERSION, visitFeatures, type BlockWeights, type FeatureBlock } from './features.ts';
import weights from './weights.json' with { type: 'json' };

export type CoarseIntent = 'set' | 'query' | 'remove';

export interface IntentScores {
  label: CoarseIntent;
  probabilities: Record<CoarseIntent, number>;
}

/**
 * weights.json as the trainer writes it. `features` rows are
 * `[hashedIndex, weightForLabels[0], weightForLabels[1], ...]`; an index with
 * no row has weight zero for every label.
 */
export interface IntentModelFile {
  featureVersion: number;
  featureSpaceBits: number;
  /** How much each kind of feature counts (features.ts); chosen with the other settings when training. */
  blockWeights: BlockWeights;
  /** How sure the model must be to overrule a rule of the parser that says otherwise; null: never. */
  overrulesRulesAbove: number | null;
  labels: string[];
  bias: number[];
  features: number[][];
}

const COARSE_INTENTS: readonly CoarseIntent[] = ['set', 'query', 'remove'];

/**
 * A classifier over any weights file of the current feature version; the
 * trainer uses it to score the file it is about to ship.
 */
export function createCoarseIntentClassifier(file: unknown): (text: string) => IntentScores {
  const model = checkModelFile(file);
  const labels = model.labels as CoarseIntent[];
  const labelCount = labels.length;
  const rows = new RowTable(model.features.map(([index]) => index as number));
  const rowWeights = new Float64Array(model.features.length * labelCount);
  model.features.forEach(([, ...classWeights], row) => rowWeights.set(classWeights, row * labelCount));
  // The indices visited, block after block: a block's length needs how often each index occurred in it. Kept
  // small on purpose: tables over the whole hashed space (megabytes, read at random) pushed chrono's and luxon's data
  // out of the CPU caches and slowed the rest of the parser more than scoring cost.
  let visited = new Int32Array(256);
  let visitedCount = 0;
  const blockStarts = new Int32Array(FEATURE_BLOCKS.length + 1);
  const blockSums = new Float64Array(FEATURE_BLOCKS.length * labelCount);
  let currentBlock = -1;
  const visit = (index: number, block: number): void => {
    while (currentBlock < block) blockStarts[++currentBlock] = visitedCount;
    if (visitedCount === visited.length) {
      const grown = new Int32Array(visited.length * 2);
      grown.set(visited);
      visited = grown;
    }
    visited[visitedCount++] = index;
    const row = rows.rowOf(index);
    if (row < 0) return;
    const at = row * labelCount;
    const sumsAt = block * labelCount;
    for (let k = 0; k < labelCount; k += 1) blockSums[sumsAt + k] = (blockSums[sumsAt + k] as number) + (rowWeights[at + k] as number);
  };

  const bias = Float64Array.from(model.bias);
  const scores = new Float64Array(labelCount);
  const at = Object.fromEntries(COARSE_INTENTS.map((intent) => [intent, labels.indexOf(intent)])) as Record<CoarseIntent, number>;
  return (input) => {
    blockSums.fill(0);
    visitedCount = 0;
    currentBlock = -1;
    visitFeatures(input, model.blockWeights, visit);
    while (currentBlock < FEATURE_BLOCKS.length) blockStarts[++currentBlock] = visitedCount;
    // A block's features are its counts scaled to the block's weight as length (features.ts), so the scale
    // applies once to each block's sums.
    scores.set(bias);
    for (let block = 0; block < FEATURE_BLOCKS.length; block += 1) {
      const squaredLength = squaredCountsLength(visited, blockStarts[block] as number, blockStarts[block + 1] as number);
      if (squaredLength === 0) continue;
      const scale = model.blockWeights[FEATURE_BLOCKS[block] as FeatureBlock] / Math.sqrt(squaredLength);
      for (let k = 0; k < labelCount; k += 1) scores[k] = (scores[k] as number) + scale * (blockSums[block * labelCount + k] as number);
    }
    softmaxInPlace(scores);
    let best = 0;
    for (let k = 1; k < labelCount; k += 1) if ((scores[k] as number) > (scores[best] as number)) best = k;
    return { label: labels[best] as CoarseIntent, probabilities: { set: scores[at.set] as number, query: scores[at.query] as number, remove: scores[at.remove] as number } };
  };
}

/**
 * Σ count² over the distinct indices of visited[from, to). Each further occurrence of an index adds 2c + 1, c being
 * how often it came before ((c + 1)² − c²). A command's block has a few dozen indices: counting the earlier ones
 * beats sorting them (a typed-array sort costs more to set up than to run); a long text's block is sorted in place.
 */
function squaredCountsLength(visited: Int32Array, from: number, to: number): number {
  let total = 0;
  if (to - from <= 64) {
    for (let i = from; i < to; i += 1) {
      let before = 0;
      for (let j = from; j < i; j += 1) if (visited[j] === visited[i]) before += 1;
      total += 2 * before + 1;
    }
    return total;
  }
  const indices = visited.subarray(from, to).sort();
  let run = 0;
  for (let i = 0; i < indices.length; i += 1) {
    run = i > 0 && indices[i] === indices[i - 1] ? run + 1 : 1;
    total += 2 * run - 1;
  }
  return total;
}

/**
 * Hashed index → row of weights, by open addressing over a table about twice the rows' count (the indices are hashes
 * already). Each slot's key and row sit side by side, so a probe reads one cache line.
 */
class RowTable {
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(indices: number[]) {
    let size = 16;
    while (size < indices.length * 2) size *= 2;
    this.mask = size - 1;
    this.slots = new Int32Array(size * 2).fill(-1);
    indices.forEach((index, row) => {
      let slot = index & this.mask;
      while (this.slots[slot * 2] !== -1) slot = (slot + 1) & this.mask;
      this.slots[slot * 2] = index;
      this.slots[slot * 2 + 1] = row;
    });
  }

  /** The row of `index`, or -1 when training never saw it (its weights are zero). */
  rowOf(index: number): number {
    for (let slot = index & this.mask; ; slot = (slot + 1) & this.mask) {
      const key = this.slots[slot * 2] as number;
      if (key === index) return this.slots[slot * 2 + 1] as number;
      if (key === -1) return -1;
    }
  }
}

/** Subtracting the maximum keeps exp() finite whatever the scores are. */
function softmaxInPlace(scores: Float64Array): void {
  let max = -Infinity;
  for (const score of scores) if (score > max) max = score;
  let sum = 0;
  for (let k = 0; k < scores.length; k += 1) {
    scores[k] = Math.exp((scores[k] as number) - max);
    sum += scores[k] as number;
  }
  for (let k = 0; k < scores.length; k += 1) scores[k] = (scores[k] as number) / sum;
}

/**
 * A weights file trained on other features would still "work" and answer
 * nonsense, so refuse it loudly instead.
 */
function checkModelFile(file: unknown): IntentModelFile {
  const model = file as Partial<IntentModelFile> | null;
  const labelCount = COARSE_INTENTS.length;
  const problems: string[] = [];
  if (model?.featureVersion !== FEATURE_VERSION) problems.push(`featureVersion is not ${FEATURE_VERSION}`);
  if (model?.featureSpaceBits !== FEATURE_SPACE_BITS) problems.push(`featureSpaceBits is not ${FEATURE_SPACE_BITS}`);
  const blocks = model?.blockWeights as Record<string, unknown> | undefined;
  if (!blocks || !FEATURE_BLOCKS.every((name) => typeof blocks[name] === 'number' && (blocks[name] as number) >= 0)) problems.push(`blockWeights do not give a weight to each of ${FEATURE_BLOCKS.join(', ')}`);
  const overrule = model?.overrulesRulesAbove;
  if (overrule !== null && !(typeof overrule === 'number' && overrule >= 0 && overrule <= 1)) problems.push('overrulesRulesAbove is neither null nor a probability');
  const labels = model?.labels;
  if (!Array.isArray(labels) || labels.length !== labelCount || !COARSE_INTENTS.every((intent) => labels.includes(intent))) {
    problems.push(`labels are not a permutation of ${COARSE_INTENTS.join(', ')}`);
  }
  if (!Array.isArray(model?.bias) || model.bias.length !== labelCount) problems.push('bias has the wrong length');
  if (!Array.isArray(model?.features) || !model.features.every((row) => Array.isArray(row) && row.length === labelCount + 1)) {
    problems.push('features rows have the wrong length');
  }
  if (problems.length > 0) {
    throw new Error(`intent model weights.json is stale or malformed (${problems.join('; ')}); run scripts/train-intent-model.ts`);
  }
  return model as IntentModelFile;
}

let defaultClassifier: ((text: string) => IntentScores) | undefined;

/** Classifies with the committed weights.json; parsed on first use. */
export function classifyCoarseIntent(text: string): IntentScores {
  defaultClassifier ??= createCoarseIntentClassifier(weights);
  return defaultClassifier(text);
}

/** The committed model's threshold for overruling a rule. */
export function defaultOverrulesRulesAbove(): number | null {
  return checkModelFile(weights).overrulesRulesAbove;
}
