//! Search benchmark: runs a query set through a built book's real search UI (headless
//! Chromium, file://) and prints relevance and speed, next to mdBook's stock search on the
//! same book when a second site is given.
//!
//! ```sh
//! cargo run --release -p bcp-search --example search_bench -- \
//!     SITE [STOCK_SITE] [--queries FILE] [--rounds N] [--verbose] [--json OUT] [--check]
//! ```
//!
//! Relevance follows the query file's description: a result counts when the section of its
//! page (the number of the page's first heading cut to two levels, 2.2.5 -> 2.2; 資料N) is
//! listed.
//! - recall@10: share of a query's relevant sections found among its first 10 results
//! - MRR: mean of 1/rank of the first relevant result (0 when none in the first 10)
//! - precision@5: share of relevant results among the first min(5, n) results (0 when n = 0)
//! - p95 latency: 95th percentile over all query runs of input event -> results rendered
//! - search files: bytes of the scripts the page loads for search (searcher, index, libraries)
//!
//! Exit status: 0, 1 when `--check` and a target is missed, 2 on bad arguments, 3 when no
//! Chromium is installed.
#![allow(clippy::print_stdout, reason = "a benchmark that prints its figures")]
#![allow(clippy::print_stderr, reason = "a benchmark that prints its usage")]

#[path = "../tests/support/browser.rs"]
mod browser;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use serde_json::{Value, json};

const DEFAULT_QUERIES: &str = "../shared/search/queries-public.json";
/// (figure, target, lower is better)
const TARGETS: &[(&str, f64, bool)] = &[
    ("recall@10", 0.90, false),
    ("MRR", 0.80, false),
    ("precision@5", 0.8, false),
    ("p95 ms", 50.0, true),
    ("search files bytes", 1_000_000.0, true),
];

struct Args {
    sites: Vec<PathBuf>,
    queries: PathBuf,
    rounds: usize,
    verbose: bool,
    json: Option<PathBuf>,
    check: bool,
}

fn parse_args() -> Result<Args> {
    let mut args = Args {
        sites: Vec::new(),
        queries: Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("..")
            .join(DEFAULT_QUERIES),
        rounds: 3,
        verbose: false,
        json: None,
        check: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--queries" => args.queries = it.next().context("--queries FILE")?.into(),
            "--rounds" => args.rounds = it.next().context("--rounds N")?.parse()?,
            "--verbose" => args.verbose = true,
            "--json" => args.json = Some(it.next().context("--json OUT")?.into()),
            "--check" => args.check = true,
            flag if flag.starts_with("--") => bail!("unknown flag {flag}"),
            site => args.sites.push(site.into()),
        }
    }
    if args.sites.is_empty() || args.sites.len() > 2 {
        bail!(
            "usage: search_bench SITE [STOCK_SITE] [--queries FILE] [--rounds N] [--verbose] [--json OUT] [--check]"
        );
    }
    Ok(args)
}

/// A built site: each page's section and anchors, read from its HTML.
struct Site {
    root: PathBuf,
    pages: HashMap<String, (String, BTreeSet<String>)>,
}

impl Site {
    fn page(&mut self, rel: &str) -> &(String, BTreeSet<String>) {
        let root = &self.root;
        self.pages.entry(rel.to_string()).or_insert_with(|| {
            let text = std::fs::read_to_string(root.join(rel)).unwrap_or_default();
            let main = text.find("<main").map_or(text.as_str(), |i| &text[i..]);
            let heading = main
                .find("<h1")
                .and_then(|i| {
                    let rest = &main[i..];
                    let open = rest.find('>')? + 1;
                    let close = rest.find("</h1>")?;
                    Some(strip_tags(&rest[open..close]))
                })
                .unwrap_or_default();
            let ids = text
                .split(" id=\"")
                .skip(1)
                .filter_map(|s| s.split('"').next())
                .map(|s| html_escape::decode_html_entities(s).into_owned())
                .collect();
            (section_of(heading.trim()), ids)
        })
    }

    fn section(&mut self, href: &str) -> String {
        self.page(href.split('#').next().unwrap_or_default())
            .0
            .clone()
    }

    fn anchor_ok(&mut self, href: &str) -> bool {
        match href.split_once('#') {
            None => true,
            Some((page, anchor)) => self.page(page).1.contains(anchor),
        }
    }
}

fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    // Full-width digits and stops as their ASCII forms (NFKC for what a number needs).
    html_escape::decode_html_entities(&out)
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            c => c,
        })
        .collect()
}

/// `2.2.5 …` → `2.2`; `資料 4 …` → `資料4`; else the heading itself.
fn section_of(heading: &str) -> String {
    let number = |s: &str| -> Option<(String, usize)> {
        let n: String = s.chars().take_while(char::is_ascii_digit).collect();
        (!n.is_empty()).then(|| (n.clone(), n.len()))
    };
    if let Some((major, len)) = number(heading)
        && let Some(rest) = heading[len..].strip_prefix('.')
        && let Some((minor, _)) = number(rest)
    {
        return format!("{major}.{minor}");
    }
    if let Some(rest) = heading.strip_prefix("資料")
        && let Some((n, _)) = number(rest.trim_start())
    {
        return format!("資料{n}");
    }
    heading.to_string()
}

fn percentile(values: &[f64], p: f64) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let k = ((p / 100.0 * v.len() as f64 + 0.5).round() as i64 - 1).clamp(0, v.len() as i64 - 1);
    v[k as usize]
}

fn measure(chromium: &Path, site_dir: &Path, queries: &[Value], rounds: usize) -> Result<Value> {
    let mut site = Site {
        root: site_dir.to_path_buf(),
        pages: HashMap::new(),
    };
    let mut b = bcp_browser::Browser::launch(chromium)?;
    let opened = browser::open_search(&mut b, site_dir, "index.html");
    let mut runs: HashMap<String, Value> = HashMap::new();
    let mut times = Vec::new();
    for _ in 0..rounds {
        for q in queries {
            let out = browser::run_query(&mut b, site_dir, q["query"].as_str().unwrap_or_default());
            times.push(out["ms"].as_f64().unwrap_or_default());
            runs.entry(q["id"].to_string()).or_insert(out);
        }
    }
    let files = browser::search_script_files(&mut b, site_dir);
    let errors = b.errors().to_vec();
    drop(b);
    let mut per_query = Vec::new();
    let mut broken = 0;
    for q in queries {
        let out = &runs[&q["id"].to_string()];
        let relevant: BTreeSet<String> = q["relevant_sections"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| s.as_str().map(String::from))
            .collect();
        let results = out["results"].as_array().cloned().unwrap_or_default();
        let hrefs: Vec<&str> = results
            .iter()
            .map(|r| r["href"].as_str().unwrap_or_default())
            .collect();
        let labels: Vec<String> = hrefs.iter().map(|h| site.section(h)).collect();
        broken += hrefs.iter().take(10).filter(|h| !site.anchor_ok(h)).count();
        let top10 = &labels[..labels.len().min(10)];
        let rr = top10
            .iter()
            .position(|l| relevant.contains(l))
            .map_or(0.0, |i| 1.0 / (i + 1) as f64);
        let top5 = &labels[..labels.len().min(5)];
        let p5 = if top5.is_empty() {
            0.0
        } else {
            top5.iter().filter(|l| relevant.contains(*l)).count() as f64 / top5.len() as f64
        };
        let found: BTreeSet<&String> = top10.iter().collect();
        let recall = relevant.iter().filter(|r| found.contains(r)).count() as f64
            / relevant.len().max(1) as f64;
        per_query.push(json!({
            "id": q["id"], "kind": q["kind"].as_str().unwrap_or(""), "query": q["query"],
            "n": labels.len(), "recall@10": recall, "rr": rr, "precision@5": p5,
            "top": top10, "relevant": relevant, "header": out["header"],
        }));
    }
    let n = per_query.len().max(1) as f64;
    let mean = |k: &str| {
        per_query
            .iter()
            .map(|r| r[k].as_f64().unwrap_or(0.0))
            .sum::<f64>()
            / n
    };
    Ok(json!({
        "recall@10": mean("recall@10"),
        "MRR": mean("rr"),
        "precision@5": mean("precision@5"),
        "p95 ms": percentile(&times, 95.0),
        "median ms": percentile(&times, 50.0),
        "search files bytes": files.values().filter_map(Value::as_u64).sum::<u64>(),
        "files": files,
        "index load ms": opened["ms"],
        "broken anchors": broken,
        "js errors": errors,
        "queries": per_query,
    }))
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("search_bench: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<ExitCode> {
    let args = parse_args()?;
    let Some(chromium) = bcp_browser::find_chromium(None) else {
        eprintln!("SKIPPED: Chromium not found (apt-get install chromium, or set BCP_CHROMIUM)");
        return Ok(ExitCode::from(3));
    };
    let file: Value = serde_json::from_str(
        &std::fs::read_to_string(&args.queries)
            .with_context(|| format!("{}", args.queries.display()))?,
    )?;
    let queries = file["queries"].as_array().context("no queries")?;
    let names = ["bcp-search", "stock mdBook"];
    let mut figures = serde_json::Map::new();
    for (name, site) in names.iter().zip(&args.sites) {
        figures.insert(
            name.to_string(),
            measure(&chromium, site, queries, args.rounds)?,
        );
    }
    let names = &names[..args.sites.len()];
    println!(
        "queries: {} ({}), {} runs each, file://",
        args.queries.display(),
        queries.len(),
        args.rounds
    );
    print!("{:22}", "");
    for n in names {
        print!("{n:>15}");
    }
    println!("{:>12}", "target");
    for key in [
        "recall@10",
        "MRR",
        "precision@5",
        "p95 ms",
        "median ms",
        "search files bytes",
        "index load ms",
        "broken anchors",
    ] {
        print!("{key:22}");
        for n in names {
            let v = figures[*n][key].as_f64().unwrap_or_default();
            let s = match key {
                "recall@10" | "MRR" | "precision@5" => format!("{v:.3}"),
                "p95 ms" | "median ms" => format!("{v:.1}"),
                _ => format!("{v:.0}"),
            };
            print!("{s:>15}");
        }
        let target = TARGETS
            .iter()
            .find(|t| t.0 == key)
            .map(|(_, t, lower)| format!("{} {t}", if *lower { "<" } else { ">=" }))
            .unwrap_or_default();
        println!("{target:>12}");
    }
    for n in names {
        let files: Vec<String> = figures[*n]["files"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(k, v)| format!("{k} {v}"))
            .collect();
        println!("{n} files: {}", files.join(", "));
        let errors = &figures[*n]["js errors"];
        if errors.as_array().is_some_and(|e| !e.is_empty()) {
            println!("{n} JS errors: {errors}");
        }
    }
    if args.verbose {
        for n in names {
            println!("\n{n}: id kind R@10 RR P@5 n | query | first results (relevant)");
            for r in figures[*n]["queries"].as_array().into_iter().flatten() {
                let join = |v: &Value, k: usize| {
                    v.as_array()
                        .into_iter()
                        .flatten()
                        .take(k)
                        .filter_map(Value::as_str)
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                println!(
                    "  {} {:9} {:.2} {:.2} {:.2} {:3} | {} | {} ({})",
                    r["id"].as_str().unwrap_or_default(),
                    r["kind"].as_str().unwrap_or_default(),
                    r["recall@10"].as_f64().unwrap_or_default(),
                    r["rr"].as_f64().unwrap_or_default(),
                    r["precision@5"].as_f64().unwrap_or_default(),
                    r["n"],
                    r["query"].as_str().unwrap_or_default(),
                    join(&r["top"], 8),
                    join(&r["relevant"], usize::MAX),
                );
            }
        }
    }
    if let Some(path) = &args.json {
        std::fs::write(path, serde_json::to_string_pretty(&figures)?)?;
    }
    let ours = &figures["bcp-search"];
    let missed: Vec<&str> = TARGETS
        .iter()
        .filter(|(k, t, lower)| {
            let v = ours[*k].as_f64().unwrap_or_default();
            if *lower { v >= *t } else { v < *t }
        })
        .map(|t| t.0)
        .collect();
    if !missed.is_empty() {
        println!("targets missed: {}", missed.join(", "));
    }
    let failed = !missed.is_empty()
        || ours["broken anchors"].as_u64().unwrap_or(0) > 0
        || ours["js errors"].as_array().is_some_and(|e| !e.is_empty());
    Ok(if args.check && failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
