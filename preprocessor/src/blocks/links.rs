//! `links`: 資料5 リンク集.

use super::{Block, Field, RowName, Shape, Shows, Table};

pub const BLOCK: Block = Block {
    name: "links",
    template: "links.md.j2",
    source: include_str!("../../templates/links.md.j2"),
    shows: Shows::Table("links"),
    heading: "資料5 リンク集",
    summary: "titled links (https, mailto and tel only)",
    draw: None,
};

pub const TABLE: Table = Table {
    key: "links",
    shape: Shape::Rows,
    what: "a link",
    fields: &[
        Field::new("title", "名称").wording(),
        Field::new("subtitle", "説明").wording(),
        Field::new("url", "URL").url(),
    ],
    row: RowName::Number,
    skip: None,
    exclusive: &[],
    nested: &[],
    wording: false,
    blank: || serde_json::json!({"title": "", "subtitle": null, "url": ""}),
    finish: None,
};
