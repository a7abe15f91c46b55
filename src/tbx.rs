//! The curated glossary as a TBX-Basic termbase (ISO 30042:2019, TBX-Basic
//! dialect, DCA style), for translators' tools (Trados, memoQ, OmegaT).
//!
//! - One `conceptEntry` per entity: every canonical form of the curated
//!   glossary that has an accepted or a rejected row. Its `id` is `c` and
//!   the [`pair_id`](crate::review::pair_id) of the canonical's own row, so
//!   that it does not change when other entities come or go.
//! - One `langSec` per language, the canonical's first.
//! - One `termSec` per term, with its `administrativeStatus`: the canonical
//!   form is `preferredTerm-admn-sts`, an accepted variant
//!   `admittedTerm-admn-sts`, a rejected one `deprecatedTerm-admn-sts`
//!   (translators are told not to use it for this entity). `unsure` rows are
//!   left out: nothing was decided. `termType` is `acronym` or `fullForm`;
//!   the curated note, if any, is a `note`.
//!
//! **Languages.** A term goes under its own language. A term whose
//! language the glossary leaves empty goes under the language of the
//! entity's canonical form rather than under `und`, which translation
//! tools cannot map to any language: most such rows are the canonical form
//! itself or a rename of it. The canonical form's language is its own row's,
//! else the default language given (English, by default, since nomina
//! prefers the English form as canonical).
//!
//! The XML is built as text: every text and attribute is escaped, and
//! characters XML 1.0 cannot hold are replaced by U+FFFD.

use crate::extract::Kind;
use crate::glossary::{Curated, CuratedRow, Decision};
use crate::lang::Lang;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// The TBX `administrativeStatus` of a decision, best first.
fn status(decision: Decision, canonical: bool) -> Option<(u8, &'static str)> {
    match (decision, canonical) {
        (Decision::Accepted, true) => Some((0, "preferredTerm-admn-sts")),
        (Decision::Accepted, false) => Some((1, "admittedTerm-admn-sts")),
        (Decision::Rejected, _) => Some((2, "deprecatedTerm-admn-sts")),
        (Decision::Unsure, _) => None,
    }
}

/// A term of one concept in one language.
struct Term<'a> {
    text: &'a str,
    rank: u8,
    status: &'static str,
    kind: Kind,
    note: &'a str,
}

