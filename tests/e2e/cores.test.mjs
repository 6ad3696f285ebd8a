// Several cores per update: helper workers share MNIST updates, a given worker count gives the
// same numbers after a reset, and "Auto" uses every core while the page is hidden.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, ready, untilPaused, servedApp, server, browser } from './harness.mjs';

servedApp();

const MNIST = '?lesson=mnist&preset=mnist-fast-lstm&batch=100';

async function status(page) {
  const text = await page.getByTestId('status').textContent();
  const m = text.match(/update (\d+) · loss ([\d.]+)/);
  assert.ok(m, `status line: ${JSON.stringify(text)}`);
  return { update: +m[1], loss: m[2] };
}

/** Plays until the Run panel says the last update used `cores` cores, then pauses. */
async function trainUntilCores(page, cores, timeout = 30000) {
  await untilPaused(page);
  await page.getByTestId('play').click();
  await page.waitForFunction(
    (n) => document.querySelector('[data-testid=cores-used]')?.textContent.includes(`${n} core`),
    cores,
    { timeout },
  );
  const speed = await page.getByTestId('cores-used').textContent();
  await page.getByTestId('pause').click();
  await page.getByTestId('play').waitFor();
  return speed;
}

/** Reset, then `n` single updates; the status after them. */
async function resetAndStep(page, n) {
  await page.getByTestId('reset').click();
  await page.waitForFunction(() =>
    document.querySelector('[data-testid=status]')?.getAttribute('data-update') === '0');
  for (let i = 1; i <= n; i++) {
    await page.getByTestId('step').click();
    await page.waitForFunction(
      (k) => document.querySelector('[data-testid=status]')?.getAttribute('data-update') === String(k),
      i,
    );
  }
  return status(page);
}

test('two workers share MNIST updates, and the same count after a reset gives the same loss', async () => {
  const { page, errors, context } = await openPage(browser, server.url + MNIST);
  await ready(page);
  await page.getByTestId('cores-select').selectOption('2');
  const speed = await trainUntilCores(page, 2);
  assert.match(speed, /last update on: 2 cores/);
  // Paused with an update out with the helper: nothing changes after the pause.
  const paused = await status(page);
  await page.waitForTimeout(700);
  assert.equal((await status(page)).update, paused.update, 'no update after pause');
  const first = await resetAndStep(page, 4);
  const again = await resetAndStep(page, 4);
  assert.equal(first.update, 4);
  assert.equal(again.loss, first.loss, 'the same two-worker updates after a reset');
  // One worker: the same updates up to f32 rounding (the status shows four digits).
  await page.getByTestId('cores-select').selectOption('1');
  const one = await resetAndStep(page, 4);
  assert.ok(
    Math.abs(Number(one.loss) - Number(first.loss)) <= 2e-3 * Number(first.loss) + 1e-4,
    `one worker ${one.loss}, two workers ${first.loss}`,
  );
  assert.deepEqual(errors, []);
  await context.close();
});

test('"Auto" leaves one core to a visible page and uses every core while it is hidden', async () => {
  const { page, errors, context } = await openPage(browser, server.url + MNIST);
  await ready(page);
  const hardware = await page.evaluate(() => navigator.hardwareConcurrency);
  const all = Math.min(Math.max(hardware, 1), 8);
  const visible = Math.max(all - 1, 1);
  assert.match(await page.getByTestId('cores-select').inputValue(), /^auto$/);
  await trainUntilCores(page, visible);
  // The page as the browser hides it (another tab in front): `document.hidden` and the event.
  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  const hidden = await trainUntilCores(page, all);
  assert.match(hidden, new RegExp(`${all} core`));
  assert.deepEqual(errors, []);
  await context.close();
});
