//! Reading `data/`: every `*.toml` below it, merged into one [`Data`], checked,
//! and turned into the context the templates see.

use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use serde_json::{Map, Value, json};

use crate::diag::{Diagnostic, did_you_mean};
use crate::model::{Data, Org, Person, Ref, System};

/// Statuses a checklist item may have.
pub const STATUSES: [&str; 4] = ["未着手", "対応中", "完了", "対象外"];

/// One parsed data file, kept for error positions.
#[derive(Debug)]
pub struct DataFile {
    /// Path as shown in messages (relative to the book root).
    pub path: PathBuf,
    pub source: String,
    pub data: Data,
}

/// All data of a book.
#[derive(Debug, Default)]
pub struct BookData {
    pub files: Vec<DataFile>,
    pub merged: Data,
    /// What the plan check asks of this book (set by the caller that knows the chapters).
    pub scope: crate::check::Scope,
}

impl BookData {
    /// Reads every `*.toml` under `root/dir` (sorted, so builds are deterministic).
    /// A missing folder is no data at all: the blank template.
    pub fn load(root: &Path, dir: &Path) -> Result<BookData, Diagnostic> {
        let abs = root.join(dir);
        let mut paths: Vec<PathBuf> = walkdir::WalkDir::new(&abs)
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
        BookData::from_files(files)
    }

    /// Checks ids and references across the parsed files, then merges them.
    pub fn from_files(files: Vec<DataFile>) -> Result<BookData, Diagnostic> {
        let ids = Ids::collect(&files);
        for file in &files {
            check_file(file, &ids)?;
        }
        let mut merged = Data::default();
        for file in &files {
            merge(&mut merged, file)?;
        }
        Ok(BookData {
            files,
            merged,
            scope: crate::check::Scope::default(),
        })
    }

    /// The template context: the data with every reference replaced by the
    /// record it names (missing ones by an empty record, so templates can
    /// always write `row.system.vendor.phone`), plus the plan's state:
    /// `as_of`, `progress`, `findings` and `overdue` per measure.
    pub fn context(&self) -> Value {
        let mut ctx = context(&self.merged);
        crate::check::enrich(&mut ctx, self);
        ctx
    }
}

/// Parses one file, turning TOML and schema errors into plain-worded diagnostics.
pub fn parse_file(path: PathBuf, source: String) -> Result<DataFile, Diagnostic> {
    match toml::from_str::<Data>(&source) {
        Ok(data) => Ok(DataFile { path, source, data }),
        Err(err) => Err(toml_error(&path, &source, &err)),
    }
}

fn toml_error(path: &Path, source: &str, err: &toml::de::Error) -> Diagnostic {
    let span = err.span().unwrap_or(0..0);
    let key = key_at(source, span.start);
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
            qualified(&key.0, name),
            did_you_mean(name, known.iter().copied()).trim_start(),
            known.join(", ")
        )
        .replace("です。使えるキー", "です。 使えるキー")
    } else if let Some(rest) = raw.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or(rest);
        format!("「{}」に必要なキー「{name}」がありません", key.0)
    } else if raw.starts_with("invalid type") {
        format!("「{}」の値の種類が違います（{raw}）", key_name(&key))
    } else if raw.contains("日付") {
        format!("「{}」: {raw}", key_name(&key))
    } else if raw.starts_with("duplicate key") {
        format!("同じキーが二度書かれています（{raw}）")
    } else {
        format!("TOML の書き方に誤りがあります: {raw}")
    };
    Diagnostic::at(path, source, span, message)
}

fn key_name(key: &(String, Option<String>)) -> String {
    match &key.1 {
        Some(k) => qualified(&key.0, k),
        None => key.0.clone(),
    }
}

fn qualified(table: &str, key: &str) -> String {
    if table.is_empty() {
        key.to_string()
    } else {
        format!("{table}.{key}")
    }
}

/// The table header in force at `offset` and the key written on that line.
fn key_at(source: &str, offset: usize) -> (String, Option<String>) {
    let offset = offset.min(source.len());
    let line_start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = source[line_start..].lines().next().unwrap_or("");
    let key = line
        .split_once('=')
        .map(|(k, _)| k.trim().trim_matches('"').to_string())
        .filter(|k| !k.is_empty() && !k.starts_with('['));
    let table = source[..line_start]
        .lines()
        .rev()
        .chain(std::iter::once(line))
        .find_map(|l| {
            let l = l.trim();
            l.starts_with('[')
                .then(|| l.trim_matches(|c| c == '[' || c == ']').trim().to_string())
        })
        .unwrap_or_default();
    (table, key)
}

