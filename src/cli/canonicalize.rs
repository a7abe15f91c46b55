//! `nomina canonicalize`: canonical copies of new documents.

use super::Progress;
use nomina::canon::Replacer;
use nomina::error::Error;
use nomina::glossary::Mapping;
use nomina::pipeline;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Options of `nomina canonicalize`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Documents or folders; `-` reads standard input and writes standard output.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// The glossary: a glossary table (out/glossary.csv) or the curated glossary.
    #[arg(long, value_name = "FILE")]
    glossary: PathBuf,
    /// Output folder for the canonical copies (same names as the inputs).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

pub fn run(args: Args, progress: &Progress) -> Result<(), Vec<Error>> {
    let mapping = Mapping::read(&args.glossary).map_err(|e| vec![e])?;
    let replacer = Replacer::new(&mapping.pairs).map_err(|e| vec![e])?;
    if args.paths.len() == 1 && args.paths[0].as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| vec![Error::input(format!("cannot read standard input: {e}"))])?;
        let text = nomina::corpus::decode(Path::new("<stdin>"), bytes).map_err(|e| vec![e])?;
        let (out, _) = replacer.replace(&text);
        let mut stdout = std::io::stdout().lock();
        return stdout
            .write_all(out.as_bytes())
            .and_then(|()| stdout.flush())
            .map_err(|e| {
                vec![Error::new(
                    nomina::error::ErrorKind::Output,
                    format!("cannot write to standard output: {e}"),
                )]
            });
    }
    let Some(out) = args.out else {
        return Err(vec![Error::usage(
            "give --out DIR for the canonical copies (or `-` to use standard input and output)",
        )]);
    };
    progress.stage("reading documents");
    let docs = pipeline::read_documents(&args.paths)?;
    progress.stage(&format!(
        "canonicalising {} documents with {} variants",
        docs.len(),
        replacer.len()
    ));
    let copies = pipeline::canonicalize(&docs, &replacer);
    for d in &docs {
        let target = out.join(&d.name);
        if let (Ok(a), Ok(b)) = (
            std::fs::canonicalize(&target),
            std::fs::canonicalize(&d.path),
        ) {
            if a == b {
                return Err(vec![
                    Error::usage(
                        "the output would overwrite an input document; choose another --out",
                    )
                    .with_path(&d.path),
                ]);
            }
        }
    }
    let mut total = 0;
    for (d, (text, reps)) in docs.iter().zip(&copies) {
        nomina::atomic::write(&out.join(&d.name), text.as_bytes()).map_err(|e| vec![e])?;
        total += reps.len();
    }
    println!(
        "canonicalised {} documents, {} replacements, into {}",
        docs.len(),
        total,
        out.display()
    );
    Ok(())
}
