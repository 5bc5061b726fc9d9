//! `checks`: 資料3 確認表, the plan's own checklist.

use super::{Block, Field, Nested, RowName, Shape, Shows, Table};
use crate::messages::STATUSES;
use crate::model::{CheckGroup, CheckItem};

pub const BLOCK: Block = Block {
    name: "checks",
    template: "checks.md.j2",
    source: include_str!("../../templates/checks.md.j2"),
    shows: Shows::Table("checks"),
    heading: "資料3 サイバー攻撃を想定した事業継続計画（BCP）策定の確認表",
    summary: "checks grouped by 大項目 (plan: status and date)",
    draw: None,
};

pub const TABLE: Table = Table {
    key: "checks",
    shape: Shape::Rows,
    what: "a 大項目 with its checks (`items`)",
    fields: &[
        Field::new("id", "項番").unique(),
        Field::new("title", "大項目").wording(),
    ],
    row: RowName::Field("id"),
    skip: None,
    exclusive: &[],
    nested: &[Nested {
        key: "items",
        table: &ITEMS,
    }],
    wording: false,
    blank: super::row_of::<CheckGroup>,
    finish: None,
};

/// One check of a 大項目.
pub const ITEMS: Table = Table {
    key: "items",
    shape: Shape::Rows,
    what: "a check",
    fields: &[
        Field::new("text", "確認項目").wording(),
        Field::new("status", "確認欄").required().one_of(&STATUSES),
        Field::new("checked", "確認日"),
    ],
    row: RowName::ParentIdText("id", "text"),
    skip: None,
    exclusive: &[],
    nested: &[],
    wording: false,
    blank: super::row_of::<CheckItem>,
    finish: None,
};
