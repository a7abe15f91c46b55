//! Decisions that persist: conflicts with the curated glossary are refused
//! with both rows named, a rejection forbids the merge and every merge that
//! would imply it on the next `build`, `--dry-run` writes nothing, and
//! `--undo` restores the previous glossary.

mod util;

use std::collections::{BTreeMap, BTreeSet};
use util::{Dir, csv_rows};

const HEADER: &str = "decision,canonical,variant,lang,type,cluster\n";

#[test]
fn accepting_a_pair_the_glossary_rejected_is_a_conflict_naming_both_rows() {
    let dir = Dir::new("conflict-accept");
    let curated = "canonical,variant,lang,type,status,note\n\
                   Kaluga,Kaluga,en,name,accepted,\n\
                   Kaluga,Kalouga,fr,name,rejected,not the same oblast\n";
    dir.write("glossary/glossary.csv", curated);
    dir.write(
        "sheet.csv",
        &format!(
            "{HEADER}accept,Astana,Astana,en,name,Astana\n\
             oui,Kaluga,Kalouga,fr,name,Kaluga\n"
        ),
    );
    let err = dir.fails(&["review", "sheet.csv"]);
    assert!(err.contains("sheet.csv:3:"), "the sheet's row: {err}");
    assert!(
        err.contains("glossary/glossary.csv line 3"),
        "the glossary's row: {err}"
    );
    assert!(
        err.contains("\"Kalouga\" → \"Kaluga\" is accepted here but rejected"),
        "{err}"
    );
    assert_eq!(
        dir.read("glossary/glossary.csv"),
        curated,
        "nothing applied"
    );
    assert!(!dir.path.join("glossary/.history").exists());
}

#[test]
fn rejecting_a_pair_the_glossary_accepted_is_a_conflict_naming_both_rows() {
    let dir = Dir::new("conflict-reject");
    let curated = "canonical,variant,lang,type,status,note\n\
                   Kaluga,Kaluga,en,name,accepted,\n\
                   Kaluga,Kalouga,fr,name,accepted,\n";
    dir.write("glossary/glossary.csv", curated);
    dir.write(
        "sheet.csv",
        &format!("{HEADER}non,Kaluga,Kalouga,fr,name,Kaluga\n"),
    );
    let err = dir.fails(&["review", "sheet.csv"]);
    assert!(err.contains("sheet.csv:2:"), "{err}");
    assert!(
        err.contains("is rejected here but accepted in glossary/glossary.csv line 3"),
        "{err}"
    );
    assert_eq!(dir.read("glossary/glossary.csv"), curated);
}

#[test]
fn two_rows_of_one_sheet_that_disagree_are_a_conflict_naming_both() {
    let dir = Dir::new("conflict-sheet");
    let curated = "canonical,variant,lang,type,status,note\n";
    dir.write("glossary/glossary.csv", curated);
    dir.write(
        "sheet.csv",
        &format!(
            "{HEADER}accept,Kaluga,Kalouga,fr,name,Kaluga\n\
             accept,Astana,Astana,en,name,Astana\n\
             reject,Kaluga,Kalouga,fr,name,Kaluga\n"
        ),
    );
    let err = dir.fails(&["review", "sheet.csv"]);
    assert!(err.contains("sheet.csv:4:"), "{err}");
    assert!(
        err.contains("is accepted on line 2 and rejected here"),
        "{err}"
    );
    assert_eq!(dir.read("glossary/glossary.csv"), curated);
}

/// A corpus where `Poutine` joins `Vladimir Putin` only through
/// `Vladimir Poutine`.
fn putin_corpus(dir: &Dir) {
    dir.write(
        "corpus/fr.txt",
        "Le président Vladimir Poutine a rencontré les chefs de la police de \
         Kalouga. Poutine a ensuite quitté la ville.\n",
    );
    dir.write(
        "corpus/en.txt",
        "President Vladimir Putin met police chiefs in Kaluga. Putin then left \
         the city.\n",
    );
    dir.write(
        "glossary/glossary.csv",
        "canonical,variant,lang,type,status,note\n",
    );
}

fn build(dir: &Dir) -> (Vec<BTreeMap<String, String>>, BTreeMap<String, String>) {
    dir.ok(&[
        "build",
        "--corpus",
        "corpus",
        "--glossary",
        "glossary/glossary.csv",
        "--out",
        "out",
    ]);
    let review = csv_rows(&dir.read("out/review.csv"));
    let table = csv_rows(&dir.read("out/glossary.csv"))
        .into_iter()
        .map(|r| (r["variant"].clone(), r["canonical"].clone()))
        .collect();
    (review, table)
}

