// The app in the two other browser engines: Firefox ESR (WebDriver BiDi) and WebKitGTK
// (WebKitWebDriver + MiniBrowser under Xvfb), both Debian's (tests/e2e/engines.mjs). The
// shared core of what the Chromium tests check at length: the app loads with no console
// errors, Play trains, Pause stops, Step does one update, the timestep stepper moves every
// inside view and the views are drawn, a malformed model file is refused with a visible
// message, the Korean interface, a new version announced and loaded through "Reload to update",
// and an offline reload through the service worker.
//
// An engine missing on the machine: each of its tests says so and is skipped, and fails under
// CI=true. A part an engine cannot do here is skipped with the reason, never passed silently.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT, serveDist } from './harness.mjs';
import { instrumentedDist, launch, missing, ready, select, setFile, updates, waitFor, waitForUpdate } from './engines.mjs';

const ENGINES = [
  ['firefox', 'Firefox ESR'],
  ['webkit', 'WebKitGTK'],
];
const CI = process.env.CI === 'true';

let dist;
before(async () => {
  dist = await instrumentedDist();
});
after(async () => {
  await dist?.cleanup();
});

/** Waits until the service worker is active and controls the page. */
const controlled = (s) =>
  waitFor(
    s,
    async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      return reg?.active?.state === 'activated' && navigator.serviceWorker.controller !== null;
    },
    null,
    { timeout: 60000, what: 'the service worker active and controlling the page' },
  );

/** Whether the page offers an update: the flag on <html> and the "Reload to update" button. */
const offered = (s) =>
  s.evaluate(() => ({
    flag: document.documentElement.hasAttribute('data-update-waiting'),
    button: document.querySelector('[data-testid=update-reload]') !== null,
  }));

/** `ms` of waiting. */
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

