//! `health`: the findings of the plan check (計画の状態).

use super::{Block, Shows};

pub const BLOCK: Block = Block {
    name: "health",
    template: "health.md.j2",
    source: include_str!("../../templates/health.md.j2"),
    shows: Shows::Report,
    heading: "計画の状態",
    summary: "the findings of `bcp check`, in the book's language",
    draw: None,
};
