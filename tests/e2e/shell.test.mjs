// The app shell mounts, its training worker answers, and nothing logs an error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, screenshot, servedApp, server, browser } from './harness.mjs';

servedApp();

test('the app mounts with its header, lesson picker, controls and visualization area', async () => {
  const { page, errors, context } = await openPage(browser, server.url);
  const root = page.getByTestId('app-root');
  await root.waitFor({ timeout: 15000 });
  await assert.doesNotReject(page.getByRole('heading', { name: 'RNN Playground' }).waitFor());
  const lessons = await page.getByTestId('lesson-select').locator('option').allTextContents();
  assert.deepEqual(lessons, ['Character model', 'MNIST rows', 'Time series', 'Review sentiment']);
  assert.ok(await page.getByRole('complementary', { name: 'Run' }).isVisible());
  assert.ok(await page.getByRole('complementary', { name: /^Settings/ }).isVisible());
  assert.ok(await page.getByRole('region', { name: 'Visualization' }).isVisible());
  await page.getByTestId('lesson-select').selectOption('mnist');
  await page.locator('.viz-title', { hasText: 'MNIST rows' }).waitFor();
  await screenshot(page, 'shell-1280x720');
  assert.deepEqual(errors, []);
  await context.close();
});

test("the header's buttons are all of one height and hold their labels", async () => {
  // The shortcuts button once took the play icon's 0.8em height: a flat pill, its "?" below it.
  const { page, errors, context } = await openPage(browser, server.url);
  await page.getByTestId('app-root').waitFor({ timeout: 15000 });
  const boxes = await page.locator('header button').evaluateAll((buttons) =>
    buttons.map((b) => {
      const r = b.getBoundingClientRect();
      const range = document.createRange();
      range.selectNodeContents(b);
      const t = range.getBoundingClientRect();
      return { id: b.dataset.testid, height: r.height, top: r.top, bottom: r.bottom, textTop: t.top, textBottom: t.bottom };
    }),
  );
  assert.ok(boxes.some((b) => b.id === 'help-toggle'), JSON.stringify(boxes));
  const tallest = Math.max(...boxes.map((b) => b.height));
  for (const b of boxes) {
    assert.ok(b.height >= tallest - 1, `${b.id} is ${b.height}px high, the others ${tallest}px`);
    assert.ok(b.textTop >= b.top - 0.5 && b.textBottom <= b.bottom + 0.5, `${b.id}'s label spills out: ${JSON.stringify(b)}`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('the training worker answers a ping from the page', async () => {
  const { page, errors, context } = await openPage(browser, server.url);
  const status = page.getByTestId('worker-status');
  await page.locator('[data-testid=worker-status][data-state=ready]').waitFor({ timeout: 15000 });
  const text = await status.textContent();
  assert.match(text, /Training worker ready \(round trip \d+(\.\d)? ms\)/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the layout fits a phone screen in one column', async () => {
  const { page, errors, context } = await openPage(browser, server.url, { width: 390, height: 844 });
  await page.getByTestId('app-root').waitFor({ timeout: 15000 });
  // The run bar, then the drawings, then the (folded) settings form.
  const run = await page.getByRole('complementary', { name: 'Run' }).boundingBox();
  const viz = await page.getByRole('region', { name: 'Visualization' }).boundingBox();
  const form = await page.getByRole('complementary', { name: /^Settings/ }).boundingBox();
  assert.ok(viz.y >= run.y + run.height - 1, 'visualization sits below the run bar');
  assert.ok(form.y >= viz.y + viz.height - 1, 'the settings form sits below the visualization');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no horizontal scrolling (page is ${width}px wide)`);
  await screenshot(page, 'shell-390x844');
  assert.deepEqual(errors, []);
  await context.close();
});
