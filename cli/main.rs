//! `bcp`: builds the cyber-incident BCP book with mdBook and the bcp
//! preprocessor embedded, so no other install is needed.
//!
//! `main` → [`run`] → [`Exit`]: every subcommand ends in one of the exit codes
//! 0 ok, 1 findings (or translations below the minimum), 2 error; an error is
//! printed once, on stderr.

mod book;
mod build;
mod chromium;
mod expand;
mod export;
mod gettext;
mod html;
mod languages;
mod pdf;
mod prelude;
mod print;
mod repair;
mod translations;
mod xgettext;

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use mdbook_bcp::command::{self, Exit};
use mdbook_bcp::starter::Runner;

#[derive(Parser)]
#[command(
    name = "bcp",
    version,
    about = "サイバーインシデントBCPの本をビルドします (mdBook + mdbook-bcp)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Builds the book (HTML site with Japanese search, print page) into `book/`.
    Build(build::BuildArgs),
    /// Writes the book with every data block expanded, as a plain mdBook.
    Expand(expand::ExpandArgs),
    /// Checks the plan is complete and current (exit 0 clean, 1 findings, 2 error).
    Check(command::CheckArgs),
    /// Writes po/messages.pot, the messages to translate (chapters, labels, template wording in data).
    Xgettext(xgettext::XgettextArgs),
    /// Counts translated / fuzzy / untranslated messages per language (exit 1 below min-translated).
    Translations(translations::TranslationsArgs),
    /// Creates a new book for your own plan from a bundled template (pharmacy or clinic).
    New(command::NewArgs),
    /// 計画の表を一つの表計算ファイル（.xlsx）に書き出します。data/ に置けばそのまま読み込めます。
    Export(export::ExportArgs),
}

fn main() -> ExitCode {
    run()
        .unwrap_or_else(|err| {
            report(&err);
            Exit::Error
        })
        .into()
}

fn run() -> anyhow::Result<Exit> {
    init_logging();
    let done = |()| Exit::Success;
    match Cli::parse().command {
        Command::Build(args) => build::run(&args).map(done),
        Command::Expand(args) => expand::run(&args).map(done),
        Command::Check(args) => command::check::run(&args, &mut std::io::stdout().lock()),
        Command::Xgettext(args) => xgettext::run(&args).map(done),
        Command::Translations(args) => translations::run(&args),
        Command::Export(args) => export::run(&args).map(done),
        Command::New(args) => command::new::run(&args, Runner::Bcp, &mut std::io::stderr().lock()),
    }
}

fn init_logging() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("BCP_LOG").unwrap_or_else(|_| EnvFilter::new("warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .without_time()
        .with_target(false)
        .init();
}

#[allow(clippy::print_stderr, reason = "the one place errors reach the user")]
fn report(err: &anyhow::Error) {
    eprintln!("エラー: {err:#}");
}
