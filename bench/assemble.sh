#!/usr/bin/env bash
# Times `synoptic assemble` on a generated assembly: 200 texts in force and
# 30 contributions, each proposing changes to 40 of the texts (about six
# proposals a text, as at a real assembly: MOD mostly, some SUP, NOC and
# ADD of new texts). Not part of the tests.
#   bash bench/assemble.sh               # 200 texts, 30 contributions
#   TEXTS=50 CONTRIBUTIONS=10 bash bench/assemble.sh
#   PER_CONTRIBUTION=200 bash bench/assemble.sh   # every group on every text
#   RUNS=5 FORMAT=docx bash bench/assemble.sh
set -euo pipefail
cd "$(dirname "$0")/.."
TEXTS=${TEXTS:-200}
CONTRIBUTIONS=${CONTRIBUTIONS:-30}
PER_CONTRIBUTION=${PER_CONTRIBUTION:-40}
RUNS=${RUNS:-5}
FORMAT=${FORMAT:-html}
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null 2>&1 || true; }
cargo build --release --quiet
work=$(mktemp -d)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
echo "inputs: $work" >&2

python3 - "$work" "$TEXTS" "$CONTRIBUTIONS" "$PER_CONTRIBUTION" <<'PY'
import os, random, sys

work, texts, contributions, per = sys.argv[1], *map(int, sys.argv[2:])
rng = random.Random(44)
words = ("standardization members developing countries study groups meetings "
         "documents participation remote electronic Bureau Director report "
         "resources training experts regional offices cooperation assistance "
         "Recommendations approval procedures secretariat contributions").split()
openers = ["considering", "recognizing", "noting", "resolves",
           "instructs the Director of the Telecommunication Standardization Bureau",
           "invites Member States"]

def sentence(n):
    return "that " + " ".join(rng.choice(words) for _ in range(n)) + ";"

os.makedirs(f"{work}/bases")
resolutions = []
for t in range(1, texts + 1):
    sections = []
    for opener in openers:
        count = rng.randint(3, 6)
        sections.append((opener, [sentence(rng.randint(20, 45)) for _ in range(count)]))
    resolutions.append(sections)
    with open(f"{work}/bases/r{t}.txt", "w") as f:
        f.write(f"RESOLUTION {t} (Rev. Geneva, 2022)\nTitle of resolution {t}\n"
                "The World Telecommunication Standardization Assembly (New Delhi, 2024),\n\n")
        for opener, paras in sections:
            f.write(opener + "\n")
            for i, p in enumerate(paras):
                f.write(f"{chr(97 + i)})\t{p}\n")
            f.write("\n")

os.makedirs(f"{work}/contributions")
for c in range(1, contributions + 1):
    out = [f"Addendum {c} to Document 35-E", f"Regional group {c}",
           f"COMMON PROPOSALS OF GROUP {c}", f"Abstract: Proposals of group {c}.", ""]
    chosen = sorted(rng.sample(range(1, texts + 1), min(per, texts)))
    for n, t in enumerate(chosen, 1):
        number = f"G{c}/35A{c}/{n}"
        roll = rng.random()
        if roll < 0.08:
            out += [f"SUP\t{number}", f"RESOLUTION {t} (Rev. Geneva, 2022)", "Reasons: Obsolete.", ""]
            continue
        if roll < 0.15:
            out += [f"NOC\t{number}", f"RESOLUTION {t} (Rev. Geneva, 2022)", "Reasons: Still relevant.", ""]
            continue
        out += [f"MOD\t{number}", f"RESOLUTION {t} (Rev. New Delhi, 2024)", f"Title of resolution {t}",
                "The World Telecommunication Standardization Assembly (New Delhi, 2024),", ""]
        for opener, paras in resolutions[t - 1]:
            out.append(opener)
            for i, p in enumerate(paras):
                if rng.random() < 0.1:
                    ws = p.split()
                    ws[rng.randrange(1, len(ws))] = rng.choice(words)
                    p = " ".join(ws)
                out.append(f"{chr(97 + i)})\t{p}")
            out.append("")
        out += [f"Reasons: Group {c} updates Resolution {t}.", ""]
    if c % 5 == 0:
        out += [f"ADD\tG{c}/35A{c}/{per + 1}", f"DRAFT NEW RESOLUTION [G{c}-1]", "New topic",
                "resolves", "1\t" + sentence(30), "2\t" + sentence(25), "Reasons: New work.", ""]
    with open(f"{work}/contributions/g{c:02}.txt", "w") as f:
        f.write("\n".join(out) + "\n")
PY

bytes=$(du -sb "$work/contributions" "$work/bases" | awk '{s += $1} END {print s}')
echo "assembly: $TEXTS texts, $CONTRIBUTIONS contributions × $PER_CONTRIBUTION texts ($((bytes / 1024)) KiB in), --format $FORMAT, $(nproc) cores"
# Wall-clock time, and CPU time (user + system), which a busy machine
# inflates less.
times=()
cpus=()
for run in $(seq "$RUNS"); do
  rm -rf "$work/out"
  /usr/bin/time -f "%e %U %S" -o "$work/time" \
    ./target/release/synoptic assemble "$work"/contributions/*.txt --bases "$work/bases" \
    -o "$work/out" --format "$FORMAT" 2>"$work/stderr" || { tail -3 "$work/stderr"; exit 1; }
  read -r real user sys < "$work/time"
  times+=("$real")
  cpus+=("$(echo "$user + $sys" | bc)")
done
median() { printf '%s\n' "$@" | sort -n | awk '{t[NR] = $1} END {printf "median %.3f s (min %.3f, max %.3f)", t[int((NR + 1) / 2)], t[1], t[NR]}'; }
echo "runs: $RUNS; wall clock $(median "${times[@]}"); CPU $(median "${cpus[@]}"); load average $(cut -d' ' -f1 /proc/loadavg)"
tail -1 "$work/stderr"
