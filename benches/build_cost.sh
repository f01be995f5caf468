#!/usr/bin/env bash
# Build cost of #[retry] (issue 5). Generates, in a temporary directory, two crates that differ
# only in how 200 async functions retry: one with #[retry], one with the loop written by hand
# (same policies, same bodies, same dependencies: this workspace's reattempt by path, and tokio).
# Each crate gets its own target directory; its dependencies are built once, then the crate
# alone is rebuilt RUNS times (touch src/lib.rs; cargo build), the two crates in turns, and the
# median wall and CPU times are kept: once compiled from scratch (CARGO_INCREMENTAL=0), once as
# an incremental rebuild (the edit loop, where rustc reuses its work but every attribute macro
# runs again).
# Last, the clean build of reattempt-macro and its dependencies, in a fresh target directory.
#
#   bash benches/build_cost.sh              # dev profile, 200 functions, 7 runs
#   bash benches/build_cost.sh --release    # extra arguments go to every `cargo build`
#   FUNCTIONS=50 RUNS=5 bash benches/build_cost.sh
#
# Target: the #[retry] crate within 1.3x the hand-loop crate. Results: BENCHMARKS.md.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
functions="${FUNCTIONS:-200}"
runs="${RUNS:-7}"
work="$(mktemp -d "${TMPDIR:-/tmp}/reattempt-build-cost.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export CARGO_TERM_COLOR=never

# Shared by both crates: the store every function calls, and the error it returns.
prelude() {
  cat <<'EOF'
#![allow(unused_imports)] // `Duration` is for the hand-written loops
use std::future::Future;
use std::pin::pin;
use std::task::Context;
use std::time::Duration;

pub struct Store {
    pub base: u64,
}

#[derive(Debug)]
pub enum Error {
    Transient(u64),
    Fatal(u64),
}

impl Error {
    pub fn is_transient(&self) -> bool {
        matches!(self, Error::Transient(_))
    }
}

impl Store {
    pub async fn get(&self, key: &str, salt: u64) -> Result<u64, Error> {
        let value = self.base.wrapping_mul(31).wrapping_add(key.len() as u64 ^ salt);
        match value % 7 {
            0 => Err(Error::Transient(value)),
            1 => Err(Error::Fatal(value)),
            _ => Ok(value),
        }
    }
}
EOF
}

# Function $1 in style $2 (retry | hand): three policies in turn.
function_source() {
  local i="$1" style="$2"
  case "$style:$((i % 3))" in
    retry:0) cat <<EOF
#[reattempt::retry(attempts = 3, delay = "10ms")]
pub async fn fetch_$i(store: &Store, key: &str) -> Result<u64, Error> {
    let value = store.get(key, $i).await?;
    Ok(value + $i)
}
EOF
    ;;
    retry:1) cat <<EOF
#[reattempt::retry(attempts = 5, delay = "10ms", backoff = "exponential", max_delay = "1s")]
pub async fn fetch_$i(store: &Store, key: &str) -> Result<u64, Error> {
    let value = store.get(key, $i).await?;
    Ok(value + $i)
}
EOF
    ;;
    retry:2) cat <<EOF
#[reattempt::retry(attempts = 4, delay = "50ms", when = |error| error.is_transient())]
pub async fn fetch_$i(store: &Store, key: &str) -> Result<u64, Error> {
    let value = store.get(key, $i).await?;
    Ok(value + $i)
}
EOF
    ;;
    hand:0) cat <<EOF
pub async fn fetch_$i(store: &Store, key: &str) -> Result<u64, Error> {
    let mut attempt = 1;
    loop {
        let outcome: Result<u64, Error> = async {
            let value = store.get(key, $i).await?;
            Ok(value + $i)
        }
        .await;
        match outcome {
            Ok(value) => return Ok(value),
            Err(error) if attempt >= 3 => return Err(error),
            Err(_) => {
                attempt += 1;
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        }
    }
}
EOF
    ;;
    hand:1) cat <<EOF
pub async fn fetch_$i(store: &Store, key: &str) -> Result<u64, Error> {
    let mut attempt = 1;
    let mut delay = Duration::from_millis(10);
    loop {
        let outcome: Result<u64, Error> = async {
            let value = store.get(key, $i).await?;
            Ok(value + $i)
        }
        .await;
        match outcome {
            Ok(value) => return Ok(value),
            Err(error) if attempt >= 5 => return Err(error),
            Err(_) => {
                attempt += 1;
                tokio::time::sleep(delay).await;
                delay = delay.saturating_mul(2).min(Duration::from_secs(1));
            }
        }
    }
}
EOF
    ;;
    hand:2) cat <<EOF
