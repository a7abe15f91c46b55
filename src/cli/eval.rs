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
    #[arg(long, default_value_t = pipeline::DEFAULT_THRESHOLD)]
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
    println!("gold surfaces  {}", s.gold_surfaces);
    println!(
        "covered        {} (coverage {:.3})",
        s.covered,
        s.coverage()
    );
    println!(
        "pairs          system {}, gold {}, both {}",
        s.system_pairs, s.gold_pairs, s.true_pairs
    );
    println!("precision      {:.3}", s.precision());
    println!("recall         {:.3}", s.recall());
    println!("f1             {:.3}", s.f1());
    println!(
        "curated        {}",
        if curated.is_some() { "on" } else { "off" }
    );
    if args.details {
        for m in &s.missing {
            println!("missing        {m}");
        }
        for (a, b) in &s.false_pairs {
            println!("wrong pair     {a} | {b}");
        }
        for (a, b) in &s.missed_pairs {
            println!("missed pair    {a} | {b}");
        }
    }
    Ok(())
}
