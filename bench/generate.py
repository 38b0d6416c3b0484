#!/usr/bin/env python3
"""Deterministic inputs for bench/run.sh: resolutions with proposals.

  generate.py assembly DIR [--texts 50] [--proposals 6] [--kb 30] [--edit 0.05]
  generate.py large DIR [--paragraphs 20000] [--proposals 20] [--edit 0.05]
  generate.py adversarial DIR [--paragraphs 5000]
  generate.py same-labels DIR [--paragraphs 200000]

Each text is a folder with base.txt and p1.txt ... pN.txt in Synoptic's
plain-text form: openers on their own lines, a label and a TAB before each
paragraph.
"""
import argparse
import os
import random

WORDS = (
    "the of and to in that Resolution Conference Plenipotentiary standardization gap "
    "developing countries regional offices study groups academia fund bridge digital "
    "divide languages equal footing Member States Sector ITU-T Bureau Director instructs "
    "resolves participation Recommendations capacity building workshops fellowships "
    "remote meetings cooperation assistance technical experts guidelines training "
    "programme implementation measures reports annual review activities contributions "
    "coordination secretariat assembly delegates documents electronic methods access"
).split()

OPENERS = [
    "considering", "recognizing", "recognizing also", "taking into account", "noting",
    "recalling", "resolves", "instructs the Director of the Telecommunication Standardization Bureau",
    "invites Member States", "encourages Sector Members",
]


def sentence(rng, words):
    text = "that " + " ".join(rng.choice(WORDS) for _ in range(words))
    return f"{text} {rng.randrange(100000)};"


def label(i):
    letters = "abcdefghijklmnopqrstuvwxyz"
    out = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        out = letters[r] + out
    return out + ")"


def make_base(rng, paragraphs, per_section=20):
    sections = []
    n = 0
    s = 0
    while n < paragraphs:
        count = min(per_section, paragraphs - n)
        opener = OPENERS[s % len(OPENERS)]
        if s >= len(OPENERS):
            opener = f"{opener} ({s // len(OPENERS) + 1})"
        sections.append((opener, [sentence(rng, rng.randrange(20, 40)) for _ in range(count)]))
        n += count
        s += 1
    return sections


def edit(rng, sections, share):
    out = []
    for opener, paras in sections:
        new = []
        for p in paras:
            if rng.random() < share:
                kind = rng.randrange(10)
                if kind == 0:
                    continue  # deleted
                if kind == 1:
                    new.append(sentence(rng, 30))  # inserted before
                    new.append(p)
                    continue
                words = p.split(" ")
                for _ in range(3):
                    words[rng.randrange(len(words))] = rng.choice(WORDS)
                new.append(" ".join(words))
            else:
                new.append(p)
        out.append((opener, new))
    return out


def write(path, sections, title="RESOLUTION 1 (Rev. Geneva, 2022)"):
    with open(path, "w", encoding="utf-8") as f:
        f.write(title + "\n\n")
        for opener, paras in sections:
            f.write(opener + "\n")
            for i, p in enumerate(paras):
                f.write(f"{label(i)}\t{p}\n")
            f.write("\n")


def text(dirname, rng, paragraphs, proposals, share):
    os.makedirs(dirname, exist_ok=True)
    base = make_base(rng, paragraphs)
    write(os.path.join(dirname, "base.txt"), base)
    for k in range(proposals):
        write(os.path.join(dirname, f"p{k + 1}.txt"), edit(rng, base, share))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("kind", choices=["assembly", "large", "adversarial", "same-labels"])
    ap.add_argument("dir")
    ap.add_argument("--texts", type=int, default=50)
    ap.add_argument("--proposals", type=int)
    ap.add_argument("--kb", type=int, default=30)
    ap.add_argument("--edit", type=float, default=0.05)
    ap.add_argument("--paragraphs", type=int)
    ap.add_argument("--seed", type=int, default=44)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    if a.kind == "assembly":
        # ~300 bytes a paragraph: kb * 1000 / 300 paragraphs a text.
        paragraphs = max(1, a.kb * 1000 // 300)
        for t in range(a.texts):
            text(os.path.join(a.dir, f"res{t + 1:03}"), rng, paragraphs, a.proposals or 6, a.edit)
    elif a.kind == "large":
        text(a.dir, rng, a.paragraphs or 20000, a.proposals or 20, a.edit)
    elif a.kind == "same-labels":
        # Every paragraph of the proposal labelled a) with the same text,
        # against a base of two paragraphs: duplicate labels and texts at scale.
        n = a.paragraphs or 200000
        os.makedirs(a.dir, exist_ok=True)
        same = "that the Bureau shall report to the Council on the implementation of this resolution;"
        with open(os.path.join(a.dir, "base.txt"), "w", encoding="utf-8") as f:
            f.write(f"RESOLUTION 1 (Rev. Geneva, 2022)\n\nresolves\na)\t{same}\nb)\tthat the Council shall review it;\n")
        with open(os.path.join(a.dir, "p1.txt"), "w", encoding="utf-8") as f:
            f.write("RESOLUTION 1 (Rev. Geneva, 2022)\n\nresolves\n")
            f.write(f"a)\t{same}\n" * n)
    else:
        # Repeated boilerplate with one word changed, and a proposal that
        # shuffles the paragraphs.
        n = a.paragraphs or 5000
        os.makedirs(a.dir, exist_ok=True)
        boiler = ("that the Director of the Telecommunication Standardization Bureau shall "
                  "report to the Council on the implementation of this resolution in region {}")
        paras = [boiler.format(rng.choice(WORDS) + str(i % 50)) for i in range(n)]
        write(os.path.join(a.dir, "base.txt"), [("resolves", paras)])
        shuffled = paras[:]
        rng.shuffle(shuffled)
        write(os.path.join(a.dir, "p1.txt"), [("resolves", shuffled)])


if __name__ == "__main__":
    main()
