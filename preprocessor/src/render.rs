//! The minijinja environment that renders data blocks and inline fields.
//!
//! Block templates are files (`NAME.md.j2`, Markdown out, values escaped for
//! Markdown; `NAME.html.j2`, HTML out, values HTML-escaped). The built-in ones
//! are embedded; a book overrides or adds templates in its own folder.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use minijinja::value::{Kwargs, Value, ValueKind};
use minijinja::{AutoEscape, Environment, Error, ErrorKind, State, UndefinedBehavior};

use crate::config::Edition;
use crate::date::Date;
use crate::escape::{escape_html, escape_markdown};
use crate::i18n::{Labels, Part, cut_text, fill_with, parts};

/// Arguments every block takes.
pub const COMMON_ARGS: &[&str] = &["placeholder_row"];

/// A block kind: its template and the arguments it declares.
#[derive(Debug, Clone)]
pub struct BlockKind {
    pub template: String,
    pub args: Vec<String>,
}

/// The global under which [`Renderer::with_context`] keeps the context.
const CONTEXT: &str = "__bcp_context_json";

/// The template context as JSON, for the figures.
#[derive(Debug)]
struct ContextJson(Arc<serde_json::Value>);

impl minijinja::value::Object for ContextJson {}

/// The environment plus the table of block kinds.
pub struct Renderer {
    env: Environment<'static>,
    pub blocks: BTreeMap<String, BlockKind>,
    labels: Labels,
}

impl Renderer {
    /// Built-in templates, then every `*.md.j2` / `*.html.j2` in `override_dir`.
    pub fn new(edition: Edition, override_dir: Option<&Path>) -> anyhow::Result<Renderer> {
        Renderer::new_in(edition, override_dir, &Labels::source())
    }

    /// [`Renderer::new`], with labels in the language of `labels`.
    pub fn new_in(
        edition: Edition,
        override_dir: Option<&Path>,
        labels: &Labels,
    ) -> anyhow::Result<Renderer> {
        let mut sources: BTreeMap<String, String> = crate::blocks::templates()
            .map(|(n, s)| (n.to_string(), s.to_string()))
            .collect();
        if let Some(dir) = override_dir.filter(|d| d.is_dir()) {
            for entry in walkdir::WalkDir::new(dir).max_depth(1).sort_by_file_name() {
                let entry = entry?;
                let name = entry.file_name().to_string_lossy().to_string();
                if name.ends_with(".md.j2") || name.ends_with(".html.j2") {
                    let text = std::fs::read_to_string(entry.path())?;
                    sources.insert(name, text);
                }
            }
        }
        let mut env = environment(edition, labels);
        let mut blocks = BTreeMap::new();
        for (name, source) in sources {
            let kind = name.trim_end_matches(".j2").rsplit_once('.').map(|x| x.0);
            let kind = kind.unwrap_or(&name).to_string();
            blocks.insert(
                kind,
                BlockKind {
                    template: name.clone(),
                    args: crate::blocks::declared_args(&source),
                },
            );
            env.add_template_owned(name, source)?;
        }
        Ok(Renderer {
            env,
            blocks,
            labels: labels.clone(),
        })
    }

    /// The renderer with the template context `json` as it is, for the
    /// figures (`figure(NAME)`): they draw from it without converting the
    /// template value back to JSON.
    pub fn with_context(mut self, json: Arc<serde_json::Value>) -> Renderer {
        self.env
            .add_global(CONTEXT, Value::from_object(ContextJson(json)));
        self
    }

    /// Renders block `kind` with the data context and the block's arguments.
    pub fn render_block(
        &self,
        kind: &BlockKind,
        data: &Value,
        args: &BTreeMap<String, Value>,
    ) -> Result<String, Error> {
        let template = self.env.get_template(&kind.template)?;
        let mut ctx: BTreeMap<String, Value> = BTreeMap::new();
        ctx.insert("data".into(), data.clone());
        ctx.insert("args".into(), Value::from_serialize(args));
        template.render(Value::from_serialize(&ctx))
    }

    /// The environment, for inline fields.
    pub fn env(&self) -> &Environment<'static> {
        &self.env
    }

    /// The labels the templates print in (for [`missing_mark_in`]).
    pub fn labels(&self) -> &Labels {
        &self.labels
    }
}

