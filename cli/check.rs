//! `bcp check`: reports what keeps the plan from being complete and current
//! (values missing, checklist items overdue or unassigned, review and training
//! dates, devices past end of support). Writes nothing into the book.
//! Exit code 0 clean, 1 findings, 2 error.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use mdbook_bcp::check;

use crate::BookArgs;

#[derive(Args, Debug)]
pub struct CheckArgs {
    #[command(flatten)]
    pub book: BookArgs,
    /// text (for people) or json (for scripts).
    #[arg(long, value_parser = ["text", "json"], default_value = "text")]
    pub format: String,
}

/// Runs the check: 0 clean, 1 findings, 2 error (reported on stderr).
pub fn main(args: &CheckArgs) -> ExitCode {
    run(args).unwrap_or_else(|err| {
        crate::report(&err);
        ExitCode::from(2)
    })
}

/// Runs the check; `Ok` carries the exit code.
fn run(args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let root = args.book.book_root()?;
    let report = check::check_root(&root)?;
    let format = match args.format.as_str() {
        "json" => check::Format::Json,
        _ => check::Format::Text,
    };
    let mut out = std::io::stdout().lock();
    let written = check::write(&report, format, &mut out).and_then(|()| out.flush());
    match written {
        // A reader that stopped early (`bcp check | head`) is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        other => other.context("標準出力に書けません")?,
    }
    Ok(ExitCode::from(report.exit_code()))
}
