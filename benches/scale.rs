//! Alignment at scale: N distinct synthetic name surfaces (default
//! 100 000), aligned on 1 and on 2 threads.
//!
//! The generator is seeded and needs no crate: a xorshift64* generator
//! draws persons (`Firstname Surname` from syllable tables), places
//! (`-stan`, `-abad`, `-sk`, `-grad`…), organisations built on lexicon
//! words (`Mouvement islamique de …` / `Islamic Movement of …`) and
//! acronyms. A person, place or organisation is drawn once as abstract
//! sounds and then written the French way (`tch`, `ch`, `dj`, `j`, `ou`,
//! `ï`, `-ine`) and/or the English way (`ch`, `sh`, `j`, `zh`, `u`), so that
//! the set holds real variant pairs, as a corpus does, and its gold
//! clustering is known. First names come from a small fixed table, as
//! in real news, so that blocks on a shared first name are large.
//!
//! The benchmark times [`nomina::pipeline::align`] (no curated glossary)
//! inside a local rayon pool of 1 and of 2 threads, checks that both give
//! the same candidates and mapping, and then times the stages one by one
//! (profiles, blocking, scoring, clustering) on 2 threads. It also scores
//! the mapping against the generator's gold, as a sanity check.
//!
//! `cargo bench --bench scale -- --names 100000 --seed 1`

use nomina::candidate::{self, Context, Profile};
use nomina::cluster::{self, Constraints};
use nomina::extract::{Kind, is_acronym};
use nomina::lang::Lang;
use nomina::lexicon::Lexicon;
use nomina::pipeline::{self, AlignOptions, Alignment};
use nomina::surface::Surface;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::time::Instant;

/// The issue's target: 100 000 names in under this many seconds on 2 cores.
const TARGET_SECONDS: f64 = 30.0;

fn main() {
    let mut names: usize = 100_000;
    let mut seed: u64 = 1;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = |flag: &str| {
            args.next()
                .and_then(|v| v.parse::<u64>().ok())
                .unwrap_or_else(|| usage(&format!("{flag} needs a whole number")))
        };
        match a.as_str() {
            // cargo passes `--bench` to every bench target.
            "--bench" => {}
            "--names" => names = value("--names") as usize,
            "--seed" => seed = value("--seed"),
            other => usage(&format!("unknown argument {other:?}")),
        }
    }

    println!("command: cargo bench --bench scale -- --names {names} --seed {seed}");
    let start = Instant::now();
    let generated = generate(names, seed);
    let gen_seconds = start.elapsed().as_secs_f64();
    assert_eq!(generated.surfaces.len(), names, "the generator fell short");
    let texts: BTreeSet<&str> = generated.surfaces.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(texts.len(), names, "surfaces are not distinct");
    println!(
        "generated {names} distinct surfaces in {gen_seconds:.2} s: {} persons, {} places, {} organisations, {} acronyms; {} French, {} English; {} gold entities with 2+ surfaces",
        generated.by_kind[0],
        generated.by_kind[1],
        generated.by_kind[2],
        generated.by_kind[3],
        generated
            .surfaces
            .iter()
            .filter(|s| s.lang == Lang::Fr)
            .count(),
        generated
            .surfaces
            .iter()
            .filter(|s| s.lang == Lang::En)
            .count(),
        multi_entities(&generated.entity),
    );
    println!("examples:");
    for s in generated
        .surfaces
        .iter()
        .step_by((names / 12).max(1))
        .take(12)
    {
        println!("  {} ({})", s.text, s.lang);
    }
    println!();

    println!(
        "| threads | align wall s | candidates | clusters >1 | peak RSS MiB (growth during align) |"
    );
    println!("|---:|---:|---:|---:|---:|");
    // The first run's candidates and mapping, kept to compare; the rest of
    // its alignment is dropped before the second run, so that the second
    // peak is not inflated by the first result.
    let mut first: Option<(Vec<nomina::candidate::Candidate>, BTreeMap<String, String>)> = None;
    let mut last: Option<Alignment> = None;
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a rayon pool");
        let surfaces = generated.surfaces.clone();
        reset_peak_rss();
        let before = proc_status_mib("VmRSS:");
        let start = Instant::now();
        let alignment =
            pool.install(|| pipeline::align(surfaces, &[], &[], None, &AlignOptions::default()));
        let seconds = start.elapsed().as_secs_f64();
        let peak = proc_status_mib("VmHWM:");
        println!(
            "| {threads} | {seconds:.2} | {} | {} | {} |",
            alignment.candidates.len(),
            alignment.merged_clusters(),
            match (peak, before) {
                (Some(p), Some(b)) => format!("{p:.0} (+{:.0})", p - b),
                _ => "?".to_string(),
            },
        );
        if threads == 2 && seconds > TARGET_SECONDS {
            println!("(over the {TARGET_SECONDS} s target on 2 threads)");
        }
        match &first {
            None => first = Some((alignment.candidates.clone(), alignment.mapping())),
            Some((candidates, mapping)) => {
                assert!(
                    *candidates == alignment.candidates,
                    "candidates differ between 1 and 2 threads"
                );
                assert!(
                    *mapping == alignment.mapping(),
                    "mappings differ between 1 and 2 threads"
                );
            }
        }
        last = Some(alignment);
    }
    let two = last.expect("the 2-thread run");
    println!();
    println!("1 and 2 threads: identical candidates and mapping");

    let (p, r, f) = pairwise(&generated.entity, &two.mapping());
    println!(
        "against the generator's gold: P {p:.3}, R {r:.3}, F1 {f:.3} (synthetic names; a sanity check, not a quality figure)"
    );
    wrong_candidates(&two, &generated.entity);
    println!();
    stages(&generated.surfaces);
}

