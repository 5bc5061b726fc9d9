//! End of support: a device whose OS or Office has left the vendor's support
//! (a finding), or leaves it within 180 days (a notice). The dated, sourced
//! table is data ([`crate::eol`]); a device enrolled in extended security
//! updates says until when (`esu`).

use super::{Checker, Kind, msg, what};
use crate::blocks::devices;
use crate::eol::Support;
use crate::i18n::Arg;
use crate::messages;

pub(super) fn run(c: &mut Checker) {
    let as_of = c.as_of;
    let place = c
        .scope
        .table(devices::TABLE.key)
        .unwrap_or_else(|| devices::BLOCK.heading.to_string());
    let mut found = Vec::new();
    let mut marks = Vec::new();
    let mut index = 0;
    for file in &c.plan.files {
        for (i, d) in file.data.devices.iter().enumerate() {
            let row: Arg = match &d.id {
                Some(id) => id.clone().into(),
                None => msg!(messages::ROW_NUMBER, row = i + 1).into(),
            };
            let mut mark = None;
            for (key, v) in [("os", &d.os), ("software", &d.software)] {
                let Some(name) = v.as_deref() else { continue };
                let Some(status) = c.rules.eol.status(name, d.esu, as_of) else {
                    continue;
                };
                let (kind, id, row_eol, end) = match status {
                    Support::Ended { row, end } => {
                        (Kind::EndOfSupport, messages::END_OF_SUPPORT, row, end)
                    }
                    Support::Ending { row, end } => {
                        (Kind::SupportEnding, messages::END_OF_SUPPORT_SOON, row, end)
                    }
                };
                mark = match (mark, kind) {
                    (_, Kind::EndOfSupport) | (Some("ended"), _) => Some("ended"),
                    _ => Some("ending"),
                };
                let message = msg!(
                    id,
                    what = what(&place, row.clone()),
                    name = name,
                    product = row_eol.product.clone(),
                    end = end.slash(),
                    as_of = as_of.slash(),
                    source = row_eol.source.clone(),
                );
                let at = file.map.field_or_record(&format!("devices[{i}]"), key);
                found.push((kind, file, at, message));
            }
            marks.push((index, mark));
            index += 1;
        }
    }
    for (i, mark) in marks {
        if let Some(slot) = c.devices.get_mut(i) {
            *slot = mark;
        }
    }
    for (kind, file, at, message) in found {
        c.at(kind, file, at, message);
    }
}
