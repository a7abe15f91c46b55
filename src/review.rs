//! The review sheet: proposals written for a person, decisions read back
//! and applied to the curated glossary.
//!
//! **Review sheet** (`out/review.csv`, UTF-8 with a BOM so that Excel shows
//! `É`; with `build --format xlsx`, `out/review.xlsx`), columns
//! `decision,canonical,variant,lang,count,docs,score,evidence,context,documents,type,cluster,pair_id`.
//! A person writes `accept` or `reject` (also `yes/no/y/n/oui/non/x`, and
//! `unsure`/`?`, any case) in `decision`, and may edit `canonical` to rename
//! the entity. `cluster` keeps the canonical as proposed, so that a rename
//! is seen; `pair_id` is a stable id of the (canonical, variant) pair, which
//! also tells when a variant cell was changed. Rows come grouped by cluster,
//! the least certain clusters first.
//!
//! Cells a spreadsheet would run as a formula (starting with `=`, `+`, `-`,
//! `@`, a tab or a carriage return) are written behind a `'` in the CSV,
//! which the reader removes again; the workbook stores them as text cells.
//!
//! Reading ([`read_rows`], [`read_sheet`]) takes a CSV or a workbook
//! (`.xlsx`, `.ods`, `.xls`) through one function over rows of cells, and
//! accepts what spreadsheets do: a BOM or none, `,`, `;` or tab as
//! separator, CRLF, Windows-1252 or UTF-16 re-encoding (and UTF-8 misread
//! as Windows-1252), columns reordered or added, a title above the header,
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
    /// What the `cluster` column says: the canonical as proposed, or, when
    /// the canonical is an English spelling made by rules, the surface it
    /// was made from (so that accepting it never stores a made-up spelling
    /// as a variant if the reviewer corrects it).
    pub cluster: String,
}

impl Proposal {
    /// A proposal that `surface` is a name of `canonical`.
    pub fn new(
        canonical: &str,
        surface: &crate::surface::Surface,
        doc_names: &[String],
        score: f32,
        evidence: String,
        canonical_context: String,
    ) -> Proposal {
        Proposal {
            canonical: canonical.to_string(),
            variant: surface.text.clone(),
            lang: surface.lang,
            kind: surface.kind,
            count: surface.count,
            docs: surface
                .docs
                .iter()
                .filter_map(|&d| doc_names.get(d).cloned())
                .collect(),
            score,
            evidence,
            variant_context: surface.contexts.first().cloned().unwrap_or_default(),
            canonical_context,
            cluster: canonical.to_string(),
        }
    }
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

/// The cells of the review sheet, in [`HEADER`] order and in [`order`]:
/// plain text, the `decision` cell empty. [`sheet_csv`] and [`sheet_xlsx`]
/// write these, each protecting cells its own way.
pub fn sheet_rows(proposals: &[Proposal]) -> Vec<[String; 13]> {
    order(proposals)
        .into_iter()
        .map(|p| {
            [
                String::new(),
                p.canonical.clone(),
                p.variant.clone(),
                lang_cell(p.lang).to_string(),
                p.count.to_string(),
                p.docs.len().to_string(),
                format!("{:.2}", p.score),
                p.evidence.clone(),
                format!("{} ‖ {}", p.variant_context, p.canonical_context),
                p.docs.join("; "),
                p.kind.as_str().to_string(),
                p.cluster.clone(),
                pair_id(&p.cluster, &p.variant),
            ]
        })
        .collect()
}

/// The review sheet as CSV bytes (with a UTF-8 BOM).
///
/// # Errors
/// Never in practice.
pub fn sheet_csv(proposals: &[Proposal]) -> Result<Vec<u8>> {
    let body = atomic::csv_bytes(|w| {
        w.write_record(HEADER)?;
        for row in sheet_rows(proposals) {
            w.write_record(row.iter().map(|c| protect(c)))?;
        }
        Ok(())
    })?;
    let mut out = "\u{feff}".as_bytes().to_vec();
    out.extend(body);
    Ok(out)
}

/// The review sheet as an Excel workbook (`.xlsx`): header frozen with the
/// decision, canonical and variant columns, an autofilter, a drop-down on
/// `decision`, wrapped evidence and context, clusters shaded in turn.
///
/// Text cells are stored as text, which a spreadsheet never runs as a
/// formula, so `@NSC_Spox` is written as it is; only a leading `'`, tab or
/// CR gets a `'` before it, as in the CSV, so that the reader (which trims
/// white space and [`unprotect`]s) gives the cell back unchanged.
/// `count`, `docs` and `score` are numbers, so that they sort and filter as
/// numbers.
///
/// # Errors
/// A cell longer than a spreadsheet allows (32,767 characters).
pub fn sheet_xlsx(proposals: &[Proposal]) -> Result<Vec<u8>> {
    use crate::xlsx::{Column, Table};
    const WIDTHS: [(f64, bool); 13] = [
        (10.0, false), // decision
        (28.0, true),  // canonical
        (28.0, true),  // variant
        (5.0, false),  // lang
        (6.0, false),  // count
        (5.0, false),  // docs
        (6.0, false),  // score
        (44.0, true),  // evidence
        (64.0, true),  // context
        (26.0, true),  // documents
        (8.0, false),  // type
        (22.0, true),  // cluster
        (14.0, false), // pair_id
    ];
    let rows = sheet_rows(proposals);
    let mut band = false;
    let mut bands = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        if i > 0 && rows[i - 1][11] != row[11] {
            band = !band;
        }
        bands.push(band);
    }
    let columns = HEADER
        .iter()
        .zip(WIDTHS)
        .map(|(&name, (width, wrap))| Column {
            name,
            width,
            wrap,
            number: match name {
                "count" | "docs" => Some("0"),
                "score" => Some("0.00"),
                _ => None,
            },
            choices: if name == "decision" {
                &["accept", "reject", "unsure"]
            } else {
                &[]
            },
        })
        .collect();
    let table = Table {
        sheet: "review",
        columns,
        rows: rows
            .into_iter()
            .map(|r| {
                r.into_iter()
                    .map(|c| {
                        if c.starts_with(['\'', '\t', '\r']) {
                            protect(&c)
                        } else {
                            c
                        }
                    })
                    .collect()
            })
            .collect(),
        bands,
        frozen_columns: 3,
        note: "accept / reject / unsure (also yes, no, oui, non, x, ?). \
               Edit `canonical` to rename the entity.",
    };
    crate::xlsx::write(&table)
}

