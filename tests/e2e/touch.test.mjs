// Touch and pen (issue 24): on an emulated tablet (820×1180) and phone (390×844) with a touch
// screen, a finger draws a digit on the pad (touch events from the DevTools protocol, which the
// browser turns into pointer events of type "touch") and a pen draws another (pointer type
// "pen"), each classified; a tap moves the row slider and picks a heatmap cell; and every target
// on the page is at least 24 × 24 CSS px.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ready, screenshot, servedApp, server, browser } from './harness.mjs';

servedApp();

/** Dark pixels on the draw pad, and the pointer types its pointer events came with. */
const padInk = (page) =>
  page.getByTestId('draw-pad').evaluate((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] < 128) n++;
    return n;
  });

/** A stroke from (x0, y0) to (x1, y1) in viewport pixels, with a finger or with a pen. */
async function stroke(cdp, kind, [x0, y0], [x1, y1]) {
  const steps = 12;
  const at = (k) => ({ x: x0 + ((x1 - x0) * k) / steps, y: y0 + ((y1 - y0) * k) / steps });
  if (kind === 'touch') {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [at(0)] });
    for (let k = 1; k <= steps; k++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [at(k)] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  } else {
    const ev = (type, p, buttons) => cdp.send('Input.dispatchMouseEvent', { type, ...p, button: 'left', buttons, clickCount: 1, pointerType: 'pen' });
    await ev('mousePressed', at(0), 1);
    for (let k = 1; k <= steps; k++) await ev('mouseMoved', at(k), 1);
    await ev('mouseReleased', at(steps), 0);
  }
}

/** Every visible control smaller than 24 × 24 CSS px. */
function smallTargets() {
  const out = [];
  const sel = 'button, input, select, textarea, summary, a[href], [tabindex]:not([tabindex="-1"])';
  for (const el of document.querySelectorAll(sel)) {
    if (el.closest('.visually-hidden') || el.type === 'file') continue;
    const r = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    if (r.width === 0 || r.height === 0 || cs.visibility === 'hidden' || cs.display === 'none') continue;
    if (r.width < 23.5 || r.height < 23.5) {
      out.push(`${el.tagName.toLowerCase()}[${el.dataset.testid || el.className}] ${r.width.toFixed(1)}×${r.height.toFixed(1)}`);
    }
  }
  return out;
}

for (const [name, viewport] of [['tablet', { width: 820, height: 1180 }], ['phone', { width: 390, height: 844 }]]) {
  test(`touch and pen on a ${name} (${viewport.width}×${viewport.height}): draw pad, slider, heatmap cell, 24 px targets`, async () => {
    const context = await browser.newContext({ viewport, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${server.url}?lesson=mnist&lang=en`);
    await ready(page);
    assert.equal(await page.evaluate(() => matchMedia('(any-pointer: coarse)').matches), true, 'a touch screen');
    const cdp = await context.newCDPSession(page);

    // A finger draws a 7 on the pad; the stroke is classified when it lifts.
    const pad = page.getByTestId('draw-pad');
    await pad.scrollIntoViewIfNeeded();
    const box = await pad.boundingBox();
    const p = (fx, fy) => [box.x + box.width * fx, box.y + box.height * fy];
    assert.equal(await padInk(page), 0);
    await stroke(cdp, 'touch', p(0.25, 0.2), p(0.75, 0.2));
    await stroke(cdp, 'touch', p(0.75, 0.2), p(0.4, 0.85));
    const touchInk = await padInk(page);
    assert.ok(touchInk > 500, `the finger drew ${touchInk} dark pixels`);
    await page.getByTestId('drawn-prediction').waitFor({ timeout: 10000 });
    // The stroke is where the finger went: ink at the 7's corner, none along the right and
    // bottom edges, which it never reached.
    const places = await pad.evaluate((c) => {
      const g = c.getContext('2d');
      const ink = (fx, fy, fw, fh) => {
        const d = g.getImageData(fx * c.width, fy * c.height, fw * c.width, fh * c.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i] < 128) n++;
        return n;
      };
      return { corner: ink(0.68, 0.15, 0.1, 0.1), right: ink(0.88, 0, 0.12, 1), bottom: ink(0, 0.93, 1, 0.07) };
    });
    assert.ok(places.corner > 50 && places.right === 0 && places.bottom === 0, JSON.stringify(places));

    // Clear with a tap; a pen draws a 1.
    // (Locator.tap scrolls the button into view, then taps it with page.touchscreen.)
    // A hand lifts and moves to the button: Chrome's gesture detector drops a tap that comes
    // within its double-tap window (~300 ms) of the last lifted touch (measured here: no click
    // without the pause, a click with it).
    await page.waitForTimeout(600);
    await page.locator('.draw-pad button.secondary').tap();
    await page.waitForFunction(() => {
      const c = document.querySelector('[data-testid=draw-pad]');
      return !c.getContext('2d').getImageData(0, 0, c.width, c.height).data.some((v, i) => i % 4 === 0 && v < 128);
    });
    await pad.scrollIntoViewIfNeeded();
    const box2 = await pad.boundingBox();
    const q = (fx, fy) => [box2.x + box2.width * fx, box2.y + box2.height * fy];
    await stroke(cdp, 'pen', q(0.5, 0.15), q(0.5, 0.85));
    const penInk = await padInk(page);
    assert.ok(penInk > 300, `the pen drew ${penInk} dark pixels`);

    // A tap on the row slider's far left moves it to row 0.
    const slider = page.getByTestId('row-slider');
    await slider.scrollIntoViewIfNeeded();
    const sb = await slider.boundingBox();
    await page.touchscreen.tap(sb.x + 3, sb.y + sb.height / 2);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=row-slider]').value) <= 1);

    // A tap on a heatmap cell picks its timestep and unit.
    const h = page.locator('.heatmap[data-map=h] canvas');
    await h.waitFor({ timeout: 20000 });
    await h.scrollIntoViewIfNeeded();
    const w = await page.locator('.heatmap[data-map=h] [data-testid=heat-highlight]').evaluate((e) => parseFloat(e.style.width));
    const hb = await h.boundingBox();
    await page.touchscreen.tap(hb.x + w * 3.5, hb.y + 1.5);
    await page.waitForFunction(() => document.querySelector('[data-testid=heat-readout]')?.dataset.t === '3');
    assert.equal(await page.getByTestId('timestep-readout').getAttribute('data-t'), '3');

    const small = await page.evaluate(smallTargets);
    await screenshot(page, `touch-${name}`);
    assert.deepEqual(small, [], 'targets under 24 × 24 px');
    assert.deepEqual(errors, []);
    await context.close();
  });
}
