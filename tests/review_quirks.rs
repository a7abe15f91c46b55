//! `nomina review` reads back whatever a spreadsheet did to the review
//! sheet (fixtures in `tests/fixtures/review/`, one per quirk), refuses what
//! it cannot understand with file, line and column, and `build` writes the
//! sheet as `.xlsx` in the same order as the CSV.

mod util;

use std::collections::BTreeSet;
use std::path::PathBuf;
use util::{Dir, csv_rows, root};

/// The curated glossary every case starts from.
const CURATED: &str = "\
canonical,variant,lang,type,status,note
Kaluga,Kalouga,fr,name,accepted,seed
Kaluga,Kaluga,en,name,accepted,seed
";

/// The curated glossary after the fixtures' decisions, without notes:
/// `État islamique` accepted, `Daech` unsure, `EI-K` rejected, `Poutine`
/// accepted with the entity renamed `Putin` → `Vladimir Putin`, the
/// formula-like `@NSC_Spox` accepted as it is; the undecided `Kalouga` row
/// changes nothing.
const EXPECTED: [(&str, &str, &str, &str, &str); 11] = [
    ("ISKP", "EI-K", "fr", "acronym", "rejected"),
    ("Islamic State", "Daech", "fr", "name", "unsure"),
    ("Islamic State", "Islamic State", "", "name", "accepted"),
    ("Islamic State", "État islamique", "fr", "name", "accepted"),
    ("Kaluga", "Kalouga", "fr", "name", "accepted"),
    ("Kaluga", "Kaluga", "en", "name", "accepted"),
    ("NSC", "@NSC_Spox", "en", "name", "accepted"),
    ("NSC", "NSC", "", "acronym", "accepted"),
    ("Vladimir Putin", "Poutine", "fr", "name", "accepted"),
    ("Vladimir Putin", "Putin", "", "name", "accepted"),
    ("Vladimir Putin", "Vladimir Putin", "", "name", "accepted"),
];

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/review").join(name)
}

/// A directory with the curated glossary and `sheet` copied in under the
/// same extension.
fn setup(name: &str, sheet: &str) -> (Dir, String) {
    let dir = Dir::new(name);
    dir.write("glossary/glossary.csv", CURATED);
    let ext = sheet.rsplit('.').next().unwrap_or("csv");
    let target = format!("sheet.{ext}");
    std::fs::copy(fixture(sheet), dir.path.join(&target)).expect("copy fixture");
    (dir, target)
}

/// A curated row without its note: canonical, variant, lang, type, status.
type Row = (String, String, String, String, String);

/// The curated glossary's rows without notes, and the notes.
fn glossary_rows(dir: &Dir) -> (Vec<Row>, Vec<String>) {
    let rows = csv_rows(&dir.read("glossary/glossary.csv"));
    let notes = rows.iter().map(|r| r["note"].clone()).collect();
    let rows = rows
        .into_iter()
        .map(|r| {
            (
                r["canonical"].clone(),
                r["variant"].clone(),
                r["lang"].clone(),
                r["type"].clone(),
                r["status"].clone(),
            )
        })
        .collect();
    (rows, notes)
}

fn expected() -> Vec<Row> {
    EXPECTED
        .iter()
        .map(|&(c, v, l, t, s)| (c.into(), v.into(), l.into(), t.into(), s.into()))
        .collect()
}

