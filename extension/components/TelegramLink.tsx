import type { ApiErrorCode } from '../../shared/schemas/api-error.ts';
import type { TelegramLinkCode, TelegramStatus } from '../../shared/schemas/telegram.ts';
import { t } from '../lib/i18n.ts';

export interface TelegramLinkProps {
  status: TelegramStatus | null;
  code: TelegramLinkCode | null;
  error: ApiErrorCode | 'offline' | null;
  onGetCode: () => void;
  onUnlink: () => void;
}

/** The options page's Telegram section: get a code and send it to the bot, or see the link and undo it. Hidden without a bot. */
export function TelegramLink({ status, code, error, onGetCode, onUnlink }: TelegramLinkProps) {
  if (!status?.enabled) return null;
  const until = code ? new Date(code.expiresAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : '';
  return (
    <section className="telegram" aria-labelledby="telegram-title">
      <h2 id="telegram-title">{t('telegramTitle')}</h2>
      {status.linked ? (
        <>
          <p>{t('telegramLinked', status.linked.username ? `@${status.linked.username}` : t('telegramSomeone'))}</p>
          <button type="button" onClick={onUnlink}>
            {t('telegramUnlink')}
          </button>
        </>
      ) : code ? (
        <>
          <p>{t('telegramSendCode', code.botUsername ?? status.botUsername ?? 'bot')}</p>
          <p className="link-code">
            <code>/link {code.code}</code>
          </p>
          <p className="label">{t('telegramCodeExpires', until)}</p>
          {code.deepLink && (
            <p>
              <a href={code.deepLink} target="_blank" rel="noreferrer">
                {t('telegramOpen')}
              </a>
            </p>
          )}
        </>
      ) : (
        <>
          <p>{t('telegramIntro')}</p>
          <button type="button" onClick={onGetCode}>
            {t('telegramGetCode')}
          </button>
        </>
      )}
      {error && <p role="alert">{error === 'rate_limited' ? t('telegramTooMany') : t('telegramFailed')}</p>}
    </section>
  );
}
