// Soak run (a program, not a test): trains one preset in the built app for a long time and
// prints, once a minute, what would show a leak or a slow-down: the page's JS heap (after a
// forced garbage collection), the wasm memory of the page and of the worker, the number of DOM
// nodes, the updates done and the training speed. A summary compares the last minutes with the
// first ones.
//
//   bash scripts/build.sh && node benches/soak.mjs [minutes=30] [query=?lesson=mnist&preset=mnist-fast-lstm]
import { serveDist, launchBrowser, ready } from '../tests/e2e/harness.mjs';

const minutes = Number(process.argv[2] ?? 30);
const query = process.argv[3] ?? '?lesson=mnist&preset=mnist-fast-lstm';
const MB = 1024 * 1024;

const server = await serveDist();
const browser = await launchBrowser();
const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
const page = await context.newPage();
const errors = [];
page.on('pageerror', (e) => errors.push(e.message));
page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
await page.goto(server.url + query);
await ready(page);
const cdp = await context.newCDPSession(page);
await cdp.send('HeapProfiler.enable');

/** The worker that trains: the one whose scope has the wasm bindings. */
async function trainingWorker() {
  for (const w of page.workers()) {
    if (await w.evaluate(() => typeof wasm_bindgen !== 'undefined' && 'wasm_memory_bytes' in wasm_bindgen).catch(() => false)) return w;
  }
  return null;
}

async function sample(t0) {
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const page_wasm = await page.evaluate(() => window.wasmBindings?.wasm_memory_bytes?.() ?? null);
  const worker = await trainingWorker();
  const worker_wasm = worker ? await worker.evaluate(() => wasm_bindgen.wasm_memory_bytes()) : null;
  const nodes = await page.evaluate(() => document.getElementsByTagName('*').length);
  const update = Number(await page.getByTestId('status').getAttribute('data-update'));
  const speed = await page.getByTestId('speed').textContent().catch(() => '');
  return {
    minute: Number(((Date.now() - t0) / 60000).toFixed(1)),
    page_heap_mb: Number((heap.usedSize / MB).toFixed(1)),
    page_wasm_mb: page_wasm && Number((page_wasm / MB).toFixed(1)),
    worker_wasm_mb: worker_wasm && Number((worker_wasm / MB).toFixed(1)),
    dom_nodes: nodes,
    update,
    examples_per_second: Number((speed.match(/([\d.]+)/) ?? [])[1]) || null,
    running: await page.getByTestId('pause').isVisible(),
  };
}

await page.getByTestId('play').click();
const t0 = Date.now();
const rows = [];
for (let m = 0; m <= minutes; m++) {
  if (m > 0) await page.waitForTimeout(Math.max(0, t0 + m * 60000 - Date.now()));
  const r = await sample(t0);
  rows.push(r);
  console.log(JSON.stringify(r));
  // An early stop (the preset's epochs done) is restarted: the soak is about running long.
  if (!r.running) await page.getByTestId('play').click().catch(() => {});
}

const first = rows[1] ?? rows[0];
const last = rows[rows.length - 1];
const growth = (k) => (last[k] != null && first[k] != null ? Number((last[k] - first[k]).toFixed(1)) : null);
console.log(JSON.stringify({
  summary: `${minutes} min of ${query}`,
  updates: last.update,
  page_heap_mb: [first.page_heap_mb, last.page_heap_mb],
  page_heap_growth_mb: growth('page_heap_mb'),
  page_wasm_growth_mb: growth('page_wasm_mb'),
  worker_wasm_growth_mb: growth('worker_wasm_mb'),
  dom_node_growth: growth('dom_nodes'),
  speed_first_last: [first.examples_per_second, last.examples_per_second],
  errors,
}));
await browser.close();
await server.close();
