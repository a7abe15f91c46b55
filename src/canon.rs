//! Canonical copies: every variant replaced by its canonical form, in one
//! leftmost-longest pass of an Aho–Corasick automaton.
//!
//! A match counts only on Unicode word boundaries: the characters on both
//! sides must not be letters or digits, nor a hyphen that continues the word
//! (`EI` never matches inside `EI-K`, `Iran` never inside `Iranien`). An
//! apostrophe before the match is a boundary, so French elision stays as it
//! was (`l’EI-K` → `l’ISKP`). Canonical forms are patterns too, mapped to
//! themselves, so that canonicalising a canonical copy changes nothing. Text
//! outside the replaced spans is copied byte for byte.
//!
//! **Case.** Matching is exact. The one exception is a line written all in
//! capitals (a headline such as `L’ISIS-K REVENDIQUE L’ATTAQUE DE KALOUGA`):
//! there the upper-cased variants are matched, and the canonical form is
//! written in capitals too (`KALUGA`).
//!
//! **Normalisation.** Input that is not in NFC is NFC-normalised first (a
//! variant written with a combining accent is still found); offsets then
//! refer to the NFC text, and [`Output::normalized`] says so. NFC input, the
//! usual case, is left byte for byte as it was.

use crate::error::{Error, Result};
use crate::extract::Kind;
use crate::normalize::is_hyphen;
use aho_corasick::{AhoCorasick, Input, MatchKind};
use std::collections::BTreeMap;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// One replacement made in a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Replacement {
    /// Byte offset of the span in the input (NFC).
    pub start: usize,
    /// End of the span in the input.
    pub end: usize,
    /// Byte offset of the written text in the output.
    pub out_start: usize,
    /// End of the written text in the output.
    pub out_end: usize,
    /// The text replaced.
    pub original: String,
    /// The canonical form.
    pub canonical: String,
    /// The glossary line the mapping came from (0 when built in memory).
    pub line: u64,
}

/// How a variant is written in the output.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// The canonical form instead of the variant (`Kaluga`).
    #[default]
    Replace,
    /// The variant, then the canonical in brackets (`Kalouga [Kaluga]`).
    Annotate,
}

/// One glossary mapping.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The variant to find.
    pub variant: String,
    /// Its canonical form.
    pub canonical: String,
    /// The glossary line (for the audit trail), 0 if none.
    pub line: u64,
    /// Name or acronym, when the glossary says.
    pub kind: Option<Kind>,
}

impl Entry {
    /// A mapping built in memory.
    pub fn new(variant: &str, canonical: &str) -> Entry {
        Entry {
            variant: variant.to_string(),
            canonical: canonical.to_string(),
            line: 0,
            kind: None,
        }
    }
}

#[derive(Clone, Debug)]
struct Target {
    canonical: String,
    line: u64,
}

#[derive(Clone, Debug)]
struct Automaton {
    ac: AhoCorasick,
    targets: Vec<Target>,
}

impl Automaton {
    fn build(map: &BTreeMap<String, Target>) -> Result<Option<Automaton>> {
        let mut patterns = Vec::new();
        let mut targets = Vec::new();
        for (variant, target) in map {
            if variant.is_empty() {
                continue;
            }
            patterns.push(variant.clone());
            targets.push(target.clone());
            if variant.contains(' ') {
                for space in ['\u{a0}', '\u{202f}'] {
                    patterns.push(variant.replace(' ', &space.to_string()));
                    targets.push(target.clone());
                }
            }
        }
        if patterns.is_empty() {
            return Ok(None);
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .map_err(|e| Error::usage(format!("cannot compile the glossary: {e}")))?;
        Ok(Some(Automaton { ac, targets }))
    }
}

/// A compiled variant → canonical mapping.
#[derive(Clone, Debug)]
pub struct Replacer {
    exact: Option<Automaton>,
    upper: Option<Automaton>,
    mode: Mode,
    variants: usize,
}

/// The result of canonicalising one text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Output {
    /// The canonical copy.
    pub text: String,
    /// The replacements, in text order.
    pub replacements: Vec<Replacement>,
    /// The input was not NFC and was normalised first.
    pub normalized: bool,
}

impl Replacer {
    /// Compile `(variant, canonical, line)` triples in replace mode. The
    /// first mapping of a variant wins.
    ///
    /// # Errors
    /// The automaton cannot be built (far beyond any real glossary).
    pub fn new(pairs: &[(String, String, u64)]) -> Result<Replacer> {
        let entries: Vec<Entry> = pairs
            .iter()
            .map(|(v, c, l)| Entry {
                variant: v.clone(),
                canonical: c.clone(),
                line: *l,
                kind: None,
            })
            .collect();
        Replacer::builder().build(&entries)
    }

    /// A builder for the other options.
    pub fn builder() -> ReplacerBuilder {
        ReplacerBuilder::default()
    }

    /// Number of variants compiled.
    pub fn len(&self) -> usize {
        self.variants
    }

    /// Is the mapping empty?
    pub fn is_empty(&self) -> bool {
        self.variants == 0
    }

