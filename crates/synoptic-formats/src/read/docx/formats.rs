//! Word's number formats beyond the Latin ones: the scripts of the
//! documents an assembly receives in its six languages (Arabic, Chinese,
//! Russian) and the full-width, enclosed and spelled-out forms Word and
//! WPS offer.

/// A number in one of these formats; `None` for a format not known here
/// or a number the format cannot show (the caller then writes digits).
pub(super) fn script_number(n: u32, format: &str) -> Option<String> {
    if n == 0 {
        return None;
    }
    match format {
        "decimalFullWidth" | "decimalFullWidth2" => Some(shifted_digits(n, '\u{FF10}')),
        "hindiNumbers" | "arabicIndic" => Some(shifted_digits(n, '\u{0660}')),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => enclosed(n, '\u{2460}'),
        "decimalEnclosedParen" => enclosed(n, '\u{2474}'),
        "decimalEnclosedFullstop" => enclosed(n, '\u{2488}'),
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand" => chinese(
            n,
            ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'],
            ['十', '百', '千'],
        ),
        "chineseLegalSimplified" | "japaneseLegal" => chinese(
            n,
            ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'],
            ['拾', '佰', '仟'],
        ),
        "ideographTraditional" => cycle(n, "甲乙丙丁戊己庚辛壬癸"),
        "ideographZodiac" => cycle(n, "子丑寅卯辰巳午未申酉戌亥"),
        "russianLower" => Some(alphabet(n, "абвгдежзиклмнопрстуфхцчшщыэюя")),
        "russianUpper" => Some(alphabet(n, "АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЫЭЮЯ")),
        "arabicAlpha" => Some(alphabet(n, "أبتثجحخدذرزسشصضطظعغفقكلمنهوي")),
        "arabicAbjad" => Some(alphabet(n, "أبجدهوزحطيكلمنسعفصقرشتثخذضظغ")),
        "cardinalText" => spelled(n, false),
        "ordinalText" => spelled(n, true),
        _ => None,
    }
}

/// Decimal digits from another script's zero.
fn shifted_digits(n: u32, zero: char) -> String {
    n.to_string()
        .chars()
        .filter_map(|d| char::from_u32(u32::from(zero) + d.to_digit(10)?))
        .collect()
}

/// One of twenty enclosed numbers (①..⑳), from the first.
fn enclosed(n: u32, first: char) -> Option<String> {
    (n <= 20)
        .then(|| char::from_u32(u32::from(first) + n - 1))
        .flatten()
        .map(String::from)
}

/// The nth sign of a cycle (the heavenly stems, the zodiac), round again
/// past the last.
fn cycle(n: u32, signs: &str) -> Option<String> {
    let signs: Vec<char> = signs.chars().collect();
    let i = (n as usize - 1) % signs.len();
    signs.get(i).map(|c| c.to_string())
}

/// Letters of an alphabet as Word counts them: the letters, then each
/// doubled, tripled...
fn alphabet(n: u32, letters: &str) -> String {
    let letters: Vec<char> = letters.chars().collect();
    let len = letters.len() as u32;
    let letter = letters[((n - 1) % len) as usize];
    let count = ((n - 1) / len + 1).min(100) as usize;
    std::iter::repeat_n(letter, count).collect()
}

/// Chinese counting up to 9999: 一, 十, 十一, 二十一, 一百零一, 一千零一十.
fn chinese(n: u32, digits: [char; 10], units: [char; 3]) -> Option<String> {
    if n >= 10_000 {
        return None;
    }
    let places = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
    let mut out = String::new();
    let mut zero_pending = false;
    for (k, &d) in places.iter().enumerate() {
        if d == 0 {
            zero_pending = !out.is_empty();
            continue;
        }
        if zero_pending {
            out.push(digits[0]);
            zero_pending = false;
        }
        let unit = match k {
            0 => Some(units[2]),
            1 => Some(units[1]),
            2 => Some(units[0]),
            _ => None,
        };
        // 十一, not 一十一, when ten is the highest place.
        if !(k == 2 && d == 1 && out.is_empty()) {
            out.push(digits[d as usize]);
        }
        out.extend(unit);
    }
    Some(out)
}

