//! `strategies`: 2.3.2 事業継続戦略.

use super::{Block, Field, RowName, Shape, Shows, Table};
use crate::model::Strategy;

pub const BLOCK: Block = Block {
    name: "strategies",
    template: "strategies.md.j2",
    source: include_str!("../../templates/strategies.md.j2"),
    shows: Shows::Table("strategies"),
    heading: "2.3.2 事業継続戦略",
    summary: "strategies and when each is put into effect",
    draw: None,
};

pub const TABLE: Table = Table {
    key: "strategies",
    shape: Shape::Rows,
    what: "a strategy",
    fields: &[
        Field::new("name", "戦略").required().wording(),
        Field::new("trigger", "発動する状況").required().wording(),
    ],
    row: RowName::Number,
    skip: None,
    exclusive: &[],
    nested: &[],
    wording: false,
    blank: super::row_of::<Strategy>,
    finish: None,
};