    /// Canonicalise `text`; returns the new text and the replacements made
    /// (variants equal to their canonical are matched but not reported).
    pub fn replace(&self, text: &str) -> (String, Vec<Replacement>) {
        let out = self.canonicalize(text);
        (out.text, out.replacements)
    }

    /// Canonicalise `text` (see the module documentation).
    pub fn canonicalize(&self, text: &str) -> Output {
        if is_nfc_quick(text.chars()) == IsNormalized::Yes || text.nfc().eq(text.chars()) {
            return self.run(text, false);
        }
        let nfc: String = text.nfc().collect();
        self.run(&nfc, true)
    }

    fn run(&self, text: &str, normalized: bool) -> Output {
        let mut out = String::with_capacity(text.len() + text.len() / 16);
        let mut done = Vec::new();
        let mut copied = 0;
        let mut line_start = 0;
        for line in text.split_inclusive('\n') {
            let range = line_start..line_start + line.len();
            line_start = range.end;
            let automaton = if self.upper.is_some() && all_caps(line) {
                &self.upper
            } else {
                &self.exact
            };
            let Some(automaton) = automaton else { continue };
            let mut at = range.start;
            while at < range.end {
                let Some(m) = automaton.ac.find(Input::new(text).span(at..range.end)) else {
                    break;
                };
                if !on_boundaries(text, m.start(), m.end()) {
                    at = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
                    continue;
                }
                at = m.end();
                let target = &automaton.targets[m.pattern().as_usize()];
                let original = &text[m.start()..m.end()];
                if original == target.canonical {
                    continue;
                }
                let annotation = format!(" [{}]", target.canonical);
                if self.mode == Mode::Annotate && text[m.end()..].starts_with(&annotation) {
                    // Already annotated: canonicalising twice changes nothing.
                    at = m.end() + annotation.len();
                    continue;
                }
                out.push_str(&text[copied..m.start()]);
                let out_start = out.len();
                match self.mode {
                    Mode::Replace => out.push_str(&target.canonical),
                    Mode::Annotate => {
                        out.push_str(original);
                        out.push_str(&annotation);
                    }
                }
                done.push(Replacement {
                    start: m.start(),
                    end: m.end(),
                    out_start,
                    out_end: out.len(),
                    original: original.to_string(),
                    canonical: target.canonical.clone(),
                    line: target.line,
                });
                copied = m.end();
            }
        }
        out.push_str(&text[copied..]);
        Output {
            text: out,
            replacements: done,
            normalized,
        }
    }
}

/// Options of a [`Replacer`].
#[derive(Clone, Debug, Default)]
pub struct ReplacerBuilder {
    mode: Mode,
    only: Option<Kind>,
    caps: bool,
}

impl ReplacerBuilder {
    /// Replace (default) or annotate.
    pub fn mode(mut self, mode: Mode) -> Self {
        self.mode = mode;
        self
    }

    /// Only replace variants of this kind (entries without a kind are kept).
    pub fn only(mut self, kind: Option<Kind>) -> Self {
        self.only = kind;
        self
    }

    /// Do not apply the all-capitals rule.
    pub fn exact_case_only(mut self, yes: bool) -> Self {
        self.caps = yes;
        self
    }

    /// Compile the entries. The first mapping of a variant wins; canonical
    /// forms map to themselves.
    ///
    /// # Errors
    /// The automaton cannot be built.
    pub fn build(self, entries: &[Entry]) -> Result<Replacer> {
        let mut map: BTreeMap<String, Target> = BTreeMap::new();
        let kept: Vec<&Entry> = entries
            .iter()
            .filter(|e| self.only.is_none() || e.kind.is_none() || e.kind == self.only)
            .collect();
        for e in &kept {
            map.entry(e.variant.clone()).or_insert(Target {
                canonical: e.canonical.clone(),
                line: e.line,
            });
        }
        for e in &kept {
            map.entry(e.canonical.clone()).or_insert(Target {
                canonical: e.canonical.clone(),
                line: e.line,
            });
        }
        let mut upper: BTreeMap<String, Target> = BTreeMap::new();
        if !self.caps {
            for (variant, t) in &map {
                upper.entry(variant.to_uppercase()).or_insert(Target {
                    canonical: t.canonical.to_uppercase(),
                    line: t.line,
                });
            }
        }
        Ok(Replacer {
            variants: map.len(),
            exact: Automaton::build(&map)?,
            upper: if self.caps {
                None
            } else {
                Automaton::build(&upper)?
            },
            mode: self.mode,
        })
    }
}

/// Is this line written all in capitals (at least three letters, none in
/// lower case)? Cheap for ordinary lines: it stops at the first lower-case
/// ASCII letter.
fn all_caps(line: &str) -> bool {
    if line.bytes().any(|b| b.is_ascii_lowercase()) {
        return false;
    }
    let mut upper = 0;
    for c in line.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_uppercase() {
            upper += 1;
        }
    }
    upper >= 3
}

