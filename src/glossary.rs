//! The two glossary schemas: the curated glossary a person maintains, and
//! the glossary table nomina writes.
//!
//! **Curated glossary** (`glossary/glossary.csv`), columns
//! `canonical,variant,lang,type,status,note`:
//! - `status` is `accepted` (the variant is a name of the entity whose
//!   canonical form is `canonical`), `rejected` (it is *not*; that pair is
//!   never proposed again) or `unsure` (seen, not decided);
//! - an entity's canonical form has a row of its own (`variant` = `canonical`);
//! - rows are kept sorted (by canonical, then variant) so that the file diffs
//!   well in git.
//!
//! **Glossary table** (`out/glossary.csv`, written by `align` and `build`),
//! one row per variant, columns
//! `canonical,variant,lang,type,count,docs,status,score,evidence`:
//! `status` is `curated` (the curated glossary says so), `proposed` (nomina
//! found it; `score` and `evidence` say why) or `single` (no other variant).
//! Every variant of one entity carries the same `canonical`, and the
//! canonical form has its own row.

use crate::atomic;
use crate::error::{Error, ErrorKind, Result};
use crate::extract::Kind;
use crate::lang::Lang;
use std::path::Path;

/// A decision of the curated glossary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Decision {
    /// Same entity.
    Accepted,
    /// Not the same entity.
    Rejected,
    /// Seen, not decided.
    Unsure,
}

impl Decision {
    /// The word written in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Accepted => "accepted",
            Decision::Rejected => "rejected",
            Decision::Unsure => "unsure",
        }
    }
}

/// One row of the curated glossary.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct CuratedRow {
    /// The entity's canonical form.
    pub canonical: String,
    /// The variant decided on.
    pub variant: String,
    /// Its language.
    pub lang: Lang,
    /// Name or acronym.
    pub kind: Kind,
    /// The decision.
    pub status: Decision,
    /// Free text (who, when, why).
    pub note: String,
    /// The line it was read from (0 when new).
    pub line: u64,
}

/// The curated glossary.
#[derive(Clone, Debug, Default)]
pub struct Curated {
    /// Its rows, sorted.
    pub rows: Vec<CuratedRow>,
}

/// The header of the curated glossary.
pub const CURATED_HEADER: [&str; 6] = ["canonical", "variant", "lang", "type", "status", "note"];

/// Two of `rows` that give one variant two canonical forms, the later line
/// second; `key` gives a row's `(variant, canonical, line)`, or none for a
/// row that maps nothing. Found by sorting row numbers, not by a second copy
/// of every string: glossaries of 100 000 variants are read where memory is
/// counted.
fn two_canonicals<T>(
    rows: &[T],
    key: impl for<'a> Fn(&'a T) -> Option<(&'a str, &'a str, u64)>,
) -> Option<(&T, &T)> {
    let mut order: Vec<u32> = (0..rows.len())
        .filter(|&i| key(&rows[i]).is_some())
        .filter_map(|i| u32::try_from(i).ok())
        .collect();
    let at = |i: u32| key(&rows[i as usize]).map(|(v, c, l)| (v, l, c));
    order.sort_by(|&a, &b| at(a).cmp(&at(b)));
    order.windows(2).find_map(|w| match (at(w[0]), at(w[1])) {
        (Some((v, _, c)), Some((w2, _, d))) if v == w2 && c != d => {
            Some((&rows[w[0] as usize], &rows[w[1] as usize]))
        }
        _ => None,
    })
}

fn header_index(
    headers: &csv::StringRecord,
    path: &Path,
    wanted: &[&str],
) -> Result<Vec<Option<usize>>> {
    let find = |name: &str| {
        headers.iter().position(|h| {
            h.trim()
                .trim_start_matches('\u{feff}')
                .eq_ignore_ascii_case(name)
        })
    };
    let idx: Vec<Option<usize>> = wanted.iter().map(|w| find(w)).collect();
    Ok(idx).and_then(|idx| {
        for (i, w) in wanted.iter().enumerate().take(2) {
            if idx[i].is_none() {
                return Err(Error::input(format!("missing column `{w}` in the header"))
                    .with_path(path)
                    .with_line(1));
            }
        }
        Ok(idx)
    })
}

