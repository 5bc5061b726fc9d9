//! Splitting a chapter's Markdown into searchable sections.
//!
//! The Markdown is parsed exactly as mdBook parses it ([`mdbook_markdown::new_cmark_parser`]).
//! Each heading of level 1 to [`SPLIT_LEVEL`] starts a section; deeper headings stay in the
//! text of their section. A section's text is what a reader sees: raw HTML tags, comments and
//! image alt texts are left out, table cells, paragraphs and list items are separated by
//! `'\n'` block breaks (see [`crate::text`]).

use crate::anchor::{id_from_text, unique_id};
use crate::html::HtmlText;
use crate::text::TextSink;
use mdbook_markdown::pulldown_cmark::{Event, Tag, TagEnd};
use mdbook_markdown::{MarkdownOptions, new_cmark_parser};
use std::collections::HashSet;

/// Headings of this level or above (`#` to `###`) start a new section, as mdBook's own
/// search does by default (`heading-split-level = 3`).
pub const SPLIT_LEVEL: usize = 3;

/// One section of a page: a heading and the text up to the next heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The heading's id (the URL fragment), empty for text before the first heading.
    pub anchor: String,
    /// The heading's text, empty for text before the first heading.
    pub title: String,
    /// The section's text, blocks separated by `'\n'`.
    pub text: String,
}

/// Splits a chapter's Markdown into sections.
pub fn sections(markdown: &str) -> Vec<Section> {
    let mut builder = Builder::default();
    for event in new_cmark_parser(markdown, &MarkdownOptions::default()) {
        builder.event(event);
    }
    builder.finish()
}

/// A heading being read.
#[derive(Debug)]
struct Heading {
    level: usize,
    explicit_id: Option<String>,
    text: TextSink,
}

#[derive(Debug, Default)]
struct Builder {
    done: Vec<Section>,
    anchor: String,
    title: String,
    body: TextSink,
    heading: Option<Heading>,
    /// Text of a definition-list term being read: mdBook gives terms ids too.
    term: Option<TextSink>,
    used_ids: HashSet<String>,
    html: HtmlText,
    in_code_block: bool,
    image_depth: usize,
}

impl Builder {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(Tag::Heading {
                level,
                id: explicit,
                ..
            }) => {
                self.sink().block_break();
                self.heading = Some(Heading {
                    level: level as usize,
                    explicit_id: explicit.map(|id| id.to_string()),
                    text: TextSink::new(),
                });
            }
            Event::End(TagEnd::Heading(_)) => self.end_heading(),
            Event::Start(Tag::Image { .. }) => self.image_depth += 1,
            Event::End(TagEnd::Image) => self.image_depth = self.image_depth.saturating_sub(1),
            Event::Start(Tag::CodeBlock(_)) => {
                self.sink().block_break();
                self.in_code_block = true;
            }
            Event::End(TagEnd::CodeBlock) => {
                self.in_code_block = false;
                self.sink().block_break();
            }
            Event::Start(Tag::DefinitionListTitle) => {
                self.sink().block_break();
                self.term = Some(TextSink::new());
            }
            Event::End(TagEnd::DefinitionListTitle) => {
                if let Some(term) = self.term.take() {
                    unique_id(&id_from_text(&term.finish()), &mut self.used_ids);
                }
                self.sink().block_break();
            }
            Event::Start(tag) => {
                if is_block_end(tag.to_end()) {
                    self.sink().block_break();
                }
            }
            Event::End(tag) => {
                if is_block_end(tag) {
                    self.sink().block_break();
                }
            }
            Event::Text(text) | Event::Code(text) => self.text(&text),
            Event::InlineMath(text) | Event::DisplayMath(text) => self.text(&text),
            Event::Html(html) | Event::InlineHtml(html) => {
                if self.image_depth == 0 {
                    let sink = sink(&mut self.heading, &mut self.body);
                    self.html.feed(&html, sink);
                }
            }
            Event::SoftBreak => self.sink().space(),
            Event::HardBreak | Event::Rule => self.sink().block_break(),
            Event::FootnoteReference(_) | Event::TaskListMarker(_) => {}
        }
    }

    fn text(&mut self, text: &str) {
        if self.image_depth > 0 {
            return;
        }
        self.html.flush(sink(&mut self.heading, &mut self.body));
        if let Some(term) = &mut self.term {
            term.push(text);
        }
        if self.in_code_block {
            self.sink().push_pre(text);
        } else {
            self.sink().push(text);
        }
    }

    /// Where text goes now: the heading being read, or the section's body.
    fn sink(&mut self) -> &mut TextSink {
        sink(&mut self.heading, &mut self.body)
    }

    fn end_heading(&mut self) {
        let Some(heading) = self.heading.take() else {
            return;
        };
        let title = heading.text.finish().replace('\n', " ");
        let anchor = match heading.explicit_id {
            Some(id) => id,
            None => unique_id(&id_from_text(&title), &mut self.used_ids),
        };
        if heading.level <= SPLIT_LEVEL {
            self.close_section();
            self.anchor = anchor;
            self.title = title;
        } else {
            self.body.block_break();
            self.body.push(&title);
            self.body.block_break();
        }
    }

    fn close_section(&mut self) {
        let body = std::mem::take(&mut self.body);
        if !self.title.is_empty() || !body.is_empty() {
            self.done.push(Section {
                anchor: std::mem::take(&mut self.anchor),
                title: std::mem::take(&mut self.title),
                text: body.finish(),
            });
        }
    }

    fn finish(mut self) -> Vec<Section> {
        self.html.flush(&mut self.body);
        self.close_section();
        self.done
    }
}

