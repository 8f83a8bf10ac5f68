import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyCoarseIntent, createCoarseIntentClassifier, type CoarseIntent, type IntentModelFile } from '../../../shared/assistant/intent-model/classifier.ts';
import { charGramIndex, extractFeatures, FEATURE_SPACE_BITS, ngramIndex, tokenise, visitFeatures } from '../../../shared/assistant/intent-model/features.ts';
import weights from '../../../shared/assistant/intent-model/weights.json' with { type: 'json' };

// Hand-written commands, none taken from the SLURP/MASSIVE files.
const commands: [string, CoarseIntent][] = [
  ['schedule a meeting with bob tomorrow', 'set'],
  ['remind me to call mom at 5', 'set'],
  ['add a dentist appointment on thursday at 10am', 'set'],
  ['put lunch with sara on my calendar for friday', 'set'],
  ['create a weekly standup every monday at 9:30', 'set'],
  ['book a call with the plumber at 15:30', 'set'],
  ['remind me to water the plants every sunday morning', 'set'],
  ["what's on my calendar friday", 'query'],
  ['am i free at 3', 'query'],
  ['Am I free at 3pm?', 'query'],
  ['do i have anything on the 21st', 'query'],
  ['when is my next meeting', 'query'],
  ['show me my agenda for tomorrow', 'query'],
  ['how many meetings do i have this week', 'query'],
  ['is my afternoon open on wednesday', 'query'],
  ['delete my dentist appointment', 'remove'],
  ['cancel all my meetings today', 'remove'],
  ['remove the team lunch from my calendar', 'remove'],
  ["cancel tomorrow's 3pm call", 'remove'],
  ['clear my afternoon', 'remove'],
  ["I can't make the 4 o'clock anymore, cancel it", 'remove'],
];

const awkwardInputs = [
  '',
  '   \n\t ',
  '🙂🙂🙂',
  '日本語のテキスト',
  'Wann ist mein Termin?',
  '\u0000\uffff\ud800',
  '<script>alert(1)</script>',
  '12345 67:89 99pm',
  'NUM TIME ORD',
  'cancel '.repeat(20_000),
];

describe('classifyCoarseIntent', () => {
  it.each(commands)('"%s" is %s', (text, intent) => {
    expect(classifyCoarseIntent(text).label).toBe(intent);
  });

  it.each([...commands.map(([text]) => text), ...awkwardInputs])('gives a distribution whose top entry is the label for %j', (text) => {
    const { label, probabilities } = classifyCoarseIntent(text);
    const values = Object.values(probabilities);
    expect(Object.keys(probabilities).sort()).toEqual(['query', 'remove', 'set']);
    expect(values.reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 12);
    for (const p of values) expect(p).toBeGreaterThanOrEqual(0);
    expect(probabilities[label]).toBe(Math.max(...values));
  });

  it.each(awkwardInputs)('never throws on %j', (text) => {
    expect(() => classifyCoarseIntent(text)).not.toThrow();
  });

  it('answers the same thing every time', () => {
    const text = 'move the design review to next thursday';
    expect(classifyCoarseIntent(text)).toEqual(classifyCoarseIntent(text));
  });

  it.each([
    ['  DELETE   my Dentist   appointment ', 'delete my dentist appointment'],
    ['ｃａｎｃｅｌ ｔｈｅ ｍｅｅｔｉｎｇ', 'cancel the meeting'],
    ['remind me at 3pm', 'remind me at three p. m.'],
    ['am i free at 15:30', 'Am I free at 3:30 PM'],
  ])('scores %j exactly like %j', (a, b) => {
    expect(classifyCoarseIntent(a)).toEqual(classifyCoarseIntent(b));
  });
});

describe('tokenise', () => {
  it.each([
    ['remind me at 3pm', 'remind me at TIME'],
    ['remind me at three p. m.', 'remind me at TIME'],
    ['meet at 15:30 or 4 o\u2019clock', 'meet at TIME or TIME'],
    ['three thirty p. m. with bob', 'TIME with bob'],
    ['meet at 3.30pm', 'meet at TIME'],
    ['block 2 hours', 'block NUM hours'],
    ['twenty five minutes', 'NUM minutes'],
    ['on the 21st', 'on the ORD'],
    ['am i free', 'am i free'],
    ["what's on? don't forget bob's party", 'what is on do not forget bob party'],
    ['Ｓｃｈｅｄｕｌｅ  LUNCH', 'schedule lunch'],
    ['NUM TIME', 'num time'],
    ['', ''],
  ])('%j -> %j', (text, expected) => {
    expect(tokenise(text).join(' ')).toBe(expected);
  });
});

describe('createCoarseIntentClassifier', () => {
  it.each([
    ['a weights file for another feature version', { ...weights, featureVersion: -1 }],
    ['a weights file for another hash size', { ...weights, featureSpaceBits: 10 }],
    ['labels that are not the three intents', { ...weights, labels: ['set', 'query', 'move'] }],
    ['not a weights file at all', null],
  ])('refuses %s', (_name, file) => {
    expect(() => createCoarseIntentClassifier(file)).toThrow(/stale or malformed/);
  });
});

