#!/usr/bin/env python3
"""Synoptic side by side with its peers, on the same inputs, in one run.

Run through bench/run.sh, which installs the peers and builds Synoptic.
Not part of the test suite. Prints one Markdown table per workload with
medians and ratios; `--quick` uses smaller inputs and fewer repetitions.

Workloads (see the README's Performance section):
  darwin       47 paragraphs x 6 editions: Synoptic vs CollateX vs difflib
  assembly     50 resolutions x 6 proposals, ~30 KB each, 5% edited:
               synoptic batch vs difflib vs git diff --no-index --word-diff
  large        base of 20,000 paragraphs with 20 proposals: time and peak memory
  scaling      the large document at 1x, 2x, 4x paragraphs
  adversarial  5,000 near-identical paragraphs, shuffled by the proposal
"""
import argparse
import difflib
import glob
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SYNOPTIC = os.environ.get("SYNOPTIC_BIN", os.path.join(ROOT, "target", "release", "synoptic"))
CORPUS = os.path.join(ROOT, "..", "shared", "corpus")
GENERATE = os.path.join(ROOT, "bench", "generate.py")


def median_time(fn, runs):
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def run(cmd, **kw):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, **kw)


def peak_memory(cmd):
    """Exact peak memory of one run, via GNU time when present."""
    if shutil.which("/usr/bin/time") is None:
        return None
    proc = subprocess.run(
        ["/usr/bin/time", "-f", "%M"] + cmd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[:3]} failed: {proc.stderr.strip()}")
    last = proc.stderr.strip().splitlines()[-1]
    return int(last) / 1024


def table(title, header, rows):
    print(f"\n### {title}\n")
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---:" if i else "---" for i in range(len(header))) + "|")
    for r in rows:
        print("| " + " | ".join(str(c) for c in r) + " |")
    sys.stdout.flush()


def words(text):
    return text.split()


def difflib_pairs(pairs):
    """What a user would script: a word-level SequenceMatcher per pair."""
    for a, b in pairs:
        sm = difflib.SequenceMatcher(None, words(a), words(b), autojunk=False)
        sm.get_opcodes()


def darwin(args):
    files = sorted(glob.glob(os.path.join(CORPUS, "darwin", "*.json")))
    if not files:
        print("\n(darwin skipped: ../shared/corpus/darwin is not present)")
        return
    if args.quick:
        files = files[:8]
    datasets = [json.load(open(f, encoding="utf-8")) for f in files]
    runs = 3 if args.quick else 5

    def synoptic_each():
        for f in files:
            run([SYNOPTIC, "compare", f, "--format", "json", "-o", os.path.join(args.tmp, "d.json")])

    # The same paragraphs in one process, as difflib and CollateX run: one
    # folder a paragraph for `synoptic batch`.
    batch_dir = os.path.join(args.tmp, "darwin")
    for f in files:
        sub = os.path.join(batch_dir, os.path.splitext(os.path.basename(f))[0])
        os.makedirs(sub, exist_ok=True)
        shutil.copy(f, sub)

    def synoptic_batch():
        run([SYNOPTIC, "batch", batch_dir, "-o", os.path.join(args.tmp, "darwin-out"), "--format", "json"],
            stderr=subprocess.DEVNULL)

    t_each = median_time(synoptic_each, runs)
    t_syn = median_time(synoptic_batch, runs)
    t_lib_one, t_lib_threads = synoptic_in_process()

    def difflib_all():
        for d in datasets:
            w = d["witnesses"]
            difflib_pairs((w[0]["content"], x["content"]) for x in w[1:])

    t_diff = median_time(difflib_all, runs)

    t_cx = None
    try:
        from collatex import Collation, collate  # noqa: PLC0415

        def collatex_all():
            for d in datasets:
                collate(Collation.create_from_dict(d), output="table")

        # CollateX takes about a second a paragraph: one run is enough.
        t_cx = median_time(collatex_all, 1)
    except ImportError:
        pass
    # CollateX and difflib are timed in process (no interpreter start, no
    # files): so is Synoptic's library in the first rows.
    ref = t_lib_threads or t_syn
    rows = []
    if t_lib_one is not None:
        rows.append(["Synoptic library in process, all threads", f"{t_lib_threads:.4f}", "1.0×"])
        rows.append(["Synoptic library in process, one thread", f"{t_lib_one:.4f}", f"{t_lib_one / ref:.1f}×"])
    rows.append(["Synoptic batch (whole command: JSON synopses + index)", f"{t_syn:.3f}", f"{t_syn / ref:.1f}×"])
    rows.append(["Synoptic compare, one process per paragraph", f"{t_each:.3f}", f"{t_each / ref:.1f}×"])
    if t_cx is not None:
        rows.append(["CollateX in process (default aligner, table output)", f"{t_cx:.3f}", f"{t_cx / ref:.0f}×"])
    rows.append(
        ["Python difflib in process (word SequenceMatcher vs first edition)", f"{t_diff:.4f}", f"{t_diff / ref:.2f}×"]
    )
    table(
        f"Darwin: {len(files)} paragraphs × 6 editions",
        ["tool", "seconds (median)", "time vs Synoptic in process"],
        rows,
    )


