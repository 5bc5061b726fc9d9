//! `damages`: 1.4.3 情報セキュリティ被害想定.

use super::{Block, Field, RowName, Shape, Shows, Table};
use crate::model::Damage;

pub const BLOCK: Block = Block {
    name: "damages",
    template: "damages.md.j2",
    source: include_str!("../../templates/damages.md.j2"),
    shows: Shows::Table("damages"),
    heading: "1.4.3 情報セキュリティ被害想定",
    summary: "damage scenarios by category",
    draw: None,
};

pub const TABLE: Table = Table {
    key: "damages",
    shape: Shape::Rows,
    what: "a damage scenario",
    fields: &[
        Field::new("category", "カテゴリ").required().wording(),
        Field::new("damage", "予想される被害").required().wording(),
        Field::new("factor", "被害を大きくする要因")
            .required()
            .wording(),
    ],
    row: RowName::Number,
    skip: None,
    exclusive: &[],
    nested: &[],
    wording: false,
    blank: super::row_of::<Damage>,
    finish: None,
};
