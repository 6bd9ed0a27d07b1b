/**
 * Builds the renderer for both shells: Electron loads dist/renderer from disk
 * and the browser-mode host serves it over loopback, so asset URLs are
 * relative (base './') and nothing is emitted inline (the CSP forbids inline
 * scripts and eval).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // Electron 45 / current Chromium only: no legacy transforms needed.
    target: 'es2023',
    // Keep every byte of JS in files: a data: or inline module would break the CSP.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      // the app, and the bench's client-side row model page (npm run bench, renderer part)
      input: { main: `${root}index.html`, clientSide: `${root}bench/client-side.html` },
    },
  },
  server: {
    // the renderer imports ../shared; the dev server must be allowed to read it
    fs: { allow: ['..'] },
  },
});
