// The guided lesson's card never hides what it is about: at desktop, small-laptop and phone
// viewports and in presenter mode, once a step has scrolled its target into view the card's box
// does not meet the ringed element's box, and no button in the card breaks inside a word
// (이전/다음 once broke as 이/전, 다/음) or, in the nav, onto two lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, ready, screenshot, servedApp, server, browser } from './harness.mjs';

servedApp();

const LESSONS = ['char', 'mnist', 'series', 'sentiment'];

/**
 * The card, the ringed element and the buttons, measured in the page. `ok` holds when the card
 * is clear of the target. A target taller than the part of the viewport the card leaves free
 * cannot always be clear (where the page cannot scroll it below a card docked at the top): then
 * the visible part of it must be uncovered wherever it can be, i.e. its head (first 40 px) is in
 * view and not under the card, and what the card leaves of it on screen is at least the free
 * height (less 30 px).
 */
function measure() {
  const ring = document.querySelector('[data-testid=tour-ring]');
  const want = document.querySelector('[data-testid=tour-step]')?.dataset.target ?? '';
  const el = document.querySelector('[data-tour-target]');
  const cardEl = document.querySelector('[data-testid=tour]');
  if (!ring || !el || !cardEl || !want.split('|').includes(ring.dataset.target)) return { settled: false };
  const box = (r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom, height: r.height });
  const t = box(el.getBoundingClientRect());
  const c = box(cardEl.getBoundingClientRect());
  const r = ring.getBoundingClientRect();
  const vh = document.documentElement.clientHeight;
  const bar = document.querySelector('.app.presenter .controls');
  // Presenter mode's run bar, where it is now (below the header at the page's top, then stuck).
  const inset = bar ? Math.max(0, bar.getBoundingClientRect().bottom) : 0;
  const meets = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
  const settled = Math.abs(r.left + 6 - t.left) < 3 && Math.abs(r.top + 6 - t.top) < 3;
  const clear = !meets(c, t);
  const free = vh - inset - c.height - 16 - 14;
  const inView = t.bottom > inset && t.top < vh;
  let tallOk = false;
  if (t.height > free) {
    const across = Math.min(c.right, t.right) > Math.max(c.left, t.left);
    const [top, bottom] = [Math.max(t.top, inset), Math.min(t.bottom, vh)];
    const hidden = across ? Math.max(0, Math.min(bottom, c.bottom) - Math.max(top, c.top)) : 0;
    const head = { ...t, bottom: t.top + 40 };
    tallOk = t.top >= inset - 1 && !meets(c, head) && bottom - top - hidden >= free - 30;
  }
  // Buttons: no word on two lines; the nav's buttons and the close button on one line.
  const broken = [];
  for (const b of cardEl.querySelectorAll('button')) {
    const single = b.closest('.tour-nav') || b.classList.contains('tour-x');
    const walker = document.createTreeWalker(b, NodeFilter.SHOW_TEXT);
    const tops = new Set();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      for (const m of n.data.matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(n, m.index);
        range.setEnd(n, m.index + m[0].length);
        const rects = [...range.getClientRects()].filter((q) => q.width > 0);
        const lines = new Set(rects.map((q) => Math.round(q.top)));
        if (lines.size > 1) broken.push(`word "${m[0]}" in "${b.textContent.trim()}"`);
        for (const q of rects) tops.add(Math.round(q.top / 4));
      }
    }
    if (single && tops.size > 1) broken.push(`"${b.textContent.trim()}" on ${tops.size} lines`);
  }
  // The claim (seen / not yet) and the Back/Next buttons stay in view inside the card, even
  // when a short card scrolls its text.
  const hiddenParts = [];
  for (const part of cardEl.querySelectorAll('[data-testid=tour-claim], .tour-nav')) {
    const q = part.getBoundingClientRect();
    if (q.top < c.top - 0.5 || q.bottom > c.bottom + 0.5 || q.bottom > vh + 0.5) {
      hiddenParts.push(`${part.dataset.testid ?? part.className} [${Math.round(q.top)}, ${Math.round(q.bottom)}]`);
    }
  }
  return {
    settled,
    ok: settled && inView && (clear || tallOk),
    hiddenParts,
    clear,
    tallOk,
    target: ring.dataset.target,
    corner: cardEl.dataset.corner,
    t: [t.left, t.top, t.right, t.bottom].map(Math.round),
    c: [c.left, c.top, c.right, c.bottom].map(Math.round),
    vh,
    broken,
  };
}

