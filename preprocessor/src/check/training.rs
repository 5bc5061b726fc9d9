//! Training: at least one in the last year, where the book asks for it
//! (都薬版 2.2.4: 少なくとも年1回).

use super::{Checker, Kind, msg};
use crate::messages;

pub(super) fn run(c: &mut Checker) {
    if c.scope.tables.is_some() && !c.scope.yearly_training {
        return;
    }
    let as_of = c.as_of;
    let latest = c
        .plan
        .files
        .iter()
        .flat_map(|f| {
            f.data
                .trainings
                .iter()
                .enumerate()
                .map(move |(i, t)| (f, i, t.date))
        })
        .max_by_key(|(_, _, date)| *date);
    match latest {
        None => c.nowhere(Kind::Training, msg!(messages::TRAINING_NONE)),
        Some((file, i, date)) if date.plus_years(1) < as_of => {
            let at = file.map.field_or_record(&format!("trainings[{i}]"), "date");
            let message = msg!(
                messages::TRAINING_OLD,
                date = date.slash(),
                as_of = as_of.slash(),
            );
            c.at(Kind::Training, file, at, message);
        }
        Some(_) => {}
    }
}
