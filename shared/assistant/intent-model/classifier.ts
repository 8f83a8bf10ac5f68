/**
 * Coarse calendar intent: a softmax (multinomial logistic regression) over the
 * hashed n-gram features of features.ts. It only tells set / query / remove
 * apart; slots and the final decision are the parser's job. Retrain with
 * scripts/train-intent-model.ts.
 */
import { FEATURE_SPACE_BITS, FEATURE_VERSION, visitFeatures } from './features.ts';
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
  // How often each index occurred in the current text, valid where `seenIn` is the current text's number: the
  // vector's length needs the counts, and resetting a table this size per text would cost more than scoring.
  const counts = new Uint32Array(1 << model.featureSpaceBits);
  const seenIn = new Uint32Array(1 << model.featureSpaceBits);
  let text = 0;
  const sums = new Float64Array(labelCount);
  let squaredLength = 0;
  const visit = (index: number): void => {
    const count = seenIn[index] === text ? (counts[index] as number) : 0;
    seenIn[index] = text;
    counts[index] = count + 1;
    // (c + 1)² − c²: the squared length grows as each occurrence comes in.
    squaredLength += 2 * count + 1;
    const row = rowOf[index] as number;
    if (row === 0) return;
    const at = (row - 1) * labelCount;
    for (let k = 0; k < labelCount; k += 1) sums[k] = (sums[k] as number) + (rowWeights[at + k] as number);
  };

  return (input) => {
    text = text === 0xffffffff ? 1 : text + 1;
    if (text === 1) seenIn.fill(0);
    sums.fill(0);
    squaredLength = 0;
    visitFeatures(input, visit);
    // The features are counts scaled to unit length (features.ts), so the scale applies once to each sum.
    const scale = squaredLength > 0 ? 1 / Math.sqrt(squaredLength) : 0;
    const scores = model.bias.map((bias, k) => bias + scale * (sums[k] as number));
    const probabilities = softmax(scores);
    let best = 0;
    for (let k = 1; k < probabilities.length; k += 1) if ((probabilities[k] as number) > (probabilities[best] as number)) best = k;
    const byLabel = Object.fromEntries(labels.map((label, k) => [label, probabilities[k] as number]));
    return { label: labels[best] as CoarseIntent, probabilities: byLabel as Record<CoarseIntent, number> };
  };
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
