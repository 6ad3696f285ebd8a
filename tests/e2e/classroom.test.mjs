// The classroom: every lesson trains with every cell type, presets load their settings,
// keyboard shortcuts work (and stay out of text fields), presenter mode, both screen sizes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, screenshot, ready, untilPaused, servedApp, server, browser } from './harness.mjs';

servedApp();

async function update(page) {
  return Number((await page.getByTestId('status').textContent()).match(/update (\d+)/)[1]);
}

const LESSONS = [
  ['char', 'char-fast-lstm'],
  ['mnist', 'mnist-fast-gru'],
  ['series', 'series-fast-lstm'],
  ['sentiment', 'sentiment-course-onehot-rnn'],
];
const GATES = { rnn: 1, lstm: 4, gru: 3 };

for (const [lesson, preset] of LESSONS) {
  test(`the ${lesson} lesson trains with RNN, LSTM and GRU`, async () => {
    for (const cell of Object.keys(GATES)) {
      const { page, errors, context } = await openPage(browser, `${server.url}?lesson=${lesson}&preset=${preset}&cell=${cell}`);
      await ready(page);
      assert.equal(await page.getByTestId('cell-select').inputValue(), cell);
      const hidden = Number(await page.getByTestId('hidden-size').inputValue());
      const first = page.locator('[data-testid=model-summary] tbody tr').first();
      assert.match(await first.textContent(), new RegExp(`rnn\\.weight_ih_l0\\[${GATES[cell] * hidden}, `));
      await page.getByTestId('step').click();
      await page.waitForFunction(() => /update 1 · loss \d/.test(document.querySelector('[data-testid=status]').textContent), null, { timeout: 30000 });
      await untilPaused(page);
      await page.getByTestId('play').click();
      await page.waitForFunction(() => +document.querySelector('[data-testid=status]').textContent.match(/update (\d+)/)[1] >= 20, null, { timeout: 60000 });
      await page.getByTestId('pause').click();
      assert.deepEqual(errors, [], `${lesson} ${cell}`);
      await context.close();
    }
  });
}

test('presets load their settings', async () => {
  const { page, errors, context } = await openPage(browser, server.url);
  await ready(page);
  await page.getByTestId('preset-select').selectOption('char-course-gru');
  await page.waitForFunction(() => document.querySelector('[data-testid=cell-select]').value === 'gru');
  assert.equal(await page.getByTestId('hidden-size').inputValue(), '35');
  assert.equal(await page.getByTestId('learning-rate').inputValue(), '0.01');
  await page.getByTestId('lesson-select').selectOption('mnist');
  await page.getByTestId('preset-select').selectOption('mnist-fast-lstm');
  await page.waitForFunction(() => document.querySelector('[data-testid=hidden-size]').value === '64');
  assert.equal(await page.getByTestId('cell-select').inputValue(), 'lstm');
  assert.equal(await page.getByTestId('batch-size').inputValue(), '32');
  assert.match(page.url(), /lesson=mnist&preset=mnist-fast-lstm/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('keyboard shortcuts step, play, pause, reset, show help and presenter mode', async () => {
  const { page, errors, context } = await openPage(browser, server.url);
  await ready(page);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('.');
  await page.waitForFunction(() => /update 1 /.test(document.querySelector('[data-testid=status]').textContent));
  await page.keyboard.press(' ');
  await page.getByTestId('pause').waitFor();
  await page.keyboard.press(' ');
  await page.getByTestId('play').waitFor();
  const paused = await update(page);
  assert.ok(paused > 1);
  await page.keyboard.press('r');
  await page.waitForFunction(() => /update 0 /.test(document.querySelector('[data-testid=status]').textContent));
  // Typing into a field is not a shortcut.
  await page.getByTestId('learning-rate').focus();
  await page.keyboard.press('.');
  await page.waitForTimeout(300);
  assert.equal(await update(page), 0);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('?');
  await page.getByTestId('shortcuts-help').waitFor();
  await page.keyboard.press('?');
  await page.getByTestId('shortcuts-help').waitFor({ state: 'detached' });
  await page.keyboard.press('p');
  await page.locator('[data-testid=app-root].presenter').waitFor();
  await screenshot(page, 'presenter-1280x720');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a phone-sized screen trains without horizontal scrolling', async () => {
  const { page, errors, context } = await openPage(browser, server.url, { width: 390, height: 844 });
  await ready(page);
  await untilPaused(page);
  await page.getByTestId('play').click();
  await page.waitForFunction(() => +document.querySelector('[data-testid=status]').textContent.match(/update (\d+)/)[1] >= 50);
  await page.getByTestId('pause').click();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `page is ${width}px wide`);
  await screenshot(page, 'phone-trained-390x844');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the comparison trains RNN, LSTM and GRU side by side and draws their curves', async () => {
  const { page, errors, context } = await openPage(browser, `${server.url}?lesson=char&preset=char-course-rnn`);
  await ready(page);
  await page.getByTestId('compare-updates').fill('120');
  await page.getByTestId('compare-updates').blur();
  await page.getByTestId('compare-start').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=compare-progress]')?.textContent === '120 / 120', null, { timeout: 60000 });
  const rows = await page.getByTestId('compare-table').locator('tr').allTextContents();
  assert.equal(rows.length, 4);
  for (const [i, cell] of ['RNN', 'LSTM', 'GRU'].entries()) {
    assert.match(rows[i + 1], new RegExp(`^${cell}\\d\\.\\d{4}\\d\\.\\d{2}e-?\\d+$`));
  }
  assert.equal(await page.getByTestId('compare-loss').count(), 1);
  assert.equal(await page.getByTestId('compare-grad').count(), 1);
  // The main model was left alone.
  assert.match(await page.getByTestId('status').textContent(), /update 0 /);
  await page.getByTestId('compare').screenshot({ path: 'target/e2e/compare-1280x720.png' });
  assert.deepEqual(errors, []);
  await context.close();
});
