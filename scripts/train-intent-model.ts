/**
 * Trains the coarse calendar intent model (shared/assistant/intent-model) and
 * writes its weights.json.
 *
 *   node --import tsx scripts/train-intent-model.ts [--grid] [--errors]
 *
 * Trains on MASSIVE en-US calendar train + dev. Settings (which kinds of
 * feature and how much each counts, learning rate, epochs, and how sure the
 * model must be to overrule one of the parser's rules) are chosen by 10-fold
 * cross-validation over train + dev: the highest out-of-fold accuracy of the
 * parser's whole intent classifier (rules + model), ties broken by the model's
 * out-of-fold log-loss. That accuracy, being the best of a grid, is a slightly
 * optimistic estimate. The test files are never read here, so nothing can be tuned on
 * them by accident; SLURP devel holds the same utterances as MASSIVE dev and
 * is not used either. The evaluation data lives in ../shared/eval beside the
 * repository (see its README). Output is deterministic: fixed seeds, fixed
 * folds, fixed grid, fixed rounding, so a rerun gives a byte-identical
 * weights.json.
 *
 * --grid prints the cross-validated score of every grid point; --errors prints
 * the train + dev utterances the whole classifier gets wrong out of fold.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classifyIntent, coarseOf, type CoarseModel } from '../shared/assistant/classify-intent.ts';
import { extractFeatures, FEATURE_SPACE_BITS, FEATURE_VERSION, type BlockWeights } from '../shared/assistant/intent-model/features.ts';
import { en } from '../shared/assistant/languages/en.ts';
import { mentionsTimeInEnglish } from '../shared/assistant/parse-command.ts';
import { seededRandom } from '../shared/random/seeded-random.ts';

const LABELS = ['set', 'query', 'remove'] as const;
type Label = (typeof LABELS)[number];

const SEED = 20_240_601;
const FOLD_SEED = 7;
const FOLDS = 10;
const TRAINED_ON = ['massive-calendar-en-US-train.jsonl', 'massive-calendar-en-US-dev.jsonl'];
// Character n-grams were tried as well (3- to 5-grams, weighted 0.3 to 1): in cross-validation they gained nothing
// over word n-grams while tripling the features to score per message, so the grid holds word n-grams only.
// Above a learning rate of 1 SGD oscillates; without L2 the epoch count is the regulariser.
const GRID = {
  blocks: [
    { words: 1, bigrams: 1, trigrams: 0, chars: 0 },
    { words: 1, bigrams: 1, trigrams: 0.5, chars: 0 },
    { words: 1, bigrams: 0.7, trigrams: 0.5, chars: 0 },
    { words: 1, bigrams: 1, trigrams: 1, chars: 0 },
  ] satisfies BlockWeights[],
  learningRate: [0.5, 1],
  epochs: [10, 20, 40],
};
/**
 * How sure the model must be to overrule a rule that says otherwise (null: never, the rules always win).
 * Most cautious first: where cross-validation cannot tell two apart, the rules (our conventions) keep their say.
 */
const OVERRULE_THRESHOLDS = [null, 0.95, 0.9, 0.8, 0.7, 0.6];
/** The "now" the parser is given while training (as in the eval): it only decides whether a message names a time. */
const TRAINING_NOW = new Date('2026-11-25T09:00:00Z');
const SIGNIFICANT_DIGITS = 4;

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const evalDir = resolve(repoRoot, '..', 'shared', 'eval');
const weightsPath = resolve(repoRoot, 'shared', 'assistant', 'intent-model', 'weights.json');

interface Example {
  text: string;
  label: number;
  /** Compact feature ids (only features seen in training) with their values. */
  ids: Int32Array;
  values: Float64Array;
}

interface HyperParameters {
  blockWeights: BlockWeights;
  learningRate: number;
  epochs: number;
  overrulesRulesAbove: number | null;
}

interface Model {
  bias: Float64Array;
  /** weights[id * LABELS.length + k] */
  weights: Float64Array;
}

