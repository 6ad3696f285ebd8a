// Training in the worker, driven from the page: play, pause, step, reset, live settings,
// refused input, the MNIST lesson and the language switch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, screenshot, ready, untilPaused, servedApp, server, browser } from './harness.mjs';

servedApp();

/** Parses `epoch 3 / 10 · update 120 · loss 0.4123` (`/ 10`: the run's length; `· done` when it ended). */
async function status(page) {
  const text = await page.getByTestId('status').textContent();
  const m = text.match(/^epoch (\d+)(?: \/ \d+)?(?: · done)? · update (\d+) · loss (—|NaN|[\d.]+(?:e-?\d+)?)$/);
  assert.ok(m, `status line has the fixed format: ${JSON.stringify(text)}`);
  return { epoch: +m[1], update: +m[2], loss: m[3] === '—' ? null : Number(m[3]), text };
}

async function waitForUpdate(page, atLeast, timeout = 20000) {
  await page.waitForFunction(
    (n) => {
      const m = document.querySelector('[data-testid=status]')?.textContent.match(/update (\d+)/);
      return m && +m[1] >= n;
    },
    atLeast,
    { timeout },
  );
}

test('play lowers the loss of the character model and pause stops the updates', async () => {
  const { page, errors, context } = await openPage(browser, server.url);
  await ready(page);
  await page.getByTestId('step').click();
  await waitForUpdate(page, 1);
  const first = await status(page);
  await untilPaused(page);
  await page.getByTestId('play').click();
  await waitForUpdate(page, 300);
  const later = await status(page);
  assert.ok(later.loss < first.loss / 3, `loss fell from ${first.loss} to ${later.loss}`);
  await page.getByTestId('pause').click();
  await page.getByTestId('play').waitFor();
  const paused = await status(page);
  await page.waitForTimeout(700);
  assert.equal((await status(page)).update, paused.update, 'no update after pause');
  await screenshot(page, 'char-trained-1280x720');
  assert.deepEqual(errors, []);
  await context.close();
});

