//! Canonicalisation at memory speed (issue 5): nomina's [`Replacer`] beside
//! the ceiling (the `aho-corasick` crate's bare `find_iter` count with the
//! same patterns) and a naive baseline (one `regex` alternation of all
//! variants with `\b` boundaries), on a generated French/English corpus and
//! glossaries of 100, 10 000 and 100 000 variants; then the real binary in
//! folder mode for its peak memory and wall time.
//!
//! `cargo bench --bench canon -- [--mb 100] [--seed 1] [--runs 3]
//! [--regex-mb 5] [--regex-secs 60] [--no-folder] [--profile SIZE]`
//!
//! `--profile SIZE` only runs nomina over the corpus with one glossary,
//! `--runs` times, for `perf record`. `CANON_DEBUG=1` lists, per variant,
//! where nomina's count and the expected count differ.
//!
//! **The corpus** (`target/bench-canon/`) is made from the seed by a small
//! xorshift generator: documents of 20–200 KB, paragraphs of common French
//! and English words with names mixed in. Names come from the curated
//! glossary (`glossary/glossary.csv`, the real seed names) and from
//! synthetic entities built from syllables (places, people, acronyms, each
//! with French transliterations). Names appear plain, elided (`l’EI-K`,
//! `d’Ouzbékistan`), in brackets or guillemets, possessive, with no-break
//! spaces, and as near-misses that must not be replaced (`Kalougaise`,
//! `pro-Kalouga`, `Kalouga-Nord`). The three glossaries are prefixes of one
//! list of rows (`canonical,variant,status`, status `proposed`), so each holds
//! the smaller ones. The files are made again only when the seed, the size,
//! the generator or the curated glossary changed (`manifest.tsv`).
//!
//! **Answers are checked.** The generator writes every name group it put in
//! the text, with its count (`groups.tsv`); for each glossary the expected
//! number of replacements is recounted from those groups alone with a plain
//! hash-map matcher (longest whole-word variant at each word start), and
//! nomina's count must equal it, on one thread, on two, and in
//! folder mode (where the copies must also have the same total size as the
//! in-memory outputs). The count of `find_iter` matches filtered by
//! [`on_boundaries`] is printed beside it.
//!
//! **Timing.** The whole corpus is read into memory first; only the
//! replacement is timed, the fastest of `--runs` runs. MB are 10⁶ bytes. The
//! regex baseline runs on the first `--regex-mb` MB of documents (or as many
//! as it gets through in `--regex-secs`) and its speed is extrapolated; a
//! regex that does not compile in `--regex-secs` is reported as such.

use aho_corasick::{AhoCorasick, Input, MatchKind};
use nomina::canon::{Replacer, on_boundaries};
use nomina::glossary::Mapping;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};
use unicode_normalization::{IsNormalized, is_nfc_quick};

/// Glossary sizes, in rows (variants).
const SIZES: [usize; 3] = [100, 10_000, 100_000];
/// Bump when the generator changes, so that old corpora are made again.
const GENERATOR: u32 = 2;
/// Targets of issue 5.
const TARGET_RATIO: f64 = 0.5;
const TARGET_SPEEDUP: f64 = 1.8;
const TARGET_PEAK_MB: f64 = 100.0;

struct Options {
    mb: usize,
    seed: u64,
    runs: usize,
    regex_mb: usize,
    regex_secs: u64,
    /// Only loop nomina over the corpus with this glossary (for `perf`).
    profile: Option<usize>,
    /// Skip the folder-mode runs of the binary.
    no_folder: bool,
}

fn main() {
    let opts = parse_args();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-canon");
    println!(
        "command: cargo bench --bench canon -- --mb {} --seed {} --runs {} --regex-mb {} --regex-secs {}",
        opts.mb, opts.seed, opts.runs, opts.regex_mb, opts.regex_secs
    );
    println!("{}", machine());

    let t = Instant::now();
    let generated = ensure_corpus(&root, &opts);
    println!(
        "corpus: {} ({}, {:.1} s)",
        root.join("corpus").display(),
        if generated { "generated" } else { "reused" },
        t.elapsed().as_secs_f64()
    );
    if let Ok(m) = std::fs::read_to_string(root.join("manifest.tsv")) {
        println!(
            "manifest: {}",
            m.trim().replace('\t', " ").replace('\n', "; ")
        );
    }
    let docs = read_corpus(&root.join("corpus"));
    let bytes: usize = docs.iter().map(String::len).sum();
    let mb = bytes as f64 / 1e6;
    println!("{} documents, {mb:.1} MB", docs.len());
    if let Some(size) = opts.profile {
        let replacer = Replacer::new(&read_glossary(&glossary_path(&root, size)))
            .expect("compile the glossary");
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .expect("a pool of 2 threads");
        for threads in [1, 2] {
            for _ in 0..opts.runs {
                let (cpu, t) = (cpu_time(), Instant::now());
                let n: usize = if threads == 1 {
                    docs.iter().map(|d| replacer.replace(d).1.len()).sum()
                } else {
                    pool.install(|| docs.par_iter().map(|d| replacer.replace(d).1.len()).sum())
                };
                println!(
                    "{threads} thread(s): {n} replacements in {:.3} s (CPU {:.3} s)",
                    t.elapsed().as_secs_f64(),
                    cpu_time().saturating_sub(cpu).as_secs_f64()
                );
            }
        }
        return;
    }
    let groups = read_groups(&root.join("groups.tsv"));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .expect("a pool of 2 threads");

    let mut rows = Vec::new();
    for &size in &SIZES {
        rows.push(measure(
            size,
            &glossary_path(&root, size),
            &docs,
            &groups,
            &pool,
            opts.runs,
        ));
    }
    for row in &mut rows {
        if opts.no_folder {
            row.folder_note = "not run (`--no-folder`)".into();
        } else {
            folder_mode(row, &root, opts.runs);
        }
    }
    // The regex runs last: a compilation that never ends is abandoned on
    // its thread, and the process exits when the tables are printed.
    for row in &mut rows {
        naive_regex(row, &docs, &opts);
    }
    print_tables(&rows, mb);
}

fn parse_args() -> Options {
    let mut opts = Options {
        mb: 100,
        seed: 1,
        runs: 3,
        regex_mb: 5,
        regex_secs: 60,
        profile: None,
        no_folder: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = |name: &str| -> u64 {
            args.next()
                .and_then(|v| v.parse().ok())
                .unwrap_or_else(|| usage(&format!("{name} wants a number")))
        };
        match a.as_str() {
            // cargo passes `--bench` to every bench target.
            "--bench" => {}
            "--mb" => opts.mb = value("--mb") as usize,
            "--seed" => opts.seed = value("--seed"),
            "--runs" => opts.runs = (value("--runs") as usize).max(1),
            "--regex-mb" => opts.regex_mb = value("--regex-mb") as usize,
            "--regex-secs" => opts.regex_secs = value("--regex-secs").max(1),
            "--profile" => opts.profile = Some(value("--profile") as usize),
            "--no-folder" => opts.no_folder = true,
            other => usage(&format!("unknown argument {other:?}")),
        }
    }
    opts
}

