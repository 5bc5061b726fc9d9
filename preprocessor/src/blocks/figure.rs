//! What the figure blocks share: reading people, roles and bodies out of the
//! template context, and wrapping a [`Diagram`] into the page.
//!
//! A figure is laid out twice, for the text column of a computer or paper
//! (wide) and for a phone (narrow); CSS shows one of them. Each comes with
//! the same relations as a list, for screen readers and for reading.

use serde_json::Value;

use crate::messages;

use crate::diagram::text::CHUNK;
use crate::diagram::{self, Diagram, NodeState, Options};

/// Draws a figure from the template context.
pub type Draw = fn(&Value, &Words) -> String;

/// The words a figure draws, in the book's language, and the edition.
pub struct Words<'a> {
    /// Translates a label of the engine (Japanese in, the book's language out).
    pub tr: &'a dyn Fn(&str) -> String,
    /// The plan edition: missing values are drawn as 未記入. Else the
    /// template edition: the 【記載例】 data, 〇〇 where a value is missing.
    pub plan: bool,
}

impl Words<'_> {
    pub fn tr(&self, label: &str) -> String {
        (self.tr)(label)
    }

    /// How a box with this much data is drawn.
    pub fn state(&self, filled: bool) -> NodeState {
        match (self.plan, filled) {
            (false, _) => NodeState::Example,
            (true, true) => NodeState::Filled,
            (true, false) => NodeState::Missing,
        }
    }

    /// A value, or what stands for it while it is missing: 〇〇 in the
    /// template edition, nothing in the plan (the diagram draws 未記入).
    pub fn value(&self, v: &Value, placeholder: &str) -> String {
        match v.as_str().map(str::trim).filter(|s| !s.is_empty()) {
            Some(s) => s.to_string(),
            None if self.plan => String::new(),
            None => self.tr(placeholder),
        }
    }

    /// The diagram's own words in the book's language.
    pub fn labels(&self) -> diagram::Labels {
        let l = diagram::Labels::default();
        diagram::Labels {
            missing: if self.plan {
                self.tr(&l.missing)
            } else {
                self.tr(messages::FIG_BLANK)
            },
            example: self.tr(&l.example),
            phone: self.tr(&l.phone),
            deputy: self.tr(&l.deputy),
            unknown_segment: self.tr(&l.unknown_segment),
            gateway: self.tr(&l.gateway),
            outside: self.tr(&l.outside),
            sentence_end: self.tr(&l.sentence_end),
        }
    }
}

/// True when `v` holds text.
pub fn filled(v: &Value) -> bool {
    v.as_str().is_some_and(|s| !s.trim().is_empty())
}

/// 「薬剤師 佐藤 次郎」: a person's title and name (each kept whole on a
/// line of the figure), the name's placeholder in the template edition.
pub fn person(p: &Value, w: &Words) -> String {
    let title = p["title"].as_str().unwrap_or("").trim();
    let name = w.value(&p["name"], messages::FIG_BLANK_NAME);
    [title, name.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(&CHUNK.to_string())
}

/// 「担当部署 氏名」 of an outside body, when entered (each part kept whole
/// on a line of the figure).
pub fn desk(o: &Value) -> String {
    [&o["department"], &o["person"]]
        .iter()
        .filter_map(|v| v.as_str())
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(&CHUNK.to_string())
}

/// The figure as HTML: the wide and the narrow layout of `draw`, and the
/// relations as a list under 「図の内容（文字）」.
pub fn html(id: &str, title: &str, w: &Words, draw: impl Fn(&Options) -> Diagram) -> String {
    let options = |suffix: &str, width: i32| {
        let mut o = Options::new(&format!("{id}-{suffix}"), title);
        o.max_width = width;
        o.labels = w.labels();
        o
    };
    let wide = draw(&options("w", diagram::DEFAULT_MAX_WIDTH));
    let narrow = draw(&options("n", NARROW));
    let mut out = format!("<figure class=\"bcp-diagram\" id=\"{id}\">\n");
    out.push_str("<div class=\"bcp-diagram-wide\">\n");
    out.push_str(&no_blank_lines(&wide.svg));
    out.push_str("</div>\n<div class=\"bcp-diagram-narrow\">\n");
    out.push_str(&no_blank_lines(&narrow.svg));
    out.push_str("</div>\n<details class=\"bcp-diagram-text-box\"><summary>");
    out.push_str(&diagram::svg::escape(&w.tr(messages::FIG_TEXT)));
    out.push_str("</summary>\n");
    out.push_str(&no_blank_lines(&wide.text_html()));
    out.push_str("</details>\n</figure>\n");
    out
}

/// The width of the phone layout: a 390 px screen's text column.
pub const NARROW: i32 = 360;

/// A blank line would end the HTML block in Markdown.
fn no_blank_lines(s: &str) -> String {
    let mut out: String = s
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    out.push('\n');
    out
}
