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
use crate::diag::{Diagnostic, Diagnostics, did_you_mean};
use crate::model::Data;
use crate::source_map::SourceMap;

pub use crate::data_file::{CellPlace, DataFile};

/// The plan: its files (for positions) and all their records merged.
#[derive(Debug, Default)]
pub struct Plan {
    pub files: Vec<DataFile>,
    pub merged: Data,
}

/// Every file under `root/dir`, sorted (so builds are deterministic); none
/// when the folder is missing.
pub fn data_files(root: &Path, dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = walkdir::WalkDir::new(root.join(dir))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    paths.sort();
    paths
}

/// A data folder as read: its TOML files (as shown, the text without BOM)
/// and its spreadsheets (path, as shown), in order.
#[derive(Debug, Default)]
pub struct Folder {
    pub toml: Vec<(PathBuf, String)>,
    pub sheets: Vec<(PathBuf, PathBuf)>,
}

impl Folder {
    /// Reads `root/dir`; a file that cannot be read, or is not UTF-8, is
    /// reported in `errors`. Paths are shown relative to `root`.
    pub fn read(root: &Path, dir: &Path, errors: &mut Vec<Diagnostic>) -> Folder {
        let mut folder = Folder::default();
        for path in data_files(root, dir) {
            let shown = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
            if crate::sheets::is_sheet_file(&path) {
                folder.sheets.push((path, shown));
                continue;
            }
            if path.extension().is_none_or(|x| x != "toml") {
                continue;
            }
            let bytes = match std::fs::read(&path) {
                Ok(b) => b,
                Err(e) => {
                    errors.push(Diagnostic::in_file(
                        &shown,
                        1,
                        format!("ファイルを読めません: {e}"),
                    ));
                    continue;
                }
            };
            match String::from_utf8(bytes) {
                Ok(text) => {
                    let text = match text.strip_prefix('\u{feff}') {
                        Some(rest) => rest.to_string(),
                        None => text,
                    };
                    folder.toml.push((shown, text));
                }
                Err(e) => errors.push(crate::toml_errors::not_utf8(&shown, e.as_bytes())),
            }
        }
        folder
    }
}

/// Every syntax error of a TOML text, one per line (what follows a broken
/// line is often noise); none when it parses.
pub fn syntax_errors(path: &Path, source: &str, syntax: &[toml::de::Error]) -> Vec<Diagnostic> {
    let mut errors: Vec<Diagnostic> = Vec::new();
    for err in syntax {
        let d = crate::toml_errors::syntax(path, source, err);
        if !errors.iter().any(|e| e.line == d.line) {
            errors.push(d);
        }
    }
    errors
}

impl Plan {
    /// Reads every `*.toml` and every spreadsheet (`.xlsx`, `.ods`, `.csv`)
    /// under `root/dir` (sorted, so builds are deterministic), reporting every
    /// problem found. A missing folder is no data at all: the blank template.
    pub fn load(root: &Path, dir: &Path) -> Result<Plan, Diagnostics> {
        let mut errors = Vec::new();
        let folder = Folder::read(root, dir, &mut errors);
        let mut files = Vec::new();
        for (shown, text) in folder.toml {
            match parse_file_all(shown, text) {
                Ok(file) => files.push(file),
                Err(e) => errors.extend(e),
            }
        }
        let mut names = crate::sheets::Names::default();
        for file in &files {
            names.add_file(file);
        }
        let (sheet_files, sheet_errors) = crate::sheets::load(&folder.sheets, &mut names);
        files.extend(sheet_files);
        errors.extend(sheet_errors);
        if !errors.is_empty() {
            return Err(Diagnostics(errors));
        }
        Plan::from_files(files)
    }

    /// Checks ids and references across the parsed files, then merges them.
    pub fn from_files(files: Vec<DataFile>) -> Result<Plan, Diagnostics> {
        // Each file's records as JSON, once, for the registry-driven passes.
        let data: Vec<Value> = files
            .iter()
            .map(|f| serde_json::to_value(&f.data).expect("serializable"))
            .collect();
        let ids = Ids::collect(&data);
        let mut errors = Vec::new();
        for (file, data) in files.iter().zip(&data) {
            errors.extend(validate(file, data, &ids));
        }
        let mut merged = Data::default();
        for file in &files {
            errors.extend(merge(&mut merged, file));
        }
        if errors.is_empty() {
            Ok(Plan { files, merged })
        } else {
            Err(Diagnostics(errors))
        }
    }