test('one step is exactly one update, and reset brings back the same initial weights', async () => {
  const { page, errors, context } = await openPage(browser, server.url);
  await ready(page);
  await page.getByTestId('step').click();
  await waitForUpdate(page, 1);
  const once = await status(page);
  assert.equal(once.update, 1);
  await page.getByTestId('step').click();
  await waitForUpdate(page, 2);
  await page.getByTestId('reset').click();
  await page.waitForFunction(() => /update 0 /.test(document.querySelector('[data-testid=status]').textContent));
  await page.getByTestId('step').click();
  await waitForUpdate(page, 1);
  const again = await status(page);
  assert.equal(again.loss, once.loss, 'the first update after reset has the same loss (same weights, same data)');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a learning-rate change mid-run takes effect without a reset', async () => {
  const { page, errors, context } = await openPage(browser, server.url);
  await ready(page);
  await untilPaused(page);
  await page.getByTestId('play').click();
  await waitForUpdate(page, 50);
  const lr = page.getByTestId('learning-rate');
  await lr.fill('0.002');
  await lr.press('Enter');
  await lr.blur();
  const before = await status(page);
  await waitForUpdate(page, before.update + 50);
  const after = await status(page);
  assert.ok(after.update > before.update, 'training went on from where it was');
  await page.getByTestId('pause').click();
  assert.match(await page.locator('label[for=lr-exact] output').textContent(), /^0\.002$/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an out-of-range hidden size is refused at the control and the model is kept', async () => {
  const { page, errors, context } = await openPage(browser, server.url);
  await ready(page);
  const total = await page.getByTestId('param-total').textContent();
  const hidden = page.getByTestId('hidden-size');
  await hidden.fill('-3');
  await hidden.blur();
  await page.getByText('must be between 1 and 512').waitFor();
  assert.equal(await page.getByTestId('rebuild-bar').count(), 0, 'nothing to rebuild');
  assert.equal(await page.getByTestId('param-total').textContent(), total);
  await hidden.fill('64');
  await hidden.blur();
  await page.getByTestId('rebuild').click();
  await page.waitForFunction(
    (old) => document.querySelector('[data-testid=param-total]').textContent !== old,
    total,
  );
  assert.deepEqual(errors, []);
  await context.close();
});

test("the MNIST lesson downloads its digits and trains the course's RNN", async () => {
  const { page, errors, context } = await openPage(browser, server.url);
  await ready(page);
  await page.getByTestId('lesson-select').selectOption('mnist');
  await page.waitForFunction(
    () => document.querySelector('[data-testid=model-summary] tbody')?.textContent.includes('[28]') === false &&
      /\[\d+, 28\]/.test(document.querySelector('[data-testid=model-summary] tbody')?.textContent ?? ''),
    null,
    { timeout: 30000 },
  );
  await page.getByTestId('step').click();
  await waitForUpdate(page, 1, 30000);
  const first = await status(page);
  await untilPaused(page);
  await page.getByTestId('play').click();
  await waitForUpdate(page, 60, 60000);
  await page.getByTestId('pause').click();
  const later = await status(page);
  assert.ok(later.loss < first.loss, `loss fell from ${first.loss} to ${later.loss}`);
  await screenshot(page, 'mnist-trained-1280x720');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the language switch changes the interface and the status line, whose numbers stay readable', async () => {
  const { page, errors, context } = await openPage(browser, server.url);
  await ready(page);
  await status(page);
  await page.getByTestId('language-select').selectOption('ko');
  await page.getByRole('heading', { name: 'RNN 플레이그라운드' }).waitFor();
  assert.match(await page.getByTestId('play').textContent(), /재생/);
  const ko = await page.getByTestId('status').textContent();
  assert.match(ko, /^에포크 \d+(?: \/ \d+)?(?: · 완료)? · 업데이트 \d+ · 손실 (—|NaN|[\d.]+(?:e-?\d+)?)$/);
  assert.match(await page.getByTestId('status').getAttribute('data-update'), /^\d+$/);
  await page.reload();
  await ready(page);
  assert.match(await page.getByTestId('play').textContent(), /재생/, 'the language is remembered');
  await screenshot(page, 'korean-1280x720');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a link with hostile values opens with defaults and a notice', async () => {
  const { page, errors, context } = await openPage(
    browser,
    `${server.url}?lesson=char&hidden=99999&lr=-1&cell=%3Cimg%20src%3Dx%3E`,
  );
  await ready(page);
  await page.getByTestId('notice').first().waitFor();
  const notices = await page.getByTestId('notice').allTextContents();
  assert.ok(notices.some((n) => n.includes('hidden')), notices.join('\n'));
  assert.equal(await page.locator('img').count(), 0, 'nothing from the link is rendered as markup');
  assert.equal(await page.getByTestId('hidden-size').inputValue(), '35');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a diverging loss pauses training, restores the last good weights and says what to try', async () => {
  const { page, errors, context } = await openPage(browser, server.url);
  await ready(page);
  await page.getByTestId('optimizer-select').selectOption('sgd');
  const lr = page.getByTestId('learning-rate');
  await lr.fill('10');
  await lr.press('Enter');
  await page.getByTestId('play').click();
  const notice = page.getByTestId('notice').filter({ hasText: 'diverged' });
  await notice.waitFor({ timeout: 20000 });
  assert.match(await notice.textContent(), /last good weights were restored.*Lower the learning rate/s);
  await page.getByTestId('play').waitFor();
  const stopped = await status(page);
  // The restored weights are finite: a careful step from them gives a finite loss.
  await lr.fill('0.001');
  await lr.press('Enter');
  await page.getByTestId('step').click();
  await waitForUpdate(page, stopped.update + 1);
  const next = await status(page);
  assert.ok(Number.isFinite(next.loss), `finite loss after the guard: ${next.text}`);
  await screenshot(page, 'diverged-1280x720');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a reload brings back the trained model and its settings', async () => {
  const { page, errors, context } = await openPage(browser, server.url);
  await ready(page);
  await page.getByTestId('step').click();
  await waitForUpdate(page, 1);
  const fresh = await status(page);
  const lr = page.getByTestId('learning-rate');
  await lr.fill('0.02');
  await lr.press('Enter');
  await untilPaused(page);
  await page.getByTestId('play').click();
  await waitForUpdate(page, 300);
  await page.getByTestId('pause').click();
  await page.getByTestId('play').waitFor();
  const trained = await status(page);
  await page.waitForTimeout(300);
  await page.reload();
  await ready(page);
  await page.getByTestId('notice').filter({ hasText: 'Restored the model' }).waitFor();
  assert.equal(await page.getByTestId('learning-rate').inputValue(), '0.02');
  await page.getByTestId('step').click();
  await waitForUpdate(page, 1);
  const restored = await status(page);
  assert.ok(restored.loss < fresh.loss / 3, `restored loss ${restored.loss} is near the trained ${trained.loss}, not the fresh ${fresh.loss}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('early stopping ends training, says which epoch it kept, and Continue trains on', async () => {
  const { page, errors, context } = await openPage(browser, `${server.url}?lesson=series`);
  await ready(page);
  await page.getByTestId('early-stopping').check();
  const patience = page.getByTestId('patience');
  await patience.fill('2');
  await patience.blur();
  await page.getByTestId('play').click();
  const done = page.getByTestId('run-done').filter({ hasText: 'early stopping ended the run' });
  await done.waitFor({ timeout: 60000 });
  assert.match(await done.textContent(), /kept the weights of epoch \d+/);
  await page.getByTestId('play').waitFor();
  const before = await status(page);
  await page.waitForTimeout(500);
  assert.equal((await status(page)).update, before.update, 'training stays stopped');
  // Continue: on from the restored weights, with no error notice.
  assert.equal(await page.getByTestId('play').getAttribute('data-continue'), 'true');
  await page.getByTestId('play').click();
  await page.waitForFunction((u) => Number(document.querySelector('[data-testid=status]').dataset.update) > u, before.update);
  await page.getByTestId('notice').filter({ hasText: 'stopped' }).waitFor({ state: 'detached', timeout: 100 }).catch(() => {});
  assert.equal(await page.getByTestId('notice').filter({ hasText: 'Training stopped' }).count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});