def synoptic_in_process():
    """Synoptic's library on the Darwin paragraphs, timed in process by
    `cargo bench --bench compare -- darwin` (medians, in seconds)."""
    proc = subprocess.run(
        ["cargo", "bench", "--quiet", "--bench", "compare", "--", "darwin"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    m = re.search(r"([0-9.]+) ms one after the other, ([0-9.]+) ms on", proc.stdout)
    if proc.returncode != 0 or m is None:
        return None, None
    return float(m.group(1)) / 1000, float(m.group(2)) / 1000


def assembly(args):
    d = os.path.join(args.tmp, "assembly")
    out = os.path.join(args.tmp, "assembly-out")
    texts = 10 if args.quick else 50
    run([sys.executable, GENERATE, "assembly", d, "--texts", str(texts)])
    runs = 3 if args.quick else 5
    t_syn = median_time(lambda: run([SYNOPTIC, "batch", d, "-o", out], stderr=subprocess.DEVNULL), runs)
    t_json = median_time(
        lambda: run([SYNOPTIC, "batch", d, "-o", out, "--format", "json"], stderr=subprocess.DEVNULL), runs
    )
    pairs = []
    for t in sorted(os.listdir(d)):
        base = open(os.path.join(d, t, "base.txt"), encoding="utf-8").read()
        for p in sorted(glob.glob(os.path.join(d, t, "p*.txt"))):
            pairs.append((os.path.join(d, t, "base.txt"), p, base, open(p, encoding="utf-8").read()))
    t_diff = median_time(lambda: difflib_pairs((a, b) for _, _, a, b in pairs), runs)

    def git_all():
        for a, b, _, _ in pairs:
            subprocess.run(
                ["git", "diff", "--no-index", "--word-diff", a, b],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )

    t_git = median_time(git_all, 1 if not args.quick else 1)
    table(
        f"Generated assembly: {texts} resolutions × 6 proposals ({len(pairs)} proposal files)",
        ["tool", "seconds (median)", "vs Synoptic"],
        [
            ["synoptic batch (HTML synopses + index)", f"{t_syn:.3f}", "1.0×"],
            ["synoptic batch --format json", f"{t_json:.3f}", f"{t_json / t_syn:.2f}×"],
            ["Python difflib, word level, every pair", f"{t_diff:.3f}", f"{t_diff / t_syn:.1f}×"],
            ["git diff --no-index --word-diff, every pair", f"{t_git:.3f}", f"{t_git / t_syn:.1f}×"],
        ],
    )


def large_case(args, paragraphs, proposals, label):
    d = os.path.join(args.tmp, f"large-{paragraphs}")
    run([sys.executable, GENERATE, "large", d, "--paragraphs", str(paragraphs), "--proposals", str(proposals)])
    files = [os.path.join(d, "base.txt")] + sorted(glob.glob(os.path.join(d, "p*.txt")))
    size = sum(os.path.getsize(f) for f in files) / 1e6
    cmd = [SYNOPTIC, "compare", "--base", files[0]] + files[1:] + [
        "--format", "json", "-o", os.path.join(d, "out.json"),
        # The default input limit (256 MiB a run) guards users, not benchmarks.
        "--max-total-size", "4G",
    ]
    runs = 1 if args.quick else 3
    t = median_time(lambda: run(cmd, stderr=subprocess.DEVNULL), runs)
    mem = peak_memory(cmd)
    shutil.rmtree(d, ignore_errors=True)
    return [label, paragraphs, proposals, f"{size:.0f}", f"{t:.2f}", f"{mem:.0f}" if mem else "?"]


def large(args):
    n = 2000 if args.quick else 20000
    row = large_case(args, n, 20, "large document")
    table("Large document (JSON output)", ["input", "paragraphs", "proposals", "input MB", "seconds", "peak MiB"], [row])


def scaling(args):
    n = 2000 if args.quick else 20000
    rows = [large_case(args, n * k, 20, f"{k}×") for k in (1, 2, 4)]
    t = [float(r[4]) for r in rows]
    table(
        "Scaling (JSON output)",
        ["size", "paragraphs", "proposals", "input MB", "seconds", "peak MiB"],
        rows,
    )
    print(f"\nGrowth: 2× input takes {t[1] / t[0]:.2f}× the time, 4× takes {t[2] / t[0]:.2f}×.")


def adversarial(args):
    d = os.path.join(args.tmp, "adversarial")
    rows = []
    for n in ((1000, 2500) if args.quick else (2500, 5000, 10000)):
        run([sys.executable, GENERATE, "adversarial", d, "--paragraphs", str(n)])
        cmd = [SYNOPTIC, "compare", "--base", os.path.join(d, "base.txt"), os.path.join(d, "p1.txt"),
               "--format", "json", "-o", os.path.join(d, "out.json")]
        t = median_time(lambda: run(cmd, stderr=subprocess.DEVNULL), 1 if args.quick else 3)
        mem = peak_memory(cmd)
        notes = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True).stderr
        said = "yes" if "note:" in notes else "no"
        rows.append([n, f"{t:.2f}", f"{mem:.0f}" if mem else "?", said])
    table(
        "Adversarial: near-identical paragraphs, shuffled",
        ["paragraphs", "seconds", "peak MiB", "fallback reported"],
        rows,
    )


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("workloads", nargs="*", default=["darwin", "assembly", "large", "scaling", "adversarial"])
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    if not os.path.exists(SYNOPTIC):
        sys.exit(f"{SYNOPTIC} not found: run bench/run.sh, or cargo build --release")
    with tempfile.TemporaryDirectory(prefix="synoptic-bench-") as tmp:
        args.tmp = tmp
        print(f"Synoptic bench, {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores")
        for w in args.workloads:
            globals()[w](args)


if __name__ == "__main__":
    main()
