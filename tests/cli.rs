//! The binary, driven as a user would: on the seeds and on small fixtures.

mod util;

use util::{Dir, canonical_of, csv_rows};

fn same_entity(map: &std::collections::BTreeMap<String, String>, a: &str, b: &str) -> bool {
    let (ca, cb) = (map.get(a), map.get(b));
    assert!(ca.is_some(), "{a:?} is not in the glossary table");
    assert!(cb.is_some(), "{b:?} is not in the glossary table");
    ca == cb
}

#[test]
fn build_on_the_seeds_writes_every_output() {
    let dir = Dir::new("build").with_seeds();
    let stdout = dir.ok(&["build"]);
    assert!(stdout.contains("documents     5"), "summary: {stdout}");
    for line in [
        "mentions",
        "candidates",
        "clusters",
        "proposed",
        "replacements",
        "out/glossary.csv",
        "out/review.csv",
    ] {
        assert!(stdout.contains(line), "summary lacks {line:?}: {stdout}");
    }
    let glossary = dir.read("out/glossary.csv");
    assert!(glossary.starts_with("canonical,variant,lang,type,count,docs,status,score,evidence\n"));
    let review = dir.read("out/review.csv");
    assert!(
        review.starts_with(
            "\u{feff}decision,canonical,variant,lang,count,docs,score,evidence,context"
        )
    );
    for f in std::fs::read_dir(dir.path.join("seeds")).expect("seeds") {
        let name = f.expect("entry").file_name();
        assert!(
            dir.path.join("out/canonical").join(&name).exists(),
            "no canonical copy of {name:?}"
        );
    }
    // Every variant of one entity carries one canonical, which has its own row.
    let rows = csv_rows(&glossary);
    let canonicals: std::collections::BTreeSet<&str> =
        rows.iter().map(|r| r["canonical"].as_str()).collect();
    for c in canonicals {
        assert!(
            rows.iter()
                .any(|r| r["variant"] == c && r["canonical"] == c),
            "canonical {c:?} has no row of its own"
        );
    }
}

#[test]
fn discovery_without_the_curated_glossary() {
    let dir = Dir::new("discovery").with_seeds();
    let map = canonical_of(&dir.ok(&["align", "seeds", "--no-glossary"]));
    for (a, b) in [
        ("Kalouga", "Kaluga"),
        ("Poutine", "Putin"),
        ("Vladimir Poutine", "Vladimir Putin"),
        ("Daesh", "Daech"),
        ("Kirghizistan", "Kirghizstan"),
        ("Tadjikistan", "Tajikistan"),
        ("Ouzbékistan", "Uzbekistan"),
        ("EI-K", "État Islamique au Khorassan"),
        ("ISKP", "province du Khorasan de l'État islamique"),
        ("OTSC", "Organisation du traité de sécurité collective"),
        ("MIO", "Mouvement Islamiste d'Ouzbékistan"),
    ] {
        assert!(
            same_entity(&map, a, b),
            "{a:?} and {b:?} should be one entity (curated glossary off)"
        );
    }
    for (a, b) in [
        ("Karimov", "Gulmurod Khalimov"),
        ("Islam Karimov", "Gulmurod Khalimov"),
        ("Iran", "Irak"),
        ("Kazakhstan", "Kirghizistan"),
    ] {
        assert!(!same_entity(&map, a, b), "{a:?} and {b:?} must stay apart");
    }
}

#[test]
fn hard_negatives_from_a_bare_list_stay_apart() {
    let dir = Dir::new("negatives");
    dir.write(
        "names.csv",
        "surface,lang\nKarimov,fr\nKhalimov,en\nIran,fr\nIrak,fr\nSamara,en\nSamarra,en\nNiger,fr\nNigeria,en\nKazakhstan,fr\nKirghizistan,fr\nAutriche,fr\nAustralie,fr\nKalouga,fr\nKaluga,en\n",
    );
    let map = canonical_of(&dir.ok(&["align", "--candidates", "names.csv", "--no-glossary"]));
    for (a, b) in [
        ("Karimov", "Khalimov"),
        ("Iran", "Irak"),
        ("Samara", "Samarra"),
        ("Niger", "Nigeria"),
        ("Kazakhstan", "Kirghizistan"),
        ("Autriche", "Australie"),
    ] {
        assert!(!same_entity(&map, a, b), "{a:?} and {b:?} must stay apart");
    }
    assert!(same_entity(&map, "Kalouga", "Kaluga"));
}

#[test]
fn the_curated_glossary_joins_the_khorasan_branch() {
    let dir = Dir::new("curated").with_seeds();
    let map = canonical_of(&dir.ok(&["align", "seeds"]));
    for v in ["EI-K", "ISKP", "ISIS-K", "OEI-K"] {
        assert_eq!(
            map.get(v).map(String::as_str),
            Some("ISKP"),
            "{v} under the curated glossary"
        );
    }
    let table = csv_rows(&dir.ok(&["align", "seeds"]));
    let iskp = table
        .iter()
        .find(|r| r["variant"] == "ISIS-K")
        .expect("ISIS-K row");
    assert_eq!(iskp["status"], "curated");
}

