//! The plan health check: everything that keeps the plan from being complete
//! and current, each finding with the data file and line it is about.
//!
//! Used by `mdbook-bcp check`, `bcp check` and the `health` block (the
//! 「計画の状態」 page of the plan edition). Everything is judged against the
//! plan's as-of date: `organization.as_of`, else `SOURCE_DATE_EPOCH`, else today.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::{Value, json};

use crate::data::{BookData, DataFile};
use crate::date::Date;
use crate::diag::Diagnostic;
use crate::i18n::{Arg, Labels, Message, label};
use crate::model::{Data, Measure};

/// `msg!("{what}が未記入です", what = x)`: the [`Message`] of a finding, its
/// label (in [`crate::i18n::UI_LABELS`]) with the arguments filling it.
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        Message::new($id)$(.with(stringify!($name), $value))*
    };
}

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
    /// The kind as shown to people (a label of [`crate::i18n::UI_LABELS`]).
    pub fn label(self) -> &'static str {
        match self {
            Kind::Error => "エラー",
            Kind::Missing => "未記入",
            Kind::Placeholder => "〇〇のまま",
            Kind::Unassigned => "担当・予定なし",
            Kind::Overdue => "期限超過",
            Kind::Review => "見直し",
            Kind::Training => "教育・訓練",
            Kind::EndOfSupport => "サポート終了",
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
    fn at(kind: Kind, file: &Path, source: &str, offset: usize, message: Message) -> Finding {
        let d = Diagnostic::at(file, source, offset..offset, "");
        Finding {
            file: Some(file.to_path_buf()),
            line: Some(d.line),
            column: Some(d.column),
            ..Finding::nowhere(kind, message)
        }
    }

    /// A warning about no one place: its Japanese text and its label.
    fn nowhere(kind: Kind, message: Message) -> Finding {
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
    fn count<'a>(statuses: impl Iterator<Item = (Option<&'a str>, bool)>) -> Tally {
        let mut t = Tally::default();
        for (status, overdue) in statuses {
            t.total += 1;
            match status {
                Some("完了") => t.done += 1,
                Some("対応中") => t.doing += 1,
                Some("対象外") => t.na += 1,
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

    /// 0 clean, 1 findings, 2 an error (the data cannot be read).
    pub fn exit_code(&self) -> u8 {
        if self.errors() > 0 {
            2
        } else if self.findings.is_empty() {
            0
        } else {
            1
        }
    }
}

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
    !matches!(status, Some("完了" | "対象外")) && m.due.is_some_and(|due| due < as_of)
}

/// Counts the statuses of 2.4 and 資料3.
pub fn progress(data: &Data, as_of: Date) -> Progress {
    fn status(s: &Option<toml::Spanned<String>>) -> Option<&str> {
        s.as_ref().map(|s| s.get_ref().as_str())
    }
    Progress {
        measures: Tally::count(
            data.measures
                .iter()
                .map(|m| (status(&m.status), is_overdue(m, as_of))),
        ),
        checks: Tally::count(
            data.checks
                .iter()
                .flat_map(|g| &g.items)
                .map(|i| (status(&i.status), false)),
        ),
    }
}

/// Checks the book at `root`: its data folder is read from `book.toml`
/// (`[preprocessor.bcp] data`, default `data`). Fails only when `book.toml`
/// cannot be read; data errors are findings.
pub fn check_root(root: &Path) -> anyhow::Result<Report> {
    use anyhow::Context;
    let toml = root.join("book.toml");
    let book_config = mdbook_preprocessor::config::Config::from_disk(&toml)
        .with_context(|| format!("{} を読めません", toml.display()))?;
    let config = crate::BcpConfig::from_book(&book_config)?;
    let scope = Scope::of_book_dir(&root.join(&book_config.book.src), &config);
    Ok(check_book(root, &config.data, scope))
}

/// Reads the book's data under `root/data_dir` and checks it. A data error is
/// reported as the one finding of kind `error`.
pub fn check_book(root: &Path, data_dir: &Path, scope: Scope) -> Report {
    match BookData::load(root, data_dir) {
        Ok(mut book) => {
            book.scope = scope;
            check(&book)
        }
        Err(d) => Report {
            as_of: Date::today(),
            progress: Progress::default(),
            findings: vec![Finding::from_diagnostic(&d)],
        },
    }
}

/// Checks loaded data.
pub fn check(book: &BookData) -> Report {
    let as_of = as_of(&book.merged);
    // Per file, so that every finding names the file it is about.
    let files: Vec<(&DataFile, &Data)> = book.files.iter().map(|f| (f, &f.data)).collect();
    let mut c = Checker {
        files: &files,
        merged: &book.merged,
        scope: &book.scope,
        as_of,
        findings: Vec::new(),
    };
    c.run();
    let mut findings = c.findings;
    findings.sort_by(|a, b| {
        (a.file.is_none(), &a.file, a.line, a.column).cmp(&(
            b.file.is_none(),
            &b.file,
            b.line,
            b.column,
        ))
    });
    findings.dedup();
    Report {
        as_of,
        progress: progress(&book.merged, as_of),
        findings,
    }
}

/// Adds what the `progress` and `health` blocks and the 2.4 table need to the
/// template context: `as_of`, `progress`, `findings`, and `overdue` and `na`
/// (対象外, judged here so that a translated status word still counts) per measure.
pub fn enrich(ctx: &mut Value, book: &BookData) {
    let report = check(book);
    if let Some(rows) = ctx["measures"].as_array_mut() {
        for (row, m) in rows.iter_mut().zip(&book.merged.measures) {
            row["overdue"] = json!(is_overdue(m, report.as_of));
            let status = m.status.as_ref().map(|s| s.get_ref().as_str());
            row["na"] = json!(status == Some("対象外"));
        }
    }
    ctx["as_of"] = json!(report.as_of);
    ctx["progress"] = json!(report.progress);
    ctx["findings"] = report
        .findings
        .iter()
        .map(|f| {
            let mut v = json!(f);
            v["label"] = json!(f.kind.label());
            v["place"] = json!(f.place());
            v["message_id"] = json!(f.message_id);
            v["args"] = json!(f.args);
            v
        })
        .collect();
}

/// What the check asks of a book: the data sections its chapters show, and
/// whether its template asks for a training every year (都薬版 2.2.4).
#[derive(Debug, Clone, Default)]
pub struct Scope {
    /// Data section → the heading it is shown under (`devices` → `別紙２ 情報機器台帳`);
    /// `None`: every section of the pharmacy template, under its section number.
    pub shown: Option<BTreeMap<String, String>>,
    pub yearly_training: bool,
}

impl Scope {
    /// The scope of a book from its chapters' Markdown and its settings.
    pub fn of_chapters<'a>(
        chapters: impl IntoIterator<Item = &'a str>,
        config: &crate::BcpConfig,
    ) -> Scope {
        let mut shown = BTreeMap::new();
        for chapter in chapters {
            sections_shown(chapter, &mut shown);
        }
        Scope {
            shown: Some(shown),
            yearly_training: config.yearly_training,
        }
    }

    /// The scope of the book at `root`: every chapter file under its `src/`.
    pub fn of_book_dir(src: &Path, config: &crate::BcpConfig) -> Scope {
        let texts: Vec<String> = walkdir::WalkDir::new(src)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
            .filter_map(|e| std::fs::read_to_string(e.path()).ok())
            .collect();
        Scope::of_chapters(texts.iter().map(String::as_str), config)
    }
}

