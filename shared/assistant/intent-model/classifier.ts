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
  // Rows in the order of their indices, so that a row's number is its index's rank among them.
  const byIndex = [...model.features].sort((a, b) => (a[0] as number) - (b[0] as number));
  const rows = new RankIndex(byIndex.map(([index]) => index as number), model.featureSpaceBits);
  // Single precision: a row's weights are 12 adjacent bytes, one cache line to read, and the file writes four
  // significant digits, which a float's seven hold (scores move by about 1e-7 of their size).
  const rowWeights = Float32Array.from(byIndex.flatMap(([, ...classWeights]) => classWeights));
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
  const labelAt = Object.fromEntries(COARSE_INTENTS.map((intent) => [intent, labels.indexOf(intent)])) as Record<CoarseIntent, number>;
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
    return { label: labels[best] as CoarseIntent, probabilities: { set: scores[labelAt.set] as number, query: scores[labelAt.query] as number, remove: scores[labelAt.remove] as number } };
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
 * Hashed index → row of weights, as a bitmap of the indices that have one and, for every 32 of them, how many
 * rows come before: a row is its index's rank. Each bitmap word sits next to its count, so a lookup reads one cache
 * line: inside a parse the model's reads mostly miss the CPU caches (chrono and the rest of the parser have
 * filled them), and two separate tables cost two misses. 64 KB for 2^18 indices, where a hash table of the rows took
 * 256 KB read at random.
 */
class RankIndex {
  /** Word w of the bitmap at 2w, the rows before it at 2w + 1. */
  private readonly words: Int32Array;

  constructor(sortedIndices: number[], spaceBits: number) {
    const wordCount = Math.max(1, (1 << spaceBits) >>> 5);
    this.words = new Int32Array(2 * wordCount);
    for (const index of sortedIndices) this.words[2 * (index >>> 5)]! |= 1 << (index & 31);
    let count = 0;
    for (let word = 0; word < wordCount; word += 1) {
      this.words[2 * word + 1] = count;
      count += popcount(this.words[2 * word] as number);
    }
  }

  /** The row of `index`, or -1 when training never saw it (its weights are zero). */
  rowOf(index: number): number {
    const at = 2 * (index >>> 5);
    const word = this.words[at] as number;
    const bit = 1 << (index & 31);
    if ((word & bit) === 0) return -1;
    return (this.words[at + 1] as number) + popcount(word & (bit - 1));
  }
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) as number;
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
