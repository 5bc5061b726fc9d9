//! What a check reports: findings, their kind and severity, the progress of
//! the checklists, and the exit code they make.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

use crate::date::Date;
use crate::diag::Diagnostic;
use crate::i18n::{Arg, Labels, Message};
use crate::messages;
use crate::plan::DataFile;

/// How bad a finding is: an error stops the build; a warning is work left;
/// a notice is told but not counted (support ending soon, a newer checklist).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Notice,
}

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// The data cannot be read (bad TOML, an id referenced but not defined…).
    Error,
    /// A value the plan shows is absent: printed as 未記入.
    Missing,
    /// A value still holds the template's 〇〇 / ○○ placeholder.
    Placeholder,
    /// A checklist item (2.4) without owner or due date.
    Unassigned,
    /// A checklist item past its due date and not done.
    Overdue,
    /// The plan was last reviewed more than a year ago (or never).
    Review,
    /// No training recorded in the last year (2.2.4: at least once a year).
    Training,
    /// A device runs an OS or Office whose support has ended.
    EndOfSupport,
    /// A role or a system with nobody to call (no holder, no vendor, no deputy).
    NoContact,
    /// A checklist item no measure covers, or a number the edition lacks.
    Checklist,
    /// An acceptance past its date or matching no finding.
    Acceptance,
    /// A device whose support ends within 180 days (a notice).
    SupportEnding,
    /// A newer checklist edition is bundled (a notice).
    ChecklistEdition,
}

impl Kind {
    /// The kind as shown to people (a message of [`crate::messages`]).
    pub fn label(self) -> &'static str {
        match self {
            Kind::Error => messages::KIND_ERROR,
            Kind::Missing => messages::MISSING,
            Kind::Placeholder => messages::KIND_PLACEHOLDER,
            Kind::Unassigned => messages::KIND_UNASSIGNED,
            Kind::Overdue => messages::KIND_OVERDUE,
            Kind::Review => messages::KIND_REVIEW,
            Kind::Training => messages::KIND_TRAINING,
            Kind::EndOfSupport => messages::KIND_END_OF_SUPPORT,
            Kind::NoContact => messages::KIND_NO_CONTACT,
            Kind::Checklist => messages::KIND_CHECKLIST,
            Kind::Acceptance => messages::KIND_ACCEPTANCE,
            Kind::SupportEnding => messages::KIND_SUPPORT_ENDING,
            Kind::ChecklistEdition => messages::KIND_CHECKLIST_EDITION,
        }
    }

    /// The kind as JSON and finding ids spell it.
    pub fn slug(self) -> &'static str {
        match self {
            Kind::Error => "error",
            Kind::Missing => "missing",
            Kind::Placeholder => "placeholder",
            Kind::Unassigned => "unassigned",
            Kind::Overdue => "overdue",
            Kind::Review => "review",
            Kind::Training => "training",
            Kind::EndOfSupport => "end_of_support",
            Kind::NoContact => "no_contact",
            Kind::Checklist => "checklist",
            Kind::Acceptance => "acceptance",
            Kind::SupportEnding => "support_ending",
            Kind::ChecklistEdition => "checklist_edition",
        }
    }

    /// Most serious first: support ended, overdue, nobody to call, missing values ….
    pub fn rank(self) -> u8 {
        match self {
            Kind::Error => 0,
            Kind::EndOfSupport => 1,
            Kind::Overdue => 2,
            Kind::NoContact => 3,
            Kind::Missing => 4,
            Kind::Unassigned => 5,
            Kind::Placeholder => 6,
            Kind::Checklist => 7,
            Kind::Review => 8,
            Kind::Training => 9,
            Kind::Acceptance => 10,
            Kind::SupportEnding => 11,
            Kind::ChecklistEdition => 12,
        }
    }

    /// Told, not counted.
    pub fn severity(self) -> Severity {
        match self {
            Kind::Error => Severity::Error,
            Kind::SupportEnding | Kind::ChecklistEdition => Severity::Notice,
            _ => Severity::Warning,
        }
    }
}

/// Why a finding is accepted, and until when (`[[accept]]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Accepted {
    pub reason: String,
    pub until: Option<Date>,
}

