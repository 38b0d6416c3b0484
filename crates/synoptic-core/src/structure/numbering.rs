//! Label styles, their order, and the paths of nested lists.

#[allow(unused_imports)]
use super::*;

use crate::tokens::normalize;

/// The numbering style of a label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LabelStyle {
    /// a, b, ..., z, aa, bb, ...
    LowerAlpha,
    /// A, B, ..., Z, AA, ...
    UpperAlpha,
    /// 1, 2, 3 (also dotted: 1.1, 1.2).
    Arabic,
    /// i, ii, iii, iv.
    LowerRoman,
    /// I, II, III, IV.
    UpperRoman,
    /// •, -, –, * and other bullets.
    Bullet,
    /// Anything else ("bc)" as flattened re-lettering leaves it).
    Other,
    /// а, б, в, ... (Russian lists skip ё, й, ъ, ы, ь).
    LowerCyrillic,
    /// А, Б, В, ...
    UpperCyrillic,
    /// أ, ب, ج, د, هـ, ... in the abjad order of UN and ITU Arabic texts.
    ArabicAbjad,
    /// أ, ب, ت, ث, ... in alphabetical (hija'i) order.
    ArabicAlphabetic,
    /// ١, ٢, ٣ (Arabic-Indic digits).
    ArabicIndic,
    /// 一, 二, 三 (Chinese numerals).
    CjkNumeral,
}

/// How a label's value is decorated, which tells list levels apart ("1"
/// and "1)" are usually different levels).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LabelDecoration {
    /// `a)`
    Close,
    /// `(a)`
    Parens,
    /// `1.`
    Dot,
    /// `1`, `I`
    Bare,
    /// A bullet character.
    Bullet,
    /// `§ 1º`: a paragraph of an article, a level above its items.
    Section,
}

/// One reading of a label: its style and its ordinal value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LabelReading {
    /// The numbering style.
    pub style: LabelStyle,
    /// The ordinal (a = 1, iv = 4, 12 = 12; the last number of a dotted
    /// label; 0 for bullets and other labels).
    pub value: u32,
}

/// The parts of a label: its core ("iv" in "(iv)") and decoration.
pub(super) fn label_core(label: &str) -> (&str, LabelDecoration) {
    let whole = label.trim();
    if let Some(number) = whole.strip_prefix('\u{00A7}') {
        let core = number
            .trim()
            .trim_end_matches(['.', '\u{00BA}', '\u{00B0}']);
        return (core, LabelDecoration::Section);
    }
    let l = without_adverb(whole).0;
    // "b bis)", "(b bis)", "1 bis.": the adverb sits inside the decoration.
    if l.len() < whole.len() {
        if whole.ends_with(')') {
            if let Some(core) = l.strip_prefix('(') {
                return (core, LabelDecoration::Parens);
            }
            return (l, LabelDecoration::Close);
        }
        if whole.ends_with('.') {
            return (l, LabelDecoration::Dot);
        }
    }
    // "1°", "1.º": an ordinal number is decorated as "1." is.
    if let Some(core) = l.strip_suffix(ORDINAL_MARKS) {
        let core = core.strip_suffix('.').unwrap_or(core);
        if is_number(core, 3) {
            return (core, LabelDecoration::Dot);
        }
    }
    if l.chars().count() == 1 && l.chars().all(|c| BULLETS.contains(&c)) {
        return (l, LabelDecoration::Bullet);
    }
    // Full-width parentheses ("（一）") decorate as ASCII ones do.
    if let Some(inner) = l.strip_prefix(['(', '\u{FF08}']) {
        if let Some(core) = inner.strip_suffix([')', '\u{FF09}']) {
            return (core, LabelDecoration::Parens);
        }
        // "(أ" is "أ)" as it looks right to left.
        if arabic_letter_values(inner).is_some() {
            return (inner, LabelDecoration::Close);
        }
    }
    if let Some(core) = l.strip_suffix([')', '\u{FF09}']) {
        return (core, LabelDecoration::Close);
    }
    // The ideographic comma of "一、" plays the part of the dot of "1.".
    if let Some(core) = l.strip_suffix(['.', '\u{3001}']) {
        return (core, LabelDecoration::Dot);
    }
    (l, LabelDecoration::Bare)
}