#[test]
fn canonical_copies_keep_elision_and_word_boundaries_and_are_idempotent() {
    let dir = Dir::new("canon");
    dir.write(
        "g.csv",
        "canonical,variant,status\nISKP,EI-K,curated\nIslamic State,EI,curated\nUzbekistan,Ouzbékistan,curated\nIran,Iran,single\nKaluga,Kalouga,proposed\nX,Y,rejected\n",
    );
    let text =
        "Selon l’EI-K et l'EI, d’Ouzbékistan, les Ouzbékistanais, l'Iranien et Kalouga. Y reste.\n";
    dir.write("in/a.txt", text);
    dir.ok(&["canonicalize", "in", "--glossary", "g.csv", "--out", "once"]);
    let once = dir.read("once/a.txt");
    assert_eq!(
        once,
        "Selon l’ISKP et l'Islamic State, d’Uzbekistan, les Ouzbékistanais, l'Iranien et Kaluga. Y reste.\n"
    );
    dir.ok(&[
        "canonicalize",
        "once",
        "--glossary",
        "g.csv",
        "--out",
        "twice",
    ]);
    assert_eq!(
        dir.read("twice/a.txt"),
        once,
        "canonicalising a canonical copy changed it"
    );
    assert_eq!(dir.read("in/a.txt"), text, "the input was modified");
}

#[test]
fn canonicalize_reads_standard_input() {
    let dir = Dir::new("stdin");
    dir.write(
        "g.csv",
        "canonical,variant,status\nKaluga,Kalouga,proposed\n",
    );
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_nomina"))
        .args(["canonicalize", "-", "--glossary", "g.csv"])
        .current_dir(&dir.path)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    use std::io::Write;
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all("région de Kalouga.".as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), "région de Kaluga.");
}

#[test]
fn seeds_canonical_copies_are_idempotent_and_canonicalize_makes_the_same() {
    let dir = Dir::new("seedcanon").with_seeds();
    dir.ok(&["build"]);
    let canonicalize = |input: &str, out: &str| {
        dir.ok(&[
            "canonicalize",
            input,
            "--glossary",
            "out/glossary.csv",
            "--out",
            out,
        ])
    };
    canonicalize("out/canonical", "again");
    // New articles are canonicalised with the glossary `build` wrote: the
    // seeds themselves must come out as `build` wrote them.
    canonicalize("seeds", "fresh");
    for f in std::fs::read_dir(dir.path.join("out/canonical")).expect("dir") {
        let name = f.expect("entry").file_name().to_string_lossy().into_owned();
        let built = dir.read(&format!("out/canonical/{name}"));
        assert_eq!(dir.read(&format!("again/{name}")), built, "{name}");
        assert_eq!(dir.read(&format!("fresh/{name}")), built, "{name}");
    }
}

/// Two articles, one French (`Kalouga`), one English (`Kaluga`), and an
/// empty curated glossary.
fn kaluga_corpus(dir: &Dir) {
    dir.write(
        "corpus/fr.txt",
        "La police de la région de Kalouga a confirmé l'attaque dans la ville.\n",
    );
    dir.write(
        "corpus/en.txt",
        "The police of the Kaluga region said the attack was over.\n",
    );
    dir.write(
        "glossary/glossary.csv",
        "canonical,variant,lang,type,status,note\n",
    );
}

#[test]
fn review_round_trip_accept_rename_then_nothing_left_to_propose() {
    let dir = Dir::new("review");
    kaluga_corpus(&dir);
    dir.ok(&["build", "--corpus", "corpus"]);
    let review = dir.read("out/review.csv");
    let rows = csv_rows(&review);
    assert_eq!(rows.len(), 1, "one proposal expected: {review}");
    assert_eq!(
        (rows[0]["canonical"].as_str(), rows[0]["variant"].as_str()),
        ("Kaluga", "Kalouga")
    );
    assert!(
        rows[0]["evidence"].contains("fr:ou=u"),
        "evidence names the rule: {}",
        rows[0]["evidence"]
    );
    assert!(rows[0]["context"].contains("[Kalouga]") && rows[0]["context"].contains("[Kaluga]"));
    // The reviewer accepts and renames the entity.
    let edited = review
        .replacen(",Kaluga,Kalouga,", ",Kaluga (oblast),Kalouga,", 1)
        .replacen("\n,", "\naccept,", 1);
    dir.write("edited.csv", &edited);
    dir.ok(&["review", "edited.csv"]);
    let curated = csv_rows(&dir.read("glossary/glossary.csv"));
    for variant in ["Kalouga", "Kaluga", "Kaluga (oblast)"] {
        assert!(
            curated.iter().any(|r| r["canonical"] == "Kaluga (oblast)"
                && r["variant"] == variant
                && r["status"] == "accepted"),
            "{variant} accepted under the new name: {curated:?}"
        );
    }
    let second = dir.ok(&["build", "--corpus", "corpus"]);
    assert!(second.contains("proposed      0 merges"), "{second}");
    assert_eq!(
        dir.read("out/canonical/fr.txt"),
        "La police de la région de Kaluga (oblast) a confirmé l'attaque dans la ville.\n"
    );
}

#[test]
fn a_rejected_pair_is_never_proposed_again() {
    let dir = Dir::new("reject");
    kaluga_corpus(&dir);
    std::fs::remove_file(dir.path.join("glossary/glossary.csv")).expect("remove glossary");
    let first = dir.ok(&["build", "--corpus", "corpus"]);
    assert!(
        first.contains("curated       none (glossary/glossary.csv does not exist yet)"),
        "{first}"
    );
    let edited = dir.read("out/review.csv").replacen("\n,", "\nnon,", 1);
    dir.write("edited.csv", &edited);
    dir.ok(&["review", "edited.csv"]);
    // Documents may be named like in every other command, without `--corpus`.
    let second = dir.ok(&["build", "corpus"]);
    assert!(second.contains("proposed      0 merges"), "{second}");
    assert!(
        second.contains("curated       glossary/glossary.csv"),
        "{second}"
    );
    let map = canonical_of(&dir.read("out/glossary.csv"));
    assert_ne!(map["Kalouga"], map["Kaluga"]);
}

