//! Command-line parsing and dispatch. One file per subcommand; they parse
//! options into library calls and print. Errors become one line on stderr
//! and an exit code, here and nowhere else.

use clap::{Parser, Subcommand};
use nomina::error::Error;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `println!` for the command's output: see [`line`].
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::cli::line(format_args!($($arg)*))
    };
}

mod align;
mod build;
mod canonicalize;
mod eval;
mod extract;
mod glossary;
mod review;

const AFTER_HELP: &str = "\
Exit codes:
  0  success
  1  an output could not be written
  2  bad input or usage: missing path, unreadable or non-UTF-8 file, empty folder,
     malformed glossary or review sheet, review conflict (nothing is written)";

/// Find, align and canonicalise French/English name variants in a news corpus.
#[derive(Parser, Debug)]
#[command(name = "nomina", version, about, after_help = AFTER_HELP)]
pub struct Cli {
    /// Worker threads (default: one per core). Outputs do not depend on it.
    #[arg(long, global = true, value_name = "N")]
    threads: Option<usize>,
    /// Print no progress.
    #[arg(long, short, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract, align, and write the glossary, the review sheet and canonical copies (the main job).
    Build(build::Args),
    /// Write the table of surface forms (names and acronyms) found in documents.
    Extract(extract::Args),
    /// Align surface forms into entities and write the glossary table.
    Align(align::Args),
    /// Apply the decisions of an edited review sheet to the curated glossary.
    Review(review::Args),
    /// Write canonical copies of documents with an existing glossary.
    Canonicalize(canonicalize::Args),
    /// Score alignment against a gold clustering (coverage, pairwise P/R/F1).
    Eval(eval::Args),
    /// Export the curated glossary (TBX-Basic for translation tools).
    Glossary(glossary::Args),
}

/// Progress messages, on stderr, only when it is a terminal.
pub struct Progress {
    on: bool,
}

impl Progress {
    fn new(quiet: bool) -> Progress {
        Progress {
            on: !quiet && std::io::stderr().is_terminal(),
        }
    }

    /// Say what stage is running.
    pub fn stage(&self, what: &str) {
        if self.on {
            eprintln!("nomina: {what}");
        }
    }
}

/// The first error writing to standard output, other than a closed pipe;
/// reported when the command is done.
static STDOUT_FAILED: std::sync::Mutex<Option<Error>> = std::sync::Mutex::new(None);

/// A failed write as the command's error, or none when the reader of a pipe
/// is gone (`nomina eval … | head`): there is nothing left to tell it.
fn write_failure(e: &std::io::Error, what: &str) -> Option<Error> {
    (e.kind() != std::io::ErrorKind::BrokenPipe).then(|| {
        Error::new(
            nomina::error::ErrorKind::Output,
            format!("cannot write {what}: {e}"),
        )
    })
}

/// Print one line on standard output. The command always runs to its end
/// (files written, errors reported): a closed pipe (`nomina eval … | head`)
/// only silences what is left to print, as for any Unix filter; any other
/// write error (a full disk) is reported at the end, with exit code 1.
pub fn line(args: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_fmt(args).and_then(|()| out.write_all(b"\n")) {
        stdout_error(&e);
    }
}

/// Remember the first write error on standard output (see [`write_failure`]).
fn stdout_error(e: &std::io::Error) {
    if let Some(error) = write_failure(e, "to standard output")
        && let Ok(mut failed) = STDOUT_FAILED.lock()
        && failed.is_none()
    {
        *failed = Some(error);
    }
}

/// A write's result as the command's (see [`write_failure`]).
pub fn unless_closed(r: std::io::Result<()>) -> Result<(), Vec<Error>> {
    match r
        .as_ref()
        .err()
        .and_then(|e| write_failure(e, "the output"))
    {
        Some(error) => Err(vec![error]),
        None => Ok(()),
    }
}

/// Write bytes to standard output, with [`line`]'s handling of errors.
pub fn stdout_bytes(bytes: &[u8]) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(bytes).and_then(|()| out.flush()) {
        stdout_error(&e);
    }
}

/// Print errors, one line each, and pick the exit code.
pub fn fail(errors: &[Error]) -> ExitCode {
    for e in errors {
        eprintln!("nomina: {e}");
    }
    let code = errors.iter().map(Error::exit_code).max().unwrap_or(1);
    ExitCode::from(code)
}

/// A score given on the command line: a number from 0 to 1.
fn score(s: &str) -> Result<f32, String> {
    match s.parse::<f32>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        Ok(_) => Err("a score is a number from 0 to 1".to_string()),
        Err(e) => Err(format!("{e} (a score is a number from 0 to 1)")),
    }
}

/// The default curated glossary.
pub fn default_glossary() -> PathBuf {
    PathBuf::from("glossary/glossary.csv")
}

/// Parse arguments and run.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    if let Some(n) = cli.threads
        && let Err(e) = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
    {
        eprintln!("nomina: cannot start {n} threads: {e}");
        return ExitCode::from(1);
    }
    let progress = Progress::new(cli.quiet);
    let result = match cli.command {
        Command::Build(a) => build::run(a, &progress),
        Command::Extract(a) => extract::run(a, &progress),
        Command::Align(a) => align::run(a, &progress),
        Command::Review(a) => review::run(a),
        Command::Canonicalize(a) => canonicalize::run(a, &progress),
        Command::Eval(a) => eval::run(a, &progress),
        Command::Glossary(a) => glossary::run(a),
    };
    let mut errors = result.err().unwrap_or_default();
    if let Some(error) = STDOUT_FAILED.lock().ok().and_then(|mut f| f.take()) {
        errors.push(error);
    }
    if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        fail(&errors)
    }
}