/// The ids defined in all files, for checking references before merging.
struct Ids {
    people: Vec<String>,
    orgs: Vec<String>,
    systems: Vec<String>,
    measures: Vec<String>,
    checks: Vec<String>,
    devices: Vec<String>,
}

impl Ids {
    fn collect(files: &[DataFile]) -> Ids {
        let all = |f: fn(&Data) -> Vec<String>| files.iter().flat_map(|x| f(&x.data)).collect();
        Ids {
            people: all(|d| d.people.keys().cloned().collect()),
            orgs: all(|d| d.orgs.keys().cloned().collect()),
            systems: all(|d| d.systems.keys().cloned().collect()),
            measures: all(|d| d.measures.iter().map(|m| m.id.clone()).collect()),
            checks: all(|d| d.checks.iter().map(|c| c.id.clone()).collect()),
            devices: all(|d| d.devices.iter().filter_map(|x| x.id.clone()).collect()),
        }
    }
}

/// Moves `file`'s records into `merged`, refusing an id defined twice.
fn merge(merged: &mut Data, file: &DataFile) -> Result<(), Diagnostic> {
    // Copied, not moved: the per-file records keep their places for `check`.
    let data = file.data.clone();
    if let Some(org) = data.organization {
        if merged.organization.is_some() {
            return Err(dup(file, "organization", None));
        }
        merged.organization = Some(org);
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
            return Err(dup(file, table, Some(&id)));
        }
        into.insert(id, value);
    }
    Ok(())
}

fn dup(file: &DataFile, table: &str, id: Option<&str>) -> Diagnostic {
    let header = match id {
        Some(id) => format!("{table}.{id}"),
        None => table.to_string(),
    };
    let at = file
        .source
        .find(&format!("[{header}]"))
        .or_else(|| file.source.find(&header))
        .unwrap_or(0);
    Diagnostic::at(
        &file.path,
        &file.source,
        at..at + header.len() + 2,
        format!(
            "「{header}」は別のデータファイルですでに定義されています（同じ ID は一度だけ書きます）"
        ),
    )
}

/// Checks references, URLs, statuses and duplicate record ids of one file.
fn check_file(file: &DataFile, ids: &Ids) -> Result<(), Diagnostic> {
    let data = &file.data;
    let check = |r: &Ref, table: &str, keys: Vec<&str>| -> Result<(), Diagnostic> {
        if keys.contains(&r.get_ref().as_str()) {
            return Ok(());
        }
        let id = r.get_ref();
        Err(Diagnostic::at(
            &file.path,
            &file.source,
            r.span(),
            format!(
                "「{id}」という ID は {table} にありません。{}定義済み: {}",
                did_you_mean(id, keys.iter().copied()).trim_start(),
                if keys.is_empty() {
                    "（なし）".to_string()
                } else {
                    keys.join(", ")
                }
            )
            .replace("ありません。定義済み", "ありません。 定義済み"),
        ))
    };
    let people = || ids.people.iter().map(String::as_str).collect::<Vec<_>>();
    let orgs = || ids.orgs.iter().map(String::as_str).collect::<Vec<_>>();
    let systems = || ids.systems.iter().map(String::as_str).collect::<Vec<_>>();

    if let Some(owner) = data.organization.as_ref().and_then(|o| o.owner.as_ref()) {
        check(owner, "people", people())?;
    }
    for s in data.systems.values() {
        if let Some(v) = &s.vendor {
            check(v, "orgs", orgs())?;
        }
    }
    for o in data.orgs.values() {
        if let Some(url) = &o.url {
            check_url(file, url)?;
        }
    }
    for role in data.roles.values() {
        for p in &role.people {
            check(p, "people", people())?;
        }
        for o in &role.orgs {
            check(o, "orgs", orgs())?;
        }
    }
    for d in &data.devices {
        if let Some(s) = &d.system {
            check(s, "systems", systems())?;
        }
    }
    for c in &data.contacts {
        let refs = [&c.system, &c.person, &c.org]
            .iter()
            .filter(|r| r.is_some())
            .count();
        if refs > 1 {
            let r = c.system.as_ref().or(c.person.as_ref()).expect("counted");
            return Err(Diagnostic::at(
                &file.path,
                &file.source,
                r.span(),
                "連絡先の行には system・person・org のどれか一つだけを書きます",
            ));
        }
        if let Some(s) = &c.system {
            check(s, "systems", systems())?;
        }
        if let Some(p) = &c.person {
            check(p, "people", people())?;
        }
        if let Some(o) = &c.org {
            check(o, "orgs", orgs())?;
        }
    }
    for b in &data.backups {
        if let Some(s) = &b.system {
            check(s, "systems", systems())?;
        }
    }
    for f in &data.fallbacks {
        if let Some(s) = &f.system {
            check(s, "systems", systems())?;
        }
    }
    for m in &data.measures {
        if let Some(o) = &m.owner {
            check(o, "people", people())?;
        }
        if let Some(s) = &m.status {
            check_status(file, s)?;
        }
    }
    for d in &data.departments {
        if let Some(p) = &d.person {
            check(p, "people", people())?;
        }
    }
    for step in &data.flow {
        for call in &step.call {
            check(&call.org, "orgs", orgs())?;
        }
    }
    for group in &data.checks {
        for item in &group.items {
            if let Some(s) = &item.status {
                check_status(file, s)?;
            }
        }
    }
    for link in &data.links {
        check_url(file, &link.url)?;
    }
    check_unique_ids(file, ids)?;
    Ok(())
}

