//! `bcp build` on a chain book (one with `stores/`): every store's plan to
//! `book/stores/<id>/`, and `book/index.html`, the overview for headquarters.
//!
//! Each store's data is merged ([`mdbook_bcp::chain`]) and written as one TOML
//! file to a temporary folder, and the book is built with `[preprocessor.bcp]
//! data` pointing there: the same build as for one plan (languages, print
//! pages, PDFs), nothing in the preprocessor special to chains. All stores are
//! merged and checked before anything is written, so a data error in any
//! store leaves `book/` as it was.

use std::path::Path;

use anyhow::Context;
use mdbook_bcp::BcpConfig;
use mdbook_bcp::chain::{self, StorePlan};
use mdbook_bcp::check::{self, Report, Rules};
use mdbook_bcp::escape::escape_html;
use mdbook_bcp::scope::Scope;
use serde::{Deserialize, Serialize};

use crate::book::load;
use crate::pdf::Printer;

/// The overview's data, kept beside it so that `--store` can refresh one row.
const ROWS: &str = "stores/overview.json";

/// One store's row of the overview.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Row {
    pub id: String,
    pub name: String,
    /// 2.4: done, total, overdue, percent.
    pub measures: [usize; 4],
    /// 資料3: done, total, percent.
    pub checks: [usize; 3],
    /// Findings per group, in the book's order.
    pub groups: Vec<(String, usize)>,
}

/// Builds the chain at `root` into `dest` (all stores, or only `only`).
pub fn build(
    root: &Path,
    overrides: &[(&str, String)],
    dest: &Path,
    only: Option<&str>,
    mut printer: Option<&mut Printer>,
) -> anyhow::Result<usize> {
    let book = load(root, overrides)?;
    let config = BcpConfig::from_book(&book.config)?;
    let ids = chain::store_ids(root)
        .with_context(|| format!("{} を読めません", root.join(chain::STORES).display()))?;
    let ids: Vec<String> = match only {
        Some(id) if ids.iter().any(|i| i == id) => vec![id.to_string()],
        Some(id) => anyhow::bail!(
            "店舗「{id}」はありません（{}/ にある店舗: {}）",
            chain::STORES,
            ids.join(", ")
        ),
        None => ids,
    };
    // Every store merged and loaded first: all errors in one run.
    let mut stores = Vec::new();
    let mut errors = Vec::new();
    for id in &ids {
        match chain::load_store(root, &config.data, id) {
            Ok(store) => stores.push(store),
            Err(e) => {
                for d in &e.0 {
                    // A shared file's error is every store's: said once.
                    let line = match d.file.starts_with(chain::STORES) {
                        true => format!("店舗 {id}: {d}"),
                        false => format!("共通のデータ: {d}"),
                    };
                    if !errors.contains(&line) {
                        errors.push(line);
                    }
                }
            }
        }
    }
    if !errors.is_empty() {
        anyhow::bail!(
            "{} 店舗の計画を作れません。データに誤りがあります（book/ は変えていません）:\n{}",
            ids.len() - stores.len(),
            errors.join("\n")
        );
    }
    let rules = Rules::for_book(root, &config)?;
    let scope = Scope::of_book_dir(&root.join(&book.config.book.src), &config);
    let rows: Vec<Row> = stores
        .iter()
        .map(|s| row(s, &check::check_with(&s.plan, &scope, &rules)))
        .collect();

    let parent = dest.parent().context("出力先のフォルダが不正です")?;
    std::fs::create_dir_all(parent)
        .with_context(|| format!("{} を作れません", parent.display()))?;
    let data = tempfile::Builder::new()
        .prefix(".bcp-chain-data-")
        .tempdir_in(parent)?;
    // A whole chain is staged and swapped in; one store goes straight to its
    // folder (itself swapped in by `build_into`).
    let staging = match only {
        None => Some(
            tempfile::Builder::new()
                .prefix(".bcp-chain-")
                .tempdir_in(parent)?,
        ),
        Some(_) => None,
    };
    let out = staging.as_ref().map_or(dest, |s| s.path());
    for store in &stores {
        let dir = data.path().join(&store.id);
        std::fs::create_dir_all(&dir)?;
        std::fs::write(dir.join("data.toml"), &store.toml)?;
        let mut overrides = overrides.to_vec();
        overrides.push(("preprocessor.bcp.data", dir.to_string_lossy().into_owned()));
        let book = load(root, &overrides)?;
        crate::site::build_into(
            book,
            &overrides,
            &out.join(chain::STORES).join(&store.id),
            printer.as_deref_mut(),
        )
        .with_context(|| format!("店舗 {} の計画を作れません", store.id))?;
    }
    let rows = match only {
        None => rows,
        Some(_) => {
            let mut all: Vec<Row> = std::fs::read(dest.join(ROWS))
                .ok()
                .and_then(|b| serde_json::from_slice(&b).ok())
                .unwrap_or_default();
            for row in rows {
                match all.iter_mut().find(|r| r.id == row.id) {
                    Some(old) => *old = row,
                    None => all.push(row),
                }
            }
            all.sort_by(|a, b| a.id.cmp(&b.id));
            all
        }
    };
    std::fs::create_dir_all(out.join(chain::STORES))?;
    std::fs::write(
        out.join(ROWS),
        serde_json::to_string_pretty(&rows).expect("serializable"),
    )?;
    let title = book.config.book.title.clone().unwrap_or_default();
    std::fs::write(out.join("index.html"), overview(&title, &rows))?;
    if let Some(staging) = staging {
        crate::site::swap_in(staging.keep(), dest)?;
    }
    Ok(stores.len())
}