/// Write bytes to a file atomically, or to stdout when `path` is `None` or `-`.
pub fn emit(path: Option<&PathBuf>, bytes: &[u8], inputs: &[&Path]) -> Result<(), Vec<Error>> {
    match path {
        Some(p) if p.as_os_str() != "-" => {
            not_an_input(p, inputs)?;
            nomina::atomic::write(p, bytes).map_err(|e| vec![e])
        }
        _ => {
            stdout_bytes(bytes);
            Ok(())
        }
    }
}

/// Refuse to write `output` over an input of the run: a file named on the
/// command line (a document, the glossary, a list), or a document (`.txt`,
/// `.md`) inside a folder given as input. Nothing is written then.
pub fn not_an_input(output: &Path, inputs: &[&Path]) -> Result<(), Vec<Error>> {
    // The nearest folder that exists, resolved, and the rest of the path as
    // written (the write creates the missing folders).
    let mut existing = output;
    let mut rest = Vec::new();
    let out = loop {
        if let Ok(resolved) = std::fs::canonicalize(existing) {
            break rest
                .iter()
                .rev()
                .fold(resolved, |p: PathBuf, part| p.join(part));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name);
                existing = if parent.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    parent
                };
            }
            // `..` or a root that cannot be resolved: the write's own error.
            _ => return Ok(()),
        }
    };
    let document = out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("md"));
    for input in inputs {
        let Ok(inp) = std::fs::canonicalize(input) else {
            continue;
        };
        let clash = if out == inp {
            Some("an input of this run: not overwritten; choose another output".to_string())
        } else if document && inp.is_dir() && out.starts_with(&inp) {
            Some(format!(
                "a document inside the input folder {}: not written; choose another output",
                input.display()
            ))
        } else {
            None
        };
        if let Some(why) = clash {
            return Err(vec![Error::usage(why).with_path(output)]);
        }
    }
    Ok(())
}

/// Inputs for alignment: documents, or a CSV list of surfaces.
#[derive(clap::Args, Debug)]
pub struct Inputs {
    /// Documents or folders (read recursively, .txt and .md).
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// A CSV with a `surface` column (optional `lang`, `count`) instead of documents.
    #[arg(long, value_name = "FILE", conflicts_with = "paths")]
    candidates: Option<PathBuf>,
}

impl Inputs {
    /// Every path named: documents, folders, the list of surfaces.
    pub fn named(&self) -> Vec<&Path> {
        self.paths
            .iter()
            .chain(&self.candidates)
            .map(PathBuf::as_path)
            .collect()
    }
}

/// Curated-glossary selection.
#[derive(clap::Args, Debug)]
pub struct GlossaryChoice {
    /// The curated glossary [default: glossary/glossary.csv, if it exists].
    #[arg(long, value_name = "FILE")]
    glossary: Option<PathBuf>,
    /// Do not use any curated glossary (measure discovery alone).
    #[arg(long, conflicts_with = "glossary")]
    no_glossary: bool,
}

impl GlossaryChoice {
    /// The curated glossary's path, unless switched off.
    pub fn path(&self) -> Option<PathBuf> {
        (!self.no_glossary).then(|| self.glossary.clone().unwrap_or_else(default_glossary))
    }

    /// Load the chosen curated glossary, if any.
    pub fn load(&self) -> Result<Option<nomina::glossary::Curated>, Vec<Error>> {
        if self.no_glossary {
            return Ok(None);
        }
        let path = self.glossary.clone().unwrap_or_else(default_glossary);
        if self.glossary.is_some() && !path.exists() {
            return Err(vec![
                Error::input("no such file or directory").with_path(&path),
            ]);
        }
        nomina::glossary::Curated::read(&path)
            .map(Some)
            .map_err(|e| vec![e])
    }
}

/// Extract and align the inputs.
pub fn align_inputs(
    inputs: &Inputs,
    curated: Option<&nomina::glossary::Curated>,
    threshold: f32,
    progress: &Progress,
) -> Result<nomina::pipeline::Alignment, Vec<Error>> {
    use nomina::pipeline;
    let options = pipeline::AlignOptions { threshold };
    if let Some(list) = &inputs.candidates {
        let surfaces = nomina::surface::read_list(list).map_err(|e| vec![e])?;
        progress.stage(&format!("aligning {} surfaces", surfaces.len()));
        return Ok(pipeline::align(surfaces, &[], &[], curated, &options));
    }
    if inputs.paths.is_empty() {
        return Err(vec![Error::usage(
            "give documents (PATH...) or --candidates FILE",
        )]);
    }
    progress.stage("reading documents");
    let docs = pipeline::read_documents(&inputs.paths, &[])?;
    progress.stage(&format!("extracting names from {} documents", docs.len()));
    let ex = pipeline::extract(&docs);
    progress.stage(&format!("aligning {} surfaces", ex.surfaces.len()));
    Ok(pipeline::align(
        ex.surfaces,
        &ex.definitions,
        &ex.doc_names,
        curated,
        &options,
    ))
}
