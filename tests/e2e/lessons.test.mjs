// The lesson views: the character model memorises and generates, text with unknown characters
// gets an offer, MNIST shows digits, accuracy, the confusion matrix and classifies a drawing,
// and the time series draws its predictions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, screenshot, ready, untilPaused, servedApp, server, browser } from './harness.mjs';

servedApp();

const SENTENCE = 'hello pytorch. how long can a rnn cell remember? show me your limit!';

test('the course LSTM memorises the sentence and generates it from the start token', async () => {
  const { page, errors, context } = await openPage(browser, `${server.url}?lesson=char&preset=char-course-lstm`);
  await ready(page);
  await untilPaused(page);
  await page.getByTestId('play').click();
  await page.getByTestId('memorised').waitFor({ timeout: 60000 });
  await page.getByTestId('pause').click();
  const generated = await page.getByTestId('generated').textContent();
  assert.equal(generated, `⟨s⟩${SENTENCE}⟨e⟩`);
  // The text strip: every position predicted right, and a click shows the top-5 bars.
  await page.getByTestId('char-strip').locator('button').nth(1).click();
  const bars = await page.getByTestId('top5').locator('li').count();
  assert.equal(bars, 5);
  assert.match(await page.getByTestId('char-correct').textContent(), /^69 \/ 69 /);
  await screenshot(page, 'char-memorised-1280x720');
  assert.deepEqual(errors, []);
  await context.close();
});