/// One thing to fix, with its place when it has one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable: the kind and a hash of what the finding is about (not of the
    /// date it is judged on); `[[accept]]` names it.
    pub id: String,
    /// The section the finding is about, as the book heads it (`2.1.4 情報機器台帳`).
    pub group: String,
    pub kind: Kind,
    pub severity: Severity,
    /// Relative to the book root; `None` for what is absent from every file.
    pub file: Option<PathBuf>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The spreadsheet cell (`台帳!F7`) when the finding is about data from a sheet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    /// In Japanese (the `check` command's output).
    pub message: String,
    /// `message` as a label with `{name}` placeholders, and the arguments
    /// filling them: the `health` block prints it in the book's language.
    #[serde(skip)]
    pub message_id: String,
    #[serde(skip)]
    pub args: BTreeMap<String, Arg>,
    /// The offending line with a caret (errors only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snippet: Option<String>,
    /// The data table the finding is about (`devices`), for grouping.
    #[serde(skip)]
    pub table: Option<String>,
    /// Set when `[[accept]]` accepts the finding.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accepted: Option<Accepted>,
}

impl Finding {
    /// A warning at byte `offset` of a data file.
    pub fn at(kind: Kind, file: &DataFile, offset: usize, message: Message) -> Finding {
        let d = file.at(offset..offset, "");
        Finding {
            file: Some(file.path.clone()),
            line: Some(d.line),
            column: Some(d.column),
            cell: d.cell,
            ..Finding::nowhere(kind, message)
        }
    }

    /// A warning about no one place: its Japanese text and its label.
    pub fn nowhere(kind: Kind, message: Message) -> Finding {
        let id = stable_id(kind, &message);
        Finding {
            id,
            group: String::new(),
            kind,
            severity: kind.severity(),
            file: None,
            line: None,
            column: None,
            cell: None,
            message: message.text(&Labels::source()),
            message_id: message.id,
            args: message.args,
            snippet: None,
            table: None,
            accepted: None,
        }
    }

    /// The finding, about data table `table` (its group).
    pub fn in_table(mut self, table: &str) -> Finding {
        self.table = Some(table.to_string());
        self
    }

    /// The message in the language of `labels`.
    pub fn message_in(&self, labels: &Labels) -> String {
        Message {
            id: self.message_id.clone(),
            args: self.args.clone(),
        }
        .text(labels)
    }

    /// A data error (the build would stop) as a finding.
    pub fn from_diagnostic(d: &Diagnostic) -> Finding {
        Finding {
            id: format!("error-{}", hash(&d.message)),
            group: crate::messages::GROUP_ERRORS.to_string(),
            table: None,
            accepted: None,
            kind: Kind::Error,
            severity: Severity::Error,
            file: Some(d.file.clone()),
            line: Some(d.line),
            column: Some(d.column),
            cell: d.cell.clone(),
            message: d.message.clone(),
            message_id: d.message.clone(),
            args: BTreeMap::new(),
            snippet: d.snippet.clone(),
        }
    }

    /// `data/measures.toml:66:1` (or "data" when it is about no one file).
    pub fn place(&self) -> String {
        if let (Some(f), Some(cell)) = (&self.file, &self.cell) {
            return format!("{}: {cell}", f.display());
        }
        match (&self.file, self.line, self.column) {
            (Some(f), Some(l), Some(c)) => format!("{}:{l}:{c}", f.display()),
            (Some(f), _, _) => f.display().to_string(),
            _ => "data".to_string(),
        }
    }
}

/// FNV-1a of `text`, as 8 hex digits.
fn hash(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:08x}", (h ^ (h >> 32)) as u32)
}

/// `end_of_support-1a2b3c4d`: the kind and a hash of the message without the
/// date it is judged on (`as_of`), so the id stays from one day to the next.
fn stable_id(kind: Kind, message: &Message) -> String {
    let mut about = message.clone();
    about.args.remove("as_of");
    format!("{}-{}", kind.slug(), hash(&about.text(&Labels::source())))
}

/// The tally of one checklist (2.4 measures or 資料3 checks).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// The heading the book shows the table under (`2.4 情報セキュリティの…`).
    pub place: Option<String>,
    pub total: usize,
    /// 完了.
    pub done: usize,
    /// 対応中.
    pub doing: usize,
    /// 未着手, or no status yet.
    pub todo: usize,
    /// 対象外.
    pub na: usize,
    /// Past due and not done (measures only: checks have no due date).
    pub overdue: usize,
    /// Done, in percent of the items that apply (all but 対象外), rounded down.
    pub percent: usize,
}

