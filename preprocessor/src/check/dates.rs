//! Dates: the plan's last review, and the 2.4 measures' owners, due dates
//! and those past due.

use super::{Checker, Kind, SHORT, is_overdue, msg, what};
use crate::blocks::measures;
use crate::i18n::{Arg, label};
use crate::messages;

pub(super) fn run(c: &mut Checker) {
    review(c);
    if let Some(place) = c.scope.table(measures::TABLE.key) {
        measures(c, &place);
    }
}

fn review(c: &mut Checker) {
    let as_of = c.as_of;
    let Some(file) = c.plan.files.iter().find(|f| f.data.organization.is_some()) else {
        return;
    };
    let org = file.data.organization.as_ref().expect("found");
    match org.reviewed {
        None => {
            let at = file.map.start("organization").unwrap_or(0);
            c.at(Kind::Review, file, at, msg!(messages::REVIEW_NEVER));
        }
        Some(reviewed) if reviewed.plus_years(1) < as_of => {
            let at = file.map.field_or_record("organization", "reviewed");
            let message = msg!(
                messages::REVIEW_OLD,
                reviewed = reviewed.slash(),
                as_of = as_of.slash(),
            );
            c.at(Kind::Review, file, at, message);
        }
        Some(_) => {}
    }
}

fn measures(c: &mut Checker, place: &str) {
    let as_of = c.as_of;
    for file in &c.plan.files {
        for (i, m) in file.data.measures.iter().enumerate() {
            let status = m.status.as_ref().map(|s| s.get_ref().as_str());
            if status == Some(messages::NOT_APPLICABLE) {
                continue;
            }
            let path = format!("measures[{i}]");
            let row: Arg = msg!(
                messages::ROW_ID_TEXT,
                id = m.id.as_str(),
                text = Arg::cut(&m.text, SHORT),
            )
            .into();
            let which = match (m.owner.is_none(), m.due.is_none()) {
                (true, true) => Some(messages::OWNER_AND_DUE),
                (true, false) => Some(messages::OWNER),
                (false, true) => Some(messages::DUE),
                (false, false) => None,
            };
            if let Some(which) = which {
                let key = if m.owner.is_none() { "owner" } else { "due" };
                let message = msg!(
                    messages::UNASSIGNED,
                    what = what(place, row.clone()),
                    which = label(which),
                );
                let at = file.map.field_or_record(&path, key);
                c.findings.push(
                    super::Finding::at(Kind::Unassigned, file, at, message).in_table("measures"),
                );
            }
            if is_overdue(m, as_of)
                && let Some(due) = m.due
            {
                let at = m.status.as_ref().map_or_else(
                    || file.map.field_or_record(&path, "due"),
                    |s| s.span().start,
                );
                let message = msg!(
                    messages::OVERDUE,
                    what = what(place, row.clone()),
                    due = due.slash(),
                    status = label(status.unwrap_or(messages::NOT_STARTED)),
                    as_of = as_of.slash(),
                );
                c.findings.push(
                    super::Finding::at(Kind::Overdue, file, at, message).in_table("measures"),
                );
            }
        }
    }
}