/// A label without its adverb of insertion ("2° bis" is "2°" and "bis"),
/// and the adverb in lowercase (empty when there is none).
pub(super) fn without_adverb(label: &str) -> (&str, String) {
    if let Some((head, last)) = label.rsplit_once(char::is_whitespace) {
        let word = last.trim_end_matches([')', '.']);
        if insertion_adverb(word) == Some(word.len()) {
            return (head.trim_end(), word.to_ascii_lowercase());
        }
    }
    (label, String::new())
}

/// Whether a label numbers a unit inserted after another without
/// renumbering those that follow: an adverb of insertion ("2° bis", "1bis",
/// "b bis)") or letters after a number ("1A", "(2a)"). Such a label takes
/// no place in its list's count.
pub fn is_inserted_label(label: &str) -> bool {
    let (core, _) = label_core(label);
    !without_adverb(label.trim()).1.is_empty()
        || (is_suffixed_number(core) && !core.bytes().all(|b| b.is_ascii_digit()))
}

/// The decoration of a label (`a)`, `(a)`, `1.`, `1`, bullet).
pub fn label_decoration(label: &str) -> LabelDecoration {
    label_core(label).1
}

/// The value of a letter label in the Word convention: a..z = 1..26, then
/// aa = 27, bb = 28, ... (the letter repeated).
pub(super) fn alpha_value(core: &str) -> Option<u32> {
    if !(is_lower_letters(core) || is_upper_letters(core)) || !is_doubled(core) || core.len() > 4 {
        return None;
    }
    let first = core.bytes().next()?.to_ascii_lowercase();
    let idx = u32::from(first - b'a');
    let len = u32::try_from(core.len()).ok()?;
    Some(26 * (len - 1) + idx + 1)
}

/// Every plausible reading of a label, the most likely first.
///
/// A single letter that is also a roman numeral is read as a letter first,
/// except `i`, which usually starts a roman list; multi-letter numerals
/// (`ii`, `iv`) are read as roman first. Context decides in
/// [`label_paths`].
pub fn label_readings(label: &str) -> Vec<LabelReading> {
    let (core, deco) = label_core(label);
    let mut out = Vec::new();
    if deco == LabelDecoration::Bullet {
        out.push(LabelReading {
            style: LabelStyle::Bullet,
            value: 0,
        });
        return out;
    }
    if is_number(core, 6) {
        if let Ok(v) = core.parse::<u32>() {
            out.push(LabelReading {
                style: LabelStyle::Arabic,
                value: v,
            });
        }
        return out;
    }
    // "1A", "2a": inserted after 1 and 2, in their list.
    if is_suffixed_number(core) {
        let digits = core.bytes().take_while(u8::is_ascii_digit).count();
        if let Ok(v) = core[..digits].parse::<u32>() {
            out.push(LabelReading {
                style: LabelStyle::Arabic,
                value: v,
            });
        }
        return out;
    }
    if is_dotted_number(core) {
        let v = core
            .rsplit('.')
            .next()
            .and_then(|x| x.parse::<u32>().ok())
            .unwrap_or(0);
        out.push(LabelReading {
            style: LabelStyle::Arabic,
            value: v,
        });
        return out;
    }
    if let Some(value) = arabic_indic_value(core) {
        out.push(LabelReading {
            style: LabelStyle::ArabicIndic,
            value,
        });
        return out;
    }
    if let Some(value) = cjk_numeral_value(core) {
        out.push(LabelReading {
            style: LabelStyle::CjkNumeral,
            value,
        });
        return out;
    }
    if let Some((value, upper)) = cyrillic_value(core) {
        out.push(LabelReading {
            style: if upper {
                LabelStyle::UpperCyrillic
            } else {
                LabelStyle::LowerCyrillic
            },
            value,
        });
        return out;
    }
    if let Some((abjad, alphabetic)) = arabic_letter_values(core) {
        out.push(LabelReading {
            style: LabelStyle::ArabicAbjad,
            value: abjad,
        });
        out.push(LabelReading {
            style: LabelStyle::ArabicAlphabetic,
            value: alphabetic,
        });
        return out;
    }
    let upper = is_upper_letters(core);
    // Lists never run to "xl)": a longer numeral with a large value is more
    // likely letters ("cd)" is c) re-lettered to d), flattened).
    let roman = roman_value(core)
        .filter(|v| core.len() == 1 || *v < 40)
        .map(|v| LabelReading {
            style: if upper {
                LabelStyle::UpperRoman
            } else {
                LabelStyle::LowerRoman
            },
            value: v,
        });
    let alpha = alpha_value(core).map(|v| LabelReading {
        style: if upper {
            LabelStyle::UpperAlpha
        } else {
            LabelStyle::LowerAlpha
        },
        value: v,
    });
    let roman_first = core.len() > 1 || core.eq_ignore_ascii_case("i");
    match (roman, alpha) {
        (Some(r), Some(a)) if roman_first => out.extend([r, a]),
        (Some(r), Some(a)) => out.extend([a, r]),
        (Some(r), None) => out.push(r),
        (None, Some(a)) => out.push(a),
        (None, None) => {}
    }
    if out.is_empty() {
        out.push(LabelReading {
            style: LabelStyle::Other,
            value: 0,
        });
        // Two different letters ("bc)") are what flattened re-lettering
        // leaves: b) became c). Reading them as their last letter keeps the
        // paragraph in its list rather than nesting it.
        if core.len() == 2 && (is_lower_letters(core) || is_upper_letters(core)) {
            if let Some(last) = core.get(1..).and_then(alpha_value) {
                out.push(LabelReading {
                    style: if upper {
                        LabelStyle::UpperAlpha
                    } else {
                        LabelStyle::LowerAlpha
                    },
                    value: last,
                });
            }
        }
    }
    out
}

