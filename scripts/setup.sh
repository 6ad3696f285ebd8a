#!/usr/bin/env bash
# Installs what RNN Playground needs to build and test, then writes .tools/env.sh.
#
# Idempotent: on a machine where everything is present it only checks, in a few seconds.
# Both README commands (scripts/serve.sh and scripts/test.sh) call it first.
#
# wasm32 route: the normal `rustup target add` first (a laptop with internet); when that
# fails or hangs, Debian's rustc-web + rust-web-src and a std built with -Zbuild-std (machines
# that reach only crates.io, PyPI, npm and Debian). See ../shared/TOOLCHAIN.md for the recipe.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
mkdir -p "$TOOLS"
cd "$ROOT"

# Pinned versions: a build next month is the same build.
TRUNK_VERSION="0.21.14"
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/[^0-9.]/,""); print; exit}' Cargo.lock)"
DEBIAN_RUST_PKGS=(rustc-web cargo-web rust-web-src rust-web-clippy lld-19)
BROWSER_PKGS=(chromium chromium-driver fonts-nanum)
# The other two engines of the end-to-end tests (tests/e2e/engines.test.mjs): Firefox ESR, driven
# over WebDriver BiDi, and WebKitGTK's WebKitWebDriver with MiniBrowser, under Xvfb.
ENGINE_PKGS=(firefox-esr webkit2gtk-driver xvfb)
WASM_LD=/usr/lib/llvm-19/bin/wasm-ld

say() { printf '[setup] %s\n' "$*" >&2; }
die() { printf '[setup] error: %s\n' "$*" >&2; exit 1; }

SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
fi

APT_UPDATED=""
apt_install() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null 2>&1 || die "missing ${missing[*]} and no apt-get here: install them with your package manager"
  if [ -z "$APT_UPDATED" ]; then
    say "apt-get update"
    $SUDO apt-get update -qq >&2
    APT_UPDATED=1
  fi
  say "apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >&2
}

# --- Node.js and npm (for wasm-opt from npm's binaryen, and playwright-core) -------------
if ! command -v npm >/dev/null 2>&1; then
  apt_install nodejs npm
fi

# --- Rust (native) ------------------------------------------------------------------------
command -v cargo >/dev/null 2>&1 || die "cargo not found: install Rust with rustup first"
for comp in rustfmt clippy; do
  if ! cargo "${comp/rustfmt/fmt}" --version >/dev/null 2>&1; then
    say "rustup component add $comp"
    timeout 120 rustup component add "$comp" >&2 || die "could not install $comp"
  fi
done

# --- wasm32 toolchain -----------------------------------------------------------------------
ROUTE=""
if [ -f "$TOOLS/route" ] && [ -z "${RNN_PLAYGROUND_FORCE_DEBIAN_WASM:-}" ]; then ROUTE="$(cat "$TOOLS/route")"; fi
if [ "$ROUTE" = rustup ] && ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  ROUTE=""
fi
if [ -z "$ROUTE" ]; then
  if [ "${RNN_PLAYGROUND_FORCE_DEBIAN_WASM:-}" = 1 ]; then
    ROUTE=debian
  elif rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    ROUTE=rustup
  elif timeout 30 rustup target add wasm32-unknown-unknown >/dev/null 2>&1; then
    ROUTE=rustup
  else
    say "rustup cannot fetch the wasm32 target here: using Debian's rustc-web with build-std"
    ROUTE=debian
  fi
fi
if [ "$ROUTE" = debian ]; then
  apt_install "${DEBIAN_RUST_PKGS[@]}"
  if ! rustup toolchain list 2>/dev/null | grep -q '^web'; then
    rustup toolchain link web /usr >&2
  fi
fi
echo "$ROUTE" > "$TOOLS/route"

