//! Labels the engine itself prints (table headers, status words, marks),
//! looked up in the book language's catalogue.
//!
//! Chapters are translated by mdbook-i18n-helpers' gettext; our templates'
//! labels (`{{ _("頻度") }}`) and the Rust-side labels ([`engine_labels`]) go
//! through [`Labels`], filled from the same `po/LANG.po`.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

use polib::catalog::Catalog;
use serde::Serialize;

/// The source language of every book: chapters, data and labels are Japanese.
pub const SOURCE_LANGUAGE: &str = "ja";

/// Every label the engine prints from Rust code (messages, status words,
/// marks) and every field label of the block registry, each once: what
/// `xgettext` puts in messages.pot besides the templates' `_("…")` labels.
pub fn engine_labels() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for label in crate::messages::ALL
        .iter()
        .copied()
        .chain(crate::blocks::field_labels())
    {
        if !out.contains(&label) {
            out.push(label);
        }
    }
    out
}

/// A language and its translations of labels (msgid → msgstr).
#[derive(Debug, Clone, Default)]
pub struct Labels {
    lang: Option<String>,
    map: Arc<HashMap<String, String>>,
}

impl Labels {
    /// Japanese: every label as written.
    pub fn source() -> Labels {
        Labels::default()
    }

    /// `lang` with its translations.
    pub fn new(lang: &str, map: HashMap<String, String>) -> Labels {
        Labels {
            lang: Some(lang.to_string()),
            map: Arc::new(map),
        }
    }

    /// The language code (`ja` for the source).
    pub fn lang(&self) -> &str {
        self.lang.as_deref().unwrap_or(SOURCE_LANGUAGE)
    }

    /// The label in this language, or as written when it has no translation.
    pub fn tr<'a>(&'a self, label: &'a str) -> &'a str {
        self.map
            .get(label)
            .map(String::as_str)
            .filter(|s| !s.is_empty())
            .unwrap_or(label)
    }
}

impl Labels {
    /// [`Labels::tr`], then each `{name}` of the label replaced by the value
    /// of `name` in `args` (a placeholder without one is kept as written).
    pub fn fill(&self, label: &str, args: &[(&str, &str)]) -> String {
        fill_with(self.tr(label), |name| {
            args.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        })
    }
}

/// A piece of a label: text, or the name of a `{name}` placeholder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part<'a> {
    Text(&'a str),
    Placeholder(&'a str),
}

/// Splits a label at its `{name}` placeholders (a name is ASCII letters,
/// digits and `_`; any other brace is text).
pub fn parts(label: &str) -> Vec<Part<'_>> {
    let mut out = Vec::new();
    let (mut text_from, mut from) = (0, 0);
    while let Some(open) = label[from..].find('{').map(|at| from + at) {
        let rest = &label[open + 1..];
        let len = rest
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
            .count();
        if len > 0 && rest.as_bytes().get(len) == Some(&b'}') {
            if open > text_from {
                out.push(Part::Text(&label[text_from..open]));
            }
            out.push(Part::Placeholder(&rest[..len]));
            text_from = open + len + 2;
            from = text_from;
        } else {
            from = open + 1;
        }
    }
    if text_from < label.len() {
        out.push(Part::Text(&label[text_from..]));
    }
    out
}

/// `label` with each placeholder replaced by `value(name)`, or kept as
/// written when that is `None`. Values are not searched for placeholders.
pub fn fill_with(label: &str, mut value: impl FnMut(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(label.len());
    for part in parts(label) {
        match part {
            Part::Text(text) => out.push_str(text),
            Part::Placeholder(name) => match value(name) {
                Some(v) => out.push_str(&v),
                None => {
                    out.push('{');
                    out.push_str(name);
                    out.push('}');
                }
            },
        }
    }
    out
}

/// A sentence printed from Rust in the book's language: a label with `{name}`
/// placeholders (`id`, in [`engine_labels`]) and the arguments that fill them.
/// Serialized as `{"id": …, "args": {…}}`, the shape `{{ _(id, **args) }}`
/// of the templates takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Message {
    pub id: String,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub args: BTreeMap<String, Arg>,
}

/// The value of a placeholder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Arg {
    /// A name, number, date or key: printed as written, or as translated when
    /// it is data wording the catalogue has.
    Text(String),
    /// Data wording cut to its first `cut` characters (then `…`), after translation.
    Cut { text: String, cut: usize },
    /// A label (itself maybe with arguments).
    Label(Message),
}

