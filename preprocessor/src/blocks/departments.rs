//! `departments`: 3.1 部門連絡先一覧.

use super::{Block, Example, Field, RowName, Shape, Show, Shows, Table};
use crate::model::Department;

pub const BLOCK: Block = Block {
    name: "departments",
    template: "departments.md.j2",
    source: include_str!("../../templates/departments.md.j2"),
    shows: Shows::Table("departments"),
    heading: "3.1 異常発見時の連絡先",
    summary: "departments, the person in charge and their number",
    draw: None,
};

pub const TABLE: Table = Table {
    key: "departments",
    shape: Shape::Rows,
    what: "a department",
    fields: &[
        Field::new("name", "部署名").required().wording(),
        Field::new("person", "担当者")
            .required()
            .refers("people", &[Show::of("name"), Show::of("phone")])
            .example(Example::Ref),
    ],
    row: RowName::Number,
    skip: None,
    exclusive: &[],
    nested: &[],
    wording: false,
    blank: super::row_of::<Department>,
    finish: None,
};
