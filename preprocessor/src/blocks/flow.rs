//! `flow`: 資料1 行動・対応の流れ.

use super::{Block, Field, Nested, RowName, Shape, Show, Shows, Table};
use crate::model::FlowStep;

pub const BLOCK: Block = Block {
    name: "flow",
    template: "flow.md.j2",
    source: include_str!("../../templates/flow.md.j2"),
    shows: Shows::Table("flow"),
    heading: "資料1 サイバーインシデントの行動・対応の流れ",
    summary: "steps by phase, with the numbers to call",
    draw: None,
};

pub const TABLE: Table = Table {
    key: "flow",
    shape: Shape::Rows,
    what: "a step",
    fields: &[
        Field::new("phase", "区分").wording(),
        Field::new("situation", "状況").wording(),
        Field::new("action", "行動・対応").wording(),
        Field::new("measure", "対策").wording(),
    ],
    row: RowName::Number,
    skip: None,
    exclusive: &[],
    nested: &[Nested {
        key: "call",
        table: &CALLS,
    }],
    wording: false,
    blank: super::row_of::<FlowStep>,
    finish: None,
};

/// A number to call in a step: 「{text}：{phone}」.
pub const CALLS: Table = Table {
    key: "call",
    shape: Shape::Rows,
    what: "a number to call",
    fields: &[
        Field::new("text", "連絡先").wording(),
        Field::new("org", "関係先").refers("orgs", &[Show::of("phone")]),
    ],
    row: RowName::Number,
    skip: None,
    exclusive: &[],
    nested: &[],
    wording: false,
    // `Call` has no default: both its fields are required.
    blank: || serde_json::json!({"text": "", "org": null}),
    finish: None,
};
