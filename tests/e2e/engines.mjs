// Firefox ESR and WebKitGTK for the cross-engine end-to-end tests (engines.test.mjs) and the
// cross-engine benchmark (benches/engines.mjs). Both come from Debian packages (scripts/setup.sh);
// nothing here downloads a browser or a driver.
//
// - Firefox: WebDriver BiDi, which Firefox speaks itself (`--remote-debugging-port`), through
//   puppeteer-core (`browser: 'firefox'` uses BiDi, not CDP; no geckodriver involved).
// - WebKitGTK: Debian's WebKitWebDriver (classic W3C WebDriver over HTTP), which starts
//   MiniBrowser; both on a display of their own (Xvfb). The few commands needed are plain fetch calls.
//   Classic WebDriver has no console events: the page's recorder (instrumentedDist) stands in.
//
// Both are wrapped in the same small `Session` interface, so one test body runs in either:
//   goto(url) · reload() · evaluate(fn, arg) · click(testid) · errors() · close()
// and helpers over it: waitFor(session, fn, arg, { timeout, what }) · select · setFile · ready.
// `waitFor` polls from Node (every 100 ms), the same way in both engines.
import { execFile, spawn } from 'node:child_process';
import { access, constants, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import puppeteer from 'puppeteer-core';
import { DIST, ROOT, launchBrowser } from './harness.mjs';

export const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
export const WEBKIT_WEBDRIVER = process.env.WEBKIT_WEBDRIVER || '/usr/bin/WebKitWebDriver';
export const MINIBROWSER = process.env.MINIBROWSER || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
export const XVFB = process.env.XVFB || '/usr/bin/Xvfb';

const VIEWPORT = { width: 1280, height: 800 };

const executable = (p) => access(p, constants.X_OK).then(() => true, () => false);

/** Why `engine` cannot run on this machine, or null when everything it needs is there. */
export async function missing(engine) {
  const need = engine === 'firefox' ? [FIREFOX] : [WEBKIT_WEBDRIVER, MINIBROWSER, XVFB];
  const absent = [];
  for (const p of need) if (!(await executable(p))) absent.push(p);
  return absent.length ? `${absent.join(', ')} not found (scripts/setup.sh installs firefox-esr, webkit2gtk-driver and xvfb)` : null;
}

/**
 * Launches `engine` ('firefox', 'webkit', or 'chromium': Playwright's, as the other e2e tests,
 * for comparisons such as benches/engines.mjs); resolves to a Session on a blank page.
 * `env`: more environment variables for WebKitGTK's processes (benches/engines.mjs's
 * `webkit-nocomp` sets WEBKIT_DISABLE_COMPOSITING_MODE=1).
 */
export function launch(engine, { env = {} } = {}) {
  if (engine === 'firefox') return launchFirefox();
  if (engine === 'webkit') return launchWebKit(env);
  if (engine === 'chromium') return launchChromium();
  throw new Error(`unknown engine ${engine}`);
}

/**
 * A copy of dist/ whose index.html first loads `e2e-console.js`, a recorder of console.error,
 * uncaught errors, failed script or style loads and unhandled rejections into
 * `window.__e2eErrors` (Playwright's console/pageerror events, which classic WebDriver lacks).
 * A file from the page's own origin, so the Content-Security-Policy allows it as it stands; the
 * copy's sw.js is written again (scripts/post-build.mjs) so that the service worker caches
 * the recorder with the rest. Resolves to { dir, cleanup }.
 */
export async function instrumentedDist() {
  const tmp = await mkdtemp(join(tmpdir(), 'rnn-playground-engines-'));
  const dir = join(tmp, 'app');
  await cp(DIST, dir, { recursive: true });
  await writeFile(join(dir, 'e2e-console.js'), RECORDER);
  const html = await readFile(join(dir, 'index.html'), 'utf8');
  if (!html.includes('<head>')) throw new Error('dist/index.html has no <head>');
  await writeFile(join(dir, 'index.html'), html.replace('<head>', '<head>\n    <script src="./e2e-console.js"></script>'));
  await promisify(execFile)('node', [join(ROOT, 'scripts', 'post-build.mjs'), dir], { env: { ...process.env, TRUNK_PUBLIC_URL: './' } });
  return { dir, cleanup: () => rm(tmp, { recursive: true, force: true }) };
}

const RECORDER = `// e2e only (tests/e2e/engines.mjs): records what would be a console error.
(() => {
  const errors = (window.__e2eErrors = []);
  const text = (v) => (v instanceof Error ? v.message : typeof v === 'string' ? v : JSON.stringify(v));
  const error = console.error.bind(console);
  console.error = (...args) => { errors.push('console: ' + args.map(text).join(' ')); error(...args); };
  addEventListener('error', (e) => {
    const el = e.target;
    if (el && el !== window && (el.src || el.href)) errors.push('load failed: ' + (el.src || el.href));
    else errors.push('pageerror: ' + (e.message || text(e.error)));
  }, true);
  addEventListener('unhandledrejection', (e) => errors.push('unhandledrejection: ' + text(e.reason)));
  // A worker's uncaught error reaches its Worker object, not the page's console.
  const Worker_ = window.Worker;
  window.Worker = class extends Worker_ {
    constructor(...args) {
      super(...args);
      this.addEventListener('error', (e) => errors.push('worker error: ' + (e.message || 'uncaught')));
    }
  };
})();
`;

// --- Chromium (Playwright, as in harness.mjs) -------------------------------------------------

async function launchChromium() {
  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const native = [];
  page.on('console', (m) => {
    if (m.type() === 'error') native.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => native.push(`pageerror: ${e.message}`));
  return {
    engine: 'chromium',
    version: `Chromium ${browser.version()}`,
    goto: (url) => page.goto(url),
    reload: () => page.reload(),
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    click: (testid) => page.getByTestId(testid).click(),
    screenshot: (path) => page.screenshot({ path }),
    async errors() {
      const page_ = await page.evaluate(() => (window.__e2eErrors ?? []).splice(0)).catch(() => []);
      return [...new Set([...native.splice(0), ...page_])];
    },
    close: () => browser.close(),
  };
}

// --- Firefox (WebDriver BiDi through puppeteer-core) -------------------------------------------

async function launchFirefox() {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    // A profile of its own each run (puppeteer's default); no update checks, no telemetry.
    extraPrefsFirefox: { 'app.update.enabled': false, 'datareporting.policy.dataSubmissionEnabled': false },
  });
  const page = await browser.newPage();
  await page.setViewport(VIEWPORT);
  const native = [];
  page.on('console', (m) => {
    if (m.type() === 'error') native.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => native.push(`pageerror: ${e.message ?? e}`));
  const version = `Firefox ${(await browser.version()).replace(/^firefox\//i, '')}`;
  // What the page's recorder holds, kept before the page goes away.
  const drain = async () => native.push(...(await page.evaluate(() => (window.__e2eErrors ?? []).splice(0)).catch(() => [])));
  return {
    engine: 'firefox',
    version,
    async goto(url) {
      await drain();
      await page.goto(url, { waitUntil: 'load', timeout: 60000 });
    },
    async reload() {
      await drain();
      await page.reload({ waitUntil: 'load', timeout: 60000 });
    },
    evaluate: (fn, ...args) => page.evaluate(fn, ...args),
    async click(testid) {
      await page.click(`[data-testid="${testid}"]`);
    },
    screenshot: (path) => page.screenshot({ path }),
    /** Recorded errors since the last call (the page's recorder and Firefox's own log). */
    async errors() {
      await drain();
      // Both see a console.error: once is enough.
      return [...new Set(native.splice(0))];
    },
    close: () => browser.close(),
  };
}

// --- WebKitGTK (classic WebDriver over HTTP) -----------------------------------------------------

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

async function launchWebKit(extraEnv = {}) {
  const port = await freePort();
  // Xvfb and WebKitWebDriver as direct children (close() ends both, and Node reaps them);
  // WebKitWebDriver starts MiniBrowser on Xvfb's display. -displayfd: Xvfb picks a free display.
  const xvfb = spawn(XVFB, ['-displayfd', '3', '-screen', '0', '1400x1000x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const onOutput = (chunk) => {
    log = (log + chunk).slice(-20000);
  };
  xvfb.stderr.on('data', onOutput);
  const display = await new Promise((ok, fail) => {
    let out = '';
    xvfb.stdio[3].on('data', (d) => {
      out += d;
      if (out.includes('\n')) ok(out.trim());
    });
    xvfb.on('exit', (code) => fail(new Error(`Xvfb exited (${code}): ${log}`)));
  });
  const driver = spawn(WEBKIT_WEBDRIVER, [`--port=${port}`], {
    env: { ...process.env, ...extraEnv, DISPLAY: `:${display}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  driver.stdout.on('data', onOutput);
  driver.stderr.on('data', onOutput);
  const kill = () => {
    driver.kill('SIGTERM');
    xvfb.kill('SIGTERM');
  };
  const base = `http://127.0.0.1:${port}`;
  const call = async (method, path, body) => {
    const res = await fetch(base + path, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = await res.json();
    if (json?.value?.error) throw new Error(`WebDriver ${method} ${path}: ${json.value.error}: ${json.value.message}`);
    return json.value;
  };
  let session;
  for (let i = 0; ; i++) {
    try {
      session = await call('POST', '/session', {
        capabilities: {
          alwaysMatch: {
            'webkitgtk:browserOptions': {
              binary: MINIBROWSER,
              args: ['--automation'],
            },
          },
        },
      });
      break;
    } catch (e) {
      if (i >= 100) {
        kill();
        throw new Error(`WebKitWebDriver did not start a session: ${e.message}\n${log}`);
      }
      await new Promise((ok) => setTimeout(ok, 100));
    }
  }
  const s = `/session/${session.sessionId}`;
  await call('POST', `${s}/window/rect`, { width: VIEWPORT.width, height: VIEWPORT.height });
  await call('POST', `${s}/timeouts`, { script: 60000 });
  const find = async (css) => (await call('POST', `${s}/element`, { using: 'css selector', value: css }))[ELEMENT];
  const recorded = [];
  return {
    engine: 'webkit',
    version: `WebKitGTK ${session.capabilities.browserVersion}`,
    /** Keeps what the page's recorder holds before the page goes away. */
    async drain() {
      recorded.push(...(await this.evaluate(() => (window.__e2eErrors ?? []).splice(0)).catch(() => [])));
    },
    async goto(url) {
      await this.drain();
      await call('POST', `${s}/url`, { url });
    },
    async reload() {
      await this.drain();
      await call('POST', `${s}/refresh`, {});
    },
    /** Runs `fn(...args)` in the page (a function, as with Puppeteer); awaits a returned promise. */
    async evaluate(fn, ...args) {
      const script = `const done = arguments[arguments.length - 1];
        Promise.resolve().then(() => (${fn}).apply(null, Array.prototype.slice.call(arguments, 0, -1)))
          .then((v) => done({ ok: v === undefined ? null : v }), (e) => done({ err: String(e && e.stack || e) }));`;
      const r = await call('POST', `${s}/execute/async`, { script, args });
      if (r && 'err' in r) throw new Error(`in the page: ${r.err}`);
      return r?.ok;
    },
    async click(testid) {
      const el = await find(`[data-testid="${testid}"]`);
      // WebKitWebDriver scrolls an element into view and at once asks what is at its centre; in
      // a panel with content-visibility: auto that was off screen, nothing is painted there yet
      // and the click is refused as "not interactable". Scroll first, and let a frame render.
      await this.evaluate(
        (e) => new Promise((ok) => {
          e.scrollIntoView({ block: 'center', inline: 'center' });
          requestAnimationFrame(() => requestAnimationFrame(ok));
        }),
        { [ELEMENT]: el },
      );
      await call('POST', `${s}/element/${el}/click`, {});
    },
    async screenshot(path) {
      await writeFile(path, Buffer.from(await call('GET', `${s}/screenshot`), 'base64'));
    },
    async errors() {
      await this.drain();
      return recorded.splice(0);
    },
    async close() {
      await call('DELETE', s).catch(() => {});
      const gone = (p) => (p.exitCode !== null || p.signalCode !== null ? null : new Promise((ok) => p.once('exit', ok)));
      const exits = [gone(driver), gone(xvfb)];
      kill();
      await Promise.all(exits);
    },
  };
}

// --- Shared helpers over a Session ---------------------------------------------------------------

/**
 * Polls `fn(arg)` in the page until it returns something truthy; resolves to that value. `fn`
 * returns plain data, not an element (an element does not come back over WebDriver BiDi).
 */
export async function waitFor(session, fn, arg, { timeout = 30000, what = String(fn) } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await session.evaluate(fn, arg);
      if (last) return last;
    } catch (e) {
      last = e.message;
    }
    if (Date.now() > end) throw new Error(`${session.engine}: timed out after ${timeout} ms waiting for ${what} (last: ${JSON.stringify(last)})`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

/** Sets a <select>'s value as a choice in the list does (input and change events). */
export function select(session, testid, value) {
  return session.evaluate(
    ([id, v]) => {
      const el = document.querySelector(`[data-testid="${id}"]`);
      el.value = v;
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
      return el.value;
    },
    [testid, value],
  );
}

/** Hands the file input `testid` a file `name` with `text` (a DataTransfer, then its change event). */
export function setFile(session, testid, name, text) {
  return session.evaluate(
    ([id, n, t]) => {
      const input = document.querySelector(`[data-testid="${id}"]`);
      const dt = new DataTransfer();
      dt.items.add(new File([t], n, { type: 'application/json' }));
      input.files = dt.files;
      const count = input.files.length;
      // The app empties the input once it took the file (so the same file can be picked again).
      input.dispatchEvent(new Event('change', { bubbles: true }));
      return count;
    },
    [testid, name, text],
  );
}

/** The worker answered and the lesson's model is built (its summary is shown). */
export function ready(session, timeout = 60000) {
  return waitFor(
    session,
    () => document.querySelector('[data-testid=worker-status][data-state=ready]') !== null && document.querySelector('[data-testid=model-summary] tbody tr') !== null,
    null,
    { timeout, what: 'the worker ready and the model summary shown' },
  ).then(() => true);
}

/** The status line's update count (its data-update: the text is in the page's language). */
export function updates(session) {
  return session.evaluate(() => Number(document.querySelector('[data-testid=status]')?.dataset.update ?? -1));
}

export function waitForUpdate(session, atLeast, timeout = 30000) {
  return waitFor(
    session,
    (n) => Number(document.querySelector('[data-testid=status]')?.dataset.update ?? -1) >= n,
    atLeast,
    { timeout, what: `update ${atLeast} in the status line` },
  );
}
