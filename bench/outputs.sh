#!/usr/bin/env bash
# Writes every synopsis of the examples (and, when present, of Resolution 44
# and the Darwin paragraphs of ../shared/corpus) in every output format to
# one folder, so that a change meant to leave the output alone can be checked
# byte for byte:
#   bash bench/outputs.sh /tmp/before   # on the old build
#   bash bench/outputs.sh /tmp/after    # on the new one
#   diff -r /tmp/before /tmp/after
# Uses target/release/synoptic (or $SYNOPTIC_BIN); builds nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${SYNOPTIC_BIN:-$PWD/target/release/synoptic}
out=${1:?usage: bench/outputs.sh OUTDIR}
mkdir -p "$out"
formats="json html md term docx"
each() { # name, then compare's arguments
  local name=$1
  shift
  for f in $formats; do
    "$bin" compare "$@" --format "$f" --color never --width 160 -o "$out/$name.$f" 2>>"$out/stderr.log"
  done
}
ex=examples
each resolution --base $ex/resolution/base.txt $ex/resolution/afr.txt $ex/resolution/apt.txt $ex/resolution/cept.txt
each resolution-inferred $ex/resolution/afr.txt $ex/resolution/apt.txt $ex/resolution/cept.txt
each resolution-docx --base $ex/resolution-docx/base.docx $ex/resolution-docx/afr.docx $ex/resolution-docx/cept.docx
each resolution-md --base $ex/resolution-md/base.md $ex/resolution-md/afr.md $ex/resolution-md/cept.md
each harbour $ex/collatex/harbour-bylaw.json
each res310 --side-by-side $ex/side-by-side/res310-side-by-side.txt
for lang in $ex/i18n/*/; do
  l=$(basename "$lang")
  files=("$lang"*)
  base=""
  rest=()
  for f in "${files[@]}"; do
    case $(basename "$f") in base.*) base=$f ;; *) rest+=("$f") ;; esac
  done
  if [ -n "$base" ]; then each "i18n-$l" --base "$base" "${rest[@]}"; else each "i18n-$l" "${rest[@]}"; fi
done
corpus=../shared/corpus
if [ -d "$corpus/res44" ]; then
  each res44 --side-by-side "$corpus/res44/res44-side-by-side.txt"
fi
if [ -d "$corpus/darwin" ]; then
  for f in "$corpus"/darwin/*.json; do
    each "darwin-$(basename "$f" .json)" "$f"
  done
  mkdir -p "$out/darwin-batch-in"
  for f in "$corpus"/darwin/*.json; do
    d="$out/darwin-batch-in/$(basename "$f" .json)"
    mkdir -p "$d" && cp "$f" "$d/"
  done
  "$bin" batch "$out/darwin-batch-in" -o "$out/darwin-batch" --format json 2>>"$out/stderr.log"
  rm -rf "$out/darwin-batch-in"
fi
a=$ex/assembly
for f in json html; do
  "$bin" assemble $a/afr.txt $a/apt.docx $a/cept.txt --bases $a/bases -o "$out/assembly-$f" --format $f 2>>"$out/stderr.log"
done
ls "$out" | wc -l
