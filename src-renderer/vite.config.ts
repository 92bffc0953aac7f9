import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  // Relative asset paths: Electron loads the bundle from a file or custom-protocol URL, not from '/'.
  base: './',
  // Options live here, not in a svelte.config.js: the renderer is the only Svelte code.
  plugins: [svelte({ configFile: false, compilerOptions: { runes: true } })],
  build: {
    outDir: fileURLToPath(new URL('../dist-renderer', import.meta.url)),
    emptyOutDir: true,
    // video.js alone is ~600 kB; one local bundle is fine for a desktop app.
    chunkSizeWarningLimit: 2000,
  },
});