fn usage(why: &str) -> ! {
    eprintln!("scale: {why}\nusage: cargo bench --bench scale -- [--names N] [--seed S]");
    std::process::exit(2);
}

/// The stages of `align` timed one by one on a 2-thread pool, with the
/// work each does.
fn stages(surfaces: &[Surface]) {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .expect("a rayon pool");
    pool.install(|| {
        let lexicon = Lexicon::builtin();
        let t = Instant::now();
        let profiles: Vec<Profile> = surfaces
            .par_iter()
            .map(|s| candidate::profile(s, &lexicon))
            .collect();
        let profile_s = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let pairs = candidate::block(surfaces, &profiles);
        let block_s = t.elapsed().as_secs_f64();
        let cx = Context::new(&[], &[], &lexicon);
        let t = Instant::now();
        let candidates =
            candidate::candidates(surfaces, &profiles, &cx, pipeline::DEFAULT_THRESHOLD);
        let candidates_s = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let clusters = cluster::cluster(surfaces, &profiles, &candidates, &Constraints::default());
        let cluster_s = t.elapsed().as_secs_f64();
        let n = surfaces.len() as f64;
        println!("stages on 2 threads (each timed alone):");
        println!();
        println!("| stage | wall s | work |");
        println!("|---|---:|---|");
        println!(
            "| profiles | {profile_s:.2} | {} surfaces |",
            surfaces.len()
        );
        println!(
            "| block | {block_s:.2} | {} pairs blocked (all pairs would be {:.0}) |",
            pairs.len(),
            n * (n - 1.0) / 2.0
        );
        println!(
            "| candidates (block + score) | {candidates_s:.2} | {} candidates ≥ {} |",
            candidates.len(),
            pipeline::DEFAULT_THRESHOLD
        );
        println!(
            "| cluster | {cluster_s:.2} | {} clusters, {} with 2+ members |",
            clusters.len(),
            clusters.iter().filter(|c| c.members.len() > 1).count()
        );
    });
}

/// Candidates between two generated entities, by evidence kind (the text
/// of the evidence before its first `:`), with one example each.
fn wrong_candidates(alignment: &Alignment, entity: &BTreeMap<String, usize>) {
    let mut by_kind: BTreeMap<&str, (usize, usize, String)> = BTreeMap::new();
    for c in &alignment.candidates {
        let (a, b) = (&alignment.surfaces[c.a].text, &alignment.surfaces[c.b].text);
        let kind = c.evidence.split(':').next().unwrap_or("");
        let e = by_kind.entry(kind).or_insert((0, 0, String::new()));
        if entity.get(a) == entity.get(b) {
            e.0 += 1;
        } else {
            e.1 += 1;
            if e.2.is_empty() {
                e.2 = format!("{a} ~ {b}");
            }
        }
    }
    println!(
        "candidates by evidence kind (right / between two generated entities; first such example):"
    );
    for (kind, (right, wrong, example)) in &by_kind {
        println!("  {kind}: {right} / {wrong}  {example}");
    }
}