fn usage(why: &str) -> ! {
    eprintln!(
        "canon: {why}\nusage: cargo bench --bench canon -- [--mb N] [--seed S] [--runs R] [--regex-mb M] [--regex-secs T] [--no-folder] [--profile SIZE]"
    );
    std::process::exit(2);
}

// ---------------------------------------------------------------------------
// Setup: machine, date, commit.

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let load = load_average();
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .ok()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_default()
    };
    let commit = git(&["rev-parse", "--short", "HEAD"]);
    let dirty = git(&["status", "--porcelain", "--", "src"]);
    format!(
        "machine: {cores} cores (nproc), {cpu}; load average {load}\ndate: {} (UTC)\ncommit: {commit}{}",
        today(),
        if dirty.is_empty() {
            String::new()
        } else {
            format!(
                " with uncommitted changes in src/ ({} files)",
                dirty.lines().count()
            )
        }
    )
}

/// The 1, 5 and 15 minute load averages: other work on the machine
/// disturbs the figures, the 2-thread ones most.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

/// Today's date, from the system clock (civil-from-days).
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

// ---------------------------------------------------------------------------
// The corpus generator.

/// xorshift64* (Vigna): small, fast, and the same on every machine.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        let mut rng = Rng((seed ^ 0x9E37_79B9_7F4A_7C15).max(1));
        for _ in 0..8 {
            rng.next();
        }
        rng
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        ((self.next() >> 11) % n as u64) as usize
    }

    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

#[rustfmt::skip]
const FRENCH: &[&str] = &[
    "le", "la", "les", "un", "une", "des", "de", "du", "et", "en", "au", "aux", "à", "dans", "sur",
    "pour", "par", "avec", "sans", "sous", "entre", "vers", "contre", "selon", "après", "avant",
    "depuis", "pendant", "mais", "ou", "donc", "car", "ni", "que", "qui", "dont", "où", "il",
    "elle", "ils", "elles", "on", "nous", "vous", "ce", "cette", "ces", "son", "sa", "ses", "leur",
    "leurs", "plus", "moins", "très", "aussi", "encore", "déjà", "toujours", "jamais", "ne", "pas",
    "a", "ont", "est", "sont", "était", "étaient", "sera", "seront", "été", "fait", "dit",
    "déclaré", "annoncé", "confirmé", "rapporté", "indiqué", "affirmé", "arrêté", "arrêtés", "tué",
    "tués", "blessé", "blessés", "accusé", "accusés", "condamné", "jugé", "visé", "menacé",
    "attaque", "attentat", "attaques", "cellule", "réseau", "groupe", "branche", "région",
    "province", "village", "ville", "capitale", "frontière", "pays", "gouvernement", "ministre",
    "ministère", "président", "police", "armée", "forces", "services", "sécurité", "renseignement",
    "opération", "enquête", "procès", "tribunal", "justice", "prison", "ans", "mois", "semaine",
    "jour", "jours", "hier", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
    "dimanche", "mars", "avril", "mai", "juin", "juillet", "presse", "agence", "journal", "médias",
    "communiqué", "vidéo", "rapport", "analyse", "chercheur", "expert", "experts", "selon",
    "source", "sources", "officiel", "officielle", "officiels", "autorités", "citoyens",
    "habitants", "migrants", "travailleurs", "recrutement", "propagande", "financement", "menace",
    "terroriste", "terroristes", "extrémiste", "radicalisation", "combattants", "chef", "chefs",
    "dirigeant", "membres", "membre", "nouveau", "nouvelle", "ancien", "ancienne", "premier",
    "première", "dernier", "dernière", "grand", "grande", "petit", "deux", "trois", "quatre",
    "cinq", "dix", "cent", "mille", "plusieurs", "certains", "nombreux", "tous", "toutes", "autre",
    "autres", "même", "tel", "politique", "économique", "sociale", "religieuse", "religieuses",
    "juive", "musulmane", "étrangère", "internationale", "régionale", "locale", "nationale",
    "l’homme", "l’armée", "l’enquête", "d’une", "d’un", "qu’il", "qu’elle", "n’est", "s’est",
    "l’attaque", "l’année", "aujourd’hui", "c’est", "j’ai", "l’accord", "d’après", "lors",
    "tandis", "puis", "ainsi", "enfin", "notamment", "environ", "près", "loin", "haut", "bas",
    "nord", "sud", "est", "ouest", "côté", "face", "fin", "début", "suite", "cause", "raison",
    "question", "problème", "crise", "guerre", "paix", "accord", "négociations", "sommet",
    "réunion", "visite", "coopération", "partenaires", "alliés", "échange", "commerce", "gaz",
    "pétrole", "énergie", "eau", "route", "routes", "chemin", "fer", "projet", "projets",
    "investissement", "banque", "dette", "prix", "marché",
];

#[rustfmt::skip]
const ENGLISH: &[&str] = &[
    "the", "a", "an", "of", "in", "on", "at", "to", "for", "from", "with", "by", "about", "into",
    "over", "under", "after", "before", "since", "during", "between", "against", "and", "or",
    "but", "so", "yet", "that", "which", "who", "whom", "whose", "where", "when", "while", "he",
    "she", "they", "we", "you", "it", "his", "her", "their", "its", "our", "this", "these",
    "those", "more", "less", "most", "very", "also", "still", "already", "never", "not", "no",
    "has", "have", "had", "is", "are", "was", "were", "will", "would", "could", "should", "been",
    "said", "told", "announced", "confirmed", "reported", "claimed", "denied", "arrested",
    "killed", "wounded", "accused", "charged", "sentenced", "tried", "targeted", "threatened",
    "attack", "attacks", "plot", "cell", "network", "group", "branch", "region", "province",
    "village", "city", "capital", "border", "country", "government", "minister", "ministry",
    "president", "police", "army", "forces", "services", "security", "intelligence", "operation",
    "investigation", "trial", "court", "justice", "prison", "years", "months", "week", "day",
    "days", "yesterday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "march", "april", "may", "june", "july", "press", "agency", "newspaper", "media",
    "statement", "video", "report", "analysis", "researcher", "expert", "experts", "according",
    "source", "sources", "official", "officials", "authorities", "citizens", "residents",
    "migrants", "workers", "recruitment", "propaganda", "funding", "threat", "terrorist",
    "terrorists", "extremist", "radicalization", "fighters", "leader", "leaders", "members",
    "member", "new", "former", "first", "last", "large", "small", "two", "three", "four", "five",
    "ten", "hundred", "thousand", "several", "some", "many", "all", "other", "others", "same",
    "such", "political", "economic", "social", "religious", "jewish", "muslim", "foreign",
    "international", "regional", "local", "national", "it’s", "don’t", "wasn’t", "didn’t",
    "couldn’t", "there’s", "then", "thus", "finally", "notably", "around", "near", "far", "high",
    "low", "north", "south", "east", "west", "side", "end", "start", "issue", "problem", "crisis",
    "war", "peace", "deal", "talks", "summit", "meeting", "visit", "partners", "allies", "trade",
    "oil", "energy", "water", "road", "roads", "railway", "project", "projects", "investment",
    "bank", "debt", "price", "market", "well-known", "long-term", "follow-up",
];

