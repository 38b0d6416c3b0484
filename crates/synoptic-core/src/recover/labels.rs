//! Labels: a flattened label ("bc)") read as the old label and the new one.

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Decoration {
    Close,
    Parens,
    Dot,
    Bare,
}

fn decorate(core: &str, d: Decoration) -> String {
    match d {
        Decoration::Close => format!("{core})"),
        Decoration::Parens => format!("({core})"),
        Decoration::Dot => format!("{core}."),
        Decoration::Bare => core.to_string(),
    }
}

fn undecorate(label: &str) -> (&str, Decoration) {
    if let Some(c) = label.strip_prefix('(').and_then(|x| x.strip_suffix(')')) {
        if !c.contains(['(', ')']) {
            return (c, Decoration::Parens);
        }
    }
    if let Some(c) = label.strip_suffix(')') {
        if !c.contains(['(', ')']) {
            return (c, Decoration::Close);
        }
    }
    if let Some(c) = label.strip_suffix('.') {
        return (c, Decoration::Dot);
    }
    (label, Decoration::Bare)
}

/// A reading of a flattened label and how plausible it is on its own.
#[derive(Debug, Clone)]
struct Candidate {
    former: String,
    current: String,
    prior: f32,
}

/// How plausible a label is as written, unchanged.
fn unchanged_prior(label: &str) -> Option<f32> {
    let reading = *label_readings(label).first()?;
    let (core, _) = undecorate(label);
    Some(match reading.style {
        LabelStyle::Other => return None,
        LabelStyle::Bullet => 1.0,
        LabelStyle::Arabic => match reading.value {
            1..=20 => 0.9,
            21..=40 => 0.6,
            _ => 0.3,
        },
        LabelStyle::LowerRoman | LabelStyle::UpperRoman if core.chars().count() > 1 => {
            if reading.value <= 39 {
                0.7
            } else {
                0.1
            }
        }
        _ if core.chars().count() == 1 => 0.9,
        // Doubled letters ("aa)") come after z): rare.
        _ => 0.5,
    })
}

fn valid_part(core: &str) -> bool {
    !core.is_empty() && !core.starts_with('0') && core.chars().all(char::is_alphanumeric)
}

/// Every reading of a flattened label, with its prior.
fn label_candidates(label: &str) -> Vec<Candidate> {
    let label = label.trim();
    let mut out = Vec::new();
    if let Some(p) = unchanged_prior(label) {
        out.push(Candidate {
            former: label.to_string(),
            current: label.to_string(),
            prior: p,
        });
    }
    let mut pairs: Vec<(String, String)> = Vec::new();
    // Two whole labels: "(a)(b)", "a)b)".
    for (b, _) in label.char_indices().skip(1) {
        let (x, y) = label.split_at(b);
        let (cx, dx) = undecorate(x);
        let (cy, dy) = undecorate(y);
        if dx == dy
            && matches!(dx, Decoration::Close | Decoration::Parens)
            && valid_part(cx)
            && valid_part(cy)
        {
            pairs.push((x.to_string(), y.to_string()));
        }
    }
    // One decoration around two glued cores: "bc)", "54".
    let (core, deco) = undecorate(label);
    // "iii)" is a numeral, not "i)" re-lettered "ii)".
    let numeral =
        core.chars().count() > 1 && crate::structure::roman_value(core).is_some_and(|v| v <= 39);
    if core.chars().all(char::is_alphanumeric) && !numeral {
        for (b, _) in core.char_indices().skip(1) {
            let (x, y) = core.split_at(b);
            let same_kind =
                x.chars().all(|c| c.is_ascii_digit()) == y.chars().all(|c| c.is_ascii_digit());
            if valid_part(x) && valid_part(y) && same_kind {
                pairs.push((decorate(x, deco), decorate(y, deco)));
            }
        }
    }
    for (x, y) in pairs {
        let Some(d) = label_offset(&x, &y) else {
            continue;
        };
        let base = match d.unsigned_abs() {
            0 => continue,
            1 => 0.8,
            2 => 0.35,
            _ => 0.1,
        };
        // Word flattens a deletion before the insertion that replaces it,
        // so "former, current" is the usual order.
        out.push(Candidate {
            former: x.clone(),
            current: y.clone(),
            prior: base,
        });
        out.push(Candidate {
            former: y,
            current: x,
            prior: base * 0.6,
        });
    }
    out
}

fn same_label(a: &str, b: &str) -> bool {
    let (ca, _) = undecorate(a.trim());
    let (cb, _) = undecorate(b.trim());
    ca == cb
}

/// Recovers a label from its flattened form, using the labels other
/// versions give the same paragraph as evidence.
///
/// `bc)` is `b)` re-lettered `c)` (former `b)`, current `c)`); `54` is `5`
/// renumbered `4`; a plain `b)` is unchanged (former `None`). When the two
/// halves could be read either way ("gh)" after a deletion is `h)` become
/// `g)`), the other versions' labels decide.
pub fn recover_label(flattened: &str, others: &[&str]) -> LabelRecovery {
    recover_label_in_sequence(flattened, others, None)
}

/// Like [`recover_label`], also using the label this version gave the
/// previous paragraph of the same section: a reading whose current label
/// follows it ("f)" then "g)") is preferred.
pub fn recover_label_in_sequence(
    flattened: &str,
    others: &[&str],
    previous: Option<&str>,
) -> LabelRecovery {
    let label = flattened.trim();
    if label.is_empty() {
        return LabelRecovery {
            former: None,
            current: None,
            confidence: 1.0,
        };
    }
    let mut candidates = label_candidates(label);
    if candidates.is_empty() {
        return LabelRecovery {
            former: None,
            current: Some(label.to_string()),
            confidence: 0.3,
        };
    }
    // The others' own best readings, without further evidence.
    let readings: Vec<(String, String)> = others
        .iter()
        .map(|o| o.trim())
        .filter(|o| !o.is_empty())
        .filter_map(|o| {
            label_candidates(o)
                .into_iter()
                .max_by(|a, b| a.prior.total_cmp(&b.prior))
                .map(|c| (c.former, c.current))
        })
        .collect();
    let total = readings.len().max(1) as f32;
    for c in &mut candidates {
        let former_votes = readings
            .iter()
            .filter(|(f, _)| same_label(f, &c.former))
            .count() as f32;
        let current_votes = readings
            .iter()
            .filter(|(_, k)| same_label(k, &c.current))
            .count() as f32;
        c.prior += 0.6 * former_votes / total + 0.2 * current_votes / total;
        if let Some(prev) = previous {
            if labels_follow(prev, &c.current) {
                c.prior += 0.4;
            }
        }
    }
    candidates.sort_by(|a, b| b.prior.total_cmp(&a.prior));
    let best = &candidates[0];
    // How much better the best reading is than the next, scaled down when
    // even the best is implausible ("xq)").
    let margin = match candidates.get(1) {
        Some(second) if second.prior > 0.0 => best.prior / (best.prior + 0.5 * second.prior),
        _ => 1.0,
    };
    let confidence = (margin * (best.prior / 0.9).min(1.0)).clamp(0.0, 1.0);
    LabelRecovery {
        former: (best.former != best.current).then(|| best.former.clone()),
        current: Some(best.current.clone()),
        confidence,
    }
}
