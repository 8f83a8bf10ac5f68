/**
 * Zone abbreviations and city names to IANA zones. chrono reads "ET"/"PT" as
 * standard time even in summer; resolving through the IANA zone gets DST right.
 */
export const ZONE_WORDS: Array<{ pattern: RegExp; zone: string }> = [
  { pattern: /\b(?:e[sd]?t|eastern(?: time)?|new york(?: time)?)\b/, zone: 'America/New_York' },
  { pattern: /\b(?:c[sd]?t|central(?: time)?|chicago(?: time)?)\b/, zone: 'America/Chicago' },
  { pattern: /\b(?:m[sd]?t|mountain(?: time)?|denver(?: time)?)\b/, zone: 'America/Denver' },
  { pattern: /\b(?:p[sd]?t|pacific(?: time)?|san francisco(?: time)?|los angeles(?: time)?|la time)\b/, zone: 'America/Los_Angeles' },
  { pattern: /\b(?:utc|gmt|zulu)\b/, zone: 'UTC' },
  { pattern: /\b(?:bst|london(?: time)?|uk time)\b/, zone: 'Europe/London' },
  { pattern: /\b(?:ce[s]?t|berlin(?: time)?|paris(?: time)?|madrid(?: time)?|amsterdam(?: time)?)\b/, zone: 'Europe/Berlin' },
  { pattern: /\b(?:jst|tokyo(?: time)?|japan time|東京時間|日本時間)\b/, zone: 'Asia/Tokyo' },
  { pattern: /\b(?:ist|india time|mumbai(?: time)?|delhi(?: time)?)\b/, zone: 'Asia/Kolkata' },
  { pattern: /\b(?:aest|aedt|sydney(?: time)?)\b/, zone: 'Australia/Sydney' },
  { pattern: /\b(?:brt|são paulo(?: time)?|sao paulo(?: time)?)\b/, zone: 'America/Sao_Paulo' },
];
