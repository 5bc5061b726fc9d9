//! `bcp new DIR`: a fresh book for the organisation's own plan, from a
//! bundled template (see `mdbook_bcp::starter`).

use std::path::PathBuf;

use clap::Args;
use mdbook_bcp::starter::{self, Runner, Template};

use crate::say;

#[derive(Args, Debug)]
pub struct NewArgs {
    /// The folder to create (must not exist yet, or be empty).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// pharmacy: 薬局向け雛形; clinic: 診療所向け雛形.
    #[arg(long, value_parser = ["pharmacy", "clinic"], default_value = "pharmacy")]
    pub template: String,
}

pub fn run(args: &NewArgs) -> anyhow::Result<()> {
    let template = Template::parse(&args.template).unwrap_or_default();
    let created = starter::create(&args.dir, template)?;
    say(created.next_steps(Runner::Bcp).trim_end());
    Ok(())
}
