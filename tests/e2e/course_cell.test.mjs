// The course's hand-written cell (tutorial 01: i2h and i2o on cat(x_t, h_{t-1})) in the char
// lesson: picked in the controls, trained, and every view drawing it as that model (one map h,
// outputs from the previous box, i2h/i2o in the diagram and the arithmetic, the loop's tensors,
// tutorial 01's class in the code panel); its preset in Korean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, ready, screenshot, servedApp, server, browser } from './harness.mjs';

servedApp();

test('the course cell is picked in the char lesson, trains, and every view draws it', async () => {
  const { context, page, errors } = await openPage(browser, `${server.url}?lesson=char`, { width: 1440, height: 900 });
  await ready(page);
  const select = page.getByTestId('cell-select');
  const label = await select.locator('option[value=course]').textContent();
  assert.equal(label.trim(), "The course's cell (i2h, i2o)");
  await select.selectOption('course');
  assert.ok(await page.getByTestId('course-cell-note').isVisible(), 'what the course cell fixes is said');
  assert.equal(await page.getByTestId('layers').count(), 0, 'no layers field for it');
  await page.getByTestId('rebuild').click();
  // The inside views: one map, h; no gates.
  await page.waitForFunction(() => {
    const maps = [...document.querySelectorAll('[data-testid=gate-heatmap] .heatmap')].map((e) => e.dataset.map);
    return JSON.stringify(maps) === '["h"]';
  }, null, { timeout: 30000 });
  // The summary counts i2h and i2o: (35 + 35) * 35 + 35, twice.
  await page.waitForFunction(() => document.querySelector('[data-testid=model-summary]')?.textContent.includes('4,970'), null, { timeout: 20000 });

  await page.getByTestId('play').click();
  await page.getByTestId('run-done').waitFor({ timeout: 60000 });
  await page.getByTestId('timestep-slider').waitFor({ timeout: 20000 });
  const steps = Number(await page.getByTestId('timestep-slider').getAttribute('max')) + 1;
  assert.ok(steps > 10, `${steps} steps traced`);

  // BPTT graph: every ŷ_t drawn from the box before it, said in a note; ∂L/∂h_t arrows as ever.
  const graph = page.getByTestId('bptt-graph');
  await graph.scrollIntoViewIfNeeded();
  assert.ok(await page.getByTestId('bptt-course-note').isVisible());
  // Its chips name i2h.weight's column blocks (35 inputs), not a weight_ih it does not have.
  assert.equal((await page.getByTestId('weight-W_ih').textContent()).trim(), 'W_xh · i2h.weight[:, :35]');
  assert.equal((await page.getByTestId('weight-W_hh').textContent()).trim(), 'W_hh · i2h.weight[:, 35:]');
  assert.equal(await page.locator('[data-testid=bptt-course-out]').count(), steps);
  const norms = await page.$$eval('[data-testid=bptt-back]', (els) => els.map((e) => Number(e.dataset.norm)));
  assert.equal(norms.length, steps - 1);
  assert.ok(norms.every((v) => Number.isFinite(v) && v >= 0));
  // The cell diagram and the arithmetic: i2h / i2o, the output from h_{t-1}, the same h_t.
  await page.getByTestId('timestep-next').click();
  assert.match(await page.getByTestId('diag-course-note').textContent(), /y_t = i2o\(cat\(x_t, h_\{t−1\}\)\)/);
  assert.match(await page.getByTestId('unit-arithmetic').textContent(), /tanh\(i2h\(cat\(x, h_\{t−1\}\)\)\) = tanh\(W_x·x \+ W_h·h_\{t−1\} \+ b\)/);
  assert.ok(await page.getByTestId('arith-course-output').isVisible());
  const h = await page.getByTestId('arith-h').getAttribute('data-value');
  assert.ok(Number.isFinite(Number(h)));
  assert.equal(await page.getByTestId('diag-h').getAttribute('data-value'), h);
  // Nothing of the LSTM's or GRU's is claimed for it, nor PyTorch's two biases.
  const inside = await page.getByTestId('inside-network').textContent();
  for (const claim of ['forget gate', 'cell state', 'update gate', 'reset gate', 'b_hh', 'c_t']) {
    assert.ok(!inside.includes(claim), `the inside views say "${claim}"`);
  }
  await page.getByTestId('inside-network').screenshot({ path: 'target/e2e/course-cell-inside.png' });

  // Shapes: tutorial 01's call and loop tensors; Keras's return_sequences said not to apply.
  const call = await page.getByTestId('module-call').textContent();
  assert.equal(call.trim(), 'rnn = RNN(input_size=35, hidden_size=35, output_size=35)');
  assert.ok(await page.getByTestId('return-sequences-course').isVisible());
  assert.equal(await page.getByTestId('return-sequences').count(), 0);
  // The code panel: the course's class, its loop, its test feeding the raw output back.
  const code = await page.getByTestId('code-text').textContent();
  for (const line of [
    'self.i2h = nn.Linear(input_size + hidden_size, hidden_size)',
    'combined = torch.cat((input, hidden), 1)',
    'output = self.i2o(combined)',
    'rnn = RNN(35, 35, 35)',
    'input_ = output',
  ]) {
    assert.ok(code.includes(line), `the code has ${line}`);
  }
  assert.ok(!code.includes('nn.RNN('));
  assert.equal(await page.getByTestId('code-tab-cell-loop').count(), 0, 'no layer-vs-loop tab: it is a loop');
  // The summary maps the app's names to i2h / i2o and shows no Keras count (one bias, no layer).
  assert.ok(await page.getByTestId('course-cell-params').isVisible());
  assert.equal(await page.getByTestId('keras-counts').count(), 0);
  // Generation from the start token, the raw output fed back.
  assert.ok((await page.getByTestId('generated').textContent()).trim().length > 0);
  await screenshot(page, 'course-cell-en');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the course cell preset opens with tutorial 01 settings, in Korean', async () => {
  const { context, page, errors } = await openPage(browser, `${server.url}?lesson=char&preset=char-course-cell&lang=ko`, { width: 1280, height: 900 });
  await ready(page);
  assert.equal(await page.getByTestId('cell-select').inputValue(), 'course');
  const label = await page.getByTestId('cell-select').locator('option[value=course]').textContent();
  assert.equal(label.trim(), '강의의 셀 (i2h, i2o)');
  assert.match(await page.getByTestId('preset-description').textContent(), /튜토리얼 01의 클래스 그대로/);
  assert.match(await page.getByTestId('course-cell-note').textContent(), /층 하나, 한 방향, 원-핫 입력/);
  await page.getByTestId('bptt-course-note').waitFor({ state: 'attached', timeout: 30000 });
  assert.match(await page.getByTestId('bptt-course-note').textContent(), /^강의의 셀:/);
  await screenshot(page, 'course-cell-ko');
  assert.deepEqual(errors, []);
  await context.close();
});
