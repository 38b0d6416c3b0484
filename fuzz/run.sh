#!/usr/bin/env bash
# Runs every fuzz target (or those named) for a fixed time each, keeping the
# corpus under fuzz/corpus/<target>/ (only the committed seed-* files are in
# git) and any crash under fuzz/artifacts/<target>/.
#
#   fuzz/run.sh                     # every target, 60 s each
#   FUZZ_SECONDS=600 fuzz/run.sh    # 10 minutes each
#   fuzz/run.sh read_docx compare   # only these
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). libFuzzer's instrumentation
# uses unstable compiler flags; on a stable toolchain RUSTC_BOOTSTRAP=1
# enables them. FUZZ_SANITIZER=address adds AddressSanitizer (slower; the
# code forbids `unsafe`, so the default is none). FUZZ_JOBS runs that many
# processes per target. A summary of each run (executions, coverage, corpus
# size, crashes) is appended to fuzz/logs/summary.txt.
# No pipefail: a grep that finds no figure in a crashed run's log is fine.
set -eu
cd "$(dirname "$0")"

seconds="${FUZZ_SECONDS:-60}"
sanitizer="${FUZZ_SANITIZER:-none}"
jobs="${FUZZ_JOBS:-1}"
export RUSTC_BOOTSTRAP=1
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"

all=(read_text read_markdown read_side_by_side read_collatex read_docx read_decisions read_contribution compare consolidate)
if [ "$#" -gt 0 ]; then targets=("$@"); else targets=("${all[@]}"); fi

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "cargo-fuzz is missing: cargo install cargo-fuzz" >&2
  exit 2
fi

mkdir -p logs
cargo fuzz build -O --sanitizer "$sanitizer"

status=0
for target in "${targets[@]}"; do
  mkdir -p "corpus/$target" "artifacts/$target"
  log="logs/$target.log"
  echo "== $target: ${seconds}s"
  # -timeout: one input taking over 10 s is a hang, reported as a crash.
  # -rss_limit_mb: memory over 2 GiB is a crash too.
  parallel=()
  if [ "$jobs" -gt 1 ]; then parallel=(-jobs="$jobs" -workers="$jobs"); fi
  rm -f fuzz-*.log
  if ! cargo fuzz run -O --sanitizer "$sanitizer" "$target" "corpus/$target" -- \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 "${parallel[@]}" >"$log" 2>&1; then
    status=1
  fi
  # With -jobs, libFuzzer writes each job's output to fuzz-N.log.
  for f in fuzz-*.log; do [ -f "$f" ] && cat "$f" >>"$log" && rm -f "$f"; done
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | awk '{s+=$2} END {print s+0}' || true)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | awk '{print $2}' || true)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | awk '{print $2}' || true)
  corpus=$(find "corpus/$target" -type f | wc -l)
  crashes=$(find "artifacts/$target" -type f | wc -l)
  line="$(date -u +%FT%TZ) $target ${seconds}s runs=$runs cov=${cov:-?} ft=${ft:-?} corpus=$corpus artifacts=$crashes"
  echo "$line" | tee -a logs/summary.txt
  if grep -q 'ERROR: libFuzzer\|panicked at\|deadly signal' "$log"; then
    grep -m3 'panicked at\|ERROR: libFuzzer\|SUMMARY' "$log" || true
    status=1
  fi
done
exit "$status"
