//! The plan check: everything that keeps the plan from being complete and
//! current, each finding with the data file and line it is about.
//!
//! Used by the `check` command of both binaries and by the `health` block
//! (the 「計画の状態」 page of the plan edition). Everything is judged against
//! the plan's as-of date: `organization.as_of`, else `SOURCE_DATE_EPOCH`,
//! else today. Each family of rules is one module; what a table needs comes
//! from the block registry; what a book shows, and under which heading, from
//! its [`Scope`].

mod accept;
pub mod checklist;
mod dates;
mod figures;
mod missing;
mod placeholders;
mod references;
mod report;
mod support;
mod training;

use std::path::Path;

use serde_json::Value;

pub use report::{
    Accepted, Checklist, Finding, Group, Kind, Progress, Report, Severity, Tally, section_order,
};

use crate::blocks::{Need, RowName, Skip, Table};
use crate::date::Date;
use crate::i18n::{Arg, Message, label};
use crate::messages;
use crate::model::{Data, Measure};
use crate::plan::{DataFile, Plan};
use crate::scope::Scope;

/// `msg!(messages::X, what = x)`: the [`Message`] of a finding, its text
/// with the arguments filling it.
macro_rules! msg {
    ($id:expr $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::Message::new($id)$(.with(stringify!($name), $value))*
    };
}
pub(crate) use msg;

/// The date the plan is judged against.
pub fn as_of(data: &Data) -> Date {
    data.organization
        .as_ref()
        .and_then(|o| o.as_of)
        .unwrap_or_else(Date::today)
}

/// True when the measure is past due (before `as_of`) and neither done nor 対象外.
pub fn is_overdue(m: &Measure, as_of: Date) -> bool {
    let status = m.status.as_ref().map(|s| s.get_ref().as_str());
    !matches!(status, Some(messages::DONE | messages::NOT_APPLICABLE))
        && m.due.is_some_and(|due| due < as_of)
}

/// Counts the statuses of 2.4 and 資料3, each named by the heading the book
/// shows it under.
pub fn progress(data: &Data, as_of: Date, scope: &Scope) -> Progress {
    fn status(s: &Option<toml::Spanned<String>>) -> Option<&str> {
        s.as_ref().map(|s| s.get_ref().as_str())
    }
    Progress {
        measures: Tally {
            place: scope.table("measures"),
            ..Tally::count(
                data.measures
                    .iter()
                    .map(|m| (status(&m.status), is_overdue(m, as_of))),
            )
        },
        checks: Tally {
            place: scope.table("checks"),
            ..Tally::count(
                data.checks
                    .iter()
                    .flat_map(|g| &g.items)
                    .map(|i| (status(&i.status), false)),
            )
        },
    }
}

/// The rules a plan is checked against: the checklist editions (bundled and
/// the book's own), the one the book follows, and the end-of-support table.
#[derive(Debug, Clone)]
pub struct Rules {
    /// Oldest first.
    pub editions: Vec<checklist::Edition>,
    /// The id of the edition the book follows (`checklist` in book.toml).
    pub checklist: String,
    pub eol: crate::eol::Table,
}

impl Default for Rules {
    /// The bundled rules and the default edition (the seed's).
    fn default() -> Rules {
        Rules {
            editions: checklist::bundled(),
            checklist: crate::BcpConfig::default().checklist,
            eol: crate::eol::Table::bundled(),
        }
    }
}

impl Rules {
    /// The bundled rules with the book's own (`config.rules` under `root`),
    /// and the edition the book names. Fails on a malformed rules file or an
    /// edition that is neither bundled nor the book's.
    pub fn for_book(root: &Path, config: &crate::BcpConfig) -> anyhow::Result<Rules> {
        let dir = root.join(&config.rules);
        let rules = Rules {
            editions: checklist::for_book(&dir.join("checklists"))?,
            checklist: config.checklist.clone(),
            eol: crate::eol::Table::for_book(&dir)?,
        };
        if rules.edition().is_none() {
            let known: Vec<&str> = rules.editions.iter().map(|e| e.id.as_str()).collect();
            anyhow::bail!(
                "book.toml の [preprocessor.bcp] checklist「{}」というチェックリストの版はありません（使える版: {}。{}/checklists/ に加えることもできます）",
                rules.checklist,
                known.join("、"),
                config.rules.display()
            );
        }
        Ok(rules)
    }