for (const [engine, name] of ENGINES) {
  /** The engine's session and server, once its first test started them; `absent` when it cannot run. */
  const run = { session: null, server: null, absent: null, started: 0 };

  /** Runs `body` with the session; skips (fails in CI) when the engine is not there. */
  const engineTest = (title, body, timeout = 120000) =>
    test(`${name}: ${title}`, { timeout }, async (t) => {
      if (run.absent) {
        if (CI) assert.fail(`${name} is not available: ${run.absent}`);
        t.skip(`${name} is not available: ${run.absent}`);
        return;
      }
      assert.ok(run.session, `${name} did not start`);
      const t0 = Date.now();
      await body(run.session, t);
      t.diagnostic(`${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      const errors = await run.session.errors();
      assert.deepEqual(errors, [], `${name}: no console errors`);
    });

  test(`${name}: the engine starts`, { timeout: 60000 }, async (t) => {
    run.absent = await missing(engine);
    if (run.absent) {
      if (CI) assert.fail(`${name} is not available: ${run.absent}`);
      t.skip(`${name} is not available: ${run.absent}`);
      return;
    }
    run.started = Date.now();
    run.server = await serveDist(dist.dir);
    run.session = await launch(engine);
    t.diagnostic(`${name}: ${run.session.version}, started in ${((Date.now() - run.started) / 1000).toFixed(1)} s`);
  });

  engineTest('a first visit offers no update', async (s, t) => {
    // The browser's first service worker install, of the build as built (WebKitGTK announced
    // "A new version of RNN Playground is ready" on every first visit: a race that showed on a
    // fresh browser with dist/ as it is, and not with the console recorder's copy).
    const plain = await serveDist();
    try {
      await s.goto(`${plain.url}?lesson=char&preset=char-fast-lstm&lang=en`);
      // Hands off while the page starts and the service worker installs: scripts run from here
      // every 100 ms changed the order of WebKit's events enough to hide the race.
      await sleep(4000);
      await ready(s);
      const sw = await swSupport(s);
      if (!sw.ok) {
        t.diagnostic(sw.why);
        t.skip(sw.why);
        return;
      }
      await controlled(s);
      assert.deepEqual(await offered(s), { flag: false, button: false }, 'no "Reload to update" on a first visit');
      await s.goto('about:blank');
    } finally {
      await plain.close();
    }
  });

  engineTest('the app loads with no console errors', async (s) => {
    await s.goto(`${run.server.url}?lesson=char&preset=char-fast-lstm&lang=en`);
    await ready(s);
    assert.equal(await updates(s), 0, 'a fresh model');
  });

  engineTest('Play trains, Pause stops it, Step does exactly one update', async (s) => {
    // Step: one update.
    const u0 = await updates(s);
    await s.click('step');
    await waitForUpdate(s, u0 + 1);
    await sleep(500);
    assert.equal(await updates(s), u0 + 1, 'one step is one update');
    // Play, until paused: the update count rises and the loss falls.
    const loss = () => s.evaluate(() => Number(document.querySelector('[data-testid=status]').textContent.match(/loss ([\d.]+(?:e-?\d+)?)/)?.[1]));
    const firstLoss = await loss();
    if (!(await s.evaluate(() => document.querySelector('[data-testid=until-paused]').checked))) await s.click('until-paused');
    await s.click('play');
    await waitForUpdate(s, u0 + 200, 60000);
    const later = await loss();
    assert.ok(later < firstLoss, `the loss fell while playing: ${firstLoss} → ${later}`);
    await s.click('pause');
    await waitFor(s, () => document.querySelector('[data-testid=play]') !== null, null, { what: 'the Play button back' });
    const paused = await updates(s);
    await sleep(700);
    assert.equal(await updates(s), paused, 'no update after Pause');
    await s.click('step');
    await waitForUpdate(s, paused + 1);
    await sleep(300);
    assert.equal(await updates(s), paused + 1, 'Step after Pause: one update');
  });

  engineTest('the timestep stepper moves every inside view, and the views are drawn', async (s) => {
    await waitFor(s, () => document.querySelector('[data-testid=timestep-slider]') !== null, null, { what: 'the timestep slider' });
    const shown = () =>
      s.evaluate(() => {
        const get = (sel) => document.querySelector(sel)?.dataset.t;
        return {
          readout: get('[data-testid=timestep-readout]'),
          heat: [...new Set([...document.querySelectorAll('[data-testid=heat-highlight]')].map((e) => e.dataset.t))],
          graph: get('[data-testid=bptt-current]'),
          diagram: get('[data-testid=cell-diagram]'),
          arithmetic: get('[data-testid=unit-arithmetic]'),
          slider: document.querySelector('[data-testid=timestep-slider]').value,
        };
      });
    const at = (t) => ({ readout: String(t), heat: [String(t)], graph: String(t), diagram: String(t), arithmetic: String(t), slider: String(t) });
    // Wherever an earlier step left it, the start is one click of "previous" per timestep away.
    const start = Number((await shown()).slider);
    for (let i = 0; i < start; i++) await s.click('timestep-prev');
    assert.deepEqual(await shown(), at(0));
    await s.click('timestep-next');
    await s.click('timestep-next');
    assert.deepEqual(await shown(), at(2));
    await s.click('timestep-prev');
    assert.deepEqual(await shown(), at(1));
    // Drawn: every heatmap and chart canvas has painted pixels; the SVG views have shapes.
    const drawn = await s.evaluate(() => {
      const canvases = [...document.querySelectorAll('[data-testid=gate-heatmap] canvas, [data-testid=loss-chart] canvas')];
      const painted = canvases.map((c) => {
        const { width, height } = c;
        if (!width || !height) return 0;
        const data = c.getContext('2d').getImageData(0, 0, width, height).data;
        let n = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) n++;
        return n;
      });
      const shapes = (id) => document.querySelectorAll(`[data-testid=${id}] path, [data-testid=${id}] line, [data-testid=${id}] rect, [data-testid=${id}] circle`).length;
      return {
        canvases: canvases.length,
        painted,
        bpttShapes: shapes('bptt-graph'),
        diagramShapes: shapes('cell-diagram'),
        arrows: document.querySelectorAll('[data-testid=bptt-back]').length,
        h: document.querySelector('[data-testid=arith-h]')?.dataset.value,
      };
    });
    assert.ok(drawn.canvases >= 2, `heatmap and loss chart canvases: ${JSON.stringify(drawn)}`);
    assert.ok(drawn.painted.every((n) => n > 0), `every canvas painted: ${JSON.stringify(drawn)}`);
    assert.ok(drawn.bpttShapes > 0 && drawn.diagramShapes > 0 && drawn.arrows > 10, `SVG views drawn: ${JSON.stringify(drawn)}`);
    assert.ok(Number.isFinite(Number(drawn.h)), `the arithmetic shows h_t: ${drawn.h}`);
  });

  engineTest('a malformed model file is refused with a visible message and changes nothing', async (s) => {
    const before = await s.evaluate(() => [document.querySelector('[data-testid=param-total]').textContent, document.querySelector('[data-testid=status]').textContent]);
    assert.equal(await setFile(s, 'import', 'broken-model.json', '{"state_dict": {"rnn.weight_ih_l0": [[0.1, 0.2'), 1);
    const message = await waitFor(
      s,
      () => {
        const n = [...document.querySelectorAll('[data-testid=notice]')].find((e) => e.textContent.includes('Model file refused'));
        if (!n) return null;
        const r = n.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && getComputedStyle(n).visibility !== 'hidden' ? n.textContent : null;
      },
      null,
      { what: 'a visible "Model file refused" notice' },
    );
    assert.match(message, /nothing changed/);
    const afterwards = await s.evaluate(() => [document.querySelector('[data-testid=param-total]').textContent, document.querySelector('[data-testid=status]').textContent]);
    assert.deepEqual(afterwards, before, 'the model and the run are as they were');
  });

  engineTest('the Korean interface (?lang=ko)', async (s) => {
    await s.goto(`${run.server.url}?lesson=char&preset=char-fast-lstm&lang=ko`);
    await ready(s);
    const ko = await s.evaluate(() => ({
      lang: document.documentElement.lang,
      select: document.querySelector('[data-testid=language-select]').value,
      step: document.querySelector('[data-testid=step]').textContent,
      title: document.title,
    }));
    assert.equal(ko.lang, 'ko', JSON.stringify(ko));
    assert.equal(ko.select, 'ko');
    assert.match(ko.step + ko.title, /[\uac00-\ud7a3]/, `Hangul on the page: ${JSON.stringify(ko)}`);
    const u = await updates(s);
    await s.click('step');
    await waitForUpdate(s, u + 1);
    // A refused file in Korean too.
    await setFile(s, 'import', '모델.json', 'not json');
    await waitFor(s, () => [...document.querySelectorAll('[data-testid=notice]')].some((e) => e.textContent.includes('모델 파일이 거부되었습니다')), null, {
      what: 'the Korean "model file refused" notice',
    });
    await s.goto(`${run.server.url}?lesson=char&preset=char-fast-lstm&lang=en`);
    await ready(s);
  });

  engineTest('a new version waits behind "Reload to update", and the button loads it whole', async (s, t) => {
    if (!(await serviceWorkers(s, t))) return;
    // A copy of the build of its own, on a server (an origin) of its own.
    const tmp = await mkdtemp(join(tmpdir(), 'rnn-playground-engines-update-'));
    const dir = join(tmp, 'app');
    await cp(dist.dir, dir, { recursive: true });
    const server = await serveDist(tmp);
    try {
      await s.goto(`${server.url}app/?lesson=char&preset=char-fast-lstm&lang=en`);
      await ready(s);
      await controlled(s);
      assert.deepEqual(await offered(s), { flag: false, button: false }, 'nothing to update to on a first visit');
      // Deploy a new version: index.html changes, and the post-build step writes the new sw.js.
      const html = await readFile(join(dir, 'index.html'), 'utf8');
      await writeFile(join(dir, 'index.html'), html.replace('</head>', '<meta name="e2e-version" content="2" />\n</head>'));
      await promisify(execFile)('node', [join(ROOT, 'scripts', 'post-build.mjs'), dir], { env: { ...process.env, TRUNK_PUBLIC_URL: './' } });
      const isNew = () => s.evaluate(() => document.querySelector('meta[name=e2e-version]') !== null);
      await s.reload();
      await ready(s);
      await waitFor(s, () => document.documentElement.hasAttribute('data-update-waiting') && document.querySelector('[data-testid=update-reload]') !== null, null, {
        timeout: 60000,
        what: 'the new version waiting, and "Reload to update" offered',
      });
      assert.equal(await isNew(), false, 'the page still runs the old version');
      await s.click('update-reload');
      await waitFor(s, () => document.querySelector('meta[name=e2e-version]') !== null, null, { what: 'the new version loaded' });
      await ready(s);
      assert.deepEqual(await offered(s), { flag: false, button: false }, 'no update offered any more');
      // The new version's service worker answers for the page, with the server gone.
      await server.close();
      const answer = await s.evaluate(() =>
        Promise.race([
          fetch('./index.html').then(async (r) => r.ok && (await r.text()).includes('e2e-version')),
          new Promise((ok) => setTimeout(() => ok('no answer within 10 s'), 10000)),
        ]),
      );
      assert.equal(answer, true, 'the new version answers offline');
      // WebKitGTK 2.50 sometimes shows this page the new worker as "activating" for a long
      // while, though it already answers fetches and the next page load sees it "activated".
      const state = await s.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.state);
      if (state !== 'activated') t.diagnostic(`${name}: the page still sees the new service worker as '${state}' while it answers fetches`);
      assert.ok(['activating', 'activated'].includes(state), `the new service worker is active: ${state}`);
    } finally {
      await server.close();
      await rm(tmp, { recursive: true, force: true });
    }
  });

  engineTest('offline: a reload with the server gone is answered by the service worker', async (s, t) => {
    await s.goto(`${run.server.url}?lesson=char&preset=char-fast-lstm&lang=en`);
    await ready(s);
    if (!(await serviceWorkers(s, t))) return;
    await controlled(s);
    // A first visit: nothing to update to (WebKit once announced a new version here).
    assert.deepEqual(await offered(s), { flag: false, button: false }, 'no "Reload to update" on a first visit');
    // No network: the only server of this origin is gone.
    await run.server.close();
    run.server = { url: run.server.url, close: async () => {} };
    await s.reload();
    await ready(s);
    const u = await updates(s);
    await s.click('step');
    await waitForUpdate(s, u + 1);
    assert.equal(await s.evaluate(() => navigator.serviceWorker.controller !== null), true, 'the page is controlled by the service worker');
  });

  /** Whether the engine offers service workers on this page: { ok, why }. */
  async function swSupport(s) {
    const support = await s.evaluate(() => ({ sw: 'serviceWorker' in navigator, secure: window.isSecureContext, caches: 'caches' in window, url: location.origin }));
    const ok = support.sw && support.secure && support.caches;
    return { ok, why: ok ? '' : `${name} offers no service worker here (navigator.serviceWorker: ${support.sw}, isSecureContext: ${support.secure}, caches: ${support.caches} on ${support.url})` };
  }

  /** Whether the engine offers service workers on this page; if not, `t` skips with the reason. */
  async function serviceWorkers(s, t) {
    const { ok, why } = await swSupport(s);
    if (ok) return true;
    t.diagnostic(why);
    t.skip(why);
    return false;
  }

  test(`${name}: closes`, async (t) => {
    if (!run.session) {
      t.skip(`${name} did not run`);
      return;
    }
    await run.session.close();
    await run.server.close();
    t.diagnostic(`${name}: ${((Date.now() - run.started) / 1000).toFixed(1)} s in all`);
  });
}
