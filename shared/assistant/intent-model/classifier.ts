/**
 * Coarse calendar intent: a softmax (multinomial logistic regression) over the
 * hashed n-gram features of features.ts. It only tells set / query / remove
 * apart; slots and the final decision are the parser's job. Retrain with
 * scripts/train-intent-model.ts.
 */
import { FEATURE_BLOCKS, FEATURE_SPACE_BITS, FEATURE_VERSION, visitFeatures, type BlockWeights } from './features.ts';
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
  // Row of each hashed index (+1; 0 is "no row"), and the rows' weights side by side: one array read per feature.
  const rowOf = new Int32Array(1 << model.featureSpaceBits);
  const rowWeights = new Float64Array(model.features.length * labelCount);
  model.features.forEach(([index, ...classWeights], row) => {
    rowOf[index as number] = row + 1;
    rowWeights.set(classWeights, row * labelCount);
  });
  // How often each index occurred in the current block of the current text, valid where `seenIn` holds the current
  // block's number: each block's length needs its counts, and clearing a table this size per block would cost more
  // than the scoring.
  const counts = new Uint32Array(1 << model.featureSpaceBits);
  const seenIn = new Uint32Array(1 << model.featureSpaceBits);
  let generation = 0;
  const blockSums = new Float64Array(FEATURE_BLOCKS.length * labelCount);
  const squaredLengths = new Float64Array(FEATURE_BLOCKS.length);
  let currentBlock = -1;
  const visit = (index: number, block: number): void => {
    if (block !== currentBlock) {
      currentBlock = block;
      generation = nextGeneration(generation, seenIn);
    }
    const count = seenIn[index] === generation ? (counts[index] as number) : 0;
    seenIn[index] = generation;
    counts[index] = count + 1;
    // (c + 1)² − c²: the block's squared length grows as each occurrence comes in.
    squaredLengths[block] = (squaredLengths[block] as number) + 2 * count + 1;
    const row = rowOf[index] as number;
    if (row === 0) return;
    const at = (row - 1) * labelCount;
    const sumsAt = block * labelCount;
    for (let k = 0; k < labelCount; k += 1) blockSums[sumsAt + k] = (blockSums[sumsAt + k] as number) + (rowWeights[at + k] as number);
  };

  return (input) => {
    blockSums.fill(0);
    squaredLengths.fill(0);
    currentBlock = -1;
    visitFeatures(input, model.blockWeights, visit);
    // A block's features are its counts scaled to the block's weight as length (features.ts), so the scale
    // applies once to each block's sums.
    const scores = [...model.bias];
    FEATURE_BLOCKS.forEach((name, block) => {
      const squaredLength = squaredLengths[block] as number;
      if (squaredLength === 0) return;
      const scale = model.blockWeights[name] / Math.sqrt(squaredLength);
      for (let k = 0; k < labelCount; k += 1) scores[k] = (scores[k] as number) + scale * (blockSums[block * labelCount + k] as number);
    });
    const probabilities = softmax(scores);
    let best = 0;
    for (let k = 1; k < probabilities.length; k += 1) if ((probabilities[k] as number) > (probabilities[best] as number)) best = k;
    const byLabel = Object.fromEntries(labels.map((label, k) => [label, probabilities[k] as number]));
    return { label: labels[best] as CoarseIntent, probabilities: byLabel as Record<CoarseIntent, number> };
  };
}

/** The next block's number; after 2³² − 1 blocks the table is cleared and numbering starts again. */
function nextGeneration(generation: number, seenIn: Uint32Array): number {
  if (generation < 0xffffffff) return generation + 1;
  seenIn.fill(0);
  return 1;
}

/** Subtracting the maximum keeps exp() finite whatever the scores are. */
function softmax(scores: number[]): number[] {
  const max = Math.max(...scores);
  const exps = scores.map((score) => Math.exp(score - max));
  const sum = exps.reduce((total, value) => total + value, 0);
  return exps.map((value) => value / sum);
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
