//! The review sheet: proposals written for a person, decisions read back
//! and applied to the curated glossary.
//!
//! **Review sheet** (`out/review.csv`, UTF-8 with a BOM so that Excel shows
//! `É`), columns
//! `decision,canonical,variant,lang,count,docs,score,evidence,context,documents,type,cluster,pair_id`.
//! A person writes `accept` or `reject` (also `yes/no/y/n/oui/non/x`, and
//! `unsure`/`?`) in `decision`, and may edit `canonical` to rename the
//! entity. `cluster` keeps the canonical as proposed, so that a rename is
//! seen; `pair_id` is a stable id of the (canonical, variant) pair. Rows come
//! grouped by cluster, the least certain clusters first.
//!
//! Cells a spreadsheet would run as a formula (starting with `=`, `+`, `-`,
//! `@`, a tab or a carriage return) are written behind a `'`, which the
//! reader removes again.
//!
//! Reading accepts what spreadsheets do to a CSV: a BOM or none, `,` or `;`
//! as separator, CRLF, Windows-1252 re-encoding, columns reordered or added,
//! blank rows. Anything it cannot understand is an error with file, line
//! and column, and then nothing is applied.

use crate::atomic;
use crate::error::{Error, ErrorKind, Result};
use crate::extract::Kind;
use crate::glossary::{Curated, CuratedRow, Decision, lang_cell};
use crate::lang::Lang;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A proposed merge: `variant` is a name of the entity `canonical`.
#[derive(Clone, Debug, PartialEq)]
pub struct Proposal {
    /// The proposed canonical form.
    pub canonical: String,
    /// The variant.
    pub variant: String,
    /// The variant's language.
    pub lang: Lang,
    /// Name or acronym.
    pub kind: Kind,
    /// Mentions of the variant.
    pub count: usize,
    /// Documents the variant occurs in.
    pub docs: Vec<String>,
    /// Score of the link.
    pub score: f32,
    /// Why.
    pub evidence: String,
    /// A snippet around the variant.
    pub variant_context: String,
    /// A snippet around the canonical form.
    pub canonical_context: String,
}

/// The header of the review sheet.
pub const HEADER: [&str; 13] = [
    "decision",
    "canonical",
    "variant",
    "lang",
    "count",
    "docs",
    "score",
    "evidence",
    "context",
    "documents",
    "type",
    "cluster",
    "pair_id",
];

/// A stable id for a (canonical, variant) pair: 12 hex digits of FNV-1a.
pub fn pair_id(canonical: &str, variant: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in canonical.bytes().chain([0x1f]).chain(variant.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:012x}", h >> 16)
}

/// Protect a cell a spreadsheet would run as a formula.
pub fn protect(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
        || (cell.starts_with('\'') && cell[1..].starts_with(['=', '+', '-', '@', '\t', '\r', '\'']))
    {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// Undo [`protect`].
pub fn unprotect(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r', '\'']) => rest,
        _ => cell,
    }
}

/// Order proposals for a person: grouped by cluster, least certain
/// clusters first, and inside a cluster the least certain rows first.
pub fn order(proposals: &[Proposal]) -> Vec<&Proposal> {
    let mut min: BTreeMap<&str, f32> = BTreeMap::new();
    for p in proposals {
        let e = min.entry(p.canonical.as_str()).or_insert(p.score);
        *e = e.min(p.score);
    }
    let mut out: Vec<&Proposal> = proposals.iter().collect();
    out.sort_by(|a, b| {
        min[a.canonical.as_str()]
            .total_cmp(&min[b.canonical.as_str()])
            .then(a.canonical.cmp(&b.canonical))
            .then(a.score.total_cmp(&b.score))
            .then(a.variant.cmp(&b.variant))
    });
    out
}