function readLabelled(file: string): { text: string; label: number }[] {
  return readFileSync(resolve(evalDir, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const record = JSON.parse(line) as { text: string; intent: string };
      const label = LABELS.indexOf(record.intent.replace(/^calendar_/, '') as Label);
      if (label < 0) throw new Error(`${file}: unknown intent ${record.intent}`);
      return { text: record.text, label };
    });
}

/**
 * Hashed indices are mapped to dense ids so training touches small arrays;
 * features never seen in training get no id, which is the same as weight 0.
 */
function featurise(records: { text: string; label: number }[], blocks: BlockWeights, ids: Map<number, number>, grow: boolean): Example[] {
  return records.map(({ text, label }) => {
    const pairs: [number, number][] = [];
    for (const [index, value] of extractFeatures(text, blocks)) {
      let id = ids.get(index);
      if (id === undefined && grow) ids.set(index, (id = ids.size));
      if (id !== undefined) pairs.push([id, value]);
    }
    return { text, label, ids: Int32Array.from(pairs, ([id]) => id), values: Float64Array.from(pairs, ([, value]) => value) };
  });
}

function probabilities(model: Model, example: Example): number[] {
  const scores = Array.from(model.bias);
  for (let j = 0; j < example.ids.length; j += 1) {
    const base = (example.ids[j] as number) * LABELS.length;
    const value = example.values[j] as number;
    for (let k = 0; k < LABELS.length; k += 1) scores[k] = (scores[k] as number) + value * (model.weights[base + k] as number);
  }
  const max = Math.max(...scores);
  const exps = scores.map((score) => Math.exp(score - max));
  const sum = exps.reduce((total, value) => total + value, 0);
  return exps.map((value) => value / sum);
}

/**
 * Plain SGD on the softmax log-loss. Not AdaGrad: its first step on a feature
 * is the full learning rate whatever the gradient, so a name seen once
 * ("bob") ends up as strong as "cancel". `onEpoch` sees the model after each
 * epoch, so one run scores every epoch count in the grid.
 */
function train(examples: Example[], featureCount: number, learningRate: number, maxEpochs: number, onEpoch: (epoch: number, model: Model) => void): void {
  const bias = new Float64Array(LABELS.length);
  const weights = new Float64Array(featureCount * LABELS.length);
  const random = seededRandom(SEED);
  const order = examples.map((_, i) => i);
  for (let epoch = 1; epoch <= maxEpochs; epoch += 1) {
    shuffle(order, random);
    for (const i of order) {
      const example = examples[i] as Example;
      const p = probabilities({ bias, weights }, example);
      for (let k = 0; k < LABELS.length; k += 1) {
        const error = (p[k] as number) - (k === example.label ? 1 : 0);
        bias[k] = (bias[k] as number) - learningRate * error;
        for (let j = 0; j < example.ids.length; j += 1) {
          const at = (example.ids[j] as number) * LABELS.length + k;
          weights[at] = (weights[at] as number) - learningRate * error * (example.values[j] as number);
        }
      }
    }
    onEpoch(epoch, { bias: Float64Array.from(bias), weights: Float64Array.from(weights) });
  }
}

function shuffle(items: number[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as number, items[i] as number];
  }
}

/** Fold of each record: a seeded shuffle dealt round-robin, so every fold has a tenth of the data. */
function assignFolds(count: number): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  shuffle(order, seededRandom(FOLD_SEED));
  const folds = new Array<number>(count);
  order.forEach((record, position) => (folds[record] = position % FOLDS));
  return folds;
}

/**
 * Out-of-fold probabilities of every record for every epoch count in the
 * grid: each fold's model is trained on the other nine folds only.
 */
function crossValidate(records: { text: string; label: number }[], folds: number[], blocks: BlockWeights, learningRate: number): Map<number, number[][]> {
  const byEpochs = new Map<number, number[][]>(GRID.epochs.map((epochs) => [epochs, new Array<number[]>(records.length)]));
  for (let fold = 0; fold < FOLDS; fold += 1) {
    const ids = new Map<number, number>();
    const trainIndices = records.map((_, i) => i).filter((i) => folds[i] !== fold);
    const heldOut = records.map((_, i) => i).filter((i) => folds[i] === fold);
    const trainSet = featurise(trainIndices.map((i) => records[i]!), blocks, ids, true);
    const heldOutSet = featurise(heldOut.map((i) => records[i]!), blocks, ids, false);
    train(trainSet, ids.size, learningRate, Math.max(...GRID.epochs), (epoch, model) => {
      const out = byEpochs.get(epoch);
      if (out) heldOut.forEach((record, j) => (out[record] = probabilities(model, heldOutSet[j]!)));
    });
  }
  return byEpochs;
}

