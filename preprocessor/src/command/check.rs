//! `check`: reports what keeps the plan from being complete and current
//! (values missing, checklist items overdue or unassigned, review and training
//! dates, devices past end of support). Writes nothing into the book.

use std::io::{self, Write};

use anyhow::Context;
use clap::{Args, ValueEnum};

use super::{BookArgs, Exit};
use serde_json::json;

use crate::check::{self, Report};

#[derive(Args, Debug, Clone)]
pub struct CheckArgs {
    #[command(flatten)]
    pub book: BookArgs,
    /// 結果の書き方: text（人が読む）か json（プログラム用）
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Format {
    /// For people: findings grouped by section, one `file:line:col: kind: message [id]` each, then a summary.
    #[default]
    #[value(help = "人が読む形（指摘ごとに1行、最後にまとめ）")]
    Text,
    /// For scripts.
    #[value(help = "プログラム用の JSON")]
    Json,
}

/// Checks the book and writes the report to `out`: [`Exit::Success`] clean,
/// [`Exit::Failure`] findings, [`Exit::Error`] when the data cannot be read
/// (that error is the report's one finding).
pub fn run(args: &CheckArgs, mut out: &mut dyn Write) -> anyhow::Result<Exit> {
    let root = args.book.book_root()?;
    let report = check::check_root(&root)?;
    let written = match args.format {
        Format::Text => write_text(&report, &mut out),
        Format::Json => write_json(&report, &mut out),
    };
    match written.and_then(|()| out.flush()) {
        // A reader that stopped early (`check | head`) is not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        other => other.context("標準出力に書けません")?,
    }
    Ok(if report.errors() > 0 {
        Exit::Error
    } else {
        Exit::success_if(report.counted() == 0)
    })
}

/// Writes the report for people: the findings grouped by section in the
/// book's order, the most serious first, one `file:line:col: 種類: message
/// [id]` line each; the accepted findings apart; then a summary with the
/// count of each group.
pub fn write_text(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let groups = report.groups();
    for g in &groups {
        if g.count > 0 {
            writeln!(out, "■ {}（{}件）", g.name, g.count)?;
        } else {
            writeln!(out, "■ {}", g.name)?;
        }
        for f in &g.findings {
            writeln!(
                out,
                "{}: {}: {} [{}]",
                f.place(),
                f.kind.label(),
                f.message,
                f.id
            )?;
            if let Some(snippet) = &f.snippet {
                writeln!(out, "{snippet}")?;
            }
        }
        writeln!(out)?;
    }
    if !report.accepted.is_empty() {
        writeln!(
            out,
            "■ 受け入れ済みの指摘（{}件、数えません）",
            report.accepted.len()
        )?;
        for f in &report.accepted {
            let (reason, until) = f
                .accepted
                .as_ref()
                .map_or((String::new(), String::new()), |a| {
                    (
                        a.reason.clone(),
                        a.until.map(|d| d.slash()).unwrap_or_default(),
                    )
                });
            writeln!(
                out,
                "{}: {}: {} [{}] — 受け入れ済み（{until} まで）: {reason}",
                f.place(),
                f.kind.label(),
                f.message,
                f.id
            )?;
        }
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
    let per_group: Vec<String> = groups
        .iter()
        .filter(|g| g.count > 0)
        .map(|g| format!("{} {}", g.name, g.count))
        .collect();
    let notices = report.findings.len() - report.counted();
    let mut verdict = match (report.errors(), report.counted()) {
        (0, 0) => "指摘はありません".to_string(),
        (0, n) => format!("指摘 {n}件（{}）", per_group.join("・")),
        (e, _) => format!("エラー {e}件（データを読めません）"),
    };
    if notices > 0 {
        verdict.push_str(&format!("・お知らせ {notices}件"));
    }
    if !report.accepted.is_empty() {
        verdict.push_str(&format!("・受け入れ済み {}件", report.accepted.len()));
    }
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

/// Writes the report as one JSON object: `{"as_of", "clean", "counts":
/// {"error", "warning", "notice", "accepted"}, "progress", "checklist",
/// "groups": [{"name", "count"}], "findings": [...], "accepted": [...]}`;
/// each finding has its `id` and `group`.
pub fn write_json(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let errors = report.errors();
    let counted = report.counted();
    let groups: Vec<_> = report
        .groups()
        .iter()
        .map(|g| json!({ "name": g.name, "count": g.count }))
        .collect();
    let value = json!({
        "as_of": report.as_of,
        "clean": counted == 0,
        "counts": {
            "error": errors,
            "warning": counted - errors,
            "notice": report.findings.len() - counted,
            "accepted": report.accepted.len(),
        },
        "progress": report.progress,
        "checklist": report.checklist.as_ref().map(|c| json!({ "id": c.id, "title": c.title })),
        "groups": groups,
        "findings": report.findings,
        "accepted": report.accepted,
    });
    serde_json::to_writer_pretty(&mut *out, &value)?;
    writeln!(out)
}
