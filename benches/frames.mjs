// What a repaint costs each engine (a program, not a test): a plain page, not the app, whose one
// word changes `hz` times a second, and nothing else; the CPU its browser uses meanwhile (% of
// one core, per thread: benches/cpu.mjs). On a machine without a GPU, WebKitGTK composites
// each frame in OpenGL on Mesa's llvmpipe; `webkit-nocomp` is WebKitGTK with
// WEBKIT_DISABLE_COMPOSITING_MODE=1. See the README's "Three engines".
//
//   node benches/frames.mjs [engines, default chromium,firefox,webkit,webkit-nocomp] [rates, default 0,10,20,40]
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveDist } from '../tests/e2e/harness.mjs';
import { launch, missing } from '../tests/e2e/engines.mjs';
import { busiest, snapshot } from './cpu.mjs';

const engines = (process.argv[2] ?? 'chromium,firefox,webkit,webkit-nocomp').split(',');
const rates = (process.argv[3] ?? '0,10,20,40').split(',').map(Number);
const PAGE = `<!doctype html>
<meta charset="utf-8" />
<title>frames</title>
<body style="margin: 0; font: 16px sans-serif">
  <p>Counter: <span id="n">0</span></p>
  <div style="height: 700px; background: linear-gradient(#eef, #fee)"></div>
  <script>
    const hz = Number(new URLSearchParams(location.search).get('hz') ?? 20);
    let n = 0;
    if (hz > 0) setInterval(() => { document.getElementById('n').textContent = String(++n); }, 1000 / hz);
  </script>
</body>
`;
const dir = await mkdtemp(join(tmpdir(), 'rnn-playground-frames-'));
await writeFile(join(dir, 'index.html'), PAGE);
const server = await serveDist(dir);
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
for (const name of engines) {
  const nocomp = name === 'webkit-nocomp';
  const engine = nocomp ? 'webkit' : name;
  if (engine !== 'chromium' && (await missing(engine))) {
    console.log(JSON.stringify({ engine: name, skipped: await missing(engine) }));
    continue;
  }
  const s = await launch(engine, { env: nocomp ? { WEBKIT_DISABLE_COMPOSITING_MODE: '1' } : {} });
  for (const hz of rates) {
    await s.goto(`${server.url}index.html?hz=${hz}`);
    await sleep(2000);
    const before = await snapshot();
    await sleep(6000);
    const cpu = busiest(before, await snapshot(), 6, 4);
    console.log(JSON.stringify({ engine: s.version + (nocomp ? ', compositing off' : ''), changes_per_second: hz, cpu_percent: cpu.total, busiest_threads: cpu.threads.map(([t, p]) => `${t} ${p}%`) }));
  }
  await s.close();
}
await server.close();
await rm(dir, { recursive: true, force: true });
