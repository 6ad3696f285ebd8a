// Readable from the back of a room (issue 22): in presenter mode at 1920×1080 every text the
// class reads is at least 24 CSS px (the DOM's computed sizes, and the canvases' fonts through
// the `data-font-px` their drawing code sets); at 1024×768 the run bar and both charts fit
// without clipping or sideways scrolling; on a phone the charts and the lesson come before the
// folded settings form, which opens with a tap and with the keyboard, and no text says "hover".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openPage, ready, screenshot, untilPaused, SHOTS, servedApp, server, browser } from './harness.mjs';

servedApp();

const LESSONS = ['char', 'mnist', 'sentiment', 'series'];
const MIN_PX = 24;

/** Trains until the status shows `updates` updates, then pauses. */
async function train(page, updates) {
  await untilPaused(page);
  await page.getByTestId('play').click();
  await page.waitForFunction(
    (n) => +document.querySelector('[data-testid=status]').dataset.update >= n,
    updates,
    { timeout: 90000 },
  );
  await page.getByTestId('pause').click();
}

/** Every rendered HTML text (not SVG, not inside closed or hidden parts) under 24 px. */
function smallTexts(min) {
  const out = [];
  const root = document.querySelector('[data-testid=app-root]');
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.data.trim();
    if (!text) continue;
    const el = n.parentElement;
    if (el.closest('svg, option, .visually-hidden')) continue;
    const r = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    if (r.width === 0 || r.height === 0 || cs.visibility === 'hidden') continue;
    const px = parseFloat(cs.fontSize);
    if (px < min) out.push(`${px}px "${text.slice(0, 40)}" in <${el.tagName.toLowerCase()} class="${el.className}">`);
  }
  return out;
}

/**
 * SVG texts drawn under `min` px: a text's font size times how much its drawing is scaled on
 * screen (its box's width over its viewBox's, which counts CSS zoom and a box that shrinks it).
 */
function smallSvgTexts(min) {
  const out = [];
  for (const t of document.querySelectorAll('[data-testid=app-root] svg text')) {
    if (t.getClientRects().length === 0 || !t.textContent.trim()) continue;
    let svg = t.ownerSVGElement;
    while (svg.ownerSVGElement) svg = svg.ownerSVGElement;
    const vb = svg.viewBox.baseVal;
    const scale = vb && vb.width > 0 ? svg.getBoundingClientRect().width / vb.width : 1;
    const px = parseFloat(getComputedStyle(t).fontSize) * scale;
    if (px < min - 0.5) out.push(`${px.toFixed(1)}px "${t.textContent.trim().slice(0, 20)}" in ${svg.getAttribute('class') || svg.parentElement.className}`);
  }
  return out;
}

/** The computed font size of the first element matching `selector` (null when none is drawn). */
async function fontOf(page, selector) {
  return page.evaluate((sel) => {
    const el = [...document.querySelectorAll(sel)].find((e) => e.getClientRects().length > 0);
    return el ? parseFloat(getComputedStyle(el).fontSize) : null;
  }, selector);
}