test('text with characters outside the alphabet is named and the alphabet can be extended', async () => {
  const { page, errors, context } = await openPage(browser, `${server.url}?lesson=char&preset=char-course-gru`);
  await ready(page);
  const total = await page.getByTestId('param-total').textContent();
  await page.locator('.text-editor summary').click();
  await page.getByTestId('text-input').fill('Hello, World 2026!');
  const unknown = await page.getByTestId('unknown-chars').textContent();
  assert.match(unknown, /'H'.*'W'.*'2'/);
  await page.getByTestId('extend-alphabet').click();
  await page.waitForFunction((old) => document.querySelector('[data-testid=param-total]').textContent !== old, total);
  await page.getByTestId('step').click();
  await page.waitForFunction(() => /update 1 /.test(document.querySelector('[data-testid=status]').textContent));
  assert.equal(await page.getByTestId('notice').filter({ hasText: 'not' }).count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('MNIST shows a digit row by row, test accuracy, the confusion matrix and classifies a drawing', async () => {
  const { page, errors, context } = await openPage(browser, `${server.url}?lesson=mnist&preset=mnist-fast-gru`);
  await ready(page);
  await page.getByTestId('digit-label').waitFor({ timeout: 30000 });
  assert.match(await page.getByTestId('digit-label').textContent(), /^label 7 /, 'the first test digit is a 7');
  // Accuracy comes at an epoch's end: the empty chart says so once training has begun.
  const accuracyLabel = () => page.getByTestId('accuracy-chart').locator('canvas').getAttribute('aria-label');
  assert.equal(await accuracyLabel(), 'Accuracy: No data yet: press Play or Step');
  await page.getByTestId('step').click();
  await page.waitForFunction(() => /update 1\b/.test(document.querySelector('[data-testid=status]').textContent));
  await page.waitForFunction(() => /first epoch ends/.test(document.querySelector('[data-testid=accuracy-chart] canvas').getAttribute('aria-label')));
  await page.getByTestId('epoch').click();
  await page.getByTestId('test-accuracy').waitFor({ timeout: 60000 });
  await page.waitForFunction(() => /epoch 1 /.test(document.querySelector('[data-testid=status]').textContent), null, { timeout: 60000 });
  await page.waitForFunction(() => {
    const m = document.querySelector('[data-testid=test-accuracy]')?.textContent.match(/([\d.]+)%/);
    return m && Number(m[1]) > 50;
  }, null, { timeout: 30000 });
  // Then it reads its numbers (ui::describe): each line's last value, where, and its range.
  await page.waitForFunction(() => /^Accuracy: train accuracy [\d.]+ at update \d+ \(range [\d.]+ to [\d.]+\)/.test(document.querySelector('[data-testid=accuracy-chart] canvas').getAttribute('aria-label')));
  // The report says which weights it measured: those at the epoch's last update.
  const atUpdate = Number(await page.getByTestId('test-accuracy').getAttribute('data-update'));
  const status = await page.getByTestId('status').textContent();
  assert.equal(atUpdate, Number(status.match(/update (\d+)/)[1]), status);
  assert.match(await page.getByTestId('test-accuracy').textContent(), new RegExp(`update ${atUpdate}$`));
  assert.equal(await page.getByTestId('confusion').locator('tbody tr').count(), 10);
  await page.getByTestId('digit-next').click();
  await page.waitForFunction(() => /^label 2 /.test(document.querySelector('[data-testid=digit-label]').textContent));
  await page.getByTestId('row-slider').fill('5');
  assert.equal(await page.getByTestId('beliefs').locator('li').count(), 10);
  // Draw a "1": a vertical stroke.
  const pad = page.getByTestId('draw-pad');
  const box = await pad.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + 30);
  await page.mouse.down();
  for (let y = 30; y <= box.height - 30; y += 10) await page.mouse.move(box.x + box.width / 2, box.y + y);
  await page.mouse.up();
  await page.getByTestId('drawn-prediction').waitFor({ timeout: 10000 });
  await screenshot(page, 'mnist-views-1280x720');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the time series draws its predictions over the truth and reports the test error', async () => {
  const { page, errors, context } = await openPage(browser, `${server.url}?lesson=series`);
  await ready(page);
  await untilPaused(page);
  await page.getByTestId('play').click();
  await page.waitForFunction(() => {
    const m = document.querySelector('[data-testid=status]')?.textContent.match(/update (\d+)/);
    return m && +m[1] >= 2000;
  }, null, { timeout: 60000 });
  await page.getByTestId('pause').click();
  // The view is refreshed a few times a second while training and once more after the pause.
  const beats = () => {
    const t = document.querySelector('[data-testid=baseline-errors]')?.textContent ?? '';
    const m = t.match(/model ([\d.e-]+) · persistence \(last seen\) ([\d.e-]+) · training mean ([\d.e-]+)/);
    return m && Number(m[1]) < Number(m[3]) / 2;
  };
  const ok = await page.waitForFunction(beats, null, { timeout: 5000 }).then(() => true, () => false);
  const text = await page.getByTestId('baseline-errors').textContent();
  assert.ok(ok, `the model beats predicting the mean: ${text}`);
  await screenshot(page, 'series-1280x720');
  assert.deepEqual(errors, []);
  await context.close();
});

/** An IDX file: big-endian magic, dimensions, then bytes. */
function idx(magic, dims, bytes) {
  const head = Buffer.alloc(4 + 4 * dims.length);
  head.writeUInt32BE(magic, 0);
  dims.forEach((d, i) => head.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([head, Buffer.from(bytes)]);
}

function digits(n) {
  const images = new Uint8Array(n * 784);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = i % 10;
    // A bar whose column depends on the label, so the data is learnable and every class appears.
    for (let r = 4; r < 24; r++) images[i * 784 + r * 28 + 4 + 2 * labels[i]] = 255;
  }
  return { images, labels };
}

test('MNIST files loaded from disk replace the digits; a file that is not IDX is refused', async () => {
  const { page, errors, context } = await openPage(browser, `${server.url}?lesson=mnist&preset=mnist-fast-gru`);
  await ready(page);
  await page.getByTestId('digit-label').waitFor({ timeout: 30000 });
  await page.locator('.mnist-files summary').click();
  const train = digits(200);
  const test10 = digits(30);
  const files = [
    { name: 'train-images-idx3-ubyte', mimeType: 'application/octet-stream', buffer: idx(0x803, [200, 28, 28], train.images) },
    { name: 'train-labels-idx1-ubyte', mimeType: 'application/octet-stream', buffer: idx(0x801, [200], train.labels) },
    { name: 't10k-images-idx3-ubyte', mimeType: 'application/octet-stream', buffer: idx(0x803, [30, 28, 28], test10.images) },
    { name: 't10k-labels-idx1-ubyte', mimeType: 'application/octet-stream', buffer: idx(0x801, [29], test10.labels.slice(0, 29)) },
  ];
  await page.getByTestId('mnist-files').setInputFiles(files);
  const refused = page.getByTestId('notice').filter({ hasText: 'refused' });
  await refused.waitFor({ timeout: 20000 });
  assert.match(await refused.textContent(), /30.*29|29.*30/, 'the mismatched counts are named');
  files[3] = { ...files[3], buffer: idx(0x801, [30], test10.labels) };
  await page.getByTestId('mnist-files').setInputFiles(files);
  await page.getByTestId('notice').filter({ hasText: 'Loaded 200 training and 30 test digits' }).waitFor({ timeout: 20000 });
  // The code panel's data code now cuts torchvision's MNIST to the digits the model trains on.
  await page.getByTestId('code-panel').scrollIntoViewIfNeeded();
  await page.waitForFunction(
    () => /mnist_test\.data\[:30\]/.test(document.querySelector('[data-testid=code-text]')?.textContent ?? ''),
    null,
    { timeout: 20000 },
  );
  assert.match(await page.getByTestId('code-text').textContent(), /the files loaded from disk/);
  await page.getByTestId('step').click();
  await page.waitForFunction(() => /update 1 /.test(document.querySelector('[data-testid=status]').textContent));
  assert.deepEqual(errors, []);
  await context.close();
});

test('pasted numbers with a typo are refused with the line; good numbers become the series', async () => {
  const { page, errors, context } = await openPage(browser, `${server.url}?lesson=series`);
  await ready(page);
  await page.locator('.series-input summary').click();
  await page.getByTestId('series-text').fill('1.0\n2.0\nthree\n4.0');
  await page.getByTestId('use-numbers').click();
  assert.match(await page.getByTestId('series-error').textContent(), /line 3/);
  const values = Array.from({ length: 60 }, (_, i) => (Math.sin(i / 4) * 10 + 20).toFixed(3));
  await page.getByTestId('series-text').fill(`price\n${values.join('\n')}`);
  await page.getByTestId('use-numbers').click();
  await page.getByTestId('step').click();
  await page.waitForFunction(() => /update 1 /.test(document.querySelector('[data-testid=status]').textContent), null, { timeout: 20000 });
  await page.getByTestId('series-errors').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
