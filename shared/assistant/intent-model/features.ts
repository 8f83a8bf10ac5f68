import { FNV_OFFSET, FNV_PRIME, fnv1a } from '../fnv1a.ts';
import { isAscii, nfkc, singleSpaced } from '../message-text.ts';

/**
 * Text normalisation and hashed feature extraction for the coarse intent
 * model. Training (scripts/train-intent-model.ts) and inference
 * (classifier.ts) both call `visitFeatures`, so anything changed here means
 * the weights must be retrained: bump FEATURE_VERSION so a stale weights.json
 * is refused instead of silently scoring garbage.
 */

export const FEATURE_VERSION = 2;
export const FEATURE_SPACE_BITS = 18;
const FEATURE_MASK = (1 << FEATURE_SPACE_BITS) - 1;

/** Placeholders are upper case so no lower-cased user text can collide with them. */
const NUM = 'NUM';
const TIME = 'TIME';
const ORDINAL = 'ORD';
const PLACEHOLDERS = new Set([NUM, TIME, ORDINAL]);

/**
 * Past this many characters an utterance is not a calendar command; the cap
 * bounds the work a pasted document can cause.
 */
const MAX_INPUT_CHARS = 1000;

const NUMBER_WORDS = new Set([
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten',
  'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen',
  'nineteen', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety',
  'hundred', 'thousand',
]);

/**
 * "what's" and "what is" ask the same thing; expanding the common contractions
 * lets the few training examples of each spelling count for both.
 */
