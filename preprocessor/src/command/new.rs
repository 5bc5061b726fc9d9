//! `new DIR`: a fresh book for the organisation's own plan, from a bundled
//! template (see [`crate::starter`]).

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;

use super::Exit;
use crate::starter::{self, Runner, Template};

#[derive(Args, Debug, Clone)]
pub struct NewArgs {
    /// 作るフォルダ（まだないか空のフォルダ）
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// もとにする雛形
    #[arg(long, value_enum, default_value_t = Template::Pharmacy)]
    pub template: Template,
    /// 計画の表（基本情報・職員・情報機器台帳・事前対策・確認表など、すべての表）を入力する表計算ファイル data/plan.xlsx も作ります（Excel や LibreOffice で入力できます）
    #[arg(long)]
    pub spreadsheet: bool,
}

/// Creates the book and writes what to do next to `out`, with the commands of
/// `runner` (the binary the user ran).
pub fn run(args: &NewArgs, runner: Runner, out: &mut dyn Write) -> anyhow::Result<Exit> {
    let mut created = starter::create(&args.dir, args.template)?;
    if args.spreadsheet {
        starter::add_workbook(&mut created)?;
    }
    writeln!(out, "{}", created.next_steps(runner).trim_end()).context("次の手順を書けません")?;
    Ok(Exit::Success)
}