# --- Browser for tests (and a Korean font, so screenshots of the Korean interface read) -------
CHROMIUM="${CHROMIUM:-}"
if [ -z "$CHROMIUM" ]; then
  if command -v apt-get >/dev/null 2>&1 || command -v dpkg-query >/dev/null 2>&1; then
    apt_install "${BROWSER_PKGS[@]}"
    CHROMIUM=/usr/bin/chromium
  elif [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    CHROMIUM=/usr/bin/chromium
  else
    die "Chromium and ChromeDriver are needed for the browser tests: set CHROMIUM and CHROMEDRIVER"
  fi
fi
CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"

# --- Firefox ESR and WebKitGTK for the cross-engine tests -----------------------------------------
FIREFOX="${FIREFOX:-}"
WEBKIT_WEBDRIVER="${WEBKIT_WEBDRIVER:-}"
if [ -z "$FIREFOX" ] || [ -z "$WEBKIT_WEBDRIVER" ]; then
  if command -v dpkg-query >/dev/null 2>&1; then
    apt_install "${ENGINE_PKGS[@]}"
  fi
  FIREFOX="${FIREFOX:-$(command -v firefox-esr || command -v firefox || true)}"
  WEBKIT_WEBDRIVER="${WEBKIT_WEBDRIVER:-$(command -v WebKitWebDriver || true)}"
fi
# MiniBrowser comes with libwebkit2gtk-4.1-0, in the multiarch library folder.
MINIBROWSER="${MINIBROWSER:-}"
if [ -z "$MINIBROWSER" ]; then
  for d in /usr/lib/*-linux-gnu /usr/lib /usr/libexec; do
    if [ -x "$d/webkit2gtk-4.1/MiniBrowser" ]; then MINIBROWSER="$d/webkit2gtk-4.1/MiniBrowser"; break; fi
  done
fi
XVFB="${XVFB:-$(command -v Xvfb || true)}"
[ -n "$FIREFOX" ] || say "warning: no Firefox: the Firefox end-to-end tests will say so and fail under CI"
{ [ -n "$WEBKIT_WEBDRIVER" ] && [ -n "$MINIBROWSER" ] && [ -n "$XVFB" ]; } ||
  say "warning: no WebKitWebDriver, MiniBrowser or Xvfb: the WebKitGTK end-to-end tests will say so and fail under CI"

# --- cargo-installed tools: wasm-bindgen-cli (exactly Cargo.lock's version) and trunk -------
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
export PATH="$CARGO_BIN:$PATH"
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  say "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 7 minutes on 2 cores)"
  # No --locked: the registry snapshot lacks one of its locked dependencies.
  cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION" >&2
fi
if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  say "cargo install trunk $TRUNK_VERSION (about 10 minutes on 2 cores)"
  cargo install trunk --version "=$TRUNK_VERSION" --locked >&2
fi

# --- npm packages: binaryen's wasm-opt (pinned in Trunk.toml), playwright-core (Chromium) and
# puppeteer-core (Firefox over WebDriver BiDi). None downloads a browser: no install scripts.
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || \
   [ ! -d node_modules/puppeteer-core ] || \
   [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error >&2
fi

# --- Environment for the other scripts -------------------------------------------------------
{
  echo "# Written by scripts/setup.sh; sourced by scripts/serve.sh and scripts/test.sh."
  echo "export PATH=\"$ROOT/node_modules/.bin:$CARGO_BIN:\$PATH\""
  echo "export CHROMIUM=\"$CHROMIUM\""
  echo "export CHROMEDRIVER=\"$CHROMEDRIVER\""
  echo "export FIREFOX=\"$FIREFOX\""
  echo "export WEBKIT_WEBDRIVER=\"$WEBKIT_WEBDRIVER\""
  echo "export MINIBROWSER=\"$MINIBROWSER\""
  echo "export XVFB=\"$XVFB\""
  echo "export WASM_ROUTE=$ROUTE"
  if [ "$ROUTE" = debian ]; then
    # Applied only to wasm32 commands (see wasm_env): native builds keep the default toolchain.
    echo "WASM_ENV=(RUSTUP_TOOLCHAIN=web RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort,test CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=$WASM_LD)"
  else
    echo "WASM_ENV=()"
  fi
  echo 'wasm_env() { env "${WASM_ENV[@]}" "$@"; }'
} > "$TOOLS/env.sh"
say "ready (wasm32 route: $ROUTE; trunk $TRUNK_VERSION; wasm-bindgen $WASM_BINDGEN_VERSION)"
