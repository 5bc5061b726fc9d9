//! `check`: reports what keeps the plan from being complete and current
//! (values missing, checklist items overdue or unassigned, review and training
//! dates, devices past end of support). Writes nothing into the book.

use std::io::{self, Write};

use anyhow::Context;
use clap::{Args, ValueEnum};

use super::{BookArgs, Exit};
use serde_json::json;

use crate::chain::ChainReport;
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
    if crate::chain::is_chain(&root) {
        return run_chain(&root, args.format, out);
    }
    let report = check::check_root(&root)?;
    let written = match args.format {
        Format::Text => write_text(&report, &mut out),
        Format::Json => write_json(&report, &mut out),
    };
    flushed(written, out)?;
    Ok(exit_of(&report))
}

/// The exit code for one report: 2 errors, 1 findings, 0 clean.
fn exit_of(report: &Report) -> Exit {
    if report.errors() > 0 {
        Exit::Error
    } else {
        Exit::success_if(report.counted() == 0)
    }
}

fn flushed(written: io::Result<()>, out: &mut dyn Write) -> anyhow::Result<()> {
    match written.and_then(|()| out.flush()) {
        // A reader that stopped early (`check | head`) is not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("標準出力に書けません"),
    }
}

/// `check` on a chain: each store's report, then a table of all stores. The
/// exit code is the worst store's (an error in the shared data: 2).
fn run_chain(
    root: &std::path::Path,
    format: Format,
    mut out: &mut dyn Write,
) -> anyhow::Result<Exit> {
    let chain = crate::chain::check_root(root)?;
    let written = match format {
        Format::Text => write_chain_text(&chain, &mut out),
        Format::Json => write_chain_json(&chain, &mut out),
    };
    flushed(written, out)?;
    let exits = chain
        .shared
        .iter()
        .chain(chain.stores.iter().map(|s| &s.report))
        .map(exit_of);
    Ok(exits.max_by_key(|e| e.code()).unwrap_or(Exit::Success))
}

/// A chain's report for people: the shared data's errors, or each store's
/// report under its heading, then one line per store.
pub fn write_chain_text(chain: &ChainReport, out: &mut dyn Write) -> io::Result<()> {
    if let Some(shared) = &chain.shared {
        writeln!(out, "━━ 共通のデータ（全店舗）")?;
        return write_text(shared, out);
    }
    for store in &chain.stores {
        writeln!(out, "━━ 店舗 {}（{}）", store.id, store.name)?;
        write_text(&store.report, out)?;
        writeln!(out)?;
    }
    let head = [
        "店舗",
        "名称",
        "エラー",
        "指摘",
        "お知らせ",
        "2.4 事前対策",
        "期限超過",
        "資料3 確認表",
    ];
    let rows: Vec<[String; 8]> = chain
        .stores
        .iter()
        .map(|s| {
            let r = &s.report;
            let p = &r.progress;
            [
                s.id.clone(),
                s.name.clone(),
                r.errors().to_string(),
                (r.counted() - r.errors()).to_string(),
                (r.findings.len() - r.counted()).to_string(),
                format!(
                    "{}/{}（{}%）",
                    p.measures.done, p.measures.total, p.measures.percent
                ),
                p.measures.overdue.to_string(),
                format!(
                    "{}/{}（{}%）",
                    p.checks.done, p.checks.total, p.checks.percent
                ),
            ]
        })
        .collect();
    let width = |s: &str| unicode_width::UnicodeWidthStr::width(s);
    let widths: Vec<usize> = (0..head.len())
        .map(|i| {
            rows.iter()
                .map(|r| width(&r[i]))
                .chain([width(head[i])])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &[&str]| -> String {
        let mut l = String::new();
        for (i, cell) in cells.iter().enumerate() {
            let pad = " ".repeat(widths[i] - width(cell));
            // Text left, counts right.
            match i {
                0 | 1 => l.push_str(&format!("{cell}{pad}  ")),
                _ => l.push_str(&format!("{pad}{cell}  ")),
            }
        }
        l.trim_end().to_string()
    };
    writeln!(out, "■ 店舗ごとのまとめ（{}店舗）", chain.stores.len())?;
    writeln!(out, "{}", line(&head))?;
    for r in &rows {
        let cells: Vec<&str> = r.iter().map(String::as_str).collect();
        writeln!(out, "{}", line(&cells))?;
    }
    let failed = chain
        .stores
        .iter()
        .filter(|s| s.report.errors() > 0)
        .count();
    let with = chain
        .stores
        .iter()
        .filter(|s| s.report.errors() == 0 && s.report.counted() > 0)
        .count();
    writeln!(
        out,
        "チェーンの状態: {}店舗のうち、データの誤り {failed}店舗・指摘あり {with}店舗・指摘なし {}店舗",
        chain.stores.len(),
        chain.stores.len() - failed - with
    )
}

/// A chain's report as one JSON object: `{"clean", "shared": null or a
/// report, "stores": [{"id", "name", …the report of one plan}]}`.
pub fn write_chain_json(chain: &ChainReport, out: &mut dyn Write) -> io::Result<()> {
    let stores: Vec<_> = chain
        .stores
        .iter()
        .map(|s| {
            let mut value = json!({ "id": s.id, "name": s.name });
            if let (Some(v), serde_json::Value::Object(report)) =
                (value.as_object_mut(), report_json(&s.report))
            {
                v.extend(report);
            }
            value
        })
        .collect();
    let clean = chain.shared.is_none() && chain.stores.iter().all(|s| s.report.counted() == 0);
    let value = json!({
        "clean": clean,
        "shared": chain.shared.as_ref().map(report_json),
        "stores": stores,
    });
    serde_json::to_writer_pretty(&mut *out, &value)?;
    writeln!(out)
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
    for (tally, percent) in [(&p.measures, true), (&p.checks, false)] {
        if let (Some(place), true) = (&tally.place, tally.total > 0) {
            parts.push(match percent {
                true => format!("{place} {}（{}%）", tally.summary(), tally.percent),
                false => format!("{place} {}", tally.summary()),
            });
        }
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
    serde_json::to_writer_pretty(&mut *out, &report_json(report))?;
    writeln!(out)
}

/// The JSON object [`write_json`] writes.
fn report_json(report: &Report) -> serde_json::Value {
    let errors = report.errors();
    let counted = report.counted();
    let groups: Vec<_> = report
        .groups()
        .iter()
        .map(|g| json!({ "name": g.name, "count": g.count }))
        .collect();
    json!({
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
    })
}
