//! `cargo bench`: how long a synopsis takes on the shipped example and on a
//! generated resolution of 2,000 paragraphs with 6 proposals, each editing
//! 5% of the paragraphs. Prints medians of repeated runs.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use synoptic_core::{compare, CompareOptions, Document, Paragraph, Section, VersionInput};
use synoptic_formats::read::{decode, text};
use synoptic_formats::write::{html, json};

/// The allocator the `synoptic` binary uses, so that the numbers are the
/// command's.
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// A small deterministic generator (64-bit LCG), so every run measures the
/// same input.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const VOCABULARY: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "in",
    "that",
    "Resolution",
    "Conference",
    "Plenipotentiary",
    "standardization",
    "gap",
    "developing",
    "countries",
    "regional",
    "offices",
    "study",
    "groups",
    "academia",
    "fund",
    "bridge",
    "digital",
    "divide",
    "languages",
    "equal",
    "footing",
    "Member",
    "States",
    "Sector",
    "ITU-T",
    "Bureau",
    "Director",
    "instructs",
    "resolves",
    "participation",
    "Recommendations",
    "capacity",
    "building",
    "workshops",
    "fellowships",
    "remote",
    "meetings",
    "cooperation",
    "assistance",
    "technical",
    "experts",
    "guidelines",
    "training",
    "programme",
];

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s = String::from("that");
    for _ in 0..words {
        s.push(' ');
        s.push_str(VOCABULARY[rng.below(VOCABULARY.len())]);
    }
    // A number makes most paragraphs distinct, as real ones are.
    s.push_str(&format!(" {};", rng.below(100_000)));
    s
}

const OPENERS: &[&str] = &[
    "considering",
    "recognizing",
    "noting",
    "resolves",
    "instructs the Director of the Telecommunication Standardization Bureau",
    "invites Member States",
];

fn generated_base(paragraphs: usize, rng: &mut Rng) -> Document {
    let per_section = 20;
    let sections = paragraphs.div_ceil(per_section);
    Document {
        sections: (0..sections)
            .map(|s| Section {
                opener: Some(Paragraph::new(format!(
                    "{} ({})",
                    OPENERS[s % OPENERS.len()],
                    s + 1
                ))),
                paragraphs: (0..per_section.min(paragraphs - s * per_section))
                    .map(|p| Paragraph::labelled(format!("{})", p + 1), sentence(rng, 40)))
                    .collect(),
            })
            .collect(),
        ..Document::default()
    }
}

/// A proposal editing `share` of the base's paragraphs: mostly rewording,
/// some insertions and deletions.
fn generated_proposal(base: &Document, share: f64, rng: &mut Rng) -> Document {
    let mut doc = base.clone();
    for section in &mut doc.sections {
        let mut out = Vec::with_capacity(section.paragraphs.len() + 2);
        for p in section.paragraphs.drain(..) {
            if (rng.below(10_000) as f64) < share * 10_000.0 {
                match rng.below(10) {
                    0 => {} // deleted
                    1 => {
                        out.push(Paragraph::new(sentence(rng, 30)));
                        out.push(p);
                    }
                    _ => {
                        let mut words: Vec<String> =
                            p.text.split(' ').map(str::to_string).collect();
                        for _ in 0..4 {
                            let at = rng.below(words.len());
                            words[at] = VOCABULARY[rng.below(VOCABULARY.len())].to_string();
                        }
                        out.push(Paragraph {
                            text: words.join(" ").into(),
                            ..p
                        });
                    }
                }
            } else {
                out.push(p);
            }
        }
        section.paragraphs = out;
    }
    doc
}

/// A generated base of `paragraphs` paragraphs and `proposals` proposals
/// each editing 5% of it, as the comparison's inputs.
fn generated_inputs(paragraphs: usize, proposals: usize) -> (VersionInput, Vec<VersionInput>) {
    let mut rng = Rng(44);
    let base = generated_base(paragraphs, &mut rng);
    let proposals = (0..proposals)
        .map(|i| VersionInput {
            label: format!("P{i}"),
            document: generated_proposal(&base, 0.05, &mut rng),
        })
        .collect();
    let base = VersionInput {
        label: "base".into(),
        document: base,
    };
    (base, proposals)
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time(runs: usize, mut f: impl FnMut()) -> Duration {
    f(); // warm-up
    median(
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                f();
                start.elapsed()
            })
            .collect(),
    )
}

fn read_example(path: &Path) -> VersionInput {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let content = decode(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    VersionInput {
        label: path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
        document: text::read(&content, &text::TextOptions::default())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display())),
    }
}

