//! `nomina canonicalize`: canonical copies of new documents, with an audit
//! trail and a review sheet of new variants.
//!
//! Folders are streamed: documents are read, canonicalised and written in
//! parallel batches, so that memory follows the largest document, not the
//! corpus; the audit log is written in document order.

use super::Progress;
use nomina::atomic::Pending;
use nomina::canon::{Entry, Mode, Output, Replacer};
use nomina::corpus::{self, Source};
use nomina::error::{Error, ErrorKind};
use nomina::extract::{self, Kind};
use nomina::glossary::{MapEntry, Mapping};
use nomina::lexicon::Lexicon;
use nomina::pipeline::{self, Found, NewVariants, NewVariantsBuilder};
use nomina::surface::{self, Surface};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};

/// Options of `nomina canonicalize`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Documents or folders (read recursively, .txt and .md); `-` reads
    /// standard input and writes standard output.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// The glossary: a glossary table (out/glossary.csv) or the curated glossary.
    #[arg(long, value_name = "FILE")]
    glossary: PathBuf,
    /// Output folder (same relative paths as the inputs); with --jsonl, the output file.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Audit trail, one record per replacement: `.jsonl` or `.csv`.
    #[arg(long, value_name = "FILE")]
    log: Option<PathBuf>,
    /// Write the new variants of known entities here [default: OUT/new-variants.csv].
    #[arg(long, value_name = "FILE")]
    new_variants: Option<PathBuf>,
    /// Do not look for new variants.
    #[arg(long, conflicts_with_all = ["new_variants", "apply_new"])]
    no_new_variants: bool,
    /// Also replace the new variants scoring at least this (0..1).
    #[arg(long, value_name = "SCORE", value_parser = super::score)]
    apply_new: Option<f32>,
    /// `replace` writes the canonical form; `annotate` keeps the variant and adds `[canonical]`.
    #[arg(long, value_enum, default_value = "replace")]
    mode: ModeArg,
    /// Only replace variants of this type (`name` or `acronym`).
    #[arg(long, value_name = "TYPE", value_parser = ["name", "acronym"])]
    only_entity: Option<String>,
    /// Inputs are JSON Lines; canonicalise one string field of each object.
    #[arg(long)]
    jsonl: bool,
    /// With --jsonl: the field to canonicalise.
    #[arg(long, default_value = "text", requires = "jsonl")]
    field: String,
    /// Print the replacements per entity and per document; write nothing.
    #[arg(long)]
    dry_run: bool,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum ModeArg {
    Replace,
    Annotate,
}

/// What one document gave.
struct Done {
    name: String,
    output: Option<Output>,
    names: Vec<(Surface, Found)>,
    error: Option<Error>,
}

/// The audit trail, written as records come.
struct Log {
    file: Pending,
    csv: bool,
}

impl Log {
    fn create(path: &Path) -> Result<Log, Error> {
        let csv = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
        let mut log = Log {
            file: Pending::create(path)?,
            csv,
        };
        if csv {
            log.line("document,start,end,out_start,out_end,original,canonical,glossary_line,normalized\n")?;
        }
        Ok(log)
    }

    fn line(&mut self, s: &str) -> Result<(), Error> {
        self.file.write_all(s.as_bytes())
    }

    fn records(&mut self, doc: &str, out: &Output) -> Result<(), Error> {
        for r in &out.replacements {
            let line = if self.csv {
                let mut w = csv::WriterBuilder::new()
                    .has_headers(false)
                    .terminator(csv::Terminator::Any(b'\n'))
                    .from_writer(Vec::new());
                let fields = [
                    doc.to_string(),
                    r.start.to_string(),
                    r.end.to_string(),
                    r.out_start.to_string(),
                    r.out_end.to_string(),
                    r.original.clone(),
                    r.canonical.clone(),
                    r.line.to_string(),
                    out.normalized.to_string(),
                ];
                w.write_record(&fields)
                    .map_err(|e| Error::new(ErrorKind::Output, e.to_string()))?;
                String::from_utf8(
                    w.into_inner()
                        .map_err(|e| Error::new(ErrorKind::Output, e.to_string()))?,
                )
                .unwrap_or_default()
            } else {
                let v = serde_json::json!({
                    "document": doc,
                    "start": r.start,
                    "end": r.end,
                    "out_start": r.out_start,
                    "out_end": r.out_end,
                    "original": r.original,
                    "canonical": r.canonical,
                    "glossary_line": r.line,
                    "normalized": out.normalized,
                });
                format!("{v}\n")
            };
            self.line(&line)?;
        }
        Ok(())
    }

