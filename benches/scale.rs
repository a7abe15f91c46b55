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
//! inside a local rayon pool of 1 and of 2 threads, `--runs` times each,
//! each run in a fresh process of its own so that its peak RSS is its own
//! (the best run is the figure: the machine is shared). It checks that
//! every run gives the same candidates and mapping, and then times the
//! stages one by one (profiles, blocking, scoring, clustering) on 2
//! threads. It also scores
//! the mapping against the generator's gold, as a sanity check.
//!
//! `cargo bench --bench scale -- --names 100000 --seed 1 --runs 3`

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
    let mut runs: usize = 3;
    let mut child: Option<usize> = None;
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
            "--runs" => runs = (value("--runs") as usize).max(1),
            // Internal: one timed run in a fresh process (see `timed_run`).
            "--child-threads" => child = Some(value("--child-threads") as usize),
            other => usage(&format!("unknown argument {other:?}")),
        }
    }
    if let Some(threads) = child {
        child_run(names, seed, threads);
        return;
    }

    println!("command: cargo bench --bench scale -- --names {names} --seed {seed} --runs {runs}");
    // Other work on the machine slows a run down; the best of several
    // runs is the figure, and the load says how busy the machine was.
    println!("load average at start: {}", load_average());
    let start = Instant::now();
    let generated = generate(names, seed);
    let gen_seconds = start.elapsed().as_secs_f64();
    assert_eq!(generated.surfaces.len(), names, "the generator fell short");
    let texts: BTreeSet<&str> = generated.surfaces.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(texts.len(), names, "surfaces are not distinct");
    let count_lang = |l: Lang| generated.surfaces.iter().filter(|s| s.lang == l).count();
    println!(
        "generated {names} distinct surfaces in {gen_seconds:.2} s: {} persons, {} places, {} organisations, {} acronyms; {} French, {} English; {} gold entities with 2+ surfaces",
        generated.by_kind[0],
        generated.by_kind[1],
        generated.by_kind[2],
        generated.by_kind[3],
        count_lang(Lang::Fr),
        count_lang(Lang::En),
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

    // Each run is a process of its own, so that its peak RSS is its own
    // and no earlier result or allocator cache is counted in it.
    println!(
        "| threads | align wall s (best of {runs}) | all runs s | candidates | clusters >1 | peak RSS MiB (of which before align) |"
    );
    println!("|---:|---:|---|---:|---:|---:|");
    let mut digests: BTreeSet<u64> = BTreeSet::new();
    for threads in [1, 2] {
        let results: Vec<Run> = (0..runs).map(|_| timed_run(names, seed, threads)).collect();
        let best = results.iter().map(|r| r.seconds).fold(f64::MAX, f64::min);
        let all: Vec<String> = results
            .iter()
            .map(|r| format!("{:.2}", r.seconds))
            .collect();
        let peak = results.iter().map(|r| r.peak_kib).max().unwrap_or(0);
        let before = results.iter().map(|r| r.before_kib).max().unwrap_or(0);
        let r = &results[0];
        println!(
            "| {threads} | {best:.2} | {} | {} | {} | {:.0} ({:.0}) |",
            all.join(", "),
            r.candidates,
            r.merged,
            peak as f64 / 1024.0,
            before as f64 / 1024.0,
        );
        if threads == 2 && best > TARGET_SECONDS {
            println!("(over the {TARGET_SECONDS} s target on 2 threads)");
        }
        digests.extend(results.iter().map(|r| r.digest));
    }
    assert_eq!(
        digests.len(),
        1,
        "runs differ in candidates or mapping (1 vs 2 threads, or run to run)"
    );
    println!();
    println!(
        "every run, 1 and 2 threads: identical candidates and mapping (digest {:016x})",
        digests.first().expect("one digest")
    );

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .expect("a rayon pool");
    let surfaces = generated.surfaces.clone();
    let start = Instant::now();
    let alignment =
        pool.install(|| pipeline::align(surfaces, &[], &[], None, &AlignOptions::default()));
    let align_s = start.elapsed().as_secs_f64();
    assert_eq!(
        digest(&alignment),
        *digests.first().expect("one digest"),
        "the in-process run differs from the timed runs"
    );
    let (p, r, f) = pairwise(&generated.entity, &alignment.mapping());
    println!(
        "against the generator's gold: P {p:.3}, R {r:.3}, F1 {f:.3} (synthetic names; a sanity check, not a quality figure)"
    );
    wrong_candidates(&alignment, &generated.entity);
    println!();
    stages(&generated.surfaces, align_s);
}

