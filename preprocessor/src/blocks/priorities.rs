//! `priorities`: 2.3.3 優先業務 (A 通常通り / B 縮小 / C 当面実施しない).

use super::{Block, Field, RowName, Shape, Shows, Table};
use crate::model::Priority;

pub const BLOCK: Block = Block {
    name: "priorities",
    template: "priorities.md.j2",
    source: include_str!("../../templates/priorities.md.j2"),
    shows: Shows::Table("priorities"),
    heading: "2.3.3 優先業務の選定・実施",
    summary: "tasks by priority A / B / C",
    draw: None,
};

pub const TABLE: Table = Table {
    key: "priorities",
    shape: Shape::Rows,
    what: "a task with its priority",
    fields: &[
        Field::new("level", "優先度").wording(),
        Field::new("task", "業務").required().wording(),
    ],
    row: RowName::Number,
    skip: None,
    exclusive: &[],
    nested: &[],
    wording: false,
    blank: super::row_of::<Priority>,
    finish: None,
};
