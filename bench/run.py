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
  labels       200,000 paragraphs all labelled a) with the same text, 2-paragraph base

At the end every target of issue 18 is printed with its measure and "met" or
"missed". Times are wall clock; where the machine is shared, the CPU time
(user + system) of the same runs is printed beside them.
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


# Every target of issue 18: (measure, value, target, met).
TARGETS = []
# CPU seconds (user + system, this process and its children) of the last
# median_time call, median over its runs.
LAST_CPU = [0.0]


def cpu_now():
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def median_time(fn, runs):
    samples = []
    cpus = []
    for _ in range(runs):
        start = time.perf_counter()
        cpu = cpu_now()
        fn()
        samples.append(time.perf_counter() - start)
        cpus.append(cpu_now() - cpu)
    LAST_CPU[0] = statistics.median(cpus)
    return statistics.median(samples)


def target(measure, value, wanted, met):
    TARGETS.append((measure, value, wanted, "met" if met else "**missed**"))


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
        if args.no_collatex:
            raise ImportError
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
    if t_lib_threads is not None:
        target(
            "Darwin, 47 paragraphs × 6 editions, in process, vs Python difflib",
            f"{t_diff / t_lib_threads:.1f}× faster ({t_lib_threads * 1000:.1f} ms vs {t_diff * 1000:.1f} ms)",
            "≥ 20× faster",
            t_diff / t_lib_threads >= 20,
        )
    else:
        target("Darwin, in process, vs Python difflib", "not measured (cargo bench failed)", "≥ 20× faster", False)
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
    c_syn = LAST_CPU[0]
    t_json = median_time(
        lambda: run([SYNOPTIC, "batch", d, "-o", out, "--format", "json"], stderr=subprocess.DEVNULL), runs
    )
    pairs = []
    for t in sorted(os.listdir(d)):
        base = open(os.path.join(d, t, "base.txt"), encoding="utf-8").read()
        for p in sorted(glob.glob(os.path.join(d, t, "p*.txt"))):
            pairs.append((os.path.join(d, t, "base.txt"), p, base, open(p, encoding="utf-8").read()))
    # difflib takes some 10 s a run here and has no target: one run.
    t_diff = median_time(lambda: difflib_pairs((a, b) for _, _, a, b in pairs), 1)

    def git_all():
        for a, b, _, _ in pairs:
            subprocess.run(
                ["git", "diff", "--no-index", "--word-diff", a, b],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )

    t_git = median_time(git_all, 3 if not args.quick else 1)
    c_git = LAST_CPU[0]
    target(
        f"{len(pairs)}-file assembly vs git diff --no-index --word-diff over every pair",
        f"{t_git / t_syn:.1f}× faster ({t_syn:.3f} s vs {t_git:.3f} s; CPU {c_syn:.3f} s vs {c_git:.3f} s)",
        "≥ 5× faster",
        t_git / t_syn >= 5,
    )
    table(
        f"Generated assembly: {texts} resolutions × 6 proposals ({len(pairs)} proposal files)",
        ["tool", "seconds (median)", "vs Synoptic"],
        [
            ["synoptic batch (HTML synopses + index)", f"{t_syn:.3f} (CPU {c_syn:.3f})", "1.0×"],
            ["synoptic batch --format json", f"{t_json:.3f}", f"{t_json / t_syn:.2f}×"],
            ["Python difflib, word level, every pair", f"{t_diff:.3f}", f"{t_diff / t_syn:.1f}×"],
            ["git diff --no-index --word-diff, every pair", f"{t_git:.3f} (CPU {c_git:.3f})", f"{t_git / t_syn:.1f}×"],
        ],
    )


def large_command(d, files, fmt):
    return [SYNOPTIC, "compare", "--base", files[0]] + files[1:] + [
        "--format", fmt, "-o", os.path.join(d, "out." + fmt),
        # The default input limit (256 MiB a run) guards users, not benchmarks.
        "--max-total-size", "4G",
    ]


def large_case(args, paragraphs, proposals, label, formats=("json",), git=False):
    """Times the JSON synopsis of a generated document; the peak memory of
    each format in `formats`; with `git`, git's word diff of each proposal
    against the base, timed in the same run."""
    d = os.path.join(args.tmp, f"large-{paragraphs}")
    run([sys.executable, GENERATE, "large", d, "--paragraphs", str(paragraphs), "--proposals", str(proposals)])
    files = [os.path.join(d, "base.txt")] + sorted(glob.glob(os.path.join(d, "p*.txt")))
    size = sum(os.path.getsize(f) for f in files)
    cmd = large_command(d, files, "json")
    runs = 1 if args.quick else 3
    t = median_time(lambda: run(cmd, stderr=subprocess.DEVNULL), runs)
    cpu = LAST_CPU[0]
    mems = {}
    for fmt in formats:
        mems[fmt] = peak_memory(large_command(d, files, fmt))
        if os.path.exists(os.path.join(d, "out." + fmt)):
            os.remove(os.path.join(d, "out." + fmt))
    t_git = c_git = None
    if git:

        def git_all():
            for p in files[1:]:
                subprocess.run(
                    ["git", "diff", "--no-index", "--word-diff", files[0], p],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )

        t_git = median_time(git_all, 1)
        c_git = LAST_CPU[0]
    shutil.rmtree(d, ignore_errors=True)
    mem = mems.get("json")
    row = [label, paragraphs, proposals, f"{size / 1e6:.0f}", f"{t:.2f}", f"{cpu:.2f}", f"{mem:.0f}" if mem else "?"]
    return row, t, size, mems, t_git, c_git


