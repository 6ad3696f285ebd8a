// Accessible to every student (issue 24): axe-core finds no violation of the WCAG 2.2 A/AA rules
// on any lesson, untrained and after some training, in English and in Korean, with the guided
// lesson's card open, and on a phone. axe-core (a dev dependency) is read from node_modules and
// evaluated in the page through the DevTools protocol: the app's CSP refuses inline scripts, and
// it stays as strict in the test as in the classroom.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { servedApp, server, browser, openPage, ready, untilPaused, revealAll, unrevealAll, screenshot, ROOT } from './harness.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const LESSONS = ['char', 'mnist', 'sentiment', 'series'];
const LANGS = ['en', 'ko'];

let axeSource;

servedApp();
before(async () => {
  axeSource = await readFile(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
});

/** axe's violations of the WCAG 2.2 A/AA rules on the whole page, every panel painted. */
async function axeViolations(page, source = axeSource) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(source);
  await revealAll(page);
  try {
    return await page.evaluate(async (tags) => {
      const r = await window.axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
      return r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({
          target: n.target.join(' '),
          html: n.html.replace(/\s+/g, ' ').slice(0, 220),
          summary: (n.failureSummary || '').replace(/\s+/g, ' ').slice(0, 300),
        })),
      }));
    }, TAGS);
  } finally {
    await unrevealAll(page);
  }
}

/** One line per violation and one per offending node: what to fix, and where. */
function describe(where, violations) {
  const lines = [];
  for (const v of violations) {
    lines.push(`${where}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.length} node(s)`);
    for (const n of v.nodes) lines.push(`    ${n.target}\n      ${n.html}\n      ${n.summary}`);
  }
  return lines;
}

/** Trains for `ms` with Play (until paused), then pauses. */
async function trainFor(page, ms) {
  await untilPaused(page);
  await page.getByTestId('play').click();
  await page.waitForFunction(() => +document.querySelector('[data-testid=status]')?.dataset.update > 0, null, { timeout: 60000 });
  await page.waitForTimeout(ms);
  // The run may have ended by itself meanwhile (early stopping: the review lesson's fast preset
  // stops after about 4 s here), and may end while the click lands: then nothing is paused.
  const pause = page.getByTestId('pause');
  if (await pause.isVisible()) await pause.click({ timeout: 2000 }).catch(() => {});
  await page.getByTestId('play').waitFor({ timeout: 10000 });
  // The traces of the paused model and the lesson's views reach the page within a second.
  await page.locator('[data-testid=gate-heatmap] canvas').first().waitFor({ state: 'attached', timeout: 20000 });
  await page.waitForTimeout(800);
}

function report(where, violations, failures) {
  const count = violations.reduce((n, v) => n + v.nodes.length, 0);
  console.log(`axe ${where}: ${violations.length} rule(s), ${count} node(s)${violations.length ? ` [${violations.map((v) => v.id).join(', ')}]` : ''}`);
  failures.push(...describe(where, violations));
}

for (const lesson of LESSONS) {
  for (const lang of LANGS) {
    test(`axe: ${lesson} in ${lang}, untrained and trained, has no WCAG 2.2 A/AA violation`, async () => {
      const { page, errors, context } = await openPage(browser, `${server.url}?lesson=${lesson}&lang=${lang}`);
      await ready(page);
      await page.waitForTimeout(500);
      const failures = [];
      report(`${lesson}/${lang}/untrained`, await axeViolations(page), failures);
      await trainFor(page, 3000);
      report(`${lesson}/${lang}/trained`, await axeViolations(page), failures);
      if (failures.length) await screenshot(page, `a11y-${lesson}-${lang}`);
      assert.deepEqual(errors, []);
      assert.equal(failures.length, 0, `\n${failures.join('\n')}`);
      await context.close();
    });
  }
}

test('axe: the guided lesson open on a step (each lesson, one language each) has no violation', async () => {
  const failures = [];
  for (const [lesson, lang, step] of [['char', 'en', 4], ['mnist', 'ko', 3], ['sentiment', 'en', 2], ['series', 'ko', 2]]) {
    const { page, errors, context } = await openPage(browser, `${server.url}?lesson=${lesson}&lang=${lang}&tour=${step}`);
    await ready(page);
    await page.getByTestId('tour').waitFor();
    await page.waitForTimeout(800);
    report(`${lesson}/${lang}/tour step ${step}`, await axeViolations(page), failures);
    assert.deepEqual(errors, []);
    await context.close();
  }
  assert.equal(failures.length, 0, `\n${failures.join('\n')}`);
});

test('axe: a phone (390×844) and a tablet (820×1180) have no violation', async () => {
  const failures = [];
  for (const [lesson, viewport] of [['char', { width: 390, height: 844 }], ['mnist', { width: 820, height: 1180 }]]) {
    const { page, errors, context } = await openPage(browser, `${server.url}?lesson=${lesson}&lang=ko`, viewport);
    await ready(page);
    await page.waitForTimeout(500);
    report(`${lesson}/ko/${viewport.width}×${viewport.height}`, await axeViolations(page), failures);
    assert.deepEqual(errors, []);
    await context.close();
  }
  assert.equal(failures.length, 0, `\n${failures.join('\n')}`);
});

test('axe: the memory-limit experiment after a small sweep (both languages) has no violation', async () => {
  const failures = [];
  for (const lang of LANGS) {
    const { page, errors, context } = await openPage(browser, `${server.url}?lesson=char&lang=${lang}`);
    await ready(page);
    for (const [testid, value] of [['memory-limit-max-distance', '3'], ['memory-limit-updates', '200']]) {
      await page.getByTestId(testid).fill(value);
      await page.getByTestId(testid).blur();
    }
    await page.getByTestId('memory-limit-start').click();
    await page.locator('[data-testid=memory-limit-status][data-done=true]').waitFor({ timeout: 60000 });
    report(`char/${lang}/memory limit`, await axeViolations(page), failures);
    assert.deepEqual(errors, []);
    await context.close();
  }
  assert.equal(failures.length, 0, `\n${failures.join('\n')}`);
});

test("axe: the char lesson's course cell (its notes, diagram and code), trained, in both languages", async () => {
  for (const lang of LANGS) {
    const { page, errors, context } = await openPage(browser, `${server.url}?lesson=char&preset=char-course-cell&lang=${lang}`);
    await ready(page);
    await trainFor(page, 2000);
    const failures = [];
    report(`char course cell/${lang}/trained`, await axeViolations(page), failures);
    if (failures.length) await screenshot(page, `a11y-char-course-cell-${lang}`);
    assert.deepEqual(errors, []);
    assert.equal(failures.length, 0, `\n${failures.join('\n')}`);
    await context.close();
  }
});