/// The curated glossary as a TBX-Basic document. `source` is named in the
/// header; `default_lang` is the canonical forms' language when their row
/// does not say (see the module documentation).
pub fn export(curated: &Curated, source: &str, default_lang: Lang) -> String {
    let mut concepts: BTreeMap<&str, Vec<&CuratedRow>> = BTreeMap::new();
    for r in &curated.rows {
        if r.status != Decision::Unsure {
            concepts.entry(r.canonical.as_str()).or_default().push(r);
        }
    }
    let default_lang = match default_lang {
        Lang::Und => Lang::En,
        l => l,
    };
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(
        "<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\" \
         xmlns=\"urn:iso:std:iso:30042:ed-2\">\n",
    );
    out.push_str("  <tbxHeader>\n    <fileDesc>\n      <sourceDesc>\n");
    let _ = writeln!(
        out,
        "        <p>{}</p>",
        text(&format!("nomina curated glossary {source}"))
    );
    out.push_str("      </sourceDesc>\n    </fileDesc>\n  </tbxHeader>\n");
    out.push_str("  <text>\n    <body>\n");
    let mut ids = BTreeSet::new();
    for (canonical, rows) in &concepts {
        let own_lang = rows
            .iter()
            .find(|r| r.variant == *canonical && r.lang != Lang::Und)
            .map_or(default_lang, |r| r.lang);
        // language → term text → best status.
        let mut langs: BTreeMap<Lang, BTreeMap<&str, Term>> = BTreeMap::new();
        let canonical_kind = rows
            .iter()
            .find(|r| r.variant == *canonical)
            .map_or_else(|| kind_of(canonical), |r| r.kind);
        langs.entry(own_lang).or_default().insert(
            canonical,
            Term {
                text: canonical,
                rank: 0,
                status: "preferredTerm-admn-sts",
                kind: canonical_kind,
                note: "",
            },
        );
        for r in rows {
            let is_canonical = r.variant == *canonical;
            let Some((rank, status)) = status(r.status, is_canonical) else {
                continue;
            };
            if is_canonical && r.status == Decision::Rejected {
                continue;
            }
            let lang = if is_canonical || r.lang == Lang::Und {
                own_lang
            } else {
                r.lang
            };
            let terms = langs.entry(lang).or_default();
            let term = Term {
                text: &r.variant,
                rank,
                status,
                kind: r.kind,
                note: &r.note,
            };
            match terms.get_mut(r.variant.as_str()) {
                Some(t) if t.rank < rank => {}
                Some(t) if t.rank == rank => {
                    if t.note.is_empty() {
                        t.note = &r.note;
                    }
                }
                _ => {
                    terms.insert(&r.variant, term);
                }
            }
        }
        let mut id = format!("c{}", crate::review::pair_id(canonical, canonical));
        let mut n = 2;
        while !ids.insert(id.clone()) {
            id = format!("c{}-{n}", crate::review::pair_id(canonical, canonical));
            n += 1;
        }
        let _ = writeln!(out, "      <conceptEntry id=\"{}\">", attr(&id));
        let order: Vec<Lang> = std::iter::once(own_lang)
            .chain(langs.keys().copied().filter(|&l| l != own_lang))
            .collect();
        for lang in order {
            let Some(terms) = langs.get(&lang) else {
                continue;
            };
            let _ = writeln!(out, "        <langSec xml:lang=\"{}\">", lang.code());
            let mut terms: Vec<&Term> = terms.values().collect();
            terms.sort_by(|a, b| (a.rank, a.text).cmp(&(b.rank, b.text)));
            for t in terms {
                out.push_str("          <termSec>\n");
                let _ = writeln!(out, "            <term>{}</term>", text(t.text));
                let term_type = match t.kind {
                    Kind::Acronym => "acronym",
                    Kind::Name => "fullForm",
                };
                let _ = writeln!(
                    out,
                    "            <termNote type=\"termType\">{term_type}</termNote>"
                );
                let _ = writeln!(
                    out,
                    "            <termNote type=\"administrativeStatus\">{}</termNote>",
                    t.status
                );
                if !t.note.is_empty() {
                    let _ = writeln!(out, "            <note>{}</note>", text(t.note));
                }
                out.push_str("          </termSec>\n");
            }
            out.push_str("        </langSec>\n");
        }
        out.push_str("      </conceptEntry>\n");
    }
    out.push_str("    </body>\n  </text>\n</tbx>\n");
    out
}

fn kind_of(text: &str) -> Kind {
    if crate::extract::is_acronym(text) {
        Kind::Acronym
    } else {
        Kind::Name
    }
}

/// Can XML 1.0 hold this character?
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

/// Escape text content.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            // A CR in text would be read back as LF.
            '\r' => out.push_str("&#13;"),
            c if xml_char(c) => out.push(c),
            _ => out.push('\u{fffd}'),
        }
    }
    out
}

/// Escape an attribute value (double-quoted).
fn attr(s: &str) -> String {
    text(s)
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
        .replace('\t', "&#9;")
        .replace('\n', "&#10;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        for (raw, want) in [
            ("AT&T <x>", "AT&amp;T &lt;x&gt;"),
            ("l’État", "l’État"),
            ("a\u{1}b", "a\u{fffd}b"),
            ("a\rb", "a&#13;b"),
            ("\u{fffe}", "\u{fffd}"),
        ] {
            assert_eq!(text(raw), want, "{raw:?}");
        }
        assert_eq!(attr("a\"b'c\n"), "a&quot;b&apos;c&#10;");
    }
}
