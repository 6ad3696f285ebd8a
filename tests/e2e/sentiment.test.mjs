// The review-sentiment lesson: the NSMC reviews download, a review is read token by token,
// training raises the validation accuracy until early stopping restores the best epoch, a typed
// review shows P(positive) after each token, a bad review file is refused, and the course's
// models are summarised as Keras's model.summary() prints them beside PyTorch's count.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, screenshot, ready, servedApp, server, browser } from './harness.mjs';

servedApp();

const percent = (text) => Number(text.match(/(\d+(?:\.\d+)?)%/)?.[1] ?? NaN);

test('the fast preset reads reviews, trains until early stopping and restores the best epoch', async () => {
  const { page, errors, context } = await openPage(browser, `${server.url}?lesson=sentiment&preset=sentiment-fast-lstm`);
  await ready(page);
  assert.equal(await page.getByTestId('lesson-select').inputValue(), 'sentiment');
  // A test review, token by token, before any training.
  const strip = page.getByTestId('token-probs').first();
  await strip.waitFor({ timeout: 30000 });
  assert.ok(await strip.locator('.tok').count() > 3);
  // The vocabulary: 500 syllable ids cover about 95% of the training text.
  const vocabulary = await page.getByTestId('vocabulary').textContent();
  assert.match(vocabulary, /9[45]\.\d%/);
  assert.match(vocabulary, /100 × 500 = 50,000 · embedding 100 × 16 = 1,600/);
  const started = Date.now();
  await page.getByTestId('play').click();
  // Validation accuracy appears after the first epoch and rises; early stopping ends the run.
  await page.waitForFunction(() => document.querySelector('[data-testid=val-accuracy]').dataset.value !== '', null, { timeout: 60000 });
  const first = Number(await page.getByTestId('val-accuracy').getAttribute('data-value'));
  // The run ends by itself and says how: early stopping, with the epoch it kept.
  const stopped = page.getByTestId('run-done').filter({ hasText: 'early stopping ended the run' });
  await stopped.waitFor({ timeout: 120000 });
  assert.equal(await page.getByTestId('status').getAttribute('data-done'), 'true');
  const seconds = (Date.now() - started) / 1000;
  const last = Number(await page.getByTestId('val-accuracy').getAttribute('data-value'));
  const test = percent(await page.getByTestId('test-accuracy').textContent());
  const epochs = Number((await page.getByTestId('status').textContent()).match(/epoch (\d+)/)[1]);
  console.log(`sentiment in the page: validation ${(first * 100).toFixed(1)}% after epoch 1, ${(last * 100).toFixed(1)}% after epoch ${epochs}; test ${test}% with the best epoch restored; ${seconds.toFixed(1)} s`);
  assert.ok(first > 0.6, `validation accuracy after one epoch: ${first}`);
  assert.ok(last > first, `validation accuracy rose: ${first} → ${last}`);
  assert.ok(test >= 74, `test accuracy ${test}%`);
  assert.match(await page.getByTestId('status').textContent(), /epoch \d+/);
  await screenshot(page, 'sentiment-trained-en');

  // A typed review: P(positive) after each syllable, and the inside views follow it.
  await page.getByTestId('review-input').fill('연기도 좋고 스토리도 정말 재밌었어요');
  await page.getByTestId('review-read').click();
  const typed = page.getByTestId('token-probs').nth(1);
  await typed.waitFor();
  const tokens = typed.locator('.tok[data-p]');
  assert.equal(await tokens.count(), 16);
  const probs = await tokens.evaluateAll((els) => els.map((e) => Number(e.dataset.p)));
  assert.ok(probs.every((p) => p >= 0 && p <= 1));
  assert.match(await page.getByTestId('typed-verdict').textContent(), /positive|negative/);
  await page.waitForFunction(() => document.querySelector('[data-testid=timestep-readout]')?.textContent.includes('/ 99'));

  // Korean.
  await page.getByTestId('language-select').selectOption('ko');
  await page.getByTestId('review-read').click();
  await screenshot(page, 'sentiment-trained-ko');
  assert.match(await page.getByTestId('typed-verdict').textContent(), /긍정|부정/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('review files with a bad label are refused with the line and change nothing', async () => {
  const { page, errors, context } = await openPage(browser, `${server.url}?lesson=sentiment&preset=sentiment-fast-lstm`);
  await ready(page);
  const total = await page.getByTestId('param-total').textContent();
  await page.locator('.data-files summary').click();
  const train = 'id\tdocument\tlabel\n1\t재밌다\t1\n2\t별로다\t5\n';
  const test = 'id\tdocument\tlabel\n3\t최고\t1\n';
  await page.getByTestId('review-files').setInputFiles([
    { name: 'ratings_train.txt', mimeType: 'text/plain', buffer: Buffer.from(train) },
    { name: 'ratings_test.txt', mimeType: 'text/plain', buffer: Buffer.from(test) },
  ]);
  const refused = page.getByTestId('notice').filter({ hasText: 'refused' });
  await refused.waitFor({ timeout: 20000 });
  assert.match(await refused.textContent(), /ratings_train\.txt, line 3: the label `5` is not 0\/1/);
  assert.equal(await page.getByTestId('param-total').textContent(), total);
  await page.getByTestId('step').click();
  await page.waitForFunction(() => /update 1 /.test(document.querySelector('[data-testid=status]').textContent));
  assert.deepEqual(errors, []);
  await context.close();
});

test('the learned embedding maps the frequent syllables and lists the nearest ones; one-hot says why it has none', async () => {
  const { page, errors, context } = await openPage(browser, `${server.url}?lesson=sentiment&preset=sentiment-fast-lstm&lang=ko`);
  await ready(page);
  const map = page.getByTestId('embedding-map');
  await map.waitFor({ timeout: 30000 });
  assert.equal(await map.getAttribute('data-learned'), 'true');
  assert.equal(await map.locator('svg text').count(), 60);
  assert.match(await page.getByTestId('embedding-svg').getAttribute('aria-label'), /토큰 60개의 지도: 가로축이 분산의 \d+%/);
  // A few updates, then another token: its own nearest list, numbers from the live weights.
  await page.getByTestId('play').click();
  await page.waitForFunction(() => +document.querySelector('[data-testid=status]')?.dataset.update >= 10, null, { timeout: 30000 });
  await page.getByTestId('pause').click();
  const options = page.getByTestId('embedding-token').locator('option');
  const fifth = await options.nth(4).getAttribute('value');
  const label = (await options.nth(4).textContent()).split(' (')[0];
  await page.getByTestId('embedding-token').selectOption(fifth);
  await page.waitForFunction((l) => document.querySelector('.emb-near-title')?.textContent.includes(`«${l}»`), label);
  const near = await page.getByTestId('embedding-nearest').locator('li').allTextContents();
  assert.equal(near.length, 8);
  const sims = near.map((t) => Number(t.split(' ').pop()));
  assert.ok(sims.every((c, i) => c <= 1 && c >= -1 && (i === 0 || c <= sims[i - 1])), near.join(' | '));
  assert.equal(await map.locator('svg text.chosen').textContent(), label);
  await map.scrollIntoViewIfNeeded();
  await screenshot(page, 'sentiment-embedding-ko');
  // One-hot input: nothing is learned, and the card says why.
  await page.goto(`${server.url}?lesson=sentiment&preset=sentiment-course-onehot-rnn&lang=en`);
  await ready(page);
  await page.waitForFunction(() => document.querySelector('[data-testid=embedding-map]')?.dataset.learned === 'false', null, { timeout: 30000 });
  assert.match(await map.textContent(), /equally far apart \(distance √2, cosine similarity 0\).*“Input encoding”/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the course models as Keras summarises them: 5,009 and 8,633, beside PyTorch', async () => {
  for (const [preset, rows, keras, pytorch] of [
    ['sentiment-course-embedding-rnn', [['embedding (Embedding)', '(None, 100, 16)', '4,800'], ['simple_rnn (SimpleRNN)', '(None, 8)', '200'], ['dense (Dense)', '(None, 1)', '9']], 5009, 5017],
    ['sentiment-course-gru', [['embedding (Embedding)', '(None, 100, 16)', '8,000'], ['gru (GRU)', '(None, 8)', '624'], ['dense (Dense)', '(None, 1)', '9']], 8633, 8633],
  ]) {
    const { page, errors, context } = await openPage(browser, `${server.url}?lesson=sentiment&preset=${preset}`);
    await ready(page);
    const summary = page.getByTestId('keras-summary');
    await summary.waitFor({ timeout: 60000 });
    await page.waitForFunction((k) => document.querySelector('[data-testid=keras-total]')?.dataset.value === String(k), keras, { timeout: 60000 });
    const cells = await summary.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())));
    assert.deepEqual(cells, rows, preset);
    assert.equal(await page.getByTestId('keras-pytorch-total').getAttribute('data-value'), String(pytorch));
    await summary.scrollIntoViewIfNeeded();
    if (preset === 'sentiment-course-embedding-rnn') {
      await screenshot(page, 'sentiment-keras-summary-en');
      await page.getByTestId('language-select').selectOption('ko');
      await page.waitForFunction(() => /케라스/.test(document.querySelector('[data-testid=keras-summary]')?.textContent ?? ''));
      await screenshot(page, 'sentiment-keras-summary-ko');
    }
    assert.deepEqual(errors, []);
    await context.close();
  }
});
