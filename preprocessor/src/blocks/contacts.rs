//! `contacts`: 2.2.2 重要関係先連絡リスト (vendors, staff, outside bodies).

use super::{Block, Field, RowName, Shape, Show, Shows, Table};
use crate::model::ContactRow;

pub const BLOCK: Block = Block {
    name: "contacts",
    template: "contacts.md.j2",
    source: include_str!("../../templates/contacts.md.j2"),
    shows: Shows::Table("contacts"),
    heading: "2.2.2 重要関係先連絡リスト",
    summary: "whom to call: a system's vendor, a person or an outside body",
    draw: None,
};

pub const TABLE: Table = Table {
    key: "contacts",
    shape: Shape::Rows,
    what: "a contact: one of `system`, `person`, `org`",
    fields: &[
        Field::new("label", "関係先").wording(),
        Field::new("system", "システム").refers(
            "systems",
            &[
                Show::unless("name", "label"),
                Show::of("vendor.name"),
                Show::of("vendor.phone"),
                Show::of("vendor.email"),
            ],
        ),
        Field::new("person", "担当者").refers(
            "people",
            &[
                Show::unless("title", "label"),
                Show::of("name"),
                Show::of("phone"),
                Show::of("email"),
            ],
        ),
        Field::new("org", "関係先")
            .refers("orgs", &[Show::unless("name", "label"), Show::of("phone")]),
    ],
    row: RowName::Number,
    skip: None,
    exclusive: &["system", "person", "org"],
    nested: &[],
    wording: false,
    blank: super::row_of::<ContactRow>,
    finish: None,
};
