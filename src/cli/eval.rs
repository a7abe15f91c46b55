//! `nomina eval`: alignment scored against a gold clustering.

use super::{GlossaryChoice, Inputs, Progress, align_inputs};
use nomina::error::Error;
use nomina::eval::{Gold, score};
use nomina::pipeline;
use std::path::PathBuf;

/// Options of `nomina eval`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The gold clustering: CSV with `entity_id,surface`.
    #[arg(long, value_name = "FILE")]
    gold: PathBuf,
    #[command(flatten)]
    inputs: Inputs,
    #[command(flatten)]
    glossary: GlossaryChoice,
    /// Minimum score for a proposed merge.
    #[arg(long, default_value_t = pipeline::DEFAULT_THRESHOLD, value_parser = super::score)]
    threshold: f32,
    /// Also list missing surfaces, wrong pairs and missed pairs.
    #[arg(long)]
    details: bool,
}

pub fn run(args: Args, progress: &Progress) -> Result<(), Vec<Error>> {
    let gold = Gold::read(&args.gold).map_err(|e| vec![e])?;
    let curated = args.glossary.load()?;
    let alignment = align_inputs(&args.inputs, curated.as_ref(), args.threshold, progress)?;
    let s = score(&gold, &alignment.mapping());
    outln!("gold surfaces  {}", s.gold_surfaces);
    outln!(
        "covered        {} (coverage {:.3})",
        s.covered,
        s.coverage()
    );
    outln!(
        "pairs          system {}, gold {}, both {}",
        s.system_pairs,
        s.gold_pairs,
        s.true_pairs
    );
    outln!("precision      {:.3}", s.precision());
    outln!("recall         {:.3}", s.recall());
    outln!("f1             {:.3}", s.f1());
    outln!(
        "curated        {}",
        if curated.is_some() { "on" } else { "off" }
    );
    if args.details {
        for m in &s.missing {
            outln!("missing        {m}");
        }
        for (a, b) in &s.false_pairs {
            outln!("wrong pair     {a} | {b}");
        }
        for (a, b) in &s.missed_pairs {
            outln!("missed pair    {a} | {b}");
        }
    }
    Ok(())
}
