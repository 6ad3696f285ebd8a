// Inside the network: the stepper, gate heatmaps, BPTT graph and cell arithmetic, in the page,
// fed by the worker's inspection traces, for RNN, LSTM and GRU; stepping; live training;
// the MNIST lesson; a phone-sized screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openPage, screenshot, SHOTS, ready, untilPaused, servedApp, server, browser } from './harness.mjs';

servedApp();

async function readyInside(page) {
  await ready(page);
  await page.getByTestId('timestep-slider').waitFor({ timeout: 20000 });
}

const MAPS = {
  rnn: ['h'],
  lstm: ['input_gate', 'forget_gate', 'cell_candidate', 'output_gate', 'c', 'h'],
  gru: ['reset_gate', 'update_gate', 'new_gate', 'h'],
};

async function mapIds(page) {
  return page.$$eval('[data-testid=gate-heatmap] .heatmap', (els) => els.map((e) => e.dataset.map));
}

async function useCell(page, cell) {
  const current = await page.getByTestId('cell-select').inputValue();
  if (current !== cell) {
    await page.getByTestId('cell-select').selectOption(cell);
    await page.getByTestId('rebuild').click();
  }
  await page.waitForFunction(
    (want) => {
      const got = [...document.querySelectorAll('[data-testid=gate-heatmap] .heatmap')].map((e) => e.dataset.map);
      return JSON.stringify(got) === JSON.stringify(want);
    },
    MAPS[cell],
    { timeout: 20000 },
  );
}

/** The selected timestep as each view shows it. */
async function shownSteps(page) {
  return page.evaluate(() => {
    const get = (sel) => document.querySelector(sel)?.dataset.t;
    return {
      readout: get('[data-testid=timestep-readout]'),
      heat: [...document.querySelectorAll('[data-testid=heat-highlight]')].map((e) => e.dataset.t),
      graph: get('[data-testid=bptt-current]'),
      diagram: get('[data-testid=cell-diagram]'),
      arithmetic: get('[data-testid=unit-arithmetic]'),
      slider: document.querySelector('[data-testid=timestep-slider]').value,
    };
  });
}

function assertAllAt(s, t) {
  const want = String(t);
  assert.equal(s.readout, want, JSON.stringify(s));
  assert.ok(s.heat.length > 0 && s.heat.every((x) => x === want), JSON.stringify(s));
  assert.equal(s.graph, want);
  assert.equal(s.diagram, want);
  assert.equal(s.arithmetic, want);
  assert.equal(s.slider, want);
}

