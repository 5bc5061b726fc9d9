//! Every fact entered is shown (issue 13, item 6): each value filled in the
//! example pharmacy's data files appears in its built plan, or is listed in
//! [`NOT_TEXT`] with the reason it cannot be found as text.
//!
//! The walk goes over the data files with `toml` and names each key through
//! the block registry (`mdbook_bcp::blocks::TABLES`, their fields and nested
//! tables), so a field added to the model is walked without touching this file;
//! a key the registry does not know fails the test.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use mdbook_bcp::blocks::{self, Field, Shape, Table};
use mdbook_bcp::date::Date;
use toml::Value;

use super::support::*;

/// Fields whose values are not text a reader can find, and why.
const NOT_TEXT: &[(&str, &str)] = &[
    (
        "systems.in_scope",
        "a switch: whether the system is listed in 1.3 対象範囲",
    ),
    (
        "roles.kind",
        "a switch: the role is held by outside bodies (orgs) instead of people",
    ),
    (
        "roles.slots",
        "template only: how many 〇〇 holders the blank 雛形 shows",
    ),
    (
        "roles.escalation",
        "decides the order of the 連絡体制図 (2.2.1), not printed",
    ),
    (
        "orgs.kind",
        "decides where an outside body is drawn (vendor or outside body), not printed",
    ),
    (
        "organization.as_of",
        "used only by check: the date 期限切れ is judged against",
    ),
    (
        "organization.backup_wording",
        "a switch: which wording 2.2.5 uses (table or one sentence)",
    ),
];

/// Fields the example leaves empty (nothing to look for), and why.
const NOT_IN_EXAMPLE: &[(&str, &str)] = &[
    (
        "devices.esu",
        "the example's Windows 10 PC is not enrolled in ESU; used only by check",
    ),
    (
        "accept.id",
        "the example accepts no finding (check shows its two open points)",
    ),
    (
        "accept.reason",
        "the example accepts no finding (check shows its two open points)",
    ),
    (
        "accept.until",
        "the example accepts no finding (check shows its two open points)",
    ),
    (
        "organization.backup_wording",
        "the example keeps the default table wording",
    ),
    ("roles.slots", "template only: a plan names its holders"),
    (
        "roles.reports_to",
        "the example's roles all report to the owner (the default)",
    ),
    (
        "roles.escalation",
        "the example keeps the default order of the 連絡体制図",
    ),
    (
        "devices.segment",
        "the example's devices are placed by their IP address",
    ),
    (
        "backups.label",
        "every backup of the example is of a system, printed by its name",
    ),
    (
        "labels",
        "the pharmacy template's own words (薬局) are the example's",
    ),
];

/// One value of the data: where it is (`orgs.medisys.person`), its field
/// (`orgs.person`) and the value.
#[derive(Debug)]
struct Fact {
    at: String,
    field: String,
    value: Value,
}

/// The example's data files, merged as loading merges them.
static DATA: LazyLock<toml::Table> = LazyLock::new(|| {
    let dir = repo().join("examples/sakura-pharmacy/data");
    let mut merged = toml::Table::new();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let table: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{file:?}: {e}"));
        for (key, value) in table {
            match (merged.get_mut(&key), value) {
                (Some(Value::Array(rows)), Value::Array(more)) => rows.extend(more),
                (Some(Value::Table(records)), Value::Table(more)) => records.extend(more),
                (None, value) => {
                    merged.insert(key, value);
                }
                (Some(_), _) => panic!("{file:?}: {key} written twice"),
            }
        }
    }
    merged
});

/// The example's plan, built once for this test binary: the text of every
/// Japanese page's `<main>` (tags dropped, entities decoded, NFKC, no white
/// space; SVG `<text>` included), pages separated by a NUL; and every link
/// address.
static SITE: LazyLock<(String, BTreeSet<String>)> = LazyLock::new(|| {
    let book = TestBook::sakura();
    book.build(&["--edition", "plan"]);
    let out = book.root().join("book");
    let mut text = String::new();
    let mut hrefs = BTreeSet::new();
    for entry in walkdir::WalkDir::new(&out).sort_by_file_name() {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(&out).unwrap();
        if rel.starts_with("en") || entry.path().extension().is_none_or(|x| x != "html") {
            continue;
        }
        let html = std::fs::read_to_string(entry.path()).unwrap();
        let (Some(start), Some(end)) = (html.find("<main>"), html.find("</main>")) else {
            continue;
        };
        let main = &html[start..end];
        text.push_str(&squash(&html_text(main)));
        text.push('\0');
        for part in main.split("href=\"").skip(1) {
            let href = &part[..part.find('"').unwrap_or(0)];
            hrefs.insert(html_escape::decode_html_entities(href).into_owned());
        }
    }
    (text, hrefs)
});