/// An English number in words, capitalised as Word writes it ("One",
/// "Twenty-one", "First"), up to 999.
fn spelled(n: u32, ordinal: bool) -> Option<String> {
    const ONES: [&str; 20] = [
        "",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 10] = [
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if n >= 1000 {
        return None;
    }
    let below_hundred = |m: u32| -> String {
        if m < 20 {
            ONES[m as usize].to_string()
        } else if m % 10 == 0 {
            TENS[(m / 10) as usize].to_string()
        } else {
            format!("{}-{}", TENS[(m / 10) as usize], ONES[(m % 10) as usize])
        }
    };
    let mut words = match (n / 100, n % 100) {
        (0, rest) => below_hundred(rest),
        (h, 0) => format!("{} hundred", ONES[h as usize]),
        (h, rest) => format!("{} hundred {}", ONES[h as usize], below_hundred(rest)),
    };
    if ordinal {
        words = ordinal_words(&words);
    }
    let mut chars = words.chars();
    let first = chars.next()?;
    Some(first.to_uppercase().chain(chars).collect())
}

/// The ordinal of a number in words: its last word made ordinal.
fn ordinal_words(words: &str) -> String {
    let cut = words.rfind([' ', '-']).map_or(0, |i| i + 1);
    let (head, last) = words.split_at(cut);
    let last = match last {
        "one" => "first".to_string(),
        "two" => "second".to_string(),
        "three" => "third".to_string(),
        "five" => "fifth".to_string(),
        "eight" => "eighth".to_string(),
        "nine" => "ninth".to_string(),
        "twelve" => "twelfth".to_string(),
        w if w.ends_with('y') => format!("{}ieth", &w[..w.len() - 1]),
        w => format!("{w}th"),
    };
    format!("{head}{last}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_other_scripts() {
        let f = |n, format| script_number(n, format).unwrap_or_default();
        assert_eq!(f(1, "chineseCounting"), "一");
        assert_eq!(f(10, "chineseCounting"), "十");
        assert_eq!(f(11, "chineseCounting"), "十一");
        assert_eq!(f(21, "chineseCountingThousand"), "二十一");
        assert_eq!(f(101, "chineseCountingThousand"), "一百零一");
        assert_eq!(f(110, "chineseCountingThousand"), "一百一十");
        assert_eq!(f(1010, "chineseCountingThousand"), "一千零一十");
        assert_eq!(f(3, "chineseLegalSimplified"), "叁");
        assert_eq!(f(2, "ideographTraditional"), "乙");
        assert_eq!(f(1, "russianLower"), "а");
        assert_eq!(f(10, "russianLower"), "к");
        assert_eq!(f(30, "russianUpper"), "АА");
        assert_eq!(f(2, "arabicAlpha"), "ب");
        assert_eq!(f(3, "arabicAbjad"), "ج");
        assert_eq!(f(12, "hindiNumbers"), "١٢");
        assert_eq!(f(7, "decimalFullWidth"), "７");
        assert_eq!(f(3, "decimalEnclosedCircle"), "③");
        assert_eq!(f(2, "decimalEnclosedParen"), "⑵");
        assert_eq!(script_number(21, "decimalEnclosedCircle"), None);
        assert_eq!(f(1, "cardinalText"), "One");
        assert_eq!(f(21, "cardinalText"), "Twenty-one");
        assert_eq!(f(1, "ordinalText"), "First");
        assert_eq!(f(12, "ordinalText"), "Twelfth");
        assert_eq!(f(20, "ordinalText"), "Twentieth");
        assert_eq!(f(103, "ordinalText"), "One hundred third");
        assert_eq!(script_number(5, "unknownFormat"), None);
    }
}
