// Peers in one run (a program, not a test): in one headless Chromium, trains the MNIST-rows
// LSTM 64×1 and 128×2 (batch 100, 28 rows of 28 pixels, last-step head, cross-entropy, Adam)
// and the char model's LSTM h35 (the course sentence, one-hot over the course alphabet, a head
// on every step, cross-entropy, the whole sentence as one batch, Adam) with
//   app        the built app (the page and its training worker, driven as benches/browser.mjs does),
//   app-all-cores  the same with the page hidden (emulated): "Auto" shares each update between
//              helper workers on every core (the char model's single sequence stays on one),
//   wasm-core  the raw wasm core in a worker (crates/core/src/bench.rs, built by ./scripts/bench.sh),
//   tfjs-wasm  TensorFlow.js on its wasm backend, one thread, in a worker (benches/compare/tf-worker.js),
// and prints one JSON line per config and engine:
//   {"config","engine","samples_per_s","ms_per_epoch", …details}
// samples_per_s: MNIST images (or char-model sentences) per second; ms_per_epoch: the char model
// only (one epoch = one update on the whole sentence). Each figure is the fastest of five
// consecutive windows of the measured `seconds`, after a warm-up, as crates/core/src/bench.rs measures
// (other load on a shared machine only slows a window down); `mean_samples_per_s` is the whole
// window where the engine exposes it. Everything is served from this machine: the app from
// dist/ (or COMPARE_APP=DIR), the core from target/wasm-bench, TF.js from benches/compare/node_modules
// (pinned in benches/compare/package-lock.json, installed here on first use).
//
//   bash scripts/build.sh         # the app in dist/
//   ./scripts/bench.sh 1 LSTM     # once: builds target/wasm-bench
//   node benches/compare.mjs [seconds per engine and config, default 10] [config filter]
// COMPARE_ENGINES=app,app-all-cores,wasm-core,tfjs-wasm picks engines; COMPARE_TF_CELL=stacked|gates|layers
// the TF.js cell layout (default stacked: see benches/compare/tf-worker.js).
import { existsSync, statSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, serveDist, launchBrowser, ready } from '../tests/e2e/harness.mjs';

const secs = Number(process.argv[2] ?? 10);
const filter = process.argv[3] ?? '';
const warmupSecs = Math.min(3, Math.max(1, secs / 4));
const APP = process.env.COMPARE_APP || join(ROOT, 'dist');
const CORE = join(ROOT, 'target', 'wasm-bench', 'wasm_bench.js');
const engines = (process.env.COMPARE_ENGINES || 'app,app-all-cores,wasm-core,tfjs-wasm').split(',');
// TF.js cell layout (benches/compare/tf-worker.js): stacked, gates or layers.
const tfCell = process.env.COMPARE_TF_CELL || 'stacked';
if (!['stacked', 'gates', 'layers'].includes(tfCell)) throw new Error(`COMPARE_TF_CELL: ${tfCell}?`);

const CONFIGS = [
  {
    config: 'mnist rows LSTM 64x1',
    kind: 'mnist', input: 28, seq: 28, hidden: 64, layers: 1, classes: 10, batch: 100, head: 'last', lr: 0.01,
    app: '?lesson=mnist&preset=mnist-fast-lstm&batch=100&clip=0&lr=0.01',
    core: 'MNIST rows LSTM 64x1',
  },
  {
    config: 'mnist rows LSTM 128x2',
    kind: 'mnist', input: 28, seq: 28, hidden: 128, layers: 2, classes: 10, batch: 100, head: 'last', lr: 0.01,
    app: '?lesson=mnist&preset=mnist-fast-lstm&batch=100&clip=0&lr=0.01&hidden=128&layers=2',
    core: 'MNIST rows LSTM 128x2',
  },
  {
    // 68 characters between start and end: 69 steps of one-hot over 35 symbols.
    config: 'char LSTM h35',
    kind: 'char', input: 35, seq: 69, hidden: 35, layers: 1, classes: 35, batch: 1, head: 'per_step', lr: 0.01,
    app: '?lesson=char&preset=char-course-lstm',
    appLoss: 'ce',
    core: 'char model LSTM h35',
  },
].filter((c) => c.config.includes(filter));

/** Rate of `records` ([ms, count] in time order): the fastest of `n` consecutive windows (of
 * equally many records; single intervals when there are fewer), and the whole span. */
function rates(records, n = 5) {
  const rate = (a, b) => ((b[1] - a[1]) * 1000) / (b[0] - a[0]);
  const m = records.length - 1;
  if (m < 1 || records[m][0] <= records[0][0]) return { best: null, mean: null };
  const k = Math.min(n, m);
  let best = 0;
  for (let w = 0; w < k; w++) best = Math.max(best, rate(records[Math.round((w * m) / k)], records[Math.round(((w + 1) * m) / k)]));
  return { best, mean: rate(records[0], records[m]) };
}

