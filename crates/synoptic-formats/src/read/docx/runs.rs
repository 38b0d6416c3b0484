//! Inline content: runs and what they hold (text, tabs, breaks, symbols),
//! fields (their result shown, never their code; auto numbers drawn),
//! note references, pictures and text boxes.

use synoptic_core::ChangeKind;

use super::fields;
use super::symbols::{is_private, symbol_char, symbol_font, symbol_text};
use super::walk::{
    author_of, is_placeholder, push_change, push_piece, NoteRef, OpenField, RawParagraph, Revision,
    Walker,
};
use super::xml::{is_on, Element};
use super::MAX_DEPTH;

impl Walker {
    /// Inline content under a revision.
    pub(super) fn inline(&mut self, parent: &Element, revision: &Revision, raw: &mut RawParagraph) {
        for e in parent.elements() {
            match e.name.as_str() {
                "r" => self.run(e, revision, raw),
                "ins" | "moveTo" | "del" | "moveFrom" => {
                    let kind = if matches!(e.name.as_str(), "ins" | "moveTo") {
                        ChangeKind::Insert
                    } else {
                        ChangeKind::Delete
                    };
                    let author = self.count(e, kind);
                    let inner = match revision {
                        Revision::None => Revision::Change(kind, author),
                        Revision::Change(k, _) if *k == kind => Revision::Change(kind, author),
                        _ => Revision::Neither,
                    };
                    self.inline(e, &inner, raw);
                }
                "hyperlink" | "hlink" | "smartTag" | "sdtContent" | "customXml" | "bdo" | "dir" => {
                    self.inline(e, revision, raw)
                }
                // A simple field shows its runs; one that numbers has none.
                "fldSimple" => {
                    let code = e.attr("instr").unwrap_or_default();
                    match fields::parse(code) {
                        _ if fields::is_listing(code) => {
                            self.listings += usize::from(self.shows_text());
                        }
                        _ if fields::hides_result(code) => {}
                        Some(auto) if e.child("r").is_none() && self.shows_text() => {
                            self.auto_number(&auto, revision, raw)
                        }
                        _ => self.inline(e, revision, raw),
                    }
                }
                "sdt" if is_placeholder(e) => {}
                "sdt" => match check_box_state(e) {
                    Some(checked) => self.check_box_control(e, checked, revision, raw),
                    None => {
                        if let Some(content) = e.child("sdtContent") {
                            self.inline(content, revision, raw);
                        }
                    }
                },
                "AlternateContent" => {
                    if let Some(choice) = e.child("Choice") {
                        self.inline(choice, revision, raw);
                    }
                }
                "oMath" | "oMathPara" if self.shows_text() => {
                    let mut text = String::new();
                    math_text(e, &mut text, 0);
                    push_piece(raw, revision, &text);
                }
                _ => {}
            }
        }
    }

    /// A check box content control (`w14:checkbox`), drawn from its state
    /// as ☒ or ☐: the character it holds is in whatever font its producer
    /// chose (MS Gothic, Wingdings, Segoe UI Symbol), or missing. A state
    /// changed with tracking keeps its change: the character inserted
    /// is the state now, the one deleted the state before.
    fn check_box_control(
        &mut self,
        sdt: &Element,
        checked: bool,
        revision: &Revision,
        raw: &mut RawParagraph,
    ) {
        let mut held = RawParagraph::default();
        if let Some(content) = sdt.child("sdtContent") {
            self.inline(content, revision, &mut held);
        }
        let mut drawn = false;
        for c in &held.pieces {
            if c.text.trim().is_empty() {
                continue;
            }
            let state = checked != (c.kind == ChangeKind::Delete);
            push_change(
                &mut raw.pieces,
                c.kind,
                fields::check_box(state),
                c.author.as_deref(),
            );
            drawn = true;
        }
        if !drawn && self.shows_text() {
            push_piece(raw, revision, fields::check_box(checked));
        }
    }