/// Every value of the data, named through the registry.
fn facts(data: &toml::Table) -> Vec<Fact> {
    let mut out = Vec::new();
    for (key, value) in data {
        let table = blocks::table(key).unwrap_or_else(|| panic!("no table {key} in the registry"));
        match (table.shape, value) {
            (Shape::Single, Value::Table(record)) => {
                record_facts(table, key, key, record, &mut out)
            }
            (Shape::Keyed, Value::Table(records)) => {
                for (id, record) in records {
                    let record = record.as_table().unwrap();
                    record_facts(table, key, &format!("{key}.{id}"), record, &mut out);
                }
            }
            (Shape::Rows, Value::Array(rows)) => {
                for (i, row) in rows.iter().enumerate() {
                    let row = row.as_table().unwrap();
                    record_facts(table, key, &format!("{key}[{i}]"), row, &mut out);
                }
            }
            (Shape::Texts, Value::Array(lines)) => {
                for (i, line) in lines.iter().enumerate() {
                    out.push(Fact {
                        at: format!("{key}[{i}]"),
                        field: key.clone(),
                        value: line.clone(),
                    });
                }
            }
            (Shape::Words, Value::Table(words)) => {
                for (word, value) in words {
                    out.push(Fact {
                        at: format!("{key}.{word}"),
                        field: key.clone(),
                        value: value.clone(),
                    });
                }
            }
            (shape, _) => panic!("{key}: not written as {shape:?}"),
        }
    }
    out
}

fn record_facts(table: &Table, name: &str, at: &str, record: &toml::Table, out: &mut Vec<Fact>) {
    for (key, value) in record {
        if let Some(nested) = table.nested.iter().find(|n| n.key == key) {
            for (i, row) in value.as_array().unwrap().iter().enumerate() {
                let row = row.as_table().unwrap();
                let (name, at) = (format!("{name}.{key}"), format!("{at}.{key}[{i}]"));
                record_facts(nested.table, &name, &at, row, out);
            }
            continue;
        }
        assert!(
            table.field(key).is_some(),
            "{at}: no field {key} in the registry"
        );
        out.push(Fact {
            at: format!("{at}.{key}"),
            field: format!("{name}.{key}"),
            value: value.clone(),
        });
    }
}

/// The registry's field for `table.field` (`checks.items.status`).
fn field(path: &str) -> &'static Field {
    let mut parts = path.split('.');
    let mut table = blocks::table(parts.next().unwrap()).unwrap();
    let mut rest: Vec<&str> = parts.collect();
    let key = rest.pop().unwrap();
    for nested in rest {
        table = table.nested.iter().find(|n| n.key == nested).unwrap().table;
    }
    table.field(key).unwrap()
}

/// Every field of the registry, as `table.field` (`checks.items.status`);
/// `Texts` and `Words` tables as their key.
fn registry_fields() -> Vec<String> {
    fn add(prefix: &str, table: &Table, out: &mut Vec<String>) {
        for f in table.fields {
            out.push(format!("{prefix}.{}", f.key));
        }
        for n in table.nested {
            add(&format!("{prefix}.{}", n.key), n.table, out);
        }
    }
    let mut out = Vec::new();
    for t in blocks::TABLES {
        match t.shape {
            Shape::Texts | Shape::Words => out.push(t.key.to_string()),
            _ => add(t.key, t, &mut out),
        }
    }
    out
}

