// Browser-engine benchmark (a program, not a test): the app's own training speed in Chromium,
// Firefox ESR and WebKitGTK on the same presets, one engine after the other on the same build,
// through the sessions of tests/e2e/engines.mjs. Prints one JSON line per engine and preset,
// then a table; asserts nothing.
//
//   bash scripts/build.sh && node benches/engines.mjs [seconds, default 10] [engines, default chromium,firefox,webkit] [filter]
//
// updates/s counts the status line's updates over the timed window, after a 3 s warm-up (the
// wasm tiers up, the first traces are drawn). One worker (Cores: 1), the page visible.
// BENCH_HIDE=<CSS selector> hides those parts of the page (display: none) after Play: what
// drawing them costs the training, e.g. BENCH_HIDE='.viz canvas'.
import { serveDist } from '../tests/e2e/harness.mjs';
import { busiest, snapshot } from './cpu.mjs';
import { instrumentedDist, launch, missing, ready, select, updates } from '../tests/e2e/engines.mjs';

const seconds = Number(process.argv[2] ?? 10);
const engines = (process.argv[3] ?? 'chromium,firefox,webkit').split(',');
const filter = process.argv[4] ?? '';
const PRESETS = [
  { name: 'char LSTM 35 (course sentence)', query: '?lesson=char&preset=char-course-lstm&lang=en' },
  { name: 'MNIST rows LSTM 64x1, batch 100', query: '?lesson=mnist&preset=mnist-fast-lstm&batch=100&lang=en', batch: 100 },
].filter((p) => p.name.includes(filter));

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
const dist = await instrumentedDist();
const rows = [];
// webkit-nocomp: WebKitGTK without accelerated compositing (WEBKIT_DISABLE_COMPOSITING_MODE=1).
// On a machine without a GPU, WebKitGTK composites every frame in OpenGL on Mesa's llvmpipe,
// threads of the web process that take the cores the worker trains on; this variant paints
// the page on the CPU without them (see the README's "Three engines").
const VARIANTS = { 'webkit-nocomp': { engine: 'webkit', env: { WEBKIT_DISABLE_COMPOSITING_MODE: '1' }, label: ', compositing off' } };
for (const name of engines) {
  const { engine, env, label } = VARIANTS[name] ?? { engine: name, env: {}, label: '' };
  if (engine !== 'chromium') {
    const why = await missing(engine);
    if (why) {
      console.log(JSON.stringify({ engine, skipped: why }));
      continue;
    }
  }
  const server = await serveDist(dist.dir);
  const s = await launch(engine, { env });
  for (const p of PRESETS) {
    await s.goto(server.url + p.query);
    await ready(s);
    await select(s, 'cores-select', '1');
    if (!(await s.evaluate(() => document.querySelector('[data-testid=until-paused]').checked))) await s.click('until-paused');
    await sleep(1500);
    await s.click('play');
    if (process.env.BENCH_HIDE) {
      // Through the CSSOM: the page's Content-Security-Policy refuses a <style> element.
      const n = await s.evaluate((sel) => {
        const els = document.querySelectorAll(sel);
        for (const e of els) e.style.setProperty('display', 'none', 'important');
        return els.length;
      }, process.env.BENCH_HIDE);
      console.log(`hid ${n} elements matching ${process.env.BENCH_HIDE}`);
    }
    await sleep(3000);
    const u0 = await updates(s);
    const c0 = await snapshot();
    const t0 = Date.now();
    await sleep(seconds * 1000);
    const u1 = await updates(s);
    const elapsed = (Date.now() - t0) / 1000;
    const cpu = busiest(c0, await snapshot(), elapsed);
    if (process.env.BENCH_HIDE) {
      await s.evaluate((sel) => document.querySelectorAll(sel).forEach((e) => e.style.removeProperty('display')), process.env.BENCH_HIDE);
    }
    await s.click('pause');
    const row = {
      engine: s.version + label,
      preset: p.name,
      seconds: Number(elapsed.toFixed(1)),
      updates: u1 - u0,
      updates_per_second: Number(((u1 - u0) / elapsed).toFixed(1)),
      ...(p.batch ? { samples_per_second: Math.round(((u1 - u0) * p.batch) / elapsed) } : {}),
      // % of one core over the window: the browser's processes (and WebKit's Xvfb) together,
      // and its busiest threads (the one that trains is the Web Worker's).
      cpu_percent: cpu.total,
      busiest_threads: cpu.threads.map(([t, p]) => `${t} ${p}%`),
      errors: await s.errors(),
    };
    console.log(JSON.stringify(row));
    rows.push(row);
  }
  await s.close();
  await server.close();
}
await dist.cleanup();

console.log('\n| preset | ' + [...new Set(rows.map((r) => r.engine))].join(' | ') + ' |');
console.log('|---|' + [...new Set(rows.map((r) => r.engine))].map(() => '---').join('|') + '|');
for (const p of PRESETS) {
  const cells = [...new Set(rows.map((r) => r.engine))].map((e) => {
    const r = rows.find((x) => x.engine === e && x.preset === p.name);
    return r ? `${r.updates_per_second} updates/s` : '—';
  });
  console.log(`| ${p.name} | ${cells.join(' | ')} |`);
}
