//! `nomina extract`: the surface table.

use super::{Progress, emit};
use nomina::error::Error;
use nomina::glossary::lang_cell;
use nomina::pipeline;
use std::path::{Path, PathBuf};

/// Options of `nomina extract`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Documents or folders (read recursively, .txt and .md).
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Write the table here instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub fn run(args: Args, progress: &Progress) -> Result<(), Vec<Error>> {
    progress.stage("reading documents");
    let docs = pipeline::read_documents(&args.paths, &[])?;
    progress.stage(&format!("extracting names from {} documents", docs.len()));
    let ex = pipeline::extract(&docs);
    let bytes = nomina::atomic::csv_bytes(|w| {
        w.write_record([
            "surface",
            "lang",
            "kind",
            "count",
            "docs",
            "documents",
            "context",
        ])?;
        for s in &ex.surfaces {
            let documents: Vec<&str> = s.docs.iter().map(|&d| ex.doc_names[d].as_str()).collect();
            w.write_record([
                s.text.as_str(),
                lang_cell(s.lang),
                s.kind.as_str(),
                &s.count.to_string(),
                &s.docs.len().to_string(),
                &documents.join("; "),
                s.contexts.first().map_or("", String::as_str),
            ])?;
        }
        Ok(())
    })
    .map_err(|e| vec![e])?;
    let inputs: Vec<&Path> = args.paths.iter().map(PathBuf::as_path).collect();
    emit(args.output.as_ref(), &bytes, &inputs)
}
