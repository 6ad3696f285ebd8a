#!/usr/bin/env bash
# Fuzzes every parser of outside data with cargo-fuzz (libFuzzer): model files, share links,
# saved sessions, character text, MNIST files, CSV/TSV tables with the time-series lesson on
# them, review files, worker messages and pasted numbers (fuzz/fuzz_targets/).
#
#   scripts/fuzz.sh [seconds] [target…]     # default: 600 s for each target, all targets
#   scripts/fuzz.sh 60 model_file url_state
#
# Targets run one after the other under `nice -n 19` (the machine is shared), each for the
# given time, with a 10 s hang timeout and a 2 GiB memory limit. Corpora grow in fuzz/corpus/
# (not in git; seeded from fuzz/seeds/), logs go to fuzz/logs/, and a crashing input is kept in
# fuzz/artifacts/<target>/: reproduce it with `scripts/fuzz.sh repro <target> <file>`, then add
# it to tests/fuzz_regressions.rs (seeds: `cargo run --example fuzz_seeds`). Prints a table of executions per target at the end and exits
# non-zero when a target crashed or hung.
#
# Idempotent setup, pinned versions: cargo-fuzz (CARGO_FUZZ_VERSION below, from crates.io); the
# nightly toolchain if rustup has one, else the stable one with RUSTC_BOOTSTRAP=1 (no toolchain
# download needed). The first build takes about 8 minutes on 2 cores.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FUZZ="$ROOT/fuzz"
CARGO_FUZZ_VERSION="0.13.2"
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
export PATH="$CARGO_BIN:$PATH"

say() { printf '[fuzz] %s\n' "$*" >&2; }
die() { printf '[fuzz] error: %s\n' "$*" >&2; exit 1; }

# --- toolchain: nightly if rustup has it, else the stable one with RUSTC_BOOTSTRAP=1 -----------
# cargo-fuzz needs nightly flags (-Zsanitizer, sanitizer coverage). Machines that reach only the
# package registries cannot fetch a nightly, but rustup's stable toolchain ships the
# AddressSanitizer runtime too and accepts the flags with RUSTC_BOOTSTRAP=1. FUZZ_TOOLCHAIN
# picks another rustup toolchain.
TOOLCHAIN="${FUZZ_TOOLCHAIN:-}"
if [ -z "$TOOLCHAIN" ]; then
  if rustup run nightly rustc --version >/dev/null 2>&1; then
    TOOLCHAIN=nightly
  else
    TOOLCHAIN=stable
  fi
fi
rustup run "$TOOLCHAIN" rustc --version >/dev/null 2>&1 || die "no rustup toolchain $TOOLCHAIN"
case "$(rustup run "$TOOLCHAIN" rustc --version)" in
  *nightly*) ;;
  *) export RUSTC_BOOTSTRAP=1 ;;
esac
SANITIZER=(-s address)
command -v c++ >/dev/null 2>&1 || die "libFuzzer needs a C++ compiler (apt-get install g++)"

# --- cargo-fuzz, pinned ------------------------------------------------------------------------
if [ "$(cargo-fuzz --version 2>/dev/null | awk '{print $2}')" != "$CARGO_FUZZ_VERSION" ]; then
  say "cargo install cargo-fuzz $CARGO_FUZZ_VERSION (about 3 minutes)"
  cargo install cargo-fuzz --version "=$CARGO_FUZZ_VERSION" --locked >&2
fi

cd "$FUZZ"
# Same flags for build and run, so a run never rebuilds from scratch: release with debug
# assertions and overflow checks (fuzz/Cargo.toml's profile).
FUZZ_FLAGS=(-O "${SANITIZER[@]}")
fuzz() { nice -n 19 cargo "+$TOOLCHAIN" fuzz "$@"; }

if [ "${1:-}" = repro ]; then
  [ $# -eq 3 ] || die "usage: scripts/fuzz.sh repro <target> <input file>"
  fuzz run "${FUZZ_FLAGS[@]}" "$2" "$(realpath "$3")"
  exit
fi

SECONDS_EACH="${1:-600}"
[[ "$SECONDS_EACH" =~ ^[0-9]+$ ]] || die "usage: scripts/fuzz.sh [seconds] [target…]"
shift || true
mapfile -t ALL < <(cargo "+$TOOLCHAIN" fuzz list)
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=("${ALL[@]}")
for t in "${TARGETS[@]}"; do
  printf '%s\n' "${ALL[@]}" | grep -qx "$t" || die "no target $t (targets: ${ALL[*]})"
done

say "building ${#TARGETS[@]} target(s) with +$TOOLCHAIN ${SANITIZER[*]}"
fuzz build "${FUZZ_FLAGS[@]}" >&2
BIN="$FUZZ/target/$(rustup run "$TOOLCHAIN" rustc -vV | awk '/^host:/{print $2}')/release"

mkdir -p logs
declare -A RESULT EXECS
FAILED=0
for t in "${TARGETS[@]}"; do
  mkdir -p "corpus/$t" "artifacts/$t"
  dict=()
  [ -f "dict/$t.dict" ] && dict=("-dict=dict/$t.dict")
  say "$t: ${SECONDS_EACH}s"
  set +e
  # The binary built above, run directly: `cargo fuzz run` would rebuild whenever src/ changed.
  nice -n 19 "$BIN/$t" -artifact_prefix="artifacts/$t/" \
    -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    "${dict[@]}" "corpus/$t" "seeds/$t" >"logs/$t.log" 2>&1
  rc=$?
  set -e
  EXECS[$t]="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "logs/$t.log" | tail -1 | awk '{print $2}')"
  if [ -z "${EXECS[$t]}" ]; then
    EXECS[$t]="$(grep -o '^#[0-9]*' "logs/$t.log" | tail -1 | tr -d '#')"
  fi
  if [ $rc -eq 0 ]; then
    RESULT[$t]="ok"
  else
    FAILED=1
    RESULT[$t]="FAILED (exit $rc): $(grep -m1 -E 'panicked at|ERROR: libFuzzer|SUMMARY' "logs/$t.log" | cut -c1-120)"
    say "$t failed; see fuzz/logs/$t.log and fuzz/artifacts/$t/"
  fi
done

printf '\n%-18s %12s %8s  %s\n' target executions seconds result
for t in "${TARGETS[@]}"; do
  printf '%-18s %12s %8s  %s\n' "$t" "${EXECS[$t]:-?}" "$SECONDS_EACH" "${RESULT[$t]}"
done
exit $FAILED
