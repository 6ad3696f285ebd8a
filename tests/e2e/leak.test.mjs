// No silent leak of the answer: the char lesson refuses a bidirectional network (its backward
// direction reads the character it must predict). A link asking for one opens the
// one-directional model with a notice; the control is disabled with the reason shown; a
// bidirectional char model file is refused and the open model stays. Other lessons keep the box.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { ready, screenshot, servedApp, server, browser } from './harness.mjs';

servedApp();

async function open(url, lang = 'en-US') {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: lang });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(url);
  await ready(page);
  return { context, page, errors };
}

const REASON = /already seen the character it must predict/;
const REASON_KO = /양방향 신경망은 시퀀스를 거꾸로도 읽으므로/;

test('a link to a bidirectional char model opens it one-directional with a notice; the box is disabled with the reason', async () => {
  const { context, page, errors } = await open(`${server.url}?lesson=char&preset=char-fast-lstm&bidir=1`);
  const notice = page.getByTestId('notice').filter({ hasText: 'does not read the answer' });
  await notice.waitFor({ timeout: 10000 });
  assert.match(await notice.textContent(), REASON);
  const box = page.getByTestId('bidirectional');
  assert.equal(await box.isChecked(), false);
  assert.equal(await box.isDisabled(), true);
  const reason = page.getByTestId('bidirectional-refused');
  assert.ok(await reason.isVisible(), 'the reason is on the page, not only in a tooltip');
  assert.match(await reason.textContent(), REASON);
  // The model the worker opened is one-directional: no reverse weights in the summary.
  assert.equal(await page.getByTestId('model-summary').filter({ hasText: '_reverse' }).count(), 0);
  // The address no longer asks for it.
  await page.waitForFunction(() => !/bidir=1/.test(location.search));
  await screenshot(page, 'leak-char-link');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the control cannot switch it on, and a forced change is refused by the worker, keeping the model', async () => {
  const { context, page, errors } = await open(`${server.url}?lesson=char&preset=char-fast-lstm`);
  const box = page.getByTestId('bidirectional');
  assert.equal(await box.isDisabled(), true);
  await page.getByTestId('step').click();
  await page.waitForFunction(() => /update 1 /.test(document.querySelector('[data-testid=status]').textContent));
  const before = await page.getByTestId('param-total').textContent();
  // Past the disabled box (a page script, an old build): the core refuses it all the same.
  await box.evaluate((el) => {
    el.disabled = false;
    el.checked = true;
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });
  const bar = page.getByTestId('rebuild-bar');
  await bar.waitFor({ timeout: 5000 });
  await page.getByTestId('rebuild').click();
  const refused = page.getByTestId('notice').filter({ hasText: 'refused' });
  await refused.waitFor({ timeout: 10000 });
  assert.match(await refused.textContent(), REASON);
  await page.waitForFunction(() => /update 1 /.test(document.querySelector('[data-testid=status]').textContent));
  assert.equal(await page.getByTestId('param-total').textContent(), before, 'the open model stays');
  assert.equal(await page.getByTestId('rebuild-bar').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an exported char model made bidirectional is refused on import; the open model stays; other lessons keep the box', async () => {
  const { context, page, errors } = await open(`${server.url}?lesson=char&preset=char-fast-lstm`);
  await page.getByTestId('step').click();
  await page.waitForFunction(() => /update 1 /.test(document.querySelector('[data-testid=status]').textContent));
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
  assert.match(download.suggestedFilename(), /^rnn_playground_char_lstm_h\d+\.json$/);
  const file = JSON.parse(await readFile(await download.path(), 'utf8'));
  // The same weights read both ways: reverse copies and a head over both directions.
  file.config.bidirectional = true;
  for (const [k, v] of Object.entries(file.state_dict)) {
    if (k.startsWith('rnn.')) file.state_dict[`${k}_reverse`] = v;
  }
  file.state_dict['fc.weight'] = file.state_dict['fc.weight'].map((row) => [...row, ...row]);
  const before = await page.getByTestId('param-total').textContent();
  await page.getByTestId('import').setInputFiles({ name: 'bi.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  const refused = page.getByTestId('notice').filter({ hasText: 'Model file refused' });
  await refused.waitFor({ timeout: 10000 });
  assert.match(await refused.textContent(), REASON);
  assert.equal(await page.getByTestId('param-total').textContent(), before);
  assert.match(await page.getByTestId('status').textContent(), /update 1 /);

  // In Korean, the reason is Korean.
  await page.getByTestId('language-select').selectOption('ko');
  await page.getByTestId('bidirectional-refused').filter({ hasText: REASON_KO }).waitFor();

  // Reading a digit backwards reads no answer: the box works in the MNIST lesson.
  await page.goto(`${server.url}?lesson=mnist&lang=en`);
  await ready(page);
  assert.equal(await page.getByTestId('bidirectional').isDisabled(), false);
  assert.equal(await page.getByTestId('bidirectional-refused').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the series lesson says on the page what keeps the answer out of its inputs', async () => {
  const { context, page, errors } = await open(`${server.url}?lesson=series&preset=series-fast-lstm`);
  await page.getByTestId('series-source').selectOption('sunspots');
  const said = page.getByTestId('series-no-leak');
  await said.waitFor({ state: 'visible', timeout: 20000 });
  const text = await said.textContent();
  for (const part of ['rows t−k … t−1 only', 'never overlap', 'MinMax scaling is fitted on the training rows only']) {
    assert.ok(text.includes(part), part);
  }
  assert.deepEqual(errors, []);
  await context.close();
});