/// Median times of `compare` alone, and of `compare` plus the HTML and
/// JSON writers, over `runs` runs.
fn measure(
    base: &VersionInput,
    proposals: &[VersionInput],
    options: &CompareOptions,
    runs: usize,
) -> (Duration, Duration) {
    let run = || compare(Some(base), proposals, options).expect("compare");
    let align = time(runs, || {
        black_box(run());
    });
    let total = time(runs, || {
        let s = run();
        let mut sink = Vec::new();
        html::write(&s, &html::HtmlOptions::default(), &mut sink).expect("html");
        json::write(&s, &mut sink).expect("json");
        black_box(sink);
    });
    (align, total)
}

fn report(name: &str, paragraphs: usize, versions: usize, align: Duration, total: Duration) {
    println!(
        "| {name:<40} | {paragraphs:>10} | {versions:>8} | {:>12.2} | {:>14.2} |",
        align.as_secs_f64() * 1000.0,
        total.as_secs_f64() * 1000.0
    );
}

fn main() {
    let options = CompareOptions::default();
    // `cargo bench --bench compare -- darwin` measures Darwin only;
    // `-- scale` how the time grows with each dimension of the work.
    if std::env::args().skip(1).any(|a| a == "darwin") {
        darwin(&options);
        return;
    }
    if std::env::args().skip(1).any(|a| a == "scale") {
        scale(&options);
        return;
    }
    println!("| input                                    | paragraphs | versions | compare (ms) | + HTML, JSON (ms) |");
    println!("|------------------------------------------|-----------:|---------:|-------------:|--------------:|");

    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/resolution");
    let base = read_example(&dir.join("base.txt"));
    let proposals: Vec<VersionInput> = ["afr.txt", "apt.txt", "cept.txt"]
        .iter()
        .map(|f| read_example(&dir.join(f)))
        .collect();
    let (align, total) = measure(&base, &proposals, &options, 50);
    report(
        "examples/resolution (base + 3)",
        base.document.paragraph_count(),
        4,
        align,
        total,
    );

    let (base, proposals) = generated_inputs(2_000, 6);
    let (align, total) = measure(&base, &proposals, &options, 10);
    report(
        "generated: 2,000 paragraphs, 6 × 5% edits",
        2_000,
        7,
        align,
        total,
    );
    let run_no_base = || compare(None, &proposals, &options).expect("compare");
    let align = time(10, || {
        black_box(run_no_base());
    });
    report("same, no base (inferred)", 2_000, 6, align, align);

    darwin(&options);
}

/// Darwin's six editions (`../shared/corpus/darwin`, when present): every
/// paragraph's editions compared, one after the other and spread over the
/// threads as `synoptic batch` does, in process as the peers are measured.
fn darwin(options: &CompareOptions) {
    use rayon::prelude::*;
    use synoptic_core::structure::Openers;
    use synoptic_formats::read::collatex;

    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/darwin");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("\n(Darwin skipped: {} is not present)", dir.display());
        return;
    };
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let read_options = text::TextOptions {
        openers: Openers::itu(),
        ..text::TextOptions::default()
    };
    let texts: Vec<Vec<VersionInput>> = files
        .iter()
        .map(|f| {
            let bytes = std::fs::read(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
            let content = decode(&bytes).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
            collatex::read(&content, &read_options)
                .unwrap_or_else(|e| panic!("{}: {e}", f.display()))
        })
        .collect();
    let one = time(20, || {
        for witnesses in &texts {
            black_box(compare(None, witnesses, options).expect("compare"));
        }
    });
    let threads = time(20, || {
        texts.par_iter().for_each(|witnesses| {
            black_box(compare(None, witnesses, options).expect("compare"));
        });
    });
    let paragraphs: usize = texts
        .iter()
        .flatten()
        .map(|w| w.document.paragraph_count())
        .sum();
    println!();
    println!(
        "Darwin: {} paragraphs of 6 editions ({paragraphs} witness paragraphs): \
         {:.2} ms one after the other, {:.2} ms on {} threads",
        texts.len(),
        one.as_secs_f64() * 1000.0,
        threads.as_secs_f64() * 1000.0,
        rayon::current_num_threads()
    );
}

