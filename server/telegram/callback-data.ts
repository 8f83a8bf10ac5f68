/**
 * What an inline button carries back in its callback query. Telegram allows 64
 * bytes, so a button names the proposal and the option, nothing more; who may
 * press it is decided on arrival (the pressing Telegram user's own account).
 */
export type ButtonAction =
  | { kind: 'confirm'; proposalId: string; optionId: string }
  | { kind: 'cancel'; proposalId: string }
  | { kind: 'undo'; proposalId: string };

const MAX_BYTES = 64;
// Proposal ids are base36 with a uuid fragment (server/assistant/chat-service.ts); option ids are small numbers.
const ID = /^[0-9a-z-]{1,48}$/;
const OPTION = /^[0-9]{1,3}$/;

export function encodeButton(action: ButtonAction): string {
  const data = action.kind === 'confirm' ? `c:${action.proposalId}:${action.optionId}` : `${action.kind === 'cancel' ? 'x' : 'u'}:${action.proposalId}`;
  if (Buffer.byteLength(data) > MAX_BYTES) throw new Error(`callback data over ${MAX_BYTES} bytes`);
  return data;
}

/** The button pressed, or null for anything we did not send (an old bot version, a forged press). */
export function parseButton(data: string | undefined): ButtonAction | null {
  if (!data || Buffer.byteLength(data) > MAX_BYTES) return null;
  const [kind, proposalId, optionId, ...rest] = data.split(':');
  if (rest.length || !proposalId || !ID.test(proposalId)) return null;
  if (kind === 'c') return optionId !== undefined && OPTION.test(optionId) ? { kind: 'confirm', proposalId, optionId } : null;
  if (optionId !== undefined) return null;
  if (kind === 'x') return { kind: 'cancel', proposalId };
  if (kind === 'u') return { kind: 'undo', proposalId };
  return null;
}
