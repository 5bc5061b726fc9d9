//! Reading a chapter without expanding it: its `bcp` fences, its inline
//! fields and the heading each sits under, and `<!-- bcp:KIND -->` markers.
//! What the book's scope, the plan check and message extraction need.

use mdbook_markdown::pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Tag, TagEnd};
use mdbook_markdown::{MarkdownOptions, new_cmark_parser};

/// `<!-- bcp:KIND -->` → `(true, KIND)`, `<!-- /bcp:KIND -->` → `(false, KIND)`;
/// any other HTML is not a region marker.
pub fn region_marker(html: &str) -> Option<(bool, &str)> {
    let inner = html
        .trim()
        .strip_prefix("<!--")?
        .strip_suffix("-->")?
        .trim();
    match (inner.strip_prefix("/bcp:"), inner.strip_prefix("bcp:")) {
        (Some(kind), _) => Some((false, kind.trim())),
        (None, Some(kind)) => Some((true, kind.trim())),
        _ => None,
    }
}

/// A `bcp NAME` fence of a chapter, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fence {
    pub name: String,
    /// The arguments (TOML), unparsed.
    pub body: String,
    /// Line of the opening fence (1-based).
    pub line: usize,
    /// Where it is in the book, as a reader finds it: the nearest heading
    /// above, after its chapter's heading when it does not carry the
    /// chapter's number (「2. 体制整備 ３　代替運用」).
    pub heading: String,
}

impl Fence {
    /// The arguments, or none when they are not valid TOML (the build says so).
    pub fn args(&self) -> toml::Table {
        self.body.parse().unwrap_or_default()
    }
}

/// What a chapter shows: its fences and its inline fields (`{bcp:PATH}`),
/// each with its place.
#[derive(Debug, Clone, Default)]
pub struct Shown {
    pub fences: Vec<Fence>,
    /// `(path, place)` of every inline field, e.g. `("organization.name", "表紙")`.
    pub fields: Vec<(String, String)>,
}

/// Every `bcp` fence of `markdown`, in order.
pub fn fences(markdown: &str) -> Vec<Fence> {
    shown(markdown, "").fences
}

/// Fences and inline fields of the chapter `markdown` called `chapter` (its
/// title in SUMMARY.md, the place of a heading that is itself a field).
pub fn shown(markdown: &str, chapter: &str) -> Shown {
    let mut out = Shown::default();
    let mut heading: Option<String> = None;
    let mut top = String::new();
    let mut place = chapter.to_string();
    let mut fence: Option<Fence> = None;
    let mut level = HeadingLevel::H1;
    let options = MarkdownOptions::default();
    for (event, range) in new_cmark_parser(markdown, &options).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level: l, .. }) => {
                heading = Some(String::new());
                level = l;
            }
            Event::End(TagEnd::Heading(_)) => {
                let text = heading.take().unwrap_or_default().trim().to_string();
                let fields = field_paths(&text);
                place = if !fields.is_empty() && !chapter.is_empty() {
                    chapter.to_string()
                } else if level == HeadingLevel::H1 || top.is_empty() {
                    text.clone()
                } else {
                    within(&top, &text)
                };
                if level == HeadingLevel::H1 {
                    top = place.clone();
                }
                out.fields
                    .extend(fields.into_iter().map(|f| (f, place.clone())));
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                let mut words = info.split_whitespace();
                if words.next() == Some("bcp") {
                    fence = Some(Fence {
                        name: words.next().unwrap_or("").to_string(),
                        body: String::new(),
                        line: markdown[..range.start].matches('\n').count() + 1,
                        heading: place.clone(),
                    });
                }
            }
            Event::Text(t) => match (&mut heading, &mut fence) {
                (Some(h), _) => h.push_str(&t),
                (None, Some(f)) => f.body.push_str(&t),
                (None, None) => out
                    .fields
                    .extend(field_paths(&t).into_iter().map(|f| (f, place.clone()))),
            },
            Event::Code(t) => match (&mut heading, &mut fence) {
                (Some(h), _) => h.push_str(&t),
                (None, Some(f)) => f.body.push_str(&t),
                _ => {}
            },
            Event::End(TagEnd::CodeBlock) => out.fences.extend(fence.take()),
            _ => {}
        }
    }
    out
}

/// 「2.1 情報機器等の把握…」 + 「2.1.4 情報機器台帳」 → the second alone (it
/// carries the chapter's number); 「2. 体制整備」 + 「３　代替運用」 → both.
fn within(top: &str, heading: &str) -> String {
    let number = top.split_whitespace().next().unwrap_or("");
    if !number.is_empty() && heading.starts_with(number) {
        heading.to_string()
    } else {
        format!("{top} {heading}")
    }
}

/// The paths of the inline fields in `text`: `{bcp:organization.name ?? …}`.
pub fn field_paths(text: &str) -> Vec<String> {
    text.split("{bcp:")
        .skip(1)
        .map(|rest| {
            rest.split(['|', ' ', '?', '}'])
                .next()
                .unwrap_or("")
                .trim()
                .to_string()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fence_is_placed_under_its_heading_with_the_chapter_when_needed() {
        let md = "# 2. 体制整備 {#ch2}\n\n## ３　代替運用\n\n```bcp fallbacks\n```\n";
        assert_eq!(fences(md)[0].heading, "2. 体制整備 ３　代替運用");
        let md = "# 2.1 情報機器等\n\n## 2.1.4 情報機器台帳 {#x}\n\n```bcp devices\n```\n";
        assert_eq!(fences(md)[0].heading, "2.1.4 情報機器台帳");
        let md = "# 資料1 流れ\n\n```bcp flow\n```\n";
        assert_eq!(fences(md)[0].heading, "資料1 流れ");
    }

    #[test]
    fn inline_fields_and_a_heading_that_is_a_field() {
        let s = shown(
            "# {bcp:organization.name ?? 〇〇薬局} {#cover}\n\n{bcp:organization.adopted|wareki ?? 年} 策定\n\n`{bcp:not.this}`\n",
            "表紙",
        );
        assert_eq!(
            s.fields,
            [
                ("organization.name".to_string(), "表紙".to_string()),
                ("organization.adopted".to_string(), "表紙".to_string())
            ]
        );
    }
}
