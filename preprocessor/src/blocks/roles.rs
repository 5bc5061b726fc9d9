//! `roles`: 2.1.3 担当者の役割, the roles and who holds them.

use super::{Block, Example, Field, Need, RowName, Shape, Show, Shows, Table};
use crate::model::{Person, Role};

pub const BLOCK: Block = Block {
    name: "roles",
    template: "roles.md.j2",
    source: include_str!("../../templates/roles.md.j2"),
    shows: Shows::Table("roles"),
    heading: "2.1.3 担当者の役割",
    summary: "roles, their holders (people, or vendors when `kind = \"orgs\"`) and summary",
    draw: None,
};

pub const ROLES: Table = Table {
    key: "roles",
    shape: Shape::Keyed,
    what: "a role and who holds it",
    fields: &[
        Field::new("name", "役割").wording(),
        Field::new("people", "担当者")
            .need(Need::Unless("kind", "orgs"))
            .refers("people", &[Show::of("title"), Show::of("name")])
            .example(Example::Refs),
        Field::new("orgs", "担当の事業者")
            .need(Need::When("kind", "orgs"))
            .refers("orgs", &[Show::of("name")]),
        Field::new("summary", "役割の概要").required().wording(),
        Field::new("kind", "種類"),
        Field::new("slots", "枠の数"),
        Field::new("deputy", "代理").refers("people", &[]),
        Field::new("reports_to", "報告先").refers("roles", &[]),
        Field::new("escalation", "連絡の順番"),
    ],
    row: RowName::Quoted("name"),
    skip: None,
    exclusive: &[],
    nested: &[],
    wording: false,
    blank: super::blank_of::<Role>,
    finish: Some(add_holder),
};

/// A role's first holder, for `roles.ID.holder.name` (an empty person when nobody is named).
fn add_holder(role: &mut serde_json::Value) {
    let first = role["people"].as_array().and_then(|p| p.first()).cloned();
    role["holder"] = first.unwrap_or_else(super::blank_of::<Person>);
}
