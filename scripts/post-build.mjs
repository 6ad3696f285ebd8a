#!/usr/bin/env node
// Trunk's post_build hook (Trunk.toml [[hooks]]), run on the staged build before it replaces
// dist/ (`trunk build` and `trunk serve` alike). It makes the build deployable as it is:
//
// 1. No dev-server code: fails if Trunk's live-reload script is in index.html
//    (Trunk.toml's [serve] no_autoreload keeps it out).
// 2. No inline script, so index.html's Content-Security-Policy can forbid them: Trunk's inline
//    `<script type="module">` loader moves to `loader-<hash>.js`, referenced with its SRI hash.
// 3. The web app manifest's icon gets the hashed name of the favicon.
// 4. worker.js, the workers' entry under a fixed name: it loads the page's own wasm loader
//    (app-<hash>.js) and binary, so the training worker and its helpers run the page's binary.
// 5. sw.js: the service worker (assets/sw.js) after a generated header with every file of the
//    build, each with its SRI hash: PRECACHE, the app shell (the files at the top of the
//    build), cached on install; DATA, the lessons' data (the sub-folders), cached when a lesson
//    first fetches it; and a VERSION derived from all of them. A build that changes any byte of
//    any file has a new sw.js, which is how browsers learn of it.
//
// Usage (by Trunk): TRUNK_STAGING_DIR=<dir> node scripts/post-build.mjs
//        (by hand):  node scripts/post-build.mjs <dir>   (a built dist/ is rewritten in place)
import { createHash } from 'node:crypto';
import { readFile, writeFile, readdir } from 'node:fs/promises';
import { join, dirname, basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIR = process.env.TRUNK_STAGING_DIR || process.argv[2];
// Trunk.toml's public_url ("./": the app works from any folder of any static host).
const BASE = process.env.TRUNK_PUBLIC_URL || './';
const SW_TEMPLATE = join(ROOT, 'assets', 'sw.js');
const SW_NAME = 'sw.js';
const MANIFEST = 'manifest.webmanifest';
const WORKER_ENTRY = 'worker.js';
/** Strings only Trunk's live-reload client contains (src/autoreload.js in Trunk 0.21). */
const DEV_SERVER_MARKERS = ['__TRUNK_ADDRESS__', '__TRUNK_WS_BASE__', '.well-known/trunk/ws'];

const fail = (msg) => {
  console.error(`[post-build] error: ${msg}`);
  process.exit(1);
};
const sha = (alg, bytes) => createHash(alg).update(bytes).digest();
const sri = (bytes) => `sha384-${sha('sha384', bytes).toString('base64')}`;

/** Every file under `dir` as a path relative to it with '/' separators, sorted. */
async function files(dir, prefix = '') {
  const out = [];
  for (const e of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await files(dir, rel)));
    else if (e.isFile()) out.push(rel);
  }
  return out.sort();
}