impl Curated {
    /// Read the curated glossary. A missing file is an empty glossary.
    ///
    /// # Errors
    /// Unreadable file, bad header, an unknown status or language: the
    /// error names the file and line.
    pub fn read(path: &Path) -> Result<Curated> {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Curated::default()),
            Err(e) => return Err(Error::io(ErrorKind::Input, path, &e)),
        };
        let text = crate::corpus::decode(path, bytes)?;
        let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
        let headers = reader.headers().map_err(|e| Error::csv(path, &e))?.clone();
        let idx = header_index(&headers, path, &CURATED_HEADER)?;
        let Some(status_col) = idx[4] else {
            return Err(Error::input("missing column `status` in the header")
                .with_path(path)
                .with_line(1));
        };
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| Error::csv(path, &e))?;
            let line = record.position().map_or(0, |p| p.line());
            let get = |i: Option<usize>| {
                i.and_then(|i| record.get(i))
                    .unwrap_or("")
                    .trim()
                    .to_string()
            };
            let canonical = get(idx[0]);
            let variant = get(idx[1]);
            if canonical.is_empty() && variant.is_empty() {
                continue;
            }
            if canonical.is_empty() || variant.is_empty() {
                return Err(Error::input("empty `canonical` or `variant`")
                    .with_path(path)
                    .with_line(line));
            }
            let status = match get(Some(status_col)).to_lowercase().as_str() {
                "accepted" => Decision::Accepted,
                "rejected" => Decision::Rejected,
                "unsure" => Decision::Unsure,
                other => {
                    return Err(Error::input(format!(
                        "status {other:?} is not accepted, rejected or unsure"
                    ))
                    .with_path(path)
                    .with_line(line));
                }
            };
            let lang_text = get(idx[2]);
            let lang = Lang::parse(&lang_text).ok_or_else(|| {
                Error::input(format!(
                    "unknown language {lang_text:?} (expected fr, en or empty)"
                ))
                .with_path(path)
                .with_line(line)
            })?;
            let kind = Kind::parse(&get(idx[3])).unwrap_or(Kind::Name);
            rows.push(CuratedRow {
                canonical: crate::normalize::nfc(&canonical),
                variant: crate::normalize::nfc(&variant),
                lang,
                kind,
                status,
                note: get(idx[5]),
                line,
            });
        }
        rows.sort();
        let curated = Curated { rows };
        if let Some((a, b)) = curated.variant_under_two_entities() {
            return Err(Error::input(format!(
                "{:?} is accepted under {:?} (line {}) and under {:?}: one entity per variant",
                b.variant, a.canonical, a.line, b.canonical
            ))
            .with_path(path)
            .with_line(b.line));
        }
        Ok(curated)
    }

    /// Two accepted rows that give one variant two canonical forms, if any
    /// (a variant names one entity), the later line second.
    pub fn variant_under_two_entities(&self) -> Option<(&CuratedRow, &CuratedRow)> {
        two_canonicals(&self.rows, |r| {
            (r.status == Decision::Accepted).then_some((
                r.variant.as_str(),
                r.canonical.as_str(),
                r.line,
            ))
        })
    }

    /// The glossary as CSV bytes, rows sorted and deduplicated.
    ///
    /// # Errors
    /// Never in practice.
    pub fn to_csv(&self) -> Result<Vec<u8>> {
        let mut rows = self.rows.clone();
        rows.sort_by(|a, b| {
            (&a.canonical, &a.variant, a.status).cmp(&(&b.canonical, &b.variant, b.status))
        });
        rows.dedup_by(|a, b| {
            a.canonical == b.canonical && a.variant == b.variant && a.status == b.status
        });
        atomic::csv_bytes(|w| {
            w.write_record(CURATED_HEADER)?;
            for r in &rows {
                w.write_record([
                    r.canonical.as_str(),
                    r.variant.as_str(),
                    lang_cell(r.lang),
                    r.kind.as_str(),
                    r.status.as_str(),
                    r.note.as_str(),
                ])?;
            }
            Ok(())
        })
    }

    /// Accepted groups: canonical → variants (the canonical included).
    pub fn accepted_groups(&self) -> std::collections::BTreeMap<&str, Vec<&CuratedRow>> {
        let mut out: std::collections::BTreeMap<&str, Vec<&CuratedRow>> = Default::default();
        for r in &self.rows {
            if r.status == Decision::Accepted {
                out.entry(r.canonical.as_str()).or_default().push(r);
            }
        }
        out
    }
}

/// The language cell: empty when undecided.
pub fn lang_cell(lang: Lang) -> &'static str {
    match lang {
        Lang::Und => "",
        l => l.code(),
    }
}

/// The status of a glossary-table row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// Decided by a person (curated glossary).
    Curated,
    /// Found by nomina, not reviewed yet.
    Proposed,
    /// No other variant.
    Single,
}

impl Status {
    /// The word written in the table.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Curated => "curated",
            Status::Proposed => "proposed",
            Status::Single => "single",
        }
    }
}

