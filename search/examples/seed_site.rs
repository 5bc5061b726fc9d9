//! Builds the seed BCP (the 都薬版 template as plain text) into two real mdBook sites, one
//! with our Japanese search and one with mdBook's stock search, for the search benchmark.
//!
//! ```sh
//! cargo run -p bcp-search --example seed_site -- OUT_DIR [SEED_TXT]
//! bench/search.sh OUT_DIR/bcp/book OUT_DIR/stock/book
//! ```
//!
//! The text becomes one page per two-level section (`# 2.2 … {#s2-2}`), its three-level
//! sections `## 2.2.1 … {#s2-2-1}`, chapter pages `# 第2章 …`, and appendix pages
//! `# 資料4 … {#shiryo4}` whose own numbered headings get mdBook's derived ids. Tab-separated
//! lines become pipe tables; 【記載例】 becomes a raw `<span>` and 【作成のポイント】 a raw `<div>`,
//! as the preprocessor's edition regions do.
#![allow(
    clippy::print_stdout,
    reason = "an example that reports where it wrote the sites"
)]

#[path = "../tests/support/book.rs"]
#[allow(
    dead_code,
    reason = "shared with the browser tests, which use every variant"
)]
mod book;

use anyhow::{Context, Result, bail};
use book::{Chapter, Search, build_site};
use std::path::PathBuf;

const DEFAULT_SEED: &str = "/work/shared/seeds/000_d3cd2c39455c36dd.txt";
/// The BCP proper: lines 30–958 of the seed.
const FIRST_LINE: usize = 30;
const LAST_LINE: usize = 958;

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let Some(out) = args.next().map(PathBuf::from) else {
        bail!("usage: seed_site OUT_DIR [SEED_TXT]");
    };
    let seed_path = args.next().unwrap_or_else(|| DEFAULT_SEED.to_string());
    let seed =
        std::fs::read_to_string(&seed_path).with_context(|| format!("reading {seed_path}"))?;
    let lines: Vec<&str> = seed.lines().collect();
    let bcp = &lines[FIRST_LINE - 1..LAST_LINE.min(lines.len())];
    let chapters = chapters(bcp);
    for (dir, search) in [("bcp", Search::Bcp), ("stock", Search::Stock)] {
        let root = out.join(dir);
        if root.exists() {
            std::fs::remove_dir_all(&root)?;
        }
        let site = build_site(
            &root,
            "サイバーインシデント発生時の事業継続計画（BCP）",
            &chapters,
            search,
        )?;
        println!("{dir}: {}", site.display());
    }
    Ok(())
}

