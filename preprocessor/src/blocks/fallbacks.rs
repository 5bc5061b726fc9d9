//! `fallbacks`: 2.3.4 代替手段 (what each task falls back to).

use super::{Block, Field, Need, RowName, Shape, Show, Shows, Table};
use crate::model::Fallback;

pub const BLOCK: Block = Block {
    name: "fallbacks",
    template: "fallbacks.md.j2",
    source: include_str!("../../templates/fallbacks.md.j2"),
    shows: Shows::Table("fallbacks"),
    heading: "2.3.4 リスク評価・代替運用",
    summary: "tasks, their system and the fallback",
    draw: None,
};

pub const TABLE: Table = Table {
    key: "fallbacks",
    shape: Shape::Rows,
    what: "a fallback",
    fields: &[
        Field::new("task", "業務内容").required().wording(),
        Field::new("system", "システム")
            .need(Need::UnlessFilled("label"))
            .refers("systems", &[Show::unless("name", "label")]),
        Field::new("label", "システム").wording(),
        Field::new("method", "代替手段").required().wording(),
    ],
    row: RowName::Number,
    skip: None,
    exclusive: &[],
    nested: &[],
    wording: false,
    blank: super::row_of::<Fallback>,
    finish: None,
};