/// The most likely style of a label on its own (see [`label_readings`]).
pub fn label_style(label: &str) -> LabelStyle {
    label_readings(label)
        .first()
        .map_or(LabelStyle::Other, |r| r.style)
}

/// The key of a label in row ids: the label without parentheses, dots or
/// brackets, lowercase ("b)" -> "b", "(iv)" -> "iv", "1." -> "1", "1.1" ->
/// "1.1", "II." -> "ii", "(ب" -> "ب", "（一）" -> "一"), Arabic-Indic digits
/// as ASCII ones ("١" -> "1"). A bullet's key is the bullet itself;
/// [`label_paths`] numbers bullets instead.
pub fn label_key(label: &str) -> String {
    let (core, _) = label_core(label);
    let key = core.trim_matches(|c: char| {
        matches!(
            c,
            '(' | ')' | '[' | ']' | '.' | '\u{FF08}' | '\u{FF09}' | '\u{3001}'
        )
    });
    // "2° bis" is "2bis": inserted after "2", never "2" itself.
    let adverb = without_adverb(label.trim()).1;
    if label_decoration(label) == LabelDecoration::Section {
        return format!("\u{00A7}{key}");
    }
    if key.is_empty() {
        label.trim().to_lowercase()
    } else if arabic_indic_value(key).is_some() {
        normalize(key)
    } else if key.contains(char::is_whitespace) {
        // "NOTE 2" is "note-2": no white space in an id.
        key.split_whitespace()
            .collect::<Vec<_>>()
            .join("-")
            .to_lowercase()
            + &adverb
    } else {
        key.to_lowercase() + &adverb
    }
}

