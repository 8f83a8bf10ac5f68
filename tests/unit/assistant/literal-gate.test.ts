import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LanguageCode } from '../../../shared/assistant/intent-schema.ts';
import { LiteralAutomaton } from '../../../shared/assistant/literal-automaton.ts';
import { LiteralGate, packGate } from '../../../shared/assistant/literal-gate.ts';
import { packFor } from '../../../shared/assistant/languages/index.ts';
import { lowerSameLength } from '../../../shared/assistant/message-text.ts';
import { requiredLiterals } from '../../../shared/assistant/required-literals.ts';

describe('requiredLiterals', () => {
  it.each([
    [/\b(cancel|delete|call off)\b/, ['cancel', 'delete', 'call o']],
    [/\bfor (an?|one|\d+)\s*(hours?|mins?)\b/, ['for ']],
    [/\bmon(?:day)?\b/, ['mon']],
    [/CANCEL/i, ['cancel']],
    [/Tokyo/, ['tokyo']],
    [/(?<=at )noon(?! time)/, ['noon']],
    [/\d[ap]m\b/, ['am', 'pm']],
    [/(?:every|each) (?:day|week)s?/, ['every', 'each']],
    [/x+yz/, ['yz']],
    [/(?:ab){2,}cd/, ['ab']],
    [/(?:😀)?abc/u, ['abc']],
    [/明日|あした/, ['明日', 'あした']],
    [/(?<name>lunch) \k<name>/, null],
  ] as const)('%s needs one of %j', (pattern, expected) => {
    const found = requiredLiterals(pattern);
    if (expected === null) expect(found).toBeNull();
    else expect(new Set(found)).toEqual(new Set(expected));
  });

  it.each([
    ['digits only', /\d+/],
    ['single letters', /(a|b)c?/],
    ['a part that may be empty', /(?:lunch)?(?:dinner)?/],
    ['a branch without a literal', /lunch|\w+/],
    ['a back-reference', /(lunch)\1/],
    ['letters beyond ASCII ignoring case', /réunion/i],
    ['case folding under u', /meeting/iu],
    ['an escape it does not read', /\cJmeeting|\u{1F600}dinner/u],
  ])('gives nothing for %s', (_name, pattern) => {
    expect(requiredLiterals(pattern)).toBeNull();
  });

  // Patterns made of these pieces, and texts of the same letters: wherever a pattern matches, one of its literals is in the text.
  const piece = fc.constantFrom('ab', 'cd', 'abc', 'b', 'x', 'yz', 'A', ' ', '\\s', '\\d', '\\w', '.', '[ab]', '[^a]', '[a-c]', '\\b', '^', '$', '\\.', 'é');
  const pattern: fc.Arbitrary<string> = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, piece, tie('seq'), tie('alt'), tie('quantified'), tie('group')),
    seq: fc.array(tie('node'), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('')),
    alt: fc.array(tie('node'), { minLength: 2, maxLength: 3 }).map((parts) => `(?:${parts.join('|')})`),
    quantified: fc.tuple(tie('group'), fc.constantFrom('?', '*', '+', '{2}', '{1,3}', '{0,2}', '??', '+?')).map(([p, q]) => p + q),
    group: fc.tuple(fc.constantFrom('(', '(?:', '(?=', '(?!', '(?<=', '(?<!', '(?<g>'), tie('node')).map(([open, p]) => `${open}${p})`),
  })).node as fc.Arbitrary<string>;
  const text = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'x', 'y', 'z', 'A', 'B', 'YZ', ' ', '1', '.', 'é', 'É', 'ab', 'cd'), { maxLength: 14 }).map((cs) => cs.join(''));

  it('never rules out a text the pattern matches', () => {
    fc.assert(
      fc.property(pattern, fc.constantFrom('', 'i', 'u', 'g'), fc.array(text, { minLength: 1, maxLength: 8 }), (source, flags, texts) => {
        let re: RegExp;
        try {
          re = new RegExp(source, flags);
        } catch {
          return;
        }
        const literals = requiredLiterals(re);
        if (!literals) return;
        for (const t of texts) {
          re.lastIndex = 0;
          if (re.test(t)) expect(literals.some((l) => lowerSameLength(t).includes(l)), `${re} matches ${JSON.stringify(t)} without any of ${JSON.stringify(literals)}`).toBe(true);
        }
      }),
      { numRuns: 20_000 },
    );
  });
});

const LANGUAGES: LanguageCode[] = ['en', 'de', 'fr', 'es', 'pt', 'nl', 'ja'];

/** The patterns a pack's gate was given, alone and in their lists. */
function gatedPatterns(code: LanguageCode) {
  const pack = packFor(code);
  const lists = [pack.recurrence, pack.zones, pack.weekdays, pack.partsOfDay];
  const single = [...Object.values(pack.intents), pack.duration, pack.shiftLater, pack.shiftEarlier, pack.week, pack.next, pack.this, pack.bareTime, pack.allDay, pack.rename, pack.relativeIn, pack.changeConnector, ...Object.values(pack.scope), ...lists.flatMap((l) => l.map((e) => e.pattern))].filter((p): p is RegExp => p instanceof RegExp);
  return { pack, single, lists };
}