/// The ways a value may be printed, each squashed; empty when it is no text.
fn spellings(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => vec![squash(s)],
        Value::Datetime(d) => {
            let date = Date::parse(&d.to_string()).expect("a date");
            vec![date.slash(), date.wareki(), squash(&d.to_string())]
                .into_iter()
                .map(|s| squash(&s))
                .collect()
        }
        Value::Array(items) => items.iter().flat_map(spellings).collect(),
        _ => Vec::new(),
    }
}

/// What a reference shows of the record it names: the fields its registry
/// entry lists (`contacts.system` → the vendor's name, phone, e-mail), else
/// the record's name or title.
fn referenced(field: &Field, row_at: &str, id: &str) -> Vec<(String, Value)> {
    let target = field.refers.unwrap();
    let record = DATA[target][id]
        .as_table()
        .unwrap_or_else(|| panic!("{row_at}: no {target}.{id}"));
    let mut out = Vec::new();
    for show in field.shows {
        if show.unless.is_some_and(|u| row(row_at).contains_key(u)) {
            continue;
        }
        let (mut table, mut record) = (blocks::table(target).unwrap(), record.clone());
        let mut parts: Vec<&str> = show.path.split('.').collect();
        let last = parts.pop().unwrap();
        for part in parts {
            let next = table.field(part).unwrap().refers.unwrap();
            let Some(id) = record.get(part).and_then(Value::as_str) else {
                break;
            };
            record = DATA[next][id].as_table().unwrap().clone();
            table = blocks::table(next).unwrap();
        }
        // Blocks print a record's short name where it has one (`systems.short`).
        let value = match (last, record.get("short")) {
            ("name", Some(short)) => record
                .get(last)
                .map(|v| Value::Array(vec![v.clone(), short.clone()])),
            _ => record.get(last).cloned(),
        };
        if let Some(v) = value {
            out.push((format!("{target}.{id} → {}", show.path), v));
        }
    }
    if field.shows.is_empty() {
        // Any of the record's names will do (a system by its short name).
        let names: Vec<Value> = ["name", "short", "title"]
            .iter()
            .filter_map(|k| record.get(*k).cloned())
            .collect();
        out.push((format!("{target}.{id}"), Value::Array(names)));
    }
    out
}

/// The row (or record) a fact at `at` belongs to.
fn row(at: &str) -> toml::Table {
    let mut value = Value::Table(DATA.clone());
    let mut path = at.rsplit_once('.').map(|x| x.0).unwrap_or(at).to_string();
    if path.ends_with(']') {
        path.push('.');
    }
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, index) = match part.split_once('[') {
            Some((k, i)) => (k, Some(i.trim_end_matches(']').parse::<usize>().unwrap())),
            None => (part, None),
        };
        value = value[key].clone();
        if let Some(i) = index {
            value = value[i].clone();
        }
    }
    value.as_table().cloned().unwrap_or_default()
}

/// The facts of `data` not found in `site`: `at = value` lines.
fn unshown(data: &[Fact], site: &str, hrefs: &BTreeSet<String>) -> Vec<String> {
    let allowed: BTreeSet<&str> = NOT_TEXT.iter().map(|(f, _)| *f).collect();
    let mut out = Vec::new();
    for fact in data {
        if allowed.contains(fact.field.as_str()) {
            continue;
        }
        let found = |value: &Value| {
            let spellings = spellings(value);
            !spellings.is_empty() && spellings.iter().any(|s| site.contains(s.as_str()))
                || value.as_str().is_some_and(|s| hrefs.contains(s))
        };
        let f = if matches!(
            blocks::table(&fact.field).map(|t| t.shape),
            Some(Shape::Texts | Shape::Words)
        ) {
            None
        } else {
            Some(field(&fact.field))
        };
        match f.filter(|f| f.refers.is_some()) {
            Some(f) => {
                let ids: Vec<&str> = match &fact.value {
                    Value::Array(ids) => ids.iter().filter_map(Value::as_str).collect(),
                    v => v.as_str().into_iter().collect(),
                };
                for id in ids {
                    for (what, value) in referenced(f, &fact.at, id) {
                        if !found(&value) {
                            out.push(format!("{} → {what} = {value}", fact.at));
                        }
                    }
                }
            }
            None if spellings(&fact.value).is_empty() => out.push(format!(
                "{} = {} (not text: list {} in NOT_TEXT with the reason)",
                fact.at, fact.value, fact.field
            )),
            None => {
                let all_found = match &fact.value {
                    Value::Array(items) => items.iter().all(found),
                    v => found(v),
                };
                if !all_found {
                    out.push(format!("{} = {}", fact.at, fact.value));
                }
            }
        }
    }
    out
}

