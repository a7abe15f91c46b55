//! `nomina glossary`: the curated glossary in other formats.

use super::default_glossary;
use nomina::error::Error;
use nomina::glossary::Curated;
use nomina::lang::Lang;
use std::path::PathBuf;

/// Options of `nomina glossary`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Subcommand, Debug)]
enum Command {
    /// Export the curated glossary for translation tools (TBX-Basic, ISO 30042).
    Export(ExportArgs),
}

/// Export formats.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    /// TBX-Basic (ISO 30042:2019, DCA style): Trados, memoQ, OmegaT.
    Tbx,
}

/// Languages a term without one may be given.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum LangArg {
    /// English.
    En,
    /// French.
    Fr,
}

#[derive(clap::Args, Debug)]
struct ExportArgs {
    /// The output format.
    #[arg(long, value_enum, default_value_t = Format::Tbx)]
    format: Format,
    /// The curated glossary [default: glossary/glossary.csv].
    #[arg(long, value_name = "FILE")]
    glossary: Option<PathBuf>,
    /// Where to write (default: standard output).
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// The language of canonical forms whose row gives none; other terms
    /// without a language go under their canonical form's.
    #[arg(long, value_enum, default_value_t = LangArg::En)]
    lang: LangArg,
}

pub fn run(args: Args) -> Result<(), Vec<Error>> {
    match args.command {
        Command::Export(a) => export(a),
    }
}

fn export(args: ExportArgs) -> Result<(), Vec<Error>> {
    let path = args.glossary.unwrap_or_else(default_glossary);
    if !path.exists() {
        return Err(vec![
            Error::input("no such file or directory").with_path(&path),
        ]);
    }
    let curated = Curated::read(&path).map_err(|e| vec![e])?;
    let lang = match args.lang {
        LangArg::En => Lang::En,
        LangArg::Fr => Lang::Fr,
    };
    let text = match args.format {
        Format::Tbx => nomina::tbx::export(&curated, &path.display().to_string(), lang),
    };
    super::emit(args.output.as_ref(), text.as_bytes(), &[&path])
}