/// Words that may stand inside a multi-word name without making the
/// surrounding text a name (`Programme des Nations Unies pour …`).
#[rustfmt::skip]
const STOP: &[&str] = &[
    "le", "la", "les", "de", "des", "du", "pour", "et", "au", "in", "of", "the", "for", "group",
    "a", "à", "en",
];

#[rustfmt::skip]
const SYLLABLES: &[&str] = &[
    "ka", "ra", "sha", "bek", "tur", "mi", "za", "lo", "no", "dar", "gul", "ru", "sa", "yu", "ja",
    "ali", "bo", "ta", "ni", "sul", "tan", "ur", "gan", "ash", "zhi", "ol", "mu", "ham", "ed",
    "far", "ruk", "sai", "di", "ye", "in", "ber", "gi", "hu", "mo", "pe", "qa", "ri", "sen", "ti",
    "vo", "wa", "kho", "na", "shi", "do", "ba", "la", "ma", "ki", "zu", "fa", "ne", "so", "ku",
    "ya", "jon", "kur", "bay", "tash", "us", "om", "ir", "ab", "dul", "yo",
];

/// One entity: its canonical form first, then its other variants.
struct Entity {
    surfaces: Vec<String>,
}

fn cap(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

fn syllables(rng: &mut Rng, min: usize, max: usize) -> String {
    let n = min + rng.below(max - min + 1);
    (0..n).map(|_| *rng.pick(SYLLABLES)).collect()
}

/// A French transliteration of a romanised name: `sh`→`ch`, `zh`→`j`,
/// `j`→`dj`, `u`→`ou`, `w`→`ou`, `y` before a vowel → `i`.
fn frenchify(s: &str) -> String {
    let b: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < b.len() {
        let next = b.get(i + 1).copied();
        let prev = if i > 0 { Some(b[i - 1]) } else { None };
        match (b[i].to_ascii_lowercase(), next) {
            ('s', Some('h')) => {
                out.push_str(if b[i].is_uppercase() { "Ch" } else { "ch" });
                i += 1;
            }
            ('z', Some('h')) => {
                out.push(if b[i].is_uppercase() { 'J' } else { 'j' });
                i += 1;
            }
            ('j', _) => out.push_str(if b[i].is_uppercase() { "Dj" } else { "dj" }),
            ('u', _) if prev != Some('o') => {
                out.push_str(if b[i].is_uppercase() { "Ou" } else { "ou" })
            }
            ('w', _) => out.push_str(if b[i].is_uppercase() { "Ou" } else { "ou" }),
            ('y', Some(v)) if "aeiou".contains(v) => {
                out.push(if b[i].is_uppercase() { 'I' } else { 'i' })
            }
            _ => out.push(b[i]),
        }
        i += 1;
    }
    out
}

/// The real seed names: accepted rows of the curated glossary.
fn seed_entities() -> Vec<Entity> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("glossary/glossary.csv");
    let mut reader = csv::Reader::from_path(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut by_canonical: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for record in reader.records() {
        let record = record.expect("a row of the curated glossary");
        let (canonical, variant, status) = (&record[0], &record[1], &record[4]);
        if status != "accepted" {
            continue;
        }
        let e = by_canonical
            .entry(canonical.to_string())
            .or_insert_with(|| vec![canonical.to_string()]);
        if !e.iter().any(|v| v == variant) {
            e.push(variant.to_string());
        }
    }
    by_canonical
        .into_values()
        .map(|surfaces| Entity { surfaces })
        .collect()
}

/// A synthetic entity: a place, a person or an acronym.
fn synthetic_entity(rng: &mut Rng) -> Entity {
    let kind = rng.below(10);
    let mut surfaces = Vec::new();
    if kind < 5 {
        let suffix = *rng.pick(&["stan", "abad", "grad", "sk", "kent", "ovo", "", "", ""]);
        let canonical = cap(&(syllables(rng, 2, 3) + suffix));
        surfaces.push(canonical.clone());
        surfaces.push(frenchify(&canonical));
        if rng.chance(0.3) {
            surfaces.push(canonical.replacen('i', "y", 1));
        }
    } else if kind < 9 {
        let first = cap(&syllables(rng, 2, 2));
        let suffix = *rng.pick(&["ov", "ev", "ova", "bekov", "zoda", "i", "yev"]);
        let last = cap(&(syllables(rng, 1, 2) + suffix));
        surfaces.push(format!("{first} {last}"));
        surfaces.push(format!("{} {}", frenchify(&first), frenchify(&last)));
        surfaces.push(last.clone());
        surfaces.push(frenchify(&last));
        if rng.chance(0.3) {
            surfaces.push(format!("{}. {last}", &first[..1]));
        }
    } else {
        let n = 3 + rng.below(2);
        let letters: String = (0..n)
            .map(|_| {
                *rng.pick(&[
                    'B', 'D', 'F', 'G', 'K', 'L', 'M', 'N', 'P', 'R', 'S', 'T', 'Z',
                ])
            })
            .collect();
        surfaces.push(letters.clone());
        surfaces.push(letters.chars().rev().collect());
    }
    let mut seen = HashSet::new();
    surfaces.retain(|s| seen.insert(s.clone()));
    Entity { surfaces }
}

/// Everything the text is made from.
struct World {
    /// Entities in glossary order (seed and synthetic alternating, then
    /// synthetic only).
    entities: Vec<Entity>,
    /// Per size in [`SIZES`]: how many entities have a row in that glossary.
    in_glossary: Vec<usize>,
    /// Every surface of every entity.
    surfaces: HashSet<String>,
    french: Vec<&'static str>,
    english: Vec<&'static str>,
}

fn world(rng: &mut Rng) -> World {
    let lower_words: HashSet<String> = FRENCH
        .iter()
        .chain(ENGLISH)
        .map(|w| w.to_lowercase())
        .collect();
    let seeds = seed_entities();
    let mut surfaces: HashSet<String> = HashSet::new();
    let mut entities = Vec::new();
    let mut rows = 0;
    let mut seeds = seeds.into_iter();
    let max = *SIZES.iter().max().expect("sizes");
    let mut turn = 0;
    while rows < max {
        turn += 1;
        let (mut entity, seed) = match (turn % 2 == 1).then(|| seeds.next()).flatten() {
            Some(e) => (e, true),
            None => (synthetic_entity(rng), false),
        };
        if !seed {
            // Synthetic names are never common words nor other names.
            let clash = entity.surfaces.iter().any(|s| {
                s.split(' ')
                    .any(|t| lower_words.contains(&t.to_lowercase()))
            });
            if clash || surfaces.contains(&entity.surfaces[0]) {
                continue;
            }
        }
        entity.surfaces.retain(|s| !surfaces.contains(s));
        if entity.surfaces.is_empty() {
            continue;
        }
        surfaces.extend(entity.surfaces.iter().cloned());
        rows += entity.surfaces.len();
        entities.push(entity);
    }
    let in_glossary = SIZES
        .iter()
        .map(|&size| {
            let mut rows = 0;
            entities
                .iter()
                .take_while(|e| {
                    let inside = rows < size;
                    rows += e.surfaces.len();
                    inside
                })
                .count()
        })
        .collect();
    // Common words never spell a name, nor a non-stop word of one.
    let mut name_words: HashSet<String> = HashSet::new();
    for s in &surfaces {
        for t in s.split(|c: char| c.is_whitespace() || c == '’' || c == '\'') {
            if !STOP.contains(&t.to_lowercase().as_str()) {
                name_words.insert(t.to_lowercase());
            }
        }
    }
    let keep = |w: &&&str| {
        !surfaces.contains(**w)
            && !surfaces.contains(&cap(w))
            && !name_words.contains(&w.to_lowercase())
    };
    World {
        french: FRENCH.iter().filter(keep).copied().collect(),
        english: ENGLISH.iter().filter(keep).copied().collect(),
        entities,
        in_glossary,
        surfaces,
    }
}

/// One name in the text: what stands before it, the group (the text
/// between two word boundaries, recorded for the expected counts), and what
/// follows it.
fn mention(rng: &mut Rng, w: &World, french: bool) -> (&'static str, String, &'static str) {
    let r = rng.below(100);
    let entities = match r {
        0..40 => &w.entities[..w.in_glossary[0]],
        40..70 => &w.entities[..w.in_glossary[1]],
        _ => &w.entities[..],
    };
    let surface = if r >= 95 {
        // A name no glossary knows.
        loop {
            let s = cap(&(syllables(rng, 2, 3) + "ine"));
            if !w.surfaces.contains(&s) {
                break s;
            }
        }
    } else {
        let entity = rng.pick(entities);
        rng.pick(&entity.surfaces).clone()
    };
    let vowel = surface.starts_with(['A', 'E', 'I', 'O', 'U', 'É', 'Ê', 'Â']);
    match rng.below(100) {
        0..10 if french && vowel => (*rng.pick(&["l’", "d’", "l'", "d'", "qu’"]), surface, ""),
        10..15 if french => ("«\u{a0}", surface, "\u{a0}»"),
        10..15 => ("(", surface, ")"),
        15..19 if !french => ("", surface, *rng.pick(&["’s", "'s"])),
        19..24 => {
            let suffix = *rng.pick(&["aise", "ais", "ienne", "iens", "ois", "ism", "ese", "ite"]);
            ("", surface + suffix, "")
        }
        24..28 => {
            let group = match rng.below(4) {
                0 => format!("pro-{surface}"),
                1 => format!("anti-{surface}"),
                2 => format!("{surface}-Nord"),
                _ => format!("{surface}-based"),
            };
            ("", group, "")
        }
        28..34 if surface.contains(' ') => {
            let space = if rng.chance(0.5) {
                "\u{a0}"
            } else {
                "\u{202f}"
            };
            ("", surface.replace(' ', space), "")
        }
        _ => ("", surface, ""),
    }
}

fn paragraph(rng: &mut Rng, w: &World, groups: &mut HashMap<String, u64>, out: &mut String) {
    let french = rng.chance(0.5);
    let (main, other) = if french {
        (&w.french, &w.english)
    } else {
        (&w.english, &w.french)
    };
    for _ in 0..3 + rng.below(6) {
        let slots = 6 + rng.below(17);
        let mut after_name = true;
        for i in 0..slots {
            if i > 0 {
                out.push(' ');
            }
            if !after_name && rng.chance(0.08) {
                let (before, group, after) = mention(rng, w, french);
                out.push_str(before);
                out.push_str(&group);
                out.push_str(after);
                *groups.entry(group).or_default() += 1;
                after_name = true;
            } else {
                let word = if rng.chance(0.9) {
                    rng.pick(main)
                } else {
                    rng.pick(other)
                };
                if i == 0 {
                    out.push_str(&cap(word));
                } else {
                    out.push_str(word);
                }
                after_name = false;
            }
            if i + 1 < slots && rng.chance(0.05) {
                out.push(',');
            }
        }
        out.push_str(if rng.chance(0.05) { " ?" } else { "." });
        out.push(' ');
    }
    out.pop();
    out.push_str("\n\n");
}

/// A title: a few words, maybe a name, no full stop.
fn title(rng: &mut Rng, w: &World, groups: &mut HashMap<String, u64>, out: &mut String) {
    let french = rng.chance(0.5);
    let words = if french { &w.french } else { &w.english };
    let n = 4 + rng.below(7);
    let name_at = rng.below(2 * n);
    for i in 0..n {
        if i > 0 {
            out.push(' ');
        }
        if i == name_at {
            let (before, group, after) = mention(rng, w, french);
            out.push_str(before);
            out.push_str(&group);
            out.push_str(after);
            *groups.entry(group).or_default() += 1;
            out.push(' ');
        }
        let word = rng.pick(words);
        out.push_str(&if i == 0 { cap(word) } else { word.to_string() });
    }
    out.push_str("\n\n");
}

fn glossary_path(root: &Path, size: usize) -> PathBuf {
    root.join(format!("glossary-{size}.csv"))
}

/// Make the corpus, the glossaries and the group counts unless the manifest
/// says they are already there for this seed and size. Returns whether it
/// generated.
fn ensure_corpus(root: &Path, opts: &Options) -> bool {
    // The seed names come from the curated glossary: a change there makes
    // another corpus.
    let seeds = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("glossary/glossary.csv"))
        .expect("read glossary/glossary.csv");
    let manifest = format!(
        "generator\t{GENERATOR}\nseed\t{}\nmb\t{}\nsizes\t{:?}\nseed names\tglossary/glossary.csv, {} bytes, fnv1a {:016x}\n",
        opts.seed,
        opts.mb,
        SIZES,
        seeds.len(),
        fnv1a(&seeds)
    );
    let manifest_path = root.join("manifest.tsv");
    if std::fs::read_to_string(&manifest_path).is_ok_and(|m| m == manifest) {
        return false;
    }
    let _ = std::fs::remove_file(&manifest_path);
    let corpus = root.join("corpus");
    let _ = std::fs::remove_dir_all(&corpus);
    std::fs::create_dir_all(&corpus).expect("create target/bench-canon/corpus");

    let mut rng = Rng::new(opts.seed);
    let w = world(&mut rng);
    for &size in &SIZES {
        let mut csv = csv::Writer::from_path(glossary_path(root, size)).expect("write a glossary");
        csv.write_record(["canonical", "variant", "status"])
            .expect("write a glossary");
        let rows = w.entities.iter().flat_map(|e| {
            e.surfaces
                .iter()
                .map(move |v| [e.surfaces[0].as_str(), v.as_str(), "proposed"])
        });
        for row in rows.take(size) {
            csv.write_record(row).expect("write a glossary");
        }
        csv.flush().expect("write a glossary");
    }

    let mut groups: HashMap<String, u64> = HashMap::new();
    let mut total = 0;
    let mut n = 0;
    let mut text = String::new();
    while total < opts.mb * 1_000_000 {
        let target = 20_000 + rng.below(180_001);
        text.clear();
        if rng.chance(0.7) {
            title(&mut rng, &w, &mut groups, &mut text);
        }
        while text.len() < target {
            paragraph(&mut rng, &w, &mut groups, &mut text);
        }
        std::fs::write(corpus.join(format!("doc-{n:05}.txt")), &text).expect("write a document");
        total += text.len();
        n += 1;
    }
    let sorted: BTreeMap<_, _> = groups.into_iter().collect();
    let mut tsv = String::new();
    for (group, count) in sorted {
        let _ = writeln!(tsv, "{count}\t{group}");
    }
    std::fs::write(root.join("groups.tsv"), tsv).expect("write groups.tsv");
    std::fs::write(&manifest_path, manifest).expect("write the manifest");
    true
}