/// The review sheet as CSV bytes (with a UTF-8 BOM).
///
/// # Errors
/// Never in practice.
pub fn sheet_csv(proposals: &[Proposal]) -> Result<Vec<u8>> {
    let body = atomic::csv_bytes(|w| {
        w.write_record(HEADER)?;
        for p in order(proposals) {
            let context = format!("{} ‖ {}", p.variant_context, p.canonical_context);
            w.write_record([
                String::new(),
                protect(&p.canonical),
                protect(&p.variant),
                lang_cell(p.lang).to_string(),
                p.count.to_string(),
                p.docs.len().to_string(),
                format!("{:.2}", p.score),
                protect(&p.evidence),
                protect(&context),
                protect(&p.docs.join("; ")),
                p.kind.as_str().to_string(),
                protect(&p.canonical),
                pair_id(&p.canonical, &p.variant),
            ])?;
        }
        Ok(())
    })?;
    let mut out = "\u{feff}".as_bytes().to_vec();
    out.extend(body);
    Ok(out)
}

/// A decision read from a sheet.
#[derive(Clone, Debug, PartialEq)]
pub struct ReviewDecision {
    /// Line in the sheet.
    pub line: u64,
    /// The canonical cell (maybe edited).
    pub canonical: String,
    /// The variant.
    pub variant: String,
    /// The canonical as proposed (the `cluster` column), if present.
    pub cluster: Option<String>,
    /// The decision.
    pub decision: Decision,
    /// The variant's language.
    pub lang: Lang,
    /// Name or acronym.
    pub kind: Kind,
}

/// Parse a decision cell; `None` for an empty cell (not decided).
pub fn parse_decision(cell: &str) -> std::result::Result<Option<Decision>, String> {
    let c = cell.trim().to_lowercase();
    Ok(Some(match c.as_str() {
        "" => return Ok(None),
        "accept" | "accepted" | "yes" | "y" | "oui" | "o" | "x" | "ok" | "true" | "1"
        | "accepter" => Decision::Accepted,
        "reject" | "rejected" | "no" | "n" | "non" | "false" | "0" | "rejeter" => {
            Decision::Rejected
        }
        "unsure" | "?" | "maybe" | "peut-être" | "don't know" | "skip" => Decision::Unsure,
        _ => return Err(format!("decision {cell:?} is not accept, reject or unsure")),
    }))
}

/// Windows-1252 bytes to text (what Excel's "CSV" export writes).
pub fn decode_cp1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&b| {
            if (0x80..0xa0).contains(&b) {
                HIGH[usize::from(b - 0x80)]
            } else {
                char::from(b)
            }
        })
        .collect()
}

/// Read the decisions of a review sheet (CSV).
///
/// # Errors
/// Unreadable file, missing columns, an unknown decision or an empty
/// variant on a decided row: file, line and column are named.
pub fn read_sheet(path: &Path) -> Result<Vec<ReviewDecision>> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(ErrorKind::Input, path, &e))?;
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => decode_cp1252(e.as_bytes()),
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = if first_line.matches(';').count() > first_line.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| Error::csv(path, &e))?.clone();
    let col = |n: &str| {
        headers.iter().position(|h| {
            h.trim()
                .trim_start_matches('\u{feff}')
                .eq_ignore_ascii_case(n)
        })
    };
    let mut missing = Vec::new();
    let (decision_col, canonical_col, variant_col) =
        (col("decision"), col("canonical"), col("variant"));
    for (name, c) in [
        ("decision", decision_col),
        ("canonical", canonical_col),
        ("variant", variant_col),
    ] {
        if c.is_none() {
            missing.push(name);
        }
    }
    let (Some(dc), Some(cc), Some(vc)) = (decision_col, canonical_col, variant_col) else {
        return Err(Error::input(format!(
            "missing column(s) {} in the header: is this a review sheet?",
            missing.join(", ")
        ))
        .with_path(path)
        .with_line(1));
    };
    let (cluster_col, lang_col, kind_col) = (col("cluster"), col("lang"), col("type"));
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| Error::csv(path, &e))?;
        let line = record.position().map_or(0, |p| p.line());
        let get = |i: usize| {
            unprotect(record.get(i).unwrap_or("").trim())
                .trim()
                .to_string()
        };
        let decision = parse_decision(&get(dc)).map_err(|m| {
            Error::input(m)
                .with_path(path)
                .with_line(line)
                .with_column(dc as u64 + 1)
        })?;
        let Some(decision) = decision else { continue };
        let (canonical, variant) = (
            crate::normalize::nfc(&get(cc)),
            crate::normalize::nfc(&get(vc)),
        );
        if variant.is_empty() {
            return Err(Error::input("a decided row has an empty `variant`")
                .with_path(path)
                .with_line(line)
                .with_column(vc as u64 + 1));
        }
        if canonical.is_empty() {
            return Err(Error::input("a decided row has an empty `canonical`")
                .with_path(path)
                .with_line(line)
                .with_column(cc as u64 + 1));
        }
        let lang = lang_col
            .map(get)
            .and_then(|l| Lang::parse(&l))
            .unwrap_or(Lang::Und);
        let kind = kind_col
            .map(get)
            .filter(|k| !k.is_empty())
            .and_then(|k| Kind::parse(&k))
            .unwrap_or(if crate::extract::is_acronym(&variant) {
                Kind::Acronym
            } else {
                Kind::Name
            });
        let cluster = cluster_col
            .map(get)
            .filter(|c| !c.is_empty())
            .map(|c| crate::normalize::nfc(&c));
        out.push(ReviewDecision {
            line,
            canonical,
            variant,
            cluster,
            decision,
            lang,
            kind,
        });
    }
    Ok(out)
}