/// One row of a review sheet as read back.
#[derive(Clone, Debug, PartialEq)]
pub struct SheetRow {
    /// Line (CSV) or row (workbook) in the sheet, 1-based.
    pub line: u64,
    /// The decision; `None` when the cell is empty.
    pub decision: Option<Decision>,
    /// The canonical cell (maybe edited).
    pub canonical: String,
    /// The variant.
    pub variant: String,
    /// The canonical as proposed (the `cluster` column), if present.
    pub cluster: Option<String>,
    /// The variant's language.
    pub lang: Lang,
    /// Name or acronym.
    pub kind: Kind,
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

/// Parse a decision cell, in English or French, any case; `None` for an
/// empty cell (not decided).
///
/// # Errors
/// A word that is none of the known ones: the message lists them.
pub fn parse_decision(cell: &str) -> std::result::Result<Option<Decision>, String> {
    let c = crate::normalize::nfc(cell.trim()).to_lowercase();
    Ok(Some(match c.as_str() {
        "" => return Ok(None),
        "accept" | "accepted" | "yes" | "y" | "oui" | "o" | "x" | "ok" | "true" | "vrai" | "1"
        | "accepter" | "accepté" | "acceptée" | "✓" | "✔" => Decision::Accepted,
        "reject" | "rejected" | "no" | "n" | "non" | "false" | "faux" | "0" | "rejeter"
        | "rejeté" | "rejetée" | "refusé" | "refusée" => Decision::Rejected,
        "unsure" | "?" | "maybe" | "peut-être" | "don't know" | "skip" | "incertain"
        | "je ne sais pas" => Decision::Unsure,
        _ => {
            return Err(format!(
                "decision {cell:?} is not accept (yes, y, oui, x), reject (no, n, non) \
                 or unsure (?)"
            ));
        }
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

/// The text of a CSV file whatever saved it: UTF-8 with or without a BOM,
/// UTF-16 with a BOM (Excel's "Unicode text"), else Windows-1252 (Excel's
/// "CSV" on Windows, LibreOffice's "Western Europe"). The second value says
/// whether the text was re-encoded in Windows-1252, which cannot hold every
/// name.
pub fn decode_sheet(bytes: Vec<u8>) -> (String, bool) {
    let utf16 = |be: bool, body: &[u8]| {
        let units: Vec<u16> = body
            .chunks(2)
            .map(|c| {
                let pair = [c[0], c.get(1).copied().unwrap_or(0)];
                if be {
                    u16::from_be_bytes(pair)
                } else {
                    u16::from_le_bytes(pair)
                }
            })
            .collect();
        String::from_utf16_lossy(&units)
    };
    match bytes.as_slice() {
        [0xef, 0xbb, 0xbf, rest @ ..] => match std::str::from_utf8(rest) {
            Ok(t) => (t.to_string(), false),
            Err(_) => (decode_cp1252(rest), true),
        },
        [0xff, 0xfe, rest @ ..] => (utf16(false, rest), false),
        [0xfe, 0xff, rest @ ..] => (utf16(true, rest), false),
        _ => match String::from_utf8(bytes) {
            Ok(t) => (t, false),
            Err(e) => (decode_cp1252(e.as_bytes()), true),
        },
    }
}

/// Undo mojibake: UTF-8 text that a spreadsheet decoded as Windows-1252
/// (`Ã‰tat` for `État`), as LibreOffice does when it imports a CSV with
/// its default character set. The text is re-encoded in Windows-1252 and
/// decoded as UTF-8; text that does not survive that is left as it is.
pub fn undo_mojibake(text: &str) -> String {
    let mut bytes = Vec::with_capacity(text.len());
    for ch in text.chars() {
        match encode_cp1252(ch) {
            Some(b) => bytes.push(b),
            None => return text.to_string(),
        }
    }
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_string())
}

/// The Windows-1252 byte of a character, if it has one.
fn encode_cp1252(ch: char) -> Option<u8> {
    match u32::from(ch) {
        c @ (0..0x80 | 0xa0..0x100) => u8::try_from(c).ok(),
        _ => (0x80..0xa0u8).find(|&b| decode_cp1252(&[b]).starts_with(ch)),
    }
}

/// The separator of a CSV, from its first non-blank line: the most
/// frequent of `,`, `;` (French-locale spreadsheets) and tab, `,` on a tie.
fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let count = |c: char| first.matches(c).count();
    let (comma, semicolon, tab) = (count(','), count(';'), count('\t'));
    if semicolon > comma && semicolon >= tab {
        b';'
    } else if tab > comma && tab > semicolon {
        b'\t'
    } else {
        b','
    }
}

/// Rows of cells of a CSV review sheet, with their line numbers.
fn csv_cells(path: &Path) -> Result<(crate::xlsx::Cells, bool)> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(ErrorKind::Input, path, &e))?;
    let (text, cp1252) = decode_sheet(bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sniff_delimiter(text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| Error::csv(path, &e))?;
        let line = record.position().map_or(0, |p| p.line());
        rows.push((line, record.iter().map(str::to_string).collect()));
    }
    Ok((rows, cp1252))
}

/// Is `path` a spreadsheet workbook (by its extension) rather than a CSV?
pub fn is_workbook(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["xlsx", "xlsm", "xls", "xlsb", "ods"]
            .iter()
            .any(|w| e.eq_ignore_ascii_case(w))
    })
}

