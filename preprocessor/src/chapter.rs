//! Expanding one chapter: data blocks, inline fields and edition regions.
//!
//! The chapter is parsed with mdBook's own Markdown options; we collect
//! `(byte range, replacement)` edits for our constructs only and splice them in
//! from the end, so everything else stays byte for byte as written. All
//! positions in errors refer to the chapter as written.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use mdbook_markdown::pulldown_cmark::{CodeBlockKind, Event, Tag, TagEnd};
use mdbook_markdown::{MarkdownOptions, new_cmark_parser};
use minijinja::value::Value;
use serde_json::Value as Json;

use crate::config::Edition;
use crate::date::Date;
use crate::diag::{Diagnostic, did_you_mean};
use crate::escape::escape_markdown;
use crate::render::{COMMON_ARGS, Renderer, missing_mark_in};

/// Region kinds of `<!-- bcp:KIND -->` … `<!-- /bcp:KIND -->`.
pub const REGIONS: [&str; 6] = [
    "example", "guidance", "source", "figure", "template", "plan",
];

/// Everything needed to expand chapters of one build: the renderer with the
/// data context (figures draw from it as it is), the edition.
pub struct Expander {
    pub renderer: Renderer,
    pub edition: Edition,
    /// The data context as JSON (for inline paths) and as a template value.
    pub json: Arc<Json>,
    pub value: Value,
}

impl Expander {
    /// An expander for `edition` over the template context `json`.
    pub fn new(renderer: Renderer, edition: Edition, json: Json) -> Expander {
        let json = Arc::new(json);
        Expander {
            renderer: renderer.with_context(json.clone()),
            edition,
            value: Value::from_serialize(&*json),
            json,
        }
    }
}

struct Edit {
    range: Range<usize>,
    text: String,
}

struct Marker {
    range: Range<usize>,
    kind: String,
    open: bool,
}

impl Expander {
    /// Expands `content` of the chapter file `file` (path as shown in errors).
    pub fn expand(&self, file: &Path, content: &str) -> Result<String, Diagnostic> {
        let mut code: Vec<Range<usize>> = Vec::new();
        let mut markers = Vec::new();
        let mut edits = Vec::new();
        let mut fence: Option<(Range<usize>, String, String, usize)> = None;
        let options = MarkdownOptions::default();
        for (event, range) in new_cmark_parser(content, &options).into_offset_iter() {
            match event {
                Event::Start(Tag::CodeBlock(kind)) => {
                    code.push(range.clone());
                    if let CodeBlockKind::Fenced(info) = kind {
                        let mut words = info.split_whitespace();
                        if words.next() == Some("bcp") {
                            let name = words.next().unwrap_or("").to_string();
                            fence = Some((range, name, String::new(), usize::MAX));
                        }
                    }
                }
                Event::Text(text) => {
                    if let Some((_, _, body, start)) = &mut fence {
                        *start = (*start).min(range.start);
                        body.push_str(&text);
                    }
                }
                Event::End(TagEnd::CodeBlock) => {
                    if let Some((range, name, body, start)) = fence.take() {
                        let body_start = if start == usize::MAX {
                            range.end
                        } else {
                            start
                        };
                        let text =
                            self.block(file, content, range.clone(), &name, &body, body_start)?;
                        edits.push(Edit { range, text });
                    }
                }
                Event::Code(_) => code.push(range),
                Event::Html(html) | Event::InlineHtml(html) => {
                    if let Some(marker) = parse_marker(file, content, &html, range)? {
                        markers.push(marker);
                    }
                }
                _ => {}
            }
        }
        edits.extend(self.inline_fields(file, content, &code)?);
        let hidden = self.regions(file, content, &markers, &mut edits)?;
        edits.retain(|e| {
            !hidden
                .iter()
                .any(|h| h.start <= e.range.start && e.range.end <= h.end)
        });
        edits.extend(hidden.into_iter().map(|range| Edit {
            range,
            text: String::new(),
        }));
        edits.sort_by_key(|e| (e.range.start, e.range.end));
        let mut out = content.to_string();
        for edit in edits.into_iter().rev() {
            out.replace_range(edit.range, &edit.text);
        }
        Ok(out)
    }

