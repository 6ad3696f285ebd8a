// The static build (scripts/build.sh) on a plain static server, at the root of a host and in
// a sub-folder: it opens and trains with no console error, no failed request, no WebSocket,
// and dist/ holds no dev-server code.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, serveDist, launchBrowser, ready } from './harness.mjs';

/** Strings only Trunk's live-reload client (its `autoreload.js`) contains. */
const DEV_SERVER_MARKERS = ['__TRUNK_ADDRESS__', '__TRUNK_WS_BASE__', '.well-known/trunk/ws'];

let rootServer;
let subServer;
let browser;
let tmp;

before(async () => {
  // dist/ at the root of one host, and under /sub/ of another whose root holds nothing else
  // (a site that keeps the app in a folder): an absolute URL would miss there.
  rootServer = await serveDist(DIST);
  tmp = await mkdtemp(join(tmpdir(), 'rnn-playground-deploy-'));
  await cp(DIST, join(tmp, 'sub'), { recursive: true });
  subServer = await serveDist(tmp);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await rootServer?.close();
  await subServer?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

async function files(dir, prefix = '') {
  const out = [];
  for (const e of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await files(dir, rel)));
    else out.push(rel);
  }
  return out;
}

test('dist/ holds no dev-server code and no inline script', async () => {
  const all = await files(DIST);
  for (const f of ['index.html', 'sw.js', 'manifest.webmanifest', 'worker.js']) {
    assert.ok(all.includes(f), `dist/${f} exists`);
  }
  // One binary for the page and its workers: worker.js loads the page's own loader and wasm.
  const wasm = all.filter((f) => f.endsWith('.wasm'));
  assert.equal(wasm.length, 1, `one wasm in dist/: ${wasm}`);
  const entry = await readFile(join(DIST, 'worker.js'), 'utf8');
  assert.ok(entry.includes(`'${wasm[0]}'`), `worker.js names ${wasm[0]}: ${entry}`);
  assert.ok(entry.includes(`'${wasm[0].replace(/_bg\.wasm$/, '.js')}'`), `worker.js imports the page's loader: ${entry}`);
  for (const f of all) {
    const text = (await readFile(join(DIST, f))).toString('latin1');
    for (const m of DEV_SERVER_MARKERS) assert.ok(!text.includes(m), `dist/${f} holds live-reload code (${m})`);
  }
  const html = await readFile(join(DIST, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  assert.ok(scripts.length >= 2, 'the loader and the service worker registration are scripts');
  for (const [, attrs, body] of scripts) {
    assert.match(attrs, /\bsrc="\.\/[^"]+\.js"/, `a script from a relative URL: <script${attrs}>`);
    assert.match(attrs, /\bintegrity="sha384-/, `a script with its SRI hash: <script${attrs}>`);
    assert.equal(body.trim(), '', 'no inline script');
  }
  // Every URL Trunk wrote is relative: the same files work from any folder.
  for (const [, url] of html.matchAll(/\b(?:href|src)="([^"]+)"/g)) {
    assert.ok(!url.startsWith('/') && !/^[a-z]+:/i.test(url), `relative URL: ${url}`);
  }
  const manifest = JSON.parse(await readFile(join(DIST, 'manifest.webmanifest'), 'utf8'));
  assert.equal(manifest.start_url, '.');
  assert.equal(manifest.display, 'standalone');
  const [icon] = manifest.icons;
  assert.deepEqual([icon.sizes, icon.type], ['any', 'image/svg+xml']);
  assert.ok(all.includes(icon.src), `the manifest's icon ${icon.src} is in dist/`);
});

for (const [name, host, path] of [
  ['at the root of a host', () => rootServer, ''],
  ['from a sub-folder of a host', () => subServer, 'sub/'],
]) {
  test(`the static build opens and trains ${name} with no error, failed request or WebSocket`, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const problems = [];
    const sockets = [];
    const requests = [];
    context.on('request', (r) => requests.push(r.url()));
    context.on('requestfailed', (r) => problems.push(`failed: ${r.url()} (${r.failure()?.errorText})`));
    context.on('response', (r) => {
      if (r.status() >= 400) problems.push(`http ${r.status()}: ${r.url()}`);
    });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('websocket', (ws) => sockets.push(ws.url()));
    const url = `${host().url}${path}`;
    await page.goto(url);
    await ready(page);
    await page.getByTestId('step').click();
    await page.waitForFunction(() => /update [1-9]/.test(document.querySelector('[data-testid=status]')?.textContent ?? ''));
    // Lesson data comes from the same folder (the worker fetches it relative to the page).
    await page.getByTestId('lesson-select').selectOption('mnist');
    await page.locator('.viz-title', { hasText: 'MNIST rows' }).waitFor();
    await ready(page);
    // The service worker belongs to this folder and takes the page over.
    const sw = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.ready;
      return { scope: reg.scope, script: reg.active.scriptURL };
    });
    assert.equal(sw.scope, url);
    assert.equal(sw.script, `${url}sw.js`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await page.waitForTimeout(500);
    assert.deepEqual(problems, []);
    assert.deepEqual(sockets, [], 'no WebSocket (live reload) attempts');
    const outside = requests.filter((u) => !u.startsWith('blob:') && !u.startsWith(url));
    assert.deepEqual(outside, [], `every request stays in ${url}`);
    await context.close();
  });
}
