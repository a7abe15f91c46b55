//! The review sheet through a real spreadsheet application: LibreOffice
//! Calc, headless. The CSV is edited, converted to `.xlsx`, and from there
//! to a `;`-separated Windows-1252 CSV (what a French-locale spreadsheet
//! saves); `nomina review` applies each and the glossary must be the same.
//!
//! Skipped, with a note, when `soffice` is not on PATH (`.ci/run` installs
//! it from Debian's `libreoffice-calc`).

mod util;

use nomina::extract::Kind;
use nomina::lang::Lang;
use nomina::review::{self, Proposal};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use util::{Dir, csv_rows};

/// `soffice`, if installed.
fn soffice() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join("soffice"))
        .find(|p| p.is_file())
}

macro_rules! need_soffice {
    () => {
        match soffice() {
            Some(s) => s,
            None => {
                eprintln!(
                    "note: soffice is not on PATH; skipping the LibreOffice round trip \
                     (apt-get install libreoffice-calc)"
                );
                return;
            }
        }
    };
}

/// Run `soffice --headless --convert-to TO --outdir OUT FILE [--infilter=…]`
/// with a profile of its own (so that runs in parallel do not lock each
/// other out), and return the converted file.
fn convert(
    soffice: &Path,
    dir: &Dir,
    file: &str,
    to: &str,
    infilter: Option<&str>,
    out: &str,
) -> PathBuf {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let profile = std::env::temp_dir().join(format!("lo-{}-{n}", std::process::id()));
    let mut cmd = Command::new(soffice);
    cmd.arg(format!(
        "-env:UserInstallation=file://{}",
        profile.display()
    ))
    .args([
        "--headless",
        "--norestore",
        "--convert-to",
        to,
        "--outdir",
        out,
    ]);
    if let Some(f) = infilter {
        cmd.arg(format!("--infilter={f}"));
    }
    let mut child = cmd
        .arg(file)
        .current_dir(&dir.path)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start soffice");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for soffice") {
            break status;
        }
        if start.elapsed() > Duration::from_secs(180) {
            let _ = child.kill();
            let _ = std::fs::remove_dir_all(&profile);
            panic!("soffice took more than 180 s to convert {file}");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let _ = std::fs::remove_dir_all(&profile);
    let output = child.wait_with_output().expect("soffice output");
    let stem = Path::new(file)
        .file_stem()
        .expect("stem")
        .to_string_lossy()
        .into_owned();
    let ext = to.split(':').next().expect("extension");
    let converted = dir.path.join(out).join(format!("{stem}.{ext}"));
    assert!(
        status.success() && converted.exists(),
        "soffice --convert-to {to} {file} failed ({status})\n--- stdout\n{}\n--- stderr\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    converted
}

/// LibreOffice's CSV filter options: comma, double quote, UTF-8, from line 1.
const CSV_UTF8_IN: &str = "CSV:44,34,76,1";
/// Semicolon, double quote, Windows-1252 (LibreOffice's charset 1), from
/// line 1 / quote every text cell.
const CSV_1252_SEMICOLON: &str = "csv:Text - txt - csv (StarCalc):59,34,1,1";

fn corpus(dir: &Dir) {
    dir.write(
        "corpus/fr.txt",
        "Le président Vladimir Poutine a rencontré les chefs de la police de \
         Kalouga. Poutine a ensuite quitté la ville. L'État islamique a \
         revendiqué l'attaque.\n",
    );
    dir.write(
        "corpus/en.txt",
        "President Vladimir Putin met police chiefs in Kaluga. Putin then left \
         the city. The Islamic State claimed the attack.\n",
    );
}

const EMPTY: &str = "canonical,variant,lang,type,status,note\n";

/// The review sheet with decisions: Poutine rejected, the rest accepted,
/// Kaluga renamed `Kaluga Oblast`.
fn decide(sheet: &str) -> String {
    let text = sheet.strip_prefix('\u{feff}').expect("a BOM");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().expect("header").clone();
    let col = |n: &str| header.iter().position(|h| h == n).expect("column");
    let (decision, canonical, variant) = (col("decision"), col("canonical"), col("variant"));
    let mut writer = csv::Writer::from_writer(b"\xef\xbb\xbf".to_vec());
    writer.write_record(&header).expect("header");
    for record in reader.records() {
        let mut record: Vec<String> = record.expect("record").iter().map(str::to_string).collect();
        record[decision] = if record[variant] == "Poutine" {
            "non"
        } else {
            "oui"
        }
        .to_string();
        if record[canonical] == "Kaluga" {
            record[canonical] = "Kaluga Oblast".to_string();
        }
        writer.write_record(&record).expect("record");
    }
    String::from_utf8(writer.into_inner().expect("flush")).expect("utf-8")
}

/// Apply `sheet` to an empty curated glossary in a directory of its own
/// and return the glossary's (canonical, variant, status) rows.
fn apply(dir: &Dir, sheet: &Path) -> BTreeSet<(String, String, String)> {
    let glossary = dir.path.join(format!(
        "glossary-{}.csv",
        sheet.file_name().expect("name").to_string_lossy()
    ));
    std::fs::write(&glossary, EMPTY).expect("write");
    dir.ok(&[
        "review",
        &sheet.display().to_string(),
        "--glossary",
        &glossary.display().to_string(),
    ]);
    let text = std::fs::read_to_string(&glossary).expect("read glossary");
    csv_rows(&text)
        .into_iter()
        .map(|r| {
            (
                r["canonical"].clone(),
                r["variant"].clone(),
                r["status"].clone(),
            )
        })
        .collect()
}

#[test]
fn decisions_survive_libreoffice_as_xlsx_and_as_semicolon_windows_1252_csv() {
    let soffice = need_soffice!();
    let dir = Dir::new("libreoffice");
    corpus(&dir);
    dir.write("glossary/glossary.csv", EMPTY);
    dir.ok(&["build", "--corpus", "corpus", "--format", "both"]);
    dir.write("edited.csv", &decide(&dir.read("out/review.csv")));

    // CSV → xlsx, as a person opening the CSV in Calc and saving a workbook.
    let xlsx = convert(
        &soffice,
        &dir,
        "edited.csv",
        "xlsx",
        Some(CSV_UTF8_IN),
        "lo",
    );
    // xlsx → CSV with `;` and Windows-1252, as a French-locale save.
    let cp1252 = convert(
        &soffice,
        &dir,
        "lo/edited.xlsx",
        CSV_1252_SEMICOLON,
        None,
        "lo-csv",
    );
    let bytes = std::fs::read(&cp1252).expect("read");
    assert!(
        bytes.contains(&0xc9) && std::str::from_utf8(&bytes).is_err(),
        "É as the Windows-1252 byte C9, so not UTF-8"
    );
    let first_line = bytes.split(|&b| b == b'\n').next().expect("a line");
    assert!(
        first_line.contains(&b';') && !first_line.contains(&b','),
        "`;`-separated"
    );

    let want: BTreeSet<(String, String, String)> = [
        ("Islamic State", "Islamic State", "accepted"),
        ("Islamic State", "État islamique", "accepted"),
        ("Kaluga Oblast", "Kalouga", "accepted"),
        ("Kaluga Oblast", "Kaluga", "accepted"),
        ("Kaluga Oblast", "Kaluga Oblast", "accepted"),
        ("Vladimir Putin", "Poutine", "rejected"),
        ("Vladimir Putin", "Putin", "accepted"),
        ("Vladimir Putin", "Vladimir Poutine", "accepted"),
        ("Vladimir Putin", "Vladimir Putin", "accepted"),
    ]
    .into_iter()
    .map(|(c, v, s)| (c.to_string(), v.to_string(), s.to_string()))
    .collect();
    for sheet in [dir.path.join("edited.csv"), xlsx, cp1252] {
        assert_eq!(apply(&dir, &sheet), want, "{}", sheet.display());
    }

    // The workbook nomina writes opens in Calc; re-saved as xlsx and as CSV
    // it still reads (all rows undecided) and keeps the drop-down.
    let resaved = convert(
        &soffice,
        &dir,
        "out/review.xlsx",
        "xlsx",
        None,
        "lo-resaved",
    );
    let again = convert(
        &soffice,
        &dir,
        "out/review.xlsx",
        CSV_1252_SEMICOLON,
        None,
        "lo-resaved",
    );
    for sheet in [&resaved, &again] {
        let rows = review::read_rows(sheet).expect("read the re-saved sheet");
        assert_eq!(rows.len(), 5, "{}", sheet.display());
        assert!(rows.iter().all(|r| r.decision.is_none()));
    }
    let xml = util::sheet1_xml(&resaved);
    assert!(
        xml.contains("<dataValidation") && xml.contains("accept"),
        "drop-down kept"
    );
}

#[test]
fn formula_like_names_survive_libreoffice() {
    let soffice = need_soffice!();
    let dir = Dir::new("libreoffice-formulas");
    let names = [
        "@NSC_Spox",
        "=1+1",
        "-K",
        "+33 1 23",
        "'=x",
        "Œuvre d’Orient",
    ];
    let proposals: Vec<Proposal> = names
        .iter()
        .map(|n| Proposal {
            canonical: "NSC".into(),
            variant: n.to_string(),
            lang: Lang::En,
            kind: Kind::Name,
            count: 1,
            docs: vec!["a.txt".into()],
            score: 0.8,
            evidence: format!("={n}"),
            variant_context: format!("…[{n}]…"),
            canonical_context: "…[NSC]…".into(),
            cluster: "NSC".into(),
        })
        .collect();
    std::fs::write(
        dir.path.join("sheet.csv"),
        review::sheet_csv(&proposals).expect("csv"),
    )
    .expect("write");
    std::fs::write(
        dir.path.join("sheet.xlsx"),
        review::sheet_xlsx(&proposals).expect("xlsx"),
    )
    .expect("write");
    let from_csv = convert(&soffice, &dir, "sheet.csv", "xlsx", Some(CSV_UTF8_IN), "a");
    let from_xlsx = convert(&soffice, &dir, "sheet.xlsx", "xlsx", None, "b");
    let back_to_csv = convert(
        &soffice,
        &dir,
        "b/sheet.xlsx",
        CSV_1252_SEMICOLON,
        None,
        "c",
    );
    let mut want: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    want.sort();
    for sheet in [from_csv, from_xlsx, back_to_csv] {
        let mut got: Vec<String> = review::read_rows(&sheet)
            .expect("read back")
            .into_iter()
            .map(|r| r.variant)
            .collect();
        got.sort();
        assert_eq!(got, want, "{}", sheet.display());
    }
}