    /// Renders one `bcp NAME` fence.
    fn block(
        &self,
        file: &Path,
        content: &str,
        range: Range<usize>,
        name: &str,
        body: &str,
        body_start: usize,
    ) -> Result<String, Diagnostic> {
        let fence_info = range.start..range.start + content[range.clone()].find('\n').unwrap_or(0);
        let Some(kind) = self.renderer.blocks.get(name) else {
            let known = self.renderer.blocks.keys().map(String::as_str);
            let message = if name.is_empty() {
                "bcp の後にブロック名がありません（例: ```bcp contacts）".to_string()
            } else {
                format!(
                    "知らないブロック「{name}」です。{}",
                    did_you_mean(name, known).trim_start()
                )
            };
            let names = self
                .renderer
                .blocks
                .keys()
                .cloned()
                .collect::<Vec<_>>()
                .join(", ");
            return Err(Diagnostic::at(
                file,
                content,
                fence_info,
                format!("{message} 使えるブロック: {names}"),
            ));
        };
        let table: toml::Table = toml::from_str(body).map_err(|e| {
            let span = e.span().unwrap_or(0..0);
            let at = body_start + span.start..body_start + span.end;
            Diagnostic::at(
                file,
                content,
                at,
                format!(
                    "ブロック「{name}」の引数の書き方に誤りがあります: {}",
                    e.message().trim()
                ),
            )
        })?;
        let mut args: BTreeMap<String, Value> = kind
            .args
            .iter()
            .map(|a| (a.clone(), Value::from(())))
            .collect();
        args.insert("placeholder_row".into(), Value::from(true));
        for (key, value) in table {
            let known = kind
                .args
                .iter()
                .map(String::as_str)
                .chain(COMMON_ARGS.iter().copied());
            if !known.clone().any(|k| k == key) {
                let line_offset = body
                    .lines()
                    .scan(0, |pos, line| {
                        let start = *pos;
                        *pos += line.len() + 1;
                        Some((start, line))
                    })
                    .find(|(_, line)| line.trim_start().starts_with(key.as_str()))
                    .map_or(0, |(start, line)| {
                        start + line.len() - line.trim_start().len()
                    });
                let at = body_start + line_offset..body_start + line_offset + key.len();
                let allowed = known.clone().collect::<Vec<_>>().join(", ");
                return Err(Diagnostic::at(
                    file,
                    content,
                    at,
                    format!(
                        "ブロック「{name}」に知らない引数「{key}」があります。{}使える引数: {allowed}",
                        did_you_mean(&key, known).trim_start()
                    )
                    .replace("あります。使える", "あります。 使える"),
                ));
            }
            args.insert(key, Value::from_serialize(&value));
        }
        let rendered = self
            .renderer
            .render_block(kind, &self.value, &args)
            .map_err(|e| {
                let mut detail = format!("{e}");
                if let Some(src) = std::error::Error::source(&e) {
                    detail.push_str(&format!(" ({src})"));
                }
                Diagnostic::at(
                    file,
                    content,
                    fence_info.clone(),
                    format!("ブロック「{name}」を描けません: {detail}"),
                )
            })?;
        Ok(format!("\n{}\n", rendered.trim()))
    }

    /// `{bcp:PATH}`, `{bcp:PATH|wareki}`, `{bcp:PATH ?? placeholder}` outside code.
    fn inline_fields(
        &self,
        file: &Path,
        content: &str,
        code: &[Range<usize>],
    ) -> Result<Vec<Edit>, Diagnostic> {
        let mut edits = Vec::new();
        let mut from = 0;
        while let Some(found) = content[from..].find("{bcp:") {
            let start = from + found;
            from = start + 5;
            if code.iter().any(|c| c.contains(&start)) {
                continue;
            }
            let Some(len) = content[start..]
                .find('}')
                .filter(|l| !content[start..start + l].contains('\n'))
            else {
                return Err(Diagnostic::at(
                    file,
                    content,
                    start..start + 5,
                    "{bcp: に対応する } がありません",
                ));
            };
            let range = start..start + len + 1;
            let text = self.inline_field(file, content, range.clone())?;
            from = range.end;
            edits.push(Edit { range, text });
        }
        Ok(edits)
    }

