import type { Evidence, IntentName } from './intent-schema.ts';
import { compiled } from './compiled.ts';
import type { LanguagePack } from './language-pack.ts';
import { packGate } from './literal-gate.ts';

export type CoarseIntent = 'set' | 'query' | 'remove';
/** The statistical model: its guess, and how sure it must be to overrule a rule that says otherwise (null: never). */
export interface CoarseModel {
  classify: (text: string) => { label: CoarseIntent; probabilities: Record<CoarseIntent, number> };
  overrulesRulesAbove: number | null;
}

/**
 * How sure the model must be to take a bare note with a time for anything but a creation: our convention
 * (tests/unit/assistant/parse-english.test.ts), which MASSIVE's voice queries would otherwise wear down. Measured
 * by cross-validation it costs nothing there (95.3% with it, 95.2% with the overrule threshold alone).
 */
const BARE_NOTE_SURENESS = 0.9;

export interface Classification {
  intent: IntentName;
  confidence: number;
  evidence: Evidence | null;
}

/**
 * Rules first: a verb of the language ("cancel", "move", "when am I free") is
 * the clearest signal there is. Where no rule fires, the statistical model
 * trained on public English data decides between create, cancel and query,
 * and where it is sure enough (a threshold chosen with the model by
 * cross-validation, see scripts/train-intent-model.ts) it overrules a rule
 * that says otherwise: the rules were right 96% of the time they fired there.
 */
export function classifyIntent(pack: LanguagePack, lower: string, mentionsTime: boolean, model?: CoarseModel): Classification {
  const hits: Array<{ intent: IntentName; m: RegExpExecArray }> = [];
  const gate = packGate(pack);
  for (const [intent, pattern, original] of cuesOf(pack)) {
    // Most cues have none of their words in a given message: the gate's one walk rules them out without their scans.
    if (!gate.mayMatch(original, lower)) continue;
    const m = pattern.exec(lower);
    if (m) hits.push({ intent, m });
  }
  // The model (English only) is asked at most once, and only if a rule tie-break, an overrule or no rule needs it.
  const guess = new ModelGuess(model && pack.code === 'en' ? model : null, lower);

  if (hits.length > 0) {
    let chosen = hits[0]!;
    // "cancel … and reschedule it for Thursday" moves the event: a move named anywhere outranks the cancel.
    const move = hits.find((h) => h.intent === 'modify_event');
    if (chosen.intent === 'cancel_event' && move && /\b(?:reschedule|move|postpone|push)\b/.test(move.m[0])) chosen = move;
    // "add Bob to the standup" is a change, "add lunch tomorrow" a creation: the modify cue is the more specific one.
    if (chosen.intent === 'list_events' && hits.some((h) => h.intent === 'create_event') && guess.get()?.label === 'set') chosen = hits.find((h) => h.intent === 'create_event')!;
    const overrule = model?.overrulesRulesAbove ?? null;
    // A command that opens with its verb ("bring the review forward …", "cancel …") is the clearest case there is;
    // the model, which never saw most of our verbs, does not overrule it (nor is it asked: scoring is a tenth of a parse).
    const imperative = chosen.m.index === 0;
    const coarse = overrule !== null && !imperative ? guess.get() : null;
    if (overrule !== null && !imperative && coarse && coarse.label !== coarseOf(chosen.intent) && coarse.probabilities[coarse.label] >= overrule) {
      // The model only knows set / query / remove; a rule of the same kind, if one fired, says which intent exactly.
      const intent = fineIntent(coarse.label, hits);
      const agreeing = hits.find((h) => h.intent === intent);
      const m = agreeing?.m;
      return { intent, confidence: Math.min(0.85, coarse.probabilities[coarse.label]), evidence: m ? { text: m[0], start: m.index, end: m.index + m[0].length, role: 'intent' } : null };
    }
    return {
      intent: chosen.intent,
      confidence: hits.length === 1 ? 0.9 : 0.8,
      evidence: { text: chosen.m[0], start: chosen.m.index, end: chosen.m.index + chosen.m[0].length, role: 'intent' },
    };
  }
  const coarse = guess.get();
  // A bare note with a day or time ("dentist friday 10:30") is a creation, unless it asks something ("what time am
  // I meeting John tomorrow"), names the calendar itself ("meetings tomorrow") or the model is very sure otherwise.
  const asks = [pack.intents.question, pack.intents.calendarItself].some((p) => p && gate.mayMatch(p, lower) && compiled(p, p.flags).test(lower));
  const sureOtherwise = coarse && coarse.label !== 'set' && model?.overrulesRulesAbove != null && coarse.probabilities[coarse.label] >= Math.max(BARE_NOTE_SURENESS, model.overrulesRulesAbove);
  if (mentionsTime && coarse && !asks && !sureOtherwise) return { intent: 'create_event', confidence: 0.6, evidence: null };
  if (coarse) {
    const p = coarse.probabilities[coarse.label];
    const intent: IntentName = coarse.label === 'set' ? 'create_event' : coarse.label === 'remove' ? 'cancel_event' : 'list_events';
    return { intent, confidence: Math.min(0.85, p), evidence: null };
  }
  // A bare event with a day or time ("dentist friday 10:30") is a creation.
  if (mentionsTime) return { intent: 'create_event', confidence: 0.6, evidence: null };
  return { intent: 'unknown', confidence: 0.2, evidence: null };
}

const cues = new WeakMap<LanguagePack, Array<[IntentName, RegExp, RegExp]>>();

/** A pack's intent cues, strongest first, each without a `g` flag (so `exec` keeps no state) and as the pack has it; made once per pack. */
export function cuesOf(pack: LanguagePack): Array<[IntentName, RegExp, RegExp]> {
  let list = cues.get(pack);
  if (!list) {
    const { availability, cancel, modify, list: listing, create } = pack.intents;
    list = (
      [
        ['show_availability', availability],
        ['cancel_event', cancel],
        ['modify_event', modify],
        ['list_events', listing],
        ['create_event', create],
      ] as Array<[IntentName, RegExp]>
    ).map(([intent, pattern]) => [intent, compiled(pattern, pattern.flags.replace('g', '')), pattern]);
    cues.set(pack, list);
  }
  return list;
}

/** The model's guess, asked for at most once; an object rather than a closure, which tsx names on every call. */
class ModelGuess {
  private value: ReturnType<CoarseModel['classify']> | null | undefined;

  constructor(
    private readonly model: CoarseModel | null,
    private readonly lower: string,
  ) {}

  get(): ReturnType<CoarseModel['classify']> | null {
    if (this.value === undefined) this.value = this.model ? this.model.classify(this.lower) : null;
    return this.value;
  }
}

function fineIntent(label: CoarseIntent, hits: Array<{ intent: IntentName }>): IntentName {
  const fired = (intent: IntentName) => hits.some((h) => h.intent === intent);
  if (label === 'remove') return 'cancel_event';
  if (label === 'set') return fired('modify_event') ? 'modify_event' : 'create_event';
  return fired('show_availability') ? 'show_availability' : 'list_events';
}

export function coarseOf(intent: IntentName): CoarseIntent | null {
  if (intent === 'create_event' || intent === 'modify_event') return 'set';
  if (intent === 'cancel_event') return 'remove';
  if (intent === 'list_events' || intent === 'show_availability') return 'query';
  return null;
}