/// FNV-1a, 64 bits: a digest for the manifest.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn read_corpus(dir: &Path) -> Vec<String> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("list the corpus")
        .map(|e| e.expect("a corpus entry").path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("read a document"))
        .collect()
}

fn read_groups(path: &Path) -> Vec<(String, u64)> {
    std::fs::read_to_string(path)
        .expect("read groups.tsv")
        .lines()
        .map(|l| {
            let (count, group) = l.split_once('\t').expect("count\\tgroup");
            (group.to_string(), count.parse().expect("a count"))
        })
        .collect()
}

// ---------------------------------------------------------------------------
// The expected counts.

/// A glossary as nomina reads it: (variant, canonical, line).
fn read_glossary(path: &Path) -> Vec<(String, String, u64)> {
    Mapping::read(path)
        .expect("read the glossary")
        .entries
        .into_iter()
        .map(|e| (e.variant, e.canonical, e.line))
        .collect()
}

/// The patterns nomina compiles for a glossary and what each becomes: every
/// variant (first mapping wins), every canonical (to itself), and multi-word
/// ones with no-break spaces too. Rebuilt here from the documented rule.
fn patterns(pairs: &[(String, String, u64)]) -> Vec<(String, String)> {
    let mut map: BTreeMap<&str, &str> = BTreeMap::new();
    for (variant, canonical, _) in pairs {
        map.entry(variant).or_insert(canonical);
    }
    for (_, canonical, _) in pairs {
        map.entry(canonical).or_insert(canonical);
    }
    let mut out = Vec::new();
    for (variant, target) in map {
        out.push((variant.to_string(), target.to_string()));
        if variant.contains(' ') {
            for space in ["\u{a0}", "\u{202f}"] {
                out.push((variant.replace(' ', space), target.to_string()));
            }
        }
    }
    out
}

