/* Lianxin console service worker: precached app shell (generated at build by vite.config.ts). */
const CACHE = 'lianxin-console-__VERSION__';
const PRECACHE = __PRECACHE__;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys().then((keys) => Promise.all(keys.filter((key) => key.startsWith('lianxin-console-') && key !== CACHE).map((key) => caches.delete(key)))).then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  // Only the app's own static files; GraphQL, Keycloak and config.json always go to the network.
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.endsWith('/graphql') || url.pathname.endsWith('/config.json')) return;
  if (request.mode === 'navigate') {
    // Network first for the page (a new build is picked up), the cached shell when offline.
    event.respondWith(fetch(request).catch(() => caches.match('./index.html', { ignoreSearch: true })));
    return;
  }
  event.respondWith(caches.match(request).then((hit) => hit ?? fetch(request)));
});
