import { useCallback, useEffect, useState } from 'react';
import type { ApiErrorCode } from '../../shared/schemas/api-error.ts';
import type { TelegramLinkCode, TelegramStatus } from '../../shared/schemas/telegram.ts';
import { companion, CompanionError } from '../lib/api.ts';

/** How often the page looks for the link while a code is shown, so it says "Linked" soon after the bot has it. */
const WATCH_MS = 3000;

/**
 * The account's Telegram link: whether the companion has a bot (null while
 * unknown or unreachable), a link code once asked for, and unlinking.
 */
export function useTelegramLink() {
  const [status, setStatus] = useState<TelegramStatus | null>(null);
  const [code, setCode] = useState<TelegramLinkCode | null>(null);
  const [error, setError] = useState<ApiErrorCode | 'offline' | null>(null);

  const refresh = useCallback(async () => {
    try {
      const next = await companion<TelegramStatus>('/api/telegram');
      setStatus(next);
      if (next.linked) setCode(null);
    } catch {
      setStatus(null); // an older companion, signed out, or offline: the section stays hidden
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => {
    if (!code) return;
    const timer = setInterval(() => void refresh(), WATCH_MS);
    return () => clearInterval(timer);
  }, [code, refresh]);

  const getCode = useCallback(async () => {
    try {
      setCode(await companion<TelegramLinkCode>('/api/telegram/link-code', { method: 'POST' }));
      setError(null);
    } catch (e) {
      setError(e instanceof CompanionError ? e.code : 'internal');
    }
  }, []);

  const unlink = useCallback(async () => {
    try {
      await companion<void>('/api/telegram/link', { method: 'DELETE' });
      setError(null);
    } catch (e) {
      setError(e instanceof CompanionError ? e.code : 'internal');
    }
    setCode(null);
    await refresh();
  }, [refresh]);

  return { status, code, error, getCode, unlink };
}
