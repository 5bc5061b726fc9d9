//! `trainings`: 2.2.4 教育・訓練, the sessions held.

use super::{Block, Field, RowName, Shape, Shows, Table};
use crate::model::Training;

pub const BLOCK: Block = Block {
    name: "trainings",
    template: "trainings.md.j2",
    source: include_str!("../../templates/trainings.md.j2"),
    shows: Shows::Table("trainings"),
    heading: "2.2.4 教育体制",
    summary: "the training sessions held: date, content, who took part",
    draw: None,
};

/// `[[trainings]]`: training sessions held.
pub const TABLE: Table = Table {
    key: "trainings",
    shape: Shape::Rows,
    what: "a training held",
    fields: &[
        Field::new("date", "実施日"),
        Field::new("title", "内容").wording(),
        Field::new("participants", "参加者").wording(),
    ],
    row: RowName::Number,
    skip: None,
    exclusive: &[],
    nested: &[],
    wording: false,
    blank: super::row_of::<Training>,
    finish: None,
};
