//! Writing a review sheet and reading it back is the identity on the
//! names in it, whatever they hold: formula-like starts (`=`, `+`, `-`,
//! `@`, tab, CR), quotes, commas, semicolons, newlines, non-ASCII; as CSV
//! and as `.xlsx`.
//!
//! The reader trims white space around a cell (people type stray spaces)
//! and returns NFC, so the identity is stated for names that are NFC and
//! carry no white space at their ends, except a leading tab or CR, which
//! the formula protection keeps.

use nomina::extract::Kind;
use nomina::glossary::Decision;
use nomina::lang::Lang;
use nomina::review::{self, Proposal};
use proptest::prelude::*;
use std::path::PathBuf;

/// A file in the temp dir, unique to this process and call, removed on drop.
struct Temp(PathBuf);

impl Temp {
    fn new(ext: &str) -> Temp {
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Temp(std::env::temp_dir().join(format!("nomina-props-{}-{n}.{ext}", std::process::id())))
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn proposal(canonical: &str, variant: &str, other: &str) -> Proposal {
    Proposal {
        canonical: canonical.to_string(),
        variant: variant.to_string(),
        lang: Lang::Fr,
        kind: Kind::Name,
        count: 2,
        docs: vec![other.to_string(), "b.txt".to_string()],
        score: 0.8,
        evidence: other.to_string(),
        variant_context: other.to_string(),
        canonical_context: canonical.to_string(),
        cluster: canonical.to_string(),
    }
}

/// Names a spreadsheet would run as formulas or split, and plain ones.
fn name() -> impl Strategy<Value = String> {
    let prefix = prop_oneof![
        Just(""),
        Just("="),
        Just("+"),
        Just("-"),
        Just("@"),
        Just("\t"),
        Just("\r"),
        Just("'"),
        Just("''"),
        Just("'="),
        Just("\""),
        Just("_x0041_"),
    ];
    let body = prop_oneof!["[a-zA-Z0-9 ,;\"'\n\r\t=+@éÉœ’Ж中_-]{1,16}", any::<String>(),];
    (prefix, body).prop_map(|(p, b)| format!("{p}{}", b.trim()))
}

/// NFC, and no white space at the ends but a leading tab or CR.
fn normal(s: &str) -> bool {
    let inner = s.trim_start_matches(['\t', '\r']);
    !inner.is_empty() && inner.trim() == inner && nomina::normalize::nfc(s) == s
}

/// The CSV sheet with `accept` in every `decision` cell.
fn decided(csv_bytes: &[u8]) -> Vec<u8> {
    let text = std::str::from_utf8(csv_bytes).expect("utf-8");
    let text = text.strip_prefix('\u{feff}').expect("a BOM");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut writer = csv::Writer::from_writer(b"\xef\xbb\xbf".to_vec());
    for (i, record) in reader.records().enumerate() {
        let mut record: Vec<String> = record.expect("record").iter().map(str::to_string).collect();
        if i > 0 {
            record[0] = "accept".to_string();
        }
        writer.write_record(&record).expect("write");
    }
    writer.into_inner().expect("flush")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn csv_round_trip_is_the_identity(a in name(), b in name(), other in name()) {
        prop_assume!(normal(&a) && normal(&b) && normal(&other) && a != b);
        let proposals = vec![proposal(&a, &b, &other), proposal(&a, &other, &b)];
        let file = Temp::new("csv");
        std::fs::write(&file.0, review::sheet_csv(&proposals).expect("csv")).expect("write");
        let rows = review::read_rows(&file.0).expect("read back");
        prop_assert_eq!(rows.len(), 2);
        for r in &rows {
            prop_assert_eq!(&r.canonical, &a);
            prop_assert_eq!(r.cluster.as_deref(), Some(a.as_str()));
            prop_assert_eq!(r.decision, None);
        }
        let variants: Vec<&str> = rows.iter().map(|r| r.variant.as_str()).collect();
        prop_assert!(variants.contains(&b.as_str()), "{:?} not in {:?}", b, variants);
        // Decided, the rows pass the pair_id check with the same names.
        std::fs::write(&file.0, decided(&review::sheet_csv(&proposals).expect("csv")))
            .expect("write");
        let decisions = review::read_sheet(&file.0).expect("read decisions");
        prop_assert_eq!(decisions.len(), rows.len());
        for d in &decisions {
            prop_assert_eq!(d.decision, Decision::Accepted);
            prop_assert_eq!(&d.canonical, &a);
        }
    }

    #[test]
    fn xlsx_round_trip_is_the_identity(a in name(), b in name(), other in name()) {
        prop_assume!(normal(&a) && normal(&b));
        let proposals = vec![proposal(&a, &b, &other)];
        let file = Temp::new("xlsx");
        std::fs::write(&file.0, review::sheet_xlsx(&proposals).expect("xlsx")).expect("write");
        let rows = review::read_rows(&file.0).expect("read back");
        prop_assert_eq!(rows.len(), 1);
        prop_assert_eq!(&rows[0].canonical, &a);
        prop_assert_eq!(&rows[0].variant, &b);
        prop_assert_eq!(rows[0].cluster.as_deref(), Some(a.as_str()));
    }

    #[test]
    fn any_text_reads_back_without_error(a in any::<String>(), b in any::<String>()) {
        let proposals = vec![proposal(&a, &b, &a)];
        for (ext, bytes) in [
            ("csv", review::sheet_csv(&proposals).expect("csv")),
            ("xlsx", review::sheet_xlsx(&proposals).expect("xlsx")),
        ] {
            let file = Temp::new(ext);
            std::fs::write(&file.0, bytes).expect("write");
            let rows = review::read_rows(&file.0).expect("read back");
            // A row whose cells are all blank is a blank row.
            prop_assert!(rows.len() <= 1);
        }
    }
}

#[test]
fn formula_like_names_survive_both_formats() {
    let names = [
        "@NSC_Spox",
        "=x",
        "-K",
        "+33",
        "\tx",
        "\r=1",
        "'=x",
        "''",
        "a,b;c\n\"d\"",
    ];
    let proposals: Vec<Proposal> = names.iter().map(|n| proposal("C", n, "o")).collect();
    for (ext, bytes) in [
        ("csv", review::sheet_csv(&proposals).expect("csv")),
        ("xlsx", review::sheet_xlsx(&proposals).expect("xlsx")),
    ] {
        let file = Temp::new(ext);
        std::fs::write(&file.0, bytes).expect("write");
        let mut got: Vec<String> = review::read_rows(&file.0)
            .expect("read back")
            .into_iter()
            .map(|r| r.variant)
            .collect();
        got.sort();
        let mut want: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        want.sort();
        assert_eq!(got, want, "{ext}");
    }
}
