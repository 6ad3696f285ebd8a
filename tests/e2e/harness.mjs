// Shared end-to-end harness: a static server for dist/ and a Chromium launched by playwright-core.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { readFile, mkdir } from 'node:fs/promises';
import { extname, join, normalize, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = process.env.E2E_DIST || join(ROOT, 'dist');
export const SHOTS = join(ROOT, 'target', 'e2e');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.gz': 'application/gzip',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Serves `root` (dist/ by default) on a free loopback port as README "Deploy" asks of a host;
 * resolves to { url, close }. A file whose name carries the build's hash (`app-<16 hex>.js`) is
 * cached for a year (its content never changes); any other answer carries `Cache-Control:
 * no-cache` (kept, and revalidated before each use). Each answer has an ETag, and a request whose
 * If-None-Match matches gets 304 Not Modified with no body. Options: `gzip`
 * compresses each answer (level 9) for clients that accept it; `log({ path, bytes, status })` is
 * called for each answer, with the body bytes sent (0 for a 304).
 */
export async function serveDist(root = DIST, { gzip = false, log } = {}) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    // A folder's address answers with its index.html, as static hosts do.
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      let body = await readFile(file);
      const zipped = gzip && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
      const hash = createHash('sha1').update(body).digest('hex').slice(0, 20);
      const etag = `"${hash}${zipped ? '-gz' : ''}"`;
      const headers = {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': /-[0-9a-f]{16}(_bg)?\.[a-z]+$/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
        etag,
        ...(gzip ? { vary: 'accept-encoding' } : {}),
      };
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, headers).end();
        log?.({ path, bytes: 0, status: 304 });
        return;
      }
      if (zipped) {
        body = gzipSync(body, { level: 9 });
        headers['content-encoding'] = 'gzip';
      }
      res.writeHead(200, headers);
      res.end(body);
      log?.({ path, bytes: body.length, status: 200 });
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((ok) => server.close(ok)) };
}

/** Waits until the worker answered and the lesson's model is built (its summary is shown). */
export async function ready(page) {
  // Attached, not visible: presenter mode hides both.
  await page.locator('[data-testid=worker-status][data-state=ready]').waitFor({ state: 'attached', timeout: 20000 });
  await page.locator('[data-testid=model-summary] tbody tr').first().waitFor({ state: 'attached', timeout: 60000 });
}

/**
 * Play trains for the run's epochs and stops (the char presets' runs last a second): a test that
 * watches training go on, then pauses, first ticks "until paused".
 */
export async function untilPaused(page) {
  const box = page.getByTestId('until-paused');
  if (!(await box.isChecked())) await box.check();
}

/** Launches Debian's Chromium headless with the flags this network needs. */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * The served `dist/` and the Chromium of this test file, set by the hooks `servedApp()`
 * registers (node's test runner runs each file in its own process, so each file has its own).
 */
export let server;
export let browser;

/** Serves `dist/` and launches Chromium before the file's tests; closes both after them. */
export function servedApp() {
  before(async () => {
    server = await serveDist();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
}

/** Opens a page that records console errors and uncaught exceptions into `errors`. */
export async function openPage(browser, url, viewport = { width: 1280, height: 720 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('response', (res) => {
    if (res.status() >= 400) errors.push(`http ${res.status()}: ${res.url()}`);
  });
  await page.goto(url);
  return { page, errors, context };
}

/**
 * Off-screen panels skip painting (content-visibility: auto), and neither a full-page capture
 * nor an accessibility audit counts as scrolling to them: show them all (through the CSSOM,
 * element by element — the app's Content-Security-Policy refuses the <style> element
 * page.addStyleTag would add, and the CSP stays as strict in every test). `unrevealAll` puts
 * the page back.
 */
export async function revealAll(page) {
  await page.evaluate(() => {
    window.__shotRestore = [];
    for (const el of document.querySelectorAll('*')) {
      if (getComputedStyle(el).contentVisibility === 'visible') continue;
      const s = el.style;
      window.__shotRestore.push([el, s.getPropertyValue('content-visibility'), s.getPropertyPriority('content-visibility')]);
      s.setProperty('content-visibility', 'visible', 'important');
    }
  });
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
}

export async function unrevealAll(page) {
  await page.evaluate(() => {
    for (const [el, value, priority] of window.__shotRestore ?? []) {
      if (value) el.style.setProperty('content-visibility', value, priority);
      else el.style.removeProperty('content-visibility');
    }
    delete window.__shotRestore;
  });
}

export async function screenshot(page, name) {
  await mkdir(SHOTS, { recursive: true });
  const path = join(SHOTS, `${name}.png`);
  await revealAll(page);
  await page.screenshot({ path, fullPage: true });
  await unrevealAll(page);
  return path;
}

/** WCAG contrast ratio of an element's text against the first opaque background behind it. */
export async function contrast(locator) {
  return locator.evaluate((el) => {
    const rgb = (s) => (s.match(/[\d.]+/g) || []).map(Number);
    const channel = (c) => {
      const v = c / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    };
    const lum = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    const fg = rgb(getComputedStyle(el).color);
    let bg = [255, 255, 255];
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) {
        bg = c.slice(0, 3);
        break;
      }
    }
    const [hi, lo] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  });
}
