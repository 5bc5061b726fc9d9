//! Loading the plan: every `*.toml` under `data/`, each parsed once into
//! typed records plus a [`SourceMap`] of where each key and value is written,
//! its references checked against the registry, then merged into one [`Data`].
//!
//! Loading judges only what makes the data unreadable (a syntax error, an
//! unknown key, an id that is not defined); what the plan still lacks is the
//! check's job ([`crate::check`]).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::Value;

use crate::blocks::{self, Shape, Table, Valid};
use crate::diag::{Diagnostic, did_you_mean};
use crate::model::Data;
use crate::source_map::SourceMap;

/// One parsed data file.
#[derive(Debug)]
pub struct DataFile {
    /// Path as shown in messages (relative to the book root).
    pub path: PathBuf,
    /// The text as read (without a byte-order mark).
    pub source: String,
    pub data: Data,
    /// Where each key and value is written.
    pub map: SourceMap,
}

impl DataFile {
    /// A diagnostic at byte `offset` of this file.
    pub fn at(&self, span: std::ops::Range<usize>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::at(&self.path, &self.source, span, message)
    }
}

/// The plan: its files (for positions) and all their records merged.
#[derive(Debug, Default)]
pub struct Plan {
    pub files: Vec<DataFile>,
    pub merged: Data,
}

impl Plan {
    /// Reads every `*.toml` under `root/dir` (sorted, so builds are deterministic).
    /// A missing folder is no data at all: the blank template.
    pub fn load(root: &Path, dir: &Path) -> Result<Plan, Diagnostic> {
        let mut paths: Vec<PathBuf> = walkdir::WalkDir::new(root.join(dir))
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        paths.sort();
        let mut files = Vec::new();
        for path in paths {
            let shown = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
            let source = std::fs::read_to_string(&path).map_err(|e| {
                Diagnostic::in_file(&shown, 1, format!("ファイルを読めません: {e}"))
            })?;
            files.push(parse_file(shown, source)?);
        }
        Plan::from_files(files)
    }

    /// Checks ids and references across the parsed files, then merges them.
    pub fn from_files(files: Vec<DataFile>) -> Result<Plan, Diagnostic> {
        let ids = Ids::collect(&files);
        for file in &files {
            validate(file, &ids)?;
        }
        let mut merged = Data::default();
        for file in &files {
            merge(&mut merged, file)?;
        }
        Ok(Plan { files, merged })
    }

    /// The file that defines `table.id` (keyed tables), if any.
    pub fn file_defining(&self, table: &str, id: &str) -> Option<&DataFile> {
        self.files
            .iter()
            .find(|f| f.map.get(&format!("{table}.{id}")).is_some())
    }
}

/// Parses one file, turning TOML and schema errors into plain-worded diagnostics.
pub fn parse_file(path: PathBuf, source: String) -> Result<DataFile, Diagnostic> {
    let source = match source.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => source,
    };
    let table = match toml::de::DeTable::parse(&source) {
        Ok(table) => table,
        Err(err) => return Err(toml_error(&path, &source, &SourceMap::default(), &err)),
    };
    let map = SourceMap::of(&table);
    match Data::deserialize(toml::de::Deserializer::from(table)) {
        Ok(data) => Ok(DataFile {
            path,
            source,
            data,
            map,
        }),
        Err(err) => Err(toml_error(&path, &source, &map, &err)),
    }
}

fn toml_error(path: &Path, source: &str, map: &SourceMap, err: &toml::de::Error) -> Diagnostic {
    let span = err.span().unwrap_or(0..0);
    // The key the error is about, as written (`devices.nmae`), from the spans.
    let at = map.path_at(span.start).map(without_indexes);
    let raw = err.message().trim();
    let message = if let Some(rest) = raw.strip_prefix("unknown field `") {
        let (name, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let known: Vec<&str> = expected
            .split('`')
            .skip(1)
            .step_by(2)
            .filter(|s| !s.is_empty())
            .collect();
        format!(
            "知らないキー「{}」です。{}使えるキー: {}",
            at.unwrap_or_else(|| name.to_string()),
            did_you_mean(name, known.iter().copied()).trim_start(),
            known.join(", ")
        )
        .replace("です。使えるキー", "です。 使えるキー")
    } else if let Some(rest) = raw.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or(rest);
        format!(
            "「{}」に必要なキー「{name}」がありません",
            at.unwrap_or_default()
        )
    } else if raw.starts_with("invalid type") {
        format!(
            "「{}」の値の種類が違います（{raw}）",
            at.unwrap_or_default()
        )
    } else if raw.contains("日付") {
        format!("「{}」: {raw}", at.unwrap_or_default())
    } else if raw.starts_with("duplicate key") {
        format!("同じキーが二度書かれています（{raw}）")
    } else {
        format!("TOML の書き方に誤りがあります: {raw}")
    };
    Diagnostic::at(path, source, span, message)
}

