#!/usr/bin/env bash
# Checks Synoptic's .docx output with independent readers:
#   - pandoc (--track-changes=all) must find exactly the insertions and
#     deletions written in word/document.xml, with the same authors (the
#     proposals' labels), and every proposal that changes something;
#   - LibreOffice (soffice --headless --convert-to pdf) must convert it.
# Needs the Debian packages pandoc, libreoffice-writer-nogui and unzip.
# Exits non-zero on any difference. Set SYNOPTIC_BIN to test a built binary.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
for tool in pandoc soffice unzip awk; do
    command -v "$tool" >/dev/null || { echo "docx_peers: $tool is not installed" >&2; exit 1; }
done
bin=${SYNOPTIC_BIN:-}
if [ -z "$bin" ]; then
    cargo build --quiet --manifest-path "$root/Cargo.toml" --bin synoptic
    bin="${CARGO_TARGET_DIR:-$root/target}/debug/synoptic"
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The revisions written in the XML: "kind<TAB>author<TAB>text" with the
# text of each (kind, author) concatenated in document order, white space
# removed (pandoc turns tabs and breaks into spaces).
written() {
    unzip -p "$1" word/document.xml | sed 's/</\n</g' | awk '
        function attr(line, name,   m) {
            if (match(line, name "=\"[^\"]*\"")) return substr(line, RSTART + length(name) + 2, RLENGTH - length(name) - 3)
            return ""
        }
        function decode(s) {
            gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s); gsub(/&quot;/, "\"", s)
            gsub(/&apos;/, "\047", s); gsub(/&amp;/, "\\&", s); return s
        }
        /^<w:ins / { kind = "insertion"; who = decode(attr($0, "w:author")); next }
        /^<w:del / { kind = "deletion"; who = decode(attr($0, "w:author")); next }
        /^<\/w:(ins|del)>/ { kind = ""; next }
        /^<w:(t|delText)[ >]/ {
            if (kind == "") next
            text = substr($0, index($0, ">") + 1)
            key = kind "\t" who
            if (!(key in acc)) keys[++n] = key
            acc[key] = acc[key] decode(text)
        }
        END { for (i = 1; i <= n; i++) { t = acc[keys[i]]; gsub(/[ \t\r\n]/, "", t); print keys[i] "\t" t } }
    ' | LC_ALL=C sort
}

# The same, as pandoc reads the file.
cat >"$tmp/revisions.lua" <<'LUA'
local acc, keys = {}, {}
local function span(el)
  local kind
  if el.classes:includes('insertion') then kind = 'insertion'
  elseif el.classes:includes('deletion') then kind = 'deletion'
  else return nil end
  local key = kind .. '\t' .. (el.attributes.author or '')
  if acc[key] == nil then acc[key] = ''; keys[#keys + 1] = key end
  acc[key] = acc[key] .. pandoc.utils.stringify(el)
end
local function finish(doc)
  local out = io.open(os.getenv('PEERS_OUT'), 'w')
  for _, key in ipairs(keys) do
    out:write(key, '\t', (acc[key]:gsub('%s', '')), '\n')
  end
  out:close()
  return doc
end
return {{Span = span}, {Pandoc = finish}}
LUA

check() {
    local docx=$1
    shift
    local name
    name=$(basename "$docx")
    written "$docx" >"$tmp/written.txt"
    PEERS_OUT="$tmp/pandoc.raw" pandoc --track-changes=all -f docx -t native \
        --lua-filter "$tmp/revisions.lua" "$docx" >/dev/null
    LC_ALL=C sort "$tmp/pandoc.raw" >"$tmp/pandoc.txt"
    if ! diff -u "$tmp/written.txt" "$tmp/pandoc.txt"; then
        echo "docx_peers: $name: pandoc reads other revisions than we wrote" >&2
        exit 1
    fi
    if [ ! -s "$tmp/written.txt" ]; then
        echo "docx_peers: $name: no revisions at all" >&2
        exit 1
    fi
    for author in "$@"; do
        if ! cut -f2 "$tmp/pandoc.txt" | grep -qx "$author"; then
            echo "docx_peers: $name: pandoc finds no revision by $author" >&2
            exit 1
        fi
    done
    rm -f "$tmp"/*.pdf
    if ! soffice -env:UserInstallation="file://$tmp/lo" --headless --convert-to pdf \
        --outdir "$tmp" "$docx" >"$tmp/soffice.log" 2>&1; then
        cat "$tmp/soffice.log" >&2
        echo "docx_peers: $name: LibreOffice cannot convert it" >&2
        exit 1
    fi
    local pdf="$tmp/${name%.docx}.pdf"
    if [ ! -s "$pdf" ]; then
        cat "$tmp/soffice.log" >&2
        echo "docx_peers: $name: LibreOffice wrote no PDF" >&2
        exit 1
    fi
    echo "docx_peers: $name: $(wc -l <"$tmp/written.txt") revision groups match pandoc; LibreOffice converts it"
}

ex="$root/examples"
"$bin" compare --base "$ex/resolution/base.txt" --label AFR --label APT --label CEPT \
    "$ex/resolution/afr.txt" "$ex/resolution/apt.txt" "$ex/resolution/cept.txt" \
    -o "$tmp/resolution.docx"
check "$tmp/resolution.docx" AFR APT CEPT

"$bin" compare --base "$ex/resolution-docx/base.docx" --label AFR --label CEPT \
    "$ex/resolution-docx/afr.docx" "$ex/resolution-docx/cept.docx" -o "$tmp/resolution-docx.docx"
check "$tmp/resolution-docx.docx" AFR CEPT

# The example proposals themselves (made by our document writer).
check "$ex/resolution-docx/afr.docx" AFR
check "$ex/resolution-docx/cept.docx" CEPT
echo "docx_peers: 4 passed, 0 failed"
