#!/usr/bin/env bash
# Checks that independent readers read Synoptic's Word side-by-side
# fixture (examples/side-by-side-docx/table.docx, made by the generator in
# crates/synoptic-formats/src/read/side_by_side/generate.rs) as Synoptic
# does:
#   - pandoc, changes accepted: each column's words are the words of that
#     proposal in `synoptic compare --side-by-side` (labels, text, and its
#     action and number); changes rejected: the words of the base;
#   - LibreOffice: the file it saves after reading the table
#     (soffice --convert-to docx) gives exactly the same synopsis, so it
#     read every tracked change as Synoptic does.
# Needs the Debian packages pandoc and libreoffice-writer-nogui, and
# python3. Exits non-zero on any difference. Set SYNOPTIC_BIN to test a
# built binary.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
for tool in pandoc soffice python3; do
    command -v "$tool" >/dev/null || { echo "side_by_side_peers: $tool is not installed" >&2; exit 1; }
done
bin=${SYNOPTIC_BIN:-}
if [ -z "$bin" ]; then
    cargo build --quiet --manifest-path "$root/Cargo.toml" --bin synoptic
    bin="${CARGO_TARGET_DIR:-$root/target}/debug/synoptic"
fi
table="$root/examples/side-by-side-docx/table.docx"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# pandoc: each body cell of the first table as "column<TAB>words", its
# paragraphs joined by a space, footnotes left out.
cat >"$tmp/cells.lua" <<'LUA'
local out, done = {}, false
function Note(el) return {} end
function Table(tbl)
  if done then return nil end
  done = true
  for _, body in ipairs(tbl.bodies) do
    for _, row in ipairs(body.body) do
      for c, cell in ipairs(row.cells) do
        local parts = {}
        for _, block in ipairs(cell.contents) do parts[#parts + 1] = pandoc.utils.stringify(block) end
        out[#out + 1] = c .. '\t' .. table.concat(parts, ' ')
      end
    end
  end
end
function Pandoc(doc)
  local f = io.open(os.getenv('CELLS_OUT'), 'w')
  for _, line in ipairs(out) do f:write(line, '\n') end
  f:close()
  return doc
end
LUA
for side in accept reject; do
    CELLS_OUT="$tmp/pandoc-$side.txt" pandoc --track-changes=$side -f docx -t plain \
        --lua-filter "$tmp/cells.lua" "$table" >/dev/null
done
"$bin" compare --side-by-side "$table" --format json >"$tmp/ours.json"

python3 - "$tmp" <<'PY'
import json, re, sys
tmp = sys.argv[1]
s = json.load(open(f"{tmp}/ours.json"))
versions = s["versions"]

def words(text):
    # Footnote marks are Synoptic's ("[1]"); pandoc drops the notes.
    return re.sub(r"\[(\d+|[ivxlcdm]+)\]", " ", text).split()

def synoptic_words(vid):
    out = []
    for row in s["rows"]:
        if row["section"] == "notes":
            continue
        cell = next(c for c in row["cells"] if c["version"] == vid)
        if cell["status"] in ("absent", "deleted"):
            continue
        out += words(cell.get("label") or "") + words(cell["text"])
    return out

def pandoc_words(side, column, number):
    out = []
    for line in open(f"{tmp}/pandoc-{side}.txt"):
        c, _, text = line.rstrip("\n").partition("\t")
        if int(c) == column:
            out += words(text)
    # The action (and number) a column opens with are Synoptic's metadata.
    if out[:1] and out[0] in ("MOD", "ADD", "SUP", "NOC"):
        out = out[2:] if out[1:2] == [number] else out[1:]
    return out

failed = False
base = next(v for v in versions if v["role"] == "base")
for k, v in enumerate(versions[1:], start=1):
    ours = synoptic_words(v["id"])
    theirs = pandoc_words("accept", k, v.get("number"))
    if ours != theirs:
        failed = True
        print(f"{v['label']}: pandoc (accepted) reads\n  {' '.join(theirs)}\nSynoptic reads\n  {' '.join(ours)}")
    rejected = pandoc_words("reject", k, v.get("number"))
    if rejected and rejected != synoptic_words(base["id"]):
        failed = True
        print(f"{v['label']}: pandoc (rejected) reads\n  {' '.join(rejected)}\nthe base is\n  {' '.join(synoptic_words(base['id']))}")
print("side_by_side_peers: pandoc", "DIFFERS" if failed else "agrees")
sys.exit(1 if failed else 0)
PY

# LibreOffice: read the table and save it again; the synopsis of its file
# must be Synoptic's, row for row and change for change.
(cd "$tmp" && HOME="$tmp" soffice --headless --convert-to docx:"MS Word 2007 XML" --outdir "$tmp/lo" "$table" >/dev/null 2>&1)
"$bin" compare --side-by-side "$tmp/lo/table.docx" --format json >"$tmp/lo.json"
python3 - "$tmp" <<'PY'
import json, sys
tmp = sys.argv[1]
def facts(path):
    s = json.load(open(path))
    return [(r["id"], [(c["status"], c.get("label"), [(o["op"], o["text"]) for o in c["ops"]]) for c in r["cells"]]) for r in s["rows"]]
ours, theirs = facts(f"{tmp}/ours.json"), facts(f"{tmp}/lo.json")
if ours != theirs:
    for a, b in zip(ours, theirs):
        if a != b:
            print("LibreOffice's file reads differently:", a, b, sep="\n  ")
            break
    print("side_by_side_peers: LibreOffice DIFFERS")
    sys.exit(1)
print("side_by_side_peers: LibreOffice agrees")
PY
