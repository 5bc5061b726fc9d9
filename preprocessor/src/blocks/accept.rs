//! `accept`: findings of `bcp check` the plan accepts for a time (no block of
//! its own: accepted findings are listed on the 計画の状態 page).

use super::{RowName, Shape, Table};
use crate::model::Accept;

/// `[[accept]]`: a finding's id, why it is accepted, and until when.
pub const TABLE: Table = Table {
    key: "accept",
    shape: Shape::Rows,
    what: "an accepted finding of `bcp check`",
    fields: &[
        super::Field::new("id", "指摘ID"),
        super::Field::new("reason", "受け入れる理由").wording(),
        super::Field::new("until", "期限"),
    ],
    row: RowName::Field("id"),
    skip: None,
    exclusive: &[],
    nested: &[],
    wording: false,
    blank: super::row_of::<Accept>,
    finish: None,
};
