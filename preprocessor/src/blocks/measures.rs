//! `measures`: 2.4 事前対策, the checklist of measures and their status.

use super::{Block, Example, Field, RowName, Shape, Show, Shows, Skip, Table};
use crate::messages::STATUSES;
use crate::model::Measure;

pub const BLOCK: Block = Block {
    name: "measures",
    template: "measures.md.j2",
    source: include_str!("../../templates/measures.md.j2"),
    shows: Shows::Table("measures"),
    heading: "2.4 情報セキュリティの事前対策実施と課題管理",
    summary: "measures with owner, method, due date and status (plan: overdue marked)",
    draw: None,
};

pub const TABLE: Table = Table {
    key: "measures",
    shape: Shape::Rows,
    what: "a measure (checklist item)",
    fields: &[
        Field::new("id", "番号").unique(),
        Field::new("group", "区分").wording(),
        Field::new("text", "実施すべき対策").wording(),
        Field::new("checklist", "チェックリスト"),
        Field::new("owner", "担当者")
            .refers("people", &[Show::of("name")])
            .example(Example::Ref),
        Field::new("method", "対応方法").required().wording(),
        Field::new("due", "予定").example(Example::Value("2026-06-30")),
        Field::new("done", "完了"),
        Field::new("checked", "確認日"),
        Field::new("status", "状況")
            .required()
            .one_of(&STATUSES)
            .example(Example::Value("\"未着手\"")),
    ],
    row: RowName::IdText("id", "text"),
    skip: Some(Skip {
        field: "status",
        value: Some("対象外"),
    }),
    exclusive: &[],
    nested: &[],
    wording: false,
    blank: super::row_of::<Measure>,
    finish: None,
};