impl Tally {
    pub fn count<'a>(statuses: impl Iterator<Item = (Option<&'a str>, bool)>) -> Tally {
        let mut t = Tally::default();
        for (status, overdue) in statuses {
            t.total += 1;
            match status {
                Some(messages::DONE) => t.done += 1,
                Some(messages::IN_PROGRESS) => t.doing += 1,
                Some(messages::NOT_APPLICABLE) => t.na += 1,
                _ => t.todo += 1,
            }
            t.overdue += usize::from(overdue);
        }
        let applicable = t.total - t.na;
        t.percent = (t.done * 100).checked_div(applicable).unwrap_or(0);
        t
    }

    /// 「24項目中 19項目完了・1項目期限超過」.
    pub fn summary(&self) -> String {
        let mut s = format!("{}項目中 {}項目完了", self.total, self.done);
        if self.overdue > 0 {
            s.push_str(&format!("・{}項目期限超過", self.overdue));
        }
        s
    }
}

/// Progress of both checklists.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub measures: Tally,
    pub checks: Tally,
}

/// The checklist edition a plan follows, as the 2.4 table shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Checklist {
    pub id: String,
    pub title: String,
    /// The edition has a 確認日 column.
    pub confirm_date: bool,
    /// The numbers of its items.
    pub numbers: Vec<String>,
}

/// One group of findings: a section of the book, its findings most serious first.
#[derive(Debug, Clone, Serialize)]
pub struct Group<'a> {
    pub name: &'a str,
    /// Counted findings (not notices).
    pub count: usize,
    pub findings: Vec<&'a Finding>,
}

/// The whole result of a check.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub as_of: Date,
    pub progress: Progress,
    /// Grouped by section in the book's order, most serious first in each.
    pub findings: Vec<Finding>,
    /// Findings `[[accept]]` accepts: listed apart, not counted.
    pub accepted: Vec<Finding>,
    /// The checklist edition the plan follows.
    pub checklist: Option<Checklist>,
    /// Per device row (in the merged ledger): `ended`, `ending` or null.
    pub devices: Vec<Option<&'static str>>,
}

impl Report {
    /// A report of findings alone (a data error).
    pub fn of(as_of: Date, findings: Vec<Finding>) -> Report {
        Report {
            as_of,
            progress: Progress::default(),
            findings,
            accepted: Vec::new(),
            checklist: None,
            devices: Vec::new(),
        }
    }

    pub fn errors(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count()
    }

    /// Findings that count (errors and warnings; not notices, not accepted).
    pub fn counted(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity != Severity::Notice)
            .count()
    }

    /// The findings by group, in report order.
    pub fn groups(&self) -> Vec<Group<'_>> {
        let mut groups: Vec<Group> = Vec::new();
        for f in &self.findings {
            match groups.last_mut() {
                Some(g) if g.name == f.group => g.findings.push(f),
                _ => groups.push(Group {
                    name: &f.group,
                    count: 0,
                    findings: vec![f],
                }),
            }
        }
        for g in &mut groups {
            g.count = g
                .findings
                .iter()
                .filter(|f| f.severity != Severity::Notice)
                .count();
        }
        groups
    }
}

/// Orders section headings as a book does: the cover, numbered chapters
/// (`1.3` before `2.1.4` before `2.10`), then 資料 and 別紙 by number.
pub fn section_order(heading: &str) -> (u8, Vec<u32>, String) {
    let digits = |s: &str| -> Vec<u32> {
        let norm: String = s
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                _ => c,
            })
            .collect();
        norm.split(|c: char| !c.is_ascii_digit())
            .take_while(|p| !p.is_empty())
            .filter_map(|p| p.parse().ok())
            .collect()
    };
    let class = if heading.starts_with(|c: char| c.is_ascii_digit()) {
        1
    } else if let Some(rest) = heading.strip_prefix("資料") {
        return (2, digits(rest), heading.to_string());
    } else if let Some(rest) = heading.strip_prefix("別紙") {
        return (3, digits(rest), heading.to_string());
    } else if heading == messages::GROUP_PLAN
        || heading.starts_with(messages::COVER)
        || heading.is_empty()
    {
        0
    } else {
        4
    };
    (class, digits(heading), heading.to_string())
}