#[test]
fn bad_input_exits_2_with_the_file_named_and_writes_nothing() {
    let dir = Dir::new("bad");
    let out = dir.run(&["build", "--corpus", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("nope: no such file or directory"), "{err}");
    assert!(!dir.path.join("out").exists(), "something was written");

    std::fs::create_dir_all(dir.path.join("empty")).expect("mkdir");
    let out = dir.run(&["build", "--corpus", "empty", "--no-glossary"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("empty: folder holds no .txt or .md document")
    );

    std::fs::create_dir_all(dir.path.join("latin1")).expect("mkdir");
    std::fs::write(
        dir.path.join("latin1/a.txt"),
        b"ligne un\nr\xe9gion de Kalouga\n",
    )
    .expect("write");
    let out = dir.run(&["build", "--corpus", "latin1", "--no-glossary"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("latin1/a.txt:2:2: not valid UTF-8"), "{err}");
    assert!(!dir.path.join("out").exists(), "something was written");

    dir.write("corpus/a.txt", "Kalouga.\n");
    dir.write(
        "bad.csv",
        "canonical,variant,lang,type,status,note\nKaluga,Kalouga,fr,name,maybe,\n",
    );
    let out = dir.run(&["build", "--corpus", "corpus", "--glossary", "bad.csv"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.csv:2: status \"maybe\""), "{err}");
    assert!(!dir.path.join("out").exists(), "something was written");
}

#[test]
fn outputs_do_not_depend_on_thread_count_and_inputs_are_untouched() {
    let dir = Dir::new("threads").with_seeds();
    let before: Vec<(String, String)> = std::fs::read_dir(dir.path.join("seeds"))
        .expect("dir")
        .map(|e| {
            let p = e.expect("entry").path();
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).expect("read"),
            )
        })
        .collect();
    dir.ok(&["--threads", "1", "build", "--out", "one"]);
    dir.ok(&["--threads", "2", "build", "--out", "two"]);
    for f in ["glossary.csv", "review.csv"] {
        assert_eq!(
            dir.read(&format!("one/{f}")),
            dir.read(&format!("two/{f}")),
            "{f} differs between 1 and 2 threads"
        );
    }
    for (path, text) in before {
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            text,
            "{path} was modified"
        );
        let name = std::path::Path::new(&path)
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        assert_eq!(
            dir.read(&format!("one/canonical/{name}")),
            dir.read(&format!("two/canonical/{name}"))
        );
    }
}

#[test]
fn eval_reports_the_figures() {
    let dir = Dir::new("eval").with_seeds();
    std::fs::copy(
        util::root().join("tests/fixtures/seeds_gold.csv"),
        dir.path.join("gold.csv"),
    )
    .expect("copy");
    let out = dir.ok(&["eval", "--gold", "gold.csv", "seeds", "--no-glossary"]);
    let figure = |name: &str| -> f64 {
        let line = out
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("no {name} in {out}"));
        line.split_whitespace()
            .last()
            .and_then(|v| v.trim_end_matches(')').parse().ok())
            .expect("number")
    };
    assert!(figure("covered") >= 0.9, "{out}");
    assert!(figure("f1") >= 0.8, "{out}");
    assert!(figure("precision") >= 0.95, "{out}");
}

#[test]
fn canonicalize_takes_a_list_made_by_hand_and_refuses_an_unknown_status() {
    let dir = Dir::new("hand-made");
    kaluga_corpus(&dir);
    dir.write("hand.csv", "canonical,variant\nKaluga,Kalouga\n");
    let out = dir.ok(&[
        "canonicalize",
        "corpus",
        "--glossary",
        "hand.csv",
        "--out",
        "c",
    ]);
    assert!(out.contains("1 replacements"), "{out}");
    assert!(dir.read("c/fr.txt").contains("Kaluga"));
    dir.write(
        "typo.csv",
        "canonical,variant,status\nKaluga,Kalouga,acepted\n",
    );
    let err = dir.fails(&[
        "canonicalize",
        "corpus",
        "--glossary",
        "typo.csv",
        "--out",
        "d",
    ]);
    assert!(
        err.contains("typo.csv:2: status \"acepted\" is none of"),
        "{err}"
    );
    assert!(!dir.path.join("d").exists());
    // One entity per variant.
    dir.write(
        "two.csv",
        "canonical,variant\nKaluga,Kalouga\nKaluga Oblast,Kalouga\n",
    );
    let err = dir.fails(&[
        "canonicalize",
        "corpus",
        "--glossary",
        "two.csv",
        "--out",
        "e",
    ]);
    assert!(
        err.contains("two.csv:3: \"Kalouga\" maps to \"Kaluga\" (line 2)"),
        "{err}"
    );
    // Standard input is read alone.
    let err = dir.fails(&["canonicalize", "-", "corpus", "--glossary", "hand.csv"]);
    assert!(err.contains("`-` (standard input) is read alone"), "{err}");
}