fn sink<'a>(heading: &'a mut Option<Heading>, body: &'a mut TextSink) -> &'a mut TextSink {
    match heading {
        Some(h) => &mut h.text,
        None => body,
    }
}

/// Whether a tag (by its end) is a block, whose start and end separate text.
fn is_block_end(tag: TagEnd) -> bool {
    !matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchors_and_titles(md: &str) -> Vec<(String, String)> {
        sections(md)
            .into_iter()
            .map(|s| (s.anchor, s.title))
            .collect()
    }

    #[test]
    fn splits_at_headings_with_explicit_and_derived_ids() {
        let md = "# 2.2 非常時に備えたサイバーセキュリティ体制 {#s2-2}\n\n前文。\n\n\
                  ## 2.2.1 連絡体制図 {#s2-2-1}\n\n連絡先を定める。\n\n\
                  ## 例\n\n### 例\n\n#### 深い見出し\n\n本文\n";
        assert_eq!(
            anchors_and_titles(md),
            [
                ("s2-2", "2.2 非常時に備えたサイバーセキュリティ体制"),
                ("s2-2-1", "2.2.1 連絡体制図"),
                ("例", "例"),
                ("例-1", "例"),
            ]
            .map(|(a, t)| (a.to_string(), t.to_string()))
        );
        let last = sections(md).pop().unwrap();
        assert_eq!(last.text, "深い見出し\n本文");
    }

    #[test]
    fn text_before_the_first_heading_is_a_section() {
        let s = sections("前置き\n\n# 見出し\n");
        assert_eq!(s[0].anchor, "");
        assert_eq!(s[0].text, "前置き");
        assert_eq!(s[1].title, "見出し");
    }

    #[test]
    fn tables_and_raw_html_become_text_blocks() {
        let md = "## 2.2.2 重要関係先連絡リスト {#s2-2-2}\n\n\
                  <span class=\"bcp-example\">【記載例】</span>\n\n\
                  | 関係先 | 連絡先 |\n|---|---|\n| 警視庁 | 03-5805-1731 |\n\n\
                  <!-- bcp:guidance -->\n<div class=\"bcp-guidance\">\n\n**作成**の*ポイント*\n\n</div>\n\
                  <!-- /bcp:guidance -->\n";
        let s = sections(md);
        assert_eq!(s.len(), 1);
        assert_eq!(
            s[0].text,
            "【記載例】\n関係先\n連絡先\n警視庁\n03-5805-1731\n作成のポイント"
        );
    }

    #[test]
    fn soft_breaks_are_spaces_images_are_skipped() {
        let s =
            sections("サイバー\nインシデント ![図の説明](a.png) と `code`\n\n- 項目1\n- 項目2\n");
        assert_eq!(s[0].text, "サイバー インシデント と code\n項目1\n項目2");
    }

    #[test]
    fn definition_terms_take_part_in_id_counting() {
        let md = "用語\n: 説明\n\n## 用語\n";
        let s = sections(md);
        assert_eq!(s.last().unwrap().anchor, "用語-1");
    }
}