    /// True unless the walk is inside a field's code, which Word does not
    /// show (`w:instrText`, and the results of fields nested in the code,
    /// such as a PAGE inside an IF).
    fn shows_text(&self) -> bool {
        self.fields.iter().all(|f| f.shown && !f.generated)
    }

    /// Follows a complex field's begin, separate and end marks; a field
    /// that ends with no result and numbers shows its number.
    fn field_char(&mut self, e: &Element, revision: &Revision, raw: &mut RawParagraph) {
        match e.attr("fldCharType") {
            Some("begin") if self.fields.len() < MAX_DEPTH => self.fields.push(OpenField {
                form: fields::form_value(e),
                ..OpenField::default()
            }),
            Some("separate") => {
                let outer = self.fields.len().saturating_sub(1);
                let outer_shown = self.fields[..outer].iter().all(|f| f.shown && !f.generated);
                if let Some(last) = self.fields.last_mut() {
                    // A form field Word draws shows no stored result, nor
                    // does a field told to hide it.
                    last.shown = last.form.is_none() && !fields::hides_result(&last.code);
                    if fields::is_listing(&last.code) {
                        last.generated = true;
                        if outer_shown {
                            self.listings += 1;
                        }
                    }
                }
            }
            Some("end") => {
                if let Some(field) = self.fields.pop() {
                    if !field.shown && self.shows_text() {
                        match &field.form {
                            Some(fields::FormValue::Checked(checked)) => {
                                push_piece(raw, revision, fields::check_box(*checked))
                            }
                            Some(fields::FormValue::Choice(entry)) => {
                                push_piece(raw, revision, entry)
                            }
                            None => {}
                        }
                        if let Some(auto) = fields::parse(&field.code) {
                            self.auto_number(&auto, revision, raw);
                        }
                    }
                }
            }
            _ => {}
        }
    }

    /// The number an auto-numbering field shows, in the views its revision
    /// puts it in: a number the proposer's other changes shifted reads as
    /// the old one deleted and the new one inserted, with no author.
    pub(super) fn auto_number(
        &mut self,
        field: &fields::AutoField,
        revision: &Revision,
        raw: &mut RawParagraph,
    ) {
        let (in_result, in_original) = match revision {
            Revision::None => (true, true),
            Revision::Change(ChangeKind::Delete, _) => (false, true),
            Revision::Change(_, _) => (true, false),
            Revision::Neither => return,
        };
        let heading = self.paragraph_level;
        match self
            .auto_numbers
            .next(field, heading, in_result, in_original)
        {
            (Some(new), Some(old)) if new != old => {
                push_change(&mut raw.pieces, ChangeKind::Delete, &old, None);
                push_change(&mut raw.pieces, ChangeKind::Insert, &new, None);
            }
            (Some(shown), _) | (None, Some(shown)) => push_piece(raw, revision, &shown),
            (None, None) => {}
        }
    }