#[test]
fn a_variant_never_names_two_entities() {
    let dir = Dir::new("two-entities");
    dir.write(
        "corpus/fr.txt",
        "La délégation est arrivée à Moscou hier.\n",
    );
    dir.write("corpus/en.txt", "The delegation reached Moscow today.\n");
    let curated = "canonical,variant,lang,type,status,note\n\
                   Kaluga (oblast),Kaluga,,name,accepted,\n\
                   Kaluga (oblast),Kalouga,fr,name,accepted,\n";
    dir.write("glossary/glossary.csv", curated);
    dir.ok(&["build", "corpus"]);
    let review = dir.read("out/review.csv");
    assert!(review.contains(",Moscow,Moscou,"), "{review}");
    // The reviewer renames the Moscow entity `Kaluga`, a name of another.
    dir.write(
        "r.csv",
        &review.replacen("\n,Moscow,Moscou,", "\naccept,Kaluga,Moscou,", 1),
    );
    let err = dir.fails(&["review", "r.csv"]);
    assert!(err.contains("a name of both"), "{err}");
    assert_eq!(dir.read("glossary/glossary.csv"), curated);
    // A glossary edited by hand the same way is refused, the line named.
    dir.write(
        "glossary/glossary.csv",
        &format!("{curated}Kaluga,Kaluga,,name,accepted,\n"),
    );
    let err = dir.fails(&["build", "corpus"]);
    assert!(
        err.contains("glossary/glossary.csv:4: \"Kaluga\" is accepted under"),
        "{err}"
    );
}

#[test]
fn a_document_removed_from_the_corpus_loses_its_copy_and_nothing_else() {
    let dir = Dir::new("stale");
    kaluga_corpus(&dir);
    dir.ok(&["build", "corpus"]);
    dir.write("out/canonical/notes.txt", "mine\n");
    std::fs::remove_file(dir.path.join("corpus/en.txt")).expect("remove");
    let out = dir.ok(&["build", "corpus"]);
    assert!(
        out.contains("removed       1 copies of documents no longer in the corpus"),
        "{out}"
    );
    assert!(!dir.path.join("out/canonical/en.txt").exists());
    assert!(dir.path.join("out/canonical/fr.txt").exists());
    assert_eq!(dir.read("out/canonical/notes.txt"), "mine\n");
    // A list edited to name a file outside the folder removes nothing.
    dir.write("precious.txt", "keep\n");
    dir.write(
        "out/.canonical-written.json",
        "[\"../../precious.txt\",\"fr.txt\"]",
    );
    let out = dir.ok(&["build", "corpus"]);
    assert!(!out.contains("removed"), "{out}");
    assert_eq!(dir.read("precious.txt"), "keep\n");
}

#[test]
fn no_output_is_written_over_an_input() {
    let dir = Dir::new("no-overwrite");
    kaluga_corpus(&dir);
    dir.write("in.jsonl", "{\"text\":\"à Kalouga\"}\n");
    let g = "glossary/glossary.csv";
    let runs: [&[&str]; 10] = [
        &["align", "corpus", "-o", "corpus/fr.txt"],
        &["canonicalize", "corpus", "--glossary", g, "--out", "corpus"],
        &["extract", "corpus", "-o", "corpus/new/notes.md"],
        &["extract", "corpus", "-o", "corpus/new.md"],
        &["align", "corpus", "-o", g],
        &[
            "canonicalize",
            "corpus",
            "--glossary",
            g,
            "--out",
            "c",
            "--log",
            g,
        ],
        &[
            "canonicalize",
            "corpus",
            "--glossary",
            g,
            "--out",
            "c",
            "--new-variants",
            "corpus/en.txt",
        ],
        &["glossary", "export", "--glossary", g, "-o", g],
        &[
            "canonicalize",
            "--jsonl",
            "in.jsonl",
            "--glossary",
            g,
            "--out",
            "in.jsonl",
        ],
        &["build", "corpus", "--out", "glossary"],
    ];
    let inputs = || -> Vec<String> {
        ["corpus/fr.txt", "corpus/en.txt", g, "in.jsonl"]
            .iter()
            .map(|f| dir.read(f))
            .collect()
    };
    let before = inputs();
    for args in runs {
        let err = dir.fails(args);
        assert!(err.contains("choose another output"), "{args:?}: {err}");
    }
    assert_eq!(before, inputs());
    assert!(!dir.path.join("corpus/new.md").exists());
    assert!(!dir.path.join("corpus/new").exists());
    // Two outputs on one path.
    let err = dir.fails(&[
        "canonicalize",
        "--jsonl",
        "in.jsonl",
        "--glossary",
        g,
        "--out",
        "o.jsonl",
        "--log",
        "o.jsonl",
    ]);
    assert!(err.contains("o.jsonl: named for two outputs"), "{err}");
    // A JSON Lines output is written whole at the end: a bad line or a dry
    // run leaves the file as it was.
    dir.write("keep.jsonl", "keep\n");
    dir.write("bad.jsonl", "{\"text\":\"à Kalouga\"}\nnot json\n");
    for input in ["bad.jsonl", "in.jsonl"] {
        let mut args = vec!["canonicalize", "--jsonl", input, "--glossary", g];
        args.extend(["--out", "keep.jsonl"]);
        if input == "in.jsonl" {
            args.push("--dry-run");
        }
        let code = dir.run(&args).status.code();
        assert_eq!(
            code,
            Some(if input == "bad.jsonl" { 2 } else { 0 }),
            "{args:?}"
        );
        assert_eq!(dir.read("keep.jsonl"), "keep\n", "{args:?}");
    }
}

