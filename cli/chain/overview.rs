//! The overview for headquarters, `book/index.html`: a row per store with its
//! progress and findings, sortable and filterable, one self-contained file
//! that works from `file://`; and its data, `book/stores/overview.json`, kept
//! so that `--store` and an incremental build can refresh single rows.

use mdbook_bcp::chain::StorePlan;
use mdbook_bcp::check::{Kind, Report};
use mdbook_bcp::escape::escape_html;
use serde::{Deserialize, Serialize};

/// The overview's data, beside the stores' folders.
pub const ROWS: &str = "stores/overview.json";

/// The kinds of findings the overview counts, in the order of its columns:
/// what headquarters acts on first leads.
const KINDS: &[Kind] = &[
    Kind::EndOfSupport,
    Kind::Overdue,
    Kind::Unassigned,
    Kind::Missing,
    Kind::Placeholder,
    Kind::Review,
    Kind::Training,
    Kind::NoContact,
    Kind::Checklist,
    Kind::Acceptance,
    Kind::SupportEnding,
    Kind::ChecklistEdition,
];

/// Kinds that mark a store as behind: their counts are shown in red.
const URGENT: &[Kind] = &[Kind::EndOfSupport, Kind::Overdue];

/// One store's row of the overview.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Row {
    pub id: String,
    pub name: String,
    /// 2.4: done, total, percent.
    pub measures: [usize; 3],
    /// 資料3: done, total, percent.
    pub checks: [usize; 3],
    /// Counted findings, and the count of each kind of finding (its label), in [`KINDS`] order.
    #[serde(default)]
    pub findings: usize,
    #[serde(default)]
    pub kinds: Vec<(String, usize)>,
    /// What the store's plan was built from (its merged data and the book's
    /// sources): an unchanged store is not built again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hash: Option<String>,
    /// Why the store's plan could not be built (`--keep-going`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl Row {
    /// The row of a store whose plan was made.
    pub fn of(store: &StorePlan, report: &Report) -> Row {
        let m = &report.progress.measures;
        let c = &report.progress.checks;
        let kinds = KINDS
            .iter()
            .map(|k| {
                let n = report.findings.iter().filter(|f| f.kind == *k).count();
                (k.label().to_string(), n)
            })
            .filter(|(_, n)| *n > 0)
            .collect();
        Row {
            id: store.id.clone(),
            name: store.name(),
            measures: [m.done, m.total, m.percent],
            checks: [c.done, c.total, c.percent],
            findings: report.counted(),
            kinds,
            hash: None,
            error: None,
        }
    }

    /// The row of a store whose data has errors.
    pub fn failed(id: &str, error: String) -> Row {
        Row {
            id: id.to_string(),
            name: id.to_string(),
            measures: [0; 3],
            checks: [0; 3],
            findings: 0,
            kinds: Vec::new(),
            hash: None,
            error: Some(error),
        }
    }
}

/// The overview page: one self-contained file (no network, works from file://).
pub fn overview(title: &str, rows: &[Row]) -> String {
    // The kinds some store has, in [`KINDS`] order.
    let kinds: Vec<&str> = KINDS
        .iter()
        .map(|k| k.label())
        .filter(|k| rows.iter().any(|r| r.kinds.iter().any(|(l, _)| l == k)))
        .collect();
    let urgent: Vec<&str> = URGENT.iter().map(|k| k.label()).collect();
    let th = |kind: &str, text: &str| {
        format!("<th data-type=\"{kind}\"><button type=\"button\">{text}</button></th>")
    };
    let mut head = [
        th("text", "店舗"),
        th("text", "名称"),
        th("num", "2.4 対策の進み"),
        th("num", "資料3 点検の進み"),
        th("num", "指摘の数"),
    ]
    .concat();
    for k in &kinds {
        head.push_str(&th("num", &escape_html(k)));
    }
    let mut body = String::new();
    for row in rows {
        let id = escape_html(&row.id);
        if let Some(error) = &row.error {
            body.push_str(&format!(
                "<tr id=\"store-{id}\" class=\"failed\"><td>{id}</td><td>{name}\
                 <p class=\"error\">計画を作れませんでした（データの誤り）:<br>{error}</p></td>",
                name = escape_html(&row.name),
                error = escape_html(error).replace('\n', "<br>"),
            ));
            for _ in 0..3 + kinds.len() {
                body.push_str("<td data-value=\"-1\">—</td>");
            }
            body.push_str("</tr>\n");
            continue;
        }
        let href = format!("stores/{id}/index.html");
        let [done, total, percent] = row.measures;
        let [cdone, ctotal, cpercent] = row.checks;
        body.push_str(&format!(
            "<tr id=\"store-{id}\"><td><a href=\"{href}\">{id}</a></td><td><a href=\"{href}\">{name}</a></td>\
             <td data-value=\"{percent}\">{done}/{total}（{percent}%）</td>\
             <td data-value=\"{cpercent}\">{cdone}/{ctotal}（{cpercent}%）</td>\
             <td data-value=\"{n}\">{n}</td>",
            name = escape_html(&row.name),
            n = row.findings,
        ));
        for k in &kinds {
            let n = row
                .kinds
                .iter()
                .find(|(label, _)| label == k)
                .map_or(0, |(_, n)| *n);
            let late = match n > 0 && urgent.contains(k) {
                true => " class=\"late\"",
                false => "",
            };
            body.push_str(&format!(
                "<td data-value=\"{n}\" data-kind=\"{}\"{late}>{n}</td>",
                escape_html(k)
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
.scroll {{ overflow-x: auto; max-width: 100%; }}
.scroll:focus {{ outline: 2px solid #1f6feb; }}
table {{ border-collapse: collapse; }}
th, td {{ border: 1px solid #999; padding: .3rem .6rem; }}
td {{ white-space: nowrap; }}
th {{ background: #eee; min-width: 4em; max-width: 12em; }}
th button {{ font: inherit; font-weight: bold; background: none; border: 0; padding: 0; cursor: pointer; text-align: inherit; color: inherit; }}
th[aria-sort="ascending"]::after {{ content: " ▲"; }}
th[aria-sort="descending"]::after {{ content: " ▼"; }}
td[data-value] {{ text-align: right; }}
td.late {{ color: #b00; font-weight: bold; }}
tr.failed td {{ background: #fee; }}
p.error {{ color: #b00; margin: .3rem 0 0; font-size: .9em; }}
</style>
</head>
<body>
<h1>店舗一覧</h1>
<p>{title}</p>
<p><label for="filter">絞り込み</label> <input id="filter" type="search" placeholder="店舗・名称"></p>
<p>指摘の数は各店舗の <code>bcp check</code> の結果です（お知らせを除く）。右の列はその種類ごとの数で、赤字はサポート終了の機器と期限を過ぎた対策です。</p>
<div class="scroll" role="region" aria-label="店舗一覧の表" tabindex="0">
<table id="stores">
<thead><tr>{head}</tr></thead>
<tbody>
{body}</tbody>
</table>
</div>
<p>{count} 店舗{failed}。見出しを押すと並べ替えます。</p>
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
        failed = match rows.iter().filter(|r| r.error.is_some()).count() {
            0 => String::new(),
            n => format!("（うち {n} 店舗は計画を作れませんでした）"),
        },
    )
}
