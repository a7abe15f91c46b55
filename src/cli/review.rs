//! `nomina review`: apply an edited review sheet to the curated glossary.

use super::default_glossary;
use nomina::error::Error;
use nomina::glossary::Curated;
use nomina::review;
use std::collections::BTreeSet;
use std::path::PathBuf;

/// Options of `nomina review`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The review sheet a person edited (.csv, or a workbook: .xlsx, .ods).
    #[arg(value_name = "FILE", required_unless_present = "undo")]
    sheet: Option<PathBuf>,
    /// The curated glossary to update.
    #[arg(long, value_name = "FILE")]
    glossary: Option<PathBuf>,
    /// Show what would change; write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Restore the curated glossary as it was before the last review.
    #[arg(long, conflicts_with_all = ["sheet", "dry_run"])]
    undo: bool,
}

pub fn run(args: Args) -> Result<(), Vec<Error>> {
    let glossary = args.glossary.unwrap_or_else(default_glossary);
    if args.undo {
        let from = review::undo(&glossary).map_err(|e| vec![e])?;
        outln!("restored {} from {}", glossary.display(), from.display());
        return Ok(());
    }
    let Some(sheet) = args.sheet else {
        return Err(vec![Error::usage("give the review sheet to apply")]);
    };
    let curated = Curated::read(&glossary).map_err(|e| vec![e])?;
    let decisions = review::read_sheet(&sheet).map_err(|e| vec![e])?;
    let (updated, applied) =
        review::apply(&curated, &decisions, &sheet, &glossary).map_err(|e| vec![e])?;
    // Written first: nothing says "applied" before the glossary is saved.
    let saved = if args.dry_run {
        None
    } else {
        Some(review::save(&updated, &glossary).map_err(|e| vec![e])?)
    };
    let verb = if args.dry_run {
        "would apply"
    } else {
        "applied"
    };
    outln!(
        "{verb} {} decisions: {} accepted, {} rejected, {} unsure",
        decisions.len(),
        applied.accepted,
        applied.rejected,
        applied.unsure
    );
    for (old, new) in &applied.renamed {
        outln!("renamed       {old:?} → {new:?}");
    }
    let Some(saved) = saved else {
        let key =
            |r: &nomina::glossary::CuratedRow| (r.canonical.clone(), r.variant.clone(), r.status);
        let before: BTreeSet<_> = curated.rows.iter().map(key).collect();
        let after: BTreeSet<_> = updated.rows.iter().map(key).collect();
        for (canonical, variant, status) in before.difference(&after) {
            outln!("- {canonical} | {variant} | {}", status.as_str());
        }
        for (canonical, variant, status) in after.difference(&before) {
            outln!("+ {canonical} | {variant} | {}", status.as_str());
        }
        outln!("dry run: {} not written", glossary.display());
        return Ok(());
    };
    match saved {
        Some(backup) => outln!(
            "wrote {} (previous version in {})",
            glossary.display(),
            backup.display()
        ),
        None => outln!("wrote {}", glossary.display()),
    }
    Ok(())
}
