// The whole lesson with the keyboard alone (issue 24): no mouse click in this file. Tab, Shift+Tab,
// Enter, Space, the arrows and Escape open the guided lesson and step through it, play and pause,
// step a timestep, choose a heatmap cell, and send a review typed in the box; every element the
// keyboard reaches shows a focus ring (a computed outline of 2 px or more, or a box shadow) of 3:1
// or more against what is behind it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, ready, screenshot, servedApp, server, browser } from './harness.mjs';

servedApp();

/** What has the focus, and whether its ring shows: width, style and contrast against the page. */
function focusState() {
  const el = document.activeElement;
  if (!el || el === document.body) return { id: 'body', visible: false };
  const rgb = (s) => (s.match(/[\d.]+/g) || []).map(Number);
  const channel = (c) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const lum = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  // The first opaque background behind the element (the ring is drawn outside it).
  let bg = [255, 255, 255];
  for (let e = el.parentElement; e; e = e.parentElement) {
    const c = rgb(getComputedStyle(e).backgroundColor);
    if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) {
      bg = c.slice(0, 3);
      break;
    }
  }
  const cs = getComputedStyle(el);
  const width = parseFloat(cs.outlineWidth) || 0;
  const outline = cs.outlineStyle !== 'none' && width >= 2;
  const ratio = (a, b) => {
    const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const ringContrast = outline ? ratio(rgb(cs.outlineColor).slice(0, 3), bg) : 0;
  const shadow = cs.boxShadow && cs.boxShadow !== 'none';
  const testid = el.dataset.testid || el.closest('[data-testid]')?.dataset.testid || '';
  return {
    id: `${el.tagName.toLowerCase()}${testid ? `[${testid}]` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : ''}`,
    testid: el.dataset.testid || '',
    tag: el.tagName,
    map: el.dataset.map || '',
    visible: outline && ringContrast >= 3,
    shadow: Boolean(shadow),
    outline: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}`,
    ringContrast: Math.round(ringContrast * 10) / 10,
  };
}

/**
 * Presses `key` (Tab by default) until the focused element satisfies `want`, checking the focus
 * ring of every element passed on the way; fails after `max` presses.
 */
async function tabUntil(page, want, { key = 'Tab', max = 250, seen } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const f = await page.evaluate(focusState);
    seen.push(f);
    if (want(f)) return f;
  }
  assert.fail(`${key} ×${max} never reached the element (last: ${JSON.stringify(seen.at(-1))})`);
}

const dataset = (page, testid, key) => page.evaluate(([id, k]) => document.querySelector(`[data-testid=${id}]`)?.dataset[k], [testid, key]);

test('a guided lesson with the keyboard alone: tour, play/pause, timestep, heatmap cell, focus always shown', async () => {
  const { page, errors, context } = await openPage(browser, `${server.url}?lesson=char&preset=char-fast-lstm&lang=en`, { width: 1280, height: 800 });
  await ready(page);
  await page.locator('[data-testid=gate-heatmap] canvas').first().waitFor({ state: 'attached', timeout: 20000 });
  const seen = [];

  // The guided lesson: Tab to its button in the header, Enter opens it and the focus moves into
  // the card; Tab reaches Next, Enter steps on; Shift+Tab reaches Back; Escape closes.
  await tabUntil(page, (f) => f.testid === 'tour-start', { seen });
  await page.keyboard.press('Enter');
  await page.getByTestId('tour').waitFor();
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'tour');
  assert.equal(await dataset(page, 'tour-step', 'step'), '1');
  await tabUntil(page, (f) => f.testid === 'tour-next', { seen, max: 40 });
  for (const n of ['2', '3']) {
    await page.keyboard.press('Enter');
    await page.waitForFunction((k) => document.querySelector('[data-testid=tour-step]')?.dataset.step === k, n);
    // The focus stays on Next, so Enter walks on.
    assert.equal((await page.evaluate(focusState)).testid, 'tour-next');
  }
  await tabUntil(page, (f) => f.testid === 'tour-back', { seen, key: 'Shift+Tab', max: 40 });
  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.querySelector('[data-testid=tour-step]')?.dataset.step === '2');
  await screenshot(page, 'keyboard-tour-step-2');
  await page.keyboard.press('Escape');
  await page.getByTestId('tour').waitFor({ state: 'detached' });
  assert.equal((await page.evaluate(focusState)).testid, 'tour-start', 'the focus returns to the button that opened the tour');

  // Play and pause from the run bar: Space on the focused button presses it.
  await tabUntil(page, (f) => f.testid === 'play', { seen, max: 40 });
  const before = Number(await dataset(page, 'status', 'update'));
  await page.keyboard.press('Space');
  await page.getByTestId('pause').waitFor();
  await page.waitForFunction((b) => Number(document.querySelector('[data-testid=status]').dataset.update) > b, before);
  // The focus stays on the button, which now pauses.
  assert.equal((await page.evaluate(focusState)).testid, 'pause');
  await page.keyboard.press('Enter');
  await page.getByTestId('play').waitFor();
  // Step (one update) from the keyboard too: Space on Step steps, it does not play.
  await tabUntil(page, (f) => f.testid === 'step', { seen, max: 5 });
  const paused = Number(await dataset(page, 'status', 'update'));
  await page.keyboard.press('Space');
  await page.waitForFunction((b) => Number(document.querySelector('[data-testid=status]').dataset.update) === b + 1, paused);
  await page.waitForTimeout(300);
  assert.equal(await page.getByTestId('pause').count(), 0, 'Space on Step does not start training');

  // The timestep stepper: Tab to ▶, Enter moves one timestep.
  const t0 = Number(await dataset(page, 'timestep-readout', 't'));
  await tabUntil(page, (f) => f.testid === 'timestep-next', { seen });
  await page.keyboard.press('Enter');
  await page.waitForFunction((t) => Number(document.querySelector('[data-testid=timestep-readout]').dataset.t) === t + 1, t0);

  // A heatmap cell: Tab to the hidden state's map; ↓ chooses the next unit, → the next timestep;
  // the readout names the chosen cell and its value.
  const h = await tabUntil(page, (f) => f.tag === 'CANVAS' && f.map === 'h', { seen });
  assert.ok(h.visible, `the heatmap shows its focus: ${JSON.stringify(h)}`);
  const unit0 = Number(await page.getByTestId('inside-unit').inputValue());
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction((u) => Number(document.querySelector('[data-testid=inside-unit]').value) === u + 1, unit0);
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((t) => Number(document.querySelector('[data-testid=timestep-readout]').dataset.t) === t + 2, t0);
  const readout = await page.getByTestId('heat-readout').evaluate((e) => ({ ...e.dataset, text: e.textContent }));
  assert.equal(readout.map, 'h');
  assert.equal(readout.t, String(t0 + 2));
  assert.equal(readout.unit, String(unit0 + 1));
  assert.match(readout.v, /^-?\d/, `the chosen cell's value: ${JSON.stringify(readout)}`);
  // Its text alternative carries the numbers, the chosen cell's included.
  const label = await page.locator('.heatmap[data-map=h] canvas').getAttribute('aria-label');
  assert.match(label, new RegExp(`at timestep ${t0 + 2}, unit ${unit0 + 1}: −?\\d`), label);
  await screenshot(page, 'keyboard-heatmap-focus');

  // `?` lists the keys, the focus goes to its Close button; Escape closes it.
  await page.keyboard.press('?');
  await page.getByTestId('shortcuts-help').waitFor();
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'help-close');
  assert.match(await page.getByTestId('focused-keys').textContent(), /heatmap/);
  seen.push(await page.evaluate(focusState));
  await page.keyboard.press('Escape');
  await page.getByTestId('shortcuts-help').waitFor({ state: 'detached' });

  const hidden = seen.filter((f) => f.id !== 'body' && !f.visible);
  assert.deepEqual(hidden, [], 'every focused element shows a ring of 2 px or more at 3:1');
  console.log(`keyboard: ${seen.length} focus stops checked, all with a visible ring`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the review box with the keyboard alone: type a review, Tab to Read it, Enter', async () => {
  const { page, errors, context } = await openPage(browser, `${server.url}?lesson=sentiment&lang=ko`);
  await ready(page);
  const seen = [];
  await tabUntil(page, (f) => f.testid === 'review-input', { seen, max: 400 });
  await page.keyboard.type('연기도 좋고 스토리도 재밌었어요');
  await tabUntil(page, (f) => f.testid === 'review-read', { seen, max: 3 });
  await page.keyboard.press('Enter');
  await page.getByTestId('typed-verdict').waitFor({ timeout: 10000 });
  assert.match(await page.getByTestId('typed-verdict').textContent(), /긍정|부정/);
  const hidden = seen.filter((f) => f.id !== 'body' && !f.visible);
  assert.deepEqual(hidden, [], 'every focused element shows a ring of 2 px or more at 3:1');
  assert.deepEqual(errors, []);
  await context.close();
});