pub async fn fetch_$i(store: &Store, key: &str) -> Result<u64, Error> {
    let mut attempt = 1;
    loop {
        let outcome: Result<u64, Error> = async {
            let value = store.get(key, $i).await?;
            Ok(value + $i)
        }
        .await;
        match outcome {
            Ok(value) => return Ok(value),
            Err(error) if attempt >= 4 || !error.is_transient() => return Err(error),
            Err(_) => {
                attempt += 1;
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
    }
}
EOF
    ;;
  esac
}

# A crate of $functions functions in style $1, and one function that polls every future once,
# so that every state machine is compiled into this crate as a caller's would be.
generate() {
  local style="$1" dir="$work/$1"
  mkdir -p "$dir/src"
  cat >"$dir/Cargo.toml" <<EOF
[package]
name = "build-cost-$style"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
reattempt = { path = "$root" }
tokio = { version = "1", features = ["time"] }

[workspace]
EOF
  # Start from the workspace's lock file: the same versions, nothing to resolve.
  cp "$root/Cargo.lock" "$dir/Cargo.lock"
  {
    prelude
    for ((i = 0; i < functions; i++)); do
      echo
      function_source "$i" "$style"
    done
    echo
    echo "pub fn poll_all(store: &Store, context: &mut Context<'_>) {"
    for ((i = 0; i < functions; i++)); do
      echo "    let _ = pin!(fetch_$i(store, \"key\")).poll(context);"
    done
    echo "}"
  } >"$dir/src/lib.rs"
}

seconds_since() { # start in nanoseconds
  awk -v start="$1" -v end="$(date +%s%N)" 'BEGIN { printf "%.2f", (end - start) / 1e9 }'
}

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# One build of crate $1 with CARGO_INCREMENTAL=$2; prints "wall cpu" in seconds (cpu: user +
# system time of cargo and rustc, less sensitive than wall time to other work on the machine).
build() {
  local style="$1" incremental="$2" TIMEFORMAT='%R %U %S' timing
  timing="$({ time CARGO_INCREMENTAL="$incremental" CARGO_TARGET_DIR="$work/target-$style-$incremental" \
    cargo build --quiet --manifest-path "$work/$style/Cargo.toml" "${@:3}" 2>>"$work/cargo.log"; } 2>&1)" ||
    { cat "$work/cargo.log" >&2; exit 1; }
  awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }' <<<"$timing"
}

generate retry
generate hand
echo "$functions functions per crate, median of $runs builds of each, taken in turns (extra cargo arguments: ${*:-none})"
for incremental in 0 1; do
  if [[ $incremental == 0 ]]; then
    echo "the crate alone, compiled from scratch (CARGO_INCREMENTAL=0):"
  else
    echo "the crate alone, incremental rebuild after touching src/lib.rs (CARGO_INCREMENTAL=1):"
  fi
  # Dependencies first, once, then the crates in turns so that a change in the machine's load
  # falls on both.
  build retry "$incremental" "$@" >/dev/null
  build hand "$incremental" "$@" >/dev/null
  retry_wall=() retry_cpu=() hand_wall=() hand_cpu=()
  for ((run = 0; run < runs; run++)); do
    touch "$work/retry/src/lib.rs" "$work/hand/src/lib.rs"
    read -r wall cpu < <(build retry "$incremental" "$@")
    retry_wall+=("$wall") retry_cpu+=("$cpu")
    read -r wall cpu < <(build hand "$incremental" "$@")
    hand_wall+=("$wall") hand_cpu+=("$cpu")
  done
  rw="$(median "${retry_wall[@]}")" rc="$(median "${retry_cpu[@]}")"
  hw="$(median "${hand_wall[@]}")" hc="$(median "${hand_cpu[@]}")"
  echo "  #[retry] crate:   wall ${rw}s  cpu ${rc}s  (wall runs: ${retry_wall[*]})"
  echo "  hand-loop crate:  wall ${hw}s  cpu ${hc}s  (wall runs: ${hand_wall[*]})"
  echo "  ratio:            wall $(ratio "$rw" "$hw")x  cpu $(ratio "$rc" "$hc")x  (target: at most 1.3x)"
done

start="$(date +%s%N)"
CARGO_TARGET_DIR="$work/target-macro" cargo build --quiet --locked --manifest-path "$root/Cargo.toml" -p reattempt-macro "$@"
echo "clean build of reattempt-macro and its dependencies (syn, quote, proc-macro2): $(seconds_since "$start")s"