    fn finish(self) -> Result<(), Error> {
        self.file.finish()
    }
}

/// The replacer of the glossary and `extra`; the glossary's names are
/// also given to `known` when it is there.
fn build_replacer(
    args: &Args,
    mapping: Mapping,
    extra: Vec<Entry>,
    mut known: Option<&mut NewVariantsBuilder>,
) -> Result<Replacer, Error> {
    // Moved into the builder: the glossary is not copied.
    let entries = mapping
        .entries
        .into_iter()
        .map(move |e| {
            if let Some(known) = known.as_deref_mut() {
                add_known(known, &e);
            }
            Entry {
                variant: e.variant,
                canonical: e.canonical,
                line: e.line,
                kind: e.kind,
            }
        })
        .chain(extra);
    let mode = match args.mode {
        ModeArg::Replace => Mode::Replace,
        ModeArg::Annotate => Mode::Annotate,
    };
    let only = args.only_entity.as_deref().and_then(Kind::parse);
    Replacer::builder().mode(mode).only(only).build(entries)
}

pub fn run(args: Args, progress: &Progress) -> Result<(), Vec<Error>> {
    give_back_blocks_of(1 << 20, 128 << 10);
    let mapping = Mapping::read(&args.glossary).map_err(|e| vec![e])?;
    // Files written (a folder of copies is checked document by document).
    let mut inputs: Vec<&Path> = args.paths.iter().map(PathBuf::as_path).collect();
    inputs.push(&args.glossary);
    let files = [
        args.log.as_ref(),
        args.new_variants.as_ref(),
        args.out.as_ref().filter(|_| args.jsonl),
    ];
    let files: Vec<&PathBuf> = files
        .into_iter()
        .flatten()
        .filter(|f| f.as_os_str() != "-")
        .collect();
    for (k, file) in files.iter().enumerate() {
        super::not_an_input(file, &inputs)?;
        // Two outputs on one path would overwrite each other.
        if files[..k].iter().any(|f| {
            f == file
                || std::fs::canonicalize(f)
                    .ok()
                    .is_some_and(|a| std::fs::canonicalize(file).ok() == Some(a))
        }) {
            return Err(vec![
                Error::usage("named for two outputs; give each its own file").with_path(file),
            ]);
        }
    }
    if args.jsonl {
        return run_jsonl(&args, mapping);
    }
    if args.paths.len() > 1 && args.paths.iter().any(|p| p.as_os_str() == "-") {
        return Err(vec![Error::usage(
            "`-` (standard input) is read alone: name no other path with it",
        )]);
    }
    if args.paths.len() == 1 && args.paths[0].as_os_str() == "-" {
        return run_stdin(&args, mapping);
    }
    // Not the copies of an earlier run.
    let sources = corpus::find(&args.paths, args.out.as_slice()).map_err(|e| vec![e])?;
    let out_dir = match (&args.out, args.dry_run) {
        (Some(o), _) => Some(o.clone()),
        (None, true) => None,
        (None, false) => {
            return Err(vec![Error::usage(
                "give --out DIR for the canonical copies (or `-` to use standard input and output)",
            )]);
        }
    };
    if let Some(out) = &out_dir {
        for s in &sources {
            super::not_an_input(&out.join(&s.name), &[&s.path])?;
        }
    }
    let want_new = !args.no_new_variants && (out_dir.is_some() || args.new_variants.is_some());
    let names: Vec<String> = sources.iter().map(|s| s.name.clone()).collect();
    let mut errors = Vec::new();
    // New variants found so far: only those, never every unknown name.
    let mut found: BTreeMap<String, (Surface, Found)> = BTreeMap::new();
    // With --apply-new, a first pass finds the new variants.
    let mut extra = Vec::new();
    if let Some(above) = args.apply_new {
        progress.stage("looking for new variants");
        let finder = finder_for(&mapping).map_err(|e| vec![e])?;
        for done in stream(&sources, None, Some(&finder), &names, None) {
            merge_new(&mut found, done.names);
        }
        for (surface, f) in found.values() {
            if f.score >= above {
                extra.push(Entry {
                    variant: surface.text.clone(),
                    canonical: f.canonical.clone(),
                    line: 0,
                    kind: Some(surface.kind),
                });
            }
        }
        found.clear();
    }
    // The automaton first, the new-variant index after (both at once would
    // need more memory than either): the glossary's strings move into the
    // automaton's tables while its names are collected for the index.
    let mut known = (want_new && args.apply_new.is_none())
        .then(|| NewVariants::builder(pipeline::DEFAULT_THRESHOLD));
    let replacer = build_replacer(&args, mapping, extra, known.as_mut()).map_err(|e| vec![e])?;
    let finder = known
        .map(NewVariantsBuilder::build)
        .transpose()
        .map_err(|e| vec![e])?;
    give_back_blocks_of(32 << 20, 4 << 20);
    progress.stage(&format!(
        "canonicalising {} documents with {} variants",
        sources.len(),
        replacer.len()
    ));
    let mut log = match (&args.log, args.dry_run) {
        (Some(p), false) => Some(Log::create(p).map_err(|e| vec![e])?),
        _ => None,
    };
    let mut per_entity: BTreeMap<String, usize> = BTreeMap::new();
    let mut per_doc: Vec<(String, usize)> = Vec::new();
    let mut total = 0;
    let write_to = if args.dry_run {
        None
    } else {
        out_dir.as_deref()
    };
    for done in stream(&sources, Some(&replacer), finder.as_ref(), &names, write_to) {
        if let Some(e) = done.error {
            errors.push(e);
            continue;
        }
        if let Some(out) = &done.output {
            total += out.replacements.len();
            per_doc.push((done.name.clone(), out.replacements.len()));
            for r in &out.replacements {
                *per_entity.entry(r.canonical.clone()).or_default() += 1;
            }
            if let Some(log) = &mut log {
                log.records(&done.name, out).map_err(|e| vec![e])?;
            }
        }
        merge_new(&mut found, done.names);
    }
    if let Some(log) = log {
        log.finish().map_err(|e| vec![e])?;
    }
    if args.dry_run {
        outln!("entity\treplacements");
        for (entity, n) in &per_entity {
            outln!("{entity}\t{n}");
        }
        outln!("\ndocument\treplacements");
        for (doc, n) in &per_doc {
            outln!("{doc}\t{n}");
        }
    } else if let Some(out) = &out_dir {
        outln!(
            "canonicalised {} documents, {total} replacements, into {}",
            per_doc.len(),
            out.display()
        );
    }
    if want_new && args.apply_new.is_none() && !args.dry_run {
        let proposals: Vec<nomina::review::Proposal> = found
            .values()
            .map(|(s, f)| {
                nomina::review::Proposal::new(
                    &f.canonical,
                    s,
                    &names,
                    f.score,
                    f.evidence.clone(),
                    String::new(),
                )
            })
            .collect();
        let path = args
            .new_variants
            .clone()
            .or_else(|| out_dir.as_ref().map(|o| o.join("new-variants.csv")));
        if let Some(path) = path {
            let bytes = nomina::review::sheet_csv(&proposals).map_err(|e| vec![e])?;
            nomina::atomic::write(&path, &bytes).map_err(|e| vec![e])?;
            outln!(
                "new variants  {} of known entities, for review in {}",
                proposals.len(),
                path.display()
            );
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Read, canonicalise (when a replacer is given), extract unknown names
/// (when asked) and write each document, in parallel batches, yielding
/// results in document order.
fn stream<'a>(
    sources: &'a [Source],
    replacer: Option<&'a Replacer>,
    finder: Option<&'a NewVariants>,
    doc_names: &'a [String],
    out: Option<&'a Path>,
) -> impl Iterator<Item = Done> + 'a {
    let batch = (rayon::current_num_threads() * 4).max(4);
    let lexicon = Lexicon::builtin();
    sources
        .chunks(batch)
        .enumerate()
        .flat_map(move |(chunk_no, chunk)| {
            let results: Vec<Done> = chunk
                .par_iter()
                .enumerate()
                .map(|(i, source)| {
                    let index = chunk_no * batch + i;
                    one(index, source, replacer, finder, doc_names, out, &lexicon)
                })
                .collect();
            results.into_iter()
        })
}

#[allow(clippy::too_many_arguments)]
fn one(
    index: usize,
    source: &Source,
    replacer: Option<&Replacer>,
    finder: Option<&NewVariants>,
    doc_names: &[String],
    out: Option<&Path>,
    lexicon: &Lexicon,
) -> Done {
    let mut done = Done {
        name: source.name.clone(),
        output: None,
        names: Vec::new(),
        error: None,
    };
    let doc = match corpus::read(source) {
        Ok(d) => d,
        Err(e) => {
            done.error = Some(e);
            return done;
        }
    };
    if let Some(finder) = finder {
        // Names are extracted from the NFC text (as `build` does); the
        // replacement below normalises by itself and says so in the log.
        let nfc = doc.nfc();
        let ex = extract::standalone(index, &nfc, lexicon);
        // Names the glossary knows, folded: `KALOUGA` in a headline is no
        // new variant.
        let unknown: Vec<_> = ex
            .mentions
            .into_iter()
            .filter(|m| !finder.knows_folded(&nomina::normalize::fold(&m.surface)))
            .collect();
        let mut texts = vec![""; index + 1];
        texts[index] = nfc.text.as_str();
        let surfaces = surface::table(&unknown, &texts);
        let hits = finder.find(&surfaces, doc_names);
        done.names = surfaces
            .into_iter()
            .zip(hits)
            .filter_map(|(s, f)| Some((s, f?)))
            .collect();
    }
    if let Some(r) = replacer {
        let output = r.canonicalize(&doc.text);
        if let Some(dir) = out
            && let Err(e) = nomina::atomic::write(&dir.join(&doc.name), output.text.as_bytes())
        {
            done.error = Some(e);
            return done;
        }
        done.output = Some(output);
    }
    done
}

fn merge_new(into: &mut BTreeMap<String, (Surface, Found)>, names: Vec<(Surface, Found)>) {
    for (s, f) in names {
        match into.get_mut(&s.text) {
            Some((t, _)) => {
                t.count += s.count;
                t.count_en += s.count_en;
                t.docs.extend(s.docs);
                for c in s.contexts {
                    if t.contexts.len() < 2 && !t.contexts.contains(&c) {
                        t.contexts.push(c);
                    }
                }
            }
            None => {
                into.insert(s.text.clone(), (s, f));
            }
        }
    }
}

/// Tell the C allocator which freed blocks go back to the system at once:
/// those of `bytes` or more (glibc maps them apart from the heap), and free
/// space of `top` bytes or more at the top of the heap.
///
/// glibc raises that bound by itself to the size of the largest block freed
/// (up to 32 MiB): once the automaton's compilation has freed its working
/// tables, the tables built after it (the new-variant index) would grow
/// inside the heap and leave holes that are never given back. So the bound
/// is 1 MiB while the tables are built, then 32 MiB for the documents,
/// whose many short-lived buffers of a few hundred KiB are cheaper reused
/// in the heap than mapped and unmapped each time, and the heap shrinks
/// only past 4 MiB free at its top (at glibc's 128 KiB it shrinks and grows
/// again with every document: 14 % more CPU time, in system calls).
/// Measured on the 100 000-variant benchmark glossary (commit 5b2cab5,
/// `cargo bench --bench canon`): 113 MB peak without this, 81 MB with.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn give_back_blocks_of(bytes: std::ffi::c_int, top: std::ffi::c_int) {
    // glibc's `mallopt` parameter numbers.
    const M_TRIM_THRESHOLD: std::ffi::c_int = -1;
    const M_MMAP_THRESHOLD: std::ffi::c_int = -3;
    unsafe extern "C" {
        fn mallopt(param: std::ffi::c_int, value: std::ffi::c_int) -> std::ffi::c_int;
    }
    // SAFETY: `mallopt` only sets an allocator parameter; it takes the
    // allocator's lock and may be called at any time, from any thread. A
    // refusal (return value 0) leaves the allocator as it was.
    unsafe {
        mallopt(M_MMAP_THRESHOLD, bytes);
        mallopt(M_TRIM_THRESHOLD, top);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn give_back_blocks_of(_bytes: std::ffi::c_int, _top: std::ffi::c_int) {}

/// The glossary's variants and canonicals, indexed for the new-variant
/// search.
fn finder_for(mapping: &Mapping) -> Result<NewVariants, Error> {
    let mut known = NewVariants::builder(pipeline::DEFAULT_THRESHOLD);
    for e in &mapping.entries {
        add_known(&mut known, e);
    }
    known.build()
}

/// A glossary row's variant and canonical as known names; the first row of
/// a name decides its canonical.
fn add_known(known: &mut NewVariantsBuilder, e: &MapEntry) {
    let kind = e.kind.unwrap_or(if extract::is_acronym(&e.variant) {
        Kind::Acronym
    } else {
        Kind::Name
    });
    known.push(&e.variant, &e.canonical, e.lang, kind);
    known.push(&e.canonical, &e.canonical, nomina::lang::Lang::Und, kind);
}

fn run_stdin(args: &Args, mapping: Mapping) -> Result<(), Vec<Error>> {
    let replacer = build_replacer(args, mapping, Vec::new(), None).map_err(|e| vec![e])?;
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| vec![Error::input(format!("cannot read standard input: {e}"))])?;
    let text = corpus::decode(Path::new("<stdin>"), bytes).map_err(|e| vec![e])?;
    let output = replacer.canonicalize(&text);
    if let Some(p) = &args.log {
        let mut log = Log::create(p).map_err(|e| vec![e])?;
        log.records("-", &output).map_err(|e| vec![e])?;
        log.finish().map_err(|e| vec![e])?;
    }
    if args.dry_run {
        outln!("-\t{}", output.replacements.len());
        return Ok(());
    }
    super::stdout_bytes(output.text.as_bytes());
    Ok(())
}

/// JSON Lines: one object per line in, one per line out, with `field`
/// canonicalised; other fields kept as they were.
fn run_jsonl(args: &Args, mapping: Mapping) -> Result<(), Vec<Error>> {
    let replacer = build_replacer(args, mapping, Vec::new(), None).map_err(|e| vec![e])?;
    // A file is written whole at the end (never emptied by `--dry-run` or
    // left half-written by a bad line); standard output as lines come.
    let mut file = match &args.out {
        Some(p) if p.as_os_str() != "-" && !args.dry_run => {
            Some(Pending::create(p).map_err(|e| vec![e])?)
        }
        _ => None,
    };
    let to_stdout = args.out.as_ref().is_none_or(|p| p.as_os_str() == "-");
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut log = match &args.log {
        Some(p) => Some(Log::create(p).map_err(|e| vec![e])?),
        None => None,
    };
    for path in &args.paths {
        let reader: Box<dyn BufRead> = if path.as_os_str() == "-" {
            Box::new(std::io::BufReader::new(std::io::stdin().lock()))
        } else {
            let f = std::fs::File::open(path)
                .map_err(|e| vec![Error::io(ErrorKind::Input, path, &e)])?;
            Box::new(std::io::BufReader::new(f))
        };
        for (n, line) in reader.lines().enumerate() {
            let line_no = n as u64 + 1;
            let line = line.map_err(|e| {
                vec![
                    Error::input(e.to_string())
                        .with_path(path)
                        .with_line(line_no),
                ]
            })?;
            if line.trim().is_empty() {
                continue;
            }
            let mut value: serde_json::Value = serde_json::from_str(&line).map_err(|e| {
                vec![
                    Error::input(format!("not a JSON object: {e}"))
                        .with_path(path)
                        .with_line(line_no)
                        .with_column(e.column() as u64),
                ]
            })?;
            let Some(text) = value.get(&args.field).and_then(|v| v.as_str()) else {
                return Err(vec![
                    Error::input(format!("no string field `{}`", args.field))
                        .with_path(path)
                        .with_line(line_no),
                ]);
            };
            let output = replacer.canonicalize(text);
            if let Some(log) = &mut log {
                log.records(&format!("{}:{line_no}", path.display()), &output)
                    .map_err(|e| vec![e])?;
            }
            value[&args.field] = serde_json::Value::String(output.text);
            if let Some(file) = &mut file {
                file.write_all(format!("{value}\n").as_bytes())
                    .map_err(|e| vec![e])?;
            } else if to_stdout && !args.dry_run {
                super::unless_closed(writeln!(out, "{value}"))?;
            }
        }
    }
    super::unless_closed(out.flush())?;
    // The log first: if it fails, the output is left as it was too.
    if let Some(log) = log {
        log.finish().map_err(|e| vec![e])?;
    }
    if let Some(file) = file {
        file.finish().map_err(|e| vec![e])?;
    }
    Ok(())
}
