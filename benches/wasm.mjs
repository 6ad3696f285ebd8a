// WebAssembly core benchmark (a program, not a test): runs the core's training benchmark
// (crates/core/src/bench.rs), built by ./scripts/bench.sh into target/wasm-bench/, in a dedicated Web Worker
// in headless Chromium and prints its table. The native table comes from `cargo bench --bench core`.
//
//   node benches/wasm.mjs [seconds per config] [name filter]   (BENCH_GEMM=1: single products too)
import { join } from 'node:path';
import { ROOT, serveDist, launchBrowser } from '../tests/e2e/harness.mjs';

const secs = Number(process.argv[2] ?? 2);
const filter = process.argv[3] ?? '';
// BENCH_WASM_DIR: another build of the benchmark (e.g. a saved baseline).
const server = await serveDist(process.env.BENCH_WASM_DIR || join(ROOT, 'target', 'wasm-bench'));
const browser = await launchBrowser();
const page = await browser.newPage();
page.on('pageerror', (err) => console.error(`pageerror: ${err.message}`));
const gemm = process.env.BENCH_GEMM === '1' ? 1 : 0;
await page.goto(`${server.url}?secs=${secs}&gemm=${gemm}&filter=${encodeURIComponent(filter)}`);
const table = await page.evaluate(() => window.benchDone, null, { timeout: 0 });
const agent = await page.evaluate(() => navigator.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? 'unknown');
console.log(`WebAssembly in a Web Worker, headless ${agent}:`);
process.stdout.write(table);
await browser.close();
await server.close();