function logLossOf(records: { label: number }[], probs: number[][]): number {
  return records.reduce((total, { label }, i) => total - Math.log(Math.max(probs[i]![label] as number, 1e-12)), 0) / records.length;
}

function argmax(values: number[]): number {
  let best = 0;
  for (let k = 1; k < values.length; k += 1) if ((values[k] as number) > (values[best] as number)) best = k;
  return best;
}

/** The parser's own classifier (rules, then the model) with the out-of-fold probabilities as its model. */
function classifierCorrect(records: { text: string; label: number; timed: boolean }[], probs: number[][], overrulesRulesAbove: number | null): boolean[] {
  return records.map(({ text, label, timed }, i) => {
    const p = probs[i]!;
    const model: CoarseModel = { classify: () => ({ label: LABELS[argmax(p)]!, probabilities: { set: p[0]!, query: p[1]!, remove: p[2]! } }), overrulesRulesAbove };
    const lower = text.normalize('NFKC').replace(/\s+/g, ' ').toLowerCase();
    return coarseOf(classifyIntent(en, lower, timed, model).intent) === LABELS[label];
  });
}

function round(value: number): number {
  return Number(value.toPrecision(SIGNIFICANT_DIGITS));
}

/** One feature row per line: diffs of a retrained model stay readable. */
function serialise(model: Model, ids: Map<number, number>, chosen: HyperParameters, crossValidation: Record<string, number>): string {
  const rows: number[][] = [];
  for (const [index, id] of ids) {
    const weights = LABELS.map((_, k) => round(model.weights[id * LABELS.length + k] as number));
    if (weights.some((weight) => weight !== 0)) rows.push([index, ...weights]);
  }
  rows.sort((a, b) => (a[0] as number) - (b[0] as number));
  const header = {
    featureVersion: FEATURE_VERSION,
    featureSpaceBits: FEATURE_SPACE_BITS,
    blockWeights: chosen.blockWeights,
    overrulesRulesAbove: chosen.overrulesRulesAbove,
    labels: LABELS,
    trainedOn: TRAINED_ON,
    chosenBy: `${FOLDS}-fold cross-validation over ${TRAINED_ON.join(' + ')}: highest out-of-fold accuracy of rules + model, then lowest log-loss`,
    hyperParameters: { learningRate: chosen.learningRate, epochs: chosen.epochs, seed: SEED, foldSeed: FOLD_SEED },
    crossValidation,
    bias: Array.from(model.bias, round),
  };
  const headerLines = Object.entries(header).map(([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)},`);
  return `{\n${headerLines.join('\n')}\n  "features": [\n${rows.map((row) => `    ${JSON.stringify(row)}`).join(',\n')}\n  ]\n}\n`;
}

function formatPercent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

async function main(): Promise<void> {
  const started = performance.now();
  const showGrid = process.argv.includes('--grid');
  const showErrors = process.argv.includes('--errors');
  // Whether each names a time, as the parser tells the classifier (asked once: it does not depend on the model).
  const records = TRAINED_ON.flatMap(readLabelled).map((r) => ({ ...r, timed: mentionsTimeInEnglish(r.text, TRAINING_NOW, 'Europe/Berlin') }));
  const folds = assignFolds(records.length);

  // The parser's accuracy is what matters, so it decides; on ~2,000 utterances it moves in steps of one utterance
  // and points tie, and then the smoother log-loss does. Remaining ties keep the earlier point.
  type Scored = { chosen: HyperParameters; accuracy: number; logLoss: number; probs: number[][]; correct: boolean[] };
  let best: Scored | undefined;
  for (const blockWeights of GRID.blocks) {
    for (const learningRate of GRID.learningRate) {
      for (const [epochs, probs] of crossValidate(records, folds, blockWeights, learningRate)) {
        const logLoss = logLossOf(records, probs);
        const byThreshold = OVERRULE_THRESHOLDS.map((overrulesRulesAbove) => {
          const correct = classifierCorrect(records, probs, overrulesRulesAbove);
          return { overrulesRulesAbove, correct, accuracy: correct.filter(Boolean).length / records.length };
        });
        if (showGrid) {
          const accuracy = records.filter(({ label }, i) => argmax(probs[i]!) === label).length / records.length;
          const table = byThreshold.map((t) => `${t.overrulesRulesAbove ?? 'never'} ${formatPercent(t.accuracy)}`).join(', ');
          console.log(`  blocks=${JSON.stringify(blockWeights)} lr=${learningRate} epochs=${epochs}: model ${formatPercent(accuracy)}, log-loss ${logLoss.toFixed(4)}; rules + model, overruling above ${table}`);
        }
        for (const { overrulesRulesAbove, correct, accuracy } of byThreshold) {
          if (best === undefined || accuracy > best.accuracy || (accuracy === best.accuracy && logLoss < best.logLoss)) {
            best = { chosen: { blockWeights, learningRate, epochs, overrulesRulesAbove }, accuracy, logLoss, probs, correct };
          }
        }
      }
    }
  }
  if (best === undefined) throw new Error('empty hyper-parameter grid');
  const { chosen, probs } = best;

  const modelAccuracy = records.filter(({ label }, i) => argmax(probs[i]!) === label).length / records.length;
  const rulesFirst = classifierCorrect(records, probs, null).filter(Boolean).length / records.length;
  console.log(`chosen: blocks=${JSON.stringify(chosen.blockWeights)} learningRate=${chosen.learningRate} epochs=${chosen.epochs} overrulesRulesAbove=${chosen.overrulesRulesAbove} (seed ${SEED})`);
  console.log(`${FOLDS}-fold cross-validation over train + dev (${records.length} utterances):`);
  console.log(`  rules + model: ${formatPercent(best.accuracy)} (${best.correct.filter(Boolean).length}/${records.length}); with the rules always winning ${formatPercent(rulesFirst)}`);
  console.log(`  model alone: ${formatPercent(modelAccuracy)}, log-loss ${best.logLoss.toFixed(4)}`);
  if (showErrors) {
    records.forEach(({ text, label }, i) => {
      if (!best.correct[i]) console.log(`    gold=${LABELS[label]} model=${LABELS[argmax(probs[i]!)]} p=${formatPercent(Math.max(...probs[i]!))}  ${text}`);
    });
  }
  const classifierAccuracy = best.accuracy;

  const ids = new Map<number, number>();
  const trainSet = featurise(records, chosen.blockWeights, ids, true);
  let finalModel: Model | undefined;
  train(trainSet, ids.size, chosen.learningRate, chosen.epochs, (epoch, model) => {
    if (epoch === chosen.epochs) finalModel = model;
  });
  if (finalModel === undefined) throw new Error('final training produced no model');
  const json = serialise(finalModel, ids, chosen, { folds: FOLDS, logLoss: round(best.logLoss), modelAccuracy: round(modelAccuracy), classifierAccuracy: round(classifierAccuracy) });
  writeFileSync(weightsPath, json);

  // Score what ships: the rounded weights through the real classifier. Imported only now
  // so a missing or stale weights.json cannot stop the trainer from replacing it.
  const { createCoarseIntentClassifier } = await import('../shared/assistant/intent-model/classifier.ts');
  const classify = createCoarseIntentClassifier(JSON.parse(json));
  const fitted = records.filter(({ text, label }) => classify(text).label === LABELS[label]).length;
  console.log(`shipped model on its own training data (not an estimate): ${formatPercent(fitted / records.length)} (${fitted}/${records.length})`);
  console.log(`features: ${ids.size} seen, weights.json ${(Buffer.byteLength(json) / 1024).toFixed(0)} KiB, ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

await main();