/// Reset the peak resident set size of this process (Linux 4.0+), so that
/// each run reports its own peak. Silently does nothing elsewhere.
fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// A size line of `/proc/self/status` (`VmHWM:` is the peak resident set
/// size, `VmRSS:` the current one), in MiB.
fn proc_status_mib(field: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Gold entities with two surfaces or more.
fn multi_entities(entity: &BTreeMap<String, usize>) -> usize {
    let mut sizes: BTreeMap<usize, usize> = BTreeMap::new();
    for &e in entity.values() {
        *sizes.entry(e).or_default() += 1;
    }
    sizes.values().filter(|&&n| n > 1).count()
}

/// Pairwise precision, recall, F1 from the contingency counts (linear,
/// where `nomina::eval::score` walks every pair).
fn pairwise(gold: &BTreeMap<String, usize>, system: &BTreeMap<String, String>) -> (f64, f64, f64) {
    let pairs = |n: usize| (n * n.saturating_sub(1) / 2) as f64;
    let mut by_gold: BTreeMap<usize, usize> = BTreeMap::new();
    let mut by_system: BTreeMap<&str, usize> = BTreeMap::new();
    let mut by_both: BTreeMap<(usize, &str), usize> = BTreeMap::new();
    for (s, &e) in gold {
        let c = system.get(s).map_or(s.as_str(), String::as_str);
        *by_gold.entry(e).or_default() += 1;
        *by_system.entry(c).or_default() += 1;
        *by_both.entry((e, c)).or_default() += 1;
    }
    let g: f64 = by_gold.values().map(|&n| pairs(n)).sum();
    let s: f64 = by_system.values().map(|&n| pairs(n)).sum();
    let t: f64 = by_both.values().map(|&n| pairs(n)).sum();
    let p = if s == 0.0 { 1.0 } else { t / s };
    let r = if g == 0.0 { 1.0 } else { t / g };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

/// xorshift64* (Vigna 2016): small, fast, and the same on every machine.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        // The state must not be 0; mix the seed so that 1, 2, 3 differ well.
        let mut x = seed ^ 0x9E37_79B9_7F4A_7C15;
        x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        x ^= x >> 31;
        Rng(if x == 0 { 1 } else { x })
    }
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        ((self.next() >> 32) * n as u64 >> 32) as usize
    }
    /// True with probability `percent`/100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

// Names are drawn in an abstract spelling, then written per language:
// `C` = tch/ch, `S` = ch/sh, `J` = dj/j, `Z` = j/zh, `X` = kh, `U` = ou/u,
// `Y` = the glide i/y before a vowel, `I` = the glide ï/i after a vowel.
const ONSETS: &[&str] = &[
    "b", "d", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "X", "C", "S", "J", "Z", "Y",
    "",
];
const VOWELS: &[&str] = &["a", "e", "i", "o", "U", "a", "o"];
const SURNAME_ENDS: &[&str] = &["ov", "ev", "in", "enko", "oviC", "bekov", "Ukov", "aIev"];
const FIRST_NAME_ENDS: &[&str] = &["", "", "a", "il", "eI", "an", "Ur", "ir"];
const PLACE_ENDS: &[&str] = &[
    "stan", "abad", "sk", "grad", "kent", "ovka", "insk", "Ur", "gorsk",
];
/// Organisation patterns, French and English, around a place.
const ORGS: &[(&str, &str)] = &[
    ("Organisation de {}", "Organization of {}"),
    ("Mouvement islamique de {}", "Islamic Movement of {}"),
    ("Front de libération de {}", "Liberation Front of {}"),
    ("Parti islamique de {}", "Islamic Party of {}"),
    ("Armée de libération de {}", "Liberation Army of {}"),
    ("Conseil de {}", "Council of {}"),
    ("Comité islamique de {}", "Islamic Committee of {}"),
];
/// Distinct first names in the table (news repeat few of them).
const FIRST_NAMES: usize = 300;

/// One abstract syllable: an onset and a vowel (no `Y` before `i`).
fn syllable(rng: &mut Rng) -> String {
    loop {
        let (o, v) = (*rng.pick(ONSETS), *rng.pick(VOWELS));
        if !(o == "Y" && v == "i") {
            return format!("{o}{v}");
        }
    }
}

fn word(rng: &mut Rng, syllables: usize, end: &str) -> String {
    let mut w: String = (0..syllables).map(|_| syllable(rng)).collect();
    // `a` + `aIev`: keep one vowel.
    if w.ends_with(|c: char| "aeiouU".contains(c))
        && end.starts_with(|c: char| "aeiouU".contains(c))
    {
        w.pop();
    }
    w.push_str(end);
    w
}

/// Write an abstract word the French or the English way, capitalised.
fn write(abstract_word: &str, lang: Lang) -> String {
    let mut out = String::new();
    let chars: Vec<char> = abstract_word.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let fr = lang == Lang::Fr;
        let piece = match c {
            'C' => {
                if fr {
                    "tch"
                } else {
                    "ch"
                }
            }
            'S' => {
                if fr {
                    "ch"
                } else {
                    "sh"
                }
            }
            'J' => {
                if fr {
                    "dj"
                } else {
                    "j"
                }
            }
            'Z' => {
                if fr {
                    "j"
                } else {
                    "zh"
                }
            }
            'X' => "kh",
            'U' => {
                if fr {
                    "ou"
                } else {
                    "u"
                }
            }
            'Y' => {
                if fr {
                    "i"
                } else {
                    "y"
                }
            }
            'I' => {
                if fr {
                    "ï"
                } else if i + 1 == chars.len() {
                    "y"
                } else {
                    "i"
                }
            }
            _ => {
                out.push(c);
                continue;
            }
        };
        out.push_str(piece);
    }
    // French writes the final `-in` of Russian names `-ine` (`Poutine`).
    if lang == Lang::Fr && out.ends_with("in") {
        out.push('e');
    }
    capitalise(&out)
}

