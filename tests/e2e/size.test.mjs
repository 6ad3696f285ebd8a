// Issue 24's budget: the default lesson becomes usable after downloading at most 1.0 MB,
// gzip-compressed, everything included (wasm, scripts, styles, data). The server logs every
// file the page and its worker fetch until the page is usable (service workers blocked, so only
// what the page itself needs counts); each file counts at its gzip level-9 size. Prints the
// table.
//
// Two checks: CEILING, what this build reaches, may only go down (a regression fails); BUDGET,
// the goal, is a TODO test until a build meets it (README, "Download size": what
// remains).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DIST, launchBrowser, ready, serveDist } from './harness.mjs';

/** The goal, in bytes (gzip). */
const BUDGET = 1_000_000;
/** What the build reaches now (1,040,695: one wasm for the page and its workers; a clone at
 * another path differs by a few hundred bytes of panic locations), with a little slack; lower it
 * when the build shrinks, raise it only for a feature that says what it cost. */
const CEILING = 1_045_000;

let server;
let browser;
let measured;

before(async () => {
  const served = [];
  server = await serveDist(DIST, { log: ({ path }) => served.push(path) });
  browser = await launchBrowser();
  const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.goto(server.url);
  await ready(page);
  await context.close();
  const paths = [...new Set(served)];
  const rows = [];
  for (const path of paths) {
    const bytes = await readFile(join(DIST, path.endsWith('/') ? `${path}index.html` : path));
    rows.push({ path, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  }
  rows.sort((a, b) => b.gzip - a.gzip);
  const total = rows.reduce((a, r) => a + r.gzip, 0);
  const table =
    rows.map((r) => `${String(r.gzip).padStart(9)} gzip ${String(r.raw).padStart(9)} raw  ${r.path}`).join('\n') +
    `\n${String(total).padStart(9)} gzip in total (budget ${BUDGET}, ceiling ${CEILING})`;
  console.log(table);
  measured = { paths, total, table };
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the default page downloads its wasm and no other lesson\'s data', () => {
  const { paths } = measured;
  // One binary serves the page and its worker: fetched once (the worker's request is a cache hit
  // in a browser; this server logs it again), and no other wasm.
  assert.equal(new Set(paths.filter((p) => p.endsWith('.wasm'))).size, 1, `the page's wasm only: ${paths}`);
  assert.ok(!paths.some((p) => /^\/(mnist|nsmc)\//.test(p)), `no lesson data: ${paths}`);
});

test(`the default page downloads at most ${CEILING} bytes (gzip): no regression`, () => {
  assert.ok(measured.total <= CEILING, `${measured.total} bytes (gzip), over ${CEILING}:\n${measured.table}`);
});

test(
  `the default lesson is usable after at most ${BUDGET} bytes (gzip)`,
  { todo: 'issue 24: not reached yet (README, "Download size")' },
  () => {
    assert.ok(measured.total <= BUDGET, `${measured.total} bytes (gzip), over the budget of ${BUDGET}:\n${measured.table}`);
  },
);
