//! Mentions → surfaces: one row per distinct surface form, with its
//! language, counts, documents and a context snippet. This is the table
//! `nomina extract` writes and `nomina align --candidates` reads.

use crate::error::{Error, Result};
use crate::extract::{Defined, Kind, Mention};
use crate::lang::Lang;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A distinct surface form and what the corpus says of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Surface {
    /// The surface form (NFC, single spaces).
    pub text: String,
    /// The language it is mostly written in (its mentions' paragraphs).
    pub lang: Lang,
    /// Name or acronym.
    pub kind: Kind,
    /// Number of mentions.
    pub count: usize,
    /// Mentions in English paragraphs.
    pub count_en: usize,
    /// Indices of the documents it occurs in.
    pub docs: BTreeSet<usize>,
    /// Up to two context snippets.
    pub contexts: Vec<String>,
}

#[cfg(test)]
impl Surface {
    /// A surface for unit tests: its kind from its shape, `count` mentions
    /// all in `lang`, in `docs`.
    pub(crate) fn sample(text: &str, lang: Lang, count: usize, docs: &[usize]) -> Surface {
        Surface {
            text: text.to_string(),
            lang,
            kind: if crate::extract::is_acronym(text) {
                Kind::Acronym
            } else {
                Kind::Name
            },
            count,
            count_en: if lang == Lang::En { count } else { 0 },
            docs: docs.iter().copied().collect(),
            contexts: Vec::new(),
        }
    }
}

/// An acronym definition seen in the corpus, by surface.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Definition {
    /// The acronym.
    pub short: String,
    /// Its long form.
    pub long: String,
    /// The rule that found it.
    pub rule: &'static str,
    /// The document it was found in.
    pub doc: usize,
}

/// Build the surface table from the mentions of every document, sorted by
/// surface text. `texts[doc]` gives the document text, for contexts.
pub fn table(mentions: &[Mention], texts: &[&str]) -> Vec<Surface> {
    let mut by: BTreeMap<&str, (Surface, usize)> = BTreeMap::new();
    for m in mentions {
        let entry = by.entry(m.surface.as_str()).or_insert_with(|| {
            (
                Surface {
                    text: m.surface.clone(),
                    lang: m.lang,
                    kind: m.kind,
                    count: 0,
                    count_en: 0,
                    docs: BTreeSet::new(),
                    contexts: Vec::new(),
                },
                0,
            )
        });
        let (s, fr) = entry;
        s.count += 1;
        match m.lang {
            Lang::En => s.count_en += 1,
            Lang::Fr => *fr += 1,
            Lang::Und => {}
        }
        s.docs.insert(m.doc);
        if s.contexts.len() < 2 && !s.docs.is_empty() {
            let c = crate::extract::context(texts[m.doc], &m.span, 40);
            if !s.contexts.contains(&c) {
                s.contexts.push(c);
            }
        }
    }
    by.into_values()
        .map(|(mut s, fr)| {
            s.lang = if s.count_en > fr {
                Lang::En
            } else if fr > 0 {
                Lang::Fr
            } else {
                Lang::Und
            };
            s
        })
        .collect()
}

/// Collect the definitions of every document, deduplicated and sorted.
pub fn definitions(per_doc: &[(usize, &[Defined])]) -> Vec<Definition> {
    let mut out: BTreeSet<Definition> = BTreeSet::new();
    for (doc, defs) in per_doc {
        for d in *defs {
            out.insert(Definition {
                short: d.short.clone(),
                long: d.long.clone(),
                rule: d.rule,
                doc: *doc,
            });
        }
    }
    out.into_iter().collect()
}

/// Read a bare list of surfaces: a CSV with at least a `surface` column,
/// optionally `lang`, `count` (and `kind`). Blank surfaces are skipped;
/// repeated surfaces add up.
///
/// # Errors
/// A missing `surface` column, a bad `lang` or `count`: the error names the
/// file and line.
pub fn read_list(path: &Path) -> Result<Vec<Surface>> {
    let bytes =
        std::fs::read(path).map_err(|e| Error::io(crate::error::ErrorKind::Input, path, &e))?;
    let text = crate::corpus::decode(path, bytes)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| Error::csv(path, &e))?.clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let Some(surface_col) = col("surface").or_else(|| col("variant")) else {
        return Err(Error::input("no `surface` column in the header")
            .with_path(path)
            .with_line(1));
    };
    let (lang_col, count_col, kind_col) = (
        col("lang"),
        col("count"),
        col("kind").or_else(|| col("type")),
    );
    let mut by: BTreeMap<String, Surface> = BTreeMap::new();
    for record in reader.records() {
        let record = record.map_err(|e| Error::csv(path, &e))?;
        let line = record.position().map_or(0, |p| p.line());
        let text = record.get(surface_col).unwrap_or("").trim();
        if text.is_empty() {
            continue;
        }
        let lang = match lang_col.and_then(|c| record.get(c)) {
            Some(l) => Lang::parse(l).ok_or_else(|| {
                Error::input(format!("unknown language {l:?} (expected fr, en or empty)"))
                    .with_path(path)
                    .with_line(line)
            })?,
            None => Lang::Und,
        };
        let count = match count_col.and_then(|c| record.get(c)).map(str::trim) {
            Some("") | None => 1,
            Some(n) => n.parse::<usize>().map_err(|_| {
                Error::input(format!("count {n:?} is not a whole number"))
                    .with_path(path)
                    .with_line(line)
            })?,
        };
        let kind = kind_col
            .and_then(|c| record.get(c))
            .and_then(Kind::parse)
            .unwrap_or_else(|| {
                if crate::extract::is_acronym(text) {
                    Kind::Acronym
                } else {
                    Kind::Name
                }
            });
        let text = crate::normalize::nfc(text);
        let s = by.entry(text.clone()).or_insert_with(|| Surface {
            text,
            lang,
            kind,
            count: 0,
            count_en: 0,
            docs: BTreeSet::new(),
            contexts: Vec::new(),
        });
        s.count += count;
        if lang == Lang::En {
            s.count_en += count;
        }
    }
    Ok(by.into_values().collect())
}