    /// The file that defines `table.id` (keyed tables), if any.
    pub fn file_defining(&self, table: &str, id: &str) -> Option<&DataFile> {
        self.files
            .iter()
            .find(|f| f.map.get(&format!("{table}.{id}")).is_some())
    }
}

/// Parses one file, turning TOML and schema errors into plain-worded
/// diagnostics (the first of them; [`parse_file_all`] gives all).
pub fn parse_file(path: PathBuf, source: String) -> Result<DataFile, Diagnostic> {
    parse_file_all(path, source).map_err(|mut e| e.swap_remove(0))
}

/// Parses one file, reporting every problem in it (at least one on error).
pub fn parse_file_all(path: PathBuf, source: String) -> Result<DataFile, Vec<Diagnostic>> {
    let source = match source.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => source,
    };
    let (table, syntax) = toml::de::DeTable::parse_recoverable(&source);
    if !syntax.is_empty() {
        return Err(syntax_errors(&path, &source, &syntax));
    }
    let map = SourceMap::of(&table);
    let mut table = table;
    let mut errors: Vec<Diagnostic> = Vec::new();
    // What was dropped after an error: a later error about the record that
    // held it (a key now missing) follows from the first and is not reported.
    let mut dropped: Vec<String> = Vec::new();
    loop {
        match Data::deserialize(toml::de::Deserializer::from(table.clone())) {
            Ok(data) if errors.is_empty() => {
                return Ok(DataFile {
                    path,
                    source,
                    data,
                    map,
                    cells: Vec::new(),
                });
            }
            Ok(_) => return Err(errors),
            Err(err) => {
                let span = err.span().unwrap_or(0..0);
                let d = Diagnostic::at(
                    &path,
                    &source,
                    span.clone(),
                    crate::toml_errors::schema(&map, Some(&source), &err),
                );
                let path = map.path_at(span.start).map(str::to_string);
                let follows = path.as_ref().is_some_and(|p| {
                    dropped
                        .iter()
                        .any(|d| d.starts_with(&format!("{p}.")) || d.starts_with(&format!("{p}[")))
                });
                let again = errors.contains(&d);
                if !again && !follows {
                    errors.push(d);
                }
                // Drop what the error is about and look for the next one.
                let removed = path
                    .as_deref()
                    .is_some_and(|p| remove_path(table.get_mut(), p));
                dropped.extend(path);
                if again || !removed || errors.len() >= crate::diag::MAX_REPORTED {
                    return Err(errors);
                }
            }
        }
    }
}

/// Removes the value at `path` (`devices[3].nmae`) from a parsed document.
fn remove_path(table: &mut toml::de::DeTable<'_>, path: &str) -> bool {
    use toml::de::DeValue;
    fn go(value: &mut DeValue<'_>, parts: &[(String, Option<usize>)]) -> bool {
        let Some(((key, index), rest)) = parts.split_first() else {
            return false;
        };
        match (value, index) {
            (DeValue::Table(t), None) => {
                if rest.is_empty() {
                    return t.remove(key.as_str()).is_some();
                }
                t.get_mut(key.as_str())
                    .is_some_and(|v| go(v.get_mut(), rest))
            }
            (DeValue::Array(a), Some(i)) => {
                if rest.is_empty() {
                    if *i >= a.len() {
                        return false;
                    }
                    let items = std::mem::replace(a, toml::de::DeArray::new());
                    *a = items
                        .into_iter()
                        .enumerate()
                        .filter(|(j, _)| j != i)
                        .map(|(_, v)| v)
                        .collect();
                    return true;
                }
                a.get_mut(*i).is_some_and(|v| go(v.get_mut(), rest))
            }
            _ => false,
        }
    }
    let mut parts: Vec<(String, Option<usize>)> = Vec::new();
    for part in path.split('.') {
        let mut pieces = part.split('[');
        parts.push((pieces.next().unwrap_or("").to_string(), None));
        for index in pieces {
            parts.push((String::new(), index.trim_end_matches(']').parse().ok()));
        }
    }
    let mut root = DeValue::Table(std::mem::take(table));
    let removed = go(&mut root, &parts);
    if let DeValue::Table(t) = root {
        *table = t;
    }
    removed
}

