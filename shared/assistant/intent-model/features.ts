import { FNV_OFFSET, FNV_PRIME, fnv1a } from '../fnv1a.ts';
import { isAscii, isAsciiCode, nfkc, singleSpaced } from '../message-text.ts';

/**
 * Text normalisation and hashed feature extraction for the coarse intent
 * model. Training (scripts/train-intent-model.ts) and inference
 * (classifier.ts) both call `visitFeatures`, so anything changed here means
 * the weights must be retrained: bump FEATURE_VERSION so a stale weights.json
 * is refused instead of silently scoring garbage.
 */

export const FEATURE_VERSION = 3;
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
  return singleSpaced(
    nfkc(sliced)
      .toLowerCase()
      .replace(/[\u2018\u2019\u02bc`]/g, "'"),
  ).trim();
}

/**
 * Words of the utterance with numbers and times replaced by placeholders:
 * "remind me at 3pm" and "remind me at three p. m." give the same tokens.
 * (visitFeatures reads the same tokens as hashes, without making these strings.)
 */
export function tokenise(text: string): string[] {
  const words = wordsOf(text);
  const kinds = Uint8Array.from(words, kindOf);
  const sources = new Int32Array(words.length);
  const n = collapseNumbersAndTimes(kinds, words.length, sources);
  return Array.from(sources.subarray(0, n), (i) => (i < 0 ? TIME : (words[i] as string)));
}

/** The words of the utterance, numbers and times as placeholders, before "twenty five" and "3 p m" are collapsed. */
function wordsOf(text: string): string[] {
  let normalised = normaliseText(text);
  // Most commands have neither digits nor apostrophes; the dozen replacements below then have nothing to do.
  if (/\d/.test(normalised)) normalised = normalised.replace(DIGIT_TIME, ` ${TIME} `);
  if (normalised.includes("'")) for (const [pattern, replacement, needs] of CONTRACTIONS) if (normalised.includes(needs)) normalised = normalised.replace(pattern, replacement);
  // In ASCII the letters and digits are [A-Za-z0-9]; the Unicode property classes cost several times more to scan.
  if (isAscii(normalised)) return asciiWords(normalised);
  return normalised
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter((word) => word !== '')
    .map(placeholderFor);
}

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

/** What the collapse of numbers and times needs to know of a token: a number, a time, one of the words of a time's suffix, or any other word. */
const enum Kind {
  Word,
  Num,
  Time,
  A,
  P,
  M,
  O,
  Clock,
  Am,
  Pm,
  OClock,
}
const SUFFIX_KINDS: ReadonlyMap<string, Kind> = new Map([
  ['a', Kind.A],
  ['p', Kind.P],
  ['m', Kind.M],
  ['o', Kind.O],
  ['clock', Kind.Clock],
  ['am', Kind.Am],
  ['pm', Kind.Pm],
  ['oclock', Kind.OClock],
]);

function kindOf(token: string): Kind {
  return token === NUM ? Kind.Num : token === TIME ? Kind.Time : (SUFFIX_KINDS.get(token) ?? Kind.Word);
}

/**
 * "twenty five" is one number, and a number followed by "p m" (the "p. m."
 * of MASSIVE with its dots stripped), "pm" or "o clock" is a time, as is
 * "3.30pm" (NUM then TIME once the dot is gone). "am" only counts after a
 * number, so "am i free" keeps its verb. Writes which token each kept one is
 * (its position among the `n`, or -1 for a TIME made of several) to `sources`
 * and returns how many were kept.
 */
function collapseNumbersAndTimes(kinds: Uint8Array, n: number, sources: Int32Array): number {
  let kept = 0;
  let previous = -1;
  for (let i = 0; i < n; i += 1) {
    const kind = kinds[i] as Kind;
    const afterNumber = previous === Kind.Num || previous === Kind.Time;
    if (kind === Kind.Num && afterNumber) continue;
    if (kind === Kind.Time && previous === Kind.Num) {
      sources[kept - 1] = -1;
      previous = Kind.Time;
      continue;
    }
    if (afterNumber) {
      const suffixLength = timeSuffixLength(kinds, n, i);
      if (suffixLength > 0) {
        sources[kept - 1] = -1;
        previous = Kind.Time;
        i += suffixLength - 1;
        continue;
      }
    }
    sources[kept++] = i;
    previous = kind;
  }
  return kept;
}

function timeSuffixLength(kinds: Uint8Array, n: number, at: number): number {
  const first = kinds[at];
  const second = at + 1 < n ? kinds[at + 1] : Kind.Word;
  if ((first === Kind.A || first === Kind.P) && second === Kind.M) return 2;
  if (first === Kind.O && second === Kind.Clock) return 2;
  if (first === Kind.Am || first === Kind.Pm || first === Kind.OClock) return 1;
  return 0;
}

/** The kinds of feature, in the order they are visited; each kind is scaled to its own length (see extractFeatures). */
export const FEATURE_BLOCKS = ['words', 'bigrams', 'trigrams', 'chars'] as const;
export type FeatureBlock = (typeof FEATURE_BLOCKS)[number];
/** How much each kind counts, as the weights file says; a kind weighted 0 is not extracted at all. */
export type BlockWeights = Record<FeatureBlock, number>;

/**
 * The word n-gram features are made of their tokens' hashes (32-bit FNV-1a), so that each token's letters are read
 * once whatever number of n-grams it is in: an n-gram's hash is its kind's seed mixed with each token's hash in turn
 * (see ngramIndex).
 */
const NGRAM_SEEDS = [fnv1a(FNV_OFFSET, 'w:'), fnv1a(FNV_OFFSET, 'b:'), fnv1a(FNV_OFFSET, 't:')] as const;
const [WORD_SEED, BIGRAM_SEED, TRIGRAM_SEED] = NGRAM_SEEDS;
const CHAR_SEED = fnv1a(FNV_OFFSET, 'c:');
const OPEN = '<'.charCodeAt(0);
const CLOSE = '>'.charCodeAt(0);
const MIN_CHAR_GRAM = 3;
const MAX_CHAR_GRAM = 5;
const SENTENCE_START = fnv1a(FNV_OFFSET, '<s>');
const SENTENCE_END = fnv1a(FNV_OFFSET, '</s>');
const TIME_HASH = fnv1a(FNV_OFFSET, TIME);

/**
 * `state` continued by a token's hash: the two xor-ed, then multiplied by an odd constant and put through murmur3's
 * 32-bit finaliser, each step a bijection, so that distinct n-grams rarely share a hash and every bit of it depends
 * on every token.
 */
function mix(state: number, tokenHash: number): number {
  let x = Math.imul(state ^ tokenHash, 0x9e3779b1);
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return x ^ (x >>> 16);
}

function fold(hash: number): number {
  return (hash >>> 0) & FEATURE_MASK;
}

/** The feature index of a word n-gram (one to three tokens, `<s>` and `</s>` marking the ends of the utterance): what visitFeatures visits, defined the long way. */
export function ngramIndex(tokens: readonly string[]): number {
  let state: number = NGRAM_SEEDS[tokens.length - 1] as number;
  for (const token of tokens) state = mix(state, fnv1a(FNV_OFFSET, token));
  return fold(state);
}

/** The feature index of a character n-gram ("<ca", "anc", "el>" of "cancel"). */
export function charGramIndex(gram: string): number {
  return fold(fnv1a(CHAR_SEED, gram));
}

/**
 * Calls `visit(index, block)` for every feature occurrence of the utterance
 * (an index comes once per occurrence), block by block: word unigrams, word
 * bigrams and trigrams with sentence marks `<s>` and `</s>` (ngramIndex), and
 * character 3- to 5-grams of each word marked as `<word>` (charGramIndex).
 */
export function visitFeatures(text: string, blocks: BlockWeights, visit: (index: number, block: number) => void): void {
  if (blocks.words || blocks.bigrams || blocks.trigrams) {
    // readTokens first: it may grow the scratch arrays.
    const read = readTokens(text);
    const n = collapseNumbersAndTimes(tokenKinds, read, kept);
    if (bigramsAt.length < n + 1) {
      bigramsAt = new Int32Array(2 * (n + 1));
      trigramsAt = new Int32Array(2 * (n + 1));
    }
    // Each token continues the n-grams it ends and opens those it starts: "b:<previous token>", "t:<previous
    // token>" and "t:<two back> <previous token>" are carried from one to the next (before the first token there
    // are none, and what is made of them for it is not used). The features are visited block after block.
    let bigramOpen = 0;
    let trigramOpen = 0;
    let trigramMiddle = 0;
    for (let j = 0; j <= n + 1; j += 1) {
      const source = j >= 1 && j <= n ? (kept[j - 1] as number) : 0;
      const h = j === 0 ? SENTENCE_START : j === n + 1 ? SENTENCE_END : source < 0 ? TIME_HASH : (tokenHashes[source] as number);
      if (j >= 1 && j <= n && blocks.words) visit(fold(mix(WORD_SEED, h)), 0);
      if (j >= 1) bigramsAt[j - 1] = fold(mix(bigramOpen, h));
      if (j >= 2) trigramsAt[j - 2] = fold(mix(trigramMiddle, h));
      bigramOpen = mix(BIGRAM_SEED, h);
      trigramMiddle = mix(trigramOpen, h);
      trigramOpen = mix(TRIGRAM_SEED, h);
    }
    if (blocks.bigrams) for (let i = 0; i <= n; i += 1) visit(bigramsAt[i] as number, 1);
    if (blocks.trigrams) for (let i = 0; i < n; i += 1) visit(trigramsAt[i] as number, 2);
  }
  if (blocks.chars) for (const token of tokenise(text)) if (!PLACEHOLDERS.has(token)) visitCharGrams(token, visit);
}

/**
 * Scratch for one utterance (visitFeatures does not call itself): its tokens' hashes and kinds before the collapse,
 * which of them the collapse keeps, and the bigram and trigram indices. A plain scan of the longest message there can
 * be has at most half as many words as characters; the long way grows them as it needs.
 */
let tokenHashes = new Int32Array(MAX_INPUT_CHARS / 2 + 1);
let tokenKinds = new Uint8Array(MAX_INPUT_CHARS / 2 + 1);
let kept = new Int32Array(MAX_INPUT_CHARS / 2 + 1);
let bigramsAt = new Int32Array(64);
let trigramsAt = new Int32Array(64);

/** Fills tokenHashes and tokenKinds with the words of the utterance (numbers and times as placeholders, not yet collapsed); returns how many. */
function readTokens(text: string): number {
  const plain = plainAsciiTokens(text);
  if (plain >= 0) return plain;
  const words = wordsOf(text);
  if (words.length > tokenHashes.length) {
    tokenHashes = new Int32Array(words.length);
    tokenKinds = new Uint8Array(words.length);
    kept = new Int32Array(words.length);
  }
  words.forEach((word, i) => {
    tokenHashes[i] = fnv1a(FNV_OFFSET, word);
    tokenKinds[i] = kindOf(word);
  });
  return words.length;
}

/**
 * Most commands are plain ASCII words: without digits or apostrophes (straight or the backtick taken for one) there
 * is nothing to normalise or replace, and the words are the runs of letters, hashed as they are read. -1 for any
 * other text, which takes the long way (wordsOf).
 */
function plainAsciiTokens(text: string): number {
  const end = Math.min(text.length, MAX_INPUT_CHARS);
  let count = 0;
  let start = -1;
  let h = 0;
  for (let i = 0; i <= end; i += 1) {
    let c = i < end ? text.charCodeAt(i) : 32;
    if (c >= 65 && c <= 90) c += 32;
    if (c >= 97 && c <= 122) {
      if (start < 0) {
        start = i;
        h = FNV_OFFSET;
      }
      h = Math.imul(h ^ c, FNV_PRIME);
      continue;
    }
    // Printable ASCII and the whitespace isAscii allows, less digits and apostrophes.
    if ((c >= 48 && c <= 57) || c === 39 || c === 96 || !isAsciiCode(c)) return -1;
    if (start >= 0) {
      const special = SPECIAL_WORDS.find(h, text, start, i);
      tokenHashes[count] = special < 0 ? h : SPECIAL_WORDS.tokenHash(special);
      tokenKinds[count] = special < 0 ? Kind.Word : SPECIAL_WORDS.kind(special);
      count += 1;
      start = -1;
    }
  }
  return count;
}

/**
 * The words a plain scan must tell apart (number words, which become NUM, and the words of a time's suffix), found by
 * the hash of their letters: one probe of an open-addressed table per word read, the letters compared on a hash hit.
 */
class SpecialWords {
  private static readonly SLOTS = 256;
  private readonly hashes = new Int32Array(SpecialWords.SLOTS);
  private readonly words: Array<string | undefined> = new Array(SpecialWords.SLOTS).fill(undefined);
  private readonly tokens = new Int32Array(SpecialWords.SLOTS);
  private readonly kinds = new Uint8Array(SpecialWords.SLOTS);

  constructor(words: Iterable<string>) {
    for (const word of words) {
      const h = fnv1a(FNV_OFFSET, word);
      let slot = h & (SpecialWords.SLOTS - 1);
      while (this.words[slot] !== undefined) slot = (slot + 1) & (SpecialWords.SLOTS - 1);
      const token = placeholderFor(word);
      this.hashes[slot] = h;
      this.words[slot] = word;
      this.tokens[slot] = fnv1a(FNV_OFFSET, token);
      this.kinds[slot] = kindOf(token);
    }
  }

  /** The slot of text[start, end) (ASCII, compared lower-cased) if it is one of the words, else -1. */
  find(h: number, text: string, start: number, end: number): number {
    for (let slot = h & (SpecialWords.SLOTS - 1); ; slot = (slot + 1) & (SpecialWords.SLOTS - 1)) {
      const word = this.words[slot];
      if (word === undefined) return -1;
      if (this.hashes[slot] === h && sameLetters(text, start, end, word)) return slot;
    }
  }

  tokenHash(slot: number): number {
    return this.tokens[slot] as number;
  }

  kind(slot: number): Kind {
    return this.kinds[slot] as Kind;
  }
}

/** text[start, end) lower-cased (ASCII) is `word`. */
function sameLetters(text: string, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) return false;
  for (let k = 0; k < word.length; k += 1) {
    let c = text.charCodeAt(start + k);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== word.charCodeAt(k)) return false;
  }
  return true;
}

const SPECIAL_WORDS = new SpecialWords([...NUMBER_WORDS, ...SUFFIX_KINDS.keys()]);

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
