#!/bin/sh
# A long differential fuzz run (see tests/fuzz_diff.rs): LINES generated
# command lines per seed, for each seed given (default: five random ones),
# against rip and the reference, each chunk in a fresh sandbox. Needs root.
# Mismatches are listed (RIP_FUZZ_VERBOSE); a signal, an abort or a hang
# fails the run.
#   sudo scripts/fuzz-diff.sh [LINES [SEED...]]
set -e
cd "$(dirname "$0")/.."
lines=${1:-3000}
[ $# -gt 0 ] && shift
seeds=${*:-$(od -An -N20 -tu4 /dev/urandom)}
cargo build --quiet
for seed in $seeds; do
  echo "== seed $seed, $lines lines"
  RIP_FUZZ_LINES=$lines RIP_FUZZ_SEED=$seed RIP_FUZZ_VERBOSE=1 \
    cargo test --quiet --test fuzz_diff -- --nocapture
done
