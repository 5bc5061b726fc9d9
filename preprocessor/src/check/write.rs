//! Writing a report: text for people, JSON for programs. (Moves to the
//! `check` command.)

use std::io::{self, Write};
use std::path::Path;

use serde_json::json;

use super::{Report, check_root};

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