const round = (v, digits) => (v == null || !Number.isFinite(v) ? null : Number(v.toFixed(digits)));

/** The JSON line: samples per second for every config, ms per epoch for the char model. */
function line(c, engine, perSecond, extra) {
  const char = c.kind === 'char';
  return {
    config: c.config,
    engine,
    samples_per_s: round(perSecond, char ? 1 : 0),
    ms_per_epoch: char && perSecond ? round(1000 / perSecond, 3) : null,
    ms_per_step: perSecond ? round((1000 * c.batch) / perSecond, 3) : null,
    ...extra,
  };
}

function load() {
  return execSync('cat /proc/loadavg').toString().split(' ').slice(0, 3).join(' ');
}

// --- (a) the app ---------------------------------------------------------------------------
async function runApp(browser, server, c, engine = 'app') {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  watchRequests(context);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(server.url + c.app);
  await ready(page);
  let loss = c.kind === 'mnist' ? 'ce' : 'mse';
  if (c.appLoss && c.appLoss !== loss) {
    // The char lesson's loss is a lesson option (no URL key): changing it rebuilds the model.
    await page.evaluate((v) => {
      const select = document.querySelector('[data-testid=loss-select]');
      if (!select) throw new Error('no loss-select on the page');
      select.value = v;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    }, c.appLoss);
    await page.waitForFunction((v) => document.querySelector('[data-testid=loss-select]')?.value === v, c.appLoss);
    await ready(page);
    loss = c.appLoss;
  }
  if (engine === 'app-all-cores') {
    // The page as a background tab: "Auto" cores use every core (helper workers share each
    // update) and the worker sends no traces or views. Headless Chromium never hides a page,
    // so `document.hidden` and its event are emulated, as benches/browser.mjs BENCH_HIDDEN=1.
    await page.evaluate(() => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
  }
  // Let the first render of the lesson's views finish before training starts (as browser.mjs).
  await page.waitForTimeout(2000);
  // Every progress message the page shows: [ms, update, epoch].
  await page.evaluate(() => {
    const status = () => document.querySelector('[data-testid=status]');
    const take = () => {
      const s = status();
      if (!s) return;
      window.__progress.push([performance.now(), Number(s.dataset.update), Number(s.dataset.epoch)]);
      window.__firstStatus ??= s.textContent;
    };
    window.__progress = [];
    new MutationObserver(take).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-update'] });
  });
  await page.getByTestId('play').click();
  await page.waitForTimeout(warmupSecs * 1000);
  const from = await page.evaluate(() => performance.now());
  await page.waitForTimeout(secs * 1000);
  const to = await page.evaluate(() => performance.now());
  const speedText = await page.getByTestId('cores-used').textContent().catch(() => '');
  await page.getByTestId('pause').click();
  const progress = (await page.evaluate(() => window.__progress)).filter(([t]) => t >= from && t <= to);
  const statusText = await page.getByTestId('status').textContent();
  const firstStatus = await page.evaluate(() => window.__firstStatus);
  const lossIn = (text) => round(Number(text?.match(/loss ([\d.e+-]+)/)?.[1]), 4);
  await context.close();
  if (errors.length) throw new Error(`app: ${errors.join('; ')}`);
  if (progress.length < 2) throw new Error(`app: no progress while training (${c.config})`);
  const updates = progress[progress.length - 1][1] - progress[0][1];
  const epochs = progress[progress.length - 1][2] - progress[0][2];
  const r = rates(progress.map(([t, u]) => [t, u * c.batch]));
  return line(c, engine, r.best, {
    mean_samples_per_s: round(r.mean, c.kind === 'char' ? 1 : 0),
    updates,
    epochs,
    loss,
    data: c.kind === 'mnist' ? 'MNIST 12k subset, standardised' : 'course sentence',
    loss_first: lossIn(firstStatus),
    loss_last: lossIn(statusText),
    status: statusText.trim(),
    cores: speedText.match(/(\d+) core/)?.[1] ?? null,
  });
}

// --- (b) the raw wasm core -----------------------------------------------------------------
async function runCore(page, c) {
  const r = await page.evaluate(
    ([msg]) => window.runWorker('core-worker.js', msg, { type: 'module' }),
    [{ prefix: c.core, secs, warmupSecs }],
  );
  return line(c, 'wasm-core', r.samples_per_s, {
    gflops: r.gflops,
    // the step's own products run alone, and their time over the step's (crates/core/src/bench.rs)
    products_gflops: r.products_gflops,
    share: r.share,
    bench: r.name,
    // crates/core/src/bench.rs trains its char model on the course's MSE summed over steps, on synthetic
    // one-hot data; the products and the cell are the same.
    loss: c.kind === 'char' ? 'mse_sum_t' : 'ce',
    data: 'crates/core/src/bench.rs',
  });
}

// --- (c) TensorFlow.js, wasm backend -------------------------------------------------------
let tfEnv = null;
async function runTf(page, c) {
  const r = await page.evaluate(
    ([msg]) => window.runWorker('tf-worker.js', msg),
    [{ config: c, secs, warmupSecs, cell: tfCell }],
  );
  tfEnv = r.env;
  const s = rates(r.records.map(([t, n]) => [t, n * c.batch]));
  return line(c, 'tfjs-wasm', s.best, {
    mean_samples_per_s: round(s.mean, c.kind === 'char' ? 1 : 0),
    updates: r.records.length - 1,
    cell: r.cell,
    loss: 'ce',
    loss_first: round(r.lossFirst, 4),
    loss_last: round(r.lossLast, 4),
    ...(r.leaked ? { leaked_tensors: r.leaked } : {}),
    data: c.kind === 'mnist' ? 'crates/core/src/bench.rs' : 'course sentence',
  });
}

// Nothing may come from the network: only the loopback servers below answer.
const offsite = [];
function watchRequests(context) {
  context.on('request', (req) => {
    const url = req.url();
    if (/^https?:/.test(url) && !url.startsWith('http://127.0.0.1:')) offsite.push(url);
  });
}

if (engines.includes('app') && !existsSync(join(APP, 'index.html'))) {
  throw new Error(`no built app in ${APP}: bash scripts/build.sh --dist ${APP} (or COMPARE_APP=DIR)`);
}
const TF = join(ROOT, 'benches', 'compare');
if (engines.includes('tfjs-wasm') && !existsSync(join(TF, 'node_modules', '@tensorflow', 'tfjs-backend-wasm'))) {
  console.error('# installing TensorFlow.js into benches/compare/node_modules (npm ci, once)');
  execSync('npm ci --no-audit --no-fund', { cwd: TF, stdio: ['ignore', 'inherit', 'inherit'] });
}
if (engines.includes('wasm-core') && !existsSync(CORE)) {
  throw new Error('no target/wasm-bench: run ./scripts/bench.sh 1 LSTM once');
}
const appServer = await serveDist(APP);
// The peers' page, its workers, the core's build and TF.js's files, from the repository.
const rootServer = await serveDist(ROOT);
const browser = await launchBrowser();
const context = await browser.newContext();
watchRequests(context);
const peers = await context.newPage();
peers.on('pageerror', (err) => console.error(`pageerror: ${err.message}`));
await peers.goto(`${rootServer.url}benches/compare/index.html`);
await peers.waitForFunction(() => window.pageReady);
const agent = `Chromium ${browser.version()}`;
const cores = await peers.evaluate(() => navigator.hardwareConcurrency);
console.error(`# ${agent} headless, ${cores} logical cores, ${secs} s per run after ${warmupSecs} s of warm-up; load ${load()}`);
const built = (file) => (existsSync(file) ? statSync(file).mtime.toISOString() : 'missing');
console.error(`# app ${APP} built ${built(join(APP, 'index.html'))}; core built ${built(CORE)}`);

const results = [];
for (const c of CONFIGS) {
  for (const engine of engines) {
    const run = { app: () => runApp(browser, appServer, c), 'app-all-cores': () => runApp(browser, appServer, c, 'app-all-cores'), 'wasm-core': () => runCore(peers, c), 'tfjs-wasm': () => runTf(peers, c) }[engine];
    if (!run) throw new Error(`unknown engine ${engine}`);
    const r = await run();
    results.push(r);
    console.log(JSON.stringify(r));
  }
}
if (tfEnv) console.error(`# TF.js ${tfEnv.tfjs}, backend ${tfEnv.backend}, SIMD ${tfEnv.simd}, threads ${tfEnv.multithread ? tfEnv.threads : '1 (no multithread build loaded)'}`);
for (const c of CONFIGS) {
  const get = (e) => results.find((r) => r.config === c.config && r.engine === e)?.samples_per_s;
  const [app, all, core, tf] = [get('app'), get('app-all-cores'), get('wasm-core'), get('tfjs-wasm')];
  const ratio = (x) => (x ? (x / tf).toFixed(1) : '-');
  if (tf) console.error(`# ${c.config}: app/tfjs ${ratio(app)}x, app-all-cores/tfjs ${ratio(all)}x, core/tfjs ${ratio(core)}x`);
}
console.error(`# load at the end ${load()}`);
await browser.close();
await appServer.close();
await rootServer.close();
if (offsite.length) {
  console.error(`requests left this machine: ${[...new Set(offsite)].join(', ')}`);
  process.exitCode = 1;
}
