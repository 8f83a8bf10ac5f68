/**
 * `/free 30m tomorrow afternoon` as the question the assistant already
 * answers ("when am I free for 30 minutes tomorrow afternoon"), in the
 * user's app language where the parser speaks it; a day is today when none is named.
 */
export function availabilityQuestion(args: string, languageCode: string | undefined): string {
  const german = languageCode?.toLowerCase().startsWith('de') ?? false;
  const m = /^(\d{1,3}(?:[.,]\d)?)\s*(m|min|mins|minutes?|minuten?|h|hrs?|hours?|std|stunden?)(?:\s+|$)(.*)$/i.exec(args.trim());
  const amount = m ? Number(m[1]!.replace(',', '.')) : 30;
  const minutes = Math.max(5, Math.round(/^(h|hr|hrs|hour|hours|std|stunde|stunden)$/i.test(m?.[2] ?? '') ? amount * 60 : amount));
  const when = (m ? m[3]! : args).trim() || (german ? 'heute' : 'today');
  return german ? `wann bin ich ${minutes} Minuten ${when} frei` : `when am I free for ${minutes} minutes ${when}`;
}