/// The labels a template prints: the string literal of every `_("…")` call,
/// in order, each once (what `xgettext` puts in messages.pot).
pub fn labels_in(source: &str) -> Vec<String> {
    let mut labels: Vec<String> = Vec::new();
    let mut rest = source;
    while let Some(at) = rest.find("_(") {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + 2..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let args = rest.trim_start();
        let Some(quote) = args.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        let mut label = String::new();
        let mut chars = args[1..].chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => label.extend(chars.next()),
                c if c == quote => break,
                c => label.push(c),
            }
        }
        if !labels.contains(&label) {
            labels.push(label);
        }
    }
    labels
}

fn environment(edition: Edition, labels: &Labels) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.set_keep_trailing_newline(true);
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".html.j2") {
            AutoEscape::Html
        } else if name.ends_with(".md.j2") {
            AutoEscape::Custom("markdown")
        } else {
            AutoEscape::None
        }
    });
    env.set_formatter(|out, state, value| {
        if let AutoEscape::Custom("markdown") = state.auto_escape()
            && !value.is_safe()
        {
            if value.is_undefined() && state.undefined_behavior() == UndefinedBehavior::Strict {
                return Err(Error::from(ErrorKind::UndefinedError));
            }
            let text = if value.is_none() {
                String::new()
            } else {
                value.to_string()
            };
            return out.write_str(&escape_markdown(&text)).map_err(Error::from);
        }
        minijinja::escape_formatter(out, state, value)
    });
    env.add_global("edition", edition.as_str());
    env.add_global("lang", labels.lang().to_string());
    let v_labels = labels.clone();
    env.add_filter(
        "v",
        move |state: &State, value: Value, placeholder: Option<Value>| {
            filled(state, &v_labels, value, placeholder)
        },
    );
    // 和暦 in Japanese; other languages get the long Gregorian form.
    let long_date: fn(Date) -> String = if labels.is_source() {
        Date::wareki
    } else {
        Date::long_english
    };
    // `{{ p.phone | tel(_("XX-XXXX-XXXX")) }}`, `{{ p.email | mailto(…) }}`: a
    // tap-to-call or mail link on the site; a missing value as `v` prints it.
    let tel_labels = labels.clone();
    env.add_filter(
        "tel",
        move |state: &State, value: Value, placeholder: Option<Value>| {
            contact_link(state, &tel_labels, Scheme::Tel, value, placeholder)
        },
    );
    let mail_labels = labels.clone();
    env.add_filter(
        "mailto",
        move |state: &State, value: Value, placeholder: Option<Value>| {
            contact_link(state, &mail_labels, Scheme::Mailto, value, placeholder)
        },
    );
    // `{{ o.name | v | link(o.url) }}`: the text as a link to the body's web
    // page when it has one.
    env.add_filter("link", web_link);
    env.add_filter("wareki", move |d: Value| date_filter(d, long_date));
    env.add_filter("slash", |d: Value| date_filter(d, Date::slash));
    env.add_filter("circled", circled);
    env.add_filter("url", checked_url);
    env.add_function("missing", |v: Value| is_missing(&v));
    // A label of the template itself (not data): `{{ _("頻度") }}`, looked up in
    // the language's catalogue; extracted into messages.pot by `xgettext`.
    // `{{ _("{n}件", n=3) }}` fills `{n}` after translation.
    let label_labels = labels.clone();
    env.add_function(
        "_",
        move |state: &State, label: String, kwargs: Kwargs| -> Result<Value, Error> {
            label_function(state, &label_labels, &label, &kwargs)
        },
    );
    // A figure block's drawing (`{{ figure("org_chart") }}`, from the block's
    // context; `figure("org_chart", data)` from `data`): HTML with inline SVG,
    // escaped where it is made.
    let figure_labels = labels.clone();
    let plan = edition == Edition::Plan;
    env.add_function(
        "figure",
        move |state: &State, name: String, data: Option<Value>| -> Result<Value, Error> {
            let draw = crate::blocks::block(&name)
                .and_then(|b| b.draw)
                .ok_or_else(|| {
                    Error::new(
                        ErrorKind::InvalidOperation,
                        format!("図「{name}」はありません"),
                    )
                })?;
            let context = state.lookup(CONTEXT);
            let context = context
                .as_ref()
                .and_then(|c| c.downcast_object_ref::<ContextJson>());
            let json = match (data, context) {
                (None, Some(context)) => Cow::Borrowed(&*context.0),
                (data, _) => {
                    let data = data.or_else(|| state.lookup("data")).unwrap_or_default();
                    Cow::Owned(
                        serde_json::to_value(&data)
                            .map_err(|e| Error::new(ErrorKind::InvalidOperation, e.to_string()))?,
                    )
                }
            };
            let tr = |label: &str| figure_labels.tr(label).to_string();
            let words = crate::blocks::figure::Words { tr: &tr, plan };
            Ok(Value::from_safe_string(draw(&json, &words)))
        },
    );
    env.add_function("fail", |message: String| -> Result<Value, Error> {
        Err(Error::new(ErrorKind::InvalidOperation, message))
    });
    env
}