/// A label without arguments, as the argument of a message.
pub fn label(id: &str) -> Message {
    Message::new(id)
}

impl Message {
    pub fn new(id: impl Into<String>) -> Message {
        Message {
            id: id.into(),
            args: BTreeMap::new(),
        }
    }

    /// The message with `{name}` filled by `value`.
    pub fn with(mut self, name: &str, value: impl Into<Arg>) -> Message {
        self.args.insert(name.to_string(), value.into());
        self
    }

    /// The message in the language of `labels` (not escaped).
    pub fn text(&self, labels: &Labels) -> String {
        fill_with(labels.tr(&self.id), |name| {
            self.args.get(name).map(|arg| arg.text(labels))
        })
    }

    /// The ids of the message and of the labels among its arguments.
    pub fn ids(&self) -> Vec<&str> {
        let mut ids = vec![self.id.as_str()];
        for arg in self.args.values() {
            if let Arg::Label(m) = arg {
                ids.extend(m.ids());
            }
        }
        ids
    }
}

impl Arg {
    /// `text` cut to `chars` characters for a message.
    pub fn cut(text: &str, chars: usize) -> Arg {
        Arg::Cut {
            text: text.to_string(),
            cut: chars,
        }
    }

    /// The argument in the language of `labels`.
    pub fn text(&self, labels: &Labels) -> String {
        match self {
            Arg::Text(text) => labels.tr(text).to_string(),
            Arg::Cut { text, cut } => cut_text(labels.tr(text), *cut),
            Arg::Label(m) => m.text(labels),
        }
    }
}

/// The first `chars` characters of `text`, with `…` when it was longer.
pub fn cut_text(text: &str, chars: usize) -> String {
    let mut s: String = text.chars().take(chars).collect();
    if text.chars().count() > chars {
        s.push('…');
    }
    s
}

impl From<String> for Arg {
    fn from(text: String) -> Arg {
        Arg::Text(text)
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Arg {
        Arg::Text(text.to_string())
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Text(n.to_string())
    }
}

impl From<Message> for Arg {
    fn from(m: Message) -> Arg {
        Arg::Label(m)
    }
}

/// Header fields polib needs in every .po file.
const HEADER_KEYS: &[&str] = &[
    "Project-Id-Version",
    "POT-Creation-Date",
    "PO-Revision-Date",
    "Language-Team",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
    "Language",
    "Plural-Forms",
];

/// Reads a `.po` file (or `messages.pot`), naming the file when it fails.
pub fn read_catalog(path: &Path) -> anyhow::Result<Catalog> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| anyhow::anyhow!("翻訳ファイル {} を読めません: {e}", path.display()))?;
    // polib panics on a header without these; say which one is missing instead.
    let header: String = text
        .split("\n\n")
        .find(|entry| entry.contains("msgid \"\""))
        .unwrap_or("")
        .to_string();
    for key in HEADER_KEYS {
        if !header.contains(&format!("\"{key}:")) {
            anyhow::bail!(
                "翻訳ファイル {} の先頭（msgid \"\" の msgstr）に「{key}:」の行がありません（msgmerge や msginit が書く見出しです）",
                path.display()
            );
        }
    }
    polib::po_file::parse(path)
        .map_err(|e| anyhow::anyhow!("翻訳ファイル {} を読めません: {e}", path.display()))
}

/// The messages of `catalog` that count as translated: a non-empty msgstr and
/// not marked fuzzy (gettext ignores fuzzy entries too).
pub fn translated(catalog: &Catalog) -> HashMap<String, String> {
    catalog
        .messages()
        .filter(|m| m.is_singular() && m.is_translated() && !m.is_fuzzy())
        .filter_map(|m| Some((m.msgid().to_string(), m.msgstr().ok()?.to_string())))
        .collect()
}

impl Labels {
    /// The labels of `lang` from `po_dir/LANG.po` under `root`; the source
    /// language, or a language without a po file yet, prints labels as written.
    pub fn load(root: &Path, po_dir: &Path, lang: &str) -> anyhow::Result<Labels> {
        if lang == SOURCE_LANGUAGE {
            return Ok(Labels::source());
        }
        let path = root.join(po_dir).join(format!("{lang}.po"));
        if !path.is_file() {
            return Ok(Labels::new(lang, HashMap::new()));
        }
        Ok(Labels::new(lang, translated(&read_catalog(&path)?)))
    }

    /// Every translation (msgid → msgstr), chapters' messages included.
    pub fn translations(&self) -> &HashMap<String, String> {
        &self.map
    }

