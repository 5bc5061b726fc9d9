//! `bcp`: builds the cyber-incident BCP book with mdBook and the bcp
//! preprocessor embedded, so no other install is needed.
//!
//! `main` → [`run`] → [`Exit`]: every subcommand ends in one of the exit codes
//! 0 ok, 1 findings (or translations below the minimum), 2 error; an error is
//! printed once, on stderr.

mod book;
mod build;
mod chain;
mod expand;
mod export;
mod gettext;
mod html;
mod languages;
mod pdf;
mod prelude;
mod print;
mod repair;
mod serve;
mod site;
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
    /// 本を作ります（日本語検索つきのサイト、印刷用の頁。既定の出力先は book/）
    Build(build::BuildArgs),
    /// 本を作り、ブラウザで見ながら書けるようにします（保存すると作り直して頁を読み込み直します）
    Serve(serve::ServeArgs),
    /// 計画に足りない所・古くなった所を点検します（終了コード 0 問題なし、1 指摘あり、2 エラー）
    Check(command::CheckArgs),
    /// 同梱の雛形（薬局・診療所）から、自分の計画の本を新しく作ります
    New(command::NewArgs),
    /// データブロックを展開した本を、ふつうの mdBook として書き出します
    Expand(expand::ExpandArgs),
    /// 翻訳するメッセージを po/messages.pot に書き出します
    Xgettext(xgettext::XgettextArgs),
    /// 言語ごとの翻訳済み・要確認・未翻訳の件数を数えます（min-translated 未満なら終了コード 1）
    Translations(translations::TranslationsArgs),
    /// 計画の表を一つの表計算ファイル（.xlsx）に書き出します。data/ に置けばそのまま読み込めます。
    Export(export::ExportArgs),
}

fn main() -> ExitCode {
    command::exit(run())
}

fn run() -> anyhow::Result<Exit> {
    init_logging();
    let done = |()| Exit::Success;
    match command::parse::<Cli>("bcp").command {
        Command::Build(args) => build::run(&args).map(done),
        Command::Serve(args) => serve::run(&args),
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
