//! `scope`: 1.3 対象範囲, the systems in scope; and the `systems` table
//! every other block refers to.

use super::{Block, Example, Field, RowName, Shape, Shows, Skip, Table};
use crate::model::{Org, System};

pub const BLOCK: Block = Block {
    name: "scope",
    template: "scope.md.j2",
    source: include_str!("../../templates/scope.md.j2"),
    shows: Shows::Table("systems"),
    heading: "1.3 対象範囲",
    summary: "the systems in scope (`in_scope`), numbered",
    draw: None,
};

pub const SYSTEMS: Table = Table {
    key: "systems",
    shape: Shape::Keyed,
    what: "an information system",
    fields: &[
        Field::new("name", "名称").required().wording(),
        Field::new("short", "略称").wording(),
        Field::new("vendor", "事業者")
            .refers("orgs", &[])
            .example(Example::Ref),
        Field::new("in_scope", "対象範囲"),
    ],
    row: RowName::Key,
    skip: Some(Skip {
        field: "in_scope",
        value: None,
    }),
    exclusive: &[],
    nested: &[],
    wording: false,
    blank: blank_system,
    finish: None,
};

/// An empty system, its vendor an empty org (as templates see it).
fn blank_system() -> serde_json::Value {
    let mut s = super::blank_of::<System>();
    s["vendor"] = super::blank_of::<Org>();
    s
}