/// Adds the data sections the `bcp` blocks of `markdown` show, each with the
/// nearest heading above its first block.
fn sections_shown(markdown: &str, shown: &mut BTreeMap<String, String>) {
    for fence in crate::chapter::fences(markdown) {
        let args = fence.args();
        let section = match fence.name.as_str() {
            "list" => args
                .get("of")
                .and_then(|v| v.as_str())
                .unwrap_or("policies"),
            "scope" => "systems",
            "progress" | "health" | "poster" => continue,
            other => other,
        };
        shown.entry(section.to_string()).or_insert(fence.heading);
    }
}

struct Checker<'a> {
    files: &'a [(&'a DataFile, &'a Data)],
    merged: &'a Data,
    scope: &'a Scope,
    as_of: Date,
    findings: Vec<Finding>,
}

/// A place in one data file.
#[derive(Clone, Copy)]
struct Src<'a> {
    file: &'a DataFile,
}

impl<'a> Src<'a> {
    fn finding(self, kind: Kind, offset: usize, message: Message) -> Finding {
        Finding::at(kind, &self.file.path, &self.file.source, offset, message)
    }

    /// Byte offset of the `nth` line that reads exactly `header` (e.g. `[[devices]]`).
    fn header(self, header: &str, nth: usize) -> Option<usize> {
        lines(&self.file.source)
            .filter(|(_, l)| l.trim() == header)
            .nth(nth)
            .map(|(at, _)| at)
    }

    /// Offset of `key = …` in the table starting at `start`, if written there.
    fn key_in(self, start: usize, key: &str) -> Option<usize> {
        let source = &self.file.source;
        lines(source)
            .skip_while(|(at, _)| *at <= start)
            .take_while(|(_, l)| !l.trim_start().starts_with('['))
            .find(|(_, l)| {
                l.trim_start()
                    .strip_prefix(key)
                    .is_some_and(|rest| rest.trim_start().starts_with('='))
            })
            .map(|(at, l)| at + l.len() - l.trim_start().len())
    }

    /// The `nth` `[[table]]` of this file, at `key` when written, else its header.
    fn row(self, table: &str, nth: usize, key: Option<&str>) -> usize {
        let Some(start) = self.header(&format!("[[{table}]]"), nth) else {
            return 0;
        };
        key.and_then(|k| self.key_in(start, k)).unwrap_or(start)
    }

    /// `[table.id]`, at `key` when written, else its header.
    fn keyed(self, table: &str, id: &str, key: Option<&str>) -> usize {
        let Some(start) = self
            .header(&format!("[{table}.{id}]"), 0)
            .or_else(|| self.file.source.find(&format!("{table}.{id}")))
        else {
            return 0;
        };
        key.and_then(|k| self.key_in(start, k)).unwrap_or(start)
    }
}

/// Lines with their byte offsets.
fn lines(source: &str) -> impl Iterator<Item = (usize, &str)> {
    source.split_inclusive('\n').scan(0, |pos, line| {
        let at = *pos;
        *pos += line.len();
        Some((at, line.trim_end_matches(['\n', '\r'])))
    })
}

fn is_blank(s: &Option<String>) -> bool {
    s.as_deref().is_none_or(|s| s.trim().is_empty())
}

/// A field the plan shows: (key, 日本語, section).
type Shown = (&'static str, &'static str, &'static str);

/// The keyed tables a field of a referenced record can be missing from.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Table {
    People,
    Orgs,
    Systems,
}

impl Table {
    fn name(self) -> &'static str {
        match self {
            Table::People => "people",
            Table::Orgs => "orgs",
            Table::Systems => "systems",
        }
    }
}