/// Writes `value` in `style`, in the case the style implies.
pub(super) fn format_value(style: LabelStyle, value: u32) -> Option<String> {
    if value == 0 {
        return None;
    }
    match style {
        LabelStyle::Arabic => Some(value.to_string()),
        LabelStyle::LowerRoman => Some(to_roman(value)).filter(|s| !s.is_empty()),
        LabelStyle::UpperRoman => {
            Some(to_roman(value).to_ascii_uppercase()).filter(|s| !s.is_empty())
        }
        LabelStyle::LowerAlpha | LabelStyle::UpperAlpha => {
            let idx = u8::try_from((value - 1) % 26).ok()?;
            let times = usize::try_from((value - 1) / 26 + 1).ok()?;
            if times > 4 {
                return None;
            }
            let c = if style == LabelStyle::LowerAlpha {
                char::from(b'a' + idx)
            } else {
                char::from(b'A' + idx)
            };
            Some(std::iter::repeat_n(c, times).collect())
        }
        LabelStyle::LowerCyrillic | LabelStyle::UpperCyrillic => {
            let c = CYRILLIC_LETTERS
                .chars()
                .nth(usize::try_from(value - 1).ok()?)?;
            Some(if style == LabelStyle::UpperCyrillic {
                c.to_uppercase().collect()
            } else {
                c.to_string()
            })
        }
        LabelStyle::ArabicAbjad => ABJAD
            .get(usize::try_from(value - 1).ok()?)
            .map(|(_, shown)| (*shown).to_string()),
        LabelStyle::ArabicAlphabetic => {
            let key = HIJAI.get(usize::try_from(value - 1).ok()?)?;
            // Written as in the abjad table (hamza on the first alef).
            ABJAD
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, shown)| (*shown).to_string())
        }
        LabelStyle::ArabicIndic => Some(
            value
                .to_string()
                .chars()
                .map(|d| {
                    d.to_digit(10)
                        .and_then(|v| char::from_u32(0x0660 + v))
                        .unwrap_or(d)
                })
                .collect(),
        ),
        LabelStyle::CjkNumeral => to_cjk_numeral(value),
        LabelStyle::Bullet | LabelStyle::Other => None,
    }
}

/// `label` with its value moved by `delta` in its most likely reading,
/// keeping the decoration and any dotted prefix ("b)" + 1 = "c)", "(iv)" + 1
/// = "(v)", "1.2" + 1 = "1.3"). Bullets stay as they are.
pub(super) fn shift_label(label: &str, delta: i64) -> Option<String> {
    let reading = match label_readings(label).first() {
        Some(r) => *r,
        None if label_decoration(label) == LabelDecoration::Bullet => {
            return Some(label.trim().to_string())
        }
        None => return None,
    };
    let value = u32::try_from(i64::from(reading.value) + delta).ok()?;
    label_in_style(label, reading.style, value)
}

/// `label` renumbered to `value` read in `style` — for labels with more
/// than one reading, such as "i)", a letter after "h)" but a numeral after
/// "(ii)" — keeping the decoration and any dotted prefix. Bullets stay as
/// they are.
pub fn label_in_style(label: &str, style: LabelStyle, value: u32) -> Option<String> {
    let (core, deco) = label_core(label);
    if deco == LabelDecoration::Bullet {
        return Some(label.trim().to_string());
    }
    let formatted = format_value(style, value)?;
    let core_new = match core.rsplit_once('.') {
        Some((prefix, _)) if style == LabelStyle::Arabic => format!("{prefix}.{formatted}"),
        _ => formatted,
    };
    // Keep the decoration as written: "（一）", "一、", "(أ".
    let l = label.trim();
    let (prefix, suffix) = match l.find(core) {
        Some(at) => (&l[..at], &l[at + core.len()..]),
        None => ("", ""),
    };
    Some(format!("{prefix}{core_new}{suffix}"))
}

/// `label` renumbered to `value` in its most likely reading, keeping its
/// decoration ("b)" to 4 = "d)", "ب)" to 3 = "ج)", "（一）" to 2 = "（二）",
/// "١" to 2 = "٢"); `None` for labels without an order.
pub fn label_with_value(label: &str, value: u32) -> Option<String> {
    let reading = *label_readings(label).first()?;
    shift_label(label, i64::from(value) - i64::from(reading.value))
}

/// The label that follows `label` in its list ("b)" -> "c)", "z)" -> "aa)",
/// "iv)" -> "v)", "2" -> "3"); `None` for labels without an order.
pub fn label_successor(label: &str) -> Option<String> {
    shift_label(label, 1)
}

