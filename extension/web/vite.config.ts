import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/** The web dashboard: the side panel app as a page the companion serves at `/` (assets under /app/). */
export default defineConfig({
  root: resolve(import.meta.dirname),
  base: '/app/',
  plugins: [react()],
  // The dashboard talks to the companion that served it: its own origin.
  define: { __COMPANION_URL__: JSON.stringify('') },
  build: { outDir: resolve(import.meta.dirname, '../../.output/web'), emptyOutDir: true },
});