impl Checker<'_> {
    fn run(&mut self) {
        self.organization();
        self.rows();
        self.referenced();
        self.empty_tables();
        self.trainings();
        self.placeholders();
    }

    fn push(&mut self, f: Finding) {
        self.findings.push(f);
    }

    fn organization(&mut self) {
        let as_of = self.as_of;
        let Some((file, org)) = self
            .files
            .iter()
            .find_map(|(f, d)| d.organization.as_ref().map(|o| (Src { file: f }, o)))
        else {
            self.push(Finding::nowhere(
                Kind::Missing,
                msg!(
                    "[organization]（薬局名・策定日・見直し日）がどのデータファイルにもありません"
                ),
            ));
            return;
        };
        let header = file
            .header("[organization]", 0)
            .or_else(|| file.file.source.find("organization"))
            .unwrap_or(0);
        let field = |key: &str| file.key_in(header, key).unwrap_or(header);
        if is_blank(&org.name) {
            self.push(file.finding(
                Kind::Missing,
                header,
                msg!("organization.name（薬局名）が未記入です（表紙・1.1 に表示）"),
            ));
        }
        if org.adopted.is_none() {
            self.push(file.finding(
                Kind::Missing,
                header,
                msg!("organization.adopted（策定日）が未記入です（表紙に表示）"),
            ));
        }
        match org.reviewed {
            None => self.push(file.finding(
                Kind::Review,
                header,
                msg!(
                    "organization.reviewed（最終見直し日）が記録されていません（計画は定期的に見直します）"
                ),
            )),
            Some(reviewed) if reviewed.plus_years(1) < as_of => self.push(file.finding(
                Kind::Review,
                field("reviewed"),
                msg!(
                    "最終見直し日 {reviewed} から1年以上たっています（{as_of} 時点）。計画を見直し、reviewed を更新します",
                    reviewed = reviewed.slash(),
                    as_of = as_of.slash(),
                ),
            )),
            Some(_) => {}
        }
    }

    /// Records of the tables the plan shows row by row.
    fn rows(&mut self) {
        let as_of = self.as_of;
        let mut out = Vec::new();
        let mut blank = Vec::new();
        for (file, data) in self.files {
            let src = Src { file };
            let mut missing = |table: &str, i: usize, key: &str, what: Message| {
                blank.push(src.finding(
                    Kind::Missing,
                    src.row(table, i, Some(key)),
                    msg!("{what}が未記入です", what = what),
                ));
            };
            for (i, t) in data.threats.iter().enumerate() {
                for (key, v, name) in [
                    ("risk", &t.risk, "ITリスク"),
                    ("route", &t.route, "感染経路"),
                    ("damage", &t.damage, "被害"),
                ] {
                    if is_blank(v) {
                        missing(
                            "threats",
                            i,
                            key,
                            msg!(
                                "1.4.2 備えるべき脅威 {row}行目の{name}（{key}）",
                                row = i + 1,
                                name = label(name),
                                key = key,
                            ),
                        );
                    }
                }
            }
            for (i, t) in data.damages.iter().enumerate() {
                for (key, v, name) in [
                    ("category", &t.category, "カテゴリ"),
                    ("damage", &t.damage, "予想される被害"),
                    ("factor", &t.factor, "被害を大きくする要因"),
                ] {
                    if is_blank(v) {
                        missing(
                            "damages",
                            i,
                            key,
                            msg!(
                                "1.4.3 被害想定 {row}行目の{name}（{key}）",
                                row = i + 1,
                                name = label(name),
                                key = key,
                            ),
                        );
                    }
                }
            }
            for (i, d) in data.devices.iter().enumerate() {
                let device: Arg = match &d.id {
                    Some(id) => id.clone().into(),
                    None => msg!("{row}行目", row = i + 1).into(),
                };
                for (key, v, name) in [
                    ("id", &d.id, "管理番号"),
                    ("maker", &d.maker, "メーカー"),
                    ("os", &d.os, "OS"),
                    ("software", &d.software, "ソフトウェア"),
                    ("version", &d.version, "ソフトウェアバージョン"),
                    ("ip", &d.ip, "IPアドレス"),
                    ("hostname", &d.hostname, "コンピュータ名"),
                    ("location", &d.location, "設置場所"),
                    ("users", &d.users, "主な利用者属性"),
                    ("status", &d.status, "状態"),
                ] {
                    if is_blank(v) {
                        missing(
                            "devices",
                            i,
                            key,
                            msg!(
                                "2.1.4 情報機器台帳 {device} の{name}（{key}）",
                                device = device.clone(),
                                name = label(name),
                                key = key,
                            ),
                        );
                    }
                }
                if d.registered.is_none() {
                    missing(
                        "devices",
                        i,
                        "registered",
                        msg!(
                            "2.1.4 情報機器台帳 {device} の{name}（{key}）",
                            device = device.clone(),
                            name = label("登録日"),
                            key = "registered",
                        ),
                    );
                }
                for (key, v) in [("os", &d.os), ("software", &d.software)] {
                    let Some(name) = v.as_deref() else { continue };
                    if let Some(eos) = crate::eol::ended(name, as_of) {
                        out.push(src.finding(
                            Kind::EndOfSupport,
                            src.row("devices", i, Some(key)),
                            msg!(
                                "2.1.4 情報機器台帳 {device} の「{name}」はサポートが終了しています（{product}: {end} 終了、{as_of} 時点。出典 {source}）。更新・入替を計画します",
                                device = device.clone(),
                                name = name,
                                product = eos.product,
                                end = eos.end.slash(),
                                as_of = as_of.slash(),
                                source = eos.source,
                            ),
                        ));
                    }
                }
            }
            for (i, b) in data.backups.iter().enumerate() {
                if is_blank(&b.label) && b.system.is_none() {
                    missing(
                        "backups",
                        i,
                        "system",
                        msg!(
                            "2.2.5 バックアップ {row}行目のシステム（system か label）",
                            row = i + 1
                        ),
                    );
                }
                for (key, v, name) in [
                    ("frequency", &b.frequency, "頻度"),
                    ("method", &b.method, "作成方法"),
                    ("restore", &b.restore, "復旧方法"),
                ] {
                    if is_blank(v) {
                        missing(
                            "backups",
                            i,
                            key,
                            msg!(
                                "2.2.5 バックアップ {row}行目の{name}（{key}）",
                                row = i + 1,
                                name = label(name),
                                key = key,
                            ),
                        );
                    }
                }
            }
            for (i, s) in data.strategies.iter().enumerate() {
                for (key, v, name) in [
                    ("name", &s.name, "戦略"),
                    ("trigger", &s.trigger, "発動する状況"),
                ] {
                    if is_blank(v) {
                        missing(
                            "strategies",
                            i,
                            key,
                            msg!(
                                "2.3.2 事業継続戦略 {row}行目の{name}（{key}）",
                                row = i + 1,
                                name = label(name),
                                key = key,
                            ),
                        );
                    }
                }
            }
            for (i, p) in data.priorities.iter().enumerate() {
                if is_blank(&p.task) {
                    missing(
                        "priorities",
                        i,
                        "task",
                        msg!("2.3.3 優先業務 {row}行目の業務（task）", row = i + 1),
                    );
                }
            }
            for (i, f) in data.fallbacks.iter().enumerate() {
                if is_blank(&f.task) {
                    missing(
                        "fallbacks",
                        i,
                        "task",
                        msg!("2.3.4 代替手段 {row}行目の業務内容（task）", row = i + 1),
                    );
                }
                if is_blank(&f.label) && f.system.is_none() {
                    missing(
                        "fallbacks",
                        i,
                        "system",
                        msg!(
                            "2.3.4 代替手段 {row}行目のシステム（system か label）",
                            row = i + 1
                        ),
                    );
                }
                if is_blank(&f.method) {
                    missing(
                        "fallbacks",
                        i,
                        "method",
                        msg!("2.3.4 代替手段 {row}行目の代替手段（method）", row = i + 1),
                    );
                }
            }
            for (i, m) in data.measures.iter().enumerate() {
                let status = m.status.as_ref().map(|s| s.get_ref().as_str());
                if status == Some("対象外") {
                    continue;
                }
                let what = msg!(
                    "2.4 事前対策 {id}「{text}」",
                    id = m.id.as_str(),
                    text = Arg::cut(&m.text, SHORT),
                );
                if status.is_none() {
                    let what = msg!("{what}の状況（status）", what = what.clone());
                    missing("measures", i, "status", what);
                }
                if is_blank(&m.method) {
                    missing(
                        "measures",
                        i,
                        "method",
                        msg!("{what}の対応方法（method）", what = what.clone()),
                    );
                }
                let unassigned = match (m.owner.is_none(), m.due.is_none()) {
                    (true, true) => Some("担当者（owner）と予定（due）"),
                    (true, false) => Some("担当者（owner）"),
                    (false, true) => Some("予定（due）"),
                    (false, false) => None,
                };
                if let Some(which) = unassigned {
                    out.push(src.finding(
                        Kind::Unassigned,
                        src.row(
                            "measures",
                            i,
                            Some(if m.owner.is_none() { "owner" } else { "due" }),
                        ),
                        msg!(
                            "{what}の{which}が決まっていません",
                            what = what.clone(),
                            which = label(which),
                        ),
                    ));
                }
                if is_overdue(m, as_of)
                    && let Some(due) = m.due
                {
                    out.push(src.finding(
                        Kind::Overdue,
                        m.status.as_ref().map_or_else(
                            || src.row("measures", i, Some("due")),
                            |s| s.span().start,
                        ),
                        msg!(
                            "{what}は予定 {due} を過ぎていますが{status}です（{as_of} 時点）",
                            what = what.clone(),
                            due = due.slash(),
                            status = label(status.unwrap_or("未着手")),
                            as_of = as_of.slash(),
                        ),
                    ));
                }
            }
            for (i, d) in data.departments.iter().enumerate() {
                if is_blank(&d.name) {
                    missing(
                        "departments",
                        i,
                        "name",
                        msg!("3.1 部門連絡先 {row}行目の部署名（name）", row = i + 1),
                    );
                }
                if d.person.is_none() {
                    missing(
                        "departments",
                        i,
                        "person",
                        msg!("3.1 部門連絡先 {row}行目の担当者（person）", row = i + 1),
                    );
                }
            }
            for (g, group) in data.checks.iter().enumerate() {
                for item in &group.items {
                    if item.status.is_none() {
                        let at = file
                            .source
                            .find(&item.text)
                            .unwrap_or_else(|| src.row("checks", g, Some("items")));
                        out.push(src.finding(
                            Kind::Missing,
                            at,
                            msg!(
                                "資料3 確認表 {id}「{text}」の確認欄（status）が未記入です",
                                id = group.id.as_str(),
                                text = Arg::cut(&item.text, SHORT),
                            ),
                        ));
                    }
                }
            }
            for (id, role) in &data.roles {
                let what = msg!("2.1.3 役割「{role}」", role = role.name.as_str());
                if is_blank(&role.summary) {
                    out.push(src.finding(
                        Kind::Missing,
                        src.keyed("roles", id, Some("summary")),
                        msg!("{what}の概要（summary）が未記入です", what = what.clone()),
                    ));
                }
                let (empty, key, who) = if role.kind.as_deref() == Some("orgs") {
                    (role.orgs.is_empty(), "orgs", "担当の事業者（orgs）")
                } else {
                    (role.people.is_empty(), "people", "担当者（people）")
                };
                if empty {
                    out.push(src.finding(
                        Kind::Missing,
                        src.keyed("roles", id, Some(key)),
                        msg!(
                            "{what}の{who}が未記入です",
                            what = what.clone(),
                            who = label(who),
                        ),
                    ));
                }
            }
        }
        self.findings.extend(blank);
        self.findings.extend(out);
    }

    /// Fields of people, orgs and systems that the tables referring to them show.
    fn referenced(&mut self) {
        let d = self.merged;
        // (table, id) → (field, 日本語, section) the plan shows.
        let mut need: BTreeMap<(Table, String), Vec<Shown>> = BTreeMap::new();
        let mut add = |t: Table, id: &str, fields: &[Shown]| {
            need.entry((t, id.to_string()))
                .or_default()
                .extend_from_slice(fields);
        };
        for c in &d.contacts {
            if let Some(s) = &c.system {
                if is_blank(&c.label) {
                    add(Table::Systems, s.get_ref(), &[("name", "名称", "2.2.2")]);
                }
                if let Some(v) = d.systems.get(s.get_ref()).and_then(|s| s.vendor.as_ref()) {
                    add(
                        Table::Orgs,
                        v.get_ref(),
                        &[
                            ("name", "名称", "2.2.2"),
                            ("phone", "電話番号", "2.2.2"),
                            ("email", "メールアドレス", "2.2.2"),
                        ],
                    );
                }
            }
            if let Some(p) = &c.person {
                add(
                    Table::People,
                    p.get_ref(),
                    &[
                        ("name", "氏名", "2.2.2"),
                        ("phone", "電話番号", "2.2.2"),
                        ("email", "メールアドレス", "2.2.2"),
                    ],
                );
                if is_blank(&c.label) {
                    add(Table::People, p.get_ref(), &[("title", "役職名", "2.2.2")]);
                }
            }
            if let Some(o) = &c.org {
                add(Table::Orgs, o.get_ref(), &[("phone", "電話番号", "2.2.2")]);
                if is_blank(&c.label) {
                    add(Table::Orgs, o.get_ref(), &[("name", "名称", "2.2.2")]);
                }
            }
        }
        for role in d.roles.values() {
            if role.kind.as_deref() == Some("orgs") {
                for o in &role.orgs {
                    add(Table::Orgs, o.get_ref(), &[("name", "名称", "2.1.3")]);
                }
            } else {
                for p in &role.people {
                    add(
                        Table::People,
                        p.get_ref(),
                        &[("title", "役職名", "2.1.3"), ("name", "氏名", "2.1.3")],
                    );
                }
            }
        }
        for m in &d.measures {
            if let Some(o) = &m.owner {
                add(Table::People, o.get_ref(), &[("name", "氏名", "2.4")]);
            }
        }
        for dep in &d.departments {
            if let Some(p) = &dep.person {
                add(
                    Table::People,
                    p.get_ref(),
                    &[("name", "氏名", "3.1"), ("phone", "連絡先", "3.1")],
                );
            }
        }
        for step in &d.flow {
            for call in &step.call {
                add(
                    Table::Orgs,
                    call.org.get_ref(),
                    &[("phone", "電話番号", "資料1")],
                );
            }
        }
        for (label, system) in d
            .backups
            .iter()
            .map(|b| (&b.label, &b.system))
            .chain(d.fallbacks.iter().map(|f| (&f.label, &f.system)))
        {
            if let (true, Some(s)) = (is_blank(label), system) {
                add(
                    Table::Systems,
                    s.get_ref(),
                    &[("name", "名称", "2.2.5・2.3.4")],
                );
            }
        }
        for (id, s) in &d.systems {
            if s.in_scope {
                add(Table::Systems, id, &[("name", "名称", "1.3")]);
            }
        }
        for ((table, id), fields) in need {
            let Some((file, _)) = self.files.iter().find(|(_, data)| match table {
                Table::People => data.people.contains_key(&id),
                Table::Orgs => data.orgs.contains_key(&id),
                Table::Systems => data.systems.contains_key(&id),
            }) else {
                continue;
            };
            let src = Src { file };
            let mut seen: Vec<&str> = Vec::new();
            for &(key, name, _) in &fields {
                if seen.contains(&key) {
                    continue;
                }
                seen.push(key);
                let value = match table {
                    Table::People => d.people.get(&id).and_then(|p| match key {
                        "name" => p.name.clone(),
                        "title" => p.title.clone(),
                        "phone" => p.phone.clone(),
                        _ => p.email.clone(),
                    }),
                    Table::Orgs => d.orgs.get(&id).and_then(|o| match key {
                        "name" => o.name.clone(),
                        "phone" => o.phone.clone(),
                        _ => o.email.clone(),
                    }),
                    Table::Systems => d.systems.get(&id).and_then(|s| s.name.clone()),
                };
                if is_blank(&value) {
                    let mut sections: Vec<&str> = Vec::new();
                    for f in fields.iter().filter(|f| f.0 == key) {
                        if !sections.contains(&f.2) {
                            sections.push(f.2);
                        }
                    }
                    // 「2.2.2・資料1」: each section a label, joined by a label.
                    let Some(sections) = sections
                        .iter()
                        .map(|s| label(s))
                        .reduce(|a, b| msg!("{a}・{b}", a = a, b = b))
                    else {
                        continue;
                    };
                    self.findings.push(src.finding(
                        Kind::Missing,
                        src.keyed(table.name(), &id, None),
                        msg!(
                            "{table}.{id} の{name}（{key}）が未記入です（{sections} に表示）",
                            table = table.name(),
                            id = id.as_str(),
                            name = label(name),
                            key = key,
                            sections = sections,
                        ),
                    ));
                }
            }
        }
    }

    /// Lists the plan shows as a whole: empty means the section is unwritten.
    fn empty_tables(&mut self) {
        let d = self.merged;
        for (empty, key, what) in [
            (
                d.policies.is_empty(),
                "policies",
                "1.2 基本方針（policies）",
            ),
            (
                !d.systems.values().any(|s| s.in_scope),
                "systems",
                "1.3 対象範囲（systems）",
            ),
            (
                d.events.is_empty(),
                "events",
                "1.4.1 想定する事象（events）",
            ),
            (d.roles.is_empty(), "roles", "2.1.3 担当者の役割（roles）"),
            (
                d.devices.is_empty(),
                "devices",
                "2.1.4 情報機器台帳（devices）",
            ),
            (
                d.contacts.is_empty(),
                "contacts",
                "2.2.2 重要関係先連絡リスト（contacts）",
            ),
            (
                d.backups.is_empty(),
                "backups",
                "2.2.5 バックアップ（backups）",
            ),
            (
                d.strategies.is_empty(),
                "strategies",
                "2.3.2 事業継続戦略（strategies）",
            ),
            (
                d.priorities.is_empty(),
                "priorities",
                "2.3.3 優先業務（priorities）",
            ),
            (
                d.fallbacks.is_empty(),
                "fallbacks",
                "2.3.4 代替手段（fallbacks）",
            ),
            (
                d.measures.is_empty(),
                "measures",
                "2.4 事前対策（measures）",
            ),
            (
                d.departments.is_empty(),
                "departments",
                "3.1 部門連絡先一覧（departments）",
            ),
            (
                d.investigations.is_empty(),
                "investigations",
                "3.3.1 原因調査（investigations）",
            ),
        ] {
            if !empty {
                continue;
            }
            let message = match &self.scope.shown {
                // Only what the book shows, named by the heading it is under.
                Some(shown) => {
                    let Some(heading) = shown.get(key) else {
                        continue;
                    };
                    msg!(
                        "{section}（{key}）が一件も書かれていません",
                        section = label(heading),
                        key = key,
                    )
                }
                None => msg!("{what}が一件も書かれていません", what = label(what)),
            };
            self.push(Finding::nowhere(Kind::Missing, message));
        }
    }

    fn trainings(&mut self) {
        if self.scope.shown.is_some() && !self.scope.yearly_training {
            return;
        }
        let as_of = self.as_of;
        let latest = self
            .files
            .iter()
            .flat_map(|(f, d)| {
                d.trainings
                    .iter()
                    .enumerate()
                    .map(move |(i, t)| (*f, i, t.date))
            })
            .max_by_key(|(_, _, date)| *date);
        match latest {
            None => self.push(Finding::nowhere(
                Kind::Training,
                msg!(
                    "教育・訓練の記録（trainings）がありません（2.2.4: 少なくとも年1回実施します）"
                ),
            )),
            Some((file, i, date)) if date.plus_years(1) < as_of => {
                let src = Src { file };
                self.push(src.finding(
                    Kind::Training,
                    src.row("trainings", i, Some("date")),
                    msg!(
                        "最後の教育・訓練 {date} から1年以上たっています（{as_of} 時点。2.2.4: 少なくとも年1回実施します）",
                        date = date.slash(),
                        as_of = as_of.slash(),
                    ),
                ));
            }
            Some(_) => {}
        }
    }

    /// 〇〇 / ○○ left in a value (comments are ignored).
    fn placeholders(&mut self) {
        let mut out = Vec::new();
        for (file, _) in self.files {
            let src = Src { file };
            for (at, line) in lines(&file.source) {
                if let Some(col) = placeholder_in(line) {
                    let key = line.split_once('=').map_or("", |(k, _)| k.trim());
                    let mark = &line[col..col + 6];
                    let message = if key.is_empty() || key.starts_with('{') {
                        msg!(
                            "値に雛形の「{mark}」が残っています（実際の値に書き換えます）",
                            mark = mark
                        )
                    } else {
                        msg!(
                            "「{key}」の値に雛形の「{mark}」が残っています（実際の値に書き換えます）",
                            key = key,
                            mark = mark,
                        )
                    };
                    out.push(src.finding(Kind::Placeholder, at + col, message));
                }
            }
        }
        self.findings.extend(out);
    }
}