/// `devices[3].nmae` → `devices.nmae`.
fn without_indexes(path: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The ids defined in all files, per keyed table and per unique field
/// (`measures.id`), for checking references before merging.
struct Ids(BTreeMap<String, Vec<String>>);

impl Ids {
    fn collect(files: &[DataFile]) -> Ids {
        let mut ids: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for file in files {
            let data = serde_json::to_value(&file.data).expect("serializable");
            for table in blocks::TABLES {
                match table.shape {
                    Shape::Keyed => {
                        let keys = data[table.key]
                            .as_object()
                            .into_iter()
                            .flat_map(|m| m.keys());
                        ids.entry(table.key.to_string())
                            .or_default()
                            .extend(keys.cloned());
                    }
                    Shape::Rows => {
                        for field in table.fields.iter().filter(|f| f.unique) {
                            let values = rows(&data, table)
                                .filter_map(|(_, row)| row[field.key].as_str().map(String::from));
                            ids.entry(format!("{}.{}", table.key, field.key))
                                .or_default()
                                .extend(values);
                        }
                    }
                    _ => {}
                }
            }
        }
        Ids(ids)
    }

    fn of(&self, table: &str) -> Vec<&str> {
        self.0
            .get(table)
            .map(|v| v.iter().map(String::as_str).collect())
            .unwrap_or_default()
    }
}

/// The records of `table` in a file's data: (path as in the source map, record).
pub fn records<'a>(
    data: &'a Value,
    table: &'a Table,
) -> Box<dyn Iterator<Item = (String, &'a Value)> + 'a> {
    match table.shape {
        Shape::Single => Box::new(
            data.get(table.key)
                .filter(|v| !v.is_null())
                .map(|v| (table.key.to_string(), v))
                .into_iter(),
        ),
        Shape::Keyed => Box::new(data[table.key].as_object().into_iter().flat_map(move |m| {
            m.iter()
                .map(move |(id, v)| (format!("{}.{id}", table.key), v))
        })),
        Shape::Rows => rows(data, table),
        Shape::Texts | Shape::Words => Box::new(std::iter::empty()),
    }
}

/// The rows of a `[[table]]`, with their paths (`devices[3]`).
fn rows<'a>(
    data: &'a Value,
    table: &'a Table,
) -> Box<dyn Iterator<Item = (String, &'a Value)> + 'a> {
    Box::new(
        data[table.key]
            .as_array()
            .into_iter()
            .flat_map(move |rows| {
                rows.iter()
                    .enumerate()
                    .map(move |(i, row)| (format!("{}[{i}]", table.key), row))
            }),
    )
}

/// Checks the references, allowed values, URLs and unique ids of one file
/// against the registry.
fn validate(file: &DataFile, ids: &Ids) -> Result<(), Diagnostic> {
    let data = serde_json::to_value(&file.data).expect("serializable");
    for table in blocks::TABLES {
        for (path, record) in records(&data, table) {
            validate_record(file, ids, table, &path, record)?;
            for nested in table.nested {
                for (i, row) in record[nested.key]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .enumerate()
                {
                    let path = format!("{path}.{}[{i}]", nested.key);
                    validate_record(file, ids, nested.table, &path, row)?;
                }
            }
        }
    }
    Ok(())
}

fn validate_record(
    file: &DataFile,
    ids: &Ids,
    table: &Table,
    path: &str,
    record: &Value,
) -> Result<(), Diagnostic> {
    let written: Vec<&str> = table
        .exclusive
        .iter()
        .copied()
        .filter(|k| !record[*k].is_null())
        .collect();
    if written.len() > 1 {
        let at = file
            .map
            .value_start(&format!("{path}.{}", written[0]))
            .unwrap_or(0);
        return Err(file.at(
            at..at,
            format!(
                "{} の行には {} のどれか一つだけを書きます",
                table.key,
                table.exclusive.join("・")
            ),
        ));
    }
    for field in table.fields {
        let value = &record[field.key];
        let at = |suffix: &str| {
            file.map
                .get(&format!("{path}.{}{suffix}", field.key))
                .map_or(0..0, |p| p.value.clone())
        };
        if let Some(target) = field.refers {
            let refs: Vec<(String, &str)> = match value {
                Value::String(id) => vec![(String::new(), id.as_str())],
                Value::Array(items) => items
                    .iter()
                    .enumerate()
                    .filter_map(|(i, v)| v.as_str().map(|id| (format!("[{i}]"), id)))
                    .collect(),
                _ => Vec::new(),
            };
            let known = ids.of(target);
            for (suffix, id) in refs {
                if !known.contains(&id) {
                    return Err(file.at(
                        at(&suffix),
                        format!(
                            "「{id}」という ID は {target} にありません。{}定義済み: {}",
                            did_you_mean(id, known.iter().copied()).trim_start(),
                            if known.is_empty() {
                                "（なし）".to_string()
                            } else {
                                known.join(", ")
                            }
                        )
                        .replace("ありません。定義済み", "ありません。 定義済み"),
                    ));
                }
            }
        }
        let Some(text) = value.as_str() else { continue };
        match field.valid {
            Valid::Any => {}
            Valid::OneOf(allowed) if !allowed.contains(&text) => {
                return Err(file.at(
                    at(""),
                    format!(
                        "{}「{text}」は使えません。{}使える値: {}",
                        field.key,
                        did_you_mean(text, allowed.iter().copied()).trim_start(),
                        allowed.join(" / ")
                    )
                    .replace("使えません。使える値", "使えません。 使える値"),
                ));
            }
            Valid::OneOf(_) => {}
            Valid::Url if !safe_url(text) => {
                return Err(file.at(
                    at(""),
                    "url には https:// http:// mailto: tel: で始まるアドレスだけを書けます",
                ));
            }
            Valid::Url => {}
        }
        if field.unique {
            let all = ids.of(&format!("{}.{}", table.key, field.key));
            if all.iter().filter(|x| **x == text).count() > 1 {
                return Err(file.at(
                    at(""),
                    format!(
                        "{} の {}「{text}」が二度使われています（{} は一つの項目にだけ付けます）",
                        table.key, field.key, field.key
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// Only web, mail and phone links are allowed: `javascript:` and the like are refused.
pub fn safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    ["https://", "http://", "mailto:", "tel:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
        && !url.chars().any(|c| c.is_control() || c.is_whitespace())
}

/// Adds `file`'s records to `merged`, refusing an id defined twice.
fn merge(merged: &mut Data, file: &DataFile) -> Result<(), Diagnostic> {
    // Copied, not moved: the per-file records keep their places for `check`.
    let data = file.data.clone();
    if let Some(org) = data.organization {
        if merged.organization.is_some() {
            return Err(defined_twice(file, "organization"));
        }
        merged.organization = Some(org);
    }
    if let Some(network) = data.network {
        if merged.network.is_some() {
            return Err(defined_twice(file, "network"));
        }
        merged.network = Some(network);
    }
    merge_keyed(&mut merged.people, data.people, file, "people")?;
    merge_keyed(&mut merged.orgs, data.orgs, file, "orgs")?;
    merge_keyed(&mut merged.systems, data.systems, file, "systems")?;
    merge_keyed(&mut merged.roles, data.roles, file, "roles")?;
    merge_keyed(&mut merged.labels, data.labels, file, "labels")?;
    merged.policies.extend(data.policies);
    merged.events.extend(data.events);
    merged.threats.extend(data.threats);
    merged.damages.extend(data.damages);
    merged.devices.extend(data.devices);
    merged.contacts.extend(data.contacts);
    merged.trainings.extend(data.trainings);
    merged.backups.extend(data.backups);
    merged.strategies.extend(data.strategies);
    merged.priorities.extend(data.priorities);
    merged.fallbacks.extend(data.fallbacks);
    merged.measures.extend(data.measures);
    merged.accept.extend(data.accept);
    merged.departments.extend(data.departments);
    merged.investigations.extend(data.investigations);
    merged.flow.extend(data.flow);
    merged.steps.extend(data.steps);
    merged.checks.extend(data.checks);
    merged.links.extend(data.links);
    Ok(())
}

fn merge_keyed<T>(
    into: &mut IndexMap<String, T>,
    from: IndexMap<String, T>,
    file: &DataFile,
    table: &str,
) -> Result<(), Diagnostic> {
    for (id, value) in from {
        if into.contains_key(&id) {
            return Err(defined_twice(file, &format!("{table}.{id}")));
        }
        into.insert(id, value);
    }
    Ok(())
}

fn defined_twice(file: &DataFile, path: &str) -> Diagnostic {
    let span = file.map.get(path).map_or(0..0, |p| p.value.clone());
    file.at(
        span,
        format!(
            "「{path}」は別のデータファイルですでに定義されています（同じ ID は一度だけ書きます）"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(src: &str) -> Result<DataFile, Diagnostic> {
        parse_file(PathBuf::from("data/t.toml"), src.to_string())
    }

    fn load(files: &[(&str, &str)]) -> Result<Plan, Diagnostic> {
        let files = files
            .iter()
            .map(|(name, src)| parse_file(PathBuf::from(name), src.to_string()))
            .collect::<Result<Vec<_>, _>>()?;
        Plan::from_files(files)
    }

    #[test]
    fn unknown_key_names_place_and_suggestion() {
        let err = parse("[people.kanri]\nnmae = \"山田\"\n").unwrap_err();
        assert_eq!((err.line, err.column), (2, 1));
        assert!(
            err.message.contains("知らないキー「people.kanri.nmae」"),
            "{}",
            err.message
        );
        assert!(
            err.message.contains("もしかして「name」ですか？"),
            "{}",
            err.message
        );
    }

    #[test]
    fn unknown_key_in_a_row_with_spaces_in_its_header() {
        let err = parse("[[ devices ]]\nid = \"1\"\nnmae = \"x\"\n").unwrap_err();
        assert_eq!((err.line, err.column), (3, 1));
        assert!(
            err.message.contains("知らないキー「devices.nmae」"),
            "{}",
            err.message
        );
    }

    #[test]
    fn a_byte_order_mark_is_not_data() {
        let file = parse("\u{feff}[organization]\nname = \"A\"\n").unwrap();
        assert_eq!(file.map.start("organization.name"), Some(15));
    }

    #[test]
    fn missing_reference_is_an_error_at_its_place() {
        let err = load(&[("data/b.toml", "[[backups]]\nsystem = \"yakurek\"\n")]).unwrap_err();
        assert_eq!((err.line, err.column), (2, 10));
        assert!(
            err.message
                .contains("「yakurek」という ID は systems にありません")
        );
    }

    #[test]
    fn duplicate_id_across_files() {
        let err = load(&[
            ("data/a.toml", "[people.kanri]\nname = \"A\"\n"),
            ("data/b.toml", "\n[people.kanri]\nname = \"B\"\n"),
        ])
        .unwrap_err();
        assert_eq!(err.file, PathBuf::from("data/b.toml"));
        assert_eq!(err.line, 2);
    }

    #[test]
    fn duplicate_measure_id_points_at_the_second() {
        let err = load(&[
            (
                "data/a.toml",
                "[[measures]]\nid = \"1-1\"\ngroup = \"g\"\ntext = \"t\"\n",
            ),
            (
                "data/b.toml",
                "measures = [{ id = \"1-1\", group = \"g\", text = \"t\" }]\n",
            ),
        ])
        .unwrap_err();
        assert!(
            err.message
                .contains("measures の id「1-1」が二度使われています"),
            "{}",
            err.message
        );
    }

    #[test]
    fn date_must_be_a_date() {
        let err = parse("[organization]\nadopted = \"令和6年\"\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(
            err.message.contains("日付ではありません"),
            "{}",
            err.message
        );
    }

    #[test]
    fn unsafe_urls_are_refused() {
        assert!(safe_url("https://www.mhlw.go.jp/"));
        assert!(safe_url("tel:03-1234-5678"));
        assert!(!safe_url("javascript:alert(1)"));
        assert!(!safe_url("JaVaScRiPt:alert(1)"));
        assert!(!safe_url("data:text/html,x"));
        let err = load(&[(
            "data/l.toml",
            "[[links]]\ntitle = \"x\"\nurl = \"javascript:alert(1)\"\n",
        )])
        .unwrap_err();
        assert_eq!(err.line, 3);
    }
}