    /// The edition the book follows.
    pub fn edition(&self) -> Option<&checklist::Edition> {
        self.editions.iter().find(|e| e.id == self.checklist)
    }
}

/// Checks the book at `root`: its data folder from `book.toml`, its scope
/// from its chapters. Fails only when `book.toml` (or a rules file) cannot be
/// read; data errors are findings.
pub fn check_root(root: &Path) -> anyhow::Result<Report> {
    use anyhow::Context;
    let toml = root.join("book.toml");
    let book_config = mdbook_preprocessor::config::Config::from_disk(&toml)
        .with_context(|| format!("{} を読めません", toml.display()))?;
    let config = crate::BcpConfig::from_book(&book_config)?;
    let rules = Rules::for_book(root, &config)?;
    let scope = Scope::of_book_dir(&root.join(&book_config.book.src), &config);
    Ok(match Plan::load(root, &config.data) {
        Ok(plan) => check_with(&plan, &scope, &rules),
        Err(errors) => Report::of(
            Date::today(),
            errors.0.iter().map(Finding::from_diagnostic).collect(),
        ),
    })
}

/// Checks a loaded plan against what the book shows, with the bundled rules.
pub fn check(plan: &Plan, scope: &Scope) -> Report {
    check_with(plan, scope, &Rules::default())
}

/// Checks a loaded plan against what the book shows and `rules`.
pub fn check_with(plan: &Plan, scope: &Scope, rules: &Rules) -> Report {
    let as_of = as_of(&plan.merged);
    let mut c = Checker {
        plan,
        scope,
        rules,
        devices: vec![None; plan.merged.devices.len()],
        as_of,
        data: plan
            .files
            .iter()
            .map(|f| serde_json::to_value(&f.data).expect("serializable"))
            .collect(),
        merged: serde_json::to_value(&plan.merged).expect("serializable"),
        findings: Vec::new(),
    };
    missing::run(&mut c);
    references::run(&mut c);
    dates::run(&mut c);
    training::run(&mut c);
    figures::run(&mut c);
    support::run(&mut c);
    placeholders::run(&mut c);
    checklist::run(&mut c);
    let mut findings = std::mem::take(&mut c.findings);
    findings.dedup_by(|a, b| a.id == b.id && a.place() == b.place());
    for f in &mut findings {
        f.group = c.group(f.table.as_deref(), f.kind);
    }
    let accepted = accept::run(&mut c, &mut findings);
    // Groups in the book's order, the most serious first within each.
    findings.sort_by(|a, b| book_order(a).cmp(&book_order(b)));
    findings.dedup();
    Report {
        as_of,
        progress: progress(&plan.merged, as_of, scope),
        findings,
        accepted,
        checklist: rules.edition().map(|e| Checklist {
            id: e.id.clone(),
            title: e.title.clone(),
            confirm_date: e.confirm_date,
            numbers: e.items.iter().map(|i| i.number.clone()).collect(),
        }),
        devices: c.devices,
    }
}

/// Where a finding stands in a report: its section in the book's order, the
/// most serious kind first, then by file and position (findings without a
/// file last).
type BookOrder<'a> = (
    (u8, Vec<u32>, String),
    u8,
    bool,
    &'a Option<std::path::PathBuf>,
    Option<usize>,
    Option<usize>,
);

fn book_order(f: &Finding) -> BookOrder<'_> {
    (
        section_order(&f.group),
        f.kind.rank(),
        f.file.is_none(),
        &f.file,
        f.line,
        f.column,
    )
}

/// What every rule reads, and the findings they add.
struct Checker<'a> {
    plan: &'a Plan,
    scope: &'a Scope,
    rules: &'a Rules,
    /// Per merged device row: `ended` / `ending` support.
    devices: Vec<Option<&'static str>>,
    as_of: Date,
    /// Each file's records as JSON (for rules driven by the registry).
    data: Vec<Value>,
    merged: Value,
    findings: Vec<Finding>,
}

