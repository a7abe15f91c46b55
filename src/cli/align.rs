//! `nomina align`: the glossary table for documents or a list of surfaces.

use super::{GlossaryChoice, Inputs, Progress, align_inputs, emit};
use nomina::error::Error;
use nomina::pipeline;
use std::path::PathBuf;

/// Options of `nomina align`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    inputs: Inputs,
    #[command(flatten)]
    glossary: GlossaryChoice,
    /// Write the table here instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Minimum score for a proposed merge.
    #[arg(long, default_value_t = pipeline::DEFAULT_THRESHOLD, value_parser = super::score)]
    threshold: f32,
}

pub fn run(args: Args, progress: &Progress) -> Result<(), Vec<Error>> {
    let curated = args.glossary.load()?;
    let alignment = align_inputs(&args.inputs, curated.as_ref(), args.threshold, progress)?;
    let bytes = nomina::glossary::table_csv(&alignment.rows).map_err(|e| vec![e])?;
    let glossary = args.glossary.path();
    let mut inputs = args.inputs.named();
    inputs.extend(glossary.as_deref());
    emit(args.output.as_ref(), &bytes, &inputs)
}
