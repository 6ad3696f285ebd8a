// The service worker: after one visit the app opens and trains with no network, and so does
// every lesson whose data was opened once (the shell is cached on install, a lesson's data on
// first use, and a new version keeps the data the older one had); a new version waits and the page offers "Reload to update" instead of mixing
// versions, and pressing it loads the new version whole.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DIST, ROOT, serveDist, launchBrowser, ready, untilPaused } from './harness.mjs';

let browser;
const cleanup = [];

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  for (const f of cleanup.reverse()) await f();
});

/** A copy of dist/ that a test may change, served under /app/; resolves to { dir, url }. */
async function servedCopy() {
  const tmp = await mkdtemp(join(tmpdir(), 'rnn-playground-sw-'));
  const dir = join(tmp, 'app');
  await cp(DIST, dir, { recursive: true });
  const server = await serveDist(tmp);
  cleanup.push(() => server.close(), () => rm(tmp, { recursive: true, force: true }));
  return { dir, url: `${server.url}app/` };
}

/** A context whose pages record console errors and uncaught exceptions into `errors`. */
async function openContext() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const errors = [];
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return { context, page, errors };
}

/** Waits until the service worker is active, controls the page and has cached the build. */
async function controlled(page) {
  await page.waitForFunction(async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    return reg?.active?.state === 'activated' && navigator.serviceWorker.controller !== null;
  }, null, { timeout: 60000, polling: 200 });
}

const update = (page) => page.evaluate(() => +(document.querySelector('[data-testid=status]')?.textContent.match(/update (\d+)/)?.[1] ?? 0));

async function trains(page) {
  const before = await update(page);
  await page.getByTestId('step').click();
  await page.waitForFunction((n) => +(document.querySelector('[data-testid=status]')?.textContent.match(/update (\d+)/)?.[1] ?? 0) > n, before, { timeout: 30000 });
}

async function openLesson(page, lesson) {
  await page.getByTestId('lesson-select').selectOption(lesson);
  await page.waitForFunction((l) => new URLSearchParams(location.search).get('lesson') === l, lesson);
  await page.waitForFunction(() => /update 0\b/.test(document.querySelector('[data-testid=status]')?.textContent ?? ''), null, { timeout: 60000 });
  await ready(page);
}

/** The paths (relative to the app) of the lesson data files in the service worker's cache. */
const cachedData = (page) =>
  page.evaluate(async () => {
    const base = new URL('./', location.href).href;
    const out = [];
    for (const key of await caches.keys()) {
      for (const r of await (await caches.open(key)).keys()) {
        const path = r.url.slice(base.length);
        if (path.includes('/')) out.push(path);
      }
    }
    return out.sort();
  });

test('after one visit the app opens, trains on one and two cores and loads the opened lessons\' data offline', async () => {
  const { url } = await servedCopy();
  const { context, page, errors } = await openContext();
  await page.goto(url);
  await ready(page);
  await controlled(page);
  assert.deepEqual(await cachedData(page), [], 'the install caches no lesson data');
  // A lesson's data is cached when the lesson first fetches it.
  await openLesson(page, 'mnist');
  const mnist = await cachedData(page);
  assert.ok(mnist.length >= 2 && mnist.every((p) => p.startsWith('mnist/')), `mnist's files cached: ${mnist}`);
  await openLesson(page, 'sentiment');
  const both = await cachedData(page);
  assert.ok(both.some((p) => p.startsWith('nsmc/')), `the reviews cached: ${both}`);

  await context.setOffline(true);
  const network = [];
  page.on('response', (r) => {
    if (!r.fromServiceWorker() && !r.url().startsWith('blob:')) network.push(r.url());
  });
  await page.reload();
  await ready(page);
  await trains(page);
  // Lessons with data files: the worker fetches them, and the service worker answers.
  for (const lesson of ['mnist', 'sentiment']) {
    await openLesson(page, lesson);
    await trains(page);
    if (lesson === 'mnist') {
      // Helper workers load the same worker.js, loader and wasm from the service worker's cache.
      await page.getByTestId('cores-select').selectOption('2');
      await untilPaused(page);
      await page.getByTestId('play').click();
      await page.waitForFunction(
        () => document.querySelector('[data-testid=cores-used]')?.textContent.includes('2 cores'),
        null,
        { timeout: 30000 },
      );
      await page.getByTestId('pause').click();
      await page.getByTestId('play').waitFor();
    }
  }
  assert.deepEqual(network, [], 'every response came from the service worker');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a new version waits: the page shows "Reload to update", and reloading through it loads the new version whole', async () => {
  const { dir, url } = await servedCopy();
  const { context, page, errors } = await openContext();
  await page.goto(url);
  await ready(page);
  await controlled(page);
  const sw = await readFile(join(dir, 'sw.js'), 'utf8');
  const oldVersion = sw.match(/VERSION = "([0-9a-f]+)"/)[1];
  assert.deepEqual(await page.evaluate(() => caches.keys()), [`rnn-playground-${oldVersion}`]);
  assert.equal(await page.getByTestId('update-reload').count(), 0, 'no update offered while there is none');
  await openLesson(page, 'mnist');
  const opened = await cachedData(page);
  assert.ok(opened.length >= 2, `mnist's files cached: ${opened}`);

  // Deploy a new version: index.html changes, and the post-build step writes the new sw.js.
  const marker = '<meta name="e2e-version" content="2" />';
  const html = await readFile(join(dir, 'index.html'), 'utf8');
  await writeFile(join(dir, 'index.html'), html.replace('</head>', `${marker}\n</head>`));
  const isNew = () => page.evaluate(() => document.querySelector('meta[name=e2e-version]') !== null);
  await promisify(execFile)('node', [join(ROOT, 'scripts', 'post-build.mjs'), dir], { env: { ...process.env, TRUNK_PUBLIC_URL: './' } });
  const newVersion = (await readFile(join(dir, 'sw.js'), 'utf8')).match(/VERSION = "([0-9a-f]+)"/)[1];
  assert.notEqual(newVersion, oldVersion, 'a changed file gives a new version');

  // A reload finds the new service worker; it installs and waits. The page keeps running the
  // version it was loaded with, and says that a new one is ready.
  await page.reload();
  await ready(page);
  const notice = page.getByTestId('notice').filter({ hasText: 'A new version of RNN Playground is ready' });
  await notice.waitFor({ timeout: 60000 });
  await page.getByTestId('update-reload').waitFor();
  assert.equal(await isNew(), false, 'the page still runs the old version');
  assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).waiting?.state), 'installed');

  // A plain reload does not switch versions behind the user's back; the notice comes again.
  await page.reload();
  await ready(page);
  await notice.waitFor({ timeout: 20000 });
  assert.equal(await isNew(), false, 'still the old version after a plain reload');
  await trains(page);

  // The button activates the waiting version and reloads into it.
  await Promise.all([page.waitForEvent('load'), page.getByTestId('update-reload').click()]);
  await ready(page);
  assert.equal(await isNew(), true, 'the new version is running');
  await controlled(page);
  const now = await page.evaluate(async () => ({
    caches: await caches.keys(),
    waiting: Boolean((await navigator.serviceWorker.getRegistration()).waiting),
  }));
  assert.deepEqual(now, { caches: [`rnn-playground-${newVersion}`], waiting: false });
  assert.deepEqual(await cachedData(page), opened, 'the new version keeps the data files opened before');
  assert.equal(await page.getByTestId('update-reload').count(), 0, 'no update offered any more');
  assert.equal(await notice.count(), 0);
  await trains(page);
  assert.deepEqual(errors, []);
  await context.close();
});
