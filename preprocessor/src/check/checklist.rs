//! The MHLW checklist as versioned data: editions bundled in
//! `preprocessor/rules/checklists/*.toml`, more in a book's own
//! `rules/checklists/`. A book names the edition it follows; its 2.4 measures
//! name the items they cover (`checklist = ["2-⑦"]`). The rule: every item of
//! the edition covered by a measure, every number a measure gives known, and
//! a notice when a newer edition is bundled.

use std::path::Path;

use anyhow::Context;
use serde::{Deserialize, Serialize};

use super::{Checker, Kind, msg};
use crate::blocks::measures;
use crate::date::Date;
use crate::messages;

/// The bundled editions.
pub const BUNDLED: &[&str] = &[
    include_str!("../../rules/checklists/R6-pharmacy.toml"),
    include_str!("../../rules/checklists/R7-pharmacy.toml"),
];

/// One edition of the checklist.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Edition {
    /// What a book names in `checklist = "…"`.
    pub id: String,
    /// As printed under the 2.4 table.
    pub title: String,
    /// Whom it is for (薬局, 医療機関): a newer edition for any of them is announced.
    #[serde(default)]
    pub applies: Vec<String>,
    /// Its 年度 (2025 for 令和7年度): the larger, the newer.
    pub fiscal_year: u16,
    pub published: Option<Date>,
    /// The edition has a 確認日 column.
    #[serde(default)]
    pub confirm_date: bool,
    /// Every item of the edition is listed.
    #[serde(default)]
    pub complete: bool,
    pub source: String,
    #[serde(default)]
    pub items: Vec<Item>,
}

/// An item of an edition.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Its number in the edition (`2-⑦`), or its topic where the number is unknown.
    pub number: String,
    pub text: String,
    pub source: String,
    /// `official` (the edition's words) or `summary` (the topic).
    #[serde(default = "official")]
    pub wording: String,
    /// False: the edition's number of the item was not found.
    #[serde(default = "yes")]
    pub numbered: bool,
}

fn official() -> String {
    "official".to_string()
}

fn yes() -> bool {
    true
}

impl Edition {
    pub fn parse(text: &str) -> Result<Edition, toml::de::Error> {
        toml::from_str(text)
    }

    pub fn item(&self, number: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.number == number)
    }
}

/// The bundled editions, oldest first.
pub fn bundled() -> Vec<Edition> {
    BUNDLED
        .iter()
        .map(|t| Edition::parse(t).expect("a bundled checklist edition is valid"))
        .collect()
}

/// The bundled editions and the book's own (`dir/*.toml`; one with a bundled
/// id replaces it), ordered by fiscal year.
pub fn for_book(dir: &Path) -> anyhow::Result<Vec<Edition>> {
    let mut editions = bundled();
    if dir.is_dir() {
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .with_context(|| format!("{} を読めません", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        paths.sort();
        for path in paths {
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("{} を読めません", path.display()))?;
            let own = Edition::parse(&text)
                .map_err(|e| anyhow::anyhow!("{} に誤りがあります: {e}", path.display()))?;
            editions.retain(|e| e.id != own.id);
            editions.push(own);
        }
    }
    editions.sort_by_key(|e| e.fiscal_year);
    Ok(editions)
}

pub(super) fn run(c: &mut Checker) {
    let Some(edition) = c.rules.edition() else {
        return;
    };
    if c.scope.table(measures::TABLE.key).is_none() {
        return;
    }
    let place = c
        .scope
        .table(measures::TABLE.key)
        .unwrap_or_else(|| measures::BLOCK.heading.to_string());
    // Numbers a measure gives that the edition does not have.
    let mut found = Vec::new();
    for file in &c.plan.files {
        for (i, m) in file.data.measures.iter().enumerate() {
            for (j, number) in m.checklist.iter().enumerate() {
                if edition.item(number).is_none() {
                    let at = file
                        .map
                        .value_start(&format!("measures[{i}].checklist[{j}]"))
                        .unwrap_or_else(|| {
                            file.map
                                .field_or_record(&format!("measures[{i}]"), "checklist")
                        });
                    let message = msg!(
                        messages::CHECKLIST_UNKNOWN_ITEM,
                        section = crate::i18n::label(&place),
                        id = m.id.clone(),
                        number = number.clone(),
                        edition = edition.title.clone(),
                    );
                    found.push((file, at, message));
                }
            }
        }
    }
    for (file, at, message) in found {
        c.at(Kind::Checklist, file, at, message);
    }
    // Items no measure covers.
    let covered: Vec<&str> = c
        .plan
        .merged
        .measures
        .iter()
        .flat_map(|m| m.checklist.iter().map(String::as_str))
        .collect();
    for item in &edition.items {
        if !covered.contains(&item.number.as_str()) {
            let message = msg!(
                messages::CHECKLIST_UNCOVERED,
                section = crate::i18n::label(&place),
                number = item.number.clone(),
                text = crate::i18n::Arg::cut(&item.text, 30),
                edition = edition.title.clone(),
            );
            c.push(Kind::Checklist, "measures", None, message);
        }
    }
    // A newer edition for the same readers.
    if let Some(newer) = c
        .rules
        .editions
        .iter()
        .filter(|e| e.fiscal_year > edition.fiscal_year)
        .filter(|e| e.applies.iter().any(|a| edition.applies.contains(a)))
        .max_by_key(|e| e.fiscal_year)
    {
        let message = msg!(
            messages::CHECKLIST_NEWER,
            edition = edition.title.clone(),
            newer = newer.title.clone(),
            id = newer.id.clone(),
        );
        c.push(Kind::ChecklistEdition, "measures", None, message);
    }
}
