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

use crate::error::{Error, Result};
use crate::normalize::is_hyphen;
use aho_corasick::{AhoCorasick, Input, MatchKind};
use std::collections::BTreeMap;

/// One replacement made in a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Replacement {
    /// Byte span in the input.
    pub start: usize,
    /// End of the span in the input.
    pub end: usize,
    /// Byte offset of the replacement in the output.
    pub out_start: usize,
    /// The text replaced.
    pub original: String,
    /// The canonical form written.
    pub canonical: String,
    /// The glossary line the mapping came from (0 when built in memory).
    pub line: u64,
}

/// A compiled variant → canonical mapping.
#[derive(Clone, Debug)]
pub struct Replacer {
    ac: Option<AhoCorasick>,
    /// Per pattern: (canonical, glossary line).
    targets: Vec<(String, u64)>,
}

impl Replacer {
    /// Compile `(variant, canonical, line)` triples. The first mapping of a
    /// variant wins. Multi-word variants also match with no-break spaces.
    ///
    /// # Errors
    /// The automaton cannot be built (far beyond any real glossary).
    pub fn new(pairs: &[(String, String, u64)]) -> Result<Replacer> {
        let mut map: BTreeMap<String, (String, u64)> = BTreeMap::new();
        for (variant, canonical, line) in pairs {
            map.entry(variant.clone())
                .or_insert((canonical.clone(), *line));
        }
        for (_, canonical, line) in pairs {
            map.entry(canonical.clone())
                .or_insert((canonical.clone(), *line));
        }
        let mut patterns = Vec::new();
        let mut targets = Vec::new();
        for (variant, target) in &map {
            if variant.is_empty() {
                continue;
            }
            patterns.push(variant.clone());
            targets.push(target.clone());
            for space in ['\u{a0}', '\u{202f}'] {
                if variant.contains(' ') {
                    patterns.push(variant.replace(' ', &space.to_string()));
                    targets.push(target.clone());
                }
            }
        }
        if patterns.is_empty() {
            return Ok(Replacer { ac: None, targets });
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .map_err(|e| Error::usage(format!("cannot compile the glossary: {e}")))?;
        Ok(Replacer {
            ac: Some(ac),
            targets,
        })
    }

    /// Number of variants (patterns) compiled.
    pub fn len(&self) -> usize {
        self.targets.len()
    }

    /// Is the mapping empty?
    pub fn is_empty(&self) -> bool {
        self.targets.is_empty()
    }

    /// Replace in `text`; returns the new text and the replacements made
    /// (variants equal to their canonical are matched but not reported).
    pub fn replace(&self, text: &str) -> (String, Vec<Replacement>) {
        let Some(ac) = &self.ac else {
            return (text.to_string(), Vec::new());
        };
        let mut out = String::with_capacity(text.len() + text.len() / 16);
        let mut done = Vec::new();
        let mut copied = 0;
        let mut at = 0;
        while at < text.len() {
            let Some(m) = ac.find(Input::new(text).span(at..text.len())) else {
                break;
            };
            if !on_boundaries(text, m.start(), m.end()) {
                // Try again one character further.
                at = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
                continue;
            }
            let (canonical, line) = &self.targets[m.pattern().as_usize()];
            let original = &text[m.start()..m.end()];
            if original != canonical {
                out.push_str(&text[copied..m.start()]);
                let out_start = out.len();
                out.push_str(canonical);
                done.push(Replacement {
                    start: m.start(),
                    end: m.end(),
                    out_start,
                    original: original.to_string(),
                    canonical: canonical.clone(),
                    line: *line,
                });
                copied = m.end();
            }
            at = m.end();
        }
        out.push_str(&text[copied..]);
        (out, done)
    }
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
            assert_eq!(
                &once[rep.out_start..rep.out_start + rep.canonical.len()],
                rep.canonical
            );
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
}
