// prefers-reduced-motion (issue 24): with it, no element keeps a transition or an animation and
// the guided lesson's scrolls jump instead of gliding; without it, the same elements do move
// (so the check below can fail).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, ready, servedApp, server, browser } from './harness.mjs';

servedApp();

/** Every element (and ::before / ::after) whose computed transition or animation lasts. */
function moving() {
  const seconds = (s) => Math.max(0, ...s.split(',').map((x) => parseFloat(x) * (x.trim().endsWith('ms') ? 0.001 : 1) || 0));
  const out = [];
  for (const el of document.querySelectorAll('*')) {
    for (const pseudo of [null, '::before', '::after']) {
      const cs = getComputedStyle(el, pseudo);
      const t = seconds(cs.transitionDuration) + seconds(cs.transitionDelay);
      const a = cs.animationName !== 'none' ? seconds(cs.animationDuration) : 0;
      if (t > 0 || a > 0) {
        const cls = String(el.className?.baseVal ?? el.className ?? '').trim();
        const name = `${el.tagName.toLowerCase()}${cls ? `.${cls.split(/\s+/).join('.')}` : ''}${pseudo ?? ''}`;
        out.push(`${name}: transition ${cs.transitionDuration}, animation ${cs.animationName} ${cs.animationDuration}`);
      }
    }
  }
  return out;
}

/** Records the `behavior` of every window.scrollTo call (the tour scrolls to its target). */
function recordScrolls() {
  window.__scrolls = [];
  const original = window.scrollTo.bind(window);
  window.scrollTo = (...args) => {
    window.__scrolls.push(typeof args[0] === 'object' ? args[0].behavior ?? 'auto' : 'auto');
    return original(...args);
  };
}

/** Opens the char lesson with the tour on a step far down the page (the inside views). */
async function openTour(reduce) {
  const { page, errors, context } = await openPage(browser, `${server.url}?lesson=char&lang=en`);
  if (reduce) await page.emulateMedia({ reducedMotion: 'reduce' });
  await ready(page);
  await page.locator('[data-testid=gate-heatmap] canvas').first().waitFor({ state: 'attached', timeout: 20000 });
  await page.evaluate(recordScrolls);
  await page.getByTestId('tour-start').click();
  await page.getByTestId('tour-ring').waitFor();
  // Walk to the last step (the inside views are far below the first step's text).
  const last = await page.locator('.tour-dot').count();
  await page.locator('.tour-dot').nth(last - 1).click();
  await page.waitForFunction((n) => document.querySelector('[data-testid=tour-step]')?.dataset.step === String(n), last);
  await page.waitForTimeout(1000);
  return { page, errors, context };
}

test('prefers-reduced-motion: no transition or animation, and the tour scrolls at once', async () => {
  // Without the preference: the tour's ring glides, the settings' arrow turns, scrolls are smooth.
  {
    const { page, errors, context } = await openTour(false);
    const moves = await page.evaluate(moving);
    assert.ok(moves.some((m) => m.includes('tour-ring')), `the ring moves without the preference: ${moves.join('\n')}`);
    assert.ok(moves.some((m) => m.includes('summary::before')), moves.join('\n'));
    const scrolls = await page.evaluate(() => window.__scrolls);
    assert.ok(scrolls.length > 0 && scrolls.every((b) => b === 'smooth'), `scrolls: ${scrolls}`);
    assert.deepEqual(errors, []);
    await context.close();
  }
  // With it: nothing moves, and every scroll jumps.
  {
    const { page, errors, context } = await openTour(true);
    assert.equal(await page.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches), true);
    const moves = await page.evaluate(moving);
    assert.deepEqual(moves, [], 'elements still moving with prefers-reduced-motion: reduce');
    const ring = await page.getByTestId('tour-ring').evaluate((e) => getComputedStyle(e).transitionDuration);
    assert.match(ring, /^0s(, 0s)*$/);
    const scrolls = await page.evaluate(() => window.__scrolls);
    assert.ok(scrolls.length > 0 && scrolls.every((b) => b === 'instant'), `scrolls: ${scrolls}`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});
