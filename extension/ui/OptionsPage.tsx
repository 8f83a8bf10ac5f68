import { useEffect, useState } from 'react';
import { TelegramLink } from '../components/TelegramLink.tsx';
import { useTelegramLink } from '../hooks/useTelegramLink.ts';
import { t } from '../lib/i18n.ts';
import { send } from '../lib/messages.ts';
import { loadSettings, saveSettings, type Settings } from '../lib/settings.ts';

/** Companion address, working hours, default lengths, zone, language, calendar, sign-out; the Telegram link. */
export function OptionsPage() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [saved, setSaved] = useState(false);
  const telegram = useTelegramLink();
  useEffect(() => {
    void loadSettings().then(setSettings);
  }, []);
  if (!settings) return <main className="app options"><p className="loading">{t('loading')}</p></main>;
  const field = <K extends keyof Settings>(key: K, value: Settings[K]) => {
    setSettings({ ...settings, [key]: value });
    setSaved(false);
  };
  return (
    <main className="app options">
      <h1>{t('optionsTitle')}</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void saveSettings(settings).then(() => setSaved(true));
        }}
      >
        <label>
          {t('companionUrl')}
          <input type="url" value={settings.companionUrl} onChange={(e) => field('companionUrl', e.target.value)} required />
        </label>
        <div className="row">
          <label>
            {t('workFrom')}
            <input type="time" value={settings.workStart} onChange={(e) => field('workStart', e.target.value)} />
          </label>
          <label>
            {t('workTo')}
            <input type="time" value={settings.workEnd} onChange={(e) => field('workEnd', e.target.value)} />
          </label>
        </div>
        <div className="row">
          <label>
            {t('eventLength')}
            <input type="number" min={5} max={1440} value={settings.eventMinutes} onChange={(e) => field('eventMinutes', Number(e.target.value))} />
          </label>
          <label>
            {t('freeLength')}
            <input type="number" min={5} max={1440} value={settings.availabilityMinutes} onChange={(e) => field('availabilityMinutes', Number(e.target.value))} />
          </label>
        </div>
        <label>
          {t('timeZone')}
          <input value={settings.timeZone} placeholder={Intl.DateTimeFormat().resolvedOptions().timeZone} onChange={(e) => field('timeZone', e.target.value)} />
        </label>
        <label>
          {t('language')}
          <select value={settings.language} onChange={(e) => field('language', e.target.value)}>
            <option value="">{t('sameLanguage')}</option>
            {['en', 'de', 'fr', 'es', 'pt', 'nl', 'ja'].map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('defaultCalendar')}
          <input value={settings.calendarId} onChange={(e) => field('calendarId', e.target.value)} />
        </label>
        <label className="check">
          <input type="checkbox" checked={settings.forgetOnClose} onChange={(e) => field('forgetOnClose', e.target.checked)} /> {t('forgetOnClose')}
        </label>
        <div className="actions">
          <button type="submit" className="primary">
            {t('save')}
          </button>
          <button type="button" onClick={() => void send({ type: 'sign-out' })}>
            {t('signOut')}
          </button>
        </div>
        {saved && <p role="status">{t('saved')}</p>}
      </form>
      <TelegramLink status={telegram.status} code={telegram.code} error={telegram.error} onGetCode={() => void telegram.getCode()} onUnlink={() => void telegram.unlink()} />
    </main>
  );
}