#[test]
fn every_value_filled_in_the_example_is_shown_in_its_plan() {
    let (site, hrefs) = &*SITE;
    let missing = unshown(&facts(&DATA), site, hrefs);
    assert!(
        missing.is_empty(),
        "{} value(s) of examples/sakura-pharmacy/data appear on no page of the built plan:\n{}",
        missing.len(),
        missing.join("\n")
    );
}

#[test]
fn every_field_of_the_model_is_filled_in_the_example_or_listed() {
    let filled: BTreeSet<String> = facts(&DATA).into_iter().map(|f| f.field).collect();
    let listed: BTreeSet<&str> = NOT_IN_EXAMPLE.iter().map(|(f, _)| *f).collect();
    let registry = registry_fields();
    let mut empty: Vec<&str> = registry
        .iter()
        .map(String::as_str)
        .filter(|f| !filled.contains(*f) && !listed.contains(f))
        .collect();
    empty.sort();
    assert!(
        empty.is_empty(),
        "fields the example leaves empty (fill them in examples/sakura-pharmacy/data, or list them in NOT_IN_EXAMPLE with the reason): {empty:?}"
    );
    for (f, _) in NOT_TEXT.iter().chain(NOT_IN_EXAMPLE) {
        assert!(
            registry.iter().any(|r| r == f),
            "{f} is no field of the registry"
        );
    }
    for (f, _) in NOT_IN_EXAMPLE {
        assert!(
            !filled.contains(*f),
            "{f} is filled in the example now: take it off NOT_IN_EXAMPLE"
        );
    }
}

/// The walk notices a value that is on no page (as when a template stops
/// printing a field): no vendor's person in the site text, each is reported.
#[test]
fn a_value_on_no_page_is_reported() {
    let (site, hrefs) = &*SITE;
    let facts = facts(&DATA);
    let people: Vec<&Fact> = facts.iter().filter(|f| f.field == "orgs.person").collect();
    assert!(
        !people.is_empty(),
        "the example names the person at its vendors"
    );
    let mut without = site.clone();
    for fact in &people {
        without = without.replace(&squash(fact.value.as_str().unwrap()), "");
    }
    let missing = unshown(&facts, &without, hrefs);
    for fact in people {
        assert!(
            missing
                .iter()
                .any(|m| m.starts_with(&format!("{} =", fact.at))),
            "{} not reported: {missing:?}",
            fact.at
        );
    }
}

/// A hostile phone number or e-mail address stays inert text in a built page:
/// the `tel:` address keeps only digits, nothing else leaves its attribute.
#[test]
fn hostile_phone_and_mail_values_inject_nothing() {
    let data = r#"
[people.p]
name = "山田 太郎"
title = "管理薬剤師"
phone = "03\" onmouseover=\"alert(1)\"<script>alert(2)</script>"
email = "a\"b<script>@example.jp"

[[contacts]]
person = "p"

[[departments]]
name = "調剤部門"
person = "p"
"#;
    let chapter = "```bcp contacts\n```\n\n```bcp departments\n```\n\n```bcp poster\n```\n";
    let book = TestBook::minimal(chapter, &[("d.toml", data)]);
    book.build(&[]);
    let html = book.read("book/chapter.html");
    let main = &html[html.find("<main>").unwrap()..html.find("</main>").unwrap()];
    assert!(!main.contains("<script>"), "{main}");
    // The quote may come back as text; no tag carries the attribute.
    let tags = main
        .split('<')
        .skip(1)
        .map(|t| &t[..t.find('>').unwrap_or(t.len())]);
    for tag in tags {
        assert!(!tag.contains("onmouseover"), "<{tag}>");
    }
    assert!(
        main.contains(r#"<a class="bcp-tel" href="tel:0312">"#),
        "{main}"
    );
    assert!(!main.contains("mailto:"), "not a plain address: {main}");
}
