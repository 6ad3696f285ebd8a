// Registers the service worker (dist/sw.js, see assets/sw.js) and handles updates.
//
// A new version installs in the background and waits: this page keeps running the version
// it started with. When one is waiting, this script
//   * sets `data-update-waiting` on <html> and dispatches `rnn-playground-update` on window
//     (the page shows a notice: src/app/update_notice.rs), and
//   * shows a "Reload to update" button. Pressing it (or dispatching
//     `rnn-playground-update-apply` on window) activates the waiting version and reloads.
// An external file (no inline script): index.html's Content-Security-Policy forbids those.
(() => {
  const sw = navigator.serviceWorker;
  if (!sw || !window.isSecureContext) return;
  const script = new URL(document.currentScript.src);
  const url = new URL('sw.js', script);
  const hadController = Boolean(sw.controller);
  let registration = null;
  let reloading = false;
  let button = null;
  // Yew empties <body> when the app mounts: the button waits for Trunk's loader to say the
  // app has started (it sets wasmBindings, then dispatches TrunkApplicationStarted).
  let appStarted = 'wasmBindings' in window;
  let buttonWanted = false;

  const korean = () => (document.documentElement.lang || '').startsWith('ko');

  function showButton() {
    buttonWanted = true;
    if (button || !appStarted) return;
    button = document.createElement('button');
    button.type = 'button';
    button.className = 'update-reload';
    button.dataset.testid = 'update-reload';
    button.textContent = korean() ? '⟳ 새로고침하여 업데이트' : '⟳ Reload to update';
    // CSSOM, not a style attribute or sheet: allowed by the CSP whatever it says of styles.
    Object.assign(button.style, {
      position: 'fixed',
      right: '1rem',
      bottom: '1rem',
      zIndex: '1000',
      boxShadow: '0 2px 10px rgba(0, 0, 0, 0.3)',
    });
    button.addEventListener('click', apply);
    document.body.append(button);
  }

  function announce() {
    document.documentElement.setAttribute('data-update-waiting', '');
    window.dispatchEvent(new CustomEvent('rnn-playground-update'));
    showButton();
  }

  /** Activates the waiting version, then reloads into it (see the controllerchange listener). */
  function apply() {
    if (reloading) return;
    reloading = true;
    const waiting = registration && registration.waiting;
    if (!waiting) {
      location.reload();
      return;
    }
    waiting.postMessage({ type: 'SKIP_WAITING' });
    // Should the waiting worker be replaced meanwhile, reload anyway: the page then gets
    // whichever version is active, whole.
    setTimeout(() => location.reload(), 5000);
  }

  /**
   * A new version waits only behind another active one. `sw.controller` alone does not say
   * that: on a first visit WebKit sets it (clients.claim) before it delivers the `installed`
   * state change, when nothing else is active.
   */
  const olderActive = (worker) => Boolean(sw.controller && registration && registration.active && registration.active !== worker);

  function watch(worker) {
    worker.addEventListener('statechange', () => {
      if (worker.state === 'installed' && olderActive(worker)) announce();
    });
  }

  sw.addEventListener('controllerchange', () => {
    if (reloading) location.reload();
    // Another tab activated a new version: this one still runs the old one.
    else if (hadController) announce();
  });
  window.addEventListener('rnn-playground-update-apply', apply);
  window.addEventListener('TrunkApplicationStarted', () => {
    appStarted = true;
    if (buttonWanted) showButton();
  });

  async function register() {
    let refusal = 'no registration';
    try {
      registration = await sw.register(url.href, { updateViaCache: 'none' });
    } catch (err) {
      refusal = err;
    }
    // Refused, or no registration at all (a browser or test harness that blocks service workers).
    if (!registration) {
      console.warn('RNN Playground works online only here: the service worker was refused.', refusal);
      return;
    }
    if (registration.waiting && olderActive(registration.waiting)) announce();
    if (registration.installing) watch(registration.installing);
    registration.addEventListener('updatefound', () => watch(registration.installing));
    // A classroom tab stays open for hours: look for a new version now and then.
    setInterval(() => registration.update().catch(() => {}), 60 * 60 * 1000);
  }

  // After the page has loaded: precaching must not slow the first start down.
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
})();