#[test]
fn a_gold_file_or_score_that_cannot_be_used_is_a_usage_error() {
    let dir = Dir::new("eval-bad").with_seeds();
    let refused = |args: &[&str], says: &str| {
        let err = dir.fails(args);
        assert!(err.contains(says), "{args:?}: {err}");
    };
    dir.write("empty.csv", "entity_id,surface\n");
    refused(
        &["eval", "--gold", "empty.csv", "seeds"],
        "empty.csv: the gold file lists no surface",
    );
    dir.write("noid.csv", "entity_id,surface\nkaluga,Kaluga\n,Kalouga\n");
    refused(
        &["eval", "--gold", "noid.csv", "seeds"],
        "noid.csv:3: surface \"Kalouga\" has no entity_id",
    );
    for bad in ["-1", "2", "NaN", "inf"] {
        let arg = format!("--threshold={bad}");
        refused(&["align", "seeds", &arg], "a score is a number from 0 to 1");
        refused(&["build", &arg], "a score is a number from 0 to 1");
    }
    assert!(!dir.path.join("out").exists(), "something was written");
}

#[test]
fn help_documents_exit_codes() {
    let dir = Dir::new("help");
    let out = dir.ok(&["--help"]);
    assert!(out.contains("Exit codes"));
    for cmd in [
        "build",
        "extract",
        "align",
        "review",
        "canonicalize",
        "eval",
    ] {
        assert!(out.contains(cmd), "{cmd} missing from --help");
    }
}

#[test]
fn the_audit_log_points_at_the_right_bytes_in_both_files() {
    let dir = Dir::new("log").with_seeds();
    dir.ok(&["build"]);
    dir.ok(&[
        "canonicalize",
        "seeds",
        "--glossary",
        "out/glossary.csv",
        "--out",
        "copies",
        "--log",
        "log.jsonl",
    ]);
    let log = dir.read("log.jsonl");
    let mut n = 0;
    for line in log.lines() {
        let r: serde_json::Value = serde_json::from_str(line).expect("json record");
        let doc = r["document"].as_str().expect("document");
        let original = std::fs::read(dir.path.join("seeds").join(doc)).expect("original");
        let copy = std::fs::read(dir.path.join("copies").join(doc)).expect("copy");
        let at = |k: &str| r[k].as_u64().expect("offset") as usize;
        assert_eq!(
            &original[at("start")..at("end")],
            r["original"].as_str().expect("original").as_bytes(),
            "{line}"
        );
        assert_eq!(
            &copy[at("out_start")..at("out_end")],
            r["canonical"].as_str().expect("canonical").as_bytes(),
            "{line}"
        );
        assert!(r["glossary_line"].as_u64().expect("line") > 1);
        n += 1;
    }
    assert!(n > 100, "only {n} records");
    // The CSV form carries the same records.
    dir.ok(&[
        "canonicalize",
        "seeds",
        "--glossary",
        "out/glossary.csv",
        "--out",
        "copies2",
        "--log",
        "log.csv",
    ]);
    assert_eq!(csv_rows(&dir.read("log.csv")).len(), n);
}

#[test]
fn new_variants_are_listed_for_review_and_never_replaced_silently() {
    let dir = Dir::new("newvar");
    dir.write("g.csv", "canonical,variant,lang,type,status\nEmomali Rakhmon,Emomali Rakhmon,en,name,curated\nTashkent,Tachkent,fr,name,curated\n");
    dir.write(
        "in/a.txt",
        "Le président Emomali Rahmon est arrivé à Tashkent.\n",
    );
    dir.ok(&["canonicalize", "in", "--glossary", "g.csv", "--out", "out"]);
    assert_eq!(
        dir.read("out/a.txt"),
        "Le président Emomali Rahmon est arrivé à Tashkent.\n",
        "unknown names replaced"
    );
    let sheet = csv_rows(&dir.read("out/new-variants.csv"));
    let pairs: Vec<(&str, &str)> = sheet
        .iter()
        .map(|r| (r["canonical"].as_str(), r["variant"].as_str()))
        .collect();
    assert!(
        pairs.contains(&("Emomali Rakhmon", "Emomali Rahmon")),
        "{pairs:?}"
    );
    // A canonical form the glossary knows is no new variant.
    assert!(!pairs.iter().any(|p| p.1 == "Tashkent"), "{pairs:?}");
    // --apply-new replaces those above the score.
    dir.ok(&[
        "canonicalize",
        "in",
        "--glossary",
        "g.csv",
        "--out",
        "out2",
        "--apply-new",
        "0.9",
    ]);
    assert_eq!(
        dir.read("out2/a.txt"),
        "Le président Emomali Rakhmon est arrivé à Tashkent.\n"
    );
    // The sheet is a review sheet: accepting its rows updates the curated glossary.
    let edited = dir.read("out/new-variants.csv").replace("\n,", "\naccept,");
    dir.write("accepted.csv", &edited);
    dir.write(
        "glossary/glossary.csv",
        "canonical,variant,lang,type,status,note\n",
    );
    dir.ok(&["review", "accepted.csv"]);
    assert!(
        dir.read("glossary/glossary.csv")
            .contains("Emomali Rakhmon,Emomali Rahmon,")
    );
}

