// The lesson views: the character model memorises and generates, text with unknown characters
// gets an offer, MNIST shows digits, accuracy, the confusion matrix and classifies a drawing,
// and the time series draws its predictions.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launchBrowser, openPage, screenshot } from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await serveDist();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function ready(page) {
  await page.locator('[data-testid=worker-status][data-state=ready]').waitFor({ timeout: 20000 });
  await page.locator('[data-testid=model-summary] tbody tr').first().waitFor({ timeout: 60000 });
}

const SENTENCE = 'hello pytorch. how long can a rnn cell remember? show me your limit!';

test('the course LSTM memorises the sentence and generates it from the start token', async () => {
  const { page, errors, context } = await openPage(browser, `${server.url}?lesson=char&preset=char-course-lstm`);
  await ready(page);
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
  await page.getByTestId('epoch').click();
  await page.getByTestId('test-accuracy').waitFor({ timeout: 60000 });
  await page.waitForFunction(() => /epoch 1 /.test(document.querySelector('[data-testid=status]').textContent), null, { timeout: 60000 });
  await page.waitForFunction(() => {
    const m = document.querySelector('[data-testid=test-accuracy]')?.textContent.match(/([\d.]+)%/);
    return m && Number(m[1]) > 50;
  }, null, { timeout: 30000 });
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
  await page.getByTestId('play').click();
  await page.waitForFunction(() => {
    const m = document.querySelector('[data-testid=status]')?.textContent.match(/update (\d+)/);
    return m && +m[1] >= 2000;
  }, null, { timeout: 60000 });
  await page.getByTestId('pause').click();
  const text = await page.getByTestId('series-errors').textContent();
  const [, mse, base] = text.match(/test MSE \(scaled\) ([\d.e-]+) · predicting the mean ([\d.e-]+)/);
  assert.ok(Number(mse) < Number(base) / 2, `the model beats predicting the mean: ${text}`);
  await screenshot(page, 'series-1280x720');
  assert.deepEqual(errors, []);
  await context.close();
});
