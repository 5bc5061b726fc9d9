//! `threats`: 1.4.2 備えるべき脅威.

use super::{Block, Field, RowName, Shape, Shows, Table};
use crate::model::Threat;

pub const BLOCK: Block = Block {
    name: "threats",
    template: "threats.md.j2",
    source: include_str!("../../templates/threats.md.j2"),
    shows: Shows::Table("threats"),
    heading: "1.4.2 備えるべき脅威",
    summary: "threats: IT risk, route of infection, damage",
    draw: None,
};

pub const TABLE: Table = Table {
    key: "threats",
    shape: Shape::Rows,
    what: "a threat",
    fields: &[
        Field::new("risk", "ITリスク").required().wording(),
        Field::new("route", "感染経路").required().wording(),
        Field::new("damage", "被害").required().wording(),
    ],
    row: RowName::Number,
    skip: None,
    exclusive: &[],
    nested: &[],
    wording: false,
    blank: super::row_of::<Threat>,
    finish: None,
};
