//! `progress`: a progress bar of a checklist (2.4 measures or 資料3 checks).

use super::{Block, Shows};

pub const BLOCK: Block = Block {
    name: "progress",
    template: "progress.html.j2",
    source: include_str!("../../templates/progress.html.j2"),
    shows: Shows::Report,
    heading: "計画の状態",
    summary: "done / in progress / not started / overdue of `of` = measures or checks",
    draw: None,
};