    /// A run's visible content.
    pub(super) fn run(&mut self, r: &Element, revision: &Revision, raw: &mut RawParagraph) {
        // Text struck through by hand (`w:strike`, `w:dstrike`) is text the
        // author deletes, as documents that show their amendments without
        // tracking them mark deletions: never part of the author's text.
        // Struck through with tracking on (`w:rPrChange` keeping the
        // properties without the strike), the strike is by that author.
        let struck_by_hand;
        let revision = match revision {
            Revision::None if r.child("rPr").is_some_and(is_struck) => {
                let by = r
                    .child("rPr")
                    .and_then(|p| p.child("rPrChange"))
                    .filter(|change| !change.child("rPr").is_some_and(is_struck))
                    .and_then(author_of);
                struck_by_hand = Revision::Change(ChangeKind::Delete, by);
                &struck_by_hand
            }
            _ => revision,
        };
        let font = r
            .child("rPr")
            .and_then(|p| p.child("rFonts"))
            .and_then(|f| f.attr("ascii").or_else(|| f.attr("hAnsi")))
            .and_then(symbol_font);
        let mut custom_mark: Option<&Element> = None;
        // Hidden text (`w:vanish`, on the run or by its character or
        // paragraph style) is not shown, nor printed: it is no text. Its
        // field marks still open and close fields.
        let rpr = r.child("rPr");
        let hidden = match rpr.and_then(|p| p.child("vanish")) {
            Some(vanish) => is_on(vanish),
            None => {
                rpr.and_then(|p| p.child_val("rStyle"))
                    .is_some_and(|s| self.hidden_styles.contains(s))
                    || self.paragraph_hidden
            }
        };
        for e in r.elements() {
            if e.name == "fldChar" {
                self.field_char(e, revision, raw);
                continue;
            }
            if e.name == "instrText" || e.name == "delInstrText" {
                if let Some(field) = self.fields.last_mut().filter(|f| !f.shown) {
                    let room = fields::MAX_CODE.saturating_sub(field.code.len());
                    let text = e.text();
                    let kept: String = text
                        .char_indices()
                        .take_while(|(i, c)| i + c.len_utf8() <= room)
                        .map(|(_, c)| c)
                        .collect();
                    field.code.push_str(&kept);
                }
                continue;
            }
            if hidden || (!self.shows_text() && e.name != "AlternateContent") {
                continue;
            }
            match e.name.as_str() {
                "t" | "delText" => {
                    // Soft hyphens and zero-width no-break spaces typed as
                    // characters show nothing (a soft hyphen only where a
                    // line breaks), as `w:softHyphen` does. A line end in
                    // the text (a producer that pretty-prints its XML) is
                    // a space: a break in a paragraph is `w:br`. A
                    // non-breaking hyphen typed as a character is the
                    // hyphen `w:noBreakHyphen` reads as.
                    let raw_text = e
                        .text()
                        .replace(['\u{AD}', '\u{FEFF}'], "")
                        .replace('\u{2011}', "-")
                        .replace("\r\n", " ")
                        .replace(['\r', '\n'], " ");
                    let text = match font {
                        Some(font) => symbol_text(font, &raw_text),
                        None => raw_text,
                    };
                    match custom_mark.take() {
                        Some(reference) => {
                            self.note_reference(reference, Some(text.trim()), revision, raw)
                        }
                        None => push_piece(raw, revision, &text),
                    }
                }
                "tab" | "ptab" => push_piece(raw, revision, "\t"),
                "br" | "cr" => push_piece(raw, revision, "\n"),
                "noBreakHyphen" => push_piece(raw, revision, "-"),
                "sym" => {
                    if let Some(c) = sym_char(e) {
                        push_piece(raw, revision, c.encode_utf8(&mut [0; 4]));
                    }
                }
                "footnoteReference" | "endnoteReference" => {
                    // A note with a mark of its own (`*`) shows the text
                    // that follows the reference instead of a number.
                    if e.attr("customMarkFollows")
                        .is_some_and(|v| !matches!(v, "0" | "false" | "off"))
                    {
                        custom_mark = Some(e);
                    } else {
                        self.note_reference(e, None, revision, raw);
                    }
                }
                "drawing" | "pict" | "object" => self.embedded(e, revision, raw),
                // East Asian phonetic guides: the base text is the text,
                // the guide above it (`w:rt`) is not.
                "ruby" => {
                    if let Some(base) = e.child("rubyBase") {
                        self.inline(base, revision, raw);
                    }
                }
                "AlternateContent" => {
                    if let Some(choice) = e.child("Choice") {
                        self.run(choice, revision, raw);
                    }
                }
                _ => {}
            }
        }
        if let Some(reference) = custom_mark {
            self.note_reference(reference, Some("*"), revision, raw);
        }
    }

