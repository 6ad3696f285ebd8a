// RNN Playground's service worker: after one visit the app opens and trains with no network,
// and so does every lesson whose data the student has opened once.
//
// scripts/post-build.mjs writes dist/sw.js as this file after a header that defines
//   VERSION  – a hash of every file of the build (a new build, a new version),
//   PRECACHE – [{ path, integrity }] for the app shell: every file at the top of the build
//              (paths relative to sw.js), and
//   DATA     – [{ path, integrity }] for the lessons' data files (the build's sub-folders).
// Installing caches exactly the shell's bytes (each request carries its SRI hash, so a
// half-deployed host fails the install instead of mixing versions). A data file is cached the
// first time a lesson fetches it, checked against its hash; a new version takes over the data
// files of the older one whose bytes are unchanged. Cached files are answered from that
// version's cache first; anything else goes to the network. A new version waits until the
// page asks for it (assets/sw-register.js: "reload to update"), so one page never mixes two.
/* global VERSION, PRECACHE, DATA */

const PREFIX = 'rnn-playground-';
const CACHE = `${PREFIX}${VERSION}`;
const SCOPE = new URL('./', self.location.href);
const INDEX = new URL('index.html', SCOPE).href;
const byUrl = (list) => new Map(list.map(({ path, integrity }) => [new URL(path, SCOPE).href, integrity]));
const FILES = byUrl(PRECACHE);
const DATA_FILES = byUrl(DATA);

/** The SRI hash ("sha384-<base64>") of `bytes`. */
async function sri(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-384', bytes));
  return `sha384-${btoa(String.fromCharCode(...digest))}`;
}

/** Copies into `cache` the data files that an older version cached with the same bytes. */
async function keepData(cache) {
  for (const key of await caches.keys()) {
    if (!key.startsWith(PREFIX) || key === CACHE) continue;
    const old = await caches.open(key);
    for (const [url, integrity] of DATA_FILES) {
      if (await cache.match(url)) continue;
      const res = await old.match(url);
      if (!res) continue;
      const bytes = await res.clone().arrayBuffer();
      if ((await sri(bytes)) === integrity) await cache.put(url, new Response(bytes, { headers: res.headers }));
    }
  }
}

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
      // Lesson data is not needed to install: a failure here only means fetching it again.
      await keepData(cache).catch(() => {});
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
  return FILES.has(url.href) || DATA_FILES.has(url.href) ? url.href : null;
}

/** The network's answer to a lesson's data file, checked against its hash and cached. */
async function fetchData(key, cache) {
  const res = await fetch(new Request(key, { integrity: DATA_FILES.get(key) }));
  if (res.ok) await cache.put(key, res.clone());
  return res;
}

self.addEventListener('fetch', (event) => {
  const key = keyFor(event.request);
  if (!key) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      const hit = await cache.match(key);
      if (hit) return hit;
      return DATA_FILES.has(key) ? fetchData(key, cache) : fetch(event.request);
    })(),
  );
});
