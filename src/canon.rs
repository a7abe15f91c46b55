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

impl From<&Entry> for Entry {
    fn from(e: &Entry) -> Entry {
        e.clone()
    }
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
    /// Pattern → index, to try a shorter whole-word pattern when the longest
    /// match is inside a longer word (`Vladimir` in `Vladimir Poutinesque`).
    index: std::collections::HashMap<String, usize>,
}

impl Automaton {
    /// Compile the patterns, taking the strings over (a glossary of 100 000
    /// variants is not copied again).
    fn build(map: BTreeMap<String, Target>) -> Result<Option<Automaton>> {
        let mut patterns = Vec::with_capacity(map.len());
        let mut targets = Vec::with_capacity(map.len());
        for (variant, target) in map {
            if variant.is_empty() {
                continue;
            }
            if variant.contains(' ') {
                for space in ['\u{a0}', '\u{202f}'] {
                    patterns.push(variant.replace(' ', &space.to_string()));
                    targets.push(target.clone());
                }
            }
            patterns.push(variant);
            targets.push(target);
        }
        if patterns.is_empty() {
            return Ok(None);
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .map_err(|e| Error::usage(format!("cannot compile the glossary: {e}")))?;
        let index = patterns
            .into_iter()
            .enumerate()
            .map(|(i, p)| (p, i))
            .collect();
        Ok(Some(Automaton { ac, targets, index }))
    }

    /// The longest pattern that starts at `start`, ends before `end` on a
    /// word boundary and is a whole word there.
    fn shorter(&self, text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
        let mut p = end;
        while p > start {
            p -= 1;
            while !text.is_char_boundary(p) {
                p -= 1;
            }
            if p > start
                && on_boundaries(text, start, p)
                && let Some(&i) = self.index.get(&text[start..p])
            {
                return Some((p, i));
            }
        }
        None
    }
}

/// A compiled variant → canonical mapping.
#[derive(Clone, Debug)]
pub struct Replacer {
    exact: Option<Automaton>,
    /// The all-capitals automaton, built the first time a line in capitals
    /// is met (most corpora have none, and it is as large as `exact`).
    upper: std::sync::OnceLock<Option<Automaton>>,
    /// Is the all-capitals rule on?
    caps: bool,
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
        Replacer::builder().build(pairs.iter().map(|(v, c, l)| Entry {
            variant: v.clone(),
            canonical: c.clone(),
            line: *l,
            kind: None,
        }))
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
            let automaton = if self.caps && all_caps(line) {
                self.upper_automaton()
            } else {
                self.exact.as_ref()
            };
            let Some(automaton) = automaton else { continue };
            let mut at = range.start;
            while at < range.end {
                let Some(m) = automaton.ac.find(Input::new(text).span(at..range.end)) else {
                    break;
                };
                let (start, mut end, mut pattern) = (m.start(), m.end(), m.pattern().as_usize());
                if !on_boundaries(text, start, end) {
                    match automaton.shorter(text, start, end) {
                        Some((e, i)) => (end, pattern) = (e, i),
                        None => {
                            at = start + text[start..].chars().next().map_or(1, char::len_utf8);
                            continue;
                        }
                    }
                }
                at = end;
                let target = &automaton.targets[pattern];
                let original = &text[start..end];
                if original == target.canonical {
                    continue;
                }
                if self.mode == Mode::Annotate {
                    // Already annotated: canonicalising twice changes nothing.
                    let already = text[end..]
                        .strip_prefix(" [")
                        .and_then(|r| r.strip_prefix(target.canonical.as_str()))
                        .is_some_and(|r| r.starts_with(']'));
                    if already {
                        at = end + target.canonical.len() + 3;
                        continue;
                    }
                }
                out.push_str(&text[copied..start]);
                let out_start = out.len();
                match self.mode {
                    Mode::Replace => out.push_str(&target.canonical),
                    Mode::Annotate => {
                        out.push_str(original);
                        out.push_str(" [");
                        out.push_str(&target.canonical);
                        out.push(']');
                    }
                }
                done.push(Replacement {
                    start,
                    end,
                    out_start,
                    out_end: out.len(),
                    original: original.to_string(),
                    canonical: target.canonical.clone(),
                    line: target.line,
                });
                copied = end;
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
    pub fn build<I>(self, entries: I) -> Result<Replacer>
    where
        I: IntoIterator,
        I::Item: Into<Entry>,
    {
        let mut map: BTreeMap<String, Target> = BTreeMap::new();
        let mut canonicals: Vec<(String, u64)> = Vec::new();
        for e in entries {
            let e: Entry = e.into();
            if self.only.is_some() && e.kind.is_some() && e.kind != self.only {
                continue;
            }
            if canonicals.last().is_none_or(|(c, _)| *c != e.canonical) {
                canonicals.push((e.canonical.clone(), e.line));
            }
            map.entry(e.variant).or_insert(Target {
                canonical: e.canonical,
                line: e.line,
            });
        }
        for (canonical, line) in canonicals {
            if !map.contains_key(&canonical) {
                map.insert(canonical.clone(), Target { canonical, line });
            }
        }
        Ok(Replacer {
            variants: map.len(),
            exact: Automaton::build(map)?,
            upper: std::sync::OnceLock::new(),
            caps: !self.caps,
            mode: self.mode,
        })
    }
}

impl Replacer {
    fn upper_automaton(&self) -> Option<&Automaton> {
        self.upper
            .get_or_init(|| {
                // In capitals, names are matched upper-cased, and acronyms of
                // three letters or more as they are; a two-letter acronym is
                // too often a word (`THE PLAN IS READY`). Made from the exact
                // automaton's patterns, so that nothing is kept twice.
                let exact = self.exact.as_ref()?;
                let mut upper: BTreeMap<String, Target> = BTreeMap::new();
                for (variant, &i) in &exact.index {
                    let letters = variant.chars().filter(|c| c.is_alphabetic()).count();
                    let acronym = !variant.chars().any(char::is_lowercase);
                    if acronym && letters < 3 {
                        continue;
                    }
                    let t = &exact.targets[i];
                    upper.entry(variant.to_uppercase()).or_insert(Target {
                        canonical: t.canonical.to_uppercase(),
                        line: t.line,
                    });
                }
                // Patterns that compiled once in `exact` compile here too.
                Automaton::build(upper).ok().flatten()
            })
            .as_ref()
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
    fn short_acronyms_are_words_in_capitals() {
        let r = replacer(&[("IS", "Islamic State"), ("Kalouga", "Kaluga")]);
        assert_eq!(
            r.replace("THE PLAN IS READY IN KALOUGA\n").0,
            "THE PLAN IS READY IN KALUGA\n"
        );
        assert_eq!(
            r.replace("The IS claimed it.").0,
            "The Islamic State claimed it."
        );
    }

    #[test]
    fn a_shorter_whole_word_variant_when_the_longest_is_inside_a_word() {
        let r = replacer(&[
            ("Vladimir", "Vladimir Putin"),
            ("Vladimir Poutine", "Vladimir Putin"),
        ]);
        assert_eq!(
            r.replace("Vladimir Poutinesque.").0,
            "Vladimir Putin Poutinesque."
        );
        assert_eq!(r.replace("Vladimir Poutine.").0, "Vladimir Putin.");
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
