//! Text of the raw HTML that chapters contain (`<span>`, `<div>`, whole `<table>`s…).
//!
//! pulldown-cmark hands raw HTML over in pieces (one event per line of an HTML block, one per
//! inline tag), so [`HtmlText`] is a small streaming state machine: it keeps its state between
//! pieces, drops tags, comments and the content of `<script>`/`<style>`, decodes character
//! references, and turns block-level tags into block breaks.

use std::borrow::Cow;

use crate::text::TextSink;

/// Tags whose start or end separates blocks of text.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Elements whose content is not text a reader sees.
const SKIPPED_ELEMENTS: &[&str] = &["script", "style", "template"];

#[derive(Debug, Clone, PartialEq, Eq)]
enum State {
    /// Plain text.
    Text,
    /// Just after `<`: a tag, a comment, or a literal `<`.
    Open,
    /// Inside a tag, collecting it; `quote` is the open attribute quote, if any.
    Tag { quote: Option<char> },
    /// Inside `<!-- … -->`.
    Comment,
    /// Inside an element whose content is skipped, until its end tag.
    Skip(&'static str),
    /// After `&`, collecting a character reference.
    Entity,
}

/// Streaming extractor of the visible text of HTML pieces.
#[derive(Debug)]
pub struct HtmlText {
    state: State,
    buf: String,
}

impl Default for HtmlText {
    fn default() -> Self {
        Self::new()
    }
}

impl HtmlText {
    /// A fresh extractor, in text state.
    pub fn new() -> Self {
        HtmlText {
            state: State::Text,
            buf: String::new(),
        }
    }

    /// Feeds one piece of raw HTML, writing its text to `out`.
    pub fn feed(&mut self, html: &str, out: &mut TextSink) {
        for c in html.chars() {
            self.step(c, out);
        }
    }

    /// Ends the current run of HTML: a dangling `&` or `<` is written as text.
    pub fn flush(&mut self, out: &mut TextSink) {
        match self.state {
            State::Open => out.push("<"),
            State::Entity => out.push(&format!("&{}", self.buf)),
            _ => return,
        }
        self.state = State::Text;
        self.buf.clear();
    }

    fn step(&mut self, c: char, out: &mut TextSink) {
        match &self.state {
            State::Text => match c {
                '<' => self.state = State::Open,
                '&' => {
                    self.buf.clear();
                    self.state = State::Entity;
                }
                _ => out.push(c.encode_utf8(&mut [0; 4])),
            },
            State::Open => {
                if c.is_ascii_alphabetic() || c == '/' || c == '!' || c == '?' {
                    self.buf.clear();
                    self.buf.push(c);
                    self.state = State::Tag { quote: None };
                } else {
                    self.state = State::Text;
                    out.push("<");
                    self.step(c, out);
                }
            }
            State::Tag { quote } => {
                let quote = *quote;
                self.buf.push(c);
                if self.buf == "!--" {
                    self.buf.clear();
                    self.state = State::Comment;
                } else if let Some(q) = quote {
                    if c == q {
                        self.state = State::Tag { quote: None };
                    }
                } else if c == '"' || c == '\'' {
                    self.state = State::Tag { quote: Some(c) };
                } else if c == '>' {
                    self.end_tag(out);
                }
            }
            State::Comment => {
                self.buf.push(c);
                if self.buf.ends_with("-->") {
                    self.buf.clear();
                    self.state = State::Text;
                }
            }
            State::Skip(name) => {
                // Only the text since the last `<` matters: is it `</name…>`?
                let name = *name;
                if c == '<' {
                    self.buf.clear();
                }
                if !self.buf.is_empty() || c == '<' {
                    self.buf.push(c.to_ascii_lowercase());
                }
                if c == '>' {
                    if self.buf.starts_with(&format!("</{name}")) {
                        self.state = State::Text;
                    }
                    self.buf.clear();
                }
            }
            State::Entity => {
                if c == ';' {
                    match decode_entity(&self.buf) {
                        Some(decoded) => out.push(&decoded),
                        None => out.push(&format!("&{};", self.buf)),
                    }
                    self.state = State::Text;
                } else if c.is_ascii_alphanumeric() || (c == '#' && self.buf.is_empty()) {
                    self.buf.push(c);
                    if self.buf.len() > 32 {
                        out.push(&format!("&{}", self.buf));
                        self.state = State::Text;
                    }
                } else {
                    out.push(&format!("&{}", self.buf));
                    self.state = State::Text;
                    self.step(c, out);
                }
            }
        }
    }

    /// Handles a complete tag (its text, without the `<`, is in `buf`).
    fn end_tag(&mut self, out: &mut TextSink) {
        let closing = self.buf.starts_with('/');
        let name: String = self
            .buf
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        self.buf.clear();
        self.state = State::Text;
        if BLOCK_TAGS.contains(&name.as_str()) {
            out.block_break();
        }
        if !closing && let Some(skip) = SKIPPED_ELEMENTS.iter().find(|s| **s == name) {
            self.state = State::Skip(skip);
        }
    }
}

/// Decodes the reference between `&` and `;` (a named or numeric HTML
/// character reference), or `None` when it is none.
fn decode_entity(name: &str) -> Option<String> {
    match html_escape::decode_html_entities(&format!("&{name};")) {
        Cow::Owned(decoded) => Some(decoded),
        Cow::Borrowed(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(pieces: &[&str]) -> String {
        let mut out = TextSink::new();
        let mut html = HtmlText::new();
        for p in pieces {
            html.feed(p, &mut out);
        }
        html.flush(&mut out);
        out.finish()
    }

    #[test]
    fn keeps_text_and_drops_tags() {
        assert_eq!(
            text_of(&[r#"<span class="bcp-example" title="a>b">【記載例】</span>"#]),
            "【記載例】"
        );
    }

    #[test]
    fn table_cells_are_blocks() {
        let html = "<table><tr><th>関係先</th><th>連絡先</th></tr>\n\
                    <tr><td>警視庁</td><td>03-5805-1731</td></tr></table>";
        assert_eq!(text_of(&[html]), "関係先\n連絡先\n警視庁\n03-5805-1731");
    }

    #[test]
    fn state_survives_between_pieces() {
        assert_eq!(
            text_of(&[
                "<div\n",
                "  class=\"x\">紙",
                "運用</div>",
                "<!-- bcp:",
                "guidance -->"
            ]),
            "紙運用"
        );
    }

    #[test]
    fn comments_scripts_and_entities() {
        assert_eq!(
            text_of(&[
                "<!-- skip -->A&amp;B &lt;tag&gt; &#x30C6;&#12473;ト<script>var a = '<b>';</script>&unknown; 1 < 2 & 3"
            ]),
            "A&B <tag> テスト&unknown; 1 < 2 & 3"
        );
        // Every HTML named reference; white space ones collapse like spaces.
        assert_eq!(
            text_of(&["caf&eacute;&ensp;&hellip;&nbsp;&yen;100 &#0; &amp"]),
            "café … ¥100 &#0; &amp"
        );
    }
}
