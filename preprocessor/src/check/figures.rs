//! Figures: what keeps the 組織体制図, 連絡体制図 or ネットワーク構成図 the book
//! shows from being complete — no 安全管理責任者 to start the chain, a role of
//! the chain with no deputy, no owner, a device in no known network segment.

use super::{Checker, Kind, msg};
use crate::blocks::{contact_chart, network, org_chart};
use crate::diagram::{Device, Segment, assign_segment};
use crate::i18n::label;
use crate::messages;

pub(super) fn run(c: &mut Checker) {
    let figures = c.scope.figures.clone();
    let owner_place = figures
        .get(org_chart::BLOCK.name)
        .or_else(|| figures.get(contact_chart::BLOCK.name));
    if let Some(place) = owner_place {
        owner(c, place);
    }
    if let Some(place) = figures.get(contact_chart::BLOCK.name) {
        chain(c, place);
    }
    if let Some(place) = figures.get(network::BLOCK.name) {
        segments(c, place);
    }
}

fn owner(c: &mut Checker, place: &str) {
    let Some(file) = c.plan.files.iter().find(|f| f.data.organization.is_some()) else {
        return;
    };
    if file
        .data
        .organization
        .as_ref()
        .is_some_and(|o| o.owner.is_none())
    {
        let at = file.map.start("organization").unwrap_or(0);
        let message = msg!(messages::FIGURE_NO_OWNER, place = label(place));
        c.at(Kind::Missing, file, at, message);
    }
}

fn chain(c: &mut Checker, place: &str) {
    let merged = c.merged.clone();
    let chain = contact_chart::chain(&merged);
    if chain.is_empty() {
        let message = msg!(messages::FIGURE_NO_CHAIN, place = label(place));
        c.nowhere(Kind::NoContact, message);
        return;
    }
    for (id, role) in chain {
        if !role["deputy"].is_null() {
            continue;
        }
        let Some(file) = c.plan.file_defining("roles", id) else {
            continue;
        };
        let at = file.map.start(&format!("roles.{id}")).unwrap_or(0);
        let name = role["name"].as_str().unwrap_or(id).to_string();
        let message = msg!(
            messages::FIGURE_NO_DEPUTY,
            place = label(place),
            role = label(&name),
        );
        c.at(Kind::NoContact, file, at, message);
    }
}

fn segments(c: &mut Checker, place: &str) {
    let Some(net) = c.plan.merged.network.as_ref() else {
        return;
    };
    let segments: Vec<Segment> = net
        .segments
        .iter()
        .map(|s| Segment {
            name: s.name.clone().unwrap_or_default(),
            range: s.range.clone(),
            note: None,
            state: Default::default(),
        })
        .collect();
    let mut found = Vec::new();
    for file in &c.plan.files {
        for (i, d) in file.data.devices.iter().enumerate() {
            let device = Device {
                number: d.id.clone().unwrap_or_default(),
                name: String::new(),
                ip: d.ip.clone(),
                segment: d.segment.clone(),
                state: Default::default(),
            };
            if assign_segment(&device, &segments).is_some() {
                continue;
            }
            let named = d.id.clone().unwrap_or_else(|| (i + 1).to_string());
            let at = file.map.field_or_record(&format!("devices[{i}]"), "ip");
            let message = msg!(
                messages::FIGURE_NO_SEGMENT,
                place = label(place),
                device = named,
            );
            found.push((file, at, message));
        }
    }
    for (file, at, message) in found {
        c.at(Kind::Missing, file, at, message);
    }
}