#[test]
fn json_lines_in_json_lines_out() {
    let dir = Dir::new("jsonl");
    dir.write(
        "g.csv",
        "canonical,variant,status\nKaluga,Kalouga,proposed\n",
    );
    dir.write(
        "in.jsonl",
        "{\"id\":7,\"text\":\"à Kalouga\",\"lang\":\"fr\"}\n{\"id\":8,\"text\":\"rien\"}\n",
    );
    dir.ok(&[
        "canonicalize",
        "in.jsonl",
        "--jsonl",
        "--field",
        "text",
        "--glossary",
        "g.csv",
        "--out",
        "out.jsonl",
    ]);
    let out = dir.read("out.jsonl");
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["text"], "à Kaluga");
    assert_eq!(lines[0]["id"], 7);
    assert_eq!(lines[1]["text"], "rien");
    let out = dir.run(&[
        "canonicalize",
        "in.jsonl",
        "--jsonl",
        "--field",
        "body",
        "--glossary",
        "g.csv",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("in.jsonl:1: no string field `body`"));
}

#[test]
fn dry_run_counts_and_writes_nothing() {
    let dir = Dir::new("dry");
    dir.write(
        "g.csv",
        "canonical,variant,status\nKaluga,Kalouga,proposed\nMoscow,Moscou,proposed\n",
    );
    dir.write("in/a.txt", "Kalouga, Kalouga et Moscou.\n");
    let out = dir.ok(&[
        "canonicalize",
        "in",
        "--glossary",
        "g.csv",
        "--out",
        "out",
        "--dry-run",
    ]);
    assert!(
        out.contains("Kaluga\t2") && out.contains("Moscow\t1") && out.contains("a.txt\t3"),
        "{out}"
    );
    assert!(!dir.path.join("out").exists());
}

#[test]
fn a_romanized_suggestion_corrected_by_the_reviewer_leaves_no_made_up_spelling() {
    let dir = Dir::new("romanized");
    dir.write(
        "corpus/a.txt",
        "Le ministre Sergueï Lavrov a parlé hier à la presse.\n",
    );
    dir.write(
        "glossary/glossary.csv",
        "canonical,variant,lang,type,status,note\n",
    );
    dir.ok(&["build", "--corpus", "corpus"]);
    let review = dir.read("out/review.csv");
    let rows = csv_rows(&review);
    assert_eq!(rows.len(), 1, "{review}");
    assert_eq!(rows[0]["canonical"], "Sergey Lavrov");
    assert!(rows[0]["evidence"].starts_with("romanized"), "{review}");
    // The copy already uses the suggestion.
    assert_eq!(
        dir.read("out/canonical/a.txt"),
        "Le ministre Sergey Lavrov a parlé hier à la presse.\n"
    );
    // The reviewer prefers the press spelling.
    dir.write(
        "r.csv",
        &review.replacen("\n,Sergey Lavrov,", "\naccept,Sergei Lavrov,", 1),
    );
    dir.ok(&["review", "r.csv"]);
    let curated = dir.read("glossary/glossary.csv");
    assert!(
        curated.contains("Sergei Lavrov,Sergueï Lavrov,fr,name,accepted"),
        "{curated}"
    );
    assert!(
        !curated.contains("Sergey"),
        "the made-up spelling was stored: {curated}"
    );
}

#[test]
fn a_rejected_romanized_suggestion_is_never_suggested_again() {
    let dir = Dir::new("romanized-rejected");
    dir.write("corpus/a.txt", "Une réunion s'est tenue à Tachkent.\n");
    dir.write(
        "glossary/glossary.csv",
        "canonical,variant,lang,type,status,note\n",
    );
    dir.ok(&["build", "corpus"]);
    let review = dir.read("out/review.csv");
    let rows = csv_rows(&review);
    assert_eq!(rows.len(), 1, "{review}");
    assert_eq!(
        (rows[0]["canonical"].as_str(), rows[0]["variant"].as_str()),
        ("Tashkent", "Tachkent")
    );
    dir.write(
        "r.csv",
        &review.replacen("\n,Tashkent,", "\nreject,Tashkent,", 1),
    );
    dir.ok(&["review", "r.csv"]);
    let curated = dir.read("glossary/glossary.csv");
    assert!(
        curated.contains("Tashkent,Tachkent,fr,name,rejected"),
        "the pair judged is the one stored: {curated}"
    );
    let second = dir.ok(&["build", "corpus"]);
    assert!(second.contains("proposed      0 merges"), "{second}");
    let map = canonical_of(&dir.read("out/glossary.csv"));
    assert_eq!(map["Tachkent"], "Tachkent");
    assert_eq!(
        dir.read("out/canonical/a.txt"),
        "Une réunion s'est tenue à Tachkent.\n"
    );
}

#[test]
fn a_folder_is_copied_with_the_same_relative_paths_and_the_input_untouched() {
    let dir = Dir::new("canon-tree");
    dir.write(
        "g.csv",
        "canonical,variant,status\nKaluga,Kalouga,curated\n",
    );
    dir.write("in/a.txt", "Kalouga.\n");
    dir.write("in/2024/mars/b.md", "# Kalouga\n\nÀ Kalouga, hier.\n");
    dir.ok(&["canonicalize", "in", "--glossary", "g.csv", "--out", "out"]);
    assert_eq!(dir.read("out/a.txt"), "Kaluga.\n");
    assert_eq!(
        dir.read("out/2024/mars/b.md"),
        "# Kaluga\n\nÀ Kaluga, hier.\n"
    );
    assert_eq!(
        dir.read("in/2024/mars/b.md"),
        "# Kalouga\n\nÀ Kalouga, hier.\n"
    );
}

/// The rows of `nomina extract`'s surface table, by surface.
fn surfaces_of(table: &str) -> std::collections::BTreeMap<String, (String, String)> {
    csv_rows(table)
        .into_iter()
        .map(|r| {
            (
                r["surface"].clone(),
                (r["count"].clone(), r["documents"].clone()),
            )
        })
        .collect()
}

