//! `bcp build`: builds into a temporary folder beside the destination, then
//! swaps it in, so a failed build leaves the previous site exactly as it was.

use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Args;
use mdbook_bcp::{Bcp, BcpConfig, Edition};
use mdbook_driver::MDBook;

use crate::{BookArgs, say};

#[derive(Args, Debug)]
pub struct BuildArgs {
    #[command(flatten)]
    pub book: BookArgs,
    /// Where the site goes (default: the book's build dir, `book/`).
    #[arg(long, value_name = "DIR")]
    pub dest_dir: Option<PathBuf>,
    /// template: the association's blank 雛形; plan: the pharmacy's own plan.
    #[arg(long, value_parser = ["template", "plan"])]
    pub edition: Option<String>,
    /// Also print print.html, handout.html and poster.html to PDF (needs Chromium).
    #[arg(long)]
    pub pdf: bool,
}

pub fn run(args: &BuildArgs) -> anyhow::Result<()> {
    let root = args.book.book_root()?;
    let mut book =
        MDBook::load(&root).with_context(|| format!("{} の本を読み込めません", root.display()))?;
    if let Some(edition) = &args.edition {
        book.config.set("preprocessor.bcp.edition", edition)?;
    }
    let config = BcpConfig::from_book(&book.config)?;
    let dest = match &args.dest_dir {
        Some(dir) => std::env::current_dir()?.join(dir),
        None => root.join(&book.config.build.build_dir),
    };
    let chromium = args.pdf.then(crate::pdf::find_chromium);
    build_into(book, &dest, chromium.as_ref().and_then(|c| c.as_deref()))?;
    say(&format!(
        "{} を作りました（{}）",
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

/// Builds `book` and puts the result at `dest`, atomically for the reader;
/// with `chromium`, the print documents are printed to PDF too.
pub fn build_into(mut book: MDBook, dest: &Path, chromium: Option<&Path>) -> anyhow::Result<()> {
    let parent = dest.parent().context("出力先のフォルダが不正です")?;
    std::fs::create_dir_all(parent)
        .with_context(|| format!("{} を作れません", parent.display()))?;
    let staging = tempfile::Builder::new()
        .prefix(".bcp-build-")
        .tempdir_in(parent)
        .with_context(|| format!("{} に一時フォルダを作れません", parent.display()))?;
    book.config.build.build_dir = staging.path().to_path_buf();
    book.with_preprocessor(Bcp);
    book.with_renderer(crate::html::BcpHtml);
    book.build()?;
    let handout = BcpConfig::from_book(&book.config)?.handout;
    let handout: Vec<String> = handout
        .iter()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect();
    crate::print::write_print_documents(staging.path(), &book.book, &handout)?;
    if let Some(chromium) = chromium {
        crate::pdf::write_pdfs(chromium, staging.path())?;
    }
    swap_in(staging.keep(), dest)
}

/// Replaces `dest` by `fresh`; the old site is removed only after the swap.
fn swap_in(fresh: PathBuf, dest: &Path) -> anyhow::Result<()> {
    let old = dest.with_file_name(format!(
        ".{}.old-{}",
        dest.file_name().and_then(|n| n.to_str()).unwrap_or("book"),
        std::process::id()
    ));
    let had_old = dest.exists();
    if had_old {
        std::fs::rename(dest, &old)
            .with_context(|| format!("{} を置き換えられません", dest.display()))?;
    }
    if let Err(e) = std::fs::rename(&fresh, dest) {
        if had_old {
            let _ = std::fs::rename(&old, dest);
        }
        let _ = std::fs::remove_dir_all(&fresh);
        return Err(e).with_context(|| format!("{} に書き込めません", dest.display()));
    }
    if had_old {
        std::fs::remove_dir_all(&old)
            .with_context(|| format!("古いサイト {} を消せません", old.display()))?;
    }
    Ok(())
}