/// What applying a sheet did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Applied {
    /// Pairs accepted.
    pub accepted: usize,
    /// Pairs rejected.
    pub rejected: usize,
    /// Pairs marked unsure.
    pub unsure: usize,
    /// Entities renamed: (old canonical, new canonical).
    pub renamed: Vec<(String, String)>,
}

/// Apply decisions to the curated glossary, returning the new glossary.
///
/// # Errors
/// A conflict (a decision against an earlier one, or two edits of one
/// cluster's canonical): both rows are named and nothing is applied.
pub fn apply(
    curated: &Curated,
    decisions: &[ReviewDecision],
    sheet: &Path,
    glossary: &Path,
) -> Result<(Curated, Applied)> {
    let conflict = |msg: String, line: u64| {
        Err(Error::new(ErrorKind::Conflict, msg)
            .with_path(sheet)
            .with_line(line))
    };
    // Renames: an accepted row whose canonical differs from its cluster.
    let mut rename: BTreeMap<String, (String, u64)> = BTreeMap::new();
    for d in decisions {
        let Some(cluster) = &d.cluster else { continue };
        if d.decision == Decision::Accepted && &d.canonical != cluster {
            if let Some((other, line)) = rename.get(cluster) {
                if other != &d.canonical {
                    return conflict(
                        format!(
                            "cluster {cluster:?} renamed twice: {other:?} (line {line}) and {:?}",
                            d.canonical
                        ),
                        d.line,
                    );
                }
            }
            rename.insert(cluster.clone(), (d.canonical.clone(), d.line));
        }
    }
    // Merges: accepting the canonical of another curated entity as a variant
    // merges that entity into this one.
    let curated_canonicals: BTreeSet<&str> = curated
        .rows
        .iter()
        .filter(|r| r.status == Decision::Accepted)
        .map(|r| r.canonical.as_str())
        .collect();
    for d in decisions {
        if d.decision != Decision::Accepted || !curated_canonicals.contains(d.variant.as_str()) {
            continue;
        }
        let base = d.cluster.clone().unwrap_or_else(|| d.canonical.clone());
        let into = rename.get(&base).map_or(base, |(n, _)| n.clone());
        if into == d.variant {
            continue;
        }
        if let Some((other, line)) = rename.get(&d.variant) {
            if other != &into {
                return conflict(
                    format!(
                        "entity {:?} merged into {other:?} (line {line}) and into {into:?}",
                        d.variant
                    ),
                    d.line,
                );
            }
        }
        rename.insert(d.variant.clone(), (into, d.line));
    }
    let target = |d: &ReviewDecision| -> String {
        let base = d.cluster.clone().unwrap_or_else(|| d.canonical.clone());
        rename.get(&base).map_or(base, |(n, _)| n.clone())
    };
    let mut rows = curated.rows.clone();
    for r in &mut rows {
        if let Some((new, _)) = rename.get(&r.canonical) {
            r.canonical = new.clone();
        }
    }
    // The old canonical form stays a name of the renamed entity.
    let note = format!(
        "review {}",
        sheet
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
    );
    for (old, (new, _)) in &rename {
        let kind = if crate::extract::is_acronym(old) {
            Kind::Acronym
        } else {
            Kind::Name
        };
        rows.push(CuratedRow {
            canonical: new.clone(),
            variant: old.clone(),
            lang: Lang::Und,
            kind,
            status: Decision::Accepted,
            note: format!("{note}: renamed"),
            line: 0,
        });
    }
    let mut applied = Applied {
        renamed: rename
            .iter()
            .map(|(o, (n, _))| (o.clone(), n.clone()))
            .collect(),
        ..Applied::default()
    };
    let mut seen: BTreeMap<(String, String), (Decision, u64)> = BTreeMap::new();
    for d in decisions {
        let canonical = target(d);
        let key = (canonical.clone(), d.variant.clone());
        if let Some((other, line)) = seen.get(&key) {
            if *other != d.decision {
                return conflict(
                    format!(
                        "{:?} → {:?} is {} on line {line} and {} here",
                        d.variant,
                        canonical,
                        other.as_str(),
                        d.decision.as_str()
                    ),
                    d.line,
                );
            }
        }
        seen.insert(key, (d.decision, d.line));
        for r in &rows {
            let earlier = |what: &str| {
                Error::new(
                    ErrorKind::Conflict,
                    format!(
                        "{:?} → {:?} is {} here but {what} in {} line {}",
                        d.variant,
                        canonical,
                        d.decision.as_str(),
                        glossary.display(),
                        r.line
                    ),
                )
                .with_path(sheet)
                .with_line(d.line)
            };
            if r.variant == d.variant && r.canonical == canonical {
                let clash = matches!(
                    (r.status, d.decision),
                    (Decision::Accepted, Decision::Rejected)
                        | (Decision::Rejected, Decision::Accepted)
                );
                if clash {
                    return Err(earlier(r.status.as_str()));
                }
            }
            if d.decision == Decision::Accepted
                && r.status == Decision::Accepted
                && r.variant == d.variant
                && r.canonical != canonical
            {
                return Err(earlier(&format!("accepted under {:?}", r.canonical)));
            }
        }
    }
    for d in decisions {
        let canonical = target(d);
        // A decision replaces an `unsure` row of the same pair.
        rows.retain(|r| {
            !(r.canonical == canonical && r.variant == d.variant && r.status == Decision::Unsure)
        });
        let note = format!(
            "review {}",
            sheet
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default()
        );
        rows.push(CuratedRow {
            canonical: canonical.clone(),
            variant: d.variant.clone(),
            lang: d.lang,
            kind: d.kind,
            status: d.decision,
            note: note.clone(),
            line: 0,
        });
        match d.decision {
            Decision::Accepted => {
                applied.accepted += 1;
                if !rows.iter().any(|r| {
                    r.canonical == canonical
                        && r.variant == canonical
                        && r.status == Decision::Accepted
                }) {
                    let kind = if crate::extract::is_acronym(&canonical) {
                        Kind::Acronym
                    } else {
                        Kind::Name
                    };
                    rows.push(CuratedRow {
                        canonical: canonical.clone(),
                        variant: canonical.clone(),
                        lang: Lang::Und,
                        kind,
                        status: Decision::Accepted,
                        note,
                        line: 0,
                    });
                }
            }
            Decision::Rejected => applied.rejected += 1,
            Decision::Unsure => applied.unsure += 1,
        }
    }
    // Keep one row per (canonical, variant, status), the earliest note.
    let mut unique: BTreeSet<(String, String, Decision)> = BTreeSet::new();
    rows.sort_by(|a, b| {
        (&a.canonical, &a.variant, a.status, b.line == 0).cmp(&(
            &b.canonical,
            &b.variant,
            b.status,
            a.line == 0,
        ))
    });
    rows.retain(|r| unique.insert((r.canonical.clone(), r.variant.clone(), r.status)));
    Ok((Curated { rows }, applied))
}

