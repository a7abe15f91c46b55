//! Alignment quality on the French/English pairs set and on the seeds:
//! nomina beside four plain baselines.
//!
//! For each split of `tests/fixtures/pairs/pairs.csv` (dev, test), every
//! surface of the split is put in one pool and each method clusters the
//! whole pool. The gold clustering joins the two sides of each `pos` row
//! (rows that share a surface join transitively); every other surface is an
//! entity of its own, so that the `neg` rows are hard negatives inside the
//! pool. Scores are pairwise precision/recall/F1 from [`nomina::eval`].
//!
//! That *row gold* knows only what one row says, so two rows about one
//! entity (`FDS`/`SDF` and `Forces démocratiques syriennes`/`Syrian
//! Democratic Forces`) are two entities, and a link between them counts
//! as false. A second *reference gold* joins surfaces whose rows name the
//! same Wikipedia articles in the `reference` column (see
//! [`reference_entities`]); both are printed.
//!
//! The baselines see only the text: Levenshtein and Jaro–Winkler
//! similarity of the folded forms with single-link clustering over all
//! pairs, the OpenRefine fingerprint, and Double Metaphone codes. nomina
//! sees the text, the language of the side and whether it is an acronym,
//! and nothing else (no documents, no acronym definitions, no curated
//! glossary).
//!
//! `cargo bench --bench pairs -- --details` also lists nomina's false and
//! missed pairs on the dev split. Test-split errors are never printed: the
//! test split is held out from development.

use nomina::candidate::{self, Context};
use nomina::corpus::Document;
use nomina::eval::{self, Gold, Scores};
use nomina::extract::{Kind, is_acronym};
use nomina::lang::Lang;
use nomina::lexicon::Lexicon;
use nomina::normalize::{fingerprint, fold, nfc, plain_apostrophes};
use nomina::pipeline::{self, AlignOptions, Alignment};
use nomina::surface::Surface;
use rphonetic::DoubleMetaphone;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::time::Instant;

/// Levenshtein similarity (normalised) a pair needs to be linked.
const LEVENSHTEIN_MIN: f64 = 0.8;
/// Jaro–Winkler similarity a pair needs to be linked.
const JARO_WINKLER_MIN: f64 = 0.9;

/// Rows of `pairs.csv` as of this benchmark (checked, so that a changed
/// fixture is noticed next to the figures it changes).
const EXPECTED_ROWS: usize = 549;

/// One row of the pairs set.
struct Row {
    id: usize,
    pos: bool,
    a: String,
    lang_a: Lang,
    b: String,
    lang_b: Lang,
    split: String,
    /// The reference titles of side a and side b (`fr:Douchanbé`).
    titles: (String, String),
}

/// The surfaces of one split, with their gold clustering.
struct Split {
    name: &'static str,
    /// Surface text and language, sorted by text.
    surfaces: Vec<(String, Lang)>,
    /// The gold of the pos rows: each row one entity.
    gold: Gold,
    /// The gold of the references: surfaces whose rows name the same
    /// article are one entity.
    gold_ref: Gold,
}

/// A system clustering: surface → cluster id.
type Clustering = BTreeMap<String, String>;