fn row(store: &StorePlan, report: &Report) -> Row {
    let m = &report.progress.measures;
    let c = &report.progress.checks;
    let mut groups: Vec<(String, usize)> = Vec::new();
    for f in &report.findings {
        match groups.iter_mut().find(|(g, _)| *g == f.group) {
            Some((_, n)) => *n += 1,
            None => groups.push((f.group.clone(), 1)),
        }
    }
    Row {
        id: store.id.clone(),
        name: store
            .plan
            .merged
            .organization
            .as_ref()
            .and_then(|o| o.name.clone())
            .unwrap_or_else(|| store.id.clone()),
        measures: [m.done, m.total, m.overdue, m.percent],
        checks: [c.done, c.total, c.percent],
        groups,
    }
}

/// The overview page: one self-contained file (no network, works from file://).
pub fn overview(title: &str, rows: &[Row]) -> String {
    let mut groups: Vec<&str> = Vec::new();
    for row in rows {
        for (g, _) in &row.groups {
            if !groups.contains(&g.as_str()) {
                groups.push(g);
            }
        }
    }
    let mut head = String::from(
        "<th data-type=\"text\">店舗</th><th data-type=\"text\">名称</th>\
         <th data-type=\"num\">2.4 対策の進み</th><th data-type=\"num\">期限超過</th>\
         <th data-type=\"num\">資料3 点検の進み</th>",
    );
    for g in &groups {
        head.push_str(&format!("<th data-type=\"num\">{}</th>", escape_html(g)));
    }
    let mut body = String::new();
    for row in rows {
        let href = format!("stores/{}/index.html", escape_html(&row.id));
        let [done, total, overdue, percent] = row.measures;
        let [cdone, ctotal, cpercent] = row.checks;
        body.push_str(&format!(
            "<tr id=\"store-{id}\"><td><a href=\"{href}\">{id}</a></td><td><a href=\"{href}\">{name}</a></td>\
             <td data-value=\"{percent}\">{done}/{total}（{percent}%）</td>\
             <td data-value=\"{overdue}\" class=\"{late}\">{overdue}</td>\
             <td data-value=\"{cpercent}\">{cdone}/{ctotal}（{cpercent}%）</td>",
            id = escape_html(&row.id),
            name = escape_html(&row.name),
            late = if overdue > 0 { "late" } else { "" },
        ));
        for g in &groups {
            let n = row
                .groups
                .iter()
                .find(|(name, _)| name == g)
                .map_or(0, |(_, n)| *n);
            body.push_str(&format!(
                "<td data-value=\"{n}\" data-group=\"{}\">{n}</td>",
                escape_html(g)
            ));
        }
        body.push_str("</tr>\n");
    }
    format!(
        r#"<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>店舗一覧 — {title}</title>
<style>
body {{ font-family: sans-serif; margin: 1.5rem; }}
table {{ border-collapse: collapse; }}
th, td {{ border: 1px solid #999; padding: .3rem .6rem; }}
th {{ background: #eee; cursor: pointer; }}
th[aria-sort="ascending"]::after {{ content: " ▲"; }}
th[aria-sort="descending"]::after {{ content: " ▼"; }}
td[data-value] {{ text-align: right; }}
td.late {{ color: #b00; font-weight: bold; }}
</style>
</head>
<body>
<h1>店舗一覧</h1>
<p>{title}</p>
<p><label for="filter">絞り込み</label> <input id="filter" type="search" placeholder="店舗・名称"></p>
<table id="stores">
<thead><tr>{head}</tr></thead>
<tbody>
{body}</tbody>
</table>
<p>{count} 店舗。見出しを押すと並べ替えます。</p>
<script>
(function () {{
  var table = document.getElementById("stores");
  var body = table.tBodies[0];
  var heads = table.tHead.rows[0].cells;
  function key(row, i, num) {{
    var cell = row.cells[i];
    return num ? Number(cell.getAttribute("data-value")) : cell.textContent;
  }}
  Array.prototype.forEach.call(heads, function (th, i) {{
    th.tabIndex = 0;
    function sort() {{
      var num = th.getAttribute("data-type") === "num";
      var asc = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(heads, function (h) {{ h.removeAttribute("aria-sort"); }});
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {{
        var x = key(a, i, num), y = key(b, i, num);
        var c = num ? x - y : String(x).localeCompare(String(y), "ja");
        return asc ? c : -c;
      }});
      rows.forEach(function (r) {{ body.appendChild(r); }});
    }}
    th.addEventListener("click", sort);
    th.addEventListener("keydown", function (e) {{ if (e.key === "Enter") sort(); }});
  }});
  document.getElementById("filter").addEventListener("input", function () {{
    var q = this.value.trim().toLowerCase();
    Array.prototype.forEach.call(body.rows, function (r) {{
      r.hidden = q !== "" && r.textContent.toLowerCase().indexOf(q) < 0;
    }});
  }});
}})();
</script>
</body>
</html>
"#,
        title = escape_html(title),
        count = rows.len(),
    )
}