    /// A footnote or endnote reference: its mark in the text (`[1]`, `[i]`,
    /// or the note's own mark, `[*]`), and the note kept for the notes
    /// section. A note with its own mark takes no number, as in Word.
    fn note_reference(
        &mut self,
        e: &Element,
        own_mark: Option<&str>,
        revision: &Revision,
        raw: &mut RawParagraph,
    ) {
        // Inserted and deleted again: no note, and no number taken.
        if matches!(revision, Revision::Neither) {
            return;
        }
        let foot = e.name == "footnoteReference";
        let mark = match own_mark {
            Some(own) => format!("[{}]", if own.is_empty() { "*" } else { own }),
            // A note the proposer inserted is numbered after every note the
            // text had, so that those keep their numbers: counted with it,
            // each later mark would read as changed ([1] to [2]) and the
            // notes would shift against the base's.
            // Read with changes accepted, notes are numbered as Word shows
            // them then: a deleted one is gone and takes no number.
            None if self.accepting
                && matches!(revision, Revision::Change(ChangeKind::Delete, _)) =>
            {
                String::new()
            }
            None if !self.accepting
                && matches!(revision, Revision::Change(ChangeKind::Insert, _)) =>
            {
                let (before, counts) = (self.notes_before, &mut self.inserted_notes);
                let n = if foot {
                    counts.0 += 1;
                    before.0 + counts.0
                } else {
                    counts.1 += 1;
                    before.1 + counts.1
                };
                self.note_numbering.mark(foot, n)
            }
            None => {
                let counts = self.note_counts.entry(self.note_scope).or_default();
                let n = if foot {
                    counts.0 += 1;
                    counts.0
                } else {
                    counts.1 += 1;
                    counts.1
                };
                self.note_numbering.mark(foot, n)
            }
        };
        let notes = if foot {
            &self.footnotes
        } else {
            &self.endnotes
        };
        let body = e
            .attr("id")
            .and_then(|id| notes.get(id))
            .cloned()
            .unwrap_or_default();
        push_piece(raw, revision, &mark);
        raw.notes.push(NoteRef {
            mark,
            revision: revision.clone(),
            body,
        });
    }
}

impl Walker {
    /// A drawing, VML picture or embedded object: the paragraphs of its
    /// text boxes (read after the paragraph), else an image as
    /// `[image: alt text]`, so that a picture added or removed is a change.
    fn embedded(&mut self, e: &Element, revision: &Revision, raw: &mut RawParagraph) {
        let mut boxes: Vec<&Element> = Vec::new();
        find_all(e, "txbxContent", &mut boxes, 0);
        if !boxes.is_empty() {
            for content in boxes {
                // A paragraph held to run into the next one outside the
                // box waits for it.
                let outside = self.joining.take();
                let start = self.paragraphs.len();
                self.blocks(content, None);
                self.flush_join();
                self.joining = outside;
                let mut read: Vec<RawParagraph> = self.paragraphs.drain(start..).collect();
                let id = self.text_boxes;
                self.text_boxes += 1;
                for p in &mut read {
                    // A box inside this one keeps its own.
                    p.text_box.get_or_insert(id);
                }
                // A text box inserted or deleted with tracking takes its
                // text with it.
                match revision {
                    Revision::None => {}
                    Revision::Change(kind, author) => {
                        for p in &mut read {
                            p.go_whole(*kind, author.as_deref());
                        }
                    }
                    Revision::Neither => read.clear(),
                }
                self.floating.extend(read);
            }
            return;
        }
        let found = |names: &[&str]| {
            let mut out: Vec<&Element> = Vec::new();
            for name in names {
                find_all(e, name, &mut out, 0);
            }
            !out.is_empty()
        };
        // A chart or a SmartArt diagram has no picture of its own in the
        // document part: it is still there, and adding one is a change.
        // A picture marked decorative (Word 365: "Mark as decorative") is
        // not content, as screen readers skip it.
        let mut decorative: Vec<&Element> = Vec::new();
        find_all(e, "decorative", &mut decorative, 0);
        if decorative.iter().any(|d| is_on(d)) {
            return;
        }
        let kind = if found(&["blip", "imagedata", "pic"]) {
            "image"
        } else if found(&["chart"]) {
            "chart"
        } else if found(&["relIds"]) {
            "diagram"
        } else {
            return;
        };
        // A SmartArt diagram shows its nodes' text, kept in a part of
        // its own; read once (a hostile file referring to one part many
        // times must not multiply it).
        let mut ids: Vec<&Element> = Vec::new();
        find_all(e, "relIds", &mut ids, 0);
        let nodes = ids
            .iter()
            .filter_map(|r| r.attr("dm"))
            .find_map(|id| self.diagram_texts.remove(id));
        match nodes {
            Some(nodes) if kind == "diagram" => {
                push_piece(raw, revision, &format!("[diagram: {}]", nodes.join("; ")))
            }
            _ => push_piece(raw, revision, &image_text(e, kind)),
        }
    }
}

