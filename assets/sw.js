// RNN Playground's service worker: after one visit the app opens and trains with no network.
//
// scripts/post-build.mjs writes dist/sw.js as this file after a header that defines
//   VERSION  – a hash of every file of the build (a new build, a new version), and
//   PRECACHE – [{ path, integrity }] for every file of the build (paths relative to sw.js).
// Installing caches exactly those bytes (each request carries its SRI hash, so a half-deployed
// host fails the install instead of mixing versions). Precached files are answered from that
// version's cache first; anything else goes to the network. A new version waits until the
// page asks for it (assets/sw-register.js: "reload to update"), so one page never mixes two.
/* global VERSION, PRECACHE */

const PREFIX = 'rnn-playground-';
const CACHE = `${PREFIX}${VERSION}`;
const SCOPE = new URL('./', self.location.href);
const INDEX = new URL('index.html', SCOPE).href;
const FILES = new Map(PRECACHE.map(({ path, integrity }) => [new URL(path, SCOPE).href, integrity]));

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      try {
        await Promise.all(
          [...FILES].map(async ([url, integrity]) => {
            // 'no-cache': revalidate with the server (fixed names such as worker.js may sit in
            // the HTTP cache from an older version); the SRI hash checks what arrives.
            const res = await fetch(new Request(url, { cache: 'no-cache', integrity }));
            if (!res.ok) throw new Error(`${url} answered ${res.status}`);
            // A redirected response cannot answer a navigation: keep only its body and headers.
            await cache.put(url, res.redirected ? new Response(await res.blob(), { headers: res.headers }) : res);
          }),
        );
      } catch (err) {
        await caches.delete(CACHE);
        throw err;
      }
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
      }
      // The first visit's page (loaded from the network, this same version) is taken over at
      // once, so it works offline without a reload.
      await self.clients.claim();
    })(),
  );
});

// The page asks for the waiting version when the user presses "Reload to update".
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
});

/** The cache key that answers `request`, or null (the network answers). */
function keyFor(request) {
  if (request.method !== 'GET') return null;
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin) return null;
  url.hash = '';
  // The page's address carries the lesson's settings in its query: every navigation to the
  // app (the folder or its index.html) gets this version's index.html.
  if (request.mode === 'navigate' && (url.pathname === SCOPE.pathname || url.href.split('?')[0] === INDEX)) {
    return INDEX;
  }
  return FILES.has(url.href) ? url.href : null;
}

self.addEventListener('fetch', (event) => {
  const key = keyFor(event.request);
  if (!key) return;
  event.respondWith(
    (async () => {
      const hit = await (await caches.open(CACHE)).match(key);
      return hit || fetch(event.request);
    })(),
  );
});
