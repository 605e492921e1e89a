import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const manifestPath = fileURLToPath(new URL('../libs/client/src/generated/persisted-operations.json', import.meta.url));
const apiSchemaPath = fileURLToPath(new URL('../gateway/api-schema.graphql', import.meta.url));

/** Whether the public schema the console is built against takes offline-safe creates (idempotencyKey, occurredAt). */
function offlineSafeCreates(): boolean {
  const schema = readFileSync(apiSchemaPath, 'utf8');
  const visit = /input RecordVisitInput \{[\s\S]*?\n\}/.exec(schema)?.[0] ?? '';
  return /\bidempotencyKey:/.test(visit) && /\boccurredAt:/.test(visit);
}

/**
 * `virtual:persisted-ids`: operation name → sha256 id of the trusted documents (libs/client). The app sends
 * only the id (as production requires); the operation texts stay out of the bundle.
 */
function persistedIds(): Plugin {
  const id = 'virtual:persisted-ids';
  return {
    name: 'lianxin-persisted-ids',
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    load(source) {
      if (source !== `\0${id}`) return undefined;
      this.addWatchFile(manifestPath);
      this.addWatchFile(apiSchemaPath);
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { operations: Array<{ name: string; id: string }> };
      const ids = Object.fromEntries(manifest.operations.map((op) => [op.name, op.id]));
      return `export default ${JSON.stringify(ids)};\nexport const offlineSafeCreates = ${offlineSafeCreates()};`;
    },
  };
}

/**
 * The service worker (public/sw.js is its template): the app shell and every hashed asset of the build are
 * precached under a cache named by the build, so the grid worker's app opens without a network.
 */
function serviceWorker(): Plugin {
  return {
    name: 'lianxin-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const assets = Object.keys(bundle).filter((file) => !file.endsWith('.map') && !/\/(MapScreen|DashboardScreen|maplibre-gl-worker)-/.test(file));
      const version = assets.filter((file) => file.startsWith('assets/')).sort().join('|');
      let hash = 0;
      for (const char of version) hash = (hash * 31 + char.charCodeAt(0)) | 0;
      const template = readFileSync(`${root}/src/sw-template.js`, 'utf8');
      const source = template
        .replace('__PRECACHE__', JSON.stringify(['./', './index.html', './manifest.webmanifest', './icon.svg', ...assets.filter((file) => file !== 'index.html').map((file) => `./${file}`)]))
        .replace('__VERSION__', (hash >>> 0).toString(36));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

export default defineConfig({
  root,
  base: './',
  plugins: [react(), persistedIds(), serviceWorker()],
  resolve: { alias: { '@lianxin/client': fileURLToPath(new URL('../libs/client/src/index.ts', import.meta.url)) } },
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    manifest: true,
    chunkSizeWarningLimit: 1500,
  },
  test: {
    environment: 'jsdom',
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
  },
} as Parameters<typeof defineConfig>[0]);
