import type { Evidence, IntentName } from './intent-schema.ts';
import { compiled } from './compiled.ts';
import type { LanguagePack } from './language-pack.ts';

export type CoarseIntent = 'set' | 'query' | 'remove';
export type CoarseModel = (text: string) => { label: CoarseIntent; probabilities: Record<CoarseIntent, number> };

export interface Classification {
  intent: IntentName;
  confidence: number;
  evidence: Evidence | null;
}

/**
 * Rules first: a verb of the language ("cancel", "move", "when am I free") is
 * the clearest signal there is. Where no rule fires, the statistical model
 * trained on public English data decides between create, cancel and query.
 */
export function classifyIntent(pack: LanguagePack, lower: string, mentionsTime: boolean, model?: CoarseModel): Classification {
  const order: Array<[IntentName, RegExp]> = [
    ['show_availability', pack.intents.availability],
    ['cancel_event', pack.intents.cancel],
    ['modify_event', pack.intents.modify],
    ['list_events', pack.intents.list],
    ['create_event', pack.intents.create],
  ];
  const hits = order
    .map(([intent, pattern]) => ({ intent, m: compiled(pattern, pattern.flags.replace('g', '')).exec(lower) }))
    .filter((h): h is { intent: IntentName; m: RegExpExecArray } => Boolean(h.m));
  // The model is consulted only where it can change the answer: no rule fired, or a rule met its own tie-break.
  let cached: ReturnType<CoarseModel> | null | undefined;
  const coarseResult = () => (cached === undefined ? (cached = model && pack.code === 'en' ? model(lower) : null) : cached);

  if (hits.length > 0) {
    let chosen = hits[0]!;
    // "cancel … and reschedule it for Thursday" moves the event: a move named anywhere outranks the cancel.
    const move = hits.find((h) => h.intent === 'modify_event');
    if (chosen.intent === 'cancel_event' && move && /\b(?:reschedule|move|postpone|push)\b/.test(move.m[0])) chosen = move;
    // "add Bob to the standup" is a change, "add lunch tomorrow" a creation: the modify cue is the more specific one.
    if (chosen.intent === 'list_events' && hits.some((h) => h.intent === 'create_event') && coarseResult()?.label === 'set') chosen = hits.find((h) => h.intent === 'create_event')!;
    return {
      intent: chosen.intent,
      confidence: hits.length === 1 ? 0.9 : 0.8,
      evidence: { text: chosen.m[0], start: chosen.m.index, end: chosen.m.index + chosen.m[0].length, role: 'intent' },
    };
  }
  const coarse = coarseResult();
  // "dentist friday 10:30": a bare note with a time, not asked as a question, is how people jot down an event
  // (in a phone chat above all). The model, trained on MASSIVE's spoken commands, reads most such notes as queries.
  if (coarse?.label === 'query' && mentionsTime && !QUESTION.test(lower) && !CALENDAR_ITSELF.test(lower)) return { intent: 'create_event', confidence: 0.6, evidence: null };
  if (coarse) {
    const p = coarse.probabilities[coarse.label];
    const intent: IntentName = coarse.label === 'set' ? 'create_event' : coarse.label === 'remove' ? 'cancel_event' : 'list_events';
    return { intent, confidence: Math.min(0.85, p), evidence: null };
  }
  // A bare event with a day or time ("dentist friday 10:30") is a creation.
  if (mentionsTime) return { intent: 'create_event', confidence: 0.6, evidence: null };
  return { intent: 'unknown', confidence: 0.2, evidence: null };
}

/** Asked, not told: a question mark, or an English question or request word first. */
const QUESTION = /\?\s*$|^(?:what|when|where|which|who|whom|how|is|are|am|was|were|do|does|did|have|has|any|show|tell|list|check|can|could|will|would|should|give|find|read|look)\b/;
/** "meetings tomorrow", "my schedule friday", "free 1h friday": the calendar's contents or gaps, not a new event. */
const CALENDAR_ITSELF = /\b(?:schedule|calendar|agenda|meetings|events|appointments|plans|diary|free|busy|available)\b/;

export function coarseOf(intent: IntentName): CoarseIntent | null {
  if (intent === 'create_event' || intent === 'modify_event') return 'set';
  if (intent === 'cancel_event') return 'remove';
  if (intent === 'list_events' || intent === 'show_availability') return 'query';
  return null;
}