fn joins(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' | '_')
}

/// Is there a word boundary at byte `i` of `s`, looking through the
/// characters on `side` of it? A hyphen between letters joins a word.
fn boundary<I: Iterator<Item = char>>(mut side: I) -> bool {
    match side.next() {
        None => true,
        Some(c) if c.is_alphanumeric() => false,
        Some(c) if joins(c) => !side.next().is_some_and(char::is_alphanumeric),
        Some(_) => true,
    }
}

/// Replacements in one group, found the plain way: at each word start, the
/// longest pattern that starts there and after which a word ends (nomina
/// falls back to a shorter whole-word variant when the longest one runs on
/// into a longer word). Calls `found` with each variant replaced.
fn replaced_in_group(
    g: &str,
    map: &HashMap<&str, &str>,
    longest: usize,
    found: &mut impl FnMut(&str),
) {
    let mut i = 0;
    while i < g.len() {
        if boundary(g[..i].chars().rev()) {
            let mut best = None;
            for (off, c) in g[i..].char_indices() {
                let j = i + off + c.len_utf8();
                if j - i > longest {
                    break;
                }
                if map.contains_key(&g[i..j]) && boundary(g[j..].chars()) {
                    best = Some(j);
                }
            }
            if let Some(j) = best {
                if map[&g[i..j]] != &g[i..j] {
                    found(&g[i..j]);
                }
                i = j;
                continue;
            }
        }
        i += g[i..].chars().next().map_or(1, char::len_utf8);
    }
}

// ---------------------------------------------------------------------------
// The measurements.