/// The label that precedes `label` in its list ("c)" -> "b)"); `None` for
/// the first label of a list or labels without an order.
pub fn label_predecessor(label: &str) -> Option<String> {
    shift_label(label, -1)
}

/// How far `to` is from `from` in a common numbering style: `Some(1)` for
/// "b)" -> "c)" (a paragraph re-lettered after an insertion), `Some(-1)` for
/// "e)" -> "d)", `Some(0)` for equal labels; `None` when no reading of both
/// labels shares a style. The decoration is ignored ("b)" and "(c)" are one
/// apart). Ambiguous letters ("i", "v") take the reading of `from` that `to`
/// also has, so "h)" -> "i)" is 1 and "iv)" -> "v)" is 1.
pub fn label_offset(from: &str, to: &str) -> Option<i64> {
    let a = label_readings(from);
    let b = label_readings(to);
    for ra in &a {
        if matches!(ra.style, LabelStyle::Bullet | LabelStyle::Other) {
            continue;
        }
        if let Some(rb) = b.iter().find(|rb| rb.style == ra.style) {
            return Some(i64::from(rb.value) - i64::from(ra.value));
        }
    }
    None
}

/// True when `next` can directly follow `prev` in one list ("h)" then
/// "i)", "iii)" then "iv)", "9" then "10").
pub fn labels_follow(prev: &str, next: &str) -> bool {
    label_readings(prev).iter().any(|ra| {
        !matches!(ra.style, LabelStyle::Bullet | LabelStyle::Other)
            && label_readings(next)
                .iter()
                .any(|rb| rb.style == ra.style && rb.value == ra.value + 1)
    })
}

/// A list level while walking a section's labels.
struct Level {
    style: LabelStyle,
    decoration: LabelDecoration,
    /// Number of parts of a dotted number ("1.2" has 2), 1 otherwise; the
    /// bullet character for bullets, so different bullets nest.
    shape: String,
    last_value: u32,
    bullets: usize,
    key: String,
}

/// The shape of a label that, with style and decoration, identifies its
/// list level.
pub(super) fn label_shape(label: &str, style: LabelStyle) -> String {
    let (core, _) = label_core(label);
    match style {
        LabelStyle::Bullet => core.to_string(),
        LabelStyle::Arabic => core.split('.').count().to_string(),
        _ => String::new(),
    }
}