const CONTRACTIONS: ReadonlyArray<readonly [RegExp, string, string]> = [
  // Each with what it cannot match without, so a message skips the replacements that have nothing to do.
  [/\blet's\b/g, 'let us', "let's"],
  [/\b(what|when|where|who|how|that|there|it|here)'s\b/g, '$1 is', "'s"],
  [/\bcan't\b/g, 'can not', "can't"],
  [/\bwon't\b/g, 'will not', "won't"],
  [/\b(\w+)n't\b/g, '$1 not', "n't"],
  [/\bi'm\b/g, 'i am', "i'm"],
  [/'re\b/g, ' are', "'re"],
  [/'ve\b/g, ' have', "'ve"],
  [/'ll\b/g, ' will', "'ll"],
  [/'d\b/g, ' would', "'d"],
  // Whatever "'s" is left is a possessive ("bob's party"): the owner's name carries no intent.
  [/'s\b/g, '', "'s"],
];

/**
 * Clock times written with digits. MASSIVE spells "pm" as "p. m.", users type
 * "3pm", "3 p.m." or "15:30"; all of them mean "some time" and nothing more.
 */
const DIGIT_TIME = /\b\d{1,2}(?::\d{2})?\s*[ap]\.?\s?m\b\.?|\b\d{1,2}:\d{2}\b/g;

/** Lower case, NFKC, straight apostrophes, single spaces. */
export function normaliseText(text: string): string {
  const sliced = text.slice(0, MAX_INPUT_CHARS);
  // ASCII is its own NFKC, and its only quote to straighten is the backtick: a message already in lower case and single
  // spaced (as the parser hands it over) comes back as it is, without the three scans of the long way.
  if (isAscii(sliced)) {
    const lower = sliced.toLowerCase();
    return singleSpaced(lower.includes('`') ? lower.replaceAll('`', "'") : lower).trim();
  }
  return nfkc(sliced)
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Words of the utterance with numbers and times replaced by placeholders:
 * "remind me at 3pm" and "remind me at three p. m." give the same tokens.
 */
export function tokenise(text: string): string[] {
  const sliced = text.slice(0, MAX_INPUT_CHARS);
  // Most commands are plain ASCII words: without digits or apostrophes (straight or the backtick taken for one)
  // there is nothing to replace, and the words are the runs of letters.
  if (!PLAIN_WORDS_NEED_MORE.test(sliced) && isAscii(sliced)) return collapseNumbersAndTimes(asciiWords(sliced.toLowerCase()));
  let normalised = normaliseText(sliced);
  // Most commands have neither digits nor apostrophes; the dozen replacements below then have nothing to do.
  if (/\d/.test(normalised)) normalised = normalised.replace(DIGIT_TIME, ` ${TIME} `);
  if (normalised.includes("'")) for (const [pattern, replacement, needs] of CONTRACTIONS) if (normalised.includes(needs)) normalised = normalised.replace(pattern, replacement);
  // In ASCII the letters and digits are [A-Za-z0-9]; the Unicode property classes cost several times more to scan.
  if (isAscii(normalised)) return collapseNumbersAndTimes(asciiWords(normalised));
  const words = normalised
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter((word) => word !== '');
  return collapseNumbersAndTimes(words.map(placeholderFor));
}

const PLAIN_WORDS_NEED_MORE = /[0-9'`]/;

/** The runs of [A-Za-z0-9] in an ASCII text, each as its placeholder: one scan instead of a replace, a split and a filter. */
function asciiWords(text: string): string[] {
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i += 1) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    const inWord = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
    if (inWord) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      words.push(placeholderFor(text.slice(start, i)));
      start = -1;
    }
  }
  return words;
}

function placeholderFor(word: string): string {
  if (word === TIME) return TIME;
  if (NUMBER_WORDS.has(word)) return NUM;
  // Only a word that starts with a digit can be a number or an ordinal; most words are spared both patterns.
  const first = word.charCodeAt(0);
  if (first < 48 || first > 57) return word;
  if (/^\d+$/.test(word)) return NUM;
  if (/^\d+(st|nd|rd|th)$/.test(word)) return ORDINAL;
  return word;
}

/**
 * "twenty five" is one number, and a number followed by "p m" (the "p. m."
 * of MASSIVE with its dots stripped), "pm" or "o clock" is a time, as is
 * "3.30pm" (NUM then TIME once the dot is gone). "am" only counts after a
 * number, so "am i free" keeps its verb.
 */
function collapseNumbersAndTimes(tokens: string[]): string[] {
  // Every rule starts at a NUM or a TIME: without one the words stay as they are (most commands).
  if (!tokens.includes(NUM) && !tokens.includes(TIME)) return tokens;
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] as string;
    const previous = out[out.length - 1];
    if (token === NUM && (previous === NUM || previous === TIME)) continue;
    if (token === TIME && previous === NUM) {
      out[out.length - 1] = TIME;
      continue;
    }
    if (previous === NUM || previous === TIME) {
      const suffixLength = timeSuffixLength(tokens, i);
      if (suffixLength > 0) {
        out[out.length - 1] = TIME;
        i += suffixLength - 1;
        continue;
      }
    }
    out.push(token);
  }
  return out;
}

function timeSuffixLength(tokens: string[], at: number): number {
  const first = tokens[at];
  const second = tokens[at + 1];
  if ((first === 'a' || first === 'p') && second === 'm') return 2;
  if (first === 'o' && second === 'clock') return 2;
  if (first === 'am' || first === 'pm' || first === 'oclock') return 1;
  return 0;
}

/** 32-bit FNV-1a over UTF-16 code units, folded into the feature space. */
export function hashFeature(name: string): number {
  return (fnv1a(FNV_OFFSET, name) >>> 0) & FEATURE_MASK;
}

// FNV-1a reads its input left to right, so the state after a feature's prefix ("w:", "b:", …) is computed once
// and each feature's hash is continued from there: no feature name is ever built as a string.
const WORD_SEED = fnv1a(FNV_OFFSET, 'w:');
const BIGRAM_SEED = fnv1a(FNV_OFFSET, 'b:');
const TRIGRAM_SEED = fnv1a(FNV_OFFSET, 't:');
const CHAR_SEED = fnv1a(FNV_OFFSET, 'c:');
const SPACE = ' '.charCodeAt(0);
const OPEN = '<'.charCodeAt(0);
const CLOSE = '>'.charCodeAt(0);
const MIN_CHAR_GRAM = 3;
const MAX_CHAR_GRAM = 5;

/** The kinds of feature, in the order they are visited; each kind is scaled to its own length (see extractFeatures). */
export const FEATURE_BLOCKS = ['words', 'bigrams', 'trigrams', 'chars'] as const;
export type FeatureBlock = (typeof FEATURE_BLOCKS)[number];
/** How much each kind counts, as the weights file says; a kind weighted 0 is not extracted at all. */
export type BlockWeights = Record<FeatureBlock, number>;

function fold(hash: number): number {
  return (hash >>> 0) & FEATURE_MASK;
}

/**
 * Calls `visit(index, block)` for every feature occurrence of the utterance
 * (an index comes once per occurrence), block by block: word unigrams, word
 * bigrams and trigrams with sentence marks `<s>` and `</s>`, and character 3-
 * to 5-grams of each word marked as `<word>`. The hashes are those of the
 * feature names `w:word`, `b:left right`, `t:a b c` and `c:gram` (see hashFeature).
 */
export function visitFeatures(text: string, blocks: BlockWeights, visit: (index: number, block: number) => void): void {
  const tokens = tokenise(text);
  const n = tokens.length;
  if (blocks.words || blocks.bigrams || blocks.trigrams) {
    // FNV-1a reads left to right, so each feature's hash continues the hash of what comes before it in its name. A
    // token's letters are read once, continuing the six hashes it takes part in: its word, the bigram it starts and the
    // one it ends, the trigram it starts, the one it is second in and the one it ends. The features are kept per block
    // and visited block after block, in the order of the names.
    if (bigramsAt.length < n + 1) {
      bigramsAt = new Int32Array(2 * (n + 1));
      trigramsAt = new Int32Array(2 * (n + 1));
    }
    // The hashes of "b:<previous token>", "t:<previous token>" and "t:<two back> <previous token>" (before the first
    // token there are none, and what is computed from these for it is not used).
    let bigramOpen = 0;
    let trigramOpen = 0;
    let trigramMiddle = 0;
    for (let j = 0; j <= n + 1; j += 1) {
      const token = j === 0 ? SENTENCE_START : j === n + 1 ? SENTENCE_END : (tokens[j - 1] as string);
      let word = WORD_SEED;
      let startsBigram = BIGRAM_SEED;
      let endsBigram = Math.imul(bigramOpen ^ SPACE, FNV_PRIME);
      let startsTrigram = TRIGRAM_SEED;
      let middleOfTrigram = Math.imul(trigramOpen ^ SPACE, FNV_PRIME);
      let endsTrigram = Math.imul(trigramMiddle ^ SPACE, FNV_PRIME);
      for (let i = 0; i < token.length; i += 1) {
        const c = token.charCodeAt(i);
        word = Math.imul(word ^ c, FNV_PRIME);
        startsBigram = Math.imul(startsBigram ^ c, FNV_PRIME);
        endsBigram = Math.imul(endsBigram ^ c, FNV_PRIME);
        startsTrigram = Math.imul(startsTrigram ^ c, FNV_PRIME);
        middleOfTrigram = Math.imul(middleOfTrigram ^ c, FNV_PRIME);
        endsTrigram = Math.imul(endsTrigram ^ c, FNV_PRIME);
      }
      if (j >= 1 && j <= n && blocks.words) visit(fold(word), 0);
      if (j >= 1) bigramsAt[j - 1] = fold(endsBigram);
      if (j >= 2) trigramsAt[j - 2] = fold(endsTrigram);
      bigramOpen = startsBigram;
      trigramMiddle = middleOfTrigram;
      trigramOpen = startsTrigram;
    }
    if (blocks.bigrams) for (let i = 0; i <= n; i += 1) visit(bigramsAt[i] as number, 1);
    if (blocks.trigrams) for (let i = 0; i < n; i += 1) visit(trigramsAt[i] as number, 2);
  }
  if (blocks.chars) for (const token of tokens) if (!PLACEHOLDERS.has(token)) visitCharGrams(token, visit);
}

const SENTENCE_START = '<s>';
const SENTENCE_END = '</s>';
/** Scratch for one utterance's bigram and trigram indices (visitFeatures does not call itself). */
let bigramsAt = new Int32Array(64);
let trigramsAt = new Int32Array(64);

/** Character n-grams let "cancelled", "cancelling" and typos share evidence with "cancel". */
function visitCharGrams(token: string, visit: (index: number, block: number) => void): void {
  const length = token.length + 2;
  for (let start = 0; start + MIN_CHAR_GRAM <= length; start += 1) {
    let h = CHAR_SEED;
    for (let n = 1; n <= MAX_CHAR_GRAM && start + n <= length; n += 1) {
      const at = start + n - 1;
      h = Math.imul(h ^ (at === 0 ? OPEN : at === length - 1 ? CLOSE : token.charCodeAt(at - 1)), FNV_PRIME);
      if (n >= MIN_CHAR_GRAM) visit(fold(h), 3);
    }
  }
}

/**
 * Sparse feature vector: hashed index -> value. Each block of counts is
 * scaled to the L2 length its weight gives it, so a long rambling utterance
 * does not get more confident just by having more n-grams than a short
 * command, and the many character n-grams of a word do not drown the word.
 */
export function extractFeatures(text: string, blocks: BlockWeights): Map<number, number> {
  const counts = FEATURE_BLOCKS.map(() => new Map<number, number>());
  visitFeatures(text, blocks, (index, block) => {
    const inBlock = counts[block] as Map<number, number>;
    inBlock.set(index, (inBlock.get(index) ?? 0) + 1);
  });
  const features = new Map<number, number>();
  counts.forEach((inBlock, block) => {
    let squaredLength = 0;
    for (const value of inBlock.values()) squaredLength += value * value;
    if (squaredLength === 0) return;
    const scale = blocks[FEATURE_BLOCKS[block] as FeatureBlock] / Math.sqrt(squaredLength);
    for (const [index, value] of inBlock) features.set(index, (features.get(index) ?? 0) + value * scale);
  });
  return features;
}