#[derive(Default)]
struct Row {
    size: usize,
    patterns: usize,
    build: Duration,
    expected: u64,
    filtered: u64,
    matches: u64,
    /// Bytes of the ceiling's automaton (nomina builds two of about this
    /// size: exact and all-capitals).
    automaton: usize,
    find1: Timing,
    find2: Timing,
    nomina1: Timing,
    nomina2: Timing,
    /// Where nomina's time goes, 1 thread: (part, time).
    parts: Vec<(&'static str, Duration)>,
    out_bytes: usize,
    /// Folder mode: per flavour (default, `--no-new-variants`), the wall
    /// time and peak RSS (bytes) on 1 and 2 threads.
    folder: Vec<FolderRun>,
    folder_note: String,
    regex: Option<RegexRun>,
    regex_note: String,
}

#[derive(Clone, Copy)]
struct FolderRun {
    new_variants: bool,
    threads: usize,
    /// User + system time of the child.
    cpu: Duration,
    wall: Duration,
    peak: Option<u64>,
}

struct RegexRun {
    compile: Duration,
    bytes: usize,
    time: Duration,
    count: u64,
    nomina_count: u64,
}

/// Wall time, and CPU time of all the process's threads, of one run.
#[derive(Clone, Copy, Debug, Default)]
struct Timing {
    wall: Duration,
    cpu: Duration,
    /// Other processes used the CPUs during this run.
    disturbed: bool,
}

/// CPU time used so far by all threads of this process (from
/// `/proc/self/task/*/schedstat`, in nanoseconds; zero where there is none).
fn cpu_time() -> Duration {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return Duration::ZERO;
    };
    let ns: u64 = tasks
        .filter_map(|t| std::fs::read_to_string(t.ok()?.path().join("schedstat")).ok())
        .filter_map(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .sum();
    Duration::from_nanos(ns)
}

/// Busy time of the whole machine so far (all CPUs, from `/proc/stat`:
/// user, nice, system, irq, softirq and steal; 10 ms ticks).
fn machine_busy() -> Duration {
    let ticks: u64 = std::fs::read_to_string("/proc/stat")
        .ok()
        .and_then(|s| {
            let cpu = s.lines().next()?.split_whitespace().skip(1);
            let v: Vec<u64> = cpu.filter_map(|x| x.parse().ok()).collect();
            Some([0, 1, 2, 5, 6, 7].iter().filter_map(|&i| v.get(i)).sum())
        })
        .unwrap_or(0);
    Duration::from_millis(ticks * 10)
}

/// The fastest of `runs` runs undisturbed by other work on the machine;
/// every run must give the same answer. A run is disturbed when other
/// processes used more than a tenth of its wall time of CPU (plus a tick's
/// error per CPU); while no run was undisturbed, up to `4 × runs` are made,
/// and the fastest of all is kept, marked.
fn fastest<T: PartialEq + std::fmt::Debug>(runs: usize, mut f: impl FnMut() -> T) -> (Timing, T) {
    let mut best: Option<Timing> = None;
    let mut answer = None;
    for i in 0..4 * runs {
        if i >= runs && best.is_some_and(|b| !b.disturbed) {
            break;
        }
        let (cpu, busy) = (cpu_time(), machine_busy());
        let t = Instant::now();
        let got = f();
        let wall = t.elapsed();
        let cpu = cpu_time().saturating_sub(cpu);
        let others = machine_busy().saturating_sub(busy).saturating_sub(cpu);
        let run = Timing {
            wall,
            cpu,
            disturbed: others > wall / 10 + Duration::from_millis(20),
        };
        let better = match best {
            None => true,
            Some(b) => {
                (b.disturbed && !run.disturbed) || (b.disturbed == run.disturbed && wall < b.wall)
            }
        };
        if better {
            best = Some(run);
        }
        if let Some(a) = &answer {
            assert_eq!(a, &got, "two runs gave different answers");
        }
        answer = Some(got);
    }
    (
        best.expect("at least one run"),
        answer.expect("at least one run"),
    )
}

fn measure(
    size: usize,
    glossary: &Path,
    docs: &[String],
    groups: &[(String, u64)],
    pool: &rayon::ThreadPool,
    runs: usize,
) -> Row {
    let pairs = read_glossary(glossary);
    assert_eq!(pairs.len(), size, "rows in {}", glossary.display());
    let t = Instant::now();
    let replacer = Replacer::new(&pairs).expect("compile the glossary");
    let build = t.elapsed();
    let pats = patterns(&pairs);
    let distinct = pats
        .iter()
        .filter(|(p, _)| !p.contains(['\u{a0}', '\u{202f}']))
        .count();
    assert_eq!(distinct, replacer.len(), "variants rebuilt from the rule");
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(pats.iter().map(|(p, _)| p))
        .expect("compile the ceiling");
    let map: HashMap<&str, &str> = pats.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let longest = pats.iter().map(|(p, _)| p.len()).max().unwrap_or(0);
    let mut by_variant: BTreeMap<String, u64> = BTreeMap::new();
    for (g, c) in groups {
        replaced_in_group(g, &map, longest, &mut |v| {
            *by_variant.entry(v.to_string()).or_default() += c
        });
    }
    let expected: u64 = by_variant.values().sum();
    if std::env::var_os("CANON_DEBUG").is_some() {
        let mut got: BTreeMap<String, u64> = BTreeMap::new();
        for d in docs {
            for r in replacer.replace(d).1 {
                *got.entry(r.original).or_default() += 1;
            }
        }
        for (v, n) in &got {
            let want = by_variant.get(v).copied().unwrap_or(0);
            if *n != want {
                eprintln!("{v:?}: nomina {n}, groups {want}");
            }
        }
        for (v, n) in &by_variant {
            if !got.contains_key(v) {
                eprintln!("{v:?}: nomina 0, groups {n}");
            }
        }
    }
    let filtered: u64 = docs
        .iter()
        .map(|d| {
            ac.find_iter(d.as_str())
                .filter(|m| {
                    on_boundaries(d, m.start(), m.end())
                        && d[m.range()] != pats[m.pattern().as_usize()].1
                })
                .count() as u64
        })
        .sum();

    let find_one = |d: &String| ac.find_iter(d.as_str()).count() as u64;
    let (find1, matches) = fastest(runs, || docs.iter().map(find_one).sum::<u64>());
    let (find2, matches2) = fastest(runs, || {
        pool.install(|| docs.par_iter().map(find_one).sum::<u64>())
    });
    assert_eq!(matches, matches2);

    let replace_one = |d: &String| {
        let (out, reps) = replacer.replace(d);
        (reps.len() as u64, black_box(out).len())
    };
    let add = |a: (u64, usize), b: (u64, usize)| (a.0 + b.0, a.1 + b.1);
    let (nomina1, (count1, out_bytes)) =
        fastest(runs, || docs.iter().map(replace_one).fold((0, 0), add));
    let (nomina2, (count2, out_bytes2)) = fastest(runs, || {
        pool.install(|| docs.par_iter().map(replace_one).reduce(|| (0, 0), add))
    });
    assert_eq!(
        count1, expected,
        "glossary {size}: nomina made {count1} replacements, the groups say {expected}"
    );
    assert_eq!((count2, out_bytes2), (count1, out_bytes), "2 threads vs 1");

    // Where the time goes: nomina's steps rebuilt from the public crates.
    let (nfc, _) = fastest(runs, || {
        docs.iter()
            .filter(|d| is_nfc_quick(d.chars()) == IsNormalized::Yes)
            .count()
    });
    let (lines, _) = fastest(runs, || {
        docs.iter()
            .map(|d| d.split_inclusive('\n').filter(|l| all_caps(l)).count())
            .sum::<usize>()
    });
    let (scan_lines, n_lines) = fastest(runs, || {
        docs.iter().map(|d| scan(&ac, &pats, d, true)).sum::<u64>()
    });
    let (scan_whole, n_whole) = fastest(runs, || {
        docs.iter().map(|d| scan(&ac, &pats, d, false)).sum::<u64>()
    });
    // The reconstruction leaves out nomina's shorter whole-word fallback, so
    // it may count a little fewer than nomina; per line and whole must agree.
    assert_eq!(n_lines, n_whole, "scan counts");
    assert!(n_lines <= expected, "scan counts {n_lines} > {expected}");
    let parts = vec![
        ("NFC check (`is_nfc_quick`)", nfc.wall),
        ("lines + all-capitals test", lines.wall),
        ("find + boundaries, per line", scan_lines.wall),
        ("find + boundaries, whole text", scan_whole.wall),
    ];
    println!(
        "glossary {size}: {} patterns (built in {:.2} s, automaton {:.0} MB); {expected} replacements (checked; find_iter on boundaries: {filtered}); find_iter {matches} matches",
        pats.len(),
        build.as_secs_f64(),
        ac.memory_usage() as f64 / 1e6
    );
    Row {
        size,
        patterns: pats.len(),
        build,
        expected,
        filtered,
        matches,
        find1,
        find2,
        nomina1,
        nomina2,
        out_bytes,
        parts,
        automaton: ac.memory_usage(),
        ..Row::default()
    }
}

/// nomina's rule for a headline: no lower-case letter, three capitals.
fn all_caps(line: &str) -> bool {
    !line.chars().any(char::is_lowercase) && line.chars().filter(|c| c.is_uppercase()).count() >= 3
}

/// nomina's search loop without the output: leftmost-longest, a rejected
/// match retried one character further; per line or over the whole text.
fn scan(ac: &AhoCorasick, pats: &[(String, String)], text: &str, per_line: bool) -> u64 {
    let mut n = 0;
    let mut start = 0;
    let spans = if per_line {
        text.split_inclusive('\n').collect()
    } else {
        vec![text]
    };
    for span in spans {
        let end = start + span.len();
        let mut at = start;
        while let Some(m) = ac.find(Input::new(text).span(at..end)) {
            if !on_boundaries(text, m.start(), m.end()) {
                at = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
                continue;
            }
            at = m.end();
            if text[m.range()] != pats[m.pattern().as_usize()].1 {
                n += 1;
            }
        }
        start = end;
    }
    n
}

/// The real binary on the corpus folder, under `/usr/bin/time -v` for its
/// peak RSS, with 1 and 2 threads, as analysts run it (with the review sheet
/// of new variants) and with `--no-new-variants`.
fn folder_mode(row: &mut Row, root: &Path, runs: usize) {
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        row.folder_note = "/usr/bin/time missing (apt-get install -y time)".into();
        return;
    }
    for (new_variants, threads) in [(true, 1), (true, 2), (false, 1), (false, 2)] {
        // The default flavour takes long: one run of it.
        let repeats = if new_variants { 1 } else { runs };
        let mut best: Option<FolderRun> = None;
        for _ in 0..repeats {
            let run = folder_run(row, root, new_variants, threads);
            best = Some(match best {
                Some(b) if b.wall <= run.wall => FolderRun {
                    peak: b.peak.max(run.peak),
                    ..b
                },
                Some(b) => FolderRun {
                    peak: b.peak.max(run.peak),
                    ..run
                },
                None => run,
            });
        }
        row.folder.extend(best);
    }
}

