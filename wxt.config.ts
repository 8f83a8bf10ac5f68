import { defineConfig } from 'wxt';

// The extension talks only to the companion server; it never holds a Google token or secret.
export default defineConfig({
  srcDir: 'extension',
  outDir: '.output',
  modules: ['@wxt-dev/module-react'],
  manifest: {
    name: 'Calendar Assistant',
    description: 'Manage your Google Calendar by talking to it.',
    permissions: ['storage'],
    host_permissions: ['http://127.0.0.1/*', 'http://localhost/*'],
  },
});
