// index.html's Content-Security-Policy: strict, enforced, and never violated by the app over a
// session through every lesson; no request leaves the app's origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DIST, ready, screenshot, untilPaused, servedApp, server, browser } from './harness.mjs';

servedApp();

/** The policy in dist/index.html, as { directive: [sources] }. */
async function policy() {
  const html = await readFile(join(DIST, 'index.html'), 'utf8');
  const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/);
  assert.ok(meta, 'index.html has a Content-Security-Policy');
  return Object.fromEntries(
    meta[1]
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name, sources]),
  );
}

/**
 * A page that records, from before any script of its own runs, every CSP violation (in the
 * page and reported from its workers), every request of the context, console errors and
 * uncaught exceptions.
 */
async function watchedPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await context.addInitScript(() => {
    window.__violations = [];
    addEventListener(
      'securitypolicyviolation',
      (e) => window.__violations.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`),
      true,
    );
  });
  const requests = [];
  const errors = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await page.goto(server.url);
  return { context, page, requests, errors, violations: () => page.evaluate(() => window.__violations) };
}

async function trainALittle(page) {
  const updates = () => page.evaluate(() => +(document.querySelector('[data-testid=status]')?.textContent.match(/update (\d+)/)?.[1] ?? 0));
  const before = await updates();
  await page.getByTestId('step').click();
  await page.waitForFunction((n) => +(document.querySelector('[data-testid=status]')?.textContent.match(/update (\d+)/)?.[1] ?? 0) > n, before);
  await untilPaused(page);
  await page.getByTestId('play').click();
  await page.waitForTimeout(1500);
  await page.getByTestId('pause').click();
  await page.getByTestId('play').waitFor();
  assert.ok((await updates()) > before + 1, 'the lesson trained');
}

test('the policy allows only this origin, no inline script and no eval', async () => {
  const p = await policy();
  assert.deepEqual(p['default-src'], ["'self'"]);
  assert.deepEqual(p['script-src'], ["'self'", "'wasm-unsafe-eval'"]);
  assert.deepEqual(p['connect-src'], ["'self'"]);
  assert.deepEqual(p['style-src-elem'], ["'self'"]);
  // Yew writes style="…" attributes; nothing else gets 'unsafe-inline'.
  assert.deepEqual(p['style-src-attr'], ["'unsafe-inline'"]);
  assert.equal(p['style-src'], undefined, 'no blanket style-src');
  // yew-agent starts the worker from a blob: URL shim that imports worker.js.
  assert.deepEqual(p['worker-src'], ["'self'", 'blob:']);
  assert.deepEqual(p['object-src'], ["'none'"]);
  for (const [name, sources] of Object.entries(p)) {
    for (const s of sources) {
      assert.ok(!["'unsafe-eval'", '*', 'data:', 'http:', 'https:'].includes(s), `${name} allows ${s}`);
      assert.ok(!/^(https?:)?\/\//.test(s) && !/\.[a-z]{2,}$/.test(s), `${name} names another origin: ${s}`);
      if (s === "'unsafe-inline'") assert.equal(name, 'style-src-attr', `${name} allows 'unsafe-inline'`);
    }
  }
});

test('the policy is enforced: an inline script and an inline style element are refused', async () => {
  const { context, page, violations } = await watchedPage();
  await ready(page);
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true;';
    document.head.append(s);
    const st = document.createElement('style');
    st.textContent = 'body { display: none; }';
    document.head.append(st);
  });
  await page.waitForFunction(() => window.__violations.length >= 2);
  assert.equal(await page.evaluate(() => window.__inlineRan), undefined, 'the inline script did not run');
  assert.ok(await page.getByTestId('app-root').isVisible(), 'the inline style was not applied');
  const v = await violations();
  assert.ok(v.some((x) => x.startsWith('script-src-elem')), v.join('\n'));
  assert.ok(v.some((x) => x.startsWith('style-src-elem')), v.join('\n'));
  await context.close();
});

test('a session through every lesson, training each, violates nothing and stays on this origin', async () => {
  const { context, page, requests, errors, violations } = await watchedPage();
  await ready(page);
  const lessons = await page.getByTestId('lesson-select').locator('option').evaluateAll((os) => os.map((o) => o.value));
  for (const l of ['char', 'mnist', 'series', 'sentiment']) assert.ok(lessons.includes(l), `lesson ${l} is offered`);
  for (const lesson of [...lessons.filter((l) => l !== 'char'), 'char']) {
    await page.getByTestId('lesson-select').selectOption(lesson);
    await page.waitForFunction((l) => new URLSearchParams(location.search).get('lesson') === l, lesson);
    // The new lesson's model starts at update 0.
    await page.waitForFunction(() => /update 0\b/.test(document.querySelector('[data-testid=status]')?.textContent ?? ''), null, { timeout: 60000 });
    await ready(page);
    await trainALittle(page);
  }
  // The model file download (a blob: URL) is allowed too.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
  assert.match(download.suggestedFilename(), /\.json$/);
  // Screenshots work under the policy (harness.mjs shows off-screen panels through the CSSOM).
  await screenshot(page, 'csp-session-1280x720');
  assert.deepEqual(await violations(), []);
  assert.deepEqual(errors, []);
  const origin = new URL(server.url).origin;
  // A blob: URL (the worker's loader shim) belongs to the origin that made it.
  const elsewhere = requests.filter((u) => new URL(u).origin !== origin);
  assert.deepEqual(elsewhere, [], 'no request to another origin');
  assert.ok(requests.some((u) => u.endsWith('/worker.js')), 'the worker loaded under the policy');
  await context.close();
});
