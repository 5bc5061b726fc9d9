//! `mdbook-bcp`: the preprocessor as a command for stock `mdbook`.
//!
//! `mdbook-bcp supports RENDERER` answers mdBook's question; without a
//! subcommand it reads `[context, book]` JSON on stdin and writes the book JSON
//! on stdout. `mdbook-bcp check` reports what keeps the plan from being
//! complete and current (exit 0 clean, 1 findings, 2 error). `mdbook-bcp new
//! DIR [--template pharmacy|clinic]` starts a new plan from a bundled template.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use mdbook_bcp::starter::{self, Runner, Template};
use mdbook_bcp::{Bcp, check};
use mdbook_preprocessor::Preprocessor;

#[derive(Parser)]
#[command(
    name = "mdbook-bcp",
    version,
    about = "mdBook preprocessor for cyber-incident BCP books"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Tells mdBook whether RENDERER is supported (exit 0) or not (exit 1).
    Supports { renderer: String },
    /// Checks the plan: values missing, checklist items overdue or unassigned,
    /// review and training dates, devices past end of support.
    Check {
        /// The book's root folder (the one with book.toml).
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// text (for people) or json.
        #[arg(long, value_parser = ["text", "json"], default_value = "text")]
        format: String,
    },
    /// Creates a new book for your own plan from a bundled template.
    New {
        /// The folder to create (must not exist yet, or be empty).
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        /// pharmacy: 薬局向け雛形; clinic: 診療所向け雛形.
        #[arg(long, value_parser = ["pharmacy", "clinic"], default_value = "pharmacy")]
        template: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Supports { renderer }) => match Bcp::default().supports_renderer(&renderer) {
            Ok(true) => ExitCode::SUCCESS,
            _ => ExitCode::FAILURE,
        },
        Some(Command::Check { root, format }) => {
            match check::run_to_stdout(&root, check::Format::parse(&format)) {
                Ok(code) => ExitCode::from(code),
                Err(err) => {
                    report(&err);
                    ExitCode::from(2)
                }
            }
        }
        Some(Command::New { dir, template }) => {
            let template = Template::parse(&template).unwrap_or_default();
            match starter::create(&dir, template) {
                Ok(created) => {
                    say(created.next_steps(Runner::Mdbook).trim_end());
                    ExitCode::SUCCESS
                }
                Err(err) => {
                    report(&err);
                    ExitCode::from(2)
                }
            }
        }
        None => match run_protocol() {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                report(&err);
                ExitCode::FAILURE
            }
        },
    }
}

fn run_protocol() -> anyhow::Result<()> {
    let (ctx, book) = mdbook_preprocessor::parse_input(std::io::stdin())?;
    if ctx.mdbook_version != mdbook_preprocessor::MDBOOK_VERSION {
        log::warn!(
            "mdbook-bcp was built against mdbook {} but is called from mdbook {}",
            mdbook_preprocessor::MDBOOK_VERSION,
            ctx.mdbook_version
        );
    }
    let book = Bcp::default().run(&ctx, book)?;
    let mut out = std::io::stdout().lock();
    serde_json::to_writer(&mut out, &book).context("writing the book to stdout")?;
    out.flush()?;
    Ok(())
}

#[allow(clippy::print_stderr, reason = "the one place errors reach the user")]
fn report(err: &anyhow::Error) {
    eprintln!("エラー: {err:#}");
}

/// Messages for the user on stderr (stdout is mdBook's protocol channel).
#[allow(clippy::print_stderr, reason = "user-facing message")]
fn say(message: &str) {
    eprintln!("{message}");
}