/// Write the curated glossary atomically, keeping the previous version in
/// `.history/` beside it.
///
/// # Errors
/// The backup or the new file cannot be written.
pub fn save(curated: &Curated, path: &Path) -> Result<Option<std::path::PathBuf>> {
    let bytes = curated.to_csv()?;
    let mut backup = None;
    if let Ok(old) = std::fs::read(path) {
        if old == bytes {
            return Ok(None);
        }
        let dir = path.parent().unwrap_or(Path::new(".")).join(".history");
        let name = path
            .file_stem()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "glossary".into());
        let stamp = timestamp();
        let mut file = dir.join(format!("{name}-{stamp}.csv"));
        let mut n = 1;
        while file.exists() {
            file = dir.join(format!("{name}-{stamp}-{n}.csv"));
            n += 1;
        }
        atomic::write(&file, &old)?;
        backup = Some(file);
    }
    atomic::write(path, &bytes)?;
    Ok(backup)
}

/// Restore the newest backup of `path` from `.history/` (the backup is
/// removed once restored).
///
/// # Errors
/// No backup to restore, or the restore cannot be written.
pub fn undo(path: &Path) -> Result<std::path::PathBuf> {
    let dir = path.parent().unwrap_or(Path::new(".")).join(".history");
    let name = path
        .file_stem()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "glossary".into());
    let mut backups: Vec<std::path::PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.file_name()
                        .is_some_and(|f| f.to_string_lossy().starts_with(&format!("{name}-")))
                })
                .collect()
        })
        .unwrap_or_default();
    backups.sort();
    let Some(last) = backups.pop() else {
        return Err(Error::input("no earlier version to restore in .history/").with_path(path));
    };
    let bytes = std::fs::read(&last).map_err(|e| Error::io(ErrorKind::Input, &last, &e))?;
    atomic::write(path, &bytes)?;
    std::fs::remove_file(&last).map_err(|e| Error::io(ErrorKind::Output, &last, &e))?;
    Ok(last)
}

