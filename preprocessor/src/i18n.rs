//! Labels the engine itself prints (table headers, status words, marks),
//! looked up in the book language's catalogue.
//!
//! Chapters are translated by mdbook-i18n-helpers' gettext; our templates'
//! labels (`{{ _("頻度") }}`) and the Rust-side labels ([`UI_LABELS`]) go
//! through [`Labels`], filled from the same `po/LANG.po`.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

use polib::catalog::Catalog;
use serde::Serialize;

/// The source language of every book: chapters, data and labels are Japanese.
pub const SOURCE_LANGUAGE: &str = "ja";

/// Labels printed from Rust code (print documents, marks, check findings,
/// status words), listed so `xgettext` can put them in messages.pot. A test
/// checks that every literal label of the Rust sources (`tr("…")`,
/// `fill("…"`, `label("…")`, `msg!("…"`) is here.
pub const UI_LABELS: &[&str] = &[
    // render.rs: the marks of a missing value.
    "未記入",
    "〇〇〇〇",
    // cli/print.rs: the print documents.
    "目次",
    "研修用資料 — {title}",
    "研修用資料（抜粋）",
    // The statuses of a checklist item (data::STATUSES).
    "未着手",
    "対応中",
    "完了",
    "対象外",
    // check.rs: the kinds of finding (未記入 above).
    "エラー",
    "〇〇のまま",
    "担当・予定なし",
    "期限超過",
    "見直し",
    "教育・訓練",
    "サポート終了",
    // check.rs: the messages of findings and the labels they quote.
    "[organization]（薬局名・策定日・見直し日）がどのデータファイルにもありません",
    "organization.name（薬局名）が未記入です（表紙・1.1 に表示）",
    "organization.adopted（策定日）が未記入です（表紙に表示）",
    "organization.reviewed（最終見直し日）が記録されていません（計画は定期的に見直します）",
    "最終見直し日 {reviewed} から1年以上たっています（{as_of} 時点）。計画を見直し、reviewed を更新します",
    "{what}が未記入です",
    "1.4.2 備えるべき脅威 {row}行目の{name}（{key}）",
    "ITリスク",
    "感染経路",
    "被害",
    "1.4.3 被害想定 {row}行目の{name}（{key}）",
    "カテゴリ",
    "予想される被害",
    "被害を大きくする要因",
    "{row}行目",
    "2.1.4 情報機器台帳 {device} の{name}（{key}）",
    "管理番号",
    "メーカー",
    "OS",
    "ソフトウェア",
    "ソフトウェアバージョン",
    "IPアドレス",
    "コンピュータ名",
    "設置場所",
    "主な利用者属性",
    "状態",
    "登録日",
    "2.1.4 情報機器台帳 {device} の「{name}」はサポートが終了しています（{product}: {end} 終了、{as_of} 時点。出典 {source}）。更新・入替を計画します",
    "2.2.5 バックアップ {row}行目のシステム（system か label）",
    "2.2.5 バックアップ {row}行目の{name}（{key}）",
    "頻度",
    "作成方法",
    "復旧方法",
    "2.3.2 事業継続戦略 {row}行目の{name}（{key}）",
    "戦略",
    "発動する状況",
    "2.3.3 優先業務 {row}行目の業務（task）",
    "2.3.4 代替手段 {row}行目の業務内容（task）",
    "2.3.4 代替手段 {row}行目のシステム（system か label）",
    "2.3.4 代替手段 {row}行目の代替手段（method）",
    "2.4 事前対策 {id}「{text}」",
    "{what}の状況（status）",
    "{what}の対応方法（method）",
    "{what}の{which}が決まっていません",
    "担当者（owner）と予定（due）",
    "担当者（owner）",
    "予定（due）",
    "{what}は予定 {due} を過ぎていますが{status}です（{as_of} 時点）",
    "3.1 部門連絡先 {row}行目の部署名（name）",
    "3.1 部門連絡先 {row}行目の担当者（person）",
    "資料3 確認表 {id}「{text}」の確認欄（status）が未記入です",
    "2.1.3 役割「{role}」",
    "{what}の概要（summary）が未記入です",
    "{what}の{who}が未記入です",
    "担当の事業者（orgs）",
    "担当者（people）",
    "{table}.{id} の{name}（{key}）が未記入です（{sections} に表示）",
    "名称",
    "電話番号",
    "メールアドレス",
    "氏名",
    "役職名",
    "連絡先",
    "{a}・{b}",
    "資料1",
    "{section}（{key}）が一件も書かれていません",
    "{what}が一件も書かれていません",
    "1.2 基本方針（policies）",
    "1.3 対象範囲（systems）",
    "1.4.1 想定する事象（events）",
    "2.1.3 担当者の役割（roles）",
    "2.1.4 情報機器台帳（devices）",
    "2.2.2 重要関係先連絡リスト（contacts）",
    "2.2.5 バックアップ（backups）",
    "2.3.2 事業継続戦略（strategies）",
    "2.3.3 優先業務（priorities）",
    "2.3.4 代替手段（fallbacks）",
    "2.4 事前対策（measures）",
    "3.1 部門連絡先一覧（departments）",
    "3.3.1 原因調査（investigations）",
    "教育・訓練の記録（trainings）がありません（2.2.4: 少なくとも年1回実施します）",
    "最後の教育・訓練 {date} から1年以上たっています（{as_of} 時点。2.2.4: 少なくとも年1回実施します）",
    "値に雛形の「{mark}」が残っています（実際の値に書き換えます）",
    "「{key}」の値に雛形の「{mark}」が残っています（実際の値に書き換えます）",
];

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
/// placeholders (`id`, in [`UI_LABELS`]) and the arguments that fill them.
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