fn assert_expected(dir: &Dir, what: &str) {
    let (rows, notes) = glossary_rows(dir);
    let want = expected();
    if rows != want {
        panic!(
            "\n{what}: glossary differs\n--- expected\n{}\n--- got\n{}\n",
            want.iter()
                .map(|r| format!("{r:?}"))
                .collect::<Vec<_>>()
                .join("\n"),
            rows.iter()
                .map(|r| format!("{r:?}"))
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
    for note in notes.iter().filter(|n| n.as_str() != "seed") {
        assert!(note.starts_with("review sheet."), "{what}: note {note:?}");
    }
}

#[test]
fn every_spreadsheet_quirk_gives_the_same_glossary() {
    for sheet in [
        "utf8_bom_comma.csv",
        "utf8_no_bom.csv",
        "semicolon_decimal_comma.csv",
        "crlf.csv",
        "windows1252_semicolon_crlf.csv",
        "reordered_extra_columns.csv",
        "blank_trailing_rows.csv",
        "decisions_any_case_fr_en.csv",
        "utf16_tab.txt",
    ] {
        let (dir, target) = setup("quirk", sheet);
        let out = dir.ok(&["review", &target]);
        assert!(
            out.contains("5 decisions: 3 accepted, 1 rejected, 1 unsure"),
            "{sheet}: {out}"
        );
        assert!(
            out.contains("renamed       \"Putin\" → \"Vladimir Putin\""),
            "{sheet}: {out}"
        );
        assert_expected(&dir, sheet);
        let history: Vec<_> = std::fs::read_dir(dir.path.join("glossary/.history"))
            .expect("a backup folder")
            .collect();
        assert_eq!(
            history.len(),
            1,
            "{sheet}: one backup of the previous version"
        );
    }
}

/// A workbook written the way a person might leave it: a title row and a
/// blank row above the header, the table starting in column B, numbers as
/// numbers, a decision typed as TRUE, the `@` handle as a text cell.
fn odd_workbook(decision_of_row_3: &str) -> Vec<u8> {
    use rust_xlsxwriter::Workbook;
    let text = std::fs::read_to_string(fixture("utf8_no_bom.csv")).expect("fixture");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().expect("header").clone();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet
        .write_string(0, 1, "Review of week 12")
        .expect("title");
    for (c, h) in (1u16..).zip(header.iter()) {
        sheet.write_string(2, c, h).expect("header");
    }
    for (r, record) in (3u32..).zip(reader.records()) {
        let record = record.expect("record");
        for (c, (h, cell)) in (1u16..).zip(header.iter().zip(record.iter())) {
            let cell = cell.strip_prefix('\'').unwrap_or(cell);
            match (h, cell.parse::<f64>()) {
                ("decision", _) if r == 3 && decision_of_row_3 == "TRUE" => {
                    sheet.write_boolean(r, c, true).map(|_| ())
                }
                ("decision", _) if r == 3 => {
                    sheet.write_string(r, c, decision_of_row_3).map(|_| ())
                }
                ("count" | "docs" | "score", Ok(n)) => sheet.write_number(r, c, n).map(|_| ()),
                _ => sheet.write_string(r, c, cell).map(|_| ()),
            }
            .expect("cell");
        }
    }
    book.save_to_buffer().expect("xlsx")
}

#[test]
fn an_xlsx_sheet_is_read_by_column_name_wherever_the_table_starts() {
    let dir = Dir::new("xlsx-odd");
    dir.write("glossary/glossary.csv", CURATED);
    std::fs::write(dir.path.join("sheet.xlsx"), odd_workbook("TRUE")).expect("write");
    let out = dir.ok(&["review", "sheet.xlsx"]);
    assert!(out.contains("3 accepted, 1 rejected, 1 unsure"), "{out}");
    assert_expected(&dir, "sheet.xlsx");
}

#[test]
fn bad_sheets_exit_2_name_file_line_column_and_change_nothing() {
    for (sheet, want) in [
        (
            "bad_decision.csv",
            "sheet.csv:3:1: decision \"peut-être pas\" is not accept",
        ),
        (
            "bad_decision_reordered.csv",
            "sheet.csv:4:4: decision \"maybe not\" is not accept",
        ),
        (
            "missing_column.csv",
            "sheet.csv:1:1: missing column(s) variant in the header",
        ),
        (
            "edited_variant.csv",
            "sheet.csv:5:3: variant \"Poutin\" of cluster \"Putin\" does not match pair_id",
        ),
        (
            "windows1252_lossy.csv",
            "sheet.csv:7:3: variant \"????????\" of cluster \"Zhanaozen\" does not match \
             pair_id b2425cb3b2a0: the file was saved in Windows-1252",
        ),
    ] {
        let (dir, target) = setup("bad-sheet", sheet);
        let err = dir.fails(&["review", &target]);
        assert!(
            err.contains(want),
            "{sheet}\n--- expected\n{want}\n--- got\n{err}"
        );
        assert_eq!(dir.read("glossary/glossary.csv"), CURATED, "{sheet}");
        assert!(!dir.path.join("glossary/.history").exists(), "{sheet}");
    }
    // The same in a workbook: the row and column are the sheet's own.
    let dir = Dir::new("bad-xlsx");
    dir.write("glossary/glossary.csv", CURATED);
    std::fs::write(dir.path.join("sheet.xlsx"), odd_workbook("perhaps")).expect("write");
    let err = dir.fails(&["review", "sheet.xlsx"]);
    assert!(
        err.contains("sheet.xlsx:4:2: decision \"perhaps\" is not accept"),
        "{err}"
    );
    assert_eq!(dir.read("glossary/glossary.csv"), CURATED);
}

/// A small corpus whose review sheet has a formula-like variant.
fn corpus(dir: &Dir) {
    dir.write(
        "corpus/fr.txt",
        "La police de la région de Kalouga a confirmé l'attaque. Le président \
         Vladimir Poutine a parlé. Poutine a quitté la ville.\n",
    );
    dir.write(
        "corpus/en.txt",
        "The police of the Kaluga region said the attack was over. President \
         Vladimir Putin spoke. Putin left the city.\n",
    );
    dir.write(
        "glossary/glossary.csv",
        "canonical,variant,lang,type,status,note\n",
    );
}

#[test]
fn build_writes_the_xlsx_with_the_csv_rows_in_the_csv_order() {
    let dir = Dir::new("xlsx-build");
    corpus(&dir);
    let out = dir.ok(&["build", "--corpus", "corpus", "--format", "both"]);
    assert!(
        out.contains("out/review.csv") && out.contains("out/review.xlsx"),
        "{out}"
    );
    let csv_rows: Vec<Vec<String>> = {
        let text = dir.read("out/review.csv");
        let text = text.strip_prefix('\u{feff}').expect("a BOM");
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes())
            .records()
            .map(|r| r.expect("record").iter().map(str::to_string).collect())
            .collect()
    };
    assert!(csv_rows.len() > 2, "proposals expected: {csv_rows:?}");
    let xlsx_rows: Vec<Vec<String>> =
        nomina::xlsx::read(&dir.path.join("out/review.xlsx"), "review")
            .expect("read xlsx")
            .into_iter()
            .map(|(_, row)| row)
            .collect();
    assert_eq!(xlsx_rows.len(), csv_rows.len());
    for (x, c) in xlsx_rows.iter().zip(&csv_rows) {
        let x: Vec<&str> = x.iter().map(String::as_str).collect();
        let c: Vec<&str> = c.iter().map(|s| nomina::review::unprotect(s)).collect();
        // Scores are numbers in the workbook: 0.90 reads back as 0.9.
        let number = |s: &str| s.parse::<f64>().ok();
        for (i, (a, b)) in x.iter().zip(&c).enumerate() {
            assert!(
                a == b || (number(a).is_some() && number(a) == number(b)),
                "column {i}: xlsx {a:?} vs csv {b:?}"
            );
        }
    }
    // Frozen header, autofilter and the drop-down on `decision`.
    let xml = util::sheet1_xml(&dir.path.join("out/review.xlsx"));
    for part in [
        "state=\"frozen\"",
        "<autoFilter ref=\"A1:M",
        "<dataValidation type=\"list\"",
        "<formula1>\"accept,reject,unsure\"</formula1>",
        "sqref=\"A2:A",
    ] {
        assert!(xml.contains(part), "{part} missing from sheet1.xml");
    }
    // `--format xlsx` alone writes no CSV sheet.
    let dir = Dir::new("xlsx-only");
    corpus(&dir);
    dir.ok(&["build", "--corpus", "corpus", "--format", "xlsx"]);
    assert!(dir.path.join("out/review.xlsx").exists());
    assert!(!dir.path.join("out/review.csv").exists());
}

#[test]
fn a_reviewed_xlsx_from_build_applies_like_the_csv() {
    // Review the workbook by writing decisions into it, as a person would.
    let dir = Dir::new("xlsx-review");
    corpus(&dir);
    dir.ok(&["build", "--corpus", "corpus", "--format", "xlsx"]);
    let rows = nomina::xlsx::read(&dir.path.join("out/review.xlsx"), "review").expect("read");
    let header = &rows[0].1;
    let col = |n: &str| header.iter().position(|h| h == n).expect("column");
    let (variant, decision) = (col("variant"), col("decision"));
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, (_, row)) in (0u32..).zip(&rows) {
        for (c, cell) in (0u16..).zip(row) {
            let cell = if r > 0 && usize::from(c) == decision {
                match row[variant].as_str() {
                    "Poutine" => "non",
                    _ => "oui",
                }
            } else {
                cell.as_str()
            };
            sheet.write_string(r, c, cell).expect("cell");
        }
    }
    std::fs::write(
        dir.path.join("reviewed.xlsx"),
        book.save_to_buffer().expect("xlsx"),
    )
    .expect("write");
    dir.ok(&["review", "reviewed.xlsx"]);
    let curated = csv_rows(&dir.read("glossary/glossary.csv"));
    let has = |c: &str, v: &str, s: &str| {
        curated
            .iter()
            .any(|r| r["canonical"] == c && r["variant"] == v && r["status"] == s)
    };
    assert!(has("Vladimir Putin", "Poutine", "rejected"), "{curated:?}");
    assert!(has("Vladimir Putin", "Putin", "accepted"), "{curated:?}");
    assert!(has("Kaluga", "Kalouga", "accepted"), "{curated:?}");
    let second = dir.ok(&["build", "--corpus", "corpus", "--format", "xlsx"]);
    assert!(second.contains("proposed      0 merges"), "{second}");
    let names: BTreeSet<String> = csv_rows(&dir.read("out/glossary.csv"))
        .into_iter()
        .filter(|r| r["canonical"] == "Vladimir Putin")
        .map(|r| r["variant"].clone())
        .collect();
    assert!(!names.contains("Poutine"), "{names:?}");
}
