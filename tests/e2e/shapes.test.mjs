// The model's shapes: Keras's return_sequences on the model on screen shows the layer's output
// shape and which outputs the loss reads; the other choice is said to be another model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, ready, screenshot, servedApp, server, browser } from './harness.mjs';

servedApp();

async function open(url) {
  const opened = await openPage(browser, url, { width: 1280, height: 900 });
  await ready(opened.page);
  return opened;
}

test('return_sequences shows every step for the char model and the last step for MNIST rows', async () => {
  const { context, page, errors } = await open(`${server.url}?lesson=char&preset=char-course-lstm`);
  const box = page.getByTestId('return-sequences');
  await box.scrollIntoViewIfNeeded();
  assert.equal(await box.getAttribute('data-own'), 'true');
  assert.ok(await page.getByTestId('return-sequences-true').isChecked());
  assert.match(await page.getByTestId('return-sequences-shape').textContent(), /out \[1, \d+, 35\]/);
  assert.match(await page.getByTestId('loss-reads').textContent(), /^The loss reads every step's output/);
  assert.equal(await box.locator('.loss-read').count(), 4, 'four outputs drawn, one per step');
  // The other choice: only the last step, said to be another model.
  await page.getByTestId('return-sequences-false').check();
  assert.match(await page.getByTestId('return-sequences-shape').textContent(), /out\[:, -1, :\] \[1, 35\]/);
  assert.match(await page.getByTestId('loss-reads').textContent(), /^Not this model/);
  assert.equal(await box.locator('.loss-read').count(), 1);
  await screenshot(page, 'return-sequences-char-false');

  await page.goto(`${server.url}?lesson=mnist`);
  await ready(page);
  await box.scrollIntoViewIfNeeded();
  const own = await box.getAttribute('data-own');
  const shape = await page.getByTestId('return-sequences-shape').textContent();
  if (own === 'false') {
    assert.match(shape, /out\[:, -1, :\] \[\d+, \d+\]/);
    assert.match(await page.getByTestId('loss-reads').textContent(), /^The loss reads one output: y = fc\(out\[:, -1, :\]\)/);
  } else {
    assert.match(shape, /out \[\d+, 28, \d+\]/);
    assert.match(await page.getByTestId('loss-reads').textContent(), /^The loss reads one output computed from every step/);
  }
  assert.deepEqual(errors, []);
  await context.close();
});
