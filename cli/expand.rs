//! `bcp expand`: writes the book with every block already expanded, as a plain
//! mdBook that stock `mdbook` builds without the preprocessor (used by the
//! benchmark, and to hand a finished plan to someone without this tool).

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use mdbook_bcp::{Bcp, Edition};
use mdbook_driver::MDBook;
use mdbook_driver::book::BookItem;

use crate::prelude::{BookArgs, say};

#[derive(Args, Debug)]
pub struct ExpandArgs {
    #[command(flatten)]
    pub book: BookArgs,
    /// 展開した本を書き出すフォルダ（まだないか空のフォルダ）
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// 書き出す版: template（雛形）か plan（計画）（既定: book.toml のとおり）
    #[arg(long, value_enum)]
    pub edition: Option<Edition>,
}

pub fn run(args: &ExpandArgs) -> anyhow::Result<()> {
    let root = args.book.book_root()?;
    let mut book = MDBook::load(&root)?;
    if let Some(edition) = args.edition {
        book.config
            .set("preprocessor.bcp.edition", edition.as_str())?;
    }
    book.with_preprocessor(Bcp::default());
    let (expanded, _) = book.preprocess_book(&crate::html::BcpHtml::default())?;
    let src = root.join(&book.config.book.src);
    let out_src = args.out.join("src");
    std::fs::create_dir_all(&out_src)
        .with_context(|| format!("{} を作れません", out_src.display()))?;
    std::fs::copy(src.join("SUMMARY.md"), out_src.join("SUMMARY.md"))?;
    for item in expanded.iter() {
        if let BookItem::Chapter(chapter) = item
            && let Some(path) = &chapter.source_path
        {
            let target = out_src.join(path);
            std::fs::create_dir_all(target.parent().expect("inside src"))?;
            std::fs::write(&target, &chapter.content)?;
        }
    }
    let theme = root.join("theme");
    if theme.is_dir() {
        let out_theme = args.out.join("theme");
        std::fs::create_dir_all(&out_theme)
            .with_context(|| format!("{} を作れません", out_theme.display()))?;
        mdbook_core::utils::fs::copy_files_except_ext(&theme, &out_theme, true, None, &[])
            .with_context(|| format!("{} を写せません", theme.display()))?;
    }
    let mut toml: toml::Table = std::fs::read_to_string(root.join("book.toml"))?.parse()?;
    if let Some(toml::Value::Table(pre)) = toml.get_mut("preprocessor") {
        pre.remove("bcp");
    }
    if let Some(toml::Value::Table(book)) = toml.get_mut("book") {
        book.insert("src".into(), "src".into());
    }
    std::fs::write(args.out.join("book.toml"), toml::to_string(&toml)?)?;
    say(&format!(
        "{} に展開済みの本を書きました",
        args.out.display()
    ));
    Ok(())
}
