//! `bcp`: builds the cyber-incident BCP book with mdBook and the bcp
//! preprocessor embedded, so no other install is needed.

mod build;
mod check;
mod expand;
mod gettext;
mod html;
mod languages;
mod new;
mod pdf;
mod print;
mod repair;
mod translations;
mod xgettext;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::{Args, Parser, Subcommand};

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
    Check(check::CheckArgs),
    /// Writes po/messages.pot, the messages to translate (chapters, labels, template wording in data).
    Xgettext(xgettext::XgettextArgs),
    /// Counts translated / fuzzy / untranslated messages per language (exit 1 below min-translated).
    Translations(translations::TranslationsArgs),
    /// Creates a new book for your own plan from a bundled template (pharmacy or clinic).
    New(new::NewArgs),
}

/// Flags every command that works on a book shares.
#[derive(Args, Debug, Clone)]
pub struct BookArgs {
    /// The book's root folder (the one with book.toml). Default: found upwards from here.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
}

impl BookArgs {
    /// The root given, or the nearest folder upwards that holds a book.toml.
    pub fn book_root(&self) -> anyhow::Result<PathBuf> {
        if let Some(root) = &self.root {
            if !root.join("book.toml").is_file() {
                bail!("{} に book.toml がありません", root.display());
            }
            return Ok(root.clone());
        }
        let cwd = std::env::current_dir().context("現在のフォルダがわかりません")?;
        find_upwards(&cwd).with_context(|| {
            format!(
                "{} から上のフォルダに book.toml が見つかりません（--root で指定できます）",
                cwd.display()
            )
        })
    }
}

fn find_upwards(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|dir| dir.join("book.toml").is_file())
        .map(Path::to_path_buf)
}

fn main() -> ExitCode {
    init_logging();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(args) => build::run(&args),
        Command::Expand(args) => expand::run(&args),
        Command::Xgettext(args) => xgettext::run(&args),
        Command::New(args) => new::run(&args),
        // Its own exit codes: 0 clean, 1 findings, 2 error.
        Command::Check(args) => return check::main(&args),
        Command::Translations(args) => return translations::main(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            report(&err);
            ExitCode::from(2)
        }
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

/// Messages for the user on stderr (stdout stays free for machine output).
#[allow(clippy::print_stderr, reason = "user-facing progress line")]
pub fn say(message: &str) {
    eprintln!("{message}");
}