def large(args):
    n = 2000 if args.quick else 20000
    row, t, size, mems, t_git, c_git = large_case(
        args, n, 20, "large document", formats=("json", "html", "md", "docx"), git=True
    )
    table(
        "Large document (JSON output)",
        ["input", "paragraphs", "proposals", "input MB", "seconds", "CPU seconds", "peak MiB"],
        [row],
    )
    limit = 2 * size / 2**20 + 64
    table(
        "Large document: peak memory by output format",
        ["format", "peak MiB", f"target ≤ 2 × input + 64 MiB = {limit:.0f} MiB"],
        [[f, f"{m:.0f}" if m else "?", "met" if m and m <= limit else "**missed**"] for f, m in mems.items()],
    )
    for fmt, m in mems.items():
        target(
            f"peak memory, large document ({size / 2**20:.0f} MiB in), --format {fmt}",
            f"{m:.0f} MiB" if m else "not measured",
            f"≤ {limit:.0f} MiB (2× input + 64 MiB)",
            m is not None and m <= limit,
        )
    print(f"\ngit diff --no-index --word-diff of each of the 20 proposals against the base: "
          f"{t_git:.2f} s (CPU {c_git:.2f} s)")
    target(
        f"large document, {n:,} paragraphs × 20 proposals, vs git word diff of each proposal",
        f"{t_git / t:.1f}× faster ({t:.2f} s vs {t_git:.2f} s)",
        "≥ 5× faster",
        t_git / t >= 5,
    )


def scaling(args):
    n = 2000 if args.quick else 20000
    cases = [large_case(args, n * k, 20, f"{k}×") for k in (1, 2, 4)]
    rows = [c[0] for c in cases]
    t = [c[1] for c in cases]
    cpu = [float(r[5]) for r in rows]
    table(
        "Scaling (JSON output)",
        ["size", "paragraphs", "proposals", "input MB", "seconds", "CPU seconds", "peak MiB"],
        rows,
    )
    print(f"\nGrowth: 2× input takes {t[1] / t[0]:.2f}× the time, 4× takes {t[2] / t[0]:.2f}× "
          f"(CPU time: {cpu[1] / cpu[0]:.2f}×, {cpu[2] / cpu[0]:.2f}×).")
    def said(ok):
        return "met" if ok else "missed"

    target("large document, 2× the paragraphs",
           f"{t[1] / t[0]:.2f}× the time (CPU time {cpu[1] / cpu[0]:.2f}×: {said(cpu[1] / cpu[0] <= 2.1)})",
           "≤ 2.1×", t[1] / t[0] <= 2.1)
    target("large document, 4× the paragraphs",
           f"{t[2] / t[0]:.2f}× the time (CPU time {cpu[2] / cpu[0]:.2f}×: {said(cpu[2] / cpu[0] <= 4.4)})",
           "≤ 4.4×", t[2] / t[0] <= 4.4)


def labels(args):
    d = os.path.join(args.tmp, "labels")
    n = 20000 if args.quick else 200000
    run([sys.executable, GENERATE, "same-labels", d, "--paragraphs", str(n)])
    cmd = [SYNOPTIC, "compare", "--base", os.path.join(d, "base.txt"), os.path.join(d, "p1.txt"),
           "--format", "json", "-o", os.path.join(d, "out.json"),
           # The default limit of 100,000 paragraphs guards users, not benchmarks.
           "--max-paragraphs", "1000000"]
    t = median_time(lambda: run(cmd, stderr=subprocess.DEVNULL), 1 if args.quick else 3)
    cpu = LAST_CPU[0]
    mem = peak_memory(cmd)
    shutil.rmtree(d, ignore_errors=True)
    table(
        "Duplicates: every paragraph labelled a) with the same text, 2-paragraph base",
        ["paragraphs", "seconds", "CPU seconds", "peak MiB"],
        [[n, f"{t:.2f}", f"{cpu:.2f}", f"{mem:.0f}" if mem else "?"]],
    )
    target(f"{n:,} paragraphs all labelled a) with the same text, 2-paragraph base",
           f"{t:.2f} s (CPU {cpu:.2f} s)", "< 2 s", t < 2)


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
    ap.add_argument(
        "workloads", nargs="*", default=["darwin", "assembly", "large", "scaling", "labels", "adversarial"]
    )
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--no-collatex", action="store_true", help="leave CollateX out (minutes a run)")
    args = ap.parse_args()
    if not os.path.exists(SYNOPTIC):
        sys.exit(f"{SYNOPTIC} not found: run bench/run.sh, or cargo build --release")
    with tempfile.TemporaryDirectory(prefix="synoptic-bench-") as tmp:
        args.tmp = tmp
        load = os.getloadavg()
        print(f"Synoptic bench, {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, "
              f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
        for w in args.workloads:
            globals()[w](args)
        table(
            "Targets (issue 18)",
            ["measure", "this run", "target", "verdict"],
            TARGETS,
        )
        load = os.getloadavg()
        print(f"\nload average at the end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; "
              f"{sum(1 for t in TARGETS if t[3] == 'met')} of {len(TARGETS)} targets met")


if __name__ == "__main__":
    main()