fn capitalise(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(f) => f.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

/// The generated set: surfaces sorted by text, each surface's entity, and
/// how many entities of each kind (person, place, organisation, acronym)
/// contributed.
struct Generated {
    surfaces: Vec<Surface>,
    entity: BTreeMap<String, usize>,
    by_kind: [usize; 4],
}

/// Which spellings an entity shows: French, English, or both (a variant
/// pair, when the two differ).
fn spellings(rng: &mut Rng) -> &'static [Lang] {
    match rng.below(10) {
        0..=3 => &[Lang::Fr, Lang::En],
        4..=6 => &[Lang::Fr],
        _ => &[Lang::En],
    }
}

/// `n` distinct surfaces from `seed`.
fn generate(n: usize, seed: u64) -> Generated {
    let mut rng = Rng::new(seed);
    let first_names: Vec<String> = (0..FIRST_NAMES)
        .map(|_| {
            let syl = 1 + rng.below(2);
            let end = *rng.pick(FIRST_NAME_ENDS);
            word(&mut rng, syl, end)
        })
        .collect();
    let mut entity: BTreeMap<String, usize> = BTreeMap::new();
    let mut surfaces: Vec<Surface> = Vec::with_capacity(n);
    let mut by_kind = [0usize; 4];
    let mut next_entity = 0;
    let mut tries = 0usize;
    while surfaces.len() < n {
        tries += 1;
        assert!(
            tries < 50 * n + 1000,
            "the generator cannot find {n} distinct names"
        );
        let kind = match rng.below(100) {
            0..=49 => 0,
            50..=69 => 1,
            70..=89 => 2,
            _ => 3,
        };
        let variants: Vec<(String, Lang)> = match kind {
            0 => {
                let first = rng.pick(&first_names).clone();
                let syl = 1 + rng.below(3);
                let end = *rng.pick(SURNAME_ENDS);
                let last = word(&mut rng, syl, end);
                spellings(&mut rng)
                    .iter()
                    .map(|&l| (format!("{} {}", write(&first, l), write(&last, l)), l))
                    .collect()
            }
            1 | 2 => {
                let syl = 1 + rng.below(3);
                let end = *rng.pick(PLACE_ENDS);
                let place = word(&mut rng, syl, end);
                let org = rng.pick(ORGS);
                spellings(&mut rng)
                    .iter()
                    .map(|&l| {
                        let p = write(&place, l);
                        let text = match (kind, l) {
                            (1, _) => p,
                            (_, Lang::Fr) => french_of(org.0, &p),
                            _ => org.1.replace("{}", &p),
                        };
                        (text, l)
                    })
                    .collect()
            }
            _ => {
                let len = 2 + rng.below(4);
                let text: String = (0..len)
                    .map(|_| char::from(b'A' + rng.below(26) as u8))
                    .collect();
                let lang = if rng.chance(50) { Lang::Fr } else { Lang::En };
                vec![(text, lang)]
            }
        };
        // Take the entity only if none of its spellings is taken (so that
        // the gold stays exact), and no more than `n` surfaces in all.
        let mut fresh: Vec<(String, Lang)> = Vec::new();
        for (t, l) in variants {
            if !fresh.iter().any(|(x, _)| *x == t) {
                fresh.push((t, l));
            }
        }
        if fresh.iter().any(|(t, _)| entity.contains_key(t)) || surfaces.len() + fresh.len() > n {
            continue;
        }
        by_kind[kind] += 1;
        for (text, lang) in fresh {
            entity.insert(text.clone(), next_entity);
            surfaces.push(Surface {
                kind: if is_acronym(&text) {
                    Kind::Acronym
                } else {
                    Kind::Name
                },
                text,
                lang,
                count: 1,
                count_en: usize::from(lang == Lang::En),
                docs: BTreeSet::new(),
                contexts: Vec::new(),
            });
        }
        next_entity += 1;
    }
    surfaces.sort_by(|a, b| a.text.cmp(&b.text));
    Generated {
        surfaces,
        entity,
        by_kind,
    }
}

/// `Organisation de {}` with French elision before a vowel
/// (`Organisation d'Ouzbékistan`).
fn french_of(pattern: &str, place: &str) -> String {
    if place.starts_with(['A', 'E', 'I', 'O', 'U']) {
        pattern.replace("de {}", &format!("d'{place}"))
    } else {
        pattern.replace("{}", place)
    }
}