/// `_()`: the translated label with each `{name}` replaced by the keyword
/// argument `name`, escaped for where it lands. The label's text and plain
/// arguments are escaped together (as one value would be); a safe argument
/// (already escaped: `v`, another `_()`) goes in as is. An argument shaped
/// `{"id", "args"}` is itself a label with arguments (a check finding's
/// message), and `{"text", "cut"}` data wording to cut short.
fn label_function(
    state: &State,
    labels: &Labels,
    label: &str,
    kwargs: &Kwargs,
) -> Result<Value, Error> {
    let html = matches!(state.auto_escape(), AutoEscape::Html);
    let markdown = matches!(state.auto_escape(), AutoEscape::Custom("markdown"));
    let escape = |s: &str| {
        if html {
            escape_html(s)
        } else if markdown {
            escape_markdown(s)
        } else {
            s.to_string()
        }
    };
    let mut args = BTreeMap::new();
    for name in kwargs.args() {
        args.insert(name, kwargs.get::<Value>(name)?);
    }
    kwargs.assert_all_used()?;
    let mut out = String::new();
    let mut plain = String::new();
    for part in parts(labels.tr(label)) {
        match (part, part_value(part, &args)) {
            (_, Some(v)) if v.is_safe() => {
                out.push_str(&escape(&std::mem::take(&mut plain)));
                out.push_str(&v.to_string());
            }
            (_, Some(v)) => plain.push_str(&arg_text(labels, v, false)),
            (Part::Text(text), None) => plain.push_str(text),
            (Part::Placeholder(name), None) => plain.push_str(&format!("{{{name}}}")),
        }
    }
    out.push_str(&escape(&plain));
    Ok(Value::from_safe_string(out))
}

fn part_value<'a>(part: Part<'_>, args: &'a BTreeMap<&str, Value>) -> Option<&'a Value> {
    match part {
        Part::Placeholder(name) => args.get(name),
        Part::Text(_) => None,
    }
}

/// The text of an argument of `_()` (not escaped). Strings inside a message
/// are looked up too (data wording the catalogue translates).
fn arg_text(labels: &Labels, value: &Value, nested: bool) -> String {
    let map = value.kind() == ValueKind::Map;
    let attr = |name: &str| {
        map.then(|| value.get_attr(name).ok())
            .flatten()
            .filter(|v| !v.is_undefined())
    };
    if value.is_none() || value.is_undefined() {
        String::new()
    } else if let Some(id) = attr("id") {
        let args = attr("args");
        fill_with(labels.tr(&id.to_string()), |name| {
            let arg = args.as_ref()?.get_attr(name).ok()?;
            (!arg.is_undefined()).then(|| arg_text(labels, &arg, true))
        })
    } else if let (Some(text), Some(cut)) = (attr("text"), attr("cut")) {
        let cut = usize::try_from(cut).unwrap_or(usize::MAX);
        cut_text(labels.tr(&text.to_string()), cut)
    } else if nested {
        labels.tr(&value.to_string()).to_string()
    } else {
        value.to_string()
    }
}

/// True for none, undefined and empty or whitespace-only strings.
pub fn is_missing(v: &Value) -> bool {
    v.is_undefined() || v.is_none() || v.as_str().is_some_and(|s| s.trim().is_empty())
}

/// `{{ x | v(_("〇〇〇社")) }}`: the value escaped for where it lands; when it
/// is missing, the placeholder (template edition; as is when already safe, as
/// `_()` makes it) or a visible 未記入 mark (plan), in the language of `labels`.
fn filled(
    state: &State,
    labels: &Labels,
    value: Value,
    placeholder: Option<Value>,
) -> Result<Value, Error> {
    let html = matches!(state.auto_escape(), AutoEscape::Html);
    let escape = |s: &str| {
        if html {
            escape_html(s)
        } else {
            escape_markdown(s)
        }
    };
    if !is_missing(&value) {
        return Ok(Value::from_safe_string(escape(&value.to_string())));
    }
    let placeholder = match placeholder.filter(|p| !p.is_none()) {
        Some(p) if p.is_safe() => p.to_string(),
        Some(p) => escape(&p.to_string()),
        None => escape(labels.tr(crate::messages::PLACEHOLDER)),
    };
    Ok(Value::from_safe_string(missing_mark_in(
        labels,
        state.lookup("edition").as_ref().and_then(Value::as_str) == Some("plan"),
        &placeholder,
    )))
}

