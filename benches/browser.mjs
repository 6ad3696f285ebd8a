// Browser benchmark (a program, not a test): trains in the real app in headless Chromium and
// prints, per configuration, the worker's training speed and how smooth the page stays:
// requestAnimationFrame callbacks per second while training, and main-thread long tasks
// (> 50 ms), counted separately while the page loads and opens the lesson and while it trains.
// Each configuration runs once per worker count (the Run panel's "Cores" choice; more workers
// than cores share them).
//
//   bash scripts/build.sh && node benches/browser.mjs [seconds] [workers, e.g. 1,2,4] [filter]
//
// BENCH_HIDDEN=1 runs with the page hidden as the browser hides a background tab
// (`document.hidden` and its event, emulated: headless Chromium never hides a page), so the
// worker sends no traces or views; the frame rate is then not a figure of interest.
import { serveDist, launchBrowser, ready } from '../tests/e2e/harness.mjs';

const seconds = Number(process.argv[2] ?? 10);
const workerCounts = (process.argv[3] ?? '1').split(',').map(Number);
const filter = process.argv[4] ?? '';
const hidden = process.env.BENCH_HIDDEN === '1';
const allConfigs = [
  { name: 'mnist lstm 64x1 batch 100', query: '?lesson=mnist&preset=mnist-fast-lstm&batch=100' },
  { name: 'mnist lstm 128x2 batch 100', query: '?lesson=mnist&preset=mnist-fast-lstm&batch=100&hidden=128&layers=2' },
  { name: 'char lstm 35 (course sentence)', query: '?lesson=char&preset=char-course-lstm' },
];
const configs = allConfigs
  .filter((c) => c.name.includes(filter))
  .flatMap((c) => workerCounts.map((workers) => ({ ...c, workers })));

const server = await serveDist();
const browser = await launchBrowser();
for (const c of configs) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  // Long tasks from the very start, with their start times (the first render is counted too).
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(server.url + c.query);
  await ready(page);
  await page.getByTestId('cores-select').selectOption(String(c.workers));
  if (hidden) {
    await page.evaluate(() => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
  }
  // Let the first render of the lesson's views finish before training starts.
  await page.waitForTimeout(2000);
  const playAt = await page.evaluate(() => {
    window.__bench = { frames: 0, running: true };
    const tick = () => { if (window.__bench.running) { window.__bench.frames++; requestAnimationFrame(tick); } };
    requestAnimationFrame(tick);
    return performance.now();
  });
  const statusUpdate = async () => Number(await page.getByTestId('status').getAttribute('data-update'));
  await page.getByTestId('play').click();
  const start = Date.now();
  const u0 = await statusUpdate();
  const speeds = [];
  while (Date.now() - start < seconds * 1000) {
    await page.waitForTimeout(1000);
    const s = await page.getByTestId('speed').textContent().catch(() => null);
    if (s) speeds.push(Number(s.match(/([\d.]+)/)[1]));
  }
  const elapsed = (Date.now() - start) / 1000;
  const result = await page.evaluate(() => { window.__bench.running = false; return window.__bench; });
  const tasks = await page.evaluate(() => window.__longTasks);
  const opening = tasks.filter(([t]) => t < playAt).map(([, d]) => d);
  const training = tasks.filter(([t]) => t >= playAt).map(([, d]) => d);
  const u1 = await statusUpdate();
  // A short run (the course's char preset) may have reached its epochs: nothing to pause then.
  const pause = page.getByTestId('pause');
  if (await pause.isVisible()) await pause.click();
  const steady = speeds.slice(1);
  console.log(JSON.stringify({
    config: c.name,
    workers: c.workers,
    hidden,
    seconds: Number(elapsed.toFixed(1)),
    updates: u1 - u0,
    examples_per_second: steady.length ? Math.round(steady.reduce((a, b) => a + b) / steady.length) : null,
    fps: Number((result.frames / elapsed).toFixed(1)),
    long_tasks_training: training.length,
    longest_task_training_ms: Math.round(Math.max(0, ...training)),
    long_tasks_opening: opening.length,
    longest_task_opening_ms: Math.round(Math.max(0, ...opening)),
  }));
  await context.close();
}
await browser.close();
await server.close();