const evalDir = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'eval');
const evalTexts = existsSync(evalDir)
  ? readdirSync(evalDir)
      .filter((f) => f.endsWith('.jsonl'))
      .flatMap((f) => readFileSync(join(evalDir, f), 'utf8').split('\n').filter(Boolean))
      .map((l) => (JSON.parse(l) as { text: string }).text)
  : [];

describe('LiteralAutomaton', () => {
  it('tells which entries have a literal in a text, ASCII letters in either case, as a search for each would', () => {
    const piece = fc.constantFrom('a', 'b', 'ab', 'ba', 'abc', 'c', 'é', '日', '+');
    const literal = fc.array(piece, { minLength: 1, maxLength: 3 }).map((ps) => ps.join(''));
    const entries = fc.array(fc.array(literal, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 40 });
    const text = fc.array(fc.oneof(piece, fc.constantFrom('A', 'B', 'C', 'É', ' ')), { maxLength: 16 }).map((ps) => ps.join(''));
    fc.assert(
      fc.property(entries, fc.array(text, { minLength: 1, maxLength: 5 }), (es, texts) => {
        const automaton = new LiteralAutomaton(es);
        for (const t of texts) {
          const folded = t.replace(/[A-Z]/g, (c) => c.toLowerCase());
          const expected = es.map((literals) => literals.some((l) => folded.includes(l)));
          const hits = new Uint8Array(es.length);
          automaton.markIn(t, hits);
          expect([...hits].map(Boolean)).toEqual(expected);
          const bits = automaton.entriesIn(t);
          expected.slice(0, 32).forEach((found, e) => expect(Boolean(bits & (1 << e))).toBe(found));
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('LiteralGate', () => {
  it('finds a literal wherever it occurs, as a search for each would', () => {
    const entries = [/\b(?:lunch|launch)\b/, /\bun(?:ch|ion)\b/, /\bnch|ch\b/, /日本語/, [/\bab(?:cd|xy)/, /\bcdab/]];
    const gate = new LiteralGate(entries);
    const literalSets = [['lunch', 'launch'], ['unch', 'union'], ['nch', 'ch'], ['日本語'], ['abcd', 'abxy', 'cdab']];
    // Pieces of the literals and around them, so that literals occur inside, across and at the ends of others.
    const texts = fc.array(fc.constantFrom('l', 'u', 'n', 'c', 'h', 'a', 'un', 'ch', 'nch', 'lau', 'lunch', 'unio', 'on', 'ab', 'cd', 'xy', 'abc', ' ', '日', '日本', '語', 'é'), { maxLength: 12 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(texts, (t) => {
        entries.forEach((entry, i) => expect(gate.mayMatch(entry, t)).toBe(literalSets[i]!.some((l) => t.includes(l))));
      }),
      { numRuns: 5000 },
    );
  });

  it('answers for a pattern it was not given, or one without literals, that it may match', () => {
    const [cancel, digits] = [/\bcancel\b/, /\d+/];
    const gate = new LiteralGate([cancel, digits]);
    expect(gate.mayMatch(/\bmove\b/, 'nothing here')).toBe(true);
    expect(gate.mayMatch(digits, 'nothing here')).toBe(true);
    expect(gate.mayMatch(cancel, 'nothing here')).toBe(false);
    expect(gate.mayMatch(cancel, 'please cancel it')).toBe(true);
  });

  it.each(LANGUAGES)('never rules out a message one of the %s pack’s patterns matches', (code) => {
    const { pack, single, lists } = gatedPatterns(code);
    const gate = packGate(pack);
    // Messages of the patterns' own words, so that they match often, and the public evaluation utterances.
    const words = [...new Set([...single, ...lists.flat().map((e) => e.pattern)].flatMap((p) => p.source.match(/[\p{L}']+/gu) ?? []))];
    const salad = fc.array(fc.oneof(fc.constantFrom(...words), fc.constantFrom(' ', ' ', ', ', '3', '10:30', 'am', 'PM', 'Every', 'À', '-', "'s")), { minLength: 1, maxLength: 10 }).map((ws) => ws.join(' '));
    const check = (message: string) => {
      const lower = lowerSameLength(message);
      for (const p of single) {
        p.lastIndex = 0;
        if (p.test(lower) || p.test(message)) expect(gate.mayMatch(p, lower), `${p} matches ${JSON.stringify(message)}`).toBe(true);
      }
      for (const list of lists) if (list.some((e) => e.pattern.test(lower))) expect(gate.anyMayMatch(list, lower)).toBe(true);
    };
    fc.assert(fc.property(salad, (message) => check(message)), { numRuns: 3000 });
    for (const message of evalTexts) check(message);
    for (const p of single) p.lastIndex = 0;
  });

  it('spares most scans of most messages, while gating most of the English patterns', () => {
    const { pack, single } = gatedPatterns('en');
    const gate = packGate(pack);
    const known = single.filter((p) => requiredLiterals(p) !== null);
    expect(known.length / single.length).toBeGreaterThan(0.8);
    const messages = ['lunch with anna tomorrow at 1pm', 'move my 3pm to friday', 'cancel standup tomorrow', 'when am i free thursday afternoon?'];
    const passed = messages.flatMap((m) => known.map((p) => gate.mayMatch(p, m))).filter(Boolean).length;
    expect(passed / (messages.length * known.length)).toBeLessThan(0.35);
  });
});