#[cfg(unix)]
#[test]
fn a_document_reached_by_several_symbolic_links_is_read_once() {
    let dir = Dir::new("links");
    dir.write("docs/d/a.txt", "Kalouga\n");
    dir.write("outside/o.txt", "Tachkent\n");
    // To a file and to a folder of the corpus, and out of it.
    dir.symlink("docs/link.txt", "d/a.txt");
    dir.symlink("docs/again", "d");
    dir.symlink("docs/ext", "../outside");
    let surfaces = surfaces_of(&dir.ok_within(30, &["extract", "docs"]));
    // Once each, under the name that sorts first (`again/a.txt`, not
    // `d/a.txt` nor `link.txt`); the folder outside is followed, once.
    assert_eq!(
        surfaces.get("Kalouga"),
        Some(&("1".to_string(), "again/a.txt".to_string()))
    );
    assert_eq!(
        surfaces.get("Tachkent"),
        Some(&("1".to_string(), "ext/o.txt".to_string()))
    );
}

#[cfg(unix)]
#[test]
fn symbolic_links_up_the_tree_are_not_followed_round() {
    let dir = Dir::new("loops");
    // One link up: the file was read again at every turn, until the path
    // grew too long.
    dir.write("one/d/a.txt", "Kalouga\n");
    dir.symlink("one/d/up", "..");
    // Two links up: the routes double at every turn, and the walk never ended.
    dir.write("two/d/a.txt", "Kalouga\n");
    dir.symlink("two/d/up1", "..");
    dir.symlink("two/d/up2", "..");
    for corpus in ["one", "two"] {
        let surfaces = surfaces_of(&dir.ok_within(30, &["extract", corpus]));
        assert_eq!(
            surfaces.get("Kalouga"),
            Some(&("1".to_string(), "d/a.txt".to_string())),
            "in {corpus}/"
        );
    }
}

#[test]
fn a_second_run_does_not_read_back_the_outputs_of_the_first() {
    let dir = Dir::new("out-in-corpus").with_seeds();
    for corpus in ["c1", "c2", "c3"] {
        util::copy_dir(&dir.path.join("seeds"), &dir.path.join(corpus));
    }
    let runs: [&[&str]; 3] = [
        // The corpus itself as the output folder: OUT/canonical is left out.
        &["build", "c1", "--out", "c1", "--no-glossary", "-q"],
        &["build", "c2", "--out", "c2/out", "--no-glossary", "-q"],
        &[
            "canonicalize",
            "c3",
            "--glossary",
            "glossary/glossary.csv",
            "--out",
            "c3/out",
            "-q",
        ],
    ];
    for args in runs {
        for run in ["first", "second"] {
            let stdout = dir.ok(args);
            assert!(
                stdout.contains("documents     5") || stdout.contains("canonicalised 5 documents"),
                "{run} run of {args:?}: {stdout}"
            );
        }
    }
    for nested in [
        "c1/canonical/canonical",
        "c2/out/canonical/out",
        "c3/out/out",
    ] {
        assert!(!dir.path.join(nested).exists(), "{nested} was written");
    }
    // A document named on the command line is read, even in the output folder.
    dir.write("c2/out/notes.txt", "Kalouga\n");
    let stdout = dir.ok(&[
        "build",
        "c2",
        "c2/out/notes.txt",
        "--out",
        "c2/out",
        "--no-glossary",
        "-q",
    ]);
    assert!(stdout.contains("documents     6"), "{stdout}");
}

/// Exit 0 and nothing on stderr.
fn assert_quiet_success(out: &std::process::Output) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "exit {:?}: {stderr}",
        out.status.code()
    );
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    // `nomina eval --details | head -1`: far more than a pipe holds, so the
    // reader's going away interrupts the writing.
    let dir = Dir::new("pipe");
    let mut gold = String::from("entity_id,surface\n");
    for i in 0..20_000 {
        gold.push_str(&format!("e{i},Name{i}\n"));
    }
    dir.write("gold.csv", &gold);
    dir.write("cand.csv", "surface,lang,count\nKaluga,en,1\n");
    let (first, out) = dir.closed_pipe(
        &[
            "eval",
            "--gold",
            "gold.csv",
            "--candidates",
            "cand.csv",
            "--no-glossary",
            "--details",
            "-q",
        ],
        13,
    );
    assert_eq!(first, b"gold surfaces");
    assert_quiet_success(&out);
}

#[test]
fn a_closed_pipe_loses_no_file_and_no_error() {
    // The reader is gone before nomina prints anything: the copies and
    // `new-variants.csv` are still written, the bad file still reported,
    // and the exit code still says so.
    let dir = Dir::new("pipe-errors");
    dir.write(
        "g.csv",
        "canonical,variant,status\nKaluga,Kalouga,curated\n",
    );
    dir.write("in/a.txt", "Kalouga est loin.\n");
    std::fs::write(dir.path.join("in/b.txt"), b"Kalouga \xff bad\n").expect("write");
    let (_, out) = dir.closed_pipe(
        &["canonicalize", "in", "--glossary", "g.csv", "--out", "out"],
        0,
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("in/b.txt:1:9: not valid UTF-8"), "{stderr}");
    assert_eq!(dir.read("out/a.txt"), "Kaluga est loin.\n");
    assert!(dir.path.join("out/new-variants.csv").exists());
}