fn check_unique_ids(file: &DataFile, ids: &Ids) -> Result<(), Diagnostic> {
    let twice = |all: &[String], id: &str| all.iter().filter(|x| *x == id).count() > 1;
    let data = &file.data;
    let records = data
        .measures
        .iter()
        .map(|m| ("measures", &ids.measures, Some(&m.id)));
    let records = records.chain(
        data.checks
            .iter()
            .map(|c| ("checks", &ids.checks, Some(&c.id))),
    );
    let records = records.chain(
        data.devices
            .iter()
            .map(|d| ("devices", &ids.devices, d.id.as_ref())),
    );
    for (table, all, id) in records {
        if let Some(id) = id
            && twice(all, id)
        {
            return Err(dup_record(file, table, id));
        }
    }
    Ok(())
}

fn dup_record(file: &DataFile, table: &str, id: &str) -> Diagnostic {
    let needle = format!("\"{id}\"");
    let at = file.source.rfind(&needle).unwrap_or(0);
    Diagnostic::at(
        &file.path,
        &file.source,
        at..at + needle.len(),
        format!("{table} の id「{id}」が二度使われています（id は一つの項目にだけ付けます）"),
    )
}

fn check_status(file: &DataFile, status: &toml::Spanned<String>) -> Result<(), Diagnostic> {
    if STATUSES.contains(&status.get_ref().as_str()) {
        return Ok(());
    }
    Err(Diagnostic::at(
        &file.path,
        &file.source,
        status.span(),
        format!(
            "status「{}」は使えません。{}使える値: {}",
            status.get_ref(),
            did_you_mean(status.get_ref(), STATUSES).trim_start(),
            STATUSES.join(" / ")
        )
        .replace("使えません。使える値", "使えません。 使える値"),
    ))
}

/// Only web, mail and phone links are allowed: `javascript:` and the like are refused.
pub fn safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    ["https://", "http://", "mailto:", "tel:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
        && !url.chars().any(|c| c.is_control() || c.is_whitespace())
}

fn check_url(file: &DataFile, url: &toml::Spanned<String>) -> Result<(), Diagnostic> {
    if safe_url(url.get_ref()) {
        return Ok(());
    }
    Err(Diagnostic::at(
        &file.path,
        &file.source,
        url.span(),
        "url には https:// http:// mailto: tel: で始まるアドレスだけを書けます",
    ))
}

fn blank<T: Default + serde::Serialize>() -> Value {
    let mut v = serde_json::to_value(T::default()).expect("serializable");
    if let Value::Object(map) = &mut v {
        map.insert("id".into(), Value::Null);
    }
    v
}

fn with_id(id: &str, record: &Value) -> Value {
    let mut v = record.clone();
    if let Value::Object(map) = &mut v {
        map.insert("id".into(), json!(id));
    }
    v
}

/// The record an id of the keyed table `table` (`people`, `orgs`, `systems`,
/// `roles`) stands for when no such record is written yet: every field
/// empty, references resolved to empty records, the way [`context`] shows
/// them. `labels` has plain values: its missing entry is null. `None` for a
/// table that is not keyed by id.
pub fn blank_record(table: &str) -> Option<&'static Value> {
    static BLANKS: std::sync::LazyLock<Map<String, Value>> = std::sync::LazyLock::new(|| {
        let mut system = blank::<System>();
        system["vendor"] = blank::<Org>();
        let mut role = blank::<crate::model::Role>();
        role["holder"] = blank::<Person>();
        let mut blanks = Map::new();
        blanks.insert("people".into(), blank::<Person>());
        blanks.insert("orgs".into(), blank::<Org>());
        blanks.insert("systems".into(), system);
        blanks.insert("roles".into(), role);
        blanks.insert("labels".into(), Value::Null);
        blanks
    });
    BLANKS.get(table)
}

