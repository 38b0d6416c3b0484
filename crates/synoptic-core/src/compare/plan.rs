//! The rows laid out before they are written: the reference's paragraphs
//! as anchors, what versions add grouped between them.

#[allow(unused_imports)]
use super::*;

impl Planner<'_> {
    /// Lays out the sections and rows: the reference's sections and
    /// paragraphs as anchors, and what each version adds grouped between
    /// them.
    pub(super) fn sections(&self, pairings: &[Pairing], reference: usize) -> Vec<SectionPlan> {
        let docs = self.docs;
        let versions = docs.len();
        let ref_sections = docs[reference].sections.len();
        // added[g][v]: sections of version v placed before reference section g.
        let mut added: Vec<Vec<Vec<usize>>> = vec![vec![Vec::new(); versions]; ref_sections + 1];
        for v in 0..versions {
            let image = invert(&pairings[v].sections, docs[v].sections.len());
            for (s, gap) in unpaired_gaps(&image, ref_sections) {
                added[gap][v].push(s);
            }
        }
        let mut plans = Vec::new();
        for (g, added_here) in added.iter().enumerate() {
            plans.extend(self.added_sections(added_here));
            if g < ref_sections {
                plans.push(self.reference_section(pairings, reference, g));
            }
        }
        plans
    }

    /// The heading row of a section, when some version gives it an opener.
    pub(super) fn heading(&self, members: &[Option<usize>]) -> Option<RowPlan> {
        let has_opener = members
            .iter()
            .enumerate()
            .any(|(v, m)| m.is_some_and(|sec| self.docs[v].sections[sec].opener.is_some()));
        has_opener.then(|| RowPlan {
            kind: RowKind::Heading,
            members: members
                .iter()
                .map(|m| {
                    m.map(|section| Member {
                        section,
                        paragraph: None,
                    })
                })
                .collect(),
        })
    }

    /// The rows of one reference section: its paragraphs, with what versions
    /// add grouped between them.
    pub(super) fn reference_section(
        &self,
        pairings: &[Pairing],
        reference: usize,
        s: usize,
    ) -> SectionPlan {
        let docs = self.docs;
        let versions = docs.len();
        let members: Vec<Option<usize>> = pairings.iter().map(|p| p.sections[s]).collect();
        let ref_paras = docs[reference].sections[s].paragraphs.len();
        let mut rows: Vec<RowPlan> = self.heading(&members).into_iter().collect();
        // added[g][v]: paragraphs of version v placed before reference paragraph g.
        let mut added: Vec<Vec<Vec<usize>>> = vec![vec![Vec::new(); versions]; ref_paras + 1];
        for v in 0..versions {
            let Some(sec) = members[v] else { continue };
            let image = invert(
                &pairings[v].paragraphs[s],
                docs[v].sections[sec].paragraphs.len(),
            );
            for (p, gap) in unpaired_gaps(&image, ref_paras) {
                added[gap][v].push(p);
            }
        }
        for (g, added_here) in added.iter().enumerate() {
            rows.extend(self.added_paragraphs(&members, added_here));
            if g < ref_paras {
                rows.push(RowPlan {
                    kind: RowKind::Paragraph,
                    members: (0..versions)
                        .map(|v| {
                            let section = members[v]?;
                            let paragraph = pairings[v].paragraphs[s].get(g).copied().flatten()?;
                            Some(Member {
                                section,
                                paragraph: Some(paragraph),
                            })
                        })
                        .collect(),
                });
            }
        }
        SectionPlan {
            members,
            in_reference: true,
            rows,
        }
    }

    /// Rows for the paragraphs versions add at one place: one row per group
    /// of similar additions.
    pub(super) fn added_paragraphs(
        &self,
        sections: &[Option<usize>],
        added: &[Vec<usize>],
    ) -> Vec<RowPlan> {
        if added.iter().all(Vec::is_empty) {
            return Vec::new();
        }
        let lists: Vec<Vec<&Profile>> = self
            .canonical
            .iter()
            .map(|&v| match sections[v] {
                Some(sec) => added[v]
                    .iter()
                    .map(|&p| &*self.profiles[v].paragraphs[sec][p])
                    .collect(),
                None => Vec::new(),
            })
            .collect();
        group_in_order(self.vocab, &lists, &self.options.align, &self.fallbacks)
            .into_iter()
            .map(|row| {
                let mut members = vec![None; added.len()];
                for (k, &v) in self.canonical.iter().enumerate() {
                    if let (Some(i), Some(sec)) = (row[k], sections[v]) {
                        members[v] = Some(Member {
                            section: sec,
                            paragraph: Some(added[v][i]),
                        });
                    }
                }
                RowPlan {
                    kind: RowKind::Paragraph,
                    members,
                }
            })
            .collect()
    }

    /// Section plans for the sections versions add at one place: similar
    /// new sections of different versions become one section of the
    /// synopsis.
    pub(super) fn added_sections(&self, added: &[Vec<usize>]) -> Vec<SectionPlan> {
        if added.iter().all(Vec::is_empty) {
            return Vec::new();
        }
        let docs = self.docs;
        let versions = docs.len();
        let lists: Vec<Vec<&Profile>> = self
            .canonical
            .iter()
            .map(|&v| {
                added[v]
                    .iter()
                    .map(|&s| self.profiles[v].sections[s].merged(self.vocab))
                    .collect()
            })
            .collect();
        let config = AlignConfig {
            threshold: self.options.section_threshold,
            ..self.options.align
        };
        group_in_order(self.vocab, &lists, &config, &self.fallbacks)
            .into_iter()
            .map(|group| {
                let mut members = vec![None; versions];
                for (k, &v) in self.canonical.iter().enumerate() {
                    if let Some(i) = group[k] {
                        members[v] = Some(added[v][i]);
                    }
                }
                let mut rows: Vec<RowPlan> = self.heading(&members).into_iter().collect();
                let all: Vec<Vec<usize>> = (0..versions)
                    .map(|v| match members[v] {
                        Some(sec) => (0..docs[v].sections[sec].paragraphs.len()).collect(),
                        None => Vec::new(),
                    })
                    .collect();
                rows.extend(self.added_paragraphs(&members, &all));
                SectionPlan {
                    members,
                    in_reference: false,
                    rows,
                }
            })
            .collect()
    }
}

/// For a pairing `a -> b` of length `a_len`, the inverse `b -> a` over `b_len`.
pub(super) fn invert(pairing: &[Option<usize>], b_len: usize) -> Vec<Option<usize>> {
    let mut image = vec![None; b_len];
    for (a, b) in pairing.iter().enumerate() {
        if let Some(b) = b {
            if let Some(slot) = image.get_mut(*b) {
                *slot = Some(a);
            }
        }
    }
    image
}

/// Each unpaired item of a version with the place it goes: the reference
/// index of the next paired item after it, or `end` when none follows. One
/// pass from the back, so that thousands of additions in a row cost no
/// more than one each.
pub(super) fn unpaired_gaps(image: &[Option<usize>], end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut next = end;
    for (p, paired) in image.iter().enumerate().rev() {
        match paired {
            Some(r) => next = *r,
            None => out.push((p, next)),
        }
    }
    out.reverse();
    out
}