#[test]
fn a_full_disk_on_standard_output_is_an_error() {
    // Unlike a closed pipe, a failed write is reported, exit code 1.
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("skipped: no /dev/full on this system");
        return;
    };
    let dir = Dir::new("full-disk");
    dir.write("a.txt", "Selon Kalouga, rien.\n");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_nomina"))
        .args(["extract", "a.txt", "-q"])
        .current_dir(&dir.path)
        .stdout(full)
        .output()
        .expect("run nomina");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("cannot write to standard output"),
        "{stderr}"
    );
}

#[test]
fn a_closed_pipe_after_extract_is_no_error() {
    // `nomina extract big.txt | head -1`: the table is far more than a
    // pipe holds.
    let dir = Dir::new("pipe-extract");
    let mut text = String::new();
    for i in 0..20_000 {
        text.push_str(&format!("Selon Kalouga{i}, rien.\n"));
    }
    dir.write("big.txt", &text);
    let (first, out) = dir.closed_pipe(&["extract", "big.txt", "-q"], 7);
    assert_eq!(first, b"surface");
    assert_quiet_success(&out);
}

#[test]
fn a_long_form_defined_in_the_text_is_the_canonical() {
    // `Islamic State (IS)` defines the formal name: it is canonical over a
    // more used `Daesh`; a spelling of it in other capitals used more often
    // is preferred to the one written in the definition.
    let dir = Dir::new("long-form");
    dir.write(
        "docs/a.txt",
        "The Islamic State (IS) claimed the attack in Moscow.\n\n\
         Daesh [Arabic acronym for IS] has a branch. Daesh recruits. Daesh grows. Daesh speaks.\n\n\
         The Islamic movement of Uzbekistan (IMU) was founded then. The Islamic Movement of \
         Uzbekistan grew. The Islamic Movement of Uzbekistan fought. The Islamic Movement of \
         Uzbekistan left.\n",
    );
    let map = dir.discovered();
    assert_eq!(map.get("Daesh").map(String::as_str), Some("Islamic State"));
    assert_eq!(map.get("IS").map(String::as_str), Some("Islamic State"));
    assert_eq!(
        map.get("IMU").map(String::as_str),
        Some("Islamic Movement of Uzbekistan")
    );
}

#[test]
fn french_only_names_get_their_english_spelling() {
    // The full name is canonical over the surname alone; its words with a
    // French `j` stay as written (`Jomart`), the others are romanised.
    let dir = Dir::new("romanized");
    dir.write(
        "docs/a.txt",
        "Selon la presse, Kassym-Jomart Tokaïev a parlé hier à Almaty. Ensuite Tokaïev a dit \
         non.\n",
    );
    dir.write(
        "docs/b.txt",
        "Selon la presse, Nazarbaïev a dit non hier.\n",
    );
    let map = dir.discovered();
    for (variant, canonical) in [
        ("Kassym-Jomart Tokaïev", "Kassym-Jomart Tokayev"),
        ("Tokaïev", "Kassym-Jomart Tokayev"),
        // Alone, with no French rule of the pivot firing (`ï` folds to `i`).
        ("Nazarbaïev", "Nazarbayev"),
    ] {
        assert_eq!(
            map.get(variant).map(String::as_str),
            Some(canonical),
            "{variant}"
        );
    }
}

#[test]
fn decomposed_accents_give_the_surfaces_of_composed_ones_and_the_inputs_are_untouched() {
    use unicode_normalization::UnicodeNormalization;
    let dir = Dir::new("nfd").with_seeds();
    dir.write(
        "one/a.txt",
        "L\u{2019}Ouzbe\u{301}kistan et Douchanbe\u{301}.\n",
    );
    let got = csv_rows(&dir.ok(&["extract", "one"]));
    let surfaces: Vec<&str> = got.iter().map(|r| r["surface"].as_str()).collect();
    assert_eq!(surfaces, ["Douchanbé", "Ouzbékistan"]);
    // The seeds written in NFD, under the same names: every output of
    // `extract`, `build` and the new-variant sheet of `canonicalize` is the
    // one of the seeds as they are (NFC).
    let mut written = Vec::new();
    for e in std::fs::read_dir(dir.path.join("seeds")).expect("dir") {
        let name = e.expect("entry").file_name().to_string_lossy().into_owned();
        let nfd: String = dir.read(&format!("seeds/{name}")).nfd().collect();
        dir.write(&format!("nfd/{name}"), &nfd);
        written.push((name, nfd));
    }
    assert_eq!(dir.ok(&["extract", "nfd"]), dir.ok(&["extract", "seeds"]));
    for (corpus, out) in [("seeds", "b_nfc"), ("nfd", "b_nfd")] {
        dir.ok(&["build", corpus, "--no-glossary", "--out", out, "-q"]);
    }
    for f in ["glossary.csv", "review.csv"] {
        assert_eq!(
            dir.read(&format!("b_nfd/{f}")),
            dir.read(&format!("b_nfc/{f}")),
            "{f}"
        );
    }
    for (corpus, out) in [("seeds", "c_nfc"), ("nfd", "c_nfd")] {
        let glossary = "glossary/glossary.csv";
        dir.ok(&["canonicalize", corpus, "--glossary", glossary, "--out", out]);
    }
    assert_eq!(
        dir.read("c_nfd/new-variants.csv"),
        dir.read("c_nfc/new-variants.csv")
    );
    for (name, nfd) in written {
        assert_eq!(dir.read(&format!("nfd/{name}")), nfd, "{name} was modified");
    }
}
