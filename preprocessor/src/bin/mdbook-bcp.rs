//! `mdbook-bcp`: the preprocessor as a command for stock `mdbook`.
//!
//! `mdbook-bcp supports RENDERER` answers mdBook's question; without a
//! subcommand it reads `[context, book]` JSON on stdin and writes the book JSON
//! on stdout. `mdbook-bcp check` reports what keeps the plan from being
//! complete and current. `mdbook-bcp new DIR [--template pharmacy|clinic]`
//! starts a new plan from a bundled template. Exit codes: 0 ok, 1 findings
//! (or renderer not supported), 2 error ([`command::Exit`]).

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use mdbook_bcp::Bcp;
use mdbook_bcp::command::{self, Exit};
use mdbook_bcp::starter::Runner;
use mdbook_preprocessor::Preprocessor;

#[derive(Parser)]
#[command(
    name = "mdbook-bcp",
    version,
    about = "サイバーインシデントBCPの本のための mdBook プリプロセッサ（mdbook build から呼ばれます）"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// RENDERER に対応しているかを mdBook に答えます（対応 0、非対応 1）
    Supports { renderer: String },
    /// 計画に足りない所・古くなった所を点検します（終了コード 0 問題なし、1 指摘あり、2 エラー）
    Check(command::CheckArgs),
    /// 同梱の雛形（薬局・診療所）から、自分の計画の本を新しく作ります
    New(command::NewArgs),
}

fn main() -> ExitCode {
    command::exit(run())
}

fn run() -> anyhow::Result<Exit> {
    match command::parse::<Cli>("mdbook-bcp").command {
        Some(Command::Supports { renderer }) => Ok(Exit::success_if(
            Bcp::default().supports_renderer(&renderer)?,
        )),
        Some(Command::Check(args)) => command::check::run(&args, &mut std::io::stdout().lock()),
        // Messages for the user on stderr: stdout is mdBook's protocol channel.
        Some(Command::New(args)) => {
            command::new::run(&args, Runner::Mdbook, &mut std::io::stderr().lock())
        }
        None => run_protocol(),
    }
}

fn run_protocol() -> anyhow::Result<Exit> {
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
    Ok(Exit::Success)
}
