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
}

/// Creates the book and writes what to do next to `out`, with the commands of
/// `runner` (the binary the user ran).
pub fn run(args: &NewArgs, runner: Runner, out: &mut dyn Write) -> anyhow::Result<Exit> {
    let created = starter::create(&args.dir, args.template)?;
    writeln!(out, "{}", created.next_steps(runner).trim_end()).context("次の手順を書けません")?;
    Ok(Exit::Success)
}
