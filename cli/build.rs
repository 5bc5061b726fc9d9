//! `bcp build`: the command. One book's site is built by [`crate::site`]
//! (atomically: a failed build leaves the previous site as it was); a chain
//! book's stores by [`crate::chain`].

use std::path::PathBuf;

use clap::Args;
use mdbook_bcp::{BcpConfig, Edition};

use crate::book::load;
use crate::pdf::Printer;
use crate::prelude::{BookArgs, say};
use crate::site::build_into;

#[derive(Args, Debug)]
pub struct BuildArgs {
    #[command(flatten)]
    pub book: BookArgs,
    /// サイトを書き出すフォルダ（既定: 本の book/）
    #[arg(long, value_name = "DIR")]
    pub dest_dir: Option<PathBuf>,
    /// 作る版: template（雛形）か plan（計画）（既定: book.toml のとおり）
    #[arg(long, value_enum)]
    pub edition: Option<Edition>,
    /// 印刷用・研修用資料・掲示用の頁を PDF にもします（Chromium が必要）
    #[arg(long)]
    pub pdf: bool,
    /// The Chromium (or Chrome) for `--pdf` (default: $BCP_CHROMIUM, else chromium on PATH).
    #[arg(long, value_name = "PATH", requires = "pdf")]
    pub chromium: Option<PathBuf>,
    /// チェーンの本で、この店舗の計画だけを作り、店舗一覧のその行を更新します
    #[arg(long, value_name = "ID")]
    pub store: Option<String>,
    /// チェーンの本で、データに誤りのある店舗があっても、ほかの店舗の計画を作ります（店舗一覧にその誤りを示します）
    #[arg(long)]
    pub keep_going: bool,
}

pub fn run(args: &BuildArgs) -> anyhow::Result<()> {
    let root = args.book.book_root()?;
    let mut overrides = Vec::new();
    if let Some(edition) = args.edition {
        overrides.push(("preprocessor.bcp.edition", edition.as_str().to_string()));
    }
    let book = load(&root, &overrides)?;
    let config = BcpConfig::from_book(&book.config)?;
    let dest = match &args.dest_dir {
        Some(dir) => std::env::current_dir()?.join(dir),
        None => root.join(&book.config.build.build_dir),
    };
    let chromium = args
        .pdf
        .then(|| bcp_browser::find_chromium(args.chromium.as_deref()));
    let mut printer = chromium
        .as_ref()
        .and_then(|c| c.as_deref())
        .map(Printer::new);
    if mdbook_bcp::chain::is_chain(&root) {
        drop(book);
        let options = crate::chain::Options {
            only: args.store.as_deref(),
            keep_going: args.keep_going,
        };
        let built = crate::chain::build(&root, &overrides, &dest, options, printer.as_mut())?;
        drop(printer);
        let unchanged = match built.unchanged {
            0 => String::new(),
            n => format!("（変わっていない {n} 店舗はそのまま）"),
        };
        say(&format!(
            "{} に {} 店舗の計画を作り{unchanged}、店舗一覧 index.html を更新しました",
            dest.display(),
            built.built,
        ));
        if let Some(None) = chromium {
            anyhow::bail!(crate::pdf::no_chromium_message());
        }
        if !built.failed.is_empty() {
            anyhow::bail!(
                "{} 店舗の計画は作れませんでした（店舗一覧にその誤りを示しています）:\n{}",
                built.failed.len(),
                built.failed.join("\n")
            );
        }
        return Ok(());
    }
    if let Some(id) = &args.store {
        anyhow::bail!("--store {id}: この本はチェーンの本ではありません（stores/ がありません）");
    }
    if args.keep_going {
        anyhow::bail!("--keep-going: この本はチェーンの本ではありません（stores/ がありません）");
    }
    build_into(book, &overrides, &dest, printer.as_mut())?;
    drop(printer);
    let mut languages = String::new();
    for lang in config.translations() {
        languages.push_str(&format!("、{lang}/ に {}", crate::languages::name(lang)));
    }
    say(&format!(
        "{} を作りました（{}{languages}）",
        dest.display(),
        match config.edition {
            Edition::Template => "雛形版 template",
            Edition::Plan => "計画版 plan",
        }
    ));
    match chromium {
        Some(None) => anyhow::bail!(crate::pdf::no_chromium_message()),
        Some(Some(_)) => {
            let pdfs: Vec<&str> = crate::pdf::DOCUMENTS
                .iter()
                .copied()
                .filter(|name| dest.join(format!("{name}.pdf")).is_file())
                .collect();
            say(&format!("PDF: {}.pdf", pdfs.join(".pdf, ")));
        }
        None => {}
    }
    Ok(())
}