    /// True for the source language (nothing to translate).
    pub fn is_source(&self) -> bool {
        self.lang() == SOURCE_LANGUAGE
    }
}

/// True when the data field at `path` (ids of keyed tables and array
/// indexes left out: `backups.method`, `checks.items.text`, `policies`) is
/// template wording, per the block registry. Names, phone numbers,
/// addresses, e-mail, URLs, dates and ids never are.
pub fn is_wording(path: &str) -> bool {
    let mut parts = path.split('.');
    let Some(table) = parts.next().and_then(crate::blocks::table) else {
        return false;
    };
    let mut table = table;
    let Some(mut key) = parts.next() else {
        return table.wording;
    };
    for next in parts {
        match table.nested.iter().find(|n| n.key == key) {
            Some(n) => (table, key) = (n.table, next),
            None => return false,
        }
    }
    table.field(key).is_some_and(|f| f.wording)
}

fn is_keyed(table: &str) -> bool {
    crate::blocks::table(table).is_some_and(|t| t.shape == crate::blocks::Shape::Keyed)
}

/// A translatable text found in a data file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataMessage {
    pub text: String,
    /// The file, relative to the book root, with `/` separators.
    pub file: String,
    pub line: usize,
    /// The field's path, e.g. `backups.method`.
    pub field: String,
}

/// The translatable texts of every data file under `root/data_dir`, in file
/// order; a file that does not parse is skipped (the build reports it).
pub fn data_messages(root: &Path, data_dir: &Path) -> anyhow::Result<Vec<DataMessage>> {
    let mut out = Vec::new();
    if !root.join(data_dir).is_dir() {
        return Ok(out);
    }
    for entry in walkdir::WalkDir::new(root.join(data_dir)).sort_by_file_name() {
        let entry = entry?;
        if entry.path().extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path())?;
        let Ok(table) = toml::de::DeTable::parse(&text) else {
            continue;
        };
        let file = entry
            .path()
            .strip_prefix(root)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        let mut found = Vec::new();
        walk_table(table.get_ref(), "", &mut found);
        for (field, span, value) in found {
            let line = text[..span.start].matches('\n').count() + 1;
            out.push(DataMessage {
                text: value,
                file: file.clone(),
                line,
                field,
            });
        }
    }
    Ok(out)
}

type Found = Vec<(String, std::ops::Range<usize>, String)>;

fn walk_table(table: &toml::de::DeTable, path: &str, found: &mut Found) {
    use toml::de::DeValue;
    for (key, value) in table {
        let key = key.get_ref().as_ref();
        match value.get_ref() {
            // `[systems.receipt]`: under a keyed table each key is an id, not a field.
            DeValue::Table(records) if path.is_empty() && is_keyed(key) => {
                for record in records.values() {
                    walk_value(record, key, found);
                }
            }
            _ if path.is_empty() => walk_value(value, key, found),
            _ => walk_value(value, &format!("{path}.{key}"), found),
        }
    }
}

fn walk_value(value: &toml::Spanned<toml::de::DeValue>, path: &str, found: &mut Found) {
    use toml::de::DeValue;
    match value.get_ref() {
        DeValue::String(s) if is_wording(path) && !s.trim().is_empty() => {
            found.push((path.to_string(), value.span(), s.to_string()));
        }
        DeValue::Array(items) => items.iter().for_each(|item| walk_value(item, path, found)),
        DeValue::Table(table) => walk_table(table, path, found),
        _ => {}
    }
}

