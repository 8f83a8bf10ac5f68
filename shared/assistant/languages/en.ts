import * as chrono from 'chrono-node';
import type { LanguagePack } from '../language-pack.ts';
import { cuedChrono, englishCue, englishRefinerNeed } from './cued-chrono.ts';
import { ZONE_WORDS } from './shared-zones.ts';

const DAY = '(monday|tuesday|wednesday|thursday|friday|saturday|sunday)';
const ORD: Record<string, string> = { first: '1', second: '2', third: '3', fourth: '4', last: '-1', '1st': '1', '2nd': '2', '3rd': '3', '4th': '4' };
const BYDAY: Record<string, string> = { monday: 'MO', tuesday: 'TU', wednesday: 'WE', thursday: 'TH', friday: 'FR', saturday: 'SA', sunday: 'SU' };
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

export const en: LanguagePack = {
  code: 'en',
  chrono: cuedChrono(chrono.en.casual, englishCue, englishRefinerNeed),
  markers: /\b(the|my|with|at|on|tomorrow|today|meeting|schedule|cancel|move|when|free|what|next|every|please|am i|lunch|call|and)\b/g,
  intents: {
    availability: /\b(when am i free|when'?s? (?:am i |are we )?(?:free|available)|am i (?:free|available|busy)|free (?:time|slots?)|(?:any|an) (?:opening|gap|free slot)s?|availability|find (?:me )?(?:a |some )?(?:time|slot|\d+ ?min(?:ute)?s?|an? hour)|open slots?|free\b.*\b(?:on|this|next|tomorrow|today|at|in|between|afternoon|morning|evening))/,
    cancel: /\b(cancel|delete|remove|drop|call off|clear|skip|scrap|get rid of|erase|cancelled|canceled)\b/,
    modify: /\b(move|reschedule|push(?: back)?|postpone|shift (?:it|my|the|by)|change|rename|update|extend|shorten|bring(?=\b.*\b(?:forward|back)\b)|delay|make (?:it|the)|add(?= .+ to )|invite(?= .+ to )|set the location|retitle)\b/,
    list: /\b(what(?:'s| is| do i have| have i got| does)|show (?:me )?(?:my )?|list|agenda|do i have|what'?s on|whats on|when is|when's|what time is|how many (?:meetings|events)|check (?:my|if|whether|what|when|on|for)\b|check the (?:calendar|schedule|agenda)|please check|any (?:meetings|events)|tell me (?:about )?my|upcoming|have you|did you|has (?:it|that) been|look like)\b|^(?:my|today'?s|tomorrow'?s) (?:\w+ )?(?:schedule|plan|calendar|agenda|meetings|events)$|^(?:schedule|calendar|agenda)$/,
    question: /^(?:(?:please |hey |ok |okay )?(?:what|when|who|whom|where|which|why|how|is|are|am|was|were|will|would|did|do|does|have|has|had|can you (?:tell|check|let)|could you (?:tell|check|let)|tell me|let me know|any|anything)\b)|\?\s*$/,
    calendarItself: /\b(?:schedule|calendar|agenda|meetings|events|appointments|plans|diary|free|busy|available)\b/,
    create: /\b((?<!\b(?:my|the|work|weekly|daily|today's|tomorrow's) )schedule(?!$)|book|add|create|set up|setup|put|plan(?! look)|arrange|organi[sz]e|remind me|new (?:event|meeting)|block(?: out)?|make an? (?:appointment|meeting|event)|pencil in|invite)\b|^i(?: have| have got|'ve got) (?:a|an)\b/,
  },
  changeConnector: /\s(?:to|until|till|into)\s/g,
  withWord: /\bwith\b/,
  withPeople: (t, n) => `${t} with ${n.join(' and ')}`,
  allDay: /\ball[ -]day\b/,
  locationPrefix: /\b(?:at|in) (?=[A-Z0-9])/g,
  partsOfDay: [
    { pattern: /\bthis morning|\bmorning\b/, startHour: 8, endHour: 12 },
    { pattern: /\bafternoon\b/, startHour: 12, endHour: 17 },
    { pattern: /\btonight\b/, startHour: 18, endHour: 23 },
    { pattern: /\bevening\b/, startHour: 17, endHour: 21 },
  ],
  weekdays: Object.entries(BYDAY).map(([name], i) => ({ pattern: new RegExp(`\\b${name.slice(0, 3)}(?:${name.slice(3)})?\\b`), weekday: i + 1 })),
  next: /\bnext\b/,
  this: /\b(?:this|coming)\b/,
  week: /\bweek\b/,
  duration: /\bfor (an?|half an?|one|two|three|four|five|six|\d+(?:\.\d+)?)\s*(hours?|hrs?|h|minutes?|mins?|m)\b|(?<!\b(?:in|by|back|forward) )\b(\d+(?:\.\d+)?|an?|half an?|one|two|three)[ -]?(hours?|hrs?|minutes?|mins?)(?: long)?\b(?! (?:later|earlier|before|after|ago))/,
  amountWords: { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, 'half a': 0.5, 'half an': 0.5 },
  unitMinutes: [
    { pattern: /^(?:hours?|hrs?|h)$/, minutes: 60 },
    { pattern: /^(?:minutes?|mins?|m)$/, minutes: 1 },
    { pattern: /^days?$/, minutes: 1440 },
  ],
  bareTime: /\bat (\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?(?![\d:])/,
  relativeIn: /\bin (an?|one|two|three|four|five|\d+)\s*(hours?|hrs?|minutes?|mins?|days?)\b/,
  shiftLater: /\b(?:back|delay|postpone|later)(?: it)? (?:by )?(an?|half an?|one|two|\d+)\s*(hours?|hrs?|minutes?|mins?)\b|\b(an?|half an?|one|two|\d+)\s*(hours?|hrs?|minutes?|mins?) later\b/,
  shiftEarlier: /\b(?:forward|up|earlier)(?: it)? (?:by )?(an?|half an?|one|two|\d+)\s*(hours?|hrs?|minutes?|mins?)\b|\b(an?|half an?|one|two|\d+)\s*(hours?|hrs?|minutes?|mins?) earlier\b/,
  recurrence: [
    { pattern: /\bevery (?:week ?day|workday)s?\b|\bon weekdays\b|\bweekdays\b/, rule: () => 'RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR' },
    { pattern: new RegExp(`\\bevery other ${DAY}\\b`), rule: (m) => `RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=${BYDAY[m[1]!]}` },
    { pattern: new RegExp(`\\b(first|second|third|fourth|last|1st|2nd|3rd|4th) ${DAY} of (?:every|each) month\\b`), rule: (m) => `RRULE:FREQ=MONTHLY;BYDAY=${ORD[m[1]!]}${BYDAY[m[2]!]}` },
    { pattern: new RegExp(`\\b(?:every |each )?(first|second|third|fourth|last|1st|2nd|3rd|4th) ${DAY} (?:of|in) (${MONTHS.join('|')})\\b`), rule: (m) => `RRULE:FREQ=YEARLY;BYMONTH=${MONTHS.indexOf(m[3]!) + 1};BYDAY=${ORD[m[1]!]}${BYDAY[m[2]!]}` },
    { pattern: /\b(?:on )?the (\d{1,2})(?:st|nd|rd|th)? of (?:every|each) month\b|\bmonthly on the (\d{1,2})(?:st|nd|rd|th)?\b|\b(\d{1,2})(?:st|nd|rd|th) of every month\b/, rule: (m) => `RRULE:FREQ=MONTHLY;BYMONTHDAY=${m[1] ?? m[2] ?? m[3]}` },
    { pattern: new RegExp(`\\b(?:every|each) ${DAY}(?:s)?(?: and ${DAY})?\\b|\\b${DAY}s\\b`), rule: (m) => {
      const days = [m[1], m[2], m[3]].filter(Boolean).map((d) => BYDAY[d!.replace(/s$/, '')]);
      return `RRULE:FREQ=WEEKLY;BYDAY=${days.join(',')}`;
    } },
    { pattern: /\b(?:every ?day|daily|each day)\b/, rule: () => 'RRULE:FREQ=DAILY' },
    { pattern: /\bevery other week\b|\bbiweekly\b|\bfortnightly\b/, rule: () => 'RRULE:FREQ=WEEKLY;INTERVAL=2' },
    { pattern: /\b(?:every|each) week\b|\bweekly\b/, rule: () => 'RRULE:FREQ=WEEKLY' },
    { pattern: /\b(?:every|each) month\b|\bmonthly\b/, rule: () => 'RRULE:FREQ=MONTHLY' },
    { pattern: /\b(?:every|each) year\b|\byearly\b|\bannually\b/, rule: () => 'RRULE:FREQ=YEARLY' },
  ],
  scope: {
    instance: /\b(?:just|only) (?:this|that)(?: one| instance| occurrence)?\b|\bthis (?:one|instance|occurrence)\b|\bskip\b/,
    following: /\b(?:this and (?:all )?(?:the )?following|and all following|from now on|all future|(?:every|all) (?:upcoming|future)|going forward|onwards?)\b/,
    series: /\b(?:all (?:of )?(?:the |my )?\w+s\b|every (?:single )?\w+|each \w+|the (?:whole|entire) series|all events|all instances|the series)\b/,
  },
  rename: /\b(?:rename|retitle)\b|\bcall it\b/,
  fillers: /\b(?:please|pls|can you|could you|would you|i want to|i'd like to|i would like to|i need to|let'?s|for me|me|my|a|an|the|schedule|book|add|create|set up|setup|put|plan|arrange|organi[sz]e|new|event|appointment(?= with)|on my calendar|to my calendar|in my calendar|calendar|cancel|delete|remove|drop|call off|clear|skip|move|reschedule|push back|postpone|shift|change|it|on|at|for|from|every|each|all|future|upcoming|sometime|some time|whenever|anytime|at some point|tomorrow's|today's|tonight's|s|'s)\b/g,
  zones: ZONE_WORDS,
};