/// Byte offset of the first 〇〇 / ○○ inside a string of a TOML line.
fn placeholder_in(line: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match quote {
            None if c == '#' => return None,
            None if c == '"' || c == '\'' => quote = Some(c),
            None => {}
            Some('"') if escaped => escaped = false,
            Some('"') if c == '\\' => escaped = true,
            Some(q) if c == q => quote = None,
            Some(_) => {
                let rest = &line[i..];
                if rest.starts_with("〇〇") || rest.starts_with("○○") {
                    return Some(i);
                }
            }
        }
    }
    None
}

/// How much of a long item text a message quotes (characters).
const SHORT: usize = 20;

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Text,
    Json,
}

impl Format {
    /// `json`, else text.
    pub fn parse(name: &str) -> Format {
        if name == "json" {
            Format::Json
        } else {
            Format::Text
        }
    }
}

/// The `check` command of both binaries: checks the book at `root`, writes the
/// report to stdout and returns the exit code (0 clean, 1 findings).
pub fn run_to_stdout(root: &Path, format: Format) -> anyhow::Result<u8> {
    use anyhow::Context as _;
    let report = check_root(root)?;
    let mut out = io::stdout().lock();
    match write(&report, format, &mut out).and_then(|()| out.flush()) {
        // A reader that stopped early (`check | head`) is not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        other => other.context("標準出力に書けません")?,
    }
    Ok(report.exit_code())
}

