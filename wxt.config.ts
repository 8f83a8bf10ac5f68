import { defineConfig } from 'wxt';
import { CHROME_PUBLIC_KEY, FIREFOX_ADDON_ID } from './shared/extension-identity.ts';

/** Where the companion runs; the only host the extension may talk to. */
const COMPANION_URL = (process.env.COMPANION_URL ?? 'http://127.0.0.1:8787').replace(/\/+$/, '');

// The extension talks only to the companion server; it never holds a Google token or secret.
export default defineConfig({
  srcDir: 'extension',
  // A separate output lets the end-to-end tests build against their own companion address.
  outDir: process.env.WXT_OUT_DIR ?? '.output',
  publicDir: 'extension/public',
  modules: ['@wxt-dev/module-react'],
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'contextMenus', 'activeTab', 'scripting', 'alarms', 'identity', ...(browser === 'firefox' ? [] : ['sidePanel'])],
    host_permissions: [`${COMPANION_URL}/*`],
    commands: {
      'open-chat': { suggested_key: { default: 'Alt+Shift+K' }, description: '__MSG_commandOpenChat__' },
    },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: FIREFOX_ADDON_ID, strict_min_version: '115.0' } } }
      : { key: CHROME_PUBLIC_KEY }),
  }),
  vite: () => ({
    define: { __COMPANION_URL__: JSON.stringify(COMPANION_URL) },
  }),
});
