//! `poster`: the one-page emergency poster (緊急時連絡先・初動対応).

use super::{Block, Shows};

pub const BLOCK: Block = Block {
    name: "poster",
    template: "poster.html.j2",
    source: include_str!("../../templates/poster.html.j2"),
    shows: Shows::Summary,
    heading: "緊急時連絡先・初動対応",
    summary: "whom to call first and what to do, on one A4 page (template: what is missing)",
    draw: None,
};