/** Waits for the step's ring and card to settle, then asserts the card leaves the target free. */
async function assertFree(page, label) {
  let m = null;
  // Under load (training in the worker, two cores) the 300 ms re-measure can lag: up to 12 s.
  const deadline = Date.now() + 12000;
  // The ring re-measures every 300 ms and the card moves once the target stops moving.
  while (Date.now() < deadline) {
    m = await page.evaluate(measure);
    if (m.ok) {
      await page.waitForTimeout(350);
      m = await page.evaluate(measure);
      if (m.ok) break;
    }
    await page.waitForTimeout(150);
  }
  assert.ok(m?.ok, `${label}: the card covers the target ${JSON.stringify(m)}`);
  assert.deepEqual(m.broken, [], `${label}: a button wraps`);
  assert.deepEqual(m.hiddenParts, [], `${label}: the claim or the buttons are out of the card's view ${JSON.stringify(m.c)}`);
  return m;
}

const stepNumber = (page) => page.getByTestId('tour-step').getAttribute('data-step');

/** Goes to step `n` (1-based) by its dot, or walks on with Next when `n` is the next one. */
async function goTo(page, n) {
  const at = Number(await stepNumber(page));
  if (n === at) return;
  if (n === at + 1) await page.getByTestId('tour-next').click();
  else await page.locator('.tour-dot').nth(n - 1).click();
  assert.equal(await stepNumber(page), String(n));
}

async function walk(page, lesson, viewports, steps, shots = []) {
  await page.getByTestId('tour-start').click();
  await page.getByTestId('tour').waitFor();
  const count = await page.locator('.tour-dot').count();
  for (const [w, h, all] of viewports) {
    await page.setViewportSize({ width: w, height: h });
    const chosen = all ? [...Array(count).keys()].map((k) => k + 1) : steps(count);
    for (const n of chosen) {
      await goTo(page, n);
      const m = await assertFree(page, `${lesson} ${w}×${h} step ${n}`);
      const shot = shots.find(([sw, sn]) => sw === w && sn === n);
      if (shot) await screenshotViewport(page, `${shot[2]}-${m.corner}`);
    }
    await goTo(page, 1);
  }
}

/** What the class sees: the viewport only. */
async function screenshotViewport(page, name) {
  const { SHOTS } = await import('./harness.mjs');
  const { mkdir } = await import('node:fs/promises');
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

// All steps at 1280×800; a middle, the last and the first step at 1024×768 and on a phone. A
// pass starts on another step than the one the last pass ended on (step 1): a step scrolls to
// its target when it opens, not when the window is resized.
const few = (count) => [Math.ceil(count / 2), count, 1];

for (const lesson of LESSONS) {
  const ko = lesson === 'char' || lesson === 'sentiment';
  test(`${lesson}: the card leaves every step's target free (${ko ? 'Korean' : 'English'})`, async () => {
    const { page, errors, context } = await openPage(browser, `${server.url}?lesson=${lesson}${ko ? '&lang=ko' : ''}`, { width: 1280, height: 800 });
    await ready(page);
    await walk(
      page,
      lesson,
      [[1280, 800, true], [1024, 768, false], [390, 844, false]],
      few,
      [[1280, 2, `tour-layout-${lesson}-1280-2`], [390, 1, `tour-layout-${lesson}-phone-1`]],
    );
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('presenter mode: the card leaves the target free at 1920×1080 and 1024×768', async () => {
  for (const lesson of LESSONS) {
    const { page, errors, context } = await openPage(browser, `${server.url}?lesson=${lesson}&presenter=1`, { width: 1920, height: 1080 });
    await ready(page);
    await walk(page, lesson, [[1920, 1080, false], [1024, 768, false]], (count) => [count, 1], [[1024, 1, `tour-layout-${lesson}-presenter-1024-1`]]);
    assert.deepEqual(errors, [], lesson);
    await context.close();
  }
});

test('the screenshot helper still draws the whole page with the card docked', async () => {
  const { page, errors, context } = await openPage(browser, `${server.url}?lesson=char&lang=ko&tour=2`, { width: 1280, height: 800 });
  await ready(page);
  await page.getByTestId('tour').waitFor();
  await assertFree(page, 'char link step 2');
  await screenshot(page, 'tour-layout-char-ko-full');
  assert.deepEqual(errors, []);
  await context.close();
});
