import * as chrono from 'chrono-node';
import type { Parser, Refiner } from 'chrono-node';
import type { LanguagePack } from '../language-pack.ts';
import { dayAfterTomorrowParser, noonOrMidnightParser, partOfDayMergeRefiner, timeFromNowParser } from './chrono-extras.ts';
import { ZONE_WORDS } from './shared-zones.ts';

// Japanese has no spaces, so nothing here leans on `\b`: words are found by their characters and particles.
const DAYS = ['月', '火', '水', '木', '金', '土', '日'];
const BYDAY: Record<string, string> = Object.fromEntries(DAYS.map((d, i) => [d, ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'][i]!]));
const KANJI_NUMBERS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 半: 0.5 };
const NTH: Record<string, string> = { 1: '1', 2: '2', 3: '3', 4: '4', 一: '1', 二: '2', 三: '3', 四: '4', 最終: '-1' };
// An amount that is not the minutes of a time ("15時30分") nor part of a longer number.
const AMOUNT = '(?<![時\\d])(\\d+(?:\\.\\d+)?|[一二三四五六半])';
const PART_OF_DAY = '(?:午前中?|午後|朝|昼|夕方|夜|晩)';

const amountOf = (word: string): number => KANJI_NUMBERS[word] ?? Number(word);

/** "明後日": chrono's Japanese does not know the day after tomorrow and reads only the time after it. */
const dayAfterTomorrow = dayAfterTomorrowParser(/明後日|あさって/);

/** "正午", "真夜中": noon and midnight by name. */
const noonOrMidnight = noonOrMidnightParser({ pattern: /(正午|真夜中)/, noon: '正午' });

/** "2時間後", "30分後": chrono's Japanese has no relative times; the pipeline counts them from now. */
const inAmountOfTime = timeFromNowParser(new RegExp(`${AMOUNT}(時間|分)後`), (m) => amountOf(m[1]!) * (m[2] === '時間' ? 60 : 1));

/** "12月8日から10日まで": chrono takes a range only when both ends name their month. */
const dayRangeInMonth: Parser = {
  pattern: () => /(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日から(?:(\d{1,2})月)?(\d{1,2})日/,
  extract: (context, m) => {
    const year = m[1] ? { year: Number(m[1]) } : {};
    const month = Number(m[2]);
    return context.createParsingResult(m.index!, m[0], { day: Number(m[3]), month, ...year }, { day: Number(m[5]), month: Number(m[4] ?? month), ...year });
  },
};

/** "明日の午後", "金曜日の夕方": chrono stops at the day; the part of it belongs in the day's mention. */
const partOfDayAfterDay = partOfDayMergeRefiner(new RegExp(`^の?${PART_OF_DAY}`));

/** In "14時から2時間", chrono ends the range at 2 o'clock; a "時" followed by "間" is a length, not an hour. */
const hoursAreALength: Refiner = {
  refine: (context, results) =>
    results.flatMap((r) => {
      if (context.text.charAt(r.index + r.text.length) !== '間') return [r];
      const from = r.text.lastIndexOf('から');
      if (!r.end || from < 0) return [];
      r.text = r.text.slice(0, from);
      r.end = undefined;
      return [r];
    }),
};

const parser = chrono.ja.casual.clone();
parser.parsers.push(dayAfterTomorrow, noonOrMidnight, inAmountOfTime, dayRangeInMonth);
parser.refiners.push(hoursAreALength, partOfDayAfterDay);

// Particles that tie a phrase to words already used ("明日の会議を"): dropped where they touch a used span, an end or another filler.
const PARTICLE = '(?:の|を|に|は|が|で|から|まで|も|って)';
const FILLER_WORDS =
  '(?:して(?:ください|下さい|くれる|もらえる)?(?:か|？)?|してね|お願い(?:します)?|ください|下さい|ますか|ですか|' +
  '予定を?|名前|タイトル|それ|これ|あれ|私の|僕の|俺の|来週の?|今週の?|次の|今回|次回|だけ|のみ|以降|すべての|全ての|すべて|全て|全部|教えて|見せて|何が|何|ある|あります|入って(?:いる|る|ます)?|終日)';

export const ja: LanguagePack = {
  code: 'ja',
  chrono: parser,
  // Japanese is told by its script (see detect-language.ts); these only count where the script is mixed.
  markers: /予定|会議|打ち合わせ|明日|今日|来週|毎週|時|分|曜日|キャンセル|空いて/g,
  intents: {
    availability: /空いて(?:いる|いま|る|ます)|空き(?:時間)?|暇(?:な|です|？|\?)|都合(?:が|の)?(?:いい|良い|つく)|(?:いつ|何時)(?:が|なら)?(?:空|暇)|時間(?:が|は)?(?:ある|あります|取れ)/,
    cancel: /キャンセル|取り消|取りやめ|削除|消して|消す|中止|なくして|スキップ/,
    modify: /変更|移動|移して|ずらし|ずらす|動かし|動かす|延期|遅らせ|早め|前倒し|繰り上げ|繰り下げ|改名|リスケ|延長|短縮/,
    list: /予定(?:は|を)?(?:何|なに|教えて|見せて|確認|一覧|[?？]|$)|何が(?:ある|あります|入って)|スケジュール(?:は|を)|何時から|いつ(?:です|だっけ|だった)/,
    create: /予定を(?:入れ|追加|登録|作)|入れて|追加|登録|作成|予約|設定して|押さえ|ブロック/,
  },
  // "定例会議を金曜日に移動して": what comes before the last を is the event, what follows it the change; in
  // "定例会議を30分遅らせて" the amount after を is a shift, not a new time.
  changeConnector: new RegExp(`を(?!${AMOUNT}(?:時間|分))`, 'g'),
  // Names come before と ("田中さんと"), which the pipeline's "with, then names" reading cannot follow; never matches.
  withWord: /(?!)/,
  withPeople: (t, n) => `${n.join('、')}と${t}`,
  allDay: /終日|一日中/,
  // Places come before で ("会議室Aで"); never matches for the same reason.
  locationPrefix: /(?!)/g,
  partsOfDay: [
    { pattern: /午前|朝/, startHour: 8, endHour: 12 },
    { pattern: /午後|昼/, startHour: 12, endHour: 17 },
    { pattern: /今夜|今晩/, startHour: 18, endHour: 23 },
    { pattern: /夕方|夜|晩/, startHour: 17, endHour: 21 },
  ],
  weekdays: DAYS.map((d, i) => ({ pattern: new RegExp(`${d}曜`), weekday: i + 1 })),
  next: /来(?=週)|次の|翌(?=週)/,
  this: /今(?=週)|この(?=[月火水木金土日]曜)/,
  // "来週" is next week, but "来週の月曜日" is a day in it.
  week: /週(?!末|の?[月火水木金土日]曜)/,
  duration: new RegExp(`${AMOUNT}(時間|分)間?(?!後|前|遅|早|ずら|後ろ)`),
  amountWords: KANJI_NUMBERS,
  unitMinutes: [
    { pattern: /^時間$/, minutes: 60 },
    { pattern: /^分間?$/, minutes: 1 },
    { pattern: /^日間?$/, minutes: 1440 },
  ],
  bareTime: /(\d{1,2})時(?:(\d{1,2})分)?/,
  relativeIn: new RegExp(`${AMOUNT}(時間|分|日)後`),
  shiftLater: new RegExp(`${AMOUNT}(時間|分)間?(?:ほど|くらい)?(?:遅らせ|遅く|後ろ|ずら|延ば|繰り下げ)`),
  shiftEarlier: new RegExp(`${AMOUNT}(時間|分)間?(?:ほど|くらい)?(?:早め|早く|前に|前倒し|繰り上げ)`),
  recurrence: [
    { pattern: /毎平日|平日(?:の)?毎日|平日/, rule: () => 'RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR' },
    { pattern: /隔週(?:の)?([月火水木金土日])曜/, rule: (m) => `RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=${BYDAY[m[1]!]}` },
    { pattern: /毎月(?:の)?第([1-4一二三四])([月火水木金土日])曜|毎月(?:の)?(最終)([月火水木金土日])曜/, rule: (m) => `RRULE:FREQ=MONTHLY;BYDAY=${NTH[(m[1] ?? m[3])!]}${BYDAY[(m[2] ?? m[4])!]}` },
    { pattern: /毎月(\d{1,2})日/, rule: (m) => `RRULE:FREQ=MONTHLY;BYMONTHDAY=${m[1]}` },
    { pattern: /毎週(?:の)?([月火水木金土日])曜日?(?:と([月火水木金土日])曜日?)?/, rule: (m) => `RRULE:FREQ=WEEKLY;BYDAY=${[m[1], m[2]].filter(Boolean).map((d) => BYDAY[d!]).join(',')}` },
    { pattern: /毎日/, rule: () => 'RRULE:FREQ=DAILY' },
    { pattern: /隔週/, rule: () => 'RRULE:FREQ=WEEKLY;INTERVAL=2' },
    { pattern: /毎週/, rule: () => 'RRULE:FREQ=WEEKLY' },
    { pattern: /毎月/, rule: () => 'RRULE:FREQ=MONTHLY' },
    { pattern: /毎年/, rule: () => 'RRULE:FREQ=YEARLY' },
  ],
  scope: {
    // 「明日のスタンドアップだけキャンセル」: だけ/のみ after a day means that occurrence only.
    instance: /今回(?:だけ|のみ)|この(?:回|日)(?:だけ|のみ)|これだけ|(?:だけ|のみ)(?=を?(?:キャンセル|削除|中止|取り消|スキップ))|スキップ/,
    following: /(?:今回|次回|これ)?以降(?:すべて|全て|の|も)?|今後(?:すべて|全て|の)?|これから(?:ずっと)?/,
    series: /(?:すべて|全て)の|全部|シリーズ(?:全体)?|毎回/,
  },
  rename: /名前を|改名|タイトルを/,
  // "…をデイリーに変更(して)": the new name ends at the particle before the verb.
  renameEnd: /[にへ](?:変更|改名)(?:して|する|します)?(?:ください|下さい)?[。！!]?$/,
  fillers: new RegExp(`(?<=^|\\s|${FILLER_WORDS})${PARTICLE}+|${PARTICLE}+(?=\\s|$|${FILLER_WORDS})|${FILLER_WORDS}|て(?=\\s*$)|[、。！]`, 'g'),
  zones: [{ pattern: /日本時間|東京時間/, zone: 'Asia/Tokyo' }, { pattern: /ニューヨーク時間/, zone: 'America/New_York' }, ...ZONE_WORDS],
};
