// The core's WebAssembly benchmark (crates/core/src/bench.rs, built by ./scripts/bench.sh into
// target/wasm-bench/) in each browser engine (a program, not a test): the same module and the
// same configurations timed in a dedicated Web Worker of Chromium, Firefox ESR and WebKitGTK,
// through the sessions of tests/e2e/engines.mjs. Nothing but the wasm runs: no page, no
// messages per update, no drawing. Prints each engine's table, then one table side by side.
//
//   node benches/wasm_engines.mjs [seconds per config, default 2] [engines] [name filter]
//
// BENCH_GEMM=1 also times the single matrix products; BENCH_WASM_DIR another build. JSC options
// (JSC_<name>, e.g. JSC_useOMGJIT=0) pass through the environment to WebKitGTK's web process.
import { join } from 'node:path';
import { ROOT, serveDist } from '../tests/e2e/harness.mjs';
import { launch, missing, waitFor } from '../tests/e2e/engines.mjs';

const secs = Number(process.argv[2] ?? 2);
const engines = (process.argv[3] ?? 'chromium,firefox,webkit').split(',');
const filter = process.argv[4] ?? '';
const gemm = process.env.BENCH_GEMM === '1' ? 1 : 0;
const server = await serveDist(process.env.BENCH_WASM_DIR || join(ROOT, 'target', 'wasm-bench'));
const tables = [];
for (const engine of engines) {
  if (engine !== 'chromium') {
    const why = await missing(engine);
    if (why) {
      console.log(`${engine}: skipped (${why})`);
      continue;
    }
  }
  const s = await launch(engine);
  await s.goto(`${server.url}?secs=${secs}&gemm=${gemm}&filter=${encodeURIComponent(filter)}`);
  await waitFor(s, () => document.body.dataset.done === '1', null, { timeout: 3600e3, what: 'the benchmark' });
  const text = await s.evaluate(() => document.getElementById('out').textContent);
  const errors = await s.errors();
  await s.close();
  console.log(`== ${s.version} ==`);
  process.stdout.write(text);
  if (errors.length) console.log(`errors: ${JSON.stringify(errors)}`);
  tables.push({ engine: s.version, text });
}
await server.close();

// Side by side: each row's ms/step (the column after the type) per engine.
const rows = new Map();
for (const { engine, text } of tables) {
  for (const l of text.split('\n')) {
    const m = l.match(/^(.+?)\s+(f32|f64)\s+(\S+)/);
    if (!m) continue;
    if (!rows.has(m[1])) rows.set(m[1], {});
    rows.get(m[1])[engine] = m[3];
  }
}
if (rows.size) {
  const names = tables.map((t) => t.engine);
  console.log(`\n| configuration, ms per step | ${names.join(' | ')} |`);
  console.log(`|---|${names.map(() => '---:').join('|')}|`);
  for (const [name, by] of rows) console.log(`| ${name} | ${names.map((e) => by[e] ?? '—').join(' | ')} |`);
}