    fn inline_field(
        &self,
        file: &Path,
        content: &str,
        range: Range<usize>,
    ) -> Result<String, Diagnostic> {
        let inner = &content[range.start + 5..range.end - 1];
        let (expr, placeholder) = match inner.split_once("??") {
            Some((e, p)) => (e.trim(), p.trim()),
            None => (
                inner.trim(),
                self.renderer.labels().tr(crate::messages::PLACEHOLDER),
            ),
        };
        let (path, filter) = match expr.split_once('|') {
            Some((p, f)) => (p.trim(), Some(f.trim())),
            None => (expr, None),
        };
        let err = |message: String| Diagnostic::at(file, content, range.clone(), message);
        let mut value: &Json = &self.json;
        let mut walked = Vec::new();
        for segment in path.split('.') {
            walked.push(segment);
            value = match value {
                Json::Object(map) => match map.get(segment).or_else(|| {
                    // An id not written yet (`roles.ciso` in a book with no
                    // roles): missing, but the rest of the path is still checked.
                    (walked.len() == 2)
                        .then(|| crate::context::blank_record(walked[0]))
                        .flatten()
                }) {
                    Some(v) => v,
                    None => {
                        let keys = map.keys().map(String::as_str);
                        return Err(err(format!(
                            "「{}」というデータはありません。{}",
                            walked.join("."),
                            did_you_mean(segment, keys).trim_start()
                        )));
                    }
                },
                Json::Array(items) => {
                    match segment.parse::<usize>().ok().and_then(|i| items.get(i)) {
                        Some(v) => v,
                        None => {
                            return Err(err(format!("「{}」: 番号が範囲外です", walked.join("."))));
                        }
                    }
                }
                Json::Null => &Json::Null,
                _ => {
                    return Err(err(format!(
                        "「{}」: この値の中には入れません",
                        walked.join(".")
                    )));
                }
            };
        }
        let text = match value {
            Json::Null => None,
            Json::String(s) if s.trim().is_empty() => None,
            Json::String(s) => Some(s.clone()),
            Json::Number(n) => Some(n.to_string()),
            Json::Bool(b) => Some(b.to_string()),
            _ => {
                return Err(err(format!(
                    "「{path}」は一つの値ではありません（表はデータブロックで表示します）"
                )));
            }
        };
        let text = match (text, filter) {
            (None, _) => None,
            (Some(t), None) => Some(t),
            (Some(t), Some(f @ ("wareki" | "slash"))) => {
                let date = Date::parse(&t)
                    .ok_or_else(|| err(format!("「{path}」は日付ではありません")))?;
                Some(if f == "wareki" && self.renderer.labels().is_source() {
                    date.wareki()
                } else if f == "wareki" {
                    date.long_english()
                } else {
                    date.slash()
                })
            }
            (Some(_), Some(other)) => {
                return Err(err(format!(
                    "知らないフィルタ「{other}」です。使えるフィルタ: wareki, slash"
                )));
            }
        };
        Ok(match text {
            Some(t) => escape_markdown(&t),
            None => missing_mark_in(
                self.renderer.labels(),
                self.edition == Edition::Plan,
                &escape_markdown(placeholder),
            ),
        })
    }

    /// Pairs the markers; returns the ranges this edition hides, and adds the
    /// wrappers of the regions it shows to `edits`.
    fn regions(
        &self,
        file: &Path,
        content: &str,
        markers: &[Marker],
        edits: &mut Vec<Edit>,
    ) -> Result<Vec<Range<usize>>, Diagnostic> {
        let mut open: Vec<&Marker> = Vec::new();
        let mut hidden = Vec::new();
        for marker in markers {
            if marker.open {
                open.push(marker);
                continue;
            }
            let Some(start) = open.pop() else {
                return Err(Diagnostic::at(
                    file,
                    content,
                    marker.range.clone(),
                    format!(
                        "<!-- /bcp:{} --> に対応する開始の印がありません",
                        marker.kind
                    ),
                ));
            };
            if start.kind != marker.kind {
                return Err(Diagnostic::at(
                    file,
                    content,
                    marker.range.clone(),
                    format!(
                        "<!-- bcp:{} --> の終わりは <!-- /bcp:{} --> です",
                        start.kind, start.kind
                    ),
                ));
            }
            let shown = match marker.kind.as_str() {
                "plan" => self.edition == Edition::Plan,
                "figure" => true,
                _ => self.edition == Edition::Template,
            };
            if shown {
                let class = format!("bcp-{}", marker.kind);
                edits.push(Edit {
                    range: start.range.clone(),
                    text: format!("<div class=\"{class}\">\n\n"),
                });
                edits.push(Edit {
                    range: marker.range.clone(),
                    text: "\n</div>\n\n".to_string(),
                });
            } else {
                hidden.push(start.range.start..marker.range.end);
            }
        }
        if let Some(unclosed) = open.pop() {
            return Err(Diagnostic::at(
                file,
                content,
                unclosed.range.clone(),
                format!(
                    "<!-- bcp:{} --> が閉じられていません（<!-- /bcp:{} --> を書きます）",
                    unclosed.kind, unclosed.kind
                ),
            ));
        }
        Ok(hidden)
    }
}

fn parse_marker(
    file: &Path,
    content: &str,
    html: &str,
    range: Range<usize>,
) -> Result<Option<Marker>, Diagnostic> {
    let Some((open, kind)) = crate::markdown::region_marker(html) else {
        return Ok(None);
    };
    if !REGIONS.contains(&kind) {
        return Err(Diagnostic::at(
            file,
            content,
            range,
            format!(
                "知らない範囲の種類「{kind}」です。{}使える種類: {}",
                did_you_mean(kind, REGIONS).trim_start(),
                REGIONS.join(", ")
            )
            .replace("です。使える", "です。 使える"),
        ));
    }
    // Take the whole line, newline included, so nothing is left behind.
    let end = content[range.end..]
        .find('\n')
        .map_or(content.len(), |i| range.end + i + 1);
    let end = if content[range.start..range.end].ends_with('\n') {
        range.end
    } else {
        end
    };
    Ok(Some(Marker {
        range: range.start..end,
        kind: kind.to_string(),
        open,
    }))
}