/// `YYYYMMDDTHHMMSS.nnnnnnnnnZ` in UTC, sortable.
fn timestamp() -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let secs = now.as_secs();
    let (days, rem) = (secs / 86_400, secs % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}{m:02}{d:02}T{:02}{:02}{:02}.{:09}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        now.subsec_nanos()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decisions_in_both_languages() {
        for (cell, want) in [
            ("accept", Some(Decision::Accepted)),
            ("OUI", Some(Decision::Accepted)),
            ("y", Some(Decision::Accepted)),
            ("x", Some(Decision::Accepted)),
            ("Reject", Some(Decision::Rejected)),
            ("non", Some(Decision::Rejected)),
            ("?", Some(Decision::Unsure)),
            ("", None),
            ("  ", None),
        ] {
            assert_eq!(parse_decision(cell), Ok(want), "{cell:?}");
        }
        assert!(parse_decision("peut-etre pas").is_err());
    }

    #[test]
    fn formula_cells_round_trip() {
        for cell in [
            "@NSC_Spox",
            "=SUM(A1)",
            "+33",
            "-K",
            "'quoted",
            "''x",
            "plain",
            "'=x",
        ] {
            assert_eq!(unprotect(&protect(cell)), cell, "{cell:?}");
            assert!(!protect(cell).starts_with(['=', '+', '-', '@']), "{cell:?}");
        }
    }

    #[test]
    fn cp1252() {
        assert_eq!(decode_cp1252(b"\xc9tat \x80 \x92"), "État € ’");
    }
}
