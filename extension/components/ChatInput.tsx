import { useRef, useState, type KeyboardEvent } from 'react';
import { t } from '../lib/i18n.ts';

interface Props {
  disabled: boolean;
  onSend: (text: string) => void;
}

/** The message box; ↑ and ↓ walk through what was sent before. */
export function ChatInput({ disabled, onSend }: Props) {
  const [text, setText] = useState('');
  const history = useRef<string[]>([]);
  const cursor = useRef(-1);
  const submit = () => {
    const t = text.trim();
    if (!t) return;
    history.current.unshift(t);
    cursor.current = -1;
    setText('');
    onSend(t);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowUp' && history.current.length) {
      cursor.current = Math.min(cursor.current + 1, history.current.length - 1);
      setText(history.current[cursor.current]!);
      e.preventDefault();
    } else if (e.key === 'ArrowDown' && cursor.current >= 0) {
      cursor.current -= 1;
      setText(cursor.current >= 0 ? history.current[cursor.current]! : '');
      e.preventDefault();
    }
  };
  return (
    <form
      className="chat-input"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label htmlFor="message" className="sr-only">
        {t('message')}
      </label>
      <input id="message" autoFocus autoComplete="off" placeholder={t('messagePlaceholder')} value={text} onChange={(e) => setText(e.target.value)} onKeyDown={onKey} disabled={disabled} />
      <button type="submit" className="primary" disabled={disabled || !text.trim()}>
        {t('send')}
      </button>
    </form>
  );
}