/// Replaces, in the template context, every text that has a translation.
/// Only data texts are messages, so names and numbers stay as written.
pub fn translate_data(value: &mut serde_json::Value, labels: &Labels) {
    if labels.is_source() {
        return;
    }
    match value {
        serde_json::Value::String(s) => {
            if let Some(t) = labels.map.get(s.as_str()).filter(|t| !t.is_empty()) {
                *s = t.clone();
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(|v| translate_data(v, labels)),
        serde_json::Value::Object(map) => map.values_mut().for_each(|v| translate_data(v, labels)),
        _ => {}
    }
}

#[cfg(test)]
mod label_tests {
    use super::*;

    fn english(pairs: &[(&str, &str)]) -> Labels {
        let map = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Labels::new("en", map)
    }

    #[test]
    fn tr_looks_labels_up_and_falls_back_to_the_source() {
        let en = english(&[("頻度", "Frequency"), ("未着手", "")]);
        assert_eq!(en.lang(), "en");
        assert_eq!(en.tr("頻度"), "Frequency");
        assert_eq!(en.tr("未着手"), "未着手", "an empty msgstr is untranslated");
        assert_eq!(en.tr("作成方法"), "作成方法");
        assert_eq!(Labels::source().tr("頻度"), "頻度");
        assert_eq!(Labels::source().lang(), SOURCE_LANGUAGE);
    }

    #[test]
    fn fill_replaces_placeholders_after_translation() {
        let en = english(&[("研修用資料 — {title}", "Training handout — {title}")]);
        assert_eq!(
            en.fill("研修用資料 — {title}", &[("title", "BCP {x}")]),
            "Training handout — BCP {x}",
            "values are not searched for placeholders"
        );
        assert_eq!(
            Labels::source().fill("{a}・{b}", &[("a", "1")]),
            "1・{b}",
            "a placeholder without a value is kept"
        );
        assert_eq!(
            parts("{ x }{n}件"),
            [
                Part::Text("{ x }"),
                Part::Placeholder("n"),
                Part::Text("件")
            ]
        );
    }

    #[test]
    fn a_message_is_translated_with_its_arguments() {
        let m = Message::new("{what}が未記入です").with(
            "what",
            Message::new("2.1.4 情報機器台帳 {device} の{name}（{key}）")
                .with("device", "PC-01")
                .with("name", label("設置場所"))
                .with("key", "location"),
        );
        assert_eq!(
            m.text(&Labels::source()),
            "2.1.4 情報機器台帳 PC-01 の設置場所（location）が未記入です"
        );
        let en = english(&[
            ("{what}が未記入です", "{what} is not filled in"),
            (
                "2.1.4 情報機器台帳 {device} の{name}（{key}）",
                "the {name} ({key}) of {device} in 2.1.4 Device ledger",
            ),
            ("設置場所", "location"),
        ]);
        assert_eq!(
            m.text(&en),
            "the location (location) of PC-01 in 2.1.4 Device ledger is not filled in"
        );
        assert_eq!(
            m.ids(),
            [
                "{what}が未記入です",
                "2.1.4 情報機器台帳 {device} の{name}（{key}）",
                "設置場所"
            ]
        );
        let cut = Arg::cut(
            "患者情報を含むデータのバックアップを定期的に取得している。",
            20,
        );
        assert_eq!(
            cut.text(&Labels::source()),
            "患者情報を含むデータのバックアップを定期…"
        );
    }

    #[test]
    fn engine_labels_hold_the_statuses_kinds_and_field_labels() {
        let all = engine_labels();
        for status in crate::messages::STATUSES {
            assert!(all.contains(&status), "status {status}");
        }
        for label in [
            "サポート終了",
            "ソフトウェアバージョン",
            "確認欄",
            "{what}の{name}（{key}）が未記入です",
        ] {
            assert!(all.contains(&label), "{label}");
        }
    }

    #[test]
    fn wording_comes_from_the_registry() {
        for path in [
            "policies",
            "backups.method",
            "checks.items.text",
            "flow.call.text",
            "people.title",
        ] {
            assert!(is_wording(path), "{path}");
        }
        for path in [
            "people.name",
            "orgs.phone",
            "devices.ip",
            "links.url",
            "flow.call.org",
            "nothing",
        ] {
            assert!(!is_wording(path), "{path}");
        }
    }
}

#[cfg(test)]
mod data_message_tests {
    use super::*;

    #[test]
    fn template_wording_is_a_message_and_names_and_numbers_are_not() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("data")).unwrap();
        std::fs::write(
            dir.path().join("data/a.toml"),
            "[systems.rx]\nname = \"電子薬歴\"\n\n[orgs.police]\nname = \"警視庁\"\ndepartment = \"相談窓口\"\nphone = \"03-0000-0000\"\n\n[people.a]\nname = \"山田\"\ntitle = \"管理薬剤師\"\n\n[[fallbacks]]\ntask = \"調剤\"\nsystem = \"rx\"\n\nevents = []\n",
        )
        .unwrap();
        let found = data_messages(dir.path(), Path::new("data")).unwrap();
        let got: Vec<(&str, &str, usize)> = found
            .iter()
            .map(|m| (m.field.as_str(), m.text.as_str(), m.line))
            .collect();
        assert_eq!(
            got,
            [
                ("systems.name", "電子薬歴", 2),
                ("orgs.department", "相談窓口", 6),
                ("people.title", "管理薬剤師", 11),
                ("fallbacks.task", "調剤", 14),
            ]
        );
    }
}
