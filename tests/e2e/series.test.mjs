// The time-series lesson on real tables: a shipped table trains and shows the three errors; the
// course presets open the synthetic stock table with the course's columns, split and scaling,
// its first rows and the windows' shape [426, 5, 4]; a multi-column CSV loaded from disk (a
// KOSPI-like stock table) opens with its date axis, the features and target can be picked,
// training shows model, persistence and mean errors; a bad file or choice is refused and
// nothing changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openPage, screenshot, ready, ROOT, untilPaused, servedApp, server, browser } from './harness.mjs';

servedApp();

async function updates(page, n) {
  await page.waitForFunction((n) => {
    const m = document.querySelector('[data-testid=status]')?.textContent.match(/update (\d+)/);
    return m && +m[1] >= n;
  }, n, { timeout: 60000 });
}

const errorsOf = (text) => {
  const m = text.match(/([\d.e-]+)[^\d]+([\d.e-]+)[^\d]+([\d.e-]+)\s*$/);
  return m ? m.slice(1).map(Number) : null;
};

test('sunspots: the LSTM beats persistence and the mean, with the years along the axis', async () => {
  const { page, errors, context } = await openPage(browser, `${server.url}?lesson=series&preset=series-fast-lstm`);
  await ready(page);
  await page.getByTestId('series-source').selectOption('sunspots');
  await page.waitForFunction(() => /sunspots\.csv/.test(document.querySelector('[data-testid=table-summary]')?.textContent ?? ''));
  assert.equal(await page.getByTestId('target-column').inputValue(), 'SUNACTIVITY');
  assert.match(await page.getByTestId('table-summary').textContent(), /309 rows · time axis: YEAR/);
  await untilPaused(page);
  await page.getByTestId('play').click();
  await updates(page, 1500);
  await page.getByTestId('pause').click();
  const text = await page.getByTestId('baseline-errors').textContent();
  const [model, persistence, mean] = errorsOf(text);
  console.log(`sunspots in the page: ${text}`);
  assert.ok(model < persistence && persistence < mean, text);
  assert.match(await page.getByTestId('series-verdict').textContent(), /smaller than persistence/);
  assert.equal(await page.getByTestId('series-verdict').getAttribute('data-verdict'), 'better-than-persistence');
  // The inside views read years (they refresh once scrolled to).
  await page.getByTestId('inside-network').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => /^1\d{3}$/.test(document.querySelector('[data-testid=bptt-graph] .in-label')?.textContent ?? ''));
  await screenshot(page, 'series-sunspots-en');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a long series opens on its test part, and one click shows the whole', async () => {
  const { page, errors, context } = await openPage(browser, `${server.url}?lesson=series&preset=series-fast-lstm&lang=ko`);
  await ready(page);
  await page.getByTestId('series-source').selectOption('co2');
  await page.waitForFunction(() => /co2/i.test(document.querySelector('[data-testid=table-summary]')?.textContent ?? ''));
  const chart = page.getByTestId('series-chart');
  await page.waitForFunction(() => document.querySelector('[data-testid=series-chart]')?.dataset.zoomed === 'true');
  const zoom = page.getByTestId('series-zoom');
  assert.equal((await zoom.textContent()).trim(), '전체 시계열 보기');
  await screenshot(page, 'series-co2-zoomed-ko');
  await zoom.click();
  assert.equal(await chart.getAttribute('data-zoomed'), 'false');
  assert.equal((await zoom.textContent()).trim(), '테스트 구간 확대');
  await zoom.press('Enter');
  assert.equal(await chart.getAttribute('data-zoomed'), 'true');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the course preset opens the synthetic stock table as tutorial 05 sets it up', async () => {
  const { page, errors, context } = await openPage(browser, `${server.url}?lesson=series&preset=series-course-rnn`);
  await ready(page);
  assert.equal(await page.getByTestId('series-source').inputValue(), 'stock');
  assert.match(await page.locator('[data-testid=series-source] option[value=stock]').textContent(), /synthetic: a seeded random walk, seed 2/);
  assert.match(await page.getByTestId('table-summary').textContent(), /^stock_synthetic\.csv \(synthetic\): 431 rows · time axis: Date/);
  // The course's columns: Open, High, Low, Volume → Close.
  assert.equal(await page.getByTestId('target-column').inputValue(), 'Close');
  const checked = await page.locator('[data-testid=feature-columns] input:checked').evaluateAll((els) => els.map((e) => e.value));
  assert.deepEqual(checked, ['Open', 'High', 'Low', 'Volume']);
  // df.head(): five rows under their column names, and the windows' shapes.
  const preview = page.getByTestId('table-preview');
  await preview.waitFor();
  assert.equal(await preview.getAttribute('data-shape'), '[426, 5, 4]');
  const heads = (await preview.locator('th').allTextContents()).map((h) => h.trim());
  assert.deepEqual(heads, ['Date', 'Open', 'High', 'Low', 'Volume', 'Close →']);
  assert.equal(await preview.locator('tbody tr').count(), 5);
  assert.equal((await preview.locator('tbody tr').first().locator('td').first().textContent()).trim(), '2019-01-30');
  assert.match(await preview.locator('tbody').textContent(), /0\.\d{6}/, 'scaled like the course\'s df.head()');
  assert.match(await page.getByTestId('table-preview-shape').textContent(), /431 rows → 426 windows: x \[426, 5, 4\] · y \[426, 1\] · training \[200, 5, 4\] · test \[226, 5, 4\]/);
  assert.equal(await page.getByTestId('table-synthetic').count(), 1);
  // The split in windows and the course's scaling, with why it leaks.
  assert.equal(await page.getByTestId('split-by').inputValue(), 'windows');
  assert.equal(await page.getByTestId('test-windows').textContent(), 'test windows: 226');
  assert.equal(await page.getByTestId('series-scaling').inputValue(), 'whole_table');
  assert.match(await page.getByTestId('series-no-leak').textContent(), /MinMax is fitted on the whole table here, as the course does\. Fitted on the whole table, MinMax lets the test rows/);
  // The course's model: nn.RNN(4, 8, 2), Linear(40, 1).
  await page.waitForFunction(() => /rnn\.weight_ih_l0\[8, 4\]/.test(document.querySelector('[data-testid=model-summary]').textContent) && /fc\.weight\[1, 40\]/.test(document.querySelector('[data-testid=model-summary]').textContent));
  await screenshot(page, 'series-course-stock-en');
  // The app's own choice: MinMax on the training rows.
  await page.getByTestId('series-scaling').selectOption('training_rows');
  await page.waitForFunction(() => document.querySelector('[data-testid=series-no-leak]')?.dataset.scaling === 'training_rows');
  assert.match(await page.getByTestId('series-no-leak').textContent(), /MinMax scaling is fitted on the training rows only/);
  await page.getByTestId('series-scaling').selectOption('whole_table');
  await page.waitForFunction(() => document.querySelector('[data-testid=series-no-leak]')?.dataset.scaling === 'whole_table');
  await page.getByTestId('language-select').selectOption('ko');
  await page.waitForFunction(() => /합성/.test(document.querySelector('[data-testid=series-source] option[value=stock]')?.textContent ?? ''));
  assert.match(await page.getByTestId('table-synthetic').textContent(), /합성/);
  assert.match(await page.getByTestId('series-no-leak').textContent(), /표 전체에 맞추면/);
  assert.match(await page.getByTestId('table-preview-shape').textContent(), /431 행 → 426 시퀀스/);
  await page.getByTestId('table-preview').scrollIntoViewIfNeeded();
  await screenshot(page, 'series-course-stock-ko');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a stock table from disk: dates, features and target picked, three errors shown', async () => {
  const { page, errors, context } = await openPage(browser, `${server.url}?lesson=series&preset=series-course-gru`);
  await ready(page);
  const csv = await readFile(join(ROOT, 'tests', 'data', 'kospi_like.csv'));
  await page.getByTestId('series-file').setInputFiles({ name: 'kospi_like.csv', mimeType: 'text/csv', buffer: csv });
  await page.getByTestId('feature-columns').waitFor();
  const summary = await page.getByTestId('table-summary').textContent();
  assert.match(summary, /kospi_like\.csv: 59 rows · time axis: Date · 1 lines refused: line 43/);
  // The course's choice: Open, High, Low, Volume → Close.
  assert.equal(await page.getByTestId('target-column').inputValue(), 'Close');
  const checked = await page.locator('[data-testid=feature-columns] input:checked').evaluateAll((els) => els.map((e) => e.value));
  assert.deepEqual(checked, ['Open', 'High', 'Low', 'Volume']);
  await page.waitForFunction(() => /rnn\.weight_ih_l0\[24, 4\]/.test(document.querySelector('[data-testid=model-summary]').textContent));
  // Drop Volume: three features.
  await page.locator('[data-testid=feature-columns] input[value=Volume]').uncheck();
  await page.waitForFunction(() => /rnn\.weight_ih_l0\[24, 3\]/.test(document.querySelector('[data-testid=model-summary]').textContent));
  await untilPaused(page);
  await page.getByTestId('play').click();
  await updates(page, 300);
  await page.getByTestId('pause').click();
  const text = await page.getByTestId('baseline-errors').textContent();
  assert.ok(errorsOf(text)?.every(Number.isFinite), text);
  assert.match(await page.getByTestId('series-errors').textContent(), /rows used 57 \/ 59 · 2 dropped/);
  await screenshot(page, 'series-table-en');
  await page.getByTestId('language-select').selectOption('ko');
  await page.getByTestId('baseline-errors').waitFor();
  assert.match(await page.getByTestId('baseline-errors').textContent(), /테스트 MSE/);
  await screenshot(page, 'series-table-ko');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a binary file, a non-numeric target and a too-long window are refused and change nothing', async () => {
  const { page, errors, context } = await openPage(browser, `${server.url}?lesson=series&preset=series-fast-lstm`);
  await ready(page);
  const total = await page.getByTestId('param-total').textContent();
  await page.getByTestId('series-file').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]) });
  await page.getByTestId('series-source-error').waitFor();
  assert.match(await page.getByTestId('series-source-error').textContent(), /not a text table/);
  const one = 'date,x\n2020-01-01,5\n';
  await page.getByTestId('series-file').setInputFiles({ name: 'one.csv', mimeType: 'text/csv', buffer: Buffer.from(one) });
  await page.waitForFunction(() => /1 data rows/.test(document.querySelector('[data-testid=series-source-error]')?.textContent ?? ''));
  await page.getByTestId('series-source').selectOption('macro');
  await page.getByTestId('feature-columns').waitFor();
  const window = page.getByTestId('series-window');
  await window.fill('190');
  await window.press('Enter');
  await page.getByTestId('series-columns-error').waitFor();
  assert.match(await page.getByTestId('series-columns-error').textContent(), /longer than the training part/);
  assert.notEqual(await page.getByTestId('param-total').textContent(), '');
  await page.getByTestId('step').click();
  await updates(page, 1);
  assert.ok(total);
  assert.deepEqual(errors, []);
  await context.close();
});
