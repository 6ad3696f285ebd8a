// Load benchmark (a program, not a test): how long the default lesson takes to become usable
// over a slow network, on a first visit (empty caches) and a repeat visit (the service worker
// installed), and how many bytes cross the network for it. Chromium's network throttling
// (CDP Network.emulateNetworkConditions) sets the bandwidth and latency; the server sends
// every file gzip-compressed (level 9), as a static host with compression does, with the caching
// README "Deploy" asks for (harness.serveDist): hashed files kept for a year, the others
// revalidated (a 304 with no body).
//
//   bash scripts/build.sh && node benches/load.mjs [Mbit/s, default 10] [latency ms, default 100]
//
// "Usable" is harness.ready(): the worker answered and the lesson's model summary is drawn.
// Prints one JSON line per visit (LOAD_FILES=1 adds each request: status, path, bytes).
import { launchBrowser, ready, serveDist } from '../tests/e2e/harness.mjs';

const mbit = Number(process.argv[2] ?? 10);
const latency = Number(process.argv[3] ?? 100);
const throughput = (mbit * 1e6) / 8;

const served = [];
const server = await serveDist(undefined, { gzip: true, log: (r) => served.push(r) });
const browser = await launchBrowser();
const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });

async function visit(name) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency,
    downloadThroughput: throughput,
    uploadThroughput: throughput,
  });
  served.length = 0;
  const start = Date.now();
  await page.goto(server.url);
  await ready(page);
  const ms = Date.now() - start;
  const files = served.slice();
  console.log(
    JSON.stringify({
      visit: name,
      mbit_per_s: mbit,
      latency_ms: latency,
      usable_ms: ms,
      files_from_network: files.filter((f) => f.status === 200).length,
      revalidated: files.filter((f) => f.status === 304).length,
      bytes_from_network: files.reduce((a, f) => a + f.bytes, 0),
      ...(process.env.LOAD_FILES ? { files: files.map((f) => `${f.status} ${f.path} ${f.bytes}`) } : {}),
    }),
  );
  return page;
}

const first = await visit('first');
// The service worker installs after the page's load event: wait until it controls the page.
await first.waitForFunction(async () => {
  const reg = await navigator.serviceWorker.getRegistration();
  return reg?.active?.state === 'activated' && navigator.serviceWorker.controller !== null;
}, null, { timeout: 120000, polling: 200 });
await first.close();
const again = await visit('repeat');
await again.close();
await browser.close();
await server.close();
