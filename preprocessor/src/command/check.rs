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
    /// For people: one `file:line:col: kind: message` per finding, then a summary.
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
        Exit::success_if(report.findings.is_empty())
    })
}

/// Writes the report for people: one `file:line:col: 種類: message` per finding, then a summary.
pub fn write_text(report: &Report, out: &mut dyn Write) -> io::Result<()> {
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
pub fn write_json(report: &Report, out: &mut dyn Write) -> io::Result<()> {
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