/// What a line of the seed is.
enum Line<'a> {
    /// `第2章 体制整備`, `資料編`: a chapter page.
    Chapter(&'a str),
    /// `2.2 …`, `資料4 …`: a two-level page, with its id and file.
    Page {
        title: &'a str,
        id: String,
        file: String,
    },
    /// A heading inside a page, with its Markdown level (2 or 3) and explicit id, if any.
    Heading {
        level: usize,
        title: &'a str,
        id: Option<String>,
    },
    /// Anything else.
    Text(&'a str),
}

/// Cuts the seed into chapters.
fn chapters(lines: &[&str]) -> Vec<Chapter> {
    let mut out = vec![Chapter {
        path: "intro.md".into(),
        name: "はじめに".into(),
        depth: 0,
        markdown: "# はじめに\n\n".into(),
    }];
    let mut chapter_dir = String::new();
    let mut in_appendix = false;
    let mut in_toc = false;
    let mut table: Vec<&str> = Vec::new();
    let mut guidance_open = false;
    for &raw in lines {
        let line = raw.trim_end();
        if line.trim() == "目次" {
            in_toc = true;
            continue;
        }
        if in_toc {
            // The table of contents ends where the body's first chapter starts.
            in_toc = !line.starts_with("第1章") || line.contains('\t');
            if in_toc {
                continue;
            }
        }
        if line.contains('\t') {
            table.push(line);
            continue;
        }
        let kind = classify(line.trim(), in_appendix, &out);
        let md = &mut out.last_mut().expect("intro page").markdown;
        flush_table(md, &mut table);
        if matches!(
            kind,
            Line::Chapter(_) | Line::Page { .. } | Line::Heading { .. }
        ) && guidance_open
        {
            md.push_str("\n</div>\n\n");
            guidance_open = false;
        }
        match kind {
            Line::Chapter(title) => {
                in_appendix = title == "資料編";
                chapter_dir = if in_appendix {
                    "appendix".into()
                } else {
                    format!(
                        "ch{}",
                        title
                            .chars()
                            .filter(char::is_ascii_digit)
                            .collect::<String>()
                    )
                };
                out.push(Chapter {
                    path: format!("{chapter_dir}.md"),
                    name: title.into(),
                    depth: 0,
                    markdown: format!("# {title} {{#{chapter_dir}}}\n\n"),
                });
            }
            Line::Page { title, id, file } => out.push(Chapter {
                path: format!("{chapter_dir}/{file}.md"),
                name: title.into(),
                depth: 1,
                markdown: format!("# {title} {{#{id}}}\n\n"),
            }),
            Line::Heading { level, title, id } => {
                let hashes = "#".repeat(level);
                match id {
                    Some(id) => md.push_str(&format!("{hashes} {title} {{#{id}}}\n\n")),
                    None => md.push_str(&format!("{hashes} {title}\n\n")),
                }
            }
            Line::Text(text) => {
                if text.trim() == "【作成のポイント】" {
                    md.push_str("<div class=\"bcp-guidance\">\n\n**【作成のポイント】**\n\n");
                    guidance_open = true;
                } else if let Some(rest) = text.trim().strip_prefix("【記載例】") {
                    md.push_str(&format!(
                        "<span class=\"bcp-example\">【記載例】</span>{rest}\n\n"
                    ));
                } else if !text.trim().is_empty() {
                    md.push_str(&escape_line(text));
                    md.push_str("\n\n");
                }
            }
        }
    }
    if let Some(last) = out.last_mut() {
        flush_table(&mut last.markdown, &mut table);
        if guidance_open {
            last.markdown.push_str("\n</div>\n");
        }
    }
    out
}

/// Recognises headings; `pages` tells which page numbers were already used.
fn classify<'a>(line: &'a str, in_appendix: bool, pages: &[Chapter]) -> Line<'a> {
    let short = line.chars().count() <= 60 && !line.contains('。');
    if line == "資料編"
        || line
            .strip_prefix('第')
            .map(|r| r.trim_start_matches(|c: char| c.is_ascii_digit()))
            .is_some_and(|r| r.starts_with('章'))
    {
        return Line::Chapter(line);
    }
    if let Some(rest) = line.strip_prefix("資料") {
        let n: String = rest
            .trim_start()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if !n.is_empty() && short {
            return Line::Page {
                title: line,
                id: format!("shiryo{n}"),
                file: format!("shiryo{n}"),
            };
        }
    }
    let number: String = line
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let after = &line[number.len()..];
    let parts: Vec<&str> = number.trim_end_matches('.').split('.').collect();
    let is_numbered = !number.is_empty()
        && after.starts_with([' ', '\u{3000}'])
        && short
        && parts.iter().all(|p| !p.is_empty());
    if in_appendix {
        if (is_numbered && parts.len() == 1) || (line.starts_with('【') && line.ends_with('】')) {
            return Line::Heading {
                level: 2,
                title: line,
                id: None,
            };
        }
        if is_numbered {
            return Line::Heading {
                level: 3,
                title: line,
                id: None,
            };
        }
        let item: String = line
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '-')
            .collect();
        if item.contains('-') && line[item.len()..].starts_with(')') && short {
            return Line::Heading {
                level: 3,
                title: line,
                id: None,
            };
        }
    } else if is_numbered {
        let id = format!("s{}", parts.join("-"));
        let used = pages
            .iter()
            .any(|p| p.markdown.contains(&format!("{{#{id}}}")));
        match parts.len() {
            2 if !used => {
                return Line::Page {
                    title: line,
                    id,
                    file: parts.join("-"),
                };
            }
            3 if !used => {
                return Line::Heading {
                    level: 2,
                    title: line,
                    id: Some(id),
                };
            }
            _ => {}
        }
    }
    if short && (line.starts_with(['①', '②', '③', '➤'])) {
        return Line::Heading {
            level: 3,
            title: line,
            id: None,
        };
    }
    Line::Text(line)
}

/// Keeps a text line literal in Markdown.
fn escape_line(line: &str) -> String {
    let trimmed = line.trim_start();
    if trimmed.starts_with("- ") {
        return trimmed.to_string();
    }
    let mut out = String::new();
    if trimmed.starts_with(['*', '#', '>', '+', '='])
        || trimmed.chars().next().is_some_and(|c| c.is_ascii_digit()) && trimmed.contains(". ")
    {
        out.push('\\');
    }
    out.push_str(trimmed);
    out
}

/// Writes collected tab-separated lines as a pipe table.
fn flush_table(md: &mut String, rows: &mut Vec<&str>) {
    if rows.is_empty() {
        return;
    }
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            r.split('\t')
                .map(|c| c.trim().replace('|', "\\|"))
                .collect()
        })
        .collect();
    let width = cells.iter().map(Vec::len).max().unwrap_or(1);
    for (i, row) in cells.iter().enumerate() {
        md.push('|');
        for c in 0..width {
            md.push_str(&format!(
                " {} |",
                row.get(c).map(String::as_str).unwrap_or("")
            ));
        }
        md.push('\n');
        if i == 0 {
            md.push_str(&format!("|{}\n", "---|".repeat(width)));
        }
    }
    md.push('\n');
    rows.clear();
}
