//! `bcp export --out plan.xlsx`: the plan's tables as one workbook, to fill
//! in with Excel or LibreOffice and put back in `data/`.

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;

use crate::prelude::{BookArgs, say};

#[derive(Args, Debug, Clone)]
pub struct ExportArgs {
    #[command(flatten)]
    pub book: BookArgs,
    /// 書き出す表計算ファイル（.xlsx）
    #[arg(long, short, value_name = "FILE", default_value = "plan.xlsx")]
    pub out: PathBuf,
}

pub fn run(args: &ExportArgs) -> anyhow::Result<()> {
    let root = args.book.book_root()?;
    let exported = mdbook_bcp::export::export_root(&root)?;
    std::fs::write(&args.out, &exported.bytes)
        .with_context(|| format!("{} に書けません", args.out.display()))?;
    say(&format!(
        "{} に {} 個の表を書き出しました（{}）。\nこのファイルを data/ に置いて使うときは、同じ表を TOML ファイルから消してください（同じ ID が二か所にあるとエラーになります）。",
        args.out.display(),
        exported.tables.len(),
        exported.tables.join("、")
    ));
    Ok(())
}
