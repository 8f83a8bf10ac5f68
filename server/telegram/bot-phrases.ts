import type { ApiErrorCode } from '../../shared/schemas/api-error.ts';

/**
 * The bot's own sentences (the assistant's replies come in the message's
 * language from the chat service). English and German, as the extension;
 * chosen by the Telegram user's app language.
 */
export interface BotPhrases {
  help: (linked: boolean) => string;
  notLinked: string;
  /** A button press from someone who has not linked (short: Telegram shows at most 200 characters). */
  linkFirst: string;
  linkUsage: string;
  linked: (email: string) => string;
  linkRefused: string;
  linkOnlyInPrivate: string;
  unlinked: string;
  notLinkedNothingToUnlink: string;
  confirm: string;
  cancel: string;
  undo: string;
  cancelled: string;
  undone: string;
  saved: string;
  savingLater: string;
  tooFast: string;
  freeUsage: string;
  today: (date: string) => string;
  nothingToday: string;
  allDay: string;
  expired: string;
  tooLateToUndo: string;
  changedMeanwhile: string;
  reconnect: string;
  googleBusy: string;
  failed: string;
}

const COMMANDS_EN = `/today – today's events
/free 30m tomorrow afternoon – free time
/unlink – disconnect this chat
Or just write: "dentist friday 10:30", "lunch with anna tomorrow 1pm", "move it to 2".`;

const en: BotPhrases = {
  help: (linked) => (linked ? `I manage your calendar. Every change waits for your Confirm, with Undo afterwards.\n\n${COMMANDS_EN}` : `${en.notLinked}\n\n${COMMANDS_EN}`),
  notLinked:
    'This chat is not linked to a Calendar Assistant account yet. Open the extension\'s options (or the web dashboard), choose "Get a link code", and send me /link CODE. I never see your Google password.',
  linkFirst: 'Link your account first: send me /help in a private chat.',
  linkUsage: 'Send /link and the code from the extension\'s options, e.g. /link ABCD2345.',
  linked: (email) => `Linked to ${email}. Try "dentist friday 10:30" or /today.`,
  linkRefused: 'That code is unknown, used or expired (codes work once, for 10 minutes). Get a new one in the extension\'s options.',
  linkOnlyInPrivate: 'Link codes work only in a private chat with me. That code is void now: get a new one and send it to me directly.',
  unlinked: 'Unlinked. This chat no longer reaches your calendar.',
  notLinkedNothingToUnlink: 'This Telegram account is not linked to any calendar.',
  confirm: 'Confirm',
  cancel: 'Cancel',
  undo: 'Undo',
  cancelled: 'Cancelled: nothing was changed.',
  undone: 'Undone.',
  saved: 'Saved',
  savingLater: 'Google is busy: I will keep trying',
  tooFast: 'You are sending messages faster than I can answer. Please wait a minute.',
  freeUsage: 'Send /free with a length and a time, e.g. /free 30m tomorrow afternoon.',
  today: (date) => `Today, ${date}:`,
  nothingToday: 'Nothing in your calendar today.',
  allDay: 'all day',
  expired: 'This proposal has expired or was already handled. Send your message again.',
  tooLateToUndo: 'Too late to undo: changes can be undone for ten minutes.',
  changedMeanwhile: 'That event changed in your calendar in the meantime, so I left it alone. Ask again to see it as it is now.',
  reconnect: 'Google no longer accepts the connection to your calendar. Open the extension and connect Google Calendar again.',
  googleBusy: 'Google Calendar is not answering right now. Try again in a moment.',
  failed: 'Something went wrong on our side. Try again in a moment.',
};

const COMMANDS_DE = `/today – heutige Termine
/free 30m morgen nachmittag – freie Zeit
/unlink – diesen Chat trennen
Oder schreib einfach: „Zahnarzt Freitag 10:30“, „Mittagessen mit Anna morgen 13 Uhr“.`;

