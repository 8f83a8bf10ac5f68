/**
 * The extension's fixed identity in development builds. Chrome derives an
 * unpacked extension's id from the manifest `key`; pinning it keeps the
 * companion's ALLOWED_EXTENSION_IDS and the identity redirect URL
 * (https://<id>.chromiumapp.org/) stable across machines. The private half of
 * this key is not needed to load an unpacked extension and is not kept.
 * Firefox gets a fixed add-on id for the same reason.
 */
export const CHROME_PUBLIC_KEY = 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAojKA6pDattGJ0jiT+W3l/PO1CuSA04QjV+B85Ht/dow+Lc7oHr/K5dFpW1y8JEgeKiLYOzXNEuNr40Zey6/OrBPVdB4Pp0hW1XJIsYTZUYFxz8pgOgkESF2tIh4ihCx0xoapfw131f5tQt/pww2t8ofozE8Bn8vhub6vIqPeyjf6o9+TcRkCzxIMZ22z2rH9Da+nKifaLmxX/POoo+oRiMM8zcrC1SlHjSGgzG9DI1G1Jg5WEfGCz3nlTVPjsu6bKm48wgSSmA63ZuG2vDdycpc59SZuUx4zGUudL8YMcrZhcaVAMvepVidSyFNgu/5QWXQMKXeFRz/FRECdFTzTBQIDAQAB';
export const CHROME_EXTENSION_ID = 'ekanffcbobokjjkiapikeehehapegndn';
export const FIREFOX_ADDON_ID = 'calendar-assistant@calendar-assistant.dev';