test('every view renders for the character lesson with RNN, LSTM and GRU', async () => {
  const { page, errors, context } = await openPage(browser, server.url, { width: 1440, height: 900 });
  await readyInside(page);
  for (const cell of ['rnn', 'lstm', 'gru']) {
    await useCell(page, cell);
    for (const id of ['timestep-slider', 'timestep-prev', 'timestep-next', 'gate-heatmap', 'bptt-graph', 'cell-diagram', 'unit-arithmetic']) {
      assert.ok(await page.getByTestId(id).first().isVisible(), `${cell}: ${id} is visible`);
    }
    assert.deepEqual(await mapIds(page), MAPS[cell]);
    const steps = Number(await page.getByTestId('timestep-slider').getAttribute('max')) + 1;
    assert.ok(steps > 10, `the whole text is traced (${steps} steps)`);
    // One backward arrow between neighbouring timesteps, each with a finite norm.
    const norms = await page.$$eval('[data-testid=bptt-back]', (els) => els.map((e) => Number(e.dataset.norm)));
    assert.equal(norms.length, steps - 1, `${cell}: one layer, one direction`);
    assert.ok(norms.every((v) => Number.isFinite(v) && v >= 0), `${cell}: norms ${norms.slice(0, 5)}`);
    // The arithmetic shows numbers, and the cell diagram the same h_t.
    const h = await page.getByTestId('arith-h').getAttribute('data-value');
    assert.ok(Number.isFinite(Number(h)), `${cell}: h = ${h}`);
    assert.equal(await page.getByTestId('diag-h').getAttribute('data-value'), h);
    await page.getByTestId('timestep-next').click();
    await page.getByTestId('timestep-next').click();
    await page.getByTestId('inside-network').screenshot({ path: join(SHOTS, `inside-char-${cell}.png`) });
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('stepping moves the highlight in every view (buttons, keys, slider, tap)', async () => {
  const { page, errors, context } = await openPage(browser, server.url);
  await readyInside(page);
  assertAllAt(await shownSteps(page), 0);
  await page.getByTestId('timestep-next').click();
  assertAllAt(await shownSteps(page), 1);
  await page.getByTestId('timestep-next').click();
  assertAllAt(await shownSteps(page), 2);
  await page.getByTestId('timestep-prev').click();
  assertAllAt(await shownSteps(page), 1);
  // ← and → anywhere but in a field.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assertAllAt(await shownSteps(page), 3);
  await page.keyboard.press('ArrowLeft');
  assertAllAt(await shownSteps(page), 2);
  // Typing in a field does not step.
  await page.getByTestId('inside-unit').focus();
  await page.keyboard.press('ArrowRight');
  assertAllAt(await shownSteps(page), 2);
  await page.getByTestId('inside-unit').blur();
  await page.getByTestId('timestep-slider').fill('7');
  assertAllAt(await shownSteps(page), 7);
  // The heatmap highlight sits over column 7.
  const col = await page.locator('[data-testid=heat-highlight]').first().evaluate((e) => ({
    left: parseFloat(e.style.left),
    width: parseFloat(e.style.width),
  }));
  assert.equal(col.left, 7 * col.width);
  // A tap on a heatmap cell picks that timestep and unit.
  const h = page.locator('.heatmap[data-map=h] canvas');
  await h.click({ position: { x: col.width * 4.5, y: 1 } });
  assertAllAt(await shownSteps(page), 4);
  assert.equal(await page.getByTestId('heat-readout').getAttribute('data-t'), '4');
  assert.equal(
    await page.getByTestId('heat-readout').getAttribute('data-unit'),
    await page.getByTestId('unit-arithmetic').getAttribute('data-unit'),
    'the tapped unit is the one computed',
  );
  assert.equal(
    await page.getByTestId('heat-readout').getAttribute('data-v'),
    await page.getByTestId('arith-h').getAttribute('data-value'),
    'the heatmap and the arithmetic show the same h_t',
  );
  // Play through walks forward on its own.
  await page.getByTestId('timestep-play').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=timestep-readout]').dataset.t) >= 6, null, { timeout: 5000 });
  await page.getByTestId('timestep-play').click();
  // Play backward runs to the end and leaves every arrow shown.
  await page.getByTestId('play-backward').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=bptt-back].pending').length > 0, null, { timeout: 3000 });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=bptt-back].pending').length === 0, null, { timeout: 10000 });
  // Hovering W_hh shows one contribution bar per timestep.
  await page.getByTestId('weight-W_hh').hover();
  const steps = Number(await page.getByTestId('timestep-slider').getAttribute('max')) + 1;
  assert.equal(await page.locator('[data-testid=bptt-contrib]').count(), steps);
  // A click pins it, so it stays when the pointer leaves (and on touch screens).
  await page.getByTestId('weight-W_hh').click();
  await page.mouse.move(2, 2);
  assert.equal(await page.getByTestId('weight-W_hh').getAttribute('aria-pressed'), 'true');
  assert.equal(await page.locator('[data-testid=bptt-contrib]').count(), steps);
  await page.getByTestId('inside-network').screenshot({ path: join(SHOTS, 'inside-char-hover-whh.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('values stay in sync while training and keep changing', async () => {
  const { page, errors, context } = await openPage(browser, server.url);
  await readyInside(page);
  const h = page.locator('.heatmap[data-map=h] canvas');
  const w = await page.locator('.heatmap[data-map=h] [data-testid=heat-highlight]').evaluate((e) => parseFloat(e.style.width));
  await untilPaused(page);
  await page.getByTestId('play').click();
  // A tap picks timestep 5 and a unit; the pointer then stays over that cell.
  await h.click({ position: { x: w * 5.5, y: 1 } });
  const seen = [];
  for (let i = 0; i < 6; i++) {
    await page.waitForTimeout(400);
    // One synchronous read: every view shows the same trace.
    const s = await page.evaluate(() => ({
      heat: document.querySelector('[data-testid=heat-readout]').dataset.v,
      arith: document.querySelector('[data-testid=arith-h]').dataset.value,
      diag: document.querySelector('[data-testid=diag-h]').dataset.value,
      t: document.querySelector('[data-testid=unit-arithmetic]').dataset.t,
    }));
    assert.equal(s.t, '5');
    assert.equal(s.heat, s.arith, JSON.stringify(s));
    assert.equal(s.diag, s.arith, JSON.stringify(s));
    seen.push(s.arith);
  }
  await page.keyboard.press('Space');
  await page.getByTestId('play').waitFor();
  assert.ok(new Set(seen).size > 1, `the traces follow training: ${seen}`);
  await screenshot(page, 'inside-char-training-1280x720');
  assert.deepEqual(errors, []);
  await context.close();
});

test('off screen, the inside views rest while training and catch up when scrolled to', async () => {
  const { page, errors, context } = await openPage(browser, server.url, { width: 1280, height: 600 });
  await readyInside(page);
  const norms = () => page.$$eval('[data-testid=bptt-back]', (els) => els.map((e) => e.dataset.norm).join(','));
  await page.evaluate(() => window.scrollTo(0, 0));
  const top = await page.getByTestId('inside-network').evaluate((e) => e.getBoundingClientRect().top);
  assert.ok(top > 600 + 100, `the views start below the screen and its margin (top ${top})`);
  const before = await norms();
  await untilPaused(page);
  await page.getByTestId('play').click();
  await page.waitForFunction(
    () => Number(document.querySelector('[data-testid=status]').textContent.match(/update (\d+)/)[1]) > 300,
    null,
    { timeout: 20000 },
  );
  await page.waitForTimeout(1000); // four refreshes of the traces
  assert.equal(await norms(), before, 'no redraw while off screen');
  await page.getByTestId('pause').click();
  await page.getByTestId('play').waitFor();
  await page.getByTestId('bptt-graph').scrollIntoViewIfNeeded();
  await page.waitForFunction((b) => [...document.querySelectorAll('[data-testid=bptt-back]')].map((e) => e.dataset.norm).join(',') !== b, before, {
    timeout: 5000,
  });
  assert.deepEqual(errors, []);
  await context.close();
});

test('the MNIST lesson traces 28 rows; a phone-sized screen scrolls inside the views only', async () => {
  const { page, errors, context } = await openPage(browser, server.url, { width: 390, height: 844 });
  await readyInside(page);
  await page.getByTestId('lesson-select').selectOption('mnist');
  await page.waitForFunction(
    () => document.querySelector('[data-testid=timestep-slider]')?.getAttribute('max') === '27',
    null,
    { timeout: 60000 },
  );
  const labels = await page.$$eval('[data-testid=bptt-graph] .in-label', (els) => els.map((e) => e.textContent));
  assert.equal(labels.length, 28);
  // Rows count from 0, as timesteps do.
  assert.equal(labels[0], '0');
  assert.equal(labels[27], '27');
  await page.getByTestId('timestep-next').click();
  assertAllAt(await shownSteps(page), 1);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page does not scroll sideways (${overflow} px)`);
  await page.getByTestId('inside-network').screenshot({ path: join(SHOTS, 'inside-mnist-390.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('the series lesson follows the picked test window', async () => {
  const { page, errors, context } = await openPage(browser, server.url);
  await readyInside(page);
  await page.getByTestId('lesson-select').selectOption('series');
  // The lesson opens on the course's stock table (dates); the generated series counts steps.
  await page.getByTestId('series-source').selectOption('generated');
  // The inside views refresh once scrolled to.
  await page.getByTestId('inside-network').scrollIntoViewIfNeeded();
  const firstLabel = () => page.locator('[data-testid=bptt-graph] .in-label').first().textContent();
  await page.getByTestId('inside-example').waitFor({ timeout: 30000 });
  await page.waitForFunction(
    () => /^\d+$/.test(document.querySelector('[data-testid=bptt-graph] .in-label')?.textContent ?? ''),
    null,
    { timeout: 30000 },
  );
  const before = await firstLabel();
  const example = page.getByTestId('inside-example');
  // Typed while the model trains: the views re-render several times a second meanwhile, and
  // what the user types must survive them.
  await untilPaused(page);
  await page.getByTestId('play').click();
  await example.click();
  await example.press('Control+a');
  await page.keyboard.type('3');
  await page.waitForTimeout(1500);
  assert.equal(await example.inputValue(), '3', 'the typed example survives the renders of a training model');
  await example.press('Enter');
  await example.blur();
  await page.getByTestId('pause').click();
  // Test windows are consecutive: window 3 starts 3 steps later.
  await page.waitForFunction(
    (b) => document.querySelector('[data-testid=bptt-graph] .in-label')?.textContent === String(Number(b) + 3),
    before,
    { timeout: 10000 },
  );
  assert.equal(await page.getByTestId('timestep-readout').getAttribute('data-t'), '0');
  await page.getByTestId('inside-network').screenshot({ path: join(SHOTS, 'inside-series.png') });
  assert.deepEqual(errors, []);
  await context.close();
});