/// One run of the binary in folder mode, its answers checked.
fn folder_run(row: &Row, root: &Path, new_variants: bool, threads: usize) -> FolderRun {
    let bin = env!("CARGO_BIN_EXE_nomina");
    let time = Path::new("/usr/bin/time");
    let out = root.join(format!("out-{}-{threads}", row.size));
    let _ = std::fs::remove_dir_all(&out);
    let t = Instant::now();
    let output = Command::new(time)
        .arg("-v")
        .arg(bin)
        .args(["--quiet", "--threads", &threads.to_string(), "canonicalize"])
        .arg(root.join("corpus"))
        .arg("--glossary")
        .arg(glossary_path(root, row.size))
        .arg("--out")
        .arg(&out)
        .args((!new_variants).then_some("--no-new-variants"))
        .output()
        .expect("run nomina");
    let wall = t.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "nomina canonicalize failed:\n{stdout}\n{stderr}"
    );
    let field = |name: &str| {
        stderr
            .lines()
            .find_map(|l| l.trim().strip_prefix(name))
            .and_then(|v| v.trim().parse::<f64>().ok())
    };
    let peak = field("Maximum resident set size (kbytes):").map(|kb| kb as u64 * 1024);
    let cpu = Duration::from_secs_f64(
        field("User time (seconds):").unwrap_or(0.0)
            + field("System time (seconds):").unwrap_or(0.0),
    );
    // The binary's own count, when it prints one, and the copies' size.
    if let Some(n) = stdout
        .split_whitespace()
        .collect::<Vec<_>>()
        .windows(2)
        .find(|w| w[1].starts_with("replacements"))
        .and_then(|w| w[0].parse::<u64>().ok())
    {
        assert_eq!(
            n, row.expected,
            "folder mode, {threads} threads: replacements"
        );
    }
    let written = dir_size(&out);
    assert_eq!(
        written, row.out_bytes as u64,
        "folder mode, {threads} threads: bytes written"
    );
    let _ = std::fs::remove_dir_all(&out);
    FolderRun {
        new_variants,
        threads,
        wall,
        cpu,
        peak,
    }
}

/// Bytes in the `.txt` files below `dir` (the canonical copies).
fn dir_size(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .map(|e| {
            let e = e.expect("an output entry");
            let meta = e.metadata().expect("output metadata");
            if meta.is_dir() {
                dir_size(&e.path())
            } else if e.path().extension().is_some_and(|x| x == "txt") {
                meta.len()
            } else {
                0
            }
        })
        .sum()
}

/// The naive baseline: one alternation, longest first, `\b` on both sides,
/// `replace_all` with a map lookup; on a prefix of the corpus.
fn naive_regex(row: &mut Row, docs: &[String], opts: &Options) {
    let pairs = read_glossary(&glossary_path(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-canon"),
        row.size,
    ));
    let pats = patterns(&pairs);
    let mut keys: Vec<&str> = pats.iter().map(|(p, _)| p.as_str()).collect();
    keys.sort_by_key(|k| std::cmp::Reverse(k.len()));
    let alternation: Vec<String> = keys.iter().map(|k| regex::escape(k)).collect();
    let source = format!(r"\b(?:{})\b", alternation.join("|"));
    let (tx, rx) = std::sync::mpsc::channel();
    let t = Instant::now();
    std::thread::spawn(move || {
        let built = regex::RegexBuilder::new(&source)
            .size_limit(1 << 30)
            .dfa_size_limit(1 << 28)
            .build();
        let _ = tx.send(built);
    });
    let re = match rx.recv_timeout(Duration::from_secs(opts.regex_secs)) {
        Ok(Ok(re)) => re,
        Ok(Err(e)) => {
            let first = e.to_string();
            row.regex_note = format!(
                "did not compile: {}",
                first.lines().last().unwrap_or("").trim()
            );
            return;
        }
        Err(_) => {
            row.regex_note = format!("did not compile in {} s", opts.regex_secs);
            return;
        }
    };
    let compile = t.elapsed();
    let map: HashMap<&str, &str> = pats.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let replacer = Replacer::new(&pairs).expect("compile the glossary");
    let (mut bytes, mut count, mut nomina_count) = (0, 0, 0);
    let t = Instant::now();
    let mut time = Duration::ZERO;
    for d in docs {
        if bytes >= opts.regex_mb * 1_000_000 || t.elapsed().as_secs() >= opts.regex_secs {
            break;
        }
        let start = Instant::now();
        let out = re.replace_all(d, |caps: &regex::Captures| {
            let m = &caps[0];
            let target = map[m];
            if target != m {
                count += 1;
            }
            target.to_string()
        });
        black_box(out.len());
        time += start.elapsed();
        bytes += d.len();
        nomina_count += replacer.replace(d).1.len() as u64;
    }
    row.regex = Some(RegexRun {
        compile,
        bytes,
        time,
        count,
        nomina_count,
    });
}

// ---------------------------------------------------------------------------
// The report.

fn rate(mb: f64, t: Duration) -> f64 {
    mb / t.as_secs_f64()
}

/// A star on figures measured while other processes used the CPUs.
fn mark(t: Timing) -> &'static str {
    if t.disturbed { "*" } else { "" }
}