for (const lesson of LESSONS) {
  test(`presenter mode at 1920×1080: every text of the ${lesson} lesson is at least 24 px`, async () => {
    const { page, errors, context } = await openPage(browser, `${server.url}?lesson=${lesson}&presenter=1`, { width: 1920, height: 1080 });
    await ready(page);
    await page.locator('[data-testid=app-root].presenter').waitFor();
    await train(page, lesson === 'mnist' ? 3 : 8);
    // A readout under the loss chart (what the pointer is on).
    const canvas = page.locator('[data-testid=loss-chart] canvas');
    const box = await canvas.boundingBox();
    await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.5);
    await page.waitForFunction(() => document.querySelector('[data-testid=loss-chart] .chart-readout').textContent.trim().length > 1);
    // The canvases: the fonts their drawing code used.
    const charts = ['loss-chart', ...(lesson === 'char' || lesson === 'series' ? [] : ['accuracy-chart'])];
    for (const id of charts) {
      const px = await page.locator(`[data-testid=${id}] canvas`).getAttribute('data-font-px');
      assert.ok(Number(px) >= MIN_PX, `${lesson} ${id}: canvas font ${px} px`);
    }
    // The heatmaps draw once scrolled to.
    await page.getByTestId('gate-heatmap').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelector('.heatmap-canvas[data-font-px]'), null, { timeout: 20000 });
    const heat = await page.$$eval('.heatmap-canvas', (els) => els.map((e) => Number(e.dataset.fontPx)));
    assert.ok(heat.length > 0 && heat.every((px) => px >= MIN_PX), `${lesson} heatmap axis fonts ${heat}`);
    // The named texts, each measured (present on every lesson), then everything else.
    for (const sel of ['[data-testid=status]', '.status-extra', '.chart figcaption label', '.chart-readout', '.heat-readout',
      '.heatmap .legend', '.viz-title', 'button']) {
      const px = await fontOf(page, sel);
      assert.ok(px !== null, `${lesson}: ${sel} is on the page`);
      assert.ok(px >= MIN_PX, `${lesson}: ${sel} is ${px} px`);
    }
    if (lesson === 'mnist' || lesson === 'sentiment') {
      const conf = await fontOf(page, 'table.confusion td, .confusion td');
      if (conf !== null) assert.ok(conf >= MIN_PX, `${lesson}: confusion matrix ${conf} px`);
    }
    const small = await page.evaluate(smallTexts, MIN_PX);
    assert.deepEqual(small, [], `${lesson}: texts under ${MIN_PX} px`);
    // The drawings (BPTT graph, its gradient plot, the cell diagram, the RNN-type figure) are
    // zoomed whole.
    await page.getByTestId('inside-network').scrollIntoViewIfNeeded();
    await page.waitForTimeout(500);
    const smallSvg = await page.evaluate(smallSvgTexts, MIN_PX);
    assert.deepEqual(smallSvg, [], `${lesson}: drawn texts under ${MIN_PX} px`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SHOTS, `presenter-1920-${lesson}-en.png`) });
    if (lesson === 'mnist' || lesson === 'sentiment') await screenshot(page, `presenter-1920-${lesson}-en-full`);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('presenter mode in Korean at 1920×1080: texts at least 24 px', async () => {
  const { page, errors, context } = await openPage(browser, `${server.url}?lesson=mnist&presenter=1&lang=ko`, { width: 1920, height: 1080 });
  await ready(page);
  await train(page, 3);
  const small = await page.evaluate(smallTexts, MIN_PX);
  assert.deepEqual(small, []);
  await page.screenshot({ path: join(SHOTS, 'presenter-1920-mnist-ko.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

/** The run bar and the chart canvases against the viewport and their boxes. */
function fits() {
  const vw = window.innerWidth;
  const vh = window.innerHeight;
  const r = (el) => el.getBoundingClientRect();
  const inside = (a, b) => a.left >= b.left - 0.5 && a.right <= b.right + 0.5 && a.top >= b.top - 0.5 && a.bottom <= b.bottom + 0.5;
  const view = { left: 0, top: 0, right: vw, bottom: vh };
  const bar = document.querySelector('.app.presenter .controls');
  const canvases = [...document.querySelectorAll('.charts canvas')];
  return {
    overflow: document.documentElement.scrollWidth - vw,
    bar: inside(r(bar), view),
    // Every button of the run bar is inside the bar (not cut off by it).
    buttons: [...bar.querySelectorAll('button, select, input')].every((b) => inside(r(b), r(bar))),
    charts: canvases.map((c) => ({
      id: c.closest('[data-testid]').dataset.testid,
      inView: inside(r(c), view),
      inFigure: inside(r(c), r(c.closest('figure'))) && inside(r(c.closest('figure')), r(c.closest('.charts'))),
      width: r(c).width,
      height: r(c).height,
    })),
  };
}

for (const lang of ['en', 'ko']) {
  test(`presenter mode at 1024×768 (${lang}): the run bar and both charts fit the screen`, async () => {
    for (const lesson of ['mnist', 'sentiment', 'char']) {
      const { page, errors, context } = await openPage(browser, `${server.url}?lesson=${lesson}&presenter=1&lang=${lang}`, { width: 1024, height: 768 });
      await ready(page);
      await train(page, 3);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
      const f = await page.evaluate(fits);
      assert.ok(f.overflow <= 0, `${lesson} ${lang}: the page scrolls sideways by ${f.overflow} px`);
      assert.ok(f.bar, `${lesson} ${lang}: the run bar is on screen`);
      assert.ok(f.buttons, `${lesson} ${lang}: every control of the run bar is inside it`);
      assert.equal(f.charts.length, lesson === 'char' ? 1 : 2, JSON.stringify(f.charts));
      for (const c of f.charts) {
        assert.ok(c.inView, `${lesson} ${lang}: ${c.id} is not wholly on screen: ${JSON.stringify(c)}`);
        assert.ok(c.inFigure, `${lesson} ${lang}: ${c.id} is clipped by its box`);
        assert.ok(c.width >= 300 && c.height >= 200, `${lesson} ${lang}: ${c.id} is ${c.width}×${c.height}`);
      }
      if (lesson !== 'char') await page.screenshot({ path: join(SHOTS, `presenter-1024-${lesson}-${lang}.png`) });
      assert.deepEqual(errors, []);
      await context.close();
    }
  });
}

for (const lang of ['en', 'ko']) {
  test(`a phone (${lang}): charts and lesson before the folded form, which opens by tap and keyboard; no "hover"`, async () => {
    const { page, errors, context } = await openPage(browser, `${server.url}?lang=${lang}`, { width: 390, height: 844 });
    await ready(page);
    const form = page.getByTestId('settings-form');
    const toggle = page.getByTestId('settings-toggle');
    // Folded by default, labelled in the page's language with the course's term.
    assert.equal(await form.evaluate((d) => d.open), false, 'the form starts folded on a phone');
    assert.match(await toggle.textContent(), lang === 'ko' ? /하이퍼파라미터/ : /hyperparameters/);
    assert.equal(await page.getByTestId('hidden-size').isVisible(), false);
    // Document order and place on screen: loss chart, lesson view, then the form.
    const order = await page.evaluate(() => {
      const form = document.querySelector('[data-testid=settings-form]');
      const parts = [document.querySelector('[data-testid=loss-chart]'), document.querySelector('.lesson-view')];
      return parts.map((p) => ({
        before: !!(p.compareDocumentPosition(form) & Node.DOCUMENT_POSITION_FOLLOWING),
        above: p.getBoundingClientRect().top < form.getBoundingClientRect().top,
      }));
    });
    assert.deepEqual(order, [{ before: true, above: true }, { before: true, above: true }]);
    // The loss chart is on the first screen (under the run bar).
    const chartTop = (await page.getByTestId('loss-chart').boundingBox()).y;
    assert.ok(chartTop < 844, `the loss chart starts at ${chartTop} px`);
    await screenshot(page, `phone-390-${lang}`);
    await page.screenshot({ path: join(SHOTS, `phone-390-${lang}-first-screen.png`) });
    // A tap opens and closes it.
    await toggle.click();
    await page.getByTestId('hidden-size').waitFor({ state: 'visible' });
    assert.equal(await form.evaluate((d) => d.open), true);
    // No instruction says hover, with everything unfolded (the form open too).
    const texts = await page.evaluate(() => {
      const all = [document.body.innerText];
      for (const el of document.querySelectorAll('[title], [aria-label], [placeholder]')) {
        all.push(el.getAttribute('title') ?? '', el.getAttribute('aria-label') ?? '', el.getAttribute('placeholder') ?? '');
      }
      return all.join('\n');
    });
    assert.doesNotMatch(texts, /hover|마우스를 올려/i);
    await screenshot(page, `phone-390-${lang}-form-open`);
    await toggle.click();
    await page.waitForFunction(() => !document.querySelector('[data-testid=settings-form]').open);
    // The keyboard: Tab reaches the summary; Enter opens, Space closes.
    await toggle.focus();
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'settings-toggle');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid=settings-form]').open);
    await page.keyboard.press('Space');
    await page.waitForFunction(() => !document.querySelector('[data-testid=settings-form]').open);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the phone page scrolls sideways by ${overflow} px`);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('presenter mode shows a part it hides when the guided lesson is about it (the model summary)', async () => {
  const { page, errors, context } = await openPage(browser, `${server.url}?lesson=sentiment&presenter=1`, { width: 1920, height: 1080 });
  await ready(page);
  assert.equal(await page.getByTestId('model-summary').isVisible(), false, 'hidden in presenter mode');
  await page.goto(`${server.url}?lesson=sentiment&presenter=1&tour=3`);
  await ready(page);
  await page.waitForFunction(() => document.querySelector('[data-testid=tour-ring]')?.dataset.target === 'model-summary', null, { timeout: 10000 });
  assert.equal(await page.getByTestId('model-summary').isVisible(), true);
  // Leaving the step hides it again.
  await page.getByTestId('tour-next').click();
  await page.waitForFunction(() => !document.querySelector('[data-testid=model-summary]')?.checkVisibility());
  assert.deepEqual(errors, []);
  await context.close();
});