/// The hierarchical path of each paragraph of one section, from its labels
/// in document order: for labels `1`, `2`, `i)`, `ii)`, `3` the paths are
/// `["1"]`, `["2"]`, `["2","i"]`, `["2","ii"]`, `["3"]`.
///
/// A label continues the innermost open list of its style and decoration
/// (closing deeper lists), and otherwise opens a deeper list. `i)` is a
/// letter when it follows `h)`, a roman numeral otherwise (likewise `v)`,
/// `x)`). Bullets have no identity of their own: their key is `bullet-N`,
/// N counting the bullets of that list from 1.
///
/// Unlabelled paragraphs (`None`) get an empty path and leave the open lists
/// as they are; the caller names them by position (see [`paragraph_ids`]).
/// Labels that repeat (two `a)`) give equal paths; [`paragraph_ids`] makes
/// them unique.
pub fn label_paths(labels: &[Option<&str>]) -> Vec<Vec<String>> {
    let mut stack: Vec<Level> = Vec::new();
    let mut out = Vec::with_capacity(labels.len());
    for label in labels {
        let Some(label) = label.map(str::trim).filter(|l| !l.is_empty()) else {
            out.push(Vec::new());
            continue;
        };
        let decoration = label_decoration(label);
        // A paragraph of an article ("§ 2º") closes the items of the one
        // before it: it is never one of them.
        if decoration == LabelDecoration::Section {
            let keep = stack
                .iter()
                .position(|l| l.decoration == LabelDecoration::Section)
                .map_or(0, |at| at + 1);
            stack.truncate(keep);
        }
        let readings = label_readings(label);
        let same_level = |lvl: &Level, r: &LabelReading| {
            lvl.style == r.style
                && lvl.decoration == decoration
                && lvl.shape == label_shape(label, r.style)
        };
        // 1. A reading that directly continues an open list.
        let mut chosen: Option<(usize, LabelReading)> = None;
        'outer: for (depth, lvl) in stack.iter().enumerate().rev() {
            for r in &readings {
                if same_level(lvl, r)
                    && r.style != LabelStyle::Bullet
                    && r.style != LabelStyle::Other
                    && r.value == lvl.last_value + 1
                {
                    chosen = Some((depth, *r));
                    break 'outer;
                }
            }
        }
        // 2. Otherwise a reading that moves an open list forward: by any
        // amount in the label's likely reading (a list with a gap), by a
        // small one in another ("v)" after "iii)" when "iv)" was deleted,
        // but not "i)" after "a)", which opens a roman list).
        if chosen.is_none() {
            'outer2: for (depth, lvl) in stack.iter().enumerate().rev() {
                for (k, r) in readings.iter().enumerate() {
                    if same_level(lvl, r)
                        && r.value > lvl.last_value
                        && (k == 0 || r.value - lvl.last_value <= 3)
                    {
                        chosen = Some((depth, *r));
                        break 'outer2;
                    }
                }
            }
        }
        // 3. Otherwise the innermost open list of the likely reading (bullets,
        // unordered labels, a repeated or restarted label).
        if chosen.is_none() {
            if let Some(r) = readings.first() {
                chosen = stack
                    .iter()
                    .enumerate()
                    .rev()
                    .find(|(_, lvl)| same_level(lvl, r))
                    .map(|(depth, _)| (depth, *r));
            }
        }
        match chosen {
            Some((depth, r)) => {
                stack.truncate(depth + 1);
                let key = path_key(label, r.style, &stack[..depth]);
                if let Some(lvl) = stack.last_mut() {
                    lvl.last_value = r.value;
                    if r.style == LabelStyle::Bullet {
                        lvl.bullets += 1;
                        lvl.key = format!("bullet-{}", lvl.bullets);
                    } else {
                        lvl.key = key;
                    }
                }
            }
            None => {
                let r = readings.first().copied().unwrap_or(LabelReading {
                    style: LabelStyle::Other,
                    value: 0,
                });
                let key = if r.style == LabelStyle::Bullet {
                    "bullet-1".to_string()
                } else {
                    path_key(label, r.style, &stack)
                };
                stack.push(Level {
                    style: r.style,
                    decoration,
                    shape: label_shape(label, r.style),
                    last_value: r.value,
                    bullets: usize::from(r.style == LabelStyle::Bullet),
                    key,
                });
            }
        }
        out.push(stack.iter().map(|l| l.key.clone()).collect());
    }
    out
}

/// The key of a label in a path: [`label_key`], except that capital
/// letters and roman numerals nested below another list keep their case,
/// so that the levels of a bill (`(a)`, `(1)`, `(A)`, `(i)`, `(I)`) read
/// apart: `a/1/A/i/I`, not `a/1/a/i/i`. A list of capitals at the top of a
/// section keeps the lowercase key ids have always had (`A.` is `a`).
fn path_key(label: &str, style: LabelStyle, outer: &[Level]) -> String {
    let key = label_key(label);
    if !outer.is_empty() && matches!(style, LabelStyle::UpperAlpha | LabelStyle::UpperRoman) {
        key.to_uppercase()
    } else {
        key
    }
}

/// Unique ids for the paragraphs of one section, relative to the section:
/// the label path joined with `/` ("2/iii"); `p3` for the third paragraph
/// when it is unlabelled; a repeated id gets `~2`, `~3` appended.
pub fn paragraph_ids(labels: &[Option<&str>]) -> Vec<String> {
    let paths = label_paths(labels);
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut out = Vec::with_capacity(paths.len());
    for (i, path) in paths.iter().enumerate() {
        let base = if path.is_empty() {
            format!("p{}", i + 1)
        } else {
            path.join("/")
        };
        let n = seen.entry(base.clone()).or_insert(0);
        *n += 1;
        if *n == 1 {
            out.push(base);
        } else {
            out.push(format!("{base}~{n}"));
        }
    }
    out
}