/// The ids defined in all files, per keyed table and per unique field
/// (`measures.id`), for checking references before merging.
struct Ids(BTreeMap<String, Vec<String>>);

impl Ids {
    fn collect(files: &[Value]) -> Ids {
        let mut ids: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for data in files {
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
                            let values = rows(data, table)
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
fn validate(file: &DataFile, data: &Value, ids: &Ids) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for table in blocks::TABLES {
        for (path, record) in records(data, table) {
            validate_record(&mut out, file, ids, table, &path, record);
            for nested in table.nested {
                for (i, row) in record[nested.key]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .enumerate()
                {
                    let path = format!("{path}.{}[{i}]", nested.key);
                    validate_record(&mut out, file, ids, nested.table, &path, row);
                }
            }
        }
    }
    out
}

fn validate_record(
    out: &mut Vec<Diagnostic>,
    file: &DataFile,
    ids: &Ids,
    table: &Table,
    path: &str,
    record: &Value,
) {
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
        out.push(file.at(
            at..at,
            format!(
                "{} の行には {} のどれか一つだけを書きます",
                table.key,
                table.exclusive.join("・")
            ),
        ));
        return;
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
                    out.push(
                        file.at(
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
                        ),
                    );
                }
            }
        }
        let Some(text) = value.as_str() else { continue };
        match field.valid {
            Valid::Any => {}
            Valid::OneOf(allowed) if !allowed.contains(&text) => {
                out.push(
                    file.at(
                        at(""),
                        format!(
                            "{}「{text}」は使えません。{}使える値: {}",
                            field.key,
                            did_you_mean(text, allowed.iter().copied()).trim_start(),
                            allowed.join(" / ")
                        )
                        .replace("使えません。使える値", "使えません。 使える値"),
                    ),
                );
            }
            Valid::OneOf(_) => {}
            Valid::Url if !safe_url(text) => {
                out.push(file.at(
                    at(""),
                    "url には https:// http:// mailto: tel: で始まるアドレスだけを書けます",
                ));
            }
            Valid::Url => {}
        }
        if field.unique {
            let all = ids.of(&format!("{}.{}", table.key, field.key));
            if all.iter().filter(|x| **x == text).count() > 1 {
                out.push(file.at(
                    at(""),
                    format!(
                        "{} の {}「{text}」が二度使われています（{} は一つの項目にだけ付けます）",
                        table.key, field.key, field.key
                    ),
                ));
            }
        }
    }
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
fn merge(merged: &mut Data, file: &DataFile) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    // Copied, not moved: the per-file records keep their places for `check`.
    let data = file.data.clone();
    if let Some(org) = data.organization {
        if merged.organization.is_some() {
            errors.push(defined_twice(file, "organization"));
        } else {
            merged.organization = Some(org);
        }
    }
    if let Some(network) = data.network {
        if merged.network.is_some() {
            errors.push(defined_twice(file, "network"));
        } else {
            merged.network = Some(network);
        }
    }
    merge_keyed(&mut errors, &mut merged.people, data.people, file, "people");
    merge_keyed(&mut errors, &mut merged.orgs, data.orgs, file, "orgs");
    merge_keyed(
        &mut errors,
        &mut merged.systems,
        data.systems,
        file,
        "systems",
    );
    merge_keyed(&mut errors, &mut merged.roles, data.roles, file, "roles");
    merge_keyed(&mut errors, &mut merged.labels, data.labels, file, "labels");
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
    errors
}

fn merge_keyed<T>(
    errors: &mut Vec<Diagnostic>,
    into: &mut IndexMap<String, T>,
    from: IndexMap<String, T>,
    file: &DataFile,
    table: &str,
) {
    for (id, value) in from {
        if into.contains_key(&id) {
            errors.push(defined_twice(file, &format!("{table}.{id}")));
        } else {
            into.insert(id, value);
        }
    }
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
        Plan::from_files(files).map_err(|e| e.first().clone())
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
