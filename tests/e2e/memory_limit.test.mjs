// The memory-limit experiment (issue 23, "show me your limit"): under the char lesson, RNN, LSTM
// and GRU at one parameter budget recall a symbol over growing distances, trained in the worker;
// the chart draws one curve per cell and the result names each cell's limit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, ready, servedApp, server, browser } from './harness.mjs';

servedApp();

/** Opens the char lesson in `lang` with the experiment's panel in view. */
async function openPanel(lang) {
  const { page, errors, context } = await openPage(browser, `${server.url}?lesson=char&lang=${lang}`);
  await ready(page);
  const panel = page.getByTestId('memory-limit');
  await panel.scrollIntoViewIfNeeded();
  return { page, errors, context, panel };
}

/** Types `value` into a number field and commits it. */
async function set(page, testid, value) {
  const field = page.getByTestId(testid);
  await field.fill(String(value));
  await field.press('Enter');
  await field.blur();
}

/** The number of the sweep on screen (each Start is a new one), or null. */
async function sweepOnScreen(page) {
  const status = page.getByTestId('memory-limit-status');
  return (await status.count()) ? status.getAttribute('data-sweep') : null;
}

/** Starts a sweep and waits until it finished; returns its elapsed time in ms (the worker's). */
async function runSweep(page, timeout) {
  const before = await sweepOnScreen(page);
  await page.getByTestId('memory-limit-start').click();
  await page.waitForFunction(
    (b) => {
      const s = document.querySelector('[data-testid=memory-limit-status]');
      return s && s.dataset.sweep !== b && s.dataset.done === 'true';
    },
    before,
    { timeout },
  );
  return Number(await page.getByTestId('memory-limit-status').getAttribute('data-elapsed-ms'));
}

/** Per cell: the points its curve holds and the polyline's vertex count. */
async function curves(page) {
  return page.locator('.ml-curve').evaluateAll((gs) =>
    gs.map((g) => ({
      cell: g.dataset.cell,
      points: Number(g.dataset.points),
      vertices: g.querySelector('polyline').getAttribute('points').trim().split(/\s+/).filter(Boolean).length,
      marks: g.querySelectorAll('circle, polygon, rect').length,
      dash: g.querySelector('polyline').getAttribute('stroke-dasharray') ?? '',
    })),
  );
}

test('a small sweep draws three curves and names each cell’s limit', async () => {
  const { page, errors, context } = await openPanel('en');
  await set(page, 'memory-limit-max-distance', 4);
  await set(page, 'memory-limit-updates', 300);
  const ms = await runSweep(page, 60000);
  console.log(`small sweep (d ≤ 4, ≤ 300 updates): ${(ms / 1000).toFixed(1)} s in the worker`);
  const drawn = await curves(page);
  assert.deepEqual(drawn.map((c) => c.cell), ['rnn', 'lstm', 'gru']);
  for (const c of drawn) {
    assert.equal(c.points, 4, `${c.cell}: d = 1, 2, 3, 4`);
    assert.equal(c.vertices, 4, `${c.cell}: its line goes through every point`);
    assert.equal(c.marks, 4, `${c.cell}: a marker at every point`);
  }
  assert.equal(new Set(drawn.map((c) => c.dash)).size, 3, 'each cell its own dash');
  const result = await page.getByTestId('memory-limit-result').innerText();
  for (const name of ['RNN', 'LSTM', 'GRU']) assert.match(result, new RegExp(`${name}: `), result);
  assert.match(result, /limit d = \d|masters every distance|masters no distance/);
  const label = await page.getByTestId('memory-limit-chart').getAttribute('aria-label');
  assert.match(label, /RNN \(H = \d+, [\d,]+\): d = 1 [\d.]+, d = 2 [\d.]+, d = 3 [\d.]+, d = 4 [\d.]+/);
  assert.match(await page.getByTestId('memory-limit-status').innerText(), /^Finished: 12 runs in [\d.]+ s\.$/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the same seed gives the same curves; Stop ends a sweep and keeps what it measured', async () => {
  const { page, errors, context } = await openPanel('en');
  await set(page, 'memory-limit-max-distance', 3);
  await set(page, 'memory-limit-updates', 200);
  await runSweep(page, 60000);
  const first = await page.getByTestId('memory-limit-chart').getAttribute('aria-label');
  await runSweep(page, 60000);
  assert.equal(await page.getByTestId('memory-limit-chart').getAttribute('aria-label'), first);
  // A long sweep, stopped once some runs ended.
  await set(page, 'memory-limit-max-distance', 64);
  await set(page, 'memory-limit-updates', 1000);
  const before = await sweepOnScreen(page);
  await page.getByTestId('memory-limit-start').click();
  // The finished sweep stays on screen until the new one's first message.
  await page.waitForFunction(
    (b) =>
      document.querySelector('[data-testid=memory-limit-status]').dataset.sweep !== b &&
      [...document.querySelectorAll('.ml-curve')].filter((g) => Number(g.dataset.points) >= 2).length === 3,
    before,
    { timeout: 60000 },
  );
  await page.getByTestId('memory-limit-stop').click();
  await page.getByText(/^Stopped after \d+ of 36 runs/).waitFor({ timeout: 10000 });
  await page.getByTestId('memory-limit-start').waitFor();
  assert.ok((await curves(page)).every((c) => c.points >= 2));
  assert.deepEqual(errors, []);
  await context.close();
});

test('Korean: the panel and its result are in Korean', async () => {
  const { page, errors, context, panel } = await openPanel('ko');
  assert.match(await panel.locator('h2').innerText(), /한계를 보여 줘/);
  await set(page, 'memory-limit-max-distance', 2);
  await set(page, 'memory-limit-updates', 200);
  await runSweep(page, 60000);
  const result = await page.getByTestId('memory-limit-result').innerText();
  assert.match(result, /RNN: .*(한계|습득)/);
  assert.match(await page.getByTestId('memory-limit-status').innerText(), /^완료: 6번의 실행/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the default sweep finishes within two minutes', async () => {
  const { page, errors, context } = await openPanel('en');
  const ms = await runSweep(page, 150000);
  console.log(`default sweep (d ≤ 64, ≤ 1000 updates, 36 runs): ${(ms / 1000).toFixed(1)} s in the worker`);
  console.log(await page.getByTestId('memory-limit-result').innerText());
  assert.ok(ms < 120000, `${ms} ms`);
  assert.equal((await curves(page)).filter((c) => c.points === 12).length, 3);
  assert.deepEqual(errors, []);
  await context.close();
});