fn verdict(ok: bool) -> &'static str {
    if ok { "pass" } else { "**fail**" }
}

fn size_name(size: usize) -> String {
    match size {
        100 => "100".into(),
        10_000 => "10 000".into(),
        100_000 => "100 000".into(),
        n => n.to_string(),
    }
}

fn print_tables(rows: &[Row], mb: f64) {
    println!("load average at the end: {}", load_average());
    println!();
    println!(
        "| glossary | method | MB/s 1 thread | MB/s 2 threads | ratio to find_iter | speed-up 2/1 | peak RSS folder mode | replacements |"
    );
    println!("|---:|---|---:|---:|---:|---:|---:|---:|");
    for r in rows {
        let g = size_name(r.size);
        let (f1, f2) = (rate(mb, r.find1.wall), rate(mb, r.find2.wall));
        println!(
            "| {g} | `find_iter` count (ceiling) | {f1:.0}{} | {f2:.0}{} | 1.00 | {:.2}× | — | {} matches |",
            mark(r.find1),
            mark(r.find2),
            f2 / f1,
            r.matches
        );
        let (n1, n2) = (rate(mb, r.nomina1.wall), rate(mb, r.nomina2.wall));
        println!(
            "| {g} | nomina `Replacer::replace` | {n1:.0}{} | {n2:.0}{} | {:.2} | {:.2}× | — | {} |",
            mark(r.nomina1),
            mark(r.nomina2),
            n1 / f1,
            n2 / n1,
            r.expected
        );
        for new_variants in [true, false] {
            let runs: Vec<&FolderRun> = r
                .folder
                .iter()
                .filter(|f| f.new_variants == new_variants)
                .collect();
            let [one, two] = runs[..] else {
                println!(
                    "| {g} | nomina folder mode | — | — | — | — | {} | — |",
                    r.folder_note
                );
                break;
            };
            let peak =
                |p: Option<u64>| p.map_or("?".into(), |b| format!("{:.0} MB", b as f64 / 1e6));
            println!(
                "| {g} | nomina folder mode{} (binary, wall time) | {:.0} | {:.0} | {:.2} | {:.2}× | {} / {} | {} |",
                if new_variants {
                    ""
                } else {
                    " `--no-new-variants`"
                },
                rate(mb, one.wall),
                rate(mb, two.wall),
                rate(mb, one.wall) / f1,
                one.wall.as_secs_f64() / two.wall.as_secs_f64(),
                peak(one.peak),
                peak(two.peak),
                r.expected
            );
        }
        match &r.regex {
            Some(x) => println!(
                "| {g} | naive `regex` alternation (first {:.1} MB, compiled in {:.1} s) | {:.1} | — | {:.3} | — | — | {} (nomina: {}) |",
                x.bytes as f64 / 1e6,
                x.compile.as_secs_f64(),
                rate(x.bytes as f64 / 1e6, x.time),
                rate(x.bytes as f64 / 1e6, x.time) / f1,
                x.count,
                x.nomina_count
            ),
            None => println!(
                "| {g} | naive `regex` alternation | {} | — | — | — | — | — |",
                r.regex_note
            ),
        }
    }
    println!();
    println!(
        "\\* measured while other processes used the CPUs (no undisturbed run in {}× `--runs`).",
        4
    );
    println!();
    println!(
        "| glossary | patterns | build | nomina / find_iter ≥ {:.0} % (1 thread) | speed-up on 2 threads ≥ {TARGET_SPEEDUP}× (in memory) | peak RSS folder mode < {TARGET_PEAK_MB:.0} MB (default flags, 1 or 2 threads) |",
        TARGET_RATIO * 100.0
    );
    println!("|---:|---:|---:|---|---|---|");
    for r in rows {
        let ratio = r.find1.wall.as_secs_f64() / r.nomina1.wall.as_secs_f64();
        let speedup = r.nomina1.wall.as_secs_f64() / r.nomina2.wall.as_secs_f64();
        let peak = r
            .folder
            .iter()
            .filter(|f| f.new_variants)
            .filter_map(|f| f.peak)
            .max()
            .map(|b| b as f64 / 1e6);
        println!(
            "| {} | {} | {:.2} s | {:.0} %{} {} | {speedup:.2}×{} {} | {} |",
            size_name(r.size),
            r.patterns,
            r.build.as_secs_f64(),
            ratio * 100.0,
            mark(Timing {
                disturbed: r.find1.disturbed || r.nomina1.disturbed,
                ..r.nomina1
            }),
            verdict(ratio >= TARGET_RATIO),
            mark(Timing {
                disturbed: r.nomina1.disturbed || r.nomina2.disturbed,
                ..r.nomina2
            }),
            verdict(speedup >= TARGET_SPEEDUP),
            peak.map_or("not measured".into(), |p| format!(
                "{p:.0} MB {}",
                verdict(p < TARGET_PEAK_MB)
            )),
        );
    }
    println!();
    println!("Folder mode, the binary (`--no-new-variants`: best of `--runs`; default: one run):");
    println!();
    println!("| glossary | flags | threads | wall s | CPU s (user + sys) | peak RSS |");
    println!("|---:|---|---:|---:|---:|---:|");
    for r in rows {
        for f in &r.folder {
            println!(
                "| {} | {} | {} | {:.2} | {:.2} | {} |",
                size_name(r.size),
                if f.new_variants {
                    "default"
                } else {
                    "`--no-new-variants`"
                },
                f.threads,
                f.wall.as_secs_f64(),
                f.cpu.as_secs_f64(),
                f.peak
                    .map_or("?".into(), |b| format!("{:.0} MB", b as f64 / 1e6))
            );
        }
    }
    println!();
    println!(
        "Where the time goes (1 thread, seconds for the whole corpus; nomina's steps rebuilt from the public crates):"
    );
    println!();
    let names: Vec<&str> = rows[0].parts.iter().map(|p| p.0).collect();
    println!(
        "| glossary | automaton | `find_iter` count | {} | nomina `replace` | nomina CPU s, 1 / 2 threads | `find_iter` on boundaries |",
        names.join(" | ")
    );
    println!(
        "|---:|---:|---:|{}---:|---:|---:|",
        "---:|".repeat(names.len())
    );
    for r in rows {
        let parts: Vec<String> = r
            .parts
            .iter()
            .map(|p| format!("{:.3}", p.1.as_secs_f64()))
            .collect();
        println!(
            "| {} | {:.0} MB | {:.3} | {} | {:.3} | {:.3} / {:.3} | {} |",
            size_name(r.size),
            r.automaton as f64 / 1e6,
            r.find1.wall.as_secs_f64(),
            parts.join(" | "),
            r.nomina1.wall.as_secs_f64(),
            r.nomina1.cpu.as_secs_f64(),
            r.nomina2.cpu.as_secs_f64(),
            r.filtered
        );
    }
    // A regex compilation left running is abandoned here.
    std::process::exit(0);
}
