/**
 * The dashboard's build: the Preact app under web/app, bundled by Vite into
 * dist/web (served by `parapet serve` at /). Everything the page needs is in
 * the bundle: nothing is fetched from a CDN at run time.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('./app'),
  base: '/',
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: here('../dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // One small bundle; no inline scripts or styles, so the page's CSP can forbid them.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