#[test]
fn a_rejection_forbids_the_merge_and_every_merge_that_would_imply_it() {
    let dir = Dir::new("reject-implied");
    putin_corpus(&dir);
    let (review, table) = build(&dir);
    let proposed: BTreeSet<(String, String)> = review
        .iter()
        .map(|r| (r["canonical"].clone(), r["variant"].clone()))
        .collect();
    for v in ["Poutine", "Putin", "Vladimir Poutine"] {
        assert!(
            proposed.contains(&("Vladimir Putin".into(), v.into())),
            "{v} proposed under Vladimir Putin: {proposed:?}"
        );
    }
    assert_eq!(table["Poutine"], "Vladimir Putin");
    // The reviewer rejects Poutine → Vladimir Putin and decides nothing else.
    let text = dir.read("out/review.csv");
    let edited: String = text
        .lines()
        .map(|l| {
            if l.starts_with(",Vladimir Putin,Poutine,") {
                format!("reject{l}\n")
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    assert_ne!(edited, text);
    dir.write("edited.csv", &edited);
    dir.ok(&["review", "edited.csv"]);
    let (review, table) = build(&dir);
    // Poutine is neither proposed under Vladimir Putin again, nor joined to
    // it through Vladimir Poutine (which would imply the rejected merge).
    let cluster = &table["Vladimir Putin"];
    assert_ne!(&table["Poutine"], cluster, "{table:?}");
    assert!(
        review
            .iter()
            .all(|r| r["variant"] != "Poutine" || r["canonical"] != *cluster),
        "{review:?}"
    );
    // Nor through Vladimir Poutine, whose own proposal is still there: the
    // undecided rest is proposed again.
    assert_eq!(table["Vladimir Poutine"], *cluster, "{table:?}");
    assert!(
        review
            .iter()
            .any(|r| r["variant"] == "Vladimir Poutine" && r["canonical"] == *cluster),
        "{review:?}"
    );
}

#[test]
fn dry_run_shows_the_changes_and_writes_nothing() {
    let dir = Dir::new("dry-run");
    let curated = "canonical,variant,lang,type,status,note\n\
                   Kaluga,Kaluga,en,name,accepted,\n";
    dir.write("glossary/glossary.csv", curated);
    dir.write(
        "sheet.csv",
        &format!(
            "{HEADER}oui,Kaluga (oblast),Kalouga,fr,name,Kaluga\n\
             non,ISKP,EI-K,fr,acronym,ISKP\n"
        ),
    );
    let out = dir.ok(&["review", "--dry-run", "sheet.csv"]);
    for line in [
        "would apply 2 decisions: 1 accepted, 1 rejected, 0 unsure",
        "renamed       \"Kaluga\" → \"Kaluga (oblast)\"",
        "- Kaluga | Kaluga | accepted",
        "+ Kaluga (oblast) | Kalouga | accepted",
        "+ Kaluga (oblast) | Kaluga | accepted",
        "+ ISKP | EI-K | rejected",
        "dry run: glossary/glossary.csv not written",
    ] {
        assert!(out.contains(line), "expected {line:?} in\n{out}");
    }
    assert_eq!(dir.read("glossary/glossary.csv"), curated);
    assert!(!dir.path.join("glossary/.history").exists());
}

#[test]
fn undo_restores_the_previous_glossary_one_review_at_a_time() {
    let dir = Dir::new("undo");
    let v0 = "canonical,variant,lang,type,status,note\n\
              Kaluga,Kaluga,en,name,accepted,\n";
    dir.write("glossary/glossary.csv", v0);
    dir.write(
        "one.csv",
        &format!("{HEADER}oui,Kaluga,Kalouga,fr,name,Kaluga\n"),
    );
    dir.write(
        "two.csv",
        &format!("{HEADER}non,ISKP,EI-K,fr,acronym,ISKP\n"),
    );
    dir.ok(&["review", "one.csv"]);
    let v1 = dir.read("glossary/glossary.csv");
    assert!(v1.contains("Kaluga,Kalouga,fr,name,accepted"), "{v1}");
    dir.ok(&["review", "two.csv"]);
    let v2 = dir.read("glossary/glossary.csv");
    assert!(v2.contains("ISKP,EI-K,fr,acronym,rejected"), "{v2}");
    let out = dir.ok(&["review", "--undo"]);
    assert!(out.contains("restored glossary/glossary.csv from"), "{out}");
    assert_eq!(dir.read("glossary/glossary.csv"), v1);
    dir.ok(&["review", "--undo"]);
    assert_eq!(dir.read("glossary/glossary.csv"), v0);
    let err = dir.fails(&["review", "--undo"]);
    assert!(err.contains("no earlier version to restore"), "{err}");
    assert_eq!(dir.read("glossary/glossary.csv"), v0);
}
