// Never a silent failure: a worker that panics is reported with its message, restarted, and
// the model autosaved in this browser comes back; the badge never says "ready" meanwhile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, ready, untilPaused, servedApp, server, browser } from './harness.mjs';

servedApp();

test('a panicking worker is reported, restarted, and the autosaved model restored', async () => {
  // First visit: train a little; pausing autosaves the model (IndexedDB, written by the worker).
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}?lesson=char&preset=char-fast-lstm`);
  await ready(page);
  await page.getByTestId('step').click();
  await page.getByTestId('step').click();
  await page.waitForFunction(() => /update 2 /.test(document.querySelector('[data-testid=status]').textContent));
  const total = await page.getByTestId('param-total').textContent();
  const trained = await page.evaluate(() => document.querySelector('[data-testid=status]').textContent);
  await page.waitForTimeout(500);
  // The same lesson through a link that makes the worker panic once it opened.
  const url = new URL(page.url());
  url.searchParams.set('crash', 'worker');
  const states = [];
  await page.exposeFunction('__badge', (s) => states.push(s));
  await page.addInitScript(() => {
    new MutationObserver(() => {
      const b = document.querySelector('[data-testid=worker-status]');
      if (b) window.__badge?.(b.dataset.state);
    }).observe(document, { subtree: true, attributes: true, childList: true });
  });
  await page.goto(url.toString());
  const notice = page.getByTestId('notice').filter({ hasText: 'The training worker stopped' });
  await notice.waitFor({ timeout: 30000 });
  const text = await notice.textContent();
  assert.match(text, /asked the worker to panic/, 'the panic message reaches the page');
  // The new worker is up, the autosaved model is back, and training goes on.
  await ready(page);
  await page.getByTestId('notice').filter({ hasText: 'Restored the model saved in this browser' }).waitFor({ timeout: 20000 });
  assert.equal(await page.getByTestId('param-total').textContent(), total);
  await page.getByTestId('step').click();
  await page.waitForFunction(() => /update 1 /.test(document.querySelector('[data-testid=status]').textContent));
  assert.equal(await page.locator('[data-testid=worker-status]').getAttribute('data-state'), 'ready');
  assert.ok(trained.includes('update 2'));
  // Between the panic and the restart the badge said connecting, never a dead "ready".
  const afterPanic = states.slice(states.lastIndexOf('connecting'));
  assert.ok(states.includes('connecting'), `badge states: ${states.join(',')}`);
  assert.ok(afterPanic.length > 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a browser that refuses storage gets a notice and the app trains without autosave', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // Private mode or a full disk: localStorage refuses writes, and the origin's quota is 1 byte,
  // so the worker's IndexedDB autosave fails too (Chromium takes a quota of 0 as "no override").
  await page.addInitScript(() => {
    Storage.prototype.setItem = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(server.url).origin, quotaSize: 1 });
  await page.goto(`${server.url}?lesson=char&preset=char-fast-lstm`);
  await ready(page);
  await page.getByTestId('notice').filter({ hasText: 'does not let the page keep your settings' }).waitFor({ timeout: 20000 });
  await untilPaused(page);
  await page.getByTestId('play').click();
  await page.waitForFunction(() => +document.querySelector('[data-testid=status]').textContent.match(/update (\d+)/)[1] >= 20);
  await page.getByTestId('pause').click();
  // Pausing autosaves: the worker says once that the model cannot be kept.
  await page.getByTestId('notice').filter({ hasText: 'could not keep the model' }).waitFor({ timeout: 20000 });
  await page.getByTestId('step').click();
  assert.deepEqual(errors, []);
  await context.close();
});
