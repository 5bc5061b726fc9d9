//! `contact_chart`: 2.2.1 連絡体制図, who tells whom, in what order.
//!
//! The person who notices → the roles of the chain (`escalation` = 1, 2 …;
//! by default the 医療情報システム安全管理責任者, `security_manager`), each
//! with its deputy → the owner (開設者). The first role of the chain calls
//! the vendor of each system; the owner calls the outside bodies (orgs of
//! `kind` public or association: police, 厚生労働省, 個人情報保護委員会,
//! 薬剤師会). Every box shows its phone number.

use serde_json::Value;

use crate::messages;

use super::figure::{self, Words, desk, filled, person};
use super::{Block, Shows};
use crate::diagram::{ContactBox, ContactStep, Deputy, contact_chart};

pub const BLOCK: Block = Block {
    name: "contact_chart",
    template: "contact_chart.html.j2",
    source: include_str!("../../templates/contact_chart.html.j2"),
    shows: Shows::Figure(&[]),
    heading: "2.2.1 連絡体制図",
    summary: "who tells whom when something is noticed, with every number to call",
    draw: Some(draw),
};

fn draw(data: &Value, w: &Words) -> String {
    let steps = steps(data, w);
    figure::html("bcp-contact", &w.tr(messages::FIG_CONTACT), w, |o| {
        contact_chart(&steps, o)
    })
}

/// The roles of the chain, in order: those with `escalation`, else the
/// 安全管理責任者.
pub fn chain(data: &Value) -> Vec<(&String, &Value)> {
    let Some(roles) = data["roles"].as_object() else {
        return Vec::new();
    };
    let mut chain: Vec<(&String, &Value)> = roles
        .iter()
        .filter(|(_, r)| r["escalation"].is_u64())
        .collect();
    chain.sort_by_key(|(_, r)| r["escalation"].as_u64());
    if chain.is_empty() {
        chain.extend(roles.get_key_value("security_manager"));
    }
    chain
}

/// The steps of the chart.
pub fn steps(data: &Value, w: &Words) -> Vec<ContactStep> {
    let mut steps = vec![ContactStep {
        person: ContactBox {
            title: w.tr(messages::FIG_FINDER),
            name: Some(w.tr(messages::FIG_ALL_STAFF)),
            phone: None,
            deputy: None,
            state: w.state(true),
        },
        vendors: Vec::new(),
        outside: Vec::new(),
    }];
    let chain = chain(data);
    if chain.is_empty() {
        // Nobody to tell yet: the 安全管理責任者's box, drawn as missing.
        steps.push(ContactStep {
            person: ContactBox {
                title: w.tr(messages::FIG_SECURITY_MANAGER),
                name: Some(name_of(&Value::Null, w)),
                phone: Some(w.value(&Value::Null, messages::FIG_BLANK_PHONE)),
                deputy: None,
                state: w.state(false),
            },
            vendors: Vec::new(),
            outside: Vec::new(),
        });
    }
    for (_, role) in chain {
        let holder = &role["holder"];
        let deputy = &role["deputy"];
        steps.push(ContactStep {
            person: ContactBox {
                title: w.value(&role["name"], messages::FIG_BLANK),
                name: Some(name_of(holder, w)),
                phone: Some(w.value(&holder["phone"], messages::FIG_BLANK_PHONE)),
                deputy: Some(Deputy {
                    name: name_of(deputy, w),
                    phone: w.value(&deputy["phone"], messages::FIG_BLANK_PHONE),
                }),
                state: w.state(filled(&holder["name"]) && filled(&holder["phone"])),
            },
            vendors: Vec::new(),
            outside: Vec::new(),
        });
    }
    let vendors = vendors(data, w);
    match steps.get_mut(1) {
        Some(first) => first.vendors = vendors,
        None => steps[0].vendors = vendors,
    }
    let owner = &data["organization"]["owner"];
    steps.push(ContactStep {
        person: ContactBox {
            title: w.tr(messages::FIG_OWNER),
            name: Some(name_of(owner, w)),
            phone: Some(w.value(&owner["phone"], messages::FIG_BLANK_PHONE)),
            deputy: None,
            state: w.state(filled(&owner["name"]) && filled(&owner["phone"])),
        },
        vendors: Vec::new(),
        outside: outside(data, w),
    });
    steps
}

/// A person's title and name; empty in the plan edition while unnamed.
fn name_of(p: &Value, w: &Words) -> String {
    if w.plan && !filled(&p["name"]) {
        String::new()
    } else {
        person(p, w)
    }
}

/// The vendor of each system, as its system's box (レセコン: 株式会社…);
/// in the template edition every system in scope, its vendor blank.
fn vendors(data: &Value, w: &Words) -> Vec<ContactBox> {
    let mut out: Vec<ContactBox> = Vec::new();
    for (_, system) in data["systems"].as_object().into_iter().flatten() {
        let vendor = &system["vendor"];
        // The template shows a blank vendor for each system in scope.
        let example = !w.plan && system["in_scope"] != false;
        if !vendor["id"].is_string() && !example {
            continue;
        }
        let desk = desk(vendor);
        let name = [w.value(&vendor["name"], messages::FIG_BLANK_COMPANY), desk]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let title = system["short"]
            .as_str()
            .or(system["name"].as_str())
            .unwrap_or("")
            .to_string();
        out.push(ContactBox {
            title,
            name: Some(name),
            phone: Some(w.value(&vendor["phone"], messages::FIG_BLANK_PHONE)),
            deputy: None,
            state: w.state(filled(&vendor["name"]) && filled(&vendor["phone"])),
        });
    }
    out
}

/// The outside bodies the owner reports to.
fn outside(data: &Value, w: &Words) -> Vec<ContactBox> {
    data["orgs"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(_, o)| o)
        .filter(|o| matches!(o["kind"].as_str(), Some("public" | "association")))
        .map(|o| {
            let desk = desk(o);
            ContactBox {
                title: w.value(&o["name"], messages::FIG_BLANK),
                name: (!desk.is_empty()).then_some(desk),
                phone: Some(w.value(&o["phone"], messages::FIG_BLANK_PHONE)),
                deputy: None,
                state: w.state(filled(&o["phone"])),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagram::NodeState;

    #[test]
    fn with_no_role_yet_the_security_manager_is_drawn_missing() {
        let tr = |s: &str| s.to_string();
        let w = Words {
            tr: &tr,
            plan: true,
        };
        let steps = steps(&serde_json::json!({}), &w);
        let titles: Vec<&str> = steps.iter().map(|s| s.person.title.as_str()).collect();
        assert_eq!(
            titles,
            ["発見者", "医療情報システム安全管理責任者", "開設者"]
        );
        assert_eq!(steps[1].person.state, NodeState::Missing);
    }
}
