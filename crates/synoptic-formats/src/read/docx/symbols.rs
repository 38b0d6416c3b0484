//! Characters of the symbol fonts (Symbol, Wingdings and the like) as the
//! Unicode characters they show.
//!
//! Word stores a character inserted from a symbol font as its code in that
//! font (`<w:sym w:font="Symbol" w:char="F0B3"/>`, ≥), LibreOffice as text
//! in a run set in that font (U+F0B3, or `³`), and a bullet as a letter in
//! Wingdings (`l`, ●). Read as they are, a proposal changing ≤ to ≥ would
//! be no change and a bullet would read as the label `l`.

/// The font families whose characters are not the letters they encode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SymbolFont {
    /// Adobe Symbol: Greek letters and mathematical signs.
    Symbol,
    /// Wingdings, Webdings, Zapf Dingbats and their kin: pictures.
    Dingbats,
}

/// The symbol font a font name is, if any.
pub(super) fn symbol_font(name: &str) -> Option<SymbolFont> {
    let lower = name.trim().to_ascii_lowercase();
    if lower == "symbol" || lower == "standard symbols ps" || lower == "opensymbol" {
        Some(SymbolFont::Symbol)
    } else if lower.starts_with("wingdings")
        || lower.starts_with("webdings")
        || lower.contains("dingbats")
        || lower == "monotype sorts"
    {
        Some(SymbolFont::Dingbats)
    } else {
        None
    }
}

/// The character a code of a symbol font shows. Codes may be given as the
/// font's byte (`0xB3`) or in the private use area Word maps it to
/// (`0xF0B3`). `None` when the code shows nothing one can read.
pub(super) fn symbol_char(font: SymbolFont, code: u32) -> Option<char> {
    let byte = match code {
        0xF000..=0xF0FF => code - 0xF000,
        0..=0xFF => code,
        // Already a Unicode character outside the font's byte range.
        _ => return char::from_u32(code).filter(|c| !is_private(*c)),
    };
    match font {
        SymbolFont::Symbol => symbol(byte),
        SymbolFont::Dingbats => dingbat(byte),
    }
}

/// True for the private use area, where symbol fonts' codes live.
pub(super) fn is_private(c: char) -> bool {
    ('\u{E000}'..='\u{F8FF}').contains(&c)
}

/// A text set in a symbol font, as the characters it shows.
pub(super) fn symbol_text(font: SymbolFont, text: &str) -> String {
    text.chars()
        .filter_map(|c| {
            if c.is_whitespace() {
                Some(c)
            } else {
                symbol_char(font, u32::from(c))
            }
        })
        .collect()
}

/// Adobe Symbol's byte `b` as Unicode.
fn symbol(b: u32) -> Option<char> {
    // Greek letters, in the font's Latin order.
    const UPPER: &str = "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ";
    const LOWER: &str = "αβχδεφγηιϕκλμνοπθρστυϖωξψζ";
    const HIGH: &str = "ϒ′≤⁄∞ƒ♣♦♥♠↔←↑→↓°±″≥×∝∂•÷≠≡≈…⏐⎯↵ℵℑℜ℘⊗⊕∅∩∪⊃⊇⊄⊂⊆∈∉∠∇®©™∏√⋅¬∧∨⇔⇐⇑⇒⇓◊〈®©™∑";
    let c = match b {
        0x41..=0x5A => UPPER.chars().nth((b - 0x41) as usize),
        0x61..=0x7A => LOWER.chars().nth((b - 0x61) as usize),
        0xA1..=0xE5 => HIGH.chars().nth((b - 0xA1) as usize),
        0x22 => Some('∀'),
        0x24 => Some('∃'),
        0x27 => Some('∋'),
        0x2A => Some('∗'),
        0x2D => Some('−'),
        0x40 => Some('≅'),
        0x5C => Some('∴'),
        0x5E => Some('⊥'),
        0x7E => Some('∼'),
        0xF1 => Some('〉'),
        0xF2 => Some('∫'),
        0x20..=0x7E => char::from_u32(b),
        _ => None,
    };
    c.filter(|c| !c.is_control())
}

/// A dingbat font's byte `b`: the common bullets, ticks and arrows; any
/// other picture reads as a bullet.
fn dingbat(b: u32) -> Option<char> {
    Some(match b {
        0x20 => ' ',
        0x6C => '●',
        0x6E | 0xA7 => '■',
        0x6F | 0x71 | 0x72 => '□',
        0x76 => '❖',
        0xD8 => '➢',
        0xE0 | 0xE8 => '➔',
        0xFC => '✓',
        0xFB => '✗',
        0xFE => '☑',
        0xA8 => '◻',
        0x9F | 0xA1 => '○',
        _ => '•',
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbol_codes_read_as_what_they_show() {
        let f = SymbolFont::Symbol;
        assert_eq!(symbol_char(f, 0xF0B3), Some('≥'));
        assert_eq!(symbol_char(f, 0xF0A3), Some('≤'));
        assert_eq!(symbol_char(f, 0xB1), Some('±'));
        assert_eq!(symbol_char(f, 0xF0B0), Some('°'));
        assert_eq!(symbol_char(f, 0xF0B4), Some('×'));
        assert_eq!(symbol_char(f, 0xF0E5), Some('∑'));
        assert_eq!(symbol_char(f, 0xF061), Some('α'));
        assert_eq!(symbol_char(f, 0xF057), Some('Ω'));
        assert_eq!(symbol_char(f, 0xF0B7), Some('•'));
        assert_eq!(symbol_char(f, 0x31), Some('1'));
        assert_eq!(symbol_char(f, 0xF001), None);
        assert_eq!(symbol_text(f, "a \u{F0B3} b"), "α ≥ β");
        let d = SymbolFont::Dingbats;
        assert_eq!(symbol_char(d, u32::from('l')), Some('●'));
        assert_eq!(symbol_char(d, 0xF0FC), Some('✓'));
        assert_eq!(symbol_char(d, 0xF0B0), Some('•'));
        assert_eq!(symbol_font("Wingdings 2"), Some(SymbolFont::Dingbats));
        assert_eq!(symbol_font("Symbol"), Some(SymbolFont::Symbol));
        assert_eq!(symbol_font("Times New Roman"), None);
    }
}