/// Read every row of a review sheet, decided or not: a CSV, or a workbook
/// (`.xlsx`, `.xlsm`, `.xls`, `.ods`: its sheet named `review`, else the
/// first).
///
/// # Errors
/// Unreadable file, missing columns, an unknown decision, an empty
/// `canonical` or `variant` on a decided row, a variant that does not match
/// its `pair_id` (edited, or damaged by a re-encoding): file, line and
/// column are named.
pub fn read_rows(path: &Path) -> Result<Vec<SheetRow>> {
    let (cells, cp1252) = if is_workbook(path) {
        (crate::xlsx::read(path, "review")?, false)
    } else {
        csv_cells(path)?
    };
    rows_from_cells(path, cells, cp1252)
}

/// Read the decisions of a review sheet (see [`read_rows`]); undecided rows
/// are left out.
///
/// # Errors
/// As [`read_rows`].
pub fn read_sheet(path: &Path) -> Result<Vec<ReviewDecision>> {
    Ok(read_rows(path)?
        .into_iter()
        .filter_map(|r| {
            Some(ReviewDecision {
                decision: r.decision?,
                line: r.line,
                canonical: r.canonical,
                variant: r.variant,
                cluster: r.cluster,
                lang: r.lang,
                kind: r.kind,
            })
        })
        .collect())
}

