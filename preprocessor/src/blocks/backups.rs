//! `backups`: 2.2.5 バックアップ体制.

use super::{Block, Field, Need, RowName, Shape, Show, Shows, Table};
use crate::model::Backup;

pub const BLOCK: Block = Block {
    name: "backups",
    template: "backups.md.j2",
    source: include_str!("../../templates/backups.md.j2"),
    shows: Shows::Table("backups"),
    heading: "2.2.5 バックアップ体制",
    summary: "backup methods per system",
    draw: None,
};

pub const TABLE: Table = Table {
    key: "backups",
    shape: Shape::Rows,
    what: "a backup method of a system",
    fields: &[
        Field::new("system", "システム")
            .need(Need::UnlessFilled("label"))
            .refers("systems", &[Show::unless("name", "label")]),
        Field::new("label", "システム").wording(),
        Field::new("frequency", "頻度").required().wording(),
        Field::new("method", "作成方法").required().wording(),
        Field::new("restore", "復旧方法").required().wording(),
    ],
    row: RowName::Number,
    skip: None,
    exclusive: &[],
    nested: &[],
    wording: false,
    blank: super::row_of::<Backup>,
    finish: None,
};
