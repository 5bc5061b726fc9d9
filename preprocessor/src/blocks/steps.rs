//! `steps`: 資料2 作成のステップ.

use super::{Block, Field, RowName, Shape, Shows, Table};
use crate::model::Step;

pub const BLOCK: Block = Block {
    name: "steps",
    template: "steps.html.j2",
    source: include_str!("../../templates/steps.html.j2"),
    shows: Shows::Table("steps"),
    heading: "2.2 BCP作成の進め方",
    summary: "the steps of writing the plan",
    draw: None,
};

pub const TABLE: Table = Table {
    key: "steps",
    shape: Shape::Rows,
    what: "a step of writing the plan",
    fields: &[
        Field::new("step", "ステップ").wording(),
        Field::new("title", "項目").wording(),
        Field::new("content", "内容").wording(),
    ],
    row: RowName::Number,
    skip: None,
    exclusive: &[],
    nested: &[],
    wording: false,
    blank: super::row_of::<Step>,
    finish: None,
};