const de: BotPhrases = {
  help: (linked) => (linked ? `Ich verwalte deinen Kalender. Jede Änderung wartet auf dein Bestätigen, danach gibt es Rückgängig.\n\n${COMMANDS_DE}` : `${de.notLinked}\n\n${COMMANDS_DE}`),
  notLinked:
    'Dieser Chat ist noch mit keinem Calendar-Assistant-Konto verbunden. Öffne die Optionen der Erweiterung (oder das Web-Dashboard), wähle „Code zum Verbinden“ und schick mir /link CODE. Dein Google-Passwort sehe ich nie.',
  linkFirst: 'Verbinde zuerst dein Konto: schick mir /help im privaten Chat.',
  linkUsage: 'Schick /link und den Code aus den Optionen der Erweiterung, z. B. /link ABCD2345.',
  linked: (email) => `Verbunden mit ${email}. Versuch „Zahnarzt Freitag 10:30“ oder /today.`,
  linkRefused: 'Dieser Code ist unbekannt, schon benutzt oder abgelaufen (ein Code gilt einmal, 10 Minuten lang). Hol dir in den Optionen einen neuen.',
  linkOnlyInPrivate: 'Codes funktionieren nur im privaten Chat mit mir. Dieser Code ist jetzt ungültig: hol dir einen neuen und schick ihn mir direkt.',
  unlinked: 'Getrennt. Dieser Chat erreicht deinen Kalender nicht mehr.',
  notLinkedNothingToUnlink: 'Dieses Telegram-Konto ist mit keinem Kalender verbunden.',
  confirm: 'Bestätigen',
  cancel: 'Abbrechen',
  undo: 'Rückgängig',
  cancelled: 'Abgebrochen: nichts wurde geändert.',
  undone: 'Rückgängig gemacht.',
  saved: 'Gespeichert',
  savingLater: 'Google ist ausgelastet: ich versuche es weiter',
  tooFast: 'Du schreibst schneller, als ich antworten kann. Bitte warte eine Minute.',
  freeUsage: 'Schick /free mit Dauer und Zeit, z. B. /free 30m morgen nachmittag.',
  today: (date) => `Heute, ${date}:`,
  nothingToday: 'Heute steht nichts in deinem Kalender.',
  allDay: 'ganztägig',
  expired: 'Dieser Vorschlag ist abgelaufen oder schon erledigt. Schick deine Nachricht noch einmal.',
  tooLateToUndo: 'Zu spät: Änderungen lassen sich zehn Minuten lang rückgängig machen.',
  changedMeanwhile: 'Dieser Termin wurde inzwischen im Kalender geändert, deshalb habe ich ihn nicht angefasst. Frag noch einmal, um ihn aktuell zu sehen.',
  reconnect: 'Google akzeptiert die Verbindung zu deinem Kalender nicht mehr. Öffne die Erweiterung und verbinde Google Kalender neu.',
  googleBusy: 'Google Kalender antwortet gerade nicht. Versuch es gleich noch einmal.',
  failed: 'Bei uns ist etwas schiefgegangen. Versuch es gleich noch einmal.',
};

/** By the Telegram app's language ("de", "de-AT"); English otherwise. */
export function botPhrasesFor(languageCode: string | undefined): BotPhrases {
  return languageCode?.toLowerCase().startsWith('de') ? de : en;
}

/** What to tell the user about an error the companion answers with a code (never by its message). */
export function sayError(words: BotPhrases, code: ApiErrorCode): string {
  switch (code) {
    case 'not_found':
      return words.expired;
    case 'conflict':
      return words.changedMeanwhile;
    case 'reconnect_required':
    case 'not_connected':
    case 'insufficient_scope':
      return words.reconnect;
    case 'upstream_unavailable':
    case 'quota_exceeded':
    case 'rate_limited':
      return words.googleBusy;
    default:
      return words.failed;
  }
}
