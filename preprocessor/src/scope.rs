//! What a book shows, read from its chapters: the data tables its blocks
//! print and the heading each sits under, the fields its inline fields print,
//! and its own words (薬局 / 医療機関 …). The check asks only for what the
//! book shows, and names each place by the book's own heading.

use std::collections::BTreeMap;
use std::path::Path;

use crate::blocks;
use crate::config::BcpConfig;
use crate::markdown;

/// What the check asks of a book.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    /// Data table → the place of the first block showing it (`devices` →
    /// `別紙２ 情報機器台帳`). `None`: not read from a book; every table,
    /// under its heading in the 都薬版 雛形.
    pub tables: Option<BTreeMap<String, String>>,
    /// Inline field path → the places that print it (`organization.name` →
    /// `表紙`, `1.1 …`).
    pub fields: BTreeMap<String, Vec<String>>,
    /// The book asks for a training every year (都薬版 2.2.4).
    pub yearly_training: bool,
    /// The book's word for the organization (`labels.organization`: 薬局).
    pub organization: Option<String>,
    /// Figure block → the place of its first fence (`org_chart` → `2.1.2 組織体制図`).
    pub figures: BTreeMap<String, String>,
}

impl Scope {
    /// The scope of a book from its chapters: `(title, Markdown)`.
    pub fn of_chapters<'a>(
        chapters: impl IntoIterator<Item = (&'a str, &'a str)>,
        config: &BcpConfig,
    ) -> Scope {
        let mut tables = BTreeMap::new();
        let mut fields: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut figures = BTreeMap::new();
        for (title, content) in chapters {
            let shown = markdown::shown(content, title);
            for fence in shown.fences {
                if blocks::block(&fence.name).is_some_and(|b| b.draw.is_some()) {
                    figures
                        .entry(fence.name.clone())
                        .or_insert_with(|| fence.heading.clone());
                }
                if let Some(table) = blocks::shown_table(&fence.name, &fence.args()) {
                    tables.entry(table.to_string()).or_insert(fence.heading);
                }
            }
            for (path, place) in shown.fields {
                let places = fields.entry(path).or_default();
                if !places.contains(&place) {
                    places.push(place);
                }
            }
        }
        Scope {
            tables: Some(tables),
            fields,
            yearly_training: config.yearly_training,
            organization: config.labels.get("organization").cloned(),
            figures,
        }
    }

    /// The scope of the book whose chapters are under `src`, titled as in its SUMMARY.md.
    pub fn of_book_dir(src: &Path, config: &BcpConfig) -> Scope {
        let titles: BTreeMap<String, (usize, String)> =
            std::fs::read_to_string(src.join("SUMMARY.md"))
                .ok()
                .and_then(|s| mdbook_summary::parse_summary(&s).ok())
                .map(|summary| {
                    let mut titles = BTreeMap::new();
                    let items = summary
                        .prefix_chapters
                        .iter()
                        .chain(&summary.numbered_chapters)
                        .chain(&summary.suffix_chapters);
                    collect_titles(items, &mut titles);
                    titles
                })
                .unwrap_or_default();
        let mut texts: Vec<(usize, String, String)> = walkdir::WalkDir::new(src)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
            .filter_map(|e| {
                let rel = e
                    .path()
                    .strip_prefix(src)
                    .ok()?
                    .to_string_lossy()
                    .replace('\\', "/");
                let text = std::fs::read_to_string(e.path()).ok()?;
                let (order, title) = titles
                    .get(&rel)
                    .cloned()
                    .unwrap_or((usize::MAX, String::new()));
                Some((order, title, text))
            })
            .collect();
        // In the book's order, as a build sees them.
        texts.sort_by_key(|(order, _, _)| *order);
        Scope::of_chapters(
            texts.iter().map(|(_, t, c)| (t.as_str(), c.as_str())),
            config,
        )
    }

    /// The place where the book shows `table`: `None` when it does not.
    pub fn table(&self, table: &str) -> Option<String> {
        match &self.tables {
            Some(shown) => shown.get(table).cloned(),
            None => Some(default_heading(table)),
        }
    }
}

/// Each chapter file's (place in the book, title), from SUMMARY.md.
fn collect_titles<'a>(
    items: impl Iterator<Item = &'a mdbook_summary::SummaryItem>,
    titles: &mut BTreeMap<String, (usize, String)>,
) {
    for item in items {
        if let mdbook_summary::SummaryItem::Link(link) = item {
            if let Some(path) = &link.location {
                let order = titles.len();
                titles.insert(
                    path.to_string_lossy().replace('\\', "/"),
                    (order, link.name.clone()),
                );
            }
            collect_titles(link.nested_items.iter(), titles);
        }
    }
}

/// The heading of the 都薬版 雛形 under which `table` is shown.
fn default_heading(table: &str) -> String {
    blocks::BLOCKS
        .iter()
        .find(|b| match b.shows {
            blocks::Shows::Table(t) | blocks::Shows::Arg(_, t) => t == table,
            _ => false,
        })
        .map_or_else(|| table.to_string(), |b| b.heading.to_string())
}