/// A method: a name and a clustering of (surface, language) pairs.
type Method = (&'static str, fn(&[(String, Lang)]) -> Clustering);

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut details = false;
    for a in &args {
        match a.as_str() {
            // cargo passes `--bench` to every bench target.
            "--bench" => {}
            "--details" => details = true,
            other => {
                eprintln!("pairs: unknown argument {other:?} (expected --details)");
                std::process::exit(2);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rows = read_rows(&root.join("tests/fixtures/pairs/pairs.csv"));
    assert_eq!(
        rows.len(),
        EXPECTED_ROWS,
        "pairs.csv changed: update EXPECTED_ROWS"
    );
    let (by_reference, conflicts) = reference_entities(&rows);
    let splits = [
        split(&rows, "dev", &by_reference),
        split(&rows, "test", &by_reference),
    ];

    let methods: [Method; 6] = [
        ("Levenshtein ≥ 0.8 (folded, single-link)", levenshtein),
        ("Jaro–Winkler ≥ 0.9 (folded, single-link)", jaro_winkler),
        ("fingerprint (OpenRefine)", fingerprint_key),
        ("Double Metaphone (4-letter codes)", |s| {
            double_metaphone(s, Some(4))
        }),
        ("Double Metaphone (full-length codes)", |s| {
            double_metaphone(s, None)
        }),
        ("nomina", |s| nomina_align(s).mapping()),
    ];

    println!(
        "command: cargo bench --bench pairs{}",
        if details { " -- --details" } else { "" }
    );
    println!();
    for s in &splits {
        let pos = rows.iter().filter(|r| r.split == s.name && r.pos).count();
        let neg = rows.iter().filter(|r| r.split == s.name && !r.pos).count();
        let gold_pairs = eval::score(&s.gold, &identity(&s.surfaces)).gold_pairs;
        let ref_pairs = eval::score(&s.gold_ref, &identity(&s.surfaces)).gold_pairs;
        println!(
            "{}: {pos} pos rows, {neg} neg rows, {} surfaces; row gold: {} entities, {gold_pairs} pairs; reference gold: {} entities, {ref_pairs} pairs",
            s.name,
            s.surfaces.len(),
            eval::entities(&s.gold).len(),
            eval::entities(&s.gold_ref).len(),
        );
    }
    if !conflicts.is_empty() {
        println!("reference gold: neg rows whose sides the references join: {conflicts:?}");
    }
    // Each method clusters each split once; both golds score the same
    // clustering.
    let clusterings: Vec<[Clustering; 2]> = methods
        .iter()
        .map(|(_, method)| [method(&splits[0].surfaces), method(&splits[1].surfaces)])
        .collect();
    for (title, reference) in [
        (
            "row gold (each pos row one entity, rows joined only by a shared surface)",
            false,
        ),
        (
            "reference gold (rows naming the same article are one entity)",
            true,
        ),
    ] {
        println!();
        println!("{title}:");
        println!();
        println!("| method | dev P | dev R | dev F1 | test P | test R | test F1 |");
        println!("|---|---:|---:|---:|---:|---:|---:|");
        let mut best_baseline = [0.0f64; 2];
        for ((name, _), clustering) in methods.iter().zip(&clusterings) {
            let mut cells = Vec::new();
            for (i, s) in splits.iter().enumerate() {
                let gold = if reference { &s.gold_ref } else { &s.gold };
                let scores = eval::score(gold, &clustering[i]);
                assert_eq!(scores.covered, s.surfaces.len(), "{name} lost surfaces");
                if *name != "nomina" {
                    best_baseline[i] = best_baseline[i].max(scores.f1());
                }
                cells.push(format!(
                    "{:.3} | {:.3} | {:.3}",
                    scores.precision(),
                    scores.recall(),
                    scores.f1()
                ));
            }
            println!("| {name} | {} |", cells.join(" | "));
        }
        println!();
        println!(
            "best baseline F1: dev {:.3}, test {:.3}",
            best_baseline[0], best_baseline[1]
        );
    }

    println!();
    extraction(&splits, details);

    println!();
    seeds(root, &methods);

    if details {
        println!();
        dev_details(&splits[0]);
    }
}

/// Read and check `pairs.csv`.
fn read_rows(path: &Path) -> Vec<Row> {
    let mut reader =
        csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers = reader.headers().expect("pairs.csv header").clone();
    let col = |n: &str| {
        headers
            .iter()
            .position(|h| h == n)
            .unwrap_or_else(|| panic!("pairs.csv: no column {n:?}"))
    };
    let (id, label, a, lang_a, b, lang_b, split, reference) = (
        col("id"),
        col("label"),
        col("a"),
        col("lang_a"),
        col("b"),
        col("lang_b"),
        col("split"),
        col("reference"),
    );
    let lang = |s: &str| Lang::parse(s).unwrap_or_else(|| panic!("pairs.csv: language {s:?}"));
    let mut rows = Vec::new();
    for record in reader.records() {
        let r = record.unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let row = Row {
            id: r[id].parse().expect("pairs.csv: id is a number"),
            pos: match &r[label] {
                "pos" => true,
                "neg" => false,
                other => panic!("pairs.csv: label {other:?}"),
            },
            a: r[a].to_string(),
            lang_a: lang(&r[lang_a]),
            b: r[b].to_string(),
            lang_b: lang(&r[lang_b]),
            split: r[split].to_string(),
            titles: titles(&r[reference]),
        };
        let expected = if row.id.is_multiple_of(5) {
            "test"
        } else {
            "dev"
        };
        assert_eq!(row.split, expected, "pairs.csv row {}: split rule", row.id);
        rows.push(row);
    }
    rows
}

/// The pool of one split and its gold clustering. A surface written in
/// two languages in the split's rows gets [`Lang::Und`].
fn split(rows: &[Row], name: &'static str, by_reference: &BTreeMap<String, usize>) -> Split {
    let mut langs: BTreeMap<String, BTreeSet<Lang>> = BTreeMap::new();
    let mut uf = UnionFind::default();
    let mut ids: BTreeMap<String, usize> = BTreeMap::new();
    for r in rows.iter().filter(|r| r.split == name) {
        for (text, lang) in [(&r.a, r.lang_a), (&r.b, r.lang_b)] {
            langs.entry(text.clone()).or_default().insert(lang);
            if !ids.contains_key(text) {
                ids.insert(text.clone(), uf.add());
            }
        }
        if r.pos {
            uf.union(ids[&r.a], ids[&r.b]);
        }
    }
    let surfaces: Vec<(String, Lang)> = langs
        .into_iter()
        .map(|(text, l)| {
            let lang = if l.len() == 1 {
                *l.first().expect("one language")
            } else {
                Lang::Und
            };
            (text, lang)
        })
        .collect();
    let mut gold = Gold::default();
    let mut gold_ref = Gold::default();
    for (text, _) in &surfaces {
        // The gold is keyed the way `eval` keys system surfaces.
        let key = plain_apostrophes(&nfc(text));
        let entity = format!("e{}", uf.find(ids[text]));
        gold_ref
            .entity
            .insert(key.clone(), format!("r{}", by_reference[text]));
        let old = gold.entity.insert(key, entity);
        assert!(
            old.is_none(),
            "two surfaces of {name} fold to one key: {text:?}"
        );
    }
    Split {
        name,
        surfaces,
        gold,
        gold_ref,
    }
}

/// The two titles of a `reference` cell,
/// `wikipedia:fr:<title of a>|en:<title of b>`.
fn titles(reference: &str) -> (String, String) {
    let rest = reference
        .strip_prefix("wikipedia:")
        .unwrap_or_else(|| panic!("pairs.csv: reference {reference:?}"));
    let (a, b) = rest
        .split_once('|')
        .unwrap_or_else(|| panic!("pairs.csv: reference {reference:?}"));
    (a.to_string(), b.to_string())
}

/// Entities by reference, over all rows of both splits. A pos row's two
/// articles, as a pair, are one entity; rows with the same pair are the
/// same entity (`FDS`/`SDF` and `Forces démocratiques syriennes`/`Syrian
/// Democratic Forces`). A side of a neg row joins the pos entity whose
/// pair has its article, when exactly one has it (`fr:Djokhar et Tamerlan
/// Tsarnaïev` is one article for two brothers: it identifies neither). A
/// surface in several rows joins their entities. Identity is a fact about
/// the world, so the rows of one split serve the other (`Abou Omar
/// al-Baghdadi` is `Abu Omar al-Baghdadi` in the dev pool too, though
/// their pos row is a test row). An article found on both sides of one
/// neg row through such links (`Tamerlan Tsarnaïev`/`Djokhar Tsarnaïev`)
/// identifies no one either, and the links are made again without it.
/// Returns surface → entity, and the neg rows whose two sides still come
/// out as one entity.
fn reference_entities(rows: &[Row]) -> (BTreeMap<String, usize>, Vec<usize>) {
    let mut ambiguous: BTreeSet<&str> = BTreeSet::new();
    loop {
        let (entities, conflicts) = link_references(rows, &ambiguous);
        let before = ambiguous.len();
        for r in rows.iter().filter(|r| conflicts.contains(&r.id)) {
            ambiguous.insert(&r.titles.0);
            ambiguous.insert(&r.titles.1);
        }
        if conflicts.is_empty() || ambiguous.len() == before {
            return (entities, conflicts);
        }
    }
}

/// One pass of [`reference_entities`], with articles that identify no one.
fn link_references(
    rows: &[Row],
    ambiguous: &BTreeSet<&str>,
) -> (BTreeMap<String, usize>, Vec<usize>) {
    let mut uf = UnionFind::default();
    let mut nodes: BTreeMap<String, usize> = BTreeMap::new();
    let mut node = |key: String, uf: &mut UnionFind| *nodes.entry(key).or_insert_with(|| uf.add());
    let mut owners: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
    for r in rows.iter().filter(|r| r.pos) {
        let n = node(format!("p:{}|{}", r.titles.0, r.titles.1), &mut uf);
        owners.entry(&r.titles.0).or_default().insert(n);
        owners.entry(&r.titles.1).or_default().insert(n);
    }
    let mut surface_node: BTreeMap<String, usize> = BTreeMap::new();
    for r in rows {
        for (text, title) in [(&r.a, &r.titles.0), (&r.b, &r.titles.1)] {
            let s = node(format!("s:{text}"), &mut uf);
            let entity = if r.pos {
                Some(node(format!("p:{}|{}", r.titles.0, r.titles.1), &mut uf))
            } else {
                // A neg side whose article identifies no pos entity stands
                // for its surface alone.
                owners
                    .get(title.as_str())
                    .filter(|o| o.len() == 1 && !ambiguous.contains(title.as_str()))
                    .and_then(|o| o.first().copied())
            };
            if let Some(e) = entity {
                uf.union(s, e);
            }
            surface_node.insert(text.clone(), s);
        }
    }
    let conflicts = rows
        .iter()
        .filter(|r| !r.pos && uf.find(surface_node[&r.a]) == uf.find(surface_node[&r.b]))
        .map(|r| r.id)
        .collect();
    let entities = surface_node
        .into_iter()
        .map(|(s, n)| (s, uf.find(n)))
        .collect();
    (entities, conflicts)
}

/// Every surface its own cluster (to count the gold pairs).
fn identity(surfaces: &[(String, Lang)]) -> Clustering {
    surfaces
        .iter()
        .map(|(t, _)| (t.clone(), t.clone()))
        .collect()
}

#[derive(Default)]
struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    fn add(&mut self) -> usize {
        self.parent.push(self.parent.len());
        self.parent.len() - 1
    }
    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        // The smaller root wins, so that cluster ids do not depend on the
        // order of unions.
        let (lo, hi) = (ra.min(rb), ra.max(rb));
        self.parent[hi] = lo;
    }
}

/// Clusters of a union-find over `texts`, named by their first member.
fn clustering(texts: &[&str], uf: &mut UnionFind) -> Clustering {
    (0..texts.len())
        .map(|i| (texts[i].to_string(), texts[uf.find(i)].to_string()))
        .collect()
}

/// Single-link clustering over all pairs of surfaces.
fn single_link(surfaces: &[(String, Lang)], linked: impl Fn(&str, &str) -> bool) -> Clustering {
    let texts: Vec<&str> = surfaces.iter().map(|(t, _)| t.as_str()).collect();
    let folded: Vec<String> = texts.iter().map(|t| fold(t)).collect();
    let mut uf = UnionFind::default();
    for _ in &texts {
        uf.add();
    }
    for i in 0..texts.len() {
        for j in i + 1..texts.len() {
            if linked(&folded[i], &folded[j]) {
                uf.union(i, j);
            }
        }
    }
    clustering(&texts, &mut uf)
}

/// Clusters of surfaces that share any key.
fn by_keys(surfaces: &[(String, Lang)], keys: impl Fn(&str) -> Vec<String>) -> Clustering {
    let texts: Vec<&str> = surfaces.iter().map(|(t, _)| t.as_str()).collect();
    let mut uf = UnionFind::default();
    let mut first: BTreeMap<String, usize> = BTreeMap::new();
    for (i, t) in texts.iter().enumerate() {
        uf.add();
        for k in keys(t) {
            if k.is_empty() {
                continue;
            }
            match first.get(&k) {
                Some(&j) => uf.union(i, j),
                None => {
                    first.insert(k, i);
                }
            }
        }
    }
    clustering(&texts, &mut uf)
}

fn levenshtein(surfaces: &[(String, Lang)]) -> Clustering {
    single_link(surfaces, |a, b| {
        strsim::normalized_levenshtein(a, b) >= LEVENSHTEIN_MIN
    })
}

fn jaro_winkler(surfaces: &[(String, Lang)]) -> Clustering {
    single_link(surfaces, |a, b| {
        strsim::jaro_winkler(a, b) >= JARO_WINKLER_MIN
    })
}

fn fingerprint_key(surfaces: &[(String, Lang)]) -> Clustering {
    by_keys(surfaces, |t| vec![fingerprint(t)])
}

/// Double Metaphone of the whole folded string (a multi-word name is one
/// string); two surfaces are linked when their primary or alternate codes
/// are equal (any of the two of one with any of the two of the other).
fn double_metaphone(surfaces: &[(String, Lang)], max_len: Option<usize>) -> Clustering {
    let dm = DoubleMetaphone::new(max_len);
    by_keys(surfaces, |t| {
        let r = dm.double_metaphone(&fold(t));
        vec![r.primary(), r.alternate()]
    })
}

/// The surface table nomina would have for these (text, language) pairs:
/// one mention each, no documents, no contexts.
fn nomina_surfaces(surfaces: &[(String, Lang)]) -> Vec<Surface> {
    surfaces
        .iter()
        .map(|(text, lang)| Surface {
            text: text.clone(),
            lang: *lang,
            kind: if is_acronym(text) {
                Kind::Acronym
            } else {
                Kind::Name
            },
            count: 1,
            count_en: usize::from(*lang == Lang::En),
            docs: BTreeSet::new(),
            contexts: Vec::new(),
        })
        .collect()
}

fn nomina_align(surfaces: &[(String, Lang)]) -> Alignment {
    pipeline::align(
        nomina_surfaces(surfaces),
        &[],
        &[],
        None,
        &AlignOptions::default(),
    )
}

/// Every method on the surfaces nomina extracts from `seeds/`, scored
/// against `tests/fixtures/seeds_gold.csv` (curated glossary off).
fn seeds(root: &Path, methods: &[Method]) {
    let start = Instant::now();
    let docs = match pipeline::read_documents(&[root.join("seeds")], &[]) {
        Ok(d) => d,
        Err(errors) => {
            for e in errors {
                eprintln!("{e}");
            }
            panic!("seeds: documents could not be read");
        }
    };
    let extracted = pipeline::extract(&docs);
    let gold =
        Gold::read(&root.join("tests/fixtures/seeds_gold.csv")).unwrap_or_else(|e| panic!("{e}"));
    let alignment = pipeline::align(
        extracted.surfaces.clone(),
        &extracted.definitions,
        &extracted.doc_names,
        None,
        &AlignOptions::default(),
    );
    let elapsed = start.elapsed().as_secs_f64();
    let pool: Vec<(String, Lang)> = extracted
        .surfaces
        .iter()
        .map(|s| (s.text.clone(), s.lang))
        .collect();
    let nomina_scores = eval::score(&gold, &alignment.mapping());
    println!(
        "seeds: {} documents, {} mentions, {} surfaces, {} gold surfaces, {} gold pairs among covered ({} definitions; read+extract+align {elapsed:.2} s)",
        docs.len(),
        extracted.mentions,
        extracted.surfaces.len(),
        nomina_scores.gold_surfaces,
        nomina_scores.gold_pairs,
        extracted.definitions.len(),
    );
    println!(
        "baselines cluster the extracted surfaces; nomina also sees documents and acronym definitions"
    );
    println!();
    println!("| method (seeds, curated off) | coverage | P | R | F1 |");
    println!("|---|---:|---:|---:|---:|");
    for (name, method) in methods {
        let scores: Scores = if *name == "nomina" {
            nomina_scores.clone()
        } else {
            eval::score(&gold, &method(&pool))
        };
        println!(
            "| {name} | {:.3} | {:.3} | {:.3} | {:.3} |",
            scores.coverage(),
            scores.precision(),
            scores.recall(),
            scores.f1()
        );
    }
}

/// Extraction of the pairs set's names from running text: each surface, in
/// a sentence of its language (`Selon le rapport publié hier, X a déclaré la
/// guerre.` / `According to the report published yesterday, X has declared
/// war.`), one document each; the share extracted exactly, as one mention.
/// With `--details`, the dev surfaces that were not.
fn extraction(splits: &[Split], details: bool) {
    println!("extraction: each surface in a sentence of its language, extracted exactly:");
    println!();
    println!("| split | surfaces | extracted exactly | share |");
    println!("|---|---:|---:|---:|");
    let mut missed_dev = Vec::new();
    for s in splits {
        let docs: Vec<Document> = s
            .surfaces
            .iter()
            .enumerate()
            .map(|(i, (text, lang))| Document {
                name: format!("{i:04}.txt"),
                path: format!("{i:04}.txt").into(),
                text: if *lang == Lang::Fr {
                    format!("Selon le rapport publié hier, {text} a déclaré la guerre.\n")
                } else {
                    format!(
                        "According to the report published yesterday, {text} has declared war.\n"
                    )
                },
            })
            .collect();
        let extracted = pipeline::extract(&docs);
        let mut found = vec![false; docs.len()];
        for surface in &extracted.surfaces {
            for &d in &surface.docs {
                if surface.text == nfc(&s.surfaces[d].0) {
                    found[d] = true;
                }
            }
        }
        let exact = found.iter().filter(|f| **f).count();
        println!(
            "| {} | {} | {exact} | {:.3} |",
            s.name,
            docs.len(),
            exact as f64 / docs.len().max(1) as f64
        );
        if s.name == "dev" {
            missed_dev = s
                .surfaces
                .iter()
                .zip(&found)
                .filter(|(_, f)| !**f)
                .map(|((t, _), _)| t.clone())
                .collect();
        }
    }
    if details && !missed_dev.is_empty() {
        println!();
        println!(
            "dev surfaces not extracted exactly: {}",
            missed_dev.join(" | ")
        );
    }
}

/// nomina's false and missed pairs on the dev split, with what the scorer
/// says of each pair.
fn dev_details(dev: &Split) {
    assert_eq!(dev.name, "dev", "details are for the dev split only");
    let alignment = nomina_align(&dev.surfaces);
    let scores = eval::score(&dev.gold, &alignment.mapping());
    let surfaces = &alignment.surfaces;
    let lexicon = Lexicon::builtin();
    let profiles: Vec<_> = surfaces
        .iter()
        .map(|s| candidate::profile(s, &lexicon))
        .collect();
    let index: BTreeMap<String, usize> = surfaces
        .iter()
        .enumerate()
        .map(|(i, s)| (plain_apostrophes(&nfc(&s.text)), i))
        .collect();
    let blocked: BTreeSet<(usize, usize)> =
        candidate::block(surfaces, &profiles).into_iter().collect();
    let cx = Context::new(&[], &[], &lexicon);
    let describe = |a: &str, b: &str| -> String {
        let (Some(&x), Some(&y)) = (index.get(a), index.get(b)) else {
            return "not in the surface table".to_string();
        };
        let (x, y) = (x.min(y), x.max(y));
        let blocking = if blocked.contains(&(x, y)) {
            "blocked together"
        } else {
            "no shared block"
        };
        match candidate::score(&surfaces[x], &surfaces[y], &profiles[x], &profiles[y], &cx) {
            Some((s, evidence)) => format!("{blocking}; score {s:.2}: {evidence}"),
            None => format!("{blocking}; no evidence"),
        }
    };
    let canonical = alignment.mapping();
    println!(
        "## nomina on dev (row gold): {} false pairs, {} missed pairs",
        scores.false_pairs.len(),
        scores.missed_pairs.len()
    );
    println!();
    println!("false pairs (surface | surface | cluster canonical | scorer on this pair):");
    for (a, b) in &scores.false_pairs {
        let c = canonical.get(a).map_or("?", String::as_str);
        let same = dev.gold_ref.entity.get(a) == dev.gold_ref.entity.get(b);
        println!(
            "- {a} | {b} | {c} | {}{}",
            describe(a, b),
            if same {
                " | one entity by reference"
            } else {
                ""
            }
        );
    }
    println!();
    println!("missed pairs (surface | surface | scorer on this pair):");
    for (a, b) in &scores.missed_pairs {
        println!("- {a} | {b} | {}", describe(a, b));
    }
}
