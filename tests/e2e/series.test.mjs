// The time-series lesson on real tables: a shipped table trains and shows the three errors; a
// multi-column CSV loaded from disk (a KOSPI-like stock table) opens with its date axis, the
// features and target can be picked, training shows model, persistence and mean errors; a bad
// file or choice is refused and nothing changes.
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