/** The model as the trainer defines it, without the classifier's compact tables: a softmax over bias + Σ feature · weight. */
function referenceProbabilities(file: IntentModelFile, text: string): Record<string, number> {
  const rows = new Map(file.features.map(([index, ...w]) => [index as number, w]));
  const scores = [...file.bias];
  for (const [index, value] of extractFeatures(text, file.blockWeights)) {
    const w = rows.get(index);
    if (w) w.forEach((x, k) => (scores[k]! += value * x));
  }
  const max = Math.max(...scores);
  const exps = scores.map((x) => Math.exp(x - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return Object.fromEntries(file.labels.map((label, k) => [label, exps[k]! / sum]));
}

describe('the classifier’s compact tables', () => {
  const words = ['cancel', 'move', 'what', 'is', 'on', 'my', 'calendar', 'lunch', 'with', 'bob', 'at', '3pm', 'tomorrow', 'free', 'delete', 'the', 'meeting'];
  const texts = fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 9 }).map((ws) => ws.join(' '));
  // Rows at the indices these texts hash to, and at random others; weights written to four significant digits (as the
  // trainer writes them), or any double, negative zero included. The classifier keeps them in single precision.
  const fourDigits = fc.integer({ min: -32767, max: 32767 }).chain((m) => fc.integer({ min: 0, max: 6 }).map((k) => m / 10 ** k));
  const anyWeight = fc.oneof(fourDigits, fc.double({ min: -50, max: 50, noNaN: true }), fc.constant(-0));
  const seen = [...new Set(words.flatMap((w) => [...extractFeatures(`${w} ${w}`, weights.blockWeights as IntentModelFile['blockWeights']).keys()]))];
  const file = (weight: fc.Arbitrary<number>) =>
    fc
      .tuple(fc.subarray(seen), fc.uniqueArray(fc.integer({ min: 0, max: (1 << FEATURE_SPACE_BITS) - 1 }), { maxLength: 60 }), fc.array(fc.tuple(weight, weight, weight), { minLength: 200, maxLength: 200 }), fc.tuple(weight, weight, weight))
      .map(([some, others, rowWeights, bias]): IntentModelFile => ({
        ...(weights as IntentModelFile),
        bias,
        features: [...new Set([...some, ...others])].map((index, i) => [index, ...rowWeights[i % rowWeights.length]!]),
      }));

  for (const [name, weight] of [['four significant digits', fourDigits], ['any doubles', anyWeight]] as const) {
    it(`scores as the plain sum over the features does (${name})`, () => {
      fc.assert(
        fc.property(file(weight), fc.array(texts, { minLength: 1, maxLength: 5 }), (model, sample) => {
          const classify = createCoarseIntentClassifier(model);
          for (const text of sample) {
            const { probabilities } = classify(text);
            const expected = referenceProbabilities(model, text);
            for (const label of ['set', 'query', 'remove'] as const) expect(probabilities[label]).toBeCloseTo(expected[label]!, 4);
          }
        }),
        { numRuns: 150 },
      );
    });
  }
});

describe('visitFeatures', () => {
  /** The features as features.ts defines them, one by one: word n-grams of the tokens with `<s>` and `</s>` (ngramIndex), and the character grams of each word marked as `<word>`. */
  function byDefinition(text: string): Array<[number, number]> {
    const tokens = tokenise(text);
    const padded = ['<s>', ...tokens, '</s>'];
    const out: Array<[number, number]> = tokens.map((t) => [ngramIndex([t]), 0]);
    for (let i = 0; i + 1 < padded.length; i += 1) out.push([ngramIndex(padded.slice(i, i + 2)), 1]);
    for (let i = 0; i + 2 < padded.length; i += 1) out.push([ngramIndex(padded.slice(i, i + 3)), 2]);
    for (const t of tokens.filter((t) => !['NUM', 'TIME', 'ORD'].includes(t))) {
      const marked = `<${t}>`;
      for (let start = 0; start + 3 <= marked.length; start += 1) for (let n = 3; n <= 5 && start + n <= marked.length; n += 1) out.push([charGramIndex(marked.slice(start, start + n)), 3]);
    }
    return out;
  }
  const all = { words: 1, bigrams: 1, trigrams: 1, chars: 1 };

  it('visits every feature as defined, block after block, as often as it occurs', () => {
    // Plain ASCII words take a scan of their own (hashed as read, numbers and times found by their hashes); the rest
    // goes through the strings of tokenise. Both must give the features of tokenise's tokens.
    const words = ['cancel', 'My', 'my', 'lunch', "what's", 'at', '3pm', 'five', 'TWENTY', 'p', 'm', 'p.', 'm.', 'a', 'o', 'clock', 'oclock', 'am', 'PM', 'Über', '😀', '\t', 'NUM', 'time'];
    const texts = fc.oneof(fc.string({ maxLength: 80 }), fc.array(fc.constantFrom(...words), { maxLength: 12 }).map((w) => w.join(' ')), fc.array(fc.constantFrom(...words), { maxLength: 12 }).map((w) => w.join('')));
    fc.assert(
      fc.property(texts, (text) => {
        const visited: Array<[number, number]> = [];
        visitFeatures(text, all, (index, block) => visited.push([index, block]));
        expect(visited).toEqual(byDefinition(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads the longest message there can be, and text that normalises into more words than it has characters', () => {
    for (const text of ['a '.repeat(700), 'x'.repeat(1200), '¼'.repeat(1000), 'five '.repeat(300)]) {
      const visited: Array<[number, number]> = [];
      visitFeatures(text, all, (index, block) => visited.push([index, block]));
      expect(visited).toEqual(byDefinition(text));
    }
  });

  it('leaves out the kinds weighted 0', () => {
    const blocks: number[] = [];
    visitFeatures('lunch with anna tomorrow', { words: 0, bigrams: 0.7, trigrams: 0, chars: 0 }, (_index, block) => blocks.push(block));
    expect(new Set(blocks)).toEqual(new Set([1]));
    expect(blocks).toHaveLength(5);
  });
});