/// Writes the report for people: one `file:line:col: 種類: message` per finding, then a summary.
pub fn write_text(report: &Report, out: &mut impl Write) -> io::Result<()> {
    for f in &report.findings {
        writeln!(out, "{}: {}: {}", f.place(), f.kind.label(), f.message)?;
        if let Some(snippet) = &f.snippet {
            writeln!(out, "{snippet}")?;
        }
    }
    if !report.findings.is_empty() {
        writeln!(out)?;
    }
    let p = &report.progress;
    // Progress only of the tables the book has.
    let mut parts = Vec::new();
    if p.measures.total > 0 {
        parts.push(format!(
            "2.4 事前対策 {}（{}%）",
            p.measures.summary(),
            p.measures.percent
        ));
    }
    if p.checks.total > 0 {
        parts.push(format!("資料3 確認表 {}", p.checks.summary()));
    }
    let verdict = match (report.errors(), report.findings.len()) {
        (0, 0) => "指摘はありません".to_string(),
        (0, n) => format!("指摘 {n}件"),
        (e, _) => format!("エラー {e}件（データを読めません）"),
    };
    if parts.is_empty() {
        writeln!(
            out,
            "計画の状態（{} 時点）: {verdict}",
            report.as_of.slash()
        )
    } else {
        writeln!(
            out,
            "計画の状態（{} 時点）: {}。{verdict}",
            report.as_of.slash(),
            parts.join("・")
        )
    }
}