/// See [`BookData::context`].
pub fn context(data: &Data) -> Value {
    let mut root = serde_json::to_value(data).expect("serializable");
    let lookup = |table: &str, root: &Value| -> Map<String, Value> {
        root[table]
            .as_object()
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .map(|(id, v)| {
                let v = with_id(&id, &v);
                (id, v)
            })
            .collect()
    };
    let people = lookup("people", &root);
    let orgs = lookup("orgs", &root);
    let resolve_one = |table: &Map<String, Value>, blank_record: Value, v: &Value| match v {
        Value::String(id) => table.get(id).cloned().unwrap_or(blank_record),
        _ => blank_record,
    };
    // Systems first: their vendor is an org.
    let mut systems = lookup("systems", &root);
    for system in systems.values_mut() {
        let vendor = resolve_one(&orgs, blank::<Org>(), &system["vendor"]);
        system["vendor"] = vendor;
    }
    let blank_system = {
        let mut s = blank::<System>();
        s["vendor"] = blank::<Org>();
        s
    };
    let resolve = |v: &mut Value| {
        let Value::Object(map) = v else { return };
        for (key, value) in map.iter_mut() {
            match key.as_str() {
                "system" => *value = resolve_one(&systems, blank_system.clone(), value),
                "person" | "owner" => *value = resolve_one(&people, blank::<Person>(), value),
                "org" | "vendor" => *value = resolve_one(&orgs, blank::<Org>(), value),
                _ => {}
            }
        }
    };
    for table in [
        "devices",
        "contacts",
        "backups",
        "fallbacks",
        "measures",
        "departments",
    ] {
        if let Some(rows) = root[table].as_array_mut() {
            rows.iter_mut().for_each(resolve);
        }
    }
    if let Some(steps) = root["flow"].as_array_mut() {
        for step in steps {
            if let Some(calls) = step["call"].as_array_mut() {
                calls.iter_mut().for_each(resolve);
            }
        }
    }
    if let Some(org) = root.get_mut("organization") {
        if org.is_null() {
            *org = blank::<crate::model::Organization>();
        }
        resolve(org);
    }
    let mut roles = lookup("roles", &root);
    for role in roles.values_mut() {
        let ids = |key: &str| -> Vec<String> {
            role[key]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default()
        };
        let holders: Vec<Value> = ids("people")
            .iter()
            .filter_map(|id| people.get(id).cloned())
            .collect();
        let vendors: Vec<Value> = ids("orgs")
            .iter()
            .filter_map(|id| orgs.get(id).cloned())
            .collect();
        role["holder"] = holders.first().cloned().unwrap_or_else(blank::<Person>);
        role["people"] = Value::Array(holders);
        role["orgs"] = Value::Array(vendors);
    }
    root["people"] = Value::Object(people);
    root["orgs"] = Value::Object(orgs);
    root["systems"] = Value::Object(systems);
    root["roles"] = Value::Object(roles);
    root
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(src: &str) -> Result<DataFile, Diagnostic> {
        parse_file(PathBuf::from("data/t.toml"), src.to_string())
    }

    fn load(files: &[(&str, &str)]) -> Result<BookData, Diagnostic> {
        let files = files
            .iter()
            .map(|(name, src)| parse_file(PathBuf::from(name), src.to_string()))
            .collect::<Result<Vec<_>, _>>()?;
        BookData::from_files(files)
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
    fn reference_resolves_once_for_every_table() {
        let book = load(&[
            ("data/a.toml", "[orgs.v]\nname = \"A社\"\nphone = \"03-1\"\n[systems.s]\nname = \"薬歴\"\nvendor = \"v\"\n"),
            ("data/b.toml", "[[contacts]]\nsystem = \"s\"\n[[backups]]\nsystem = \"s\"\n"),
        ])
        .unwrap();
        let ctx = book.context();
        assert_eq!(ctx["contacts"][0]["system"]["vendor"]["phone"], "03-1");
        assert_eq!(ctx["backups"][0]["system"]["name"], "薬歴");
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