/// The CPU time (user and system, all threads) of this process so far,
/// from `/proc/self/stat` (in clock ticks, a hundredth of a second); `None`
/// where there is no such file.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which is in parentheses.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// How the time of `compare` grows when one dimension of the work doubles
/// twice: paragraphs, proposals, changes in one paragraph, and paragraphs
/// that all carry the same label and text. Each line gives the times at
/// 1x, 2x and 4x and their ratios to 1x; linear work gives about 2 and 4.
/// The CPU time of the same runs is given beside the wall clock, since a
/// shared machine inflates the latter.
fn scale(options: &CompareOptions) {
    let cpu_per_run = std::cell::Cell::new(Vec::new());
    let growth = |name: &str, times: [Duration; 3]| {
        let t: Vec<f64> = times.iter().map(|d| d.as_secs_f64() * 1000.0).collect();
        let cpu: Vec<f64> = cpu_per_run.take();
        println!(
            "{name}: {:.1} / {:.1} / {:.1} ms, 2x takes {:.2}x, 4x {:.2}x; \
             CPU {:.0} / {:.0} / {:.0} ms, 2x {:.2}x, 4x {:.2}x",
            t[0],
            t[1],
            t[2],
            t[1] / t[0],
            t[2] / t[0],
            cpu[0],
            cpu[1],
            cpu[2],
            cpu[1] / cpu[0],
            cpu[2] / cpu[0]
        );
    };
    // Times `runs` runs of `f` (after a warm-up) and notes their CPU time.
    let time = |runs: usize, mut f: Box<dyn FnMut() + '_>| -> Duration {
        f();
        let before = cpu_time().unwrap_or_default();
        let wall = time(runs, &mut f);
        let cpu = cpu_time().unwrap_or_default().saturating_sub(before);
        let mut all = cpu_per_run.take();
        // The runs plus the median's own warm-up.
        all.push(cpu.as_secs_f64() * 1000.0 / (runs + 1) as f64);
        cpu_per_run.set(all);
        wall
    };
    let runs = 5;

    // Paragraphs: a base of n paragraphs with 6 proposals editing 5%.
    let by_paragraphs = [2_000, 4_000, 8_000].map(|n| {
        let (base, proposals) = generated_inputs(n, 6);
        time(
            runs,
            Box::new(|| {
                black_box(compare(Some(&base), &proposals, options).expect("compare"));
            }),
        )
    });
    growth(
        "paragraphs 2,000 / 4,000 / 8,000 (6 proposals)",
        by_paragraphs,
    );

    // Versions: 1,000 paragraphs with 8, 16, 32 proposals.
    let by_versions = [8, 16, 32].map(|k| {
        let (base, proposals) = generated_inputs(1_000, k);
        time(
            runs,
            Box::new(|| {
                black_box(compare(Some(&base), &proposals, options).expect("compare"));
            }),
        )
    });
    growth("proposals 8 / 16 / 32 (1,000 paragraphs)", by_versions);

    // Changes in one paragraph: every other word of a long paragraph
    // rewritten, the paragraph 2,000, 4,000, 8,000 words long.
    let by_changes = [2_000, 4_000, 8_000].map(|words| {
        let mut rng = Rng(44);
        let text = sentence(&mut rng, words);
        let changed: String = text
            .split(' ')
            .enumerate()
            .map(|(i, w)| {
                if i % 2 == 1 {
                    VOCABULARY[rng.below(VOCABULARY.len())]
                } else {
                    w
                }
            })
            .collect::<Vec<_>>()
            .join(" ");
        let one = |label: &str, text: String| VersionInput {
            label: label.into(),
            document: Document {
                sections: vec![Section {
                    opener: None,
                    paragraphs: vec![Paragraph::labelled("1", text)],
                }],
                ..Document::default()
            },
        };
        let base = one("base", text);
        let proposals = vec![one("P", changed)];
        time(
            runs,
            Box::new(|| {
                black_box(compare(Some(&base), &proposals, options).expect("compare"));
            }),
        )
    });
    growth("changes in a paragraph 1,000 / 2,000 / 4,000", by_changes);

    // Duplicates: n paragraphs all labelled a) with the same text against
    // a base of two paragraphs (row ids made unique, alignment of equals).
    let by_duplicates = [50_000, 100_000, 200_000].map(|n| {
        let same = "that the Bureau shall report to the Council on this resolution;";
        let doc = |paragraphs: Vec<Paragraph>| Document {
            sections: vec![Section {
                opener: Some(Paragraph::new("resolves")),
                paragraphs,
            }],
            ..Document::default()
        };
        let base = VersionInput {
            label: "base".into(),
            document: doc(vec![
                Paragraph::labelled("a)", same),
                Paragraph::labelled("b)", "that the Council shall review it;"),
            ]),
        };
        let proposals = vec![VersionInput {
            label: "P".into(),
            document: doc(vec![Paragraph::labelled("a)", same); n]),
        }];
        time(
            1,
            Box::new(|| {
                black_box(compare(Some(&base), &proposals, options).expect("compare"));
            }),
        )
    });
    growth(
        "paragraphs all labelled a) with one text 50,000 / 100,000 / 200,000",
        by_duplicates,
    );
}
