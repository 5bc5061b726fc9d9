//! Keeps `> [!NOTE]` admonitions and definition lists whole through
//! mdbook-i18n-helpers 0.4.0, whose Markdown parser knows neither: it would
//! glue `[!NOTE]` and `term : definition` into one escaped message, and the
//! translated page would lose the box and the list.
//!
//! [`protect`] (before extracting and before translating) turns their markers
//! into HTML comments of our own, which gettext keeps as they are, so each
//! paragraph is a clean message; [`restore`] (after translating) turns them
//! back. The constructs are found with mdBook's own parser options.

use mdbook_markdown::{MarkdownOptions, new_cmark_parser};
use pulldown_cmark::{Event, Tag};

const ADMONITION: &str = "<!-- bcp-i18n:admonition ";
const DEFINITION: &str = "<!-- bcp-i18n:dd -->";

/// The chapter with admonition and definition markers replaced by comments.
pub fn protect(markdown: &str) -> String {
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let parser = new_cmark_parser(markdown, &MarkdownOptions::default());
    for (event, range) in parser.into_offset_iter() {
        match event {
            Event::Start(Tag::BlockQuote(Some(_))) => {
                let text = &markdown[range.clone()];
                let Some(at) = text.find("[!") else { continue };
                let Some(len) = text[at..].find(']') else {
                    continue;
                };
                let kind = text[at + 2..at + len].to_ascii_uppercase();
                let start = range.start + at;
                edits.push((start..start + len + 1, format!("{ADMONITION}{kind} -->")));
            }
            Event::Start(Tag::DefinitionListDefinition) => {
                let text = &markdown[range.clone()];
                let Some(colon) = text.find(':') else {
                    continue;
                };
                let rest = &text[colon + 1..];
                let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
                let start = range.start + colon;
                edits.push((start..start + 1 + spaces, format!("\n{DEFINITION}\n")));
            }
            _ => {}
        }
    }
    let mut out = markdown.to_string();
    for (range, text) in edits.into_iter().rev() {
        out.replace_range(range, &text);
    }
    out
}

/// The translated chapter with the markers of [`protect`] turned back.
pub fn restore(markdown: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut lines = markdown.lines().peekable();
    while let Some(line) = lines.next() {
        let (prefix, body) = split_quote_prefix(line);
        if let Some(kind) = body
            .strip_prefix(ADMONITION)
            .and_then(|k| k.strip_suffix("-->"))
        {
            // The marker must open its quote: drop the empty quote lines before it…
            while out
                .last()
                .is_some_and(|l| l.contains('>') && split_quote_prefix(l).1.is_empty())
            {
                out.pop();
            }
            out.push(format!("{prefix}[!{}]", kind.trim()));
            // …and the ones gettext put between marker and body.
            while lines
                .peek()
                .is_some_and(|next| split_quote_prefix(next).1.is_empty())
            {
                lines.next();
            }
        } else if body == DEFINITION {
            while out
                .last()
                .is_some_and(|l| split_quote_prefix(l).1.is_empty())
            {
                out.pop();
            }
            while lines.peek().is_some_and(|l| l.trim().is_empty()) {
                lines.next();
            }
            if let Some(next) = lines.next() {
                let (next_prefix, next_body) = split_quote_prefix(next);
                out.push(format!("{next_prefix}: {next_body}"));
            }
        } else {
            out.push(line.to_string());
        }
    }
    let mut text = out.join("\n");
    if markdown.ends_with('\n') {
        text.push('\n');
    }
    text
}

/// `(" > > ", "text")`: the blockquote markers and indentation before a line's text.
fn split_quote_prefix(line: &str) -> (&str, &str) {
    let body = line.trim_start_matches([' ', '>']);
    (&line[..line.len() - body.len()], body.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use mdbook_preprocessor::book::{Book, BookItem, Chapter};
    use polib::catalog::Catalog;
    use polib::message::Message;
    use polib::metadata::CatalogMetadata;

    const SOURCE: &str = "# 見出し\n\n> [!NOTE]\n> 注意の本文です。\n\n> [!WARNING]\n> 警告です。\n\n用語\n: 定義です。\n\n別の用語\n: 定義A\n: 定義B\n\n本文。\n";

    fn translate(markdown: &str, pairs: &[(&str, &str)]) -> String {
        let mut catalog = Catalog::new(CatalogMetadata::new());
        for (id, text) in pairs {
            catalog.append_or_update(
                Message::build_singular()
                    .with_msgid(id.to_string())
                    .with_msgstr(text.to_string())
                    .done(),
            );
        }
        let mut book = Book::new();
        book.push_item(BookItem::Chapter(Chapter::new(
            "x",
            markdown.to_string(),
            "x.md",
            vec![],
        )));
        mdbook_i18n_helpers::gettext::translate_book(&catalog, &mut book).unwrap();
        let BookItem::Chapter(ch) = book.iter().next().unwrap() else {
            unreachable!()
        };
        ch.content.clone()
    }

    fn html(markdown: &str) -> String {
        let mut out = String::new();
        pulldown_cmark::html::push_html(
            &mut out,
            new_cmark_parser(markdown, &MarkdownOptions::default()),
        );
        out
    }

    #[test]
    fn messages_are_clean_paragraphs() {
        let ids: Vec<String> = mdbook_i18n_helpers::extract_messages(&protect(SOURCE))
            .unwrap()
            .into_iter()
            .map(|(_, m)| m.message)
            .collect();
        assert_eq!(
            ids,
            [
                "見出し",
                "注意の本文です。",
                "警告です。",
                "用語",
                "定義です。",
                "別の用語",
                "定義A",
                "定義B",
                "本文。"
            ]
        );
    }

    #[test]
    fn translated_admonitions_and_definition_lists_render_as_in_the_source() {
        let pairs = [
            ("見出し", "Heading"),
            ("注意の本文です。", "A note."),
            ("警告です。", "A warning."),
            ("用語", "Term"),
            ("定義です。", "Definition."),
        ];
        let translated = restore(&translate(&protect(SOURCE), &pairs));
        let page = html(&translated);
        assert!(
            page.contains("<blockquote class=\"markdown-alert-note\">\n<p>A note.</p>"),
            "{page}"
        );
        assert!(
            page.contains("<blockquote class=\"markdown-alert-warning\">\n<p>A warning.</p>"),
            "{page}"
        );
        assert!(
            page.contains("<dt>Term</dt>\n<dd>Definition.</dd>"),
            "{page}"
        );
        assert!(
            page.contains("<dt>別の用語</dt>\n<dd>定義A</dd>\n<dd>定義B</dd>"),
            "{page}"
        );
        // Without the repair, 0.4.0 loses both.
        let broken = html(&translate(SOURCE, &pairs));
        assert!(!broken.contains("markdown-alert") && !broken.contains("<dt>"));
    }

    #[test]
    fn untouched_text_round_trips() {
        let plain = "# A\n\n> quote\n\ntext: with a colon\n";
        assert_eq!(restore(&protect(plain)), plain);
    }
}