/// One row of the glossary table.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The entity's canonical form.
    pub canonical: String,
    /// This variant.
    pub variant: String,
    /// Its language.
    pub lang: Lang,
    /// Name or acronym.
    pub kind: Kind,
    /// Mentions in the corpus.
    pub count: usize,
    /// Documents it occurs in.
    pub docs: usize,
    /// Curated, proposed or single.
    pub status: Status,
    /// The score of the link that put it in its cluster (1 for curated and
    /// canonical rows).
    pub score: f32,
    /// Why it is in this cluster.
    pub evidence: String,
}

/// The header of the glossary table.
pub const TABLE_HEADER: [&str; 9] = [
    "canonical",
    "variant",
    "lang",
    "type",
    "count",
    "docs",
    "status",
    "score",
    "evidence",
];

/// The glossary table as CSV bytes.
///
/// # Errors
/// Never in practice.
pub fn table_csv(rows: &[Row]) -> Result<Vec<u8>> {
    atomic::csv_bytes(|w| {
        w.write_record(TABLE_HEADER)?;
        for r in rows {
            w.write_record([
                r.canonical.as_str(),
                r.variant.as_str(),
                lang_cell(r.lang),
                r.kind.as_str(),
                &r.count.to_string(),
                &r.docs.to_string(),
                r.status.as_str(),
                &format!("{:.2}", r.score),
                r.evidence.as_str(),
            ])?;
        }
        Ok(())
    })
}

/// A variant → canonical mapping read from either glossary: the table
/// (`status` curated/proposed/single) or the curated glossary (accepted
/// rows only). Rejected and unsure rows never map.
#[derive(Clone, Debug, Default)]
pub struct Mapping {
    /// The mappings, in file order.
    pub entries: Vec<MapEntry>,
}

/// One mapping of a glossary file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MapEntry {
    /// The variant.
    pub variant: String,
    /// Its canonical form.
    pub canonical: String,
    /// The line of the glossary file.
    pub line: u64,
    /// The variant's language, if the file says.
    pub lang: Lang,
    /// Name or acronym, if the file says.
    pub kind: Option<Kind>,
}

impl Mapping {
    /// Read a glossary file of either schema.
    ///
    /// # Errors
    /// Missing file, bad header, a row without canonical or variant.
    pub fn read(path: &Path) -> Result<Mapping> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(ErrorKind::Input, path, &e))?;
        let text = crate::corpus::decode(path, bytes)?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(text.as_bytes());
        let headers = reader.headers().map_err(|e| Error::csv(path, &e))?.clone();
        let idx = header_index(
            &headers,
            path,
            &["canonical", "variant", "status", "lang", "type"],
        )?;
        let mut entries = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| Error::csv(path, &e))?;
            let line = record.position().map_or(0, |p| p.line());
            let get = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("").trim();
            let (canonical, variant) = (get(idx[0]), get(idx[1]));
            if canonical.is_empty() && variant.is_empty() {
                continue;
            }
            if canonical.is_empty() || variant.is_empty() {
                return Err(Error::input("empty `canonical` or `variant`")
                    .with_path(path)
                    .with_line(line));
            }
            // No status (a list made by hand) is a mapping to use; a status
            // is one of the curated glossary's or the glossary table's.
            match get(idx[2]).to_lowercase().as_str() {
                "rejected" | "unsure" => continue,
                "" | "accepted" | "curated" | "proposed" | "single" => {}
                other => {
                    return Err(Error::input(format!(
                        "status {other:?} is none of accepted, rejected, unsure \
                         (curated glossary) or curated, proposed, single (glossary table)"
                    ))
                    .with_path(path)
                    .with_line(line));
                }
            }
            let kind = match get(idx[4]) {
                "" => None,
                k => Kind::parse(k),
            };
            entries.push(MapEntry {
                variant: crate::normalize::nfc(variant),
                canonical: crate::normalize::nfc(canonical),
                line,
                lang: Lang::parse(get(idx[3])).unwrap_or(Lang::Und),
                kind,
            });
        }
        // One entity per variant, as the curated glossary requires.
        if let Some((a, b)) = two_canonicals(&entries, |e| {
            Some((e.variant.as_str(), e.canonical.as_str(), e.line))
        }) {
            return Err(Error::input(format!(
                "{:?} maps to {:?} (line {}) and to {:?}: one entity per variant",
                b.variant, a.canonical, a.line, b.canonical
            ))
            .with_path(path)
            .with_line(b.line));
        }
        Ok(Mapping { entries })
    }
}
