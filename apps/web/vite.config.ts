import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const here = import.meta.dirname;
const api = process.env.API_URL ?? 'http://127.0.0.1:3000';

/**
 * Four pages, one bundle each (shared code split into common chunks). The API process
 * serves `dist/web` at /app/*, /track/* and /assets/*, so asset URLs are absolute from `/`.
 * `npm run build:web` builds; `npx vite --config apps/web/vite.config.ts` serves them for
 * development (open /dispatch.html etc.) with the API proxied.
 */
export default defineConfig({
  root: here,
  base: '/',
  // The pages import the wire contract's types (and nothing else of libs/); see apps/web/tsconfig.json.
  resolve: {
    alias: { '@lib/wire': resolve(here, '../../libs/wire/src/index.ts') },
  },
  build: {
    outDir: resolve(here, '../../dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      input: {
        dispatch: resolve(here, 'dispatch.html'),
        courier: resolve(here, 'courier.html'),
        merchant: resolve(here, 'merchant.html'),
        track: resolve(here, 'track.html'),
      },
    },
  },
  server: {
    proxy: { '/api': api, '/app/config.json': api },
  },
});