/// Writes the report as one JSON object:
/// `{"as_of", "clean", "counts": {"error", "warning"}, "progress", "findings": [...]}`.
pub fn write_json(report: &Report, out: &mut impl Write) -> io::Result<()> {
    let errors = report.errors();
    let value = json!({
        "as_of": report.as_of,
        "clean": report.findings.is_empty(),
        "counts": { "error": errors, "warning": report.findings.len() - errors },
        "progress": report.progress,
        "findings": report.findings,
    });
    serde_json::to_writer_pretty(&mut *out, &value)?;
    writeln!(out)
}

/// Writes the report in `format`.
pub fn write(report: &Report, format: Format, out: &mut impl Write) -> io::Result<()> {
    match format {
        Format::Text => write_text(report, out),
        Format::Json => write_json(report, out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::parse_file;

    /// A small plan with every section filled in, as of 2025-11-01.
    const CLEAN: &str = r#"policies = ["患者の安全を最優先する。"]
events = ["ランサムウェア感染"]
investigations = ["ログを確認する。"]

[organization]
name = "テスト薬局"
adopted = 2025-04-01
reviewed = 2025-04-01
as_of = 2025-11-01

[people.kanri]
name = "山田 花子"
title = "管理薬剤師"
phone = "03-0000-0000"
email = "k@example.jp"

[orgs.vendor]
name = "薬歴システム株式会社"
phone = "03-0000-0001"
email = "v@example.jp"

[systems.yakureki]
name = "電子薬歴"
vendor = "vendor"

[roles.manager]
name = "医療情報システム安全管理責任者"
people = ["kanri"]
summary = "対応を統括する。"

[[devices]]
id = "001"
maker = "NEC"
os = "Windows 11 Pro 24H2"
software = "薬歴"
version = "1.0"
ip = "192.168.0.10"
hostname = "PC01"
location = "調剤室"
users = "薬剤師"
registered = 2024-04-01
status = "稼働"
system = "yakureki"

[[contacts]]
system = "yakureki"

[[contacts]]
person = "kanri"

[[trainings]]
date = 2025-09-01

[[backups]]
system = "yakureki"
frequency = "毎日"
method = "外付けHDD"
restore = "事業者が復元する"

[[strategies]]
name = "紙で継続"
trigger = "システム停止時"

[[priorities]]
level = "A"
task = "調剤"

[[fallbacks]]
task = "調剤"
system = "yakureki"
method = "紙の調剤録"

[[measures]]
id = "1-1"
group = "体制構築"
text = "責任者を設置している。"
owner = "kanri"
method = "任命した。"
due = 2025-06-30
done = 2025-06-01
status = "完了"

[[departments]]
name = "調剤部門"
person = "kanri"

[[checks]]
id = "1-1"
title = "把握"
items = [{ text = "機器を把握できているか。", status = "完了" }]
"#;

    fn run(src: &str) -> Report {
        let file = parse_file(PathBuf::from("data/plan.toml"), src.to_string())
            .unwrap_or_else(|e| panic!("{e}"));
        check(&BookData::from_files(vec![file]).unwrap_or_else(|e| panic!("{e}")))
    }

    fn edit(from: &str, to: &str) -> String {
        assert!(CLEAN.contains(from), "fixture has no {from:?}");
        CLEAN.replacen(from, to, 1)
    }

    fn only(report: &Report, kind: Kind) -> Finding {
        let found: Vec<&Finding> = report.findings.iter().filter(|f| f.kind == kind).collect();
        assert_eq!(found.len(), 1, "{kind:?} in {:#?}", report.findings);
        assert_eq!(report.findings.len(), 1, "{:#?}", report.findings);
        found[0].clone()
    }

    /// 1-based line of the first line containing `needle` in `src`.
    fn line_of(src: &str, needle: &str) -> usize {
        src.lines().position(|l| l.contains(needle)).unwrap() + 1
    }

    #[test]
    fn a_complete_current_plan_is_clean() {
        let r = run(CLEAN);
        assert!(r.findings.is_empty(), "{:#?}", r.findings);
        assert_eq!(r.exit_code(), 0);
        assert_eq!(r.as_of, Date::new(2025, 11, 1).unwrap());
    }

    #[test]
    fn missing_field_of_a_referenced_record() {
        let src = edit("phone = \"03-0000-0000\"\n", "");
        let f = only(&run(&src), Kind::Missing);
        assert_eq!(f.line, Some(line_of(&src, "[people.kanri]")));
        assert!(f.message.contains("people.kanri"), "{}", f.message);
        assert!(f.message.contains("phone"), "{}", f.message);
        assert!(f.message.contains("2.2.2"), "{}", f.message);
    }

    #[test]
    fn missing_field_of_a_row_points_at_the_row() {
        let src = edit("hostname = \"PC01\"\n", "");
        let f = only(&run(&src), Kind::Missing);
        assert_eq!(f.line, Some(line_of(&src, "[[devices]]")));
        assert!(
            f.message.contains("コンピュータ名（hostname）"),
            "{}",
            f.message
        );
    }

    #[test]
    fn empty_section_has_no_place() {
        let src = edit(
            "[[strategies]]\nname = \"紙で継続\"\ntrigger = \"システム停止時\"\n",
            "",
        );
        let f = only(&run(&src), Kind::Missing);
        assert_eq!(f.file, None);
        assert!(f.message.contains("2.3.2"), "{}", f.message);
    }

    #[test]
    fn placeholder_left_in_a_value() {
        let src = edit(
            "location = \"調剤室\"",
            "location = \"〇〇室\" # ○○ in a comment is fine",
        );
        let f = only(&run(&src), Kind::Placeholder);
        assert_eq!(f.line, Some(line_of(&src, "〇〇室")));
        assert_eq!(f.column, Some(13));
        assert!(f.message.contains("「location」"), "{}", f.message);
        assert_eq!(placeholder_in("# name = \"〇〇薬局\""), None);
        assert_eq!(placeholder_in("text = \"○○ ○○\""), Some(8));
        assert_eq!(placeholder_in("〇〇 = 1"), None, "keys are not values");
    }

    #[test]
    fn measure_without_owner_or_due() {
        let src = edit("owner = \"kanri\"\nmethod", "method");
        let f = only(&run(&src), Kind::Unassigned);
        assert_eq!(f.line, Some(line_of(&src, "[[measures]]")));
        assert!(f.message.contains("担当者（owner）"), "{}", f.message);
        let src = edit("due = 2025-06-30\n", "");
        let f = only(&run(&src), Kind::Unassigned);
        assert_eq!(f.line, Some(line_of(&src, "[[measures]]")));
        assert!(f.message.contains("予定（due）"), "{}", f.message);
    }

    #[test]
    fn overdue_measure_points_at_its_status() {
        let src = edit(
            "done = 2025-06-01\nstatus = \"完了\"",
            "status = \"対応中\"",
        );
        let r = run(&src);
        let f = only(&r, Kind::Overdue);
        assert_eq!(f.line, Some(line_of(&src, "status = \"対応中\"")));
        assert_eq!(f.column, Some(10));
        assert!(f.message.contains("2025/6/30"), "{}", f.message);
        assert_eq!(r.progress.measures.overdue, 1);
        assert_eq!(r.exit_code(), 1);
        // Not overdue: due today or later, done, or 対象外.
        let src = edit(
            "due = 2025-06-30\ndone = 2025-06-01\nstatus = \"完了\"",
            "due = 2025-11-01\nstatus = \"未着手\"",
        );
        assert!(run(&src).findings.is_empty());
        let src = edit(
            "done = 2025-06-01\nstatus = \"完了\"",
            "status = \"対象外\"",
        );
        assert!(run(&src).findings.is_empty());
    }

    #[test]
    fn review_older_than_a_year_or_never() {
        let src = edit("reviewed = 2025-04-01", "reviewed = 2024-10-31");
        let f = only(&run(&src), Kind::Review);
        assert_eq!(f.line, Some(line_of(&src, "reviewed =")));
        let src = edit("reviewed = 2025-04-01", "reviewed = 2024-11-01");
        assert!(
            run(&src).findings.is_empty(),
            "exactly a year is still current"
        );
        let src = edit("reviewed = 2025-04-01\n", "");
        let f = only(&run(&src), Kind::Review);
        assert_eq!(f.line, Some(line_of(&src, "[organization]")));
    }

    #[test]
    fn no_training_in_the_last_year() {
        let src = edit("date = 2025-09-01", "date = 2024-09-01");
        let f = only(&run(&src), Kind::Training);
        assert_eq!(f.line, Some(line_of(&src, "date = 2024-09-01")));
        let src = edit("[[trainings]]\ndate = 2025-09-01\n", "");
        let f = only(&run(&src), Kind::Training);
        assert_eq!(f.file, None);
    }

    #[test]
    fn device_past_end_of_support() {
        let src = edit("Windows 11 Pro 24H2", "Win10");
        let f = only(&run(&src), Kind::EndOfSupport);
        assert_eq!(f.line, Some(line_of(&src, "os = \"Win10\"")));
        assert!(f.message.contains("2025/10/14"), "{}", f.message);
        assert!(
            f.message
                .contains("https://learn.microsoft.com/lifecycle/products/")
        );
        let src = edit("software = \"薬歴\"", "software = \"Office 2016\"");
        let f = only(&run(&src), Kind::EndOfSupport);
        assert_eq!(f.line, Some(line_of(&src, "Office 2016")));
    }

    #[test]
    fn undefined_reference_is_an_error_finding() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("data")).unwrap();
        std::fs::write(
            dir.path().join("data/plan.toml"),
            "[[contacts]]\nperson = \"nobody\"\n",
        )
        .unwrap();
        let r = check_book(dir.path(), Path::new("data"), Scope::default());
        assert_eq!(r.findings.len(), 1);
        let f = &r.findings[0];
        assert_eq!((f.kind, f.severity), (Kind::Error, Severity::Error));
        assert_eq!(
            f.place(),
            format!("{}:2:10", Path::new("data/plan.toml").display())
        );
        assert_eq!(r.exit_code(), 2);
    }

    #[test]
    fn json_shape() {
        let src = edit("Windows 11 Pro 24H2", "Windows 8.1");
        let mut out = Vec::new();
        write_json(&run(&src), &mut out).unwrap();
        let v: Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["as_of"], "2025-11-01");
        assert_eq!(v["clean"], false);
        assert_eq!(v["counts"], json!({"error": 0, "warning": 1}));
        assert_eq!(v["progress"]["measures"]["done"], 1);
        assert_eq!(v["progress"]["checks"]["percent"], 100);
        let f = &v["findings"][0];
        assert_eq!(f["kind"], "end_of_support");
        assert_eq!(f["severity"], "warning");
        assert_eq!(f["file"], "data/plan.toml");
        assert_eq!(f["line"], line_of(&src, "Windows 8.1"));
        assert_eq!(f["column"], 1);
        assert!(f["message"].as_str().unwrap().contains("Windows 8.1"));
    }

    #[test]
    fn text_names_place_kind_and_summary() {
        let src = edit(
            "done = 2025-06-01\nstatus = \"完了\"",
            "status = \"未着手\"",
        );
        let mut out = Vec::new();
        write_text(&run(&src), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let line = line_of(&src, "status = \"未着手\"");
        assert!(
            text.starts_with(&format!(
                "data/plan.toml:{line}:10: 期限超過: 2.4 事前対策 1-1"
            )),
            "{text}"
        );
        assert!(text.contains("1項目中 0項目完了・1項目期限超過"), "{text}");
        let mut out = Vec::new();
        write_text(&run(CLEAN), &mut out).unwrap();
        assert!(String::from_utf8(out).unwrap().contains("指摘はありません"));
    }

    #[test]
    fn tally_counts_statuses_and_skips_na_in_percent() {
        let t = Tally::count(
            [
                (Some("完了"), false),
                (Some("完了"), false),
                (Some("対応中"), true),
                (None, false),
                (Some("対象外"), false),
            ]
            .into_iter(),
        );
        assert_eq!(
            (t.total, t.done, t.doing, t.todo, t.na, t.overdue, t.percent),
            (5, 2, 1, 1, 1, 1, 50)
        );
        assert_eq!(t.summary(), "5項目中 2項目完了・1項目期限超過");
    }

    #[test]
    fn context_carries_the_state_for_templates() {
        let src = edit(
            "done = 2025-06-01\nstatus = \"完了\"",
            "status = \"未着手\"",
        );
        let file = parse_file(PathBuf::from("data/plan.toml"), src).unwrap();
        let ctx = BookData::from_files(vec![file]).unwrap().context();
        assert_eq!(ctx["as_of"], "2025-11-01");
        assert_eq!(ctx["measures"][0]["overdue"], true);
        assert_eq!(ctx["progress"]["measures"]["overdue"], 1);
        assert_eq!(ctx["findings"][0]["label"], "期限超過");
        assert!(
            ctx["findings"][0]["place"]
                .as_str()
                .unwrap()
                .starts_with("data/plan.toml:")
        );
    }

    /// Almost every field left blank: (nearly) every message check.rs writes.
    const BLANK: &str = r#"[organization]
reviewed = 2020-01-01
as_of = 2025-11-01

[people.p]
name = "〇〇 〇〇"

[orgs.o]

[systems.s]
vendor = "o"

[roles.r]
name = "責任者"

[roles.v]
name = "事業者"
kind = "orgs"

[[threats]]
[[damages]]
[[devices]]
os = "Windows 7"
[[devices]]
id = "PC-02"

[[contacts]]
system = "s"
[[contacts]]
person = "p"
[[contacts]]
org = "o"

[[trainings]]
date = 2020-01-01

[[backups]]
[[strategies]]
[[priorities]]
level = "A"
[[fallbacks]]

[[measures]]
id = "1-1"
group = "体制"
text = "責任者を設置している。"
due = 2020-01-01
status = "対応中"

[[measures]]
id = "1-2"
group = "体制"
text = "手順書を整備している。"
owner = "p"

[[departments]]

[[flow]]
phase = "初動"
call = [{ text = "警察", org = "o" }]

[[checks]]
id = "1"
title = "把握"
items = [{ text = "機器を把握できているか。" }]
"#;

    #[test]
    fn every_message_and_kind_is_a_listed_label() {
        use crate::i18n::UI_LABELS;
        let mut findings = run(BLANK).findings;
        findings.extend(run("policies = []\n").findings);
        let mut kinds = std::collections::BTreeSet::new();
        let mut missing = std::collections::BTreeSet::new();
        for f in &findings {
            kinds.insert(f.kind);
            let m = Message {
                id: f.message_id.clone(),
                args: f.args.clone(),
            };
            assert_eq!(m.text(&Labels::source()), f.message);
            // Section numbers (2.2.2) need no translation.
            for id in m.ids() {
                if id.chars().any(char::is_alphabetic) && !UI_LABELS.contains(&id) {
                    missing.insert(id.to_string());
                }
            }
        }
        assert!(missing.is_empty(), "not in UI_LABELS: {missing:#?}");
        assert!(findings.len() > 60, "{}", findings.len());
        for kind in [
            Kind::Missing,
            Kind::Placeholder,
            Kind::Unassigned,
            Kind::Overdue,
        ]
        .into_iter()
        .chain([Kind::Review, Kind::Training, Kind::EndOfSupport])
        {
            assert!(kinds.contains(&kind), "no {kind:?} finding");
        }
        for kind in kinds.into_iter().chain([Kind::Error]) {
            assert!(UI_LABELS.contains(&kind.label()), "{kind:?}");
        }
    }

    #[test]
    fn a_finding_reads_in_the_language_of_the_labels() {
        let src = edit(
            "done = 2025-06-01\nstatus = \"完了\"",
            "status = \"対応中\"",
        );
        let f = only(&run(&src), Kind::Overdue);
        assert_eq!(
            f.message,
            "2.4 事前対策 1-1「責任者を設置している。」は予定 2025/6/30 を過ぎていますが対応中です（2025/11/1 時点）"
        );
        let map = [
            (
                "{what}は予定 {due} を過ぎていますが{status}です（{as_of} 時点）",
                "{what} was due {due} but is {status} (as of {as_of})",
            ),
            ("2.4 事前対策 {id}「{text}」", "2.4 measure {id} “{text}”"),
            ("対応中", "in progress"),
            ("責任者を設置している。", "A manager is appointed."),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        assert_eq!(
            f.message_in(&Labels::new("en", map)),
            "2.4 measure 1-1 “A manager is appoint…” was due 2025/6/30 but is in progress (as of 2025/11/1)",
            "data wording is translated, then cut"
        );
        let ctx = BookData::from_files(vec![
            parse_file(PathBuf::from("data/plan.toml"), src).unwrap(),
        ])
        .unwrap()
        .context();
        let finding = &ctx["findings"][0];
        assert_eq!(finding["message_id"], f.message_id);
        assert_eq!(finding["args"]["status"], json!({"id": "対応中"}));
        assert_eq!(
            finding["args"]["what"]["args"]["text"],
            json!({"text": "責任者を設置している。", "cut": 20})
        );
    }
}