/// The two kinds of contact link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scheme {
    Tel,
    Mailto,
}

/// `tel` and `mailto`: the value as written, escaped for where it lands,
/// inside `<a class="bcp-tel" href="tel:0355550201">` (the address keeps only
/// digits and a leading `+`) or `<a class="bcp-mail" href="mailto:…">` (only a
/// plain `local@domain` address becomes a link). A value that gives no usable
/// address stays text; a missing one is printed as [`filled`] prints it.
fn contact_link(
    state: &State,
    labels: &Labels,
    scheme: Scheme,
    value: Value,
    placeholder: Option<Value>,
) -> Result<Value, Error> {
    if is_missing(&value) {
        return filled(state, labels, value, placeholder);
    }
    let shown = filled(state, labels, value.clone(), None)?;
    let text = value.to_string();
    let (class, href) = match scheme {
        Scheme::Tel => ("bcp-tel", tel_href(&text)),
        Scheme::Mailto => ("bcp-mail", mailto_href(&text)),
    };
    Ok(Value::from_safe_string(match href {
        Some(href) => format!(
            "<a class=\"{class}\" href=\"{}\">{shown}</a>",
            escape_html(&href)
        ),
        None => shown.to_string(),
    }))
}

/// `tel:` and the digits of a phone number as written (`03-5555-0201` →
/// `tel:0355550201`, `+81 3-5555-0201` → `tel:+81355550201`); `None` when it
/// has no digits.
fn tel_href(text: &str) -> Option<String> {
    let text = text.trim();
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return None;
    }
    let plus = if text.starts_with('+') { "+" } else { "" };
    Some(format!("tel:{plus}{digits}"))
}

/// `mailto:` and the address, for a plain `local@domain.tld` address only
/// (letters, digits, `. _ % + -`); `None` for anything else.
fn mailto_href(text: &str) -> Option<String> {
    let text = text.trim();
    let (local, domain) = text.split_once('@')?;
    let ok_local = |c: char| c.is_ascii_alphanumeric() || "._%+-".contains(c);
    let ok_domain = |c: char| c.is_ascii_alphanumeric() || ".-".contains(c);
    let valid = !local.is_empty()
        && local.chars().all(ok_local)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && domain.chars().all(ok_domain);
    valid.then(|| format!("mailto:{text}"))
}

/// `link`: `text` (escaped for where it lands unless already safe) inside
/// `<a href="URL">` when `url` is a safe web, mail or phone address; the text
/// alone otherwise. `|` is percent-encoded so a Markdown table cell stays one.
fn web_link(state: &State, text: Value, url: Option<Value>) -> Result<Value, Error> {
    let text = if text.is_safe() {
        text.to_string()
    } else if matches!(state.auto_escape(), AutoEscape::Html) {
        escape_html(&text.to_string())
    } else {
        escape_markdown(&text.to_string())
    };
    let url = url.filter(|u| !is_missing(u)).map(|u| u.to_string());
    Ok(Value::from_safe_string(match url {
        Some(url) if crate::plan::safe_url(&url) => format!(
            "<a href=\"{}\">{text}</a>",
            escape_html(url.trim()).replace('|', "%7C")
        ),
        _ => text,
    }))
}

/// The mark printed for a missing value (already-escaped placeholder in), in
/// the source language; see [`missing_mark_in`].
pub fn missing_mark(plan: bool, placeholder: &str) -> String {
    missing_mark_in(&Labels::source(), plan, placeholder)
}

/// The mark printed for a missing value: the placeholder (already escaped)
/// in the template edition, 未記入 in the language of `labels` in the plan.
pub fn missing_mark_in(labels: &Labels, plan: bool, placeholder: &str) -> String {
    if plan {
        let text = escape_html(labels.tr(crate::messages::MISSING));
        format!("<span class=\"bcp-missing\" title=\"{text}\">{text}</span>")
    } else {
        format!("<span class=\"bcp-ph\">{placeholder}</span>")
    }
}

fn date_filter(value: Value, f: fn(Date) -> String) -> Result<Value, Error> {
    if is_missing(&value) {
        return Ok(Value::from(()));
    }
    let text = value.to_string();
    Date::parse(&text)
        .map(|d| Value::from(f(d)))
        .ok_or_else(|| Error::new(ErrorKind::InvalidOperation, format!("not a date: {text}")))
}

