//! The `nomina` binary: parse arguments, call the library, print.

use std::process::ExitCode;

mod cli;

fn main() -> ExitCode {
    cli::run()
}
