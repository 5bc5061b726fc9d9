//! `bcp check`: reports what keeps the plan from being complete and current
//! (values missing, checklist items overdue or unassigned, review and training
//! dates, devices past end of support). Writes nothing into the book.
//! Exit code 0 clean, 1 findings, 2 error.

use std::process::ExitCode;

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
    let code = check::run_to_stdout(&root, check::Format::parse(&args.format))?;
    Ok(ExitCode::from(code))
}
