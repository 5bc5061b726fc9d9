//! End of support: a device whose OS or Office has left the vendor's support
//! (the dated, sourced table is [`crate::eol`]).

use super::{Checker, Kind, msg, what};
use crate::blocks::devices;
use crate::i18n::Arg;
use crate::messages;

pub(super) fn run(c: &mut Checker) {
    let as_of = c.as_of;
    let place = c
        .scope
        .table(devices::TABLE.key)
        .unwrap_or_else(|| devices::BLOCK.heading.to_string());
    let mut found = Vec::new();
    for file in &c.plan.files {
        for (i, d) in file.data.devices.iter().enumerate() {
            let row: Arg = match &d.id {
                Some(id) => id.clone().into(),
                None => msg!(messages::ROW_NUMBER, row = i + 1).into(),
            };
            for (key, v) in [("os", &d.os), ("software", &d.software)] {
                let Some(name) = v.as_deref() else { continue };
                let Some(eos) = crate::eol::ended(name, as_of) else {
                    continue;
                };
                let message = msg!(
                    messages::END_OF_SUPPORT,
                    what = what(&place, row.clone()),
                    name = name,
                    product = eos.product,
                    end = eos.end.slash(),
                    as_of = as_of.slash(),
                    source = eos.source,
                );
                let at = file.map.field_or_record(&format!("devices[{i}]"), key);
                found.push((file, at, message));
            }
        }
    }
    for (file, at, message) in found {
        c.at(Kind::EndOfSupport, file, at, message);
    }
}