/// Text of a cell as read: surrounding white space trimmed, the formula
/// protection undone (so a protected leading tab or CR stays), NFC.
pub fn read_cell(raw: &str) -> String {
    crate::normalize::nfc(unprotect(raw.trim()))
}

/// The sheet's rows from rows of raw cells, CSV and workbook alike: the
/// first non-blank row is the header, columns are found by name (any order,
/// any case, extra ones ignored), blank rows are skipped.
fn rows_from_cells(path: &Path, cells: crate::xlsx::Cells, cp1252: bool) -> Result<Vec<SheetRow>> {
    let blank = |row: &[String]| row.iter().all(|c| c.trim().is_empty());
    let mut cells = cells.into_iter().filter(|(_, row)| !blank(row)).peekable();
    // A UTF-8 BOM read as Windows-1252: the whole sheet was.
    let mojibake = cells
        .peek()
        .and_then(|(_, header)| header.first())
        .is_some_and(|h| h.starts_with("\u{ef}\u{bb}\u{bf}"));
    let mut cells: Vec<(u64, Vec<String>)> = cells
        .map(|(line, row)| {
            if mojibake {
                (line, row.iter().map(|c| undo_mojibake(c)).collect())
            } else {
                (line, row)
            }
        })
        .collect();
    let is = |cell: &str, name: &str| {
        cell.trim()
            .trim_start_matches('\u{feff}')
            .eq_ignore_ascii_case(name)
    };
    // The header is the first row naming a `variant` column (a person may
    // have put a title above it), else the first row.
    let skip = cells
        .iter()
        .take(10)
        .position(|(_, row)| row.iter().any(|c| is(c, "variant")))
        .unwrap_or(0);
    let mut cells = cells.drain(skip..);
    let Some((header_line, header)) = cells.next() else {
        return Err(Error::input("the review sheet is empty").with_path(path));
    };
    let col = |n: &str| header.iter().position(|h| is(h, n));
    let (dc, cc, vc) = (col("decision"), col("canonical"), col("variant"));
    let (Some(dc), Some(cc), Some(vc)) = (dc, cc, vc) else {
        let missing: Vec<&str> = [("decision", dc), ("canonical", cc), ("variant", vc)]
            .into_iter()
            .filter(|(_, c)| c.is_none())
            .map(|(n, _)| n)
            .collect();
        return Err(Error::input(format!(
            "missing column(s) {} in the header: is this a review sheet?",
            missing.join(", ")
        ))
        .with_path(path)
        .with_line(header_line)
        .with_column(1));
    };
    let (cluster_col, lang_col, kind_col, id_col) =
        (col("cluster"), col("lang"), col("type"), col("pair_id"));
    let mut out = Vec::new();
    for (line, row) in cells {
        let get = |i: usize| read_cell(row.get(i).map_or("", String::as_str));
        let at = |i: usize, e: Error| e.with_path(path).with_line(line).with_column(i as u64 + 1);
        let decision = parse_decision(&get(dc)).map_err(|m| at(dc, Error::input(m)))?;
        let (canonical, variant) = (get(cc), get(vc));
        let cluster = cluster_col.map(get).filter(|c| !c.is_empty());
        if decision.is_some() {
            for (name, i, v) in [("variant", vc, &variant), ("canonical", cc, &canonical)] {
                if v.is_empty() {
                    let e = Error::input(format!("a decided row has an empty `{name}`"));
                    return Err(at(i, e));
                }
            }
            if let (Some(cluster), Some(id)) = (&cluster, id_col.map(get)) {
                let is_id = id.len() == 12 && id.bytes().all(|b| b.is_ascii_hexdigit());
                let raw = |i: Option<usize>| {
                    unprotect(i.and_then(|i| row.get(i)).map_or("", |c| c.trim())).to_string()
                };
                let matches = |c: &str, v: &str| id.eq_ignore_ascii_case(&pair_id(c, v));
                if is_id
                    && !matches(cluster, &variant)
                    && !matches(&raw(cluster_col), &raw(Some(vc)))
                {
                    let why = if cp1252 {
                        "the file was saved in Windows-1252, which cannot hold every \
                         name: save it as CSV UTF-8 or .xlsx"
                    } else {
                        "the variant or cluster cell was edited: restore it (edit \
                         `canonical` to rename)"
                    };
                    let e = Error::input(format!(
                        "variant {variant:?} of cluster {cluster:?} does not match \
                         pair_id {id}: {why}"
                    ));
                    return Err(at(vc, e));
                }
            }
        }
        out.push(SheetRow {
            line,
            decision,
            lang: lang_col
                .map(get)
                .and_then(|l| Lang::parse(&l))
                .unwrap_or(Lang::Und),
            kind: kind_col
                .map(get)
                .and_then(|k| Kind::parse(&k))
                .unwrap_or(Kind::Name),
            canonical,
            variant,
            cluster,
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
            if let Some((other, line)) = rename.get(cluster)
                && other != &d.canonical
            {
                return conflict(
                    format!(
                        "cluster {cluster:?} renamed twice: {other:?} (line {line}) and {:?}",
                        d.canonical
                    ),
                    d.line,
                );
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
        if let Some((other, line)) = rename.get(&d.variant)
            && other != &into
        {
            return conflict(
                format!(
                    "entity {:?} merged into {other:?} (line {line}) and into {into:?}",
                    d.variant
                ),
                d.line,
            );
        }
        rename.insert(d.variant.clone(), (into, d.line));
    }
    let target = |d: &ReviewDecision| -> String {
        // An English spelling made by rules (`Tashkent`, not in the corpus)
        // shown for the surface it was made from (`cluster` = `variant` =
        // `Tachkent`): a rejection or a doubt is about that spelling, the
        // pair shown (a rejected `Tachkent` → `Tachkent` would say nothing).
        if d.decision != Decision::Accepted && d.cluster.as_ref() == Some(&d.variant) {
            return d.canonical.clone();
        }
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
    // (Added after the decisions, so that a decision row on the same pair,
    // which knows the language, is the one kept.)
    let mut renamed_rows = Vec::new();
    for (old, (new, _)) in &rename {
        let kind = if crate::extract::is_acronym(old) {
            Kind::Acronym
        } else {
            Kind::Name
        };
        renamed_rows.push(CuratedRow {
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
        if let Some((other, line)) = seen.get(&key)
            && *other != d.decision
        {
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
    rows.extend(renamed_rows);
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
    let curated = Curated { rows };
    // Renames and merges may give a name to a second entity (a cluster
    // renamed to the name of another one): refused as a whole.
    if let Some((a, b)) = curated.variant_under_two_entities() {
        return Err(Error::new(
            ErrorKind::Conflict,
            format!(
                "these decisions would make {:?} a name of both {:?} and {:?}: \
                 edit the canonical cells so that it names one entity",
                b.variant, a.canonical, b.canonical
            ),
        )
        .with_path(sheet));
    }
    Ok((curated, applied))
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

    #[test]
    fn mojibake_is_undone() {
        for (text, want) in [
            ("Ã‰tat islamique", "État islamique"),
            ("Ã©lÃ¨ve â€™", "élève ’"),
            ("\u{ef}\u{bb}\u{bf}decision", "\u{feff}decision"),
            ("plain", "plain"),
            // Not mojibake: left alone.
            ("État", "État"),
            ("Ж", "Ж"),
        ] {
            assert_eq!(undo_mojibake(text), want, "{text:?}");
        }
    }

    #[test]
    fn delimiters() {
        for (first, want) in [
            ("decision,canonical,variant", b','),
            ("decision;canonical;variant", b';'),
            ("decision\tcanonical\tvariant", b'\t'),
            ("\n\ndecision;canonical,variant;x", b';'),
            ("decision", b','),
        ] {
            assert_eq!(sniff_delimiter(first), want, "{first:?}");
        }
    }

    #[test]
    fn encodings() {
        let text = "décision,É";
        let utf16le: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let utf16be: Vec<u8> = [0xfe, 0xff]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        for (bytes, want) in [
            (text.as_bytes().to_vec(), (text, false)),
            ([b"\xef\xbb\xbf", text.as_bytes()].concat(), (text, false)),
            (b"d\xe9cision,\xc9".to_vec(), (text, true)),
            (utf16le, (text, false)),
            (utf16be, (text, false)),
        ] {
            let (got, cp1252) = decode_sheet(bytes);
            assert_eq!((got.as_str(), cp1252), want);
        }
    }
}
