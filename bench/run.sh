#!/usr/bin/env bash
# Benchmarks Synoptic side by side with its peers (CollateX, Python difflib,
# git's word diff) on the same inputs, in one run. Not part of the tests.
#   bash bench/run.sh            # everything (a few minutes; CollateX is slow)
#   bash bench/run.sh --quick    # smaller inputs
#   bash bench/run.sh darwin     # one workload
#   bash bench/run.sh --no-collatex   # everything but CollateX
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check collatex python-Levenshtein 2>/dev/null \
  || echo "note: could not install CollateX; its column is left out" >&2
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null 2>&1 || true; }
cargo build --release --quiet
exec python3 bench/run.py "$@"
