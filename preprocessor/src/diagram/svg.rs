//! Writing the SVG: escaping, the outer element, boxes, text and wires.
//!
//! Every number written is an integer, so the same layout gives the same bytes.

use std::fmt::Write;

use super::text::{BASELINE, FONT_PX, LINE_H};
use super::{Border, Rect};

/// Escapes `& < > " '` for text and attribute values; a chunk separator
/// ([`super::text::CHUNK`]) is a space once laid out.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            super::text::CHUNK => out.push(' '),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// An id prefix usable in `id` and in the space-separated `aria-labelledby`:
/// ASCII letters, digits, `-` and `_`; anything else becomes `-`.
pub fn clean_id(prefix: &str) -> String {
    let id: String = prefix
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if id.is_empty() {
        "bcp-diagram".into()
    } else {
        id
    }
}

const FONT_FAMILY: &str = "'BIZ UDPGothic', 'Noto Sans CJK JP', sans-serif";

/// The body of an SVG, written as the layout goes; [`Svg::finish`] wraps it.
pub struct Svg {
    id: String,
    body: String,
}

impl Svg {
    pub fn new(id_prefix: &str) -> Svg {
        Svg {
            id: clean_id(id_prefix),
            body: String::new(),
        }
    }

    fn stroke(border: Border) -> &'static str {
        match border {
            Border::Solid => r##"stroke="#000" stroke-width="1.5""##,
            Border::Dashed => r##"stroke="#000" stroke-width="1.5" stroke-dasharray="6 4""##,
            Border::Dotted => r##"stroke="#000" stroke-width="1.5" stroke-dasharray="2 3""##,
        }
    }

    /// A rectangle; `class` is `box` for a labelled box, `frame` for a group.
    pub fn rect(&mut self, r: Rect, class: &str, border: Border) {
        let _ = writeln!(
            self.body,
            r##"<rect class="{class}" x="{}" y="{}" width="{}" height="{}" rx="4" fill="#fff" {}/>"##,
            r.x,
            r.y,
            r.w,
            r.h,
            Self::stroke(border)
        );
    }

    /// One line of text with its top at `top`; `x` is its centre when
    /// `centred`, else its left edge.
    pub fn text(&mut self, x: i32, top: i32, centred: bool, bold: bool, text: &str) {
        let anchor = if centred {
            r#" text-anchor="middle""#
        } else {
            ""
        };
        let weight = if bold { r#" font-weight="bold""# } else { "" };
        let _ = writeln!(
            self.body,
            r#"<text x="{x}" y="{}"{anchor}{weight}>{}</text>"#,
            top + BASELINE,
            escape(text)
        );
    }

    /// Lines of text centred in `r`, starting `pad_y` below its top.
    pub fn lines_in(&mut self, r: Rect, pad_y: i32, lines: &[(String, bool)]) {
        for (i, (line, bold)) in lines.iter().enumerate() {
            self.text(
                r.x + r.w / 2,
                r.y + pad_y + i as i32 * LINE_H,
                true,
                *bold,
                line,
            );
        }
    }

    /// A wire through `points`, with an arrowhead at its end if `arrow`.
    pub fn wire(&mut self, points: &[(i32, i32)], border: Border, arrow: bool) {
        if points.len() < 2 {
            return;
        }
        let pts: Vec<String> = points.iter().map(|(x, y)| format!("{x},{y}")).collect();
        let marker = if arrow {
            format!(r#" marker-end="url(#{}-arrow)""#, self.id)
        } else {
            String::new()
        };
        let _ = writeln!(
            self.body,
            r#"<polyline points="{}" fill="none" {}{marker}/>"#,
            pts.join(" "),
            Self::stroke(border)
        );
    }

    /// The whole `<svg>` element, `width` × `height` user units.
    pub fn finish(self, width: i32, height: i32, title: &str, desc: &str) -> String {
        let id = &self.id;
        let mut out = String::with_capacity(self.body.len() + 1024);
        let _ = writeln!(
            out,
            r#"<svg xmlns="http://www.w3.org/2000/svg" id="{id}" class="bcp-diagram" viewBox="0 0 {width} {height}" width="100%" style="max-width: {width}px; height: auto" role="img" aria-labelledby="{id}-title {id}-desc" font-family="{FONT_FAMILY}" font-size="{FONT_PX}">"#
        );
        let _ = writeln!(out, r#"<title id="{id}-title">{}</title>"#, escape(title));
        let _ = writeln!(out, r#"<desc id="{id}-desc">{}</desc>"#, escape(desc));
        let _ = writeln!(
            out,
            r##"<defs><marker id="{id}-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#000"/></marker></defs>"##
        );
        let _ = writeln!(
            out,
            r##"<rect class="background" width="{width}" height="{height}" fill="#fff"/>"##
        );
        out.push_str(&self.body);
        out.push_str("</svg>\n");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_and_attributes() {
        assert_eq!(escape(r#"<script>&"'"#), "&lt;script&gt;&amp;&quot;&#39;");
    }

    #[test]
    fn id_prefix_is_cleaned() {
        assert_eq!(clean_id("org 2.1.2"), "org-2-1-2");
        assert_eq!(clean_id("\"><x"), "---x");
        assert_eq!(clean_id(""), "bcp-diagram");
    }
}