/// What one timed run reports.
struct Run {
    seconds: f64,
    candidates: usize,
    merged: usize,
    peak_kib: u64,
    before_kib: u64,
    digest: u64,
}

/// Run this benchmark again as a child that aligns once on `threads`
/// threads, and read its one line of figures.
fn timed_run(names: usize, seed: u64, threads: usize) -> Run {
    let exe = std::env::current_exe().expect("the benchmark's own path");
    let out = std::process::Command::new(exe)
        .args([
            "--names",
            &names.to_string(),
            "--seed",
            &seed.to_string(),
            "--child-threads",
            &threads.to_string(),
        ])
        .output()
        .expect("run the benchmark as a child");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "child run failed: {stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let field = |name: &str| -> &str {
        stdout
            .split_whitespace()
            .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
            .unwrap_or_else(|| panic!("child output lacks {name}: {stdout}"))
    };
    Run {
        seconds: field("seconds").parse().expect("seconds"),
        candidates: field("candidates").parse().expect("candidates"),
        merged: field("merged").parse().expect("merged"),
        peak_kib: field("peak_kib").parse().expect("peak_kib"),
        before_kib: field("before_kib").parse().expect("before_kib"),
        digest: u64::from_str_radix(field("digest"), 16).expect("digest"),
    }
}

/// The child's side of [`timed_run`]: generate, align once, print figures.
fn child_run(names: usize, seed: u64, threads: usize) {
    let generated = generate(names, seed);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a rayon pool");
    let before = proc_status_kib("VmRSS:").unwrap_or(0);
    let start = Instant::now();
    let alignment = pool
        .install(|| pipeline::align(generated.surfaces, &[], &[], None, &AlignOptions::default()));
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "seconds={seconds:.4} candidates={} merged={} peak_kib={} before_kib={before} digest={:016x}",
        alignment.candidates.len(),
        alignment.merged_clusters(),
        proc_status_kib("VmHWM:").unwrap_or(0),
        digest(&alignment),
    );
}

/// FNV-1a over the candidates and the mapping: equal digests, equal
/// results (for comparing runs across processes).
fn digest(alignment: &Alignment) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        // A separator, so that ("ab", "c") and ("a", "bc") differ.
        h ^= 0xff;
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    for c in &alignment.candidates {
        eat(&c.a.to_le_bytes());
        eat(&c.b.to_le_bytes());
        eat(&c.score.to_bits().to_le_bytes());
        eat(c.evidence.as_bytes());
    }
    for (variant, canonical) in alignment.mapping() {
        eat(variant.as_bytes());
        eat(canonical.as_bytes());
    }
    h
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg").map_or("?".to_string(), |l| {
        l.split_whitespace().take(3).collect::<Vec<_>>().join(" ")
    })
}

fn usage(why: &str) -> ! {
    eprintln!(
        "scale: {why}\nusage: cargo bench --bench scale -- [--names N] [--seed S] [--runs R]"
    );
    std::process::exit(2);
}

/// The stages of `align` timed one by one on a 2-thread pool, with the
/// work each does; what `align` (timed whole at `align_s`) spends beyond
/// them is the glossary rows and review proposals (`tabulate`).
fn stages(surfaces: &[Surface], align_s: f64) {
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
        let clusters = cluster::cluster(
            surfaces,
            &profiles,
            &candidates,
            &Constraints::default(),
            &Default::default(),
        );
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
        println!(
            "| rest of align: glossary rows, proposals (by difference) | {:.2} | align {align_s:.2} s in this process |",
            (align_s - profile_s - candidates_s - cluster_s).max(0.0)
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

/// A size line of `/proc/self/status` (`VmHWM:` is the peak resident set
/// size, `VmRSS:` the current one), in KiB; `None` off Linux.
fn proc_status_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
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
        (((self.next() >> 32) * n as u64) >> 32) as usize
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