/** Moves each inline `<script>` of `html` into a file of its own; returns the new html. */
async function externalizeScripts(html) {
  const tag = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
  const moved = [];
  let out = '';
  let last = 0;
  for (const m of html.matchAll(tag)) {
    const [whole, attrs, body] = m;
    if (/\bsrc\s*=/i.test(attrs)) continue;
    if (!body.trim()) fail(`an empty inline <script${attrs}> in index.html`);
    const module = /\btype\s*=\s*["']?module\b/i.test(attrs);
    if (!module && /\btype\s*=/i.test(attrs) && !/\btype\s*=\s*["']?(text|application)\/javascript\b/i.test(attrs)) {
      fail(`an inline <script${attrs}> that is not JavaScript; move it out of index.html`);
    }
    // The same bytes as the inline script: relative imports resolve the same way, since the
    // file sits next to index.html.
    const bytes = Buffer.from(body.replace(/^\s*\n/, ''), 'utf8');
    const name = `loader-${sha('sha256', bytes).toString('hex').slice(0, 16)}.js`;
    await writeFile(join(DIR, name), bytes);
    const type = module ? ' type="module"' : '';
    out += html.slice(last, m.index) + `<script${type} src="${BASE}${name}" integrity="${sri(bytes)}"></script>`;
    last = m.index + whole.length;
    moved.push(name);
  }
  return { html: out + html.slice(last), moved };
}

/** The manifest's icon "favicon.svg" is the favicon Trunk copied with a hash in its name. */
async function fixManifest(html, present) {
  if (!present.includes(MANIFEST)) return;
  const icon = html.match(/<link\b[^>]*\brel\s*=\s*["']?icon\b[^>]*>/i)?.[0]?.match(/\bhref\s*=\s*["']?([^"'\s>]+)/i)?.[1];
  if (!icon) fail('index.html has no <link rel="icon"> for the manifest');
  const hashed = basename(icon);
  if (!present.includes(hashed)) fail(`the icon ${hashed} is not in the build`);
  const manifest = JSON.parse(await readFile(join(DIR, MANIFEST), 'utf8'));
  for (const i of manifest.icons ?? []) if (i.src === 'favicon.svg') i.src = hashed;
  await writeFile(join(DIR, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Writes worker.js, the workers' entry: a classic script that yew-agent's shim (the training
 * worker) and the helpers' shim load with importScripts, then call its `wasm_bindgen(url)`,
 * where `url` is `<the app's folder>/worker_bg.wasm` (only the folder is read). It loads the
 * page's own binary, whose `main` starts the part that fits where it runs (crates/web). The
 * loader and the wasm are imported dynamically: Firefox's service worker does not answer a blob
 * module worker's static imports, so that worker could not start offline. */
async function writeWorkerEntry(present) {
  const loaders = present.filter((p) => !p.includes('/') && p.endsWith('.js') && present.includes(p.replace(/\.js$/, '_bg.wasm')));
  if (loaders.length !== 1) fail(`expected one wasm loader (<name>.js beside <name>_bg.wasm), found ${loaders.length}`);
  const loader = loaders[0];
  const wasm = loader.replace(/\.js$/, '_bg.wasm');
  // The wasm request starts before the loader's module arrives (the two requests overlap); the
  // loader's own default URL is the unhashed name wasm-bindgen gave it, so it is named here.
  const body =
    `// Generated by scripts/post-build.mjs: the workers run the page's binary through its loader.\n` +
    `self.wasm_bindgen = (url) => {\n` +
    `  const dir = new URL('./', url);\n` +
    `  const wasm = fetch(new URL('${wasm}', dir));\n` +
    `  return import(new URL('${loader}', dir).href).then(({ default: init }) => init({ module_or_path: wasm }));\n` +
    `};\n`;
  await writeFile(join(DIR, WORKER_ENTRY), body);
}

async function main() {
  if (!DIR) fail('set TRUNK_STAGING_DIR or pass the build folder');
  const indexPath = join(DIR, 'index.html');
  let html = await readFile(indexPath, 'utf8');

  const marker = DEV_SERVER_MARKERS.find((m) => html.includes(m));
  if (marker) {
    fail(`index.html holds Trunk's live-reload client (${marker}); keep [serve] no_autoreload = true in Trunk.toml`);
  }
  const ext = await externalizeScripts(html);
  html = ext.html;
  if (/<style\b/i.test(html)) fail('index.html has an inline <style>; the CSP forbids it (use a data-trunk css link)');
  if (/<[a-z][^>]*\son[a-z]+\s*=/i.test(html)) fail('index.html has an inline event handler; the CSP forbids it');
  await writeFile(indexPath, html);

  let present = await files(DIR);
  await fixManifest(html, present);
  await writeWorkerEntry(present);

  // The precache list: every file of the build but the service worker itself.
  present = (await files(DIR)).filter((p) => p !== SW_NAME);
  const entries = [];
  for (const path of present) {
    const bytes = await readFile(join(DIR, path));
    entries.push({ path, integrity: sri(bytes), sha256: sha('sha256', bytes).toString('hex') });
  }
  // The version: a hash of every path with the hash of its content.
  const version = sha('sha256', entries.map((e) => `${e.path} ${e.sha256}\n`).join(''))
    .toString('hex')
    .slice(0, 16);
  // The shell: the files at the top of the build; the lessons' data sits in sub-folders.
  const list = (shell) =>
    entries.filter((e) => !e.path.includes('/') === shell).map((e) => `  ${JSON.stringify({ path: e.path, integrity: e.integrity })}`);
  const precache = list(true);
  const data = list(false);
  const header =
    `// Generated by scripts/post-build.mjs from assets/sw.js: do not edit.\n` +
    `const VERSION = ${JSON.stringify(version)};\n` +
    `const PRECACHE = [\n${precache.join(',\n')}\n];\n` +
    `const DATA = [\n${data.join(',\n')}\n];\n\n`;
  await writeFile(join(DIR, SW_NAME), header + (await readFile(SW_TEMPLATE, 'utf8')));
  console.log(
    `[post-build] ${ext.moved.length ? `inline loader → ${ext.moved.join(', ')}; ` : ''}` +
      `${SW_NAME} version ${version}, ${precache.length} files precached, ${data.length} cached on first use`,
  );
}

await main();
