import type { Generated } from 'kysely';

/** Every instant is epoch milliseconds (bigint in PostgreSQL, integer in SQLite), so both stores compare alike. */
export interface UsersTable {
  id: string;
  iss: string;
  sub: string;
  email: string;
  email_verified: number;
  name: string | null;
  picture: string | null;
  time_zone: string | null;
  created_at: number;
  updated_at: number;
}

export type ConnectionStatus = 'connected' | 'insufficient_scope' | 'reconnect_required';

export interface GoogleConnectionsTable {
  user_id: string;
  status: ConnectionStatus;
  scopes: string;
  refresh_token_enc: string | null;
  access_token_enc: string | null;
  access_token_expires_at: number | null;
  /** Until when `refresh_lease_owner` (one companion process) may refresh this token; others wait. */
  refresh_lease_until: number | null;
  refresh_lease_owner: string | null;
  created_at: number;
  updated_at: number;
}

export type AuthPurpose = 'signin' | 'calendar';
export type AuthClient = 'web' | 'extension';

/** One pending OAuth round trip: state, nonce and PKCE verifier, used once and expiring. */
export interface AuthRequestsTable {
  state: string;
  nonce: string;
  code_verifier: string;
  purpose: AuthPurpose;
  client: AuthClient;
  extension_redirect: string | null;
  extension_state: string | null;
  user_id: string | null;
  expires_at: number;
}

export type ApiTokenKind = 'web' | 'extension' | 'cli';

export interface ApiTokensTable {
  id: string;
  user_id: string;
  token_hash: string;
  kind: ApiTokenKind;
  label: string | null;
  created_at: number;
  expires_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface OneTimeCodesTable {
  code_hash: string;
  user_id: string;
  purpose: string;
  expires_at: number;
  used_at: number | null;
}

export interface IdempotencyKeysTable {
  user_id: string;
  key: string;
  request_hash: string;
  state: 'in_flight' | 'done';
  response_status: number | null;
  response_body: string | null;
  locked_at: number;
  expires_at: number;
}

/** queued: confirmed, but Google refused the write for now and it is being retried; failed: the retries gave up. */
export type ProposalStatus = 'pending' | 'queued' | 'confirmed' | 'cancelled' | 'undone' | 'stale' | 'failed';

export interface ChatProposalsTable {
  id: string;
  user_id: string;
  status: ProposalStatus;
  language: string;
  message: string;
  /** JSON: the parsed intent. */
  intent: string;
  /** JSON: the options offered (slots, candidate events, scopes). */
  options: string;
  /** JSON: what confirming wrote, and what undo needs to put back. */
  result: string | null;
  created_at: number;
  confirmed_at: number | null;
  expires_at: number;
}

export interface ChatStateTable {
  user_id: string;
  /** What the assistant asked and is waiting for: 'time'. */
  awaiting: string;
  intent: string;
  message: string;
  expires_at: number;
}

export interface CalendarSyncTable {
  user_id: string;
  calendar_id: string;
  sync_token: string | null;
  time_zone: string | null;
  synced_at: number | null;
}

export interface SyncedEventsTable {
  user_id: string;
  calendar_id: string;
  event_id: string;
  start_at: number;
  end_at: number;
  deleted: number;
  change_seq: number;
  /** The event in the shape the API serves (shared/schemas/calendar-event.ts). */
  json: string;
}

export interface SyncSequenceTable {
  user_id: string;
  seq: number;
}

export interface WatchChannelsTable {
  id: string;
  user_id: string;
  calendar_id: string;
  resource_id: string;
  token_hash: string;
  expires_at: number;
}

export type WriteRetryStatus = 'pending' | 'done' | 'dead';

export interface WriteRetriesTable {
  id: string;
  user_id: string;
  proposal_id: string;
  option_id: string;
  /** What the write does, as the user was shown it ("Lunch, Tue 1 Dec 13:00–14:00"). */
  label: string;
  status: WriteRetryStatus;
  attempts: number;
  next_attempt_at: number;
  lease_until: number | null;
  /** The error code of the last refusal (upstream_unavailable, quota_exceeded, conflict, …). */
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

/** A Telegram user who proved, with a one-time code from the signed-in account, that they speak for it. */
export interface TelegramLinksTable {
  telegram_user_id: string;
  user_id: string;
  /** The private chat to tell them in (a queued write that settled). */
  chat_id: string;
  username: string | null;
  linked_at: number;
}

/** An update taken from Telegram (webhook or getUpdates), so a redelivery is not handled twice. */
export interface TelegramUpdatesTable {
  bot_id: string;
  update_id: number;
  expires_at: number;
  /** The chat the update belongs to: its updates are handled one at a time, in order. */
  chat_key: string;
  /** The update's JSON until it is handled, then nothing (a message is not kept longer than its answer needs). */
  payload: string | null;
  /** 1: the chat went over its rate with this one, which gets a "slow down" instead. */
  limited: number;
  attempts: number;
  handled_at: number | null;
}

/** A confirm pressed in Telegram whose write Google refused for now: the chat to tell when it settles. */
export interface TelegramQueuedWritesTable {
  user_id: string;
  proposal_id: string;
  chat_id: string;
  message_id: number;
  /** The Telegram app's language, for the bot's own words in the message that tells them. */
  language_code: string | null;
  expires_at: number;
}

export interface TelegramChatRatesTable {
  bot_id: string;
  chat_key: string;
  window_start: number;
  count: number;
}

export interface Database {
  users: UsersTable;
  google_connections: GoogleConnectionsTable;
  auth_requests: AuthRequestsTable;
  api_tokens: ApiTokensTable;
  one_time_codes: OneTimeCodesTable;
  idempotency_keys: IdempotencyKeysTable;
  chat_proposals: ChatProposalsTable;
  chat_state: ChatStateTable;
  calendar_sync: CalendarSyncTable;
  synced_events: SyncedEventsTable;
  sync_sequence: SyncSequenceTable;
  watch_channels: WatchChannelsTable;
  write_retries: WriteRetriesTable;
  telegram_links: TelegramLinksTable;
  telegram_updates: TelegramUpdatesTable;
  telegram_queued_writes: TelegramQueuedWritesTable;
  telegram_chat_rates: TelegramChatRatesTable;
  /** Kysely's own bookkeeping, listed for completeness of the typed interface. */
  kysely_migration?: { name: string; timestamp: Generated<string> };
}