/// The character a `w:sym` shows: a code of a symbol font as what the
/// font draws, a code of a text font (in the private use area Word maps
/// fonts to, or not) as that character.
fn sym_char(e: &Element) -> Option<char> {
    let code = u32::from_str_radix(e.attr("char")?, 16).ok()?;
    let c = match e.attr("font").and_then(symbol_font) {
        Some(font) => symbol_char(font, code)?,
        None => char::from_u32(match code {
            0xF020..=0xF0FF => code - 0xF000,
            _ => code,
        })?,
    };
    (!is_private(c) && !c.is_control()).then_some(c)
}

/// The descendants of `e` with a local name, depth-bounded, in document
/// order (a match's own descendants are not searched).
fn find_all<'e>(e: &'e Element, name: &str, out: &mut Vec<&'e Element>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    for c in e.elements() {
        if c.name == name {
            out.push(c);
        } else {
            find_all(c, name, out, depth + 1);
        }
    }
}

/// How an image (a chart, a diagram) reads in text: `[image: ...]` with
/// its alternative text (the description, else the title), or `[image]`
/// without one. The drawing's name ("Picture 3") is not used: Word
/// numbers it per file.
fn image_text(e: &Element, kind: &str) -> String {
    let mut props: Vec<&Element> = Vec::new();
    for name in ["docPr", "cNvPr", "shape", "imagedata"] {
        find_all(e, name, &mut props, 0);
    }
    let alt = props
        .iter()
        .flat_map(|p| [p.attr("descr"), p.attr("alt"), p.attr("title")])
        .flatten()
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .find(|t| !t.is_empty());
    match alt {
        Some(alt) => format!("[{kind}: {alt}]"),
        None => format!("[{kind}]"),
    }
}

/// The text of a math zone (its `m:t` runs), depth-bounded.
pub(super) fn math_text(e: &Element, out: &mut String, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    for c in e.elements() {
        if c.name == "t" {
            out.push_str(&c.text());
        } else {
            math_text(c, out, depth + 1);
        }
    }
}

/// How many footnote and endnote references a part holds outside
/// insertions (every reference of the text before the proposer's changes,
/// and perhaps more): where the numbers of inserted notes start.
pub(super) fn notes_before_insertions(e: &Element, depth: usize) -> (u32, u32) {
    let mut out = (0, 0);
    if depth > MAX_DEPTH {
        return out;
    }
    for c in e.elements() {
        match c.name.as_str() {
            "ins" | "moveTo" => {}
            "footnoteReference" => out.0 += 1,
            "endnoteReference" => out.1 += 1,
            _ => {
                let inner = notes_before_insertions(c, depth + 1);
                out.0 += inner.0;
                out.1 += inner.1;
            }
        }
    }
    out
}

/// Whether a check box content control (`w14:checkbox` in its
/// properties) is checked; `None` for any other control.
fn check_box_state(sdt: &Element) -> Option<bool> {
    let check = sdt.child("sdtPr")?.child("checkbox")?;
    Some(check.child("checked").is_some_and(is_on))
}

/// True when run properties strike the text through, once or twice.
fn is_struck(properties: &Element) -> bool {
    ["strike", "dstrike"]
        .iter()
        .any(|name| properties.child(name).is_some_and(is_on))
}