/// Data fields whose text is the template's own wording (the 【記載例】 rows,
/// descriptions, procedures), translated with the chapters. Paths skip ids of
/// keyed tables and array indexes. Names, phone numbers, addresses, e-mail,
/// URLs, dates and ids are never messages.
pub const TRANSLATABLE_DATA: &[&str] = &[
    "policies",
    "events",
    "threats.risk",
    "threats.route",
    "threats.damage",
    "damages.category",
    "damages.damage",
    "damages.factor",
    "systems.name",
    "systems.short",
    "roles.name",
    "roles.summary",
    "people.title",
    "people.department",
    "orgs.department",
    "orgs.phone_note",
    "devices.maker",
    "devices.software",
    "devices.status",
    "devices.location",
    "devices.users",
    "devices.note",
    "contacts.label",
    "trainings.title",
    "backups.label",
    "backups.frequency",
    "backups.method",
    "backups.restore",
    "strategies.name",
    "strategies.trigger",
    "priorities.level",
    "priorities.task",
    "fallbacks.task",
    "fallbacks.label",
    "fallbacks.method",
    "measures.group",
    "measures.text",
    "measures.method",
    "departments.name",
    "investigations",
    "flow.phase",
    "flow.situation",
    "flow.action",
    "flow.measure",
    "flow.call.text",
    "steps.step",
    "steps.title",
    "steps.content",
    "checks.title",
    "checks.items.text",
    "links.title",
    "links.subtitle",
];

/// Tables keyed by id: the id is not part of a field's path.
const KEYED: &[&str] = &["people", "orgs", "systems", "roles"];

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
            DeValue::Table(records) if path.is_empty() && KEYED.contains(&key) => {
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
        DeValue::String(s) if TRANSLATABLE_DATA.contains(&path) && !s.trim().is_empty() => {
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
    fn ui_labels_are_unique_and_hold_the_statuses() {
        for (i, label) in UI_LABELS.iter().enumerate() {
            assert!(!UI_LABELS[..i].contains(label), "{label} twice");
        }
        for status in crate::data::STATUSES {
            assert!(UI_LABELS.contains(&status), "status {status}");
        }
    }

    /// The string literal at the start of `text` (after spaces), if any.
    fn literal(text: &str) -> Option<String> {
        let rest = text.trim_start().strip_prefix('"')?;
        let mut out = String::new();
        let mut chars = rest.chars();
        while let Some(c) = chars.next() {
            match c {
                '"' => return Some(out),
                '\\' => match chars.next()? {
                    'n' => out.push('\n'),
                    '\n' => {
                        // A line continuation: the next line's indent is dropped.
                        let tail: String = chars.clone().collect();
                        let skipped = tail.len() - tail.trim_start().len();
                        chars = rest[rest.len() - tail.len() + skipped..].chars();
                    }
                    other => out.push(other),
                },
                c => out.push(c),
            }
        }
        None
    }

    /// Every literal label of the Rust code outside tests and comments:
    /// `tr("…")`, `fill("…"`, `label("…")`, `msg!("…"`.
    fn literal_labels(source: &str) -> Vec<String> {
        let code = source.split("#[cfg(test)]").next().unwrap_or("");
        let code: String = code
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let mut found = Vec::new();
        for call in [".tr(", ".fill(", "label(", "msg!("] {
            for (at, _) in code.match_indices(call) {
                let before = code[..at].chars().next_back();
                if call == "label(" && before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                if let Some(text) = literal(&code[at + call.len()..]) {
                    found.push(text);
                }
            }
        }
        found
    }

    #[test]
    fn every_literal_label_of_the_rust_code_is_listed() {
        let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for dir in [crate_dir.join("src"), crate_dir.join("../cli")] {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                if entry.path().extension().is_some_and(|e| e == "rs") {
                    files.push(entry.path());
                }
            }
        }
        files.sort();
        let mut missing = Vec::new();
        let mut seen = 0;
        for file in &files {
            let source = std::fs::read_to_string(file).unwrap();
            for label in literal_labels(&source) {
                seen += 1;
                if !UI_LABELS.contains(&label.as_str()) {
                    missing.push(format!("{}: {label}", file.display()));
                }
            }
        }
        assert!(seen > 40, "only {seen} labels found: is the scan broken?");
        assert!(
            missing.is_empty(),
            "add these to i18n::UI_LABELS:\n{}",
            missing.join("\n")
        );
    }

    #[test]
    fn the_scan_reads_literals_and_skips_tests_and_comments() {
        let source = "let a = labels.tr(\"目次\");\n// labels.tr(\"comment\")\nlet b = msg!(\n    \"{what}が\\\n     未記入です\",\n    what = x);\nlet c = my_label(\"no\");\n#[cfg(test)]\nlabels.tr(\"test\")";
        assert_eq!(literal_labels(source), ["目次", "{what}が未記入です"]);
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
