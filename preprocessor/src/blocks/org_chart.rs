//! `org_chart`: 2.1.2 組織体制図, drawn from the roles and who holds them.
//!
//! The owner (`organization.owner`) at the top; each role under the role it
//! `reports_to` — by default the 最高責任者 (`ciso`) under the owner, the
//! 医療情報システム安全管理責任者 (`security_manager`) under it, every other
//! role under the 安全管理責任者; the vendors of a role held by outside
//! bodies (`kind = "orgs"`) beside the role it reports to, as outside parties.

use serde_json::Value;

use crate::messages;

use super::figure::{self, Words, desk, filled, person};
use super::{Block, Shows};
use crate::diagram::{NodeKind, OrgNode, org_chart};

pub const BLOCK: Block = Block {
    name: "org_chart",
    template: "org_chart.html.j2",
    source: include_str!("../../templates/org_chart.html.j2"),
    shows: Shows::Figure(&[]),
    heading: "2.1.2 組織体制図",
    summary: "the organization chart: the owner, the roles and their holders, vendors as outside parties",
    draw: Some(draw),
};

/// The id of the owner's box.
const OWNER: &str = "owner";

fn draw(data: &Value, w: &Words) -> String {
    let nodes = nodes(data, w);
    figure::html("bcp-org", &w.tr(messages::FIG_ORG), w, |o| {
        org_chart(&nodes, o)
    })
}

/// The boxes of the chart, in the order of the data.
pub fn nodes(data: &Value, w: &Words) -> Vec<OrgNode> {
    let owner = &data["organization"]["owner"];
    let mut nodes = vec![OrgNode {
        id: OWNER.into(),
        title: w.tr(messages::FIG_OWNER),
        lines: vec![person(owner, w)],
        parent: None,
        kind: NodeKind::Internal,
        state: w.state(filled(&owner["name"])),
    }];
    let empty = serde_json::Map::new();
    let roles = data["roles"].as_object().unwrap_or(&empty);
    let mut vendor_roles = Vec::new();
    for (id, role) in roles {
        let parent = parent_of(id, role, roles);
        if role["kind"] == "orgs" {
            vendor_roles.push((role, parent));
            continue;
        }
        let holders: Vec<String> = role["people"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|p| person(p, w))
            .collect();
        let any = !holders.is_empty();
        nodes.push(OrgNode {
            id: id.clone(),
            title: w.value(&role["name"], messages::FIG_BLANK),
            lines: if any {
                holders
            } else {
                vec![person(&Value::Null, w)]
            },
            parent: Some(parent),
            kind: NodeKind::Internal,
            state: w.state(any),
        });
    }
    // Vendors: those of a role held by outside bodies, else each system's.
    let mut vendors: Vec<(&Value, String)> = vendor_roles
        .iter()
        .flat_map(|(role, parent)| {
            role["orgs"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|o| (o, parent.clone()))
        })
        .collect();
    if vendor_roles.is_empty() {
        let under = default_parent("", roles);
        for system in data["systems"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(_, s)| s)
        {
            let vendor = &system["vendor"];
            if vendor["id"].is_string() && !vendors.iter().any(|(v, _)| v["id"] == vendor["id"]) {
                vendors.push((vendor, under.clone()));
            }
        }
    }
    // A role for vendors with none named yet: one box standing for them.
    let unnamed: Vec<(&Value, String)> = vendor_roles
        .iter()
        .filter(|(role, _)| role["orgs"].as_array().is_none_or(|o| o.is_empty()))
        .map(|(role, parent)| (*role, parent.clone()))
        .collect();
    for (i, (role, parent)) in unnamed.into_iter().enumerate() {
        nodes.push(OrgNode {
            id: format!("vendors-{i}"),
            title: w.value(&role["name"], messages::FIG_BLANK),
            lines: vec![w.value(&Value::Null, messages::FIG_BLANK_COMPANY)],
            parent: Some(parent),
            kind: NodeKind::Outside,
            state: w.state(false),
        });
    }
    for (i, (org, parent)) in vendors.into_iter().enumerate() {
        let mut lines = Vec::new();
        let desk = desk(org);
        if !desk.is_empty() {
            lines.push(desk);
        }
        if filled(&org["phone"]) {
            lines.push(format!(
                "{} {}",
                w.tr(messages::FIG_PHONE),
                w.value(&org["phone"], "")
            ));
        }
        nodes.push(OrgNode {
            id: format!("vendor-{i}"),
            title: w.value(&org["name"], messages::FIG_BLANK_COMPANY),
            lines,
            parent: Some(parent),
            kind: NodeKind::Outside,
            state: w.state(filled(&org["name"])),
        });
    }
    nodes
}

/// Whom a role reports to: its `reports_to`, else by convention.
fn parent_of(id: &str, role: &Value, roles: &serde_json::Map<String, Value>) -> String {
    match role["reports_to"]["id"].as_str() {
        Some(to) if roles.contains_key(to) && to != id => to.to_string(),
        _ => default_parent(id, roles),
    }
}

/// The 最高責任者 reports to the owner, the 安全管理責任者 to the 最高責任者
/// (or the owner), every other role to the 安全管理責任者 (or the owner).
fn default_parent(id: &str, roles: &serde_json::Map<String, Value>) -> String {
    let has = |r: &str| roles.contains_key(r);
    match id {
        "ciso" => OWNER.into(),
        "security_manager" if has("ciso") => "ciso".into(),
        "security_manager" => OWNER.into(),
        _ if has("security_manager") => "security_manager".into(),
        _ if has("ciso") => "ciso".into(),
        _ => OWNER.into(),
    }
}