/// 1 → ①, up to ⑳.
fn circled(n: usize) -> String {
    char::from_u32(0x2460 + n.saturating_sub(1) as u32)
        .filter(|_| (1..=20).contains(&n))
        .map(String::from)
        .unwrap_or_else(|| format!("({n})"))
}

fn checked_url(value: String) -> Result<String, Error> {
    if crate::plan::safe_url(&value) {
        Ok(value)
    } else {
        Err(Error::new(
            ErrorKind::InvalidOperation,
            format!("unsafe link refused: {value}"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn args_are_read_from_the_first_line() {
        assert_eq!(
            crate::blocks::declared_args("{#- args: of placeholder -#}\nx"),
            ["of", "placeholder"]
        );
        assert!(crate::blocks::declared_args("| a |").is_empty());
    }

    #[test]
    fn labels_are_found_in_templates() {
        let source = r#"| {{ _("頻度") }} | {{ x | v(_('〇〇')) }} | {{ _("{n}件", n=1) }} | {{ my_("no") }} | {{ _("頻度") }}"#;
        assert_eq!(labels_in(source), ["頻度", "〇〇", "{n}件"]);
    }

    fn render(source: &str, name: &str, value: &str) -> String {
        let labels = Labels::source();
        let mut env = environment(Edition::Plan, &labels);
        env.add_template_owned(name.to_string(), source.to_string())
            .unwrap();
        env.get_template(name)
            .unwrap()
            .render(minijinja::context! { x => value })
            .unwrap()
    }

    #[test]
    fn phone_numbers_become_tel_links() {
        let md = "{{ x | tel }}";
        assert_eq!(
            render(md, "t.md.j2", "03-5555-0201"),
            r#"<a class="bcp-tel" href="tel:0355550201">03-5555-0201</a>"#
        );
        assert_eq!(
            render(md, "t.md.j2", "+81 3-5555-0201"),
            // A leading `+` is escaped for Markdown (it would start a list).
            r#"<a class="bcp-tel" href="tel:+81355550201">\+81 3-5555-0201</a>"#
        );
        assert_eq!(render(md, "t.md.j2", "内線なし"), "内線なし");
        assert!(render(md, "t.md.j2", "").contains("bcp-missing"));
        assert!(!render(md, "t.md.j2", "").contains("<a"));
    }

    #[test]
    fn mail_addresses_become_mailto_links() {
        let html = "{{ x | mailto }}";
        assert_eq!(
            render(html, "t.html.j2", "a.b+c@ex-ample.jp"),
            r#"<a class="bcp-mail" href="mailto:a.b+c@ex-ample.jp">a.b+c@ex-ample.jp</a>"#
        );
        assert_eq!(
            render(html, "t.html.j2", "a&b@example.jp"),
            "a&amp;b@example.jp"
        );
        assert_eq!(
            render(html, "t.html.j2", "not an address"),
            "not an address"
        );
    }

    #[test]
    fn hostile_phone_values_stay_text() {
        let value = r#"03" onclick="x()"<script>alert(1)</script>|*x*"#;
        for name in ["t.md.j2", "t.html.j2"] {
            let out = render("{{ x | tel }} {{ x | mailto }}", name, value);
            assert!(!out.contains("<script"), "{name}: {out}");
            assert!(!out.contains("\" onclick"), "{name}: {out}");
            assert!(
                out.starts_with(r#"<a class="bcp-tel" href="tel:031">"#),
                "{out}"
            );
            assert!(out.contains("&lt;script&gt;"), "{out}");
        }
        assert!(render("{{ x | tel }}", "t.md.j2", value).contains(r"\|\*x\*"));
    }

    #[test]
    fn web_links_are_safe() {
        let out = |url: &str| {
            let labels = Labels::source();
            let mut env = environment(Edition::Plan, &labels);
            env.add_template("t.md.j2", "{{ x | link(u) }}").unwrap();
            env.get_template("t.md.j2")
                .unwrap()
                .render(minijinja::context! { x => "A|B", u => url })
                .unwrap()
        };
        assert_eq!(
            out("https://a.jp/?q=\"x\"|y"),
            r#"<a href="https://a.jp/?q=&quot;x&quot;%7Cy">A\|B</a>"#
        );
        assert_eq!(out("javascript:alert(1)"), r"A\|B");
        assert_eq!(out(""), r"A\|B");
    }

    #[test]
    fn circled_numbers() {
        assert_eq!(circled(1), "①");
        assert_eq!(circled(7), "⑦");
        assert_eq!(circled(21), "(21)");
    }
}
