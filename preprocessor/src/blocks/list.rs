//! `list`: a numbered list of lines (1.2 基本方針, 1.4.1 想定する事象, 3.3.1 原因調査).

use super::{Block, Field, RowName, Shape, Shows, Table};

pub const BLOCK: Block = Block {
    name: "list",
    template: "list.md.j2",
    source: include_str!("../../templates/list.md.j2"),
    shows: Shows::Arg("of", "policies"),
    heading: "1.2 基本方針",
    summary: "a numbered list: `of` = policies, events or investigations",
    draw: None,
};

const fn texts(key: &'static str, what: &'static str) -> Table {
    Table {
        key,
        shape: Shape::Texts,
        what,
        fields: &[],
        row: RowName::Number,
        skip: None,
        exclusive: &[],
        nested: &[],
        wording: true,
        blank: || serde_json::Value::Null,
        finish: None,
    }
}

// A list's one field is its lines, keyed by the list's own key and labelled
// with its heading: the column of its sheet.

/// 1.2 基本方針.
pub const POLICIES: Table = Table {
    fields: &[Field::new("policies", "基本方針")],
    ..texts("policies", "a policy")
};
/// 1.4.1 想定する事象.
pub const EVENTS: Table = Table {
    fields: &[Field::new("events", "想定する事象")],
    ..texts("events", "an event the plan covers")
};
/// 3.3.1 原因調査.
pub const INVESTIGATIONS: Table = Table {
    fields: &[Field::new("investigations", "原因調査")],
    ..texts("investigations", "a step of the investigation")
};
