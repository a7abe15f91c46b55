//! `nomina build`: the main job.

use super::{GlossaryChoice, Progress, default_glossary};
use nomina::error::Error;
use nomina::pipeline;
use std::path::{Path, PathBuf};

/// Options of `nomina build`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Documents or folders (read recursively, .txt and .md).
    #[arg(value_name = "PATH", default_value = "seeds")]
    paths: Vec<PathBuf>,
    /// The same as PATH (the spelling of earlier versions, kept for scripts).
    #[arg(long, value_name = "DIR", hide = true, conflicts_with = "paths")]
    corpus: Vec<PathBuf>,
    #[command(flatten)]
    glossary: GlossaryChoice,
    /// Output folder: glossary.csv, review.csv (or .xlsx) and canonical/.
    #[arg(long, value_name = "DIR", default_value = "out")]
    out: PathBuf,
    /// Minimum score for a proposed merge.
    #[arg(long, default_value_t = pipeline::DEFAULT_THRESHOLD, value_parser = super::score)]
    threshold: f32,
    /// The review sheet's format: review.csv, review.xlsx, or both.
    #[arg(long, value_enum, default_value_t = SheetFormat::Csv)]
    format: SheetFormat,
}

/// The formats of the review sheet.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum SheetFormat {
    /// `review.csv` (UTF-8 with a BOM).
    Csv,
    /// `review.xlsx` (frozen header, filters, a drop-down on `decision`).
    Xlsx,
    /// Both.
    Both,
}

/// The list of the copies `build` wrote, beside their folder (which holds
/// the copies alone).
const WRITTEN: &str = ".canonical-written.json";

/// Remove the copies an earlier `build` wrote for documents that are no
/// longer in the corpus (a stale copy would be counted with the rest), then
/// record this run's. Only files named in that list are removed: a file of
/// the user's own in the folder is never touched. Returns how many went.
fn forget_stale_copies(
    dir: &Path,
    list: &Path,
    docs: &[nomina::corpus::Document],
) -> Result<usize, Vec<Error>> {
    let now: std::collections::BTreeSet<&str> = docs.iter().map(|d| d.name.as_str()).collect();
    let before: Vec<String> = std::fs::read(list)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default();
    let mut removed = 0;
    for name in before.iter().filter(|n| !now.contains(n.as_str())) {
        // Names inside the folder only, whatever the list says.
        let plain = Path::new(name)
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
        let path = dir.join(name);
        if plain && path.is_file() && std::fs::remove_file(&path).is_ok() {
            removed += 1;
        }
    }
    let bytes = serde_json::to_vec(&now)
        .map_err(|e| vec![Error::new(nomina::error::ErrorKind::Output, e.to_string())])?;
    nomina::atomic::write(list, &bytes).map_err(|e| vec![e])?;
    Ok(removed)
}

pub fn run(args: Args, progress: &Progress) -> Result<(), Vec<Error>> {
    let curated = args.glossary.load()?;
    progress.stage("reading documents");
    let paths = if args.corpus.is_empty() {
        &args.paths
    } else {
        &args.corpus
    };
    // Not the outputs of an earlier run: the copies in OUT/canonical (the
    // one folder left out when OUT is the corpus itself), nor OUT.
    let outputs = [args.out.join("canonical"), args.out.clone()];
    let docs = pipeline::read_documents(paths, &outputs)?;
    progress.stage(&format!("extracting names from {} documents", docs.len()));
    let ex = pipeline::extract(&docs);
    progress.stage(&format!("aligning {} surfaces", ex.surfaces.len()));
    let options = pipeline::AlignOptions {
        threshold: args.threshold,
    };
    let alignment = pipeline::align(
        ex.surfaces.clone(),
        &ex.definitions,
        &ex.doc_names,
        curated.as_ref(),
        &options,
    );
    progress.stage("writing canonical copies");
    let replacer = pipeline::replacer_for(&alignment).map_err(|e| vec![e])?;
    let copies = pipeline::canonicalize(&docs, &replacer);
    // Everything is computed; now write, never over an input.
    let canonical_dir = args.out.join("canonical");
    for d in &docs {
        super::not_an_input(&canonical_dir.join(&d.name), &[&d.path])?;
    }
    let glossary_path = args.out.join("glossary.csv");
    let mut review_paths = Vec::new();
    if args.format != SheetFormat::Xlsx {
        review_paths.push(args.out.join("review.csv"));
    }
    if args.format != SheetFormat::Csv {
        review_paths.push(args.out.join("review.xlsx"));
    }
    let glossary_input = args.glossary.path();
    let mut inputs: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    inputs.extend(glossary_input.as_deref());
    for p in review_paths.iter().chain([&glossary_path]) {
        super::not_an_input(p, &inputs)?;
    }
    let write = |p: &Path, b: &[u8]| nomina::atomic::write(p, b).map_err(|e| vec![e]);
    write(
        &glossary_path,
        &nomina::glossary::table_csv(&alignment.rows).map_err(|e| vec![e])?,
    )?;
    for path in &review_paths {
        let sheet = if nomina::review::is_workbook(path) {
            nomina::review::sheet_xlsx(&alignment.proposals)
        } else {
            nomina::review::sheet_csv(&alignment.proposals)
        };
        write(path, &sheet.map_err(|e| vec![e])?)?;
    }
    let mut replacements = 0;
    for (d, (text, reps)) in docs.iter().zip(&copies) {
        write(&canonical_dir.join(&d.name), text.as_bytes())?;
        replacements += reps.len();
    }
    let stale = forget_stale_copies(&canonical_dir, &args.out.join(WRITTEN), &docs)?;
    let glossary_used = match (&curated, &args.glossary.glossary) {
        (None, _) => "none".to_string(),
        (Some(_), Some(p)) => p.display().to_string(),
        (Some(_), None) if !default_glossary().exists() => {
            format!("none ({} does not exist yet)", default_glossary().display())
        }
        (Some(_), None) => default_glossary().display().to_string(),
    };
    outln!("documents     {}", docs.len());
    outln!("mentions      {}", ex.mentions);
    outln!("surfaces      {}", ex.surfaces.len());
    outln!("candidates    {}", alignment.candidates.len());
    outln!(
        "clusters      {} ({} with several variants)",
        alignment.clusters.len(),
        alignment.merged_clusters()
    );
    outln!(
        "proposed      {} merges to review",
        alignment.proposals.len()
    );
    outln!("replacements  {}", replacements);
    if stale > 0 {
        outln!("removed       {stale} copies of documents no longer in the corpus");
    }
    outln!("curated       {glossary_used}");
    outln!("wrote         {}", glossary_path.display());
    for path in &review_paths {
        outln!("              {}", path.display());
    }
    outln!(
        "              {}/ ({} files)",
        canonical_dir.display(),
        docs.len()
    );
    Ok(())
}
