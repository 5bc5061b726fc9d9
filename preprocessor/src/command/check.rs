//! `check`: reports what keeps the plan from being complete and current
//! (values missing, checklist items overdue or unassigned, review and training
//! dates, devices past end of support). Writes nothing into the book.

use std::io::{self, Write};

use anyhow::Context;
use clap::{Args, ValueEnum};

use super::{BookArgs, Exit};
use crate::check;

#[derive(Args, Debug, Clone)]
pub struct CheckArgs {
    #[command(flatten)]
    pub book: BookArgs,
    /// How the report is written.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Format {
    /// For people: one `file:line:col: kind: message` per finding, then a summary.
    #[default]
    Text,
    /// For scripts.
    Json,
}

impl From<Format> for check::Format {
    fn from(format: Format) -> check::Format {
        match format {
            Format::Text => check::Format::Text,
            Format::Json => check::Format::Json,
        }
    }
}

/// Checks the book and writes the report to `out`: [`Exit::Success`] clean,
/// [`Exit::Failure`] findings, [`Exit::Error`] when the data cannot be read
/// (that error is the report's one finding).
pub fn run(args: &CheckArgs, mut out: &mut dyn Write) -> anyhow::Result<Exit> {
    let root = args.book.book_root()?;
    let report = check::check_root(&root)?;
    match check::write(&report, args.format.into(), &mut out).and_then(|()| out.flush()) {
        // A reader that stopped early (`check | head`) is not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        other => other.context("標準出力に書けません")?,
    }
    Ok(if report.errors() > 0 {
        Exit::Error
    } else {
        Exit::success_if(report.findings.is_empty())
    })
}
