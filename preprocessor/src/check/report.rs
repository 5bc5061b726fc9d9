//! What a check reports: findings, their kind and severity, the progress of
//! the checklists, and the exit code they make.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::date::Date;
use crate::diag::Diagnostic;
use crate::i18n::{Arg, Labels, Message};
use crate::messages;

/// How bad a finding is: an error stops the build; a warning is work left.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
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
        }
    }
}

/// One thing to fix, with its place when it has one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub kind: Kind,
    pub severity: Severity,
    /// Relative to the book root; `None` for what is absent from every file.
    pub file: Option<PathBuf>,
    pub line: Option<usize>,
    pub column: Option<usize>,
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
}

impl Finding {
    /// A warning at byte `offset` of a data file.
    pub fn at(kind: Kind, file: &Path, source: &str, offset: usize, message: Message) -> Finding {
        let d = Diagnostic::at(file, source, offset..offset, "");
        Finding {
            file: Some(file.to_path_buf()),
            line: Some(d.line),
            column: Some(d.column),
            ..Finding::nowhere(kind, message)
        }
    }

    /// A warning about no one place: its Japanese text and its label.
    pub fn nowhere(kind: Kind, message: Message) -> Finding {
        Finding {
            kind,
            severity: Severity::Warning,
            file: None,
            line: None,
            column: None,
            message: message.text(&Labels::source()),
            message_id: message.id,
            args: message.args,
            snippet: None,
        }
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
            kind: Kind::Error,
            severity: Severity::Error,
            file: Some(d.file.clone()),
            line: Some(d.line),
            column: Some(d.column),
            message: d.message.clone(),
            message_id: d.message.clone(),
            args: BTreeMap::new(),
            snippet: d.snippet.clone(),
        }
    }

    /// `data/measures.toml:66:1` (or "data" when it is about no one file).
    pub fn place(&self) -> String {
        match (&self.file, self.line, self.column) {
            (Some(f), Some(l), Some(c)) => format!("{}:{l}:{c}", f.display()),
            (Some(f), _, _) => f.display().to_string(),
            _ => "data".to_string(),
        }
    }
}

/// The tally of one checklist (2.4 measures or 資料3 checks).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
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
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub measures: Tally,
    pub checks: Tally,
}

/// The whole result of a check.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub as_of: Date,
    pub progress: Progress,
    pub findings: Vec<Finding>,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count()
    }
}