impl Checker<'_> {
    fn at(&mut self, kind: Kind, file: &DataFile, offset: usize, message: Message) {
        let table = file
            .map
            .path_at(offset)
            .map(|p| p.split(['.', '[']).next().unwrap_or(p).to_string());
        let mut f = Finding::at(kind, file, offset, message);
        f.table = table;
        self.findings.push(f);
    }

    fn nowhere(&mut self, kind: Kind, message: Message) {
        self.findings.push(Finding::nowhere(kind, message));
    }

    /// A finding about `table`, at `place` of a file when it has one.
    fn push(
        &mut self,
        kind: Kind,
        table: &str,
        place: Option<(&DataFile, usize)>,
        message: Message,
    ) {
        match place {
            Some((file, offset)) => self.at(kind, file, offset, message),
            None => {
                let mut f = Finding::nowhere(kind, message);
                f.table = Some(table.to_string());
                self.findings.push(f);
            }
        }
    }

    /// The group of a finding: the heading of its table's section in the
    /// book, else of the section its kind belongs to, else the whole plan.
    fn group(&self, table: Option<&str>, kind: Kind) -> String {
        let table = table.or(match kind {
            Kind::Training => Some("trainings"),
            Kind::Review => Some("organization"),
            _ => None,
        });
        match table {
            Some("organization") | None => messages::GROUP_PLAN.to_string(),
            Some("accept") => messages::GROUP_ACCEPT.to_string(),
            Some(t) => self
                .scope
                .table(t)
                .unwrap_or_else(|| messages::GROUP_PLAN.to_string()),
        }
    }

    /// The book's word for the organization (薬局, 医療機関 …), as a label.
    fn organization_word(&self) -> Arg {
        match &self.scope.organization {
            Some(word) => label(word).into(),
            None => label(messages::ORGANIZATION_WORD).into(),
        }
    }
}

/// Blank: absent, empty, only spaces, or an empty list.
fn is_blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

/// True when the check leaves this row alone (対象外, out of scope).
fn skipped(skip: Option<Skip>, row: &Value) -> bool {
    skip.is_some_and(|s| match s.value {
        Some(value) => row[s.field].as_str() == Some(value),
        None => row[s.field] == Value::Bool(false),
    })
}

/// True when a finished plan needs this field of `row`.
fn needed(need: Need, row: &Value) -> bool {
    match need {
        Need::Optional => false,
        Need::Required => true,
        Need::UnlessFilled(other) => is_blank(&row[other]),
        Need::When(field, value) => row[field].as_str() == Some(value),
        Need::Unless(field, value) => row[field].as_str() != Some(value),
    }
}

/// How a message names the field `key` that `need` asks for: `system か label`.
fn field_key(key: &str, need: Need) -> Arg {
    match need {
        Need::UnlessFilled(other) => msg!(messages::EITHER, a = key, b = other).into(),
        _ => key.into(),
    }
}

/// How far a long text is quoted in a message (characters).
const SHORT: usize = 20;

/// How a finding names row `i` of `table` (its parent row for nested ones).
fn row_name(table: &Table, i: usize, row: &Value, parent: Option<&Value>) -> Arg {
    let number = || Arg::from(msg!(messages::ROW_NUMBER, row = i + 1));
    let text = |v: &Value| v.as_str().unwrap_or("").to_string();
    match table.row {
        RowName::Number | RowName::Key => number(),
        RowName::Field(key) => match row[key].as_str() {
            Some(id) if !id.trim().is_empty() => id.into(),
            _ => number(),
        },
        RowName::IdText(id, t) => msg!(
            messages::ROW_ID_TEXT,
            id = text(&row[id]),
            text = Arg::cut(&text(&row[t]), SHORT),
        )
        .into(),
        RowName::ParentIdText(id, t) => msg!(
            messages::ROW_ID_TEXT,
            id = text(&parent.unwrap_or(&Value::Null)[id]),
            text = Arg::cut(&text(&row[t]), SHORT),
        )
        .into(),
        RowName::Quoted(key) => msg!(messages::ROW_QUOTED, text = text(&row[key])).into(),
    }
}

/// 「2.1.4 情報機器台帳 005」: the place of a table and the name of a row.
fn what(place: &str, row: Arg) -> Message {
    msg!(messages::SECTION_ROW, section = label(place), row = row)
}

#[cfg(test)]
mod tests;