/// Is `text[start..end]` a whole word (or words)?
pub fn on_boundaries(text: &str, start: usize, end: usize) -> bool {
    let mut before = text[..start].chars().rev();
    let ok_before = match before.next() {
        None => true,
        Some(c) if c.is_alphanumeric() => false,
        Some(c) if is_hyphen(c) || c == '_' => !before.next().is_some_and(char::is_alphanumeric),
        Some(_) => true,
    };
    let mut after = text[end..].chars();
    let ok_after = match after.next() {
        None => true,
        Some(c) if c.is_alphanumeric() => false,
        Some(c) if is_hyphen(c) || c == '_' => !after.next().is_some_and(char::is_alphanumeric),
        Some(_) => true,
    };
    // A combining mark right after the match belongs to its last letter.
    let combining = text[end..]
        .chars()
        .next()
        .is_some_and(unicode_normalization::char::is_combining_mark);
    ok_before && ok_after && !combining
}

#[cfg(test)]
mod tests {
    use super::*;

    fn replacer(pairs: &[(&str, &str)]) -> Replacer {
        let v: Vec<(String, String, u64)> = pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string(), 0))
            .collect();
        Replacer::new(&v).unwrap()
    }

    #[test]
    fn boundaries_and_elision() {
        let r = replacer(&[
            ("EI-K", "ISKP"),
            ("EI", "Islamic State"),
            ("Iran", "Iran"),
            ("Ouzbékistan", "Uzbekistan"),
            ("Kalouga", "Kaluga"),
        ]);
        let cases = [
            ("l’EI-K a frappé", "l’ISKP a frappé"),
            ("l'EI s'est vu", "l'Islamic State s'est vu"),
            ("l'EI-Khorassan", "l'EI-Khorassan"),
            ("Iranien", "Iranien"),
            ("d’Ouzbékistan", "d’Uzbekistan"),
            ("Ouzbékistanais", "Ouzbékistanais"),
            ("région de Kalouga.", "région de Kaluga."),
            ("KalougaX Kalouga", "KalougaX Kaluga"),
            (
                "pro-Kalouga et Kalouga-ville",
                "pro-Kalouga et Kalouga-ville",
            ),
            ("Kalouga’s", "Kaluga’s"),
        ];
        for (input, want) in cases {
            assert_eq!(r.replace(input).0, want, "in {input:?}");
        }
    }

    #[test]
    fn idempotent_and_offsets() {
        let r = replacer(&[
            ("Poutine", "Vladimir Putin"),
            ("Vladimir Poutine", "Vladimir Putin"),
        ]);
        let (once, reps) = r.replace("Vladimir Poutine et Poutine.");
        assert_eq!(once, "Vladimir Putin et Vladimir Putin.");
        assert_eq!(r.replace(&once).0, once);
        for rep in reps {
            assert_eq!(&once[rep.out_start..rep.out_end], rep.canonical);
        }
    }

    #[test]
    fn nbsp_in_text() {
        let r = replacer(&[("ISIS K", "ISKP")]);
        assert_eq!(
            r.replace("que ISIS\u{a0}K preparait").0,
            "que ISKP preparait"
        );
    }

    #[test]
    fn all_capitals_headline() {
        let r = replacer(&[
            ("Kalouga", "Kaluga"),
            ("Ouzbékistan", "Uzbekistan"),
            ("ISIS-K", "ISKP"),
        ]);
        assert_eq!(
            r.replace("L’ISIS-K FRAPPE KALOUGA ET L’OUZBÉKISTAN\nKALOUGA est ici en capitales.\n")
                .0,
            "L’ISKP FRAPPE KALUGA ET L’UZBEKISTAN\nKALOUGA est ici en capitales.\n"
        );
    }

    #[test]
    fn annotate_mode_is_idempotent() {
        let entries = [Entry::new("Kalouga", "Kaluga")];
        let r = Replacer::builder()
            .mode(Mode::Annotate)
            .build(&entries)
            .unwrap();
        let (once, reps) = r.replace("à Kalouga.");
        assert_eq!(once, "à Kalouga [Kaluga].");
        assert_eq!(
            &once[reps[0].out_start..reps[0].out_end],
            "Kalouga [Kaluga]"
        );
        assert_eq!(r.replace(&once).0, once);
    }

    #[test]
    fn only_one_kind() {
        let entries = [
            Entry {
                kind: Some(Kind::Acronym),
                ..Entry::new("EI-K", "ISKP")
            },
            Entry {
                kind: Some(Kind::Name),
                ..Entry::new("Kalouga", "Kaluga")
            },
        ];
        let r = Replacer::builder()
            .only(Some(Kind::Acronym))
            .build(&entries)
            .unwrap();
        assert_eq!(r.replace("EI-K à Kalouga").0, "ISKP à Kalouga");
    }

    #[test]
    fn nfd_input_is_normalised() {
        let r = replacer(&[("Ouzbékistan", "Uzbekistan")]);
        let out = r.canonicalize("en Ouzbe\u{301}kistan");
        assert!(out.normalized);
        assert_eq!(out.text, "en Uzbekistan");
        assert!(!r.canonicalize("en Ouzbékistan").normalized);
    }
}
