//! The registry: one home for each block kind.
//!
//! A block kind is one module here plus its template in `templates/`: its
//! name, the data table it shows, that table's fields with the labels the
//! printed table uses, which fields a finished plan must have, which refer to
//! ids, which are template wording to translate, and the heading it belongs
//! to in the 都薬版 雛形. The plan check, message extraction, reference
//! resolution, the list of built-in templates and the authoring reference all
//! read [`BLOCKS`] and [`TABLES`].
//!
//! Adding a block kind: a module with its [`Block`] (and its [`Table`] when it
//! shows data of its own), its template, its model struct in [`crate::model`],
//! one line in each list below, and its snapshot test.

pub mod accept;
pub mod backups;
pub mod checks;
pub mod contact_chart;
pub mod contacts;
pub mod damages;
pub mod departments;
pub mod devices;
pub mod fallbacks;
pub mod figure;
pub mod flow;
pub mod health;
pub mod links;
pub mod list;
pub mod measures;
pub mod network;
pub mod org_chart;
pub mod poster;
pub mod priorities;
pub mod progress;
pub mod records;
pub mod revision;
pub mod roles;
pub mod scope;
pub mod steps;
pub mod strategies;
pub mod threats;
pub mod trainings;

use serde_json::Value;

/// Every built-in block kind, by name.
pub const BLOCKS: &[&Block] = &[
    &backups::BLOCK,
    &checks::BLOCK,
    &contact_chart::BLOCK,
    &contacts::BLOCK,
    &damages::BLOCK,
    &departments::BLOCK,
    &devices::BLOCK,
    &fallbacks::BLOCK,
    &flow::BLOCK,
    &health::BLOCK,
    &links::BLOCK,
    &list::BLOCK,
    &measures::BLOCK,
    &network::BLOCK,
    &org_chart::BLOCK,
    &poster::BLOCK,
    &priorities::BLOCK,
    &progress::BLOCK,
    &revision::BLOCK,
    &roles::BLOCK,
    &scope::BLOCK,
    &steps::BLOCK,
    &strategies::BLOCK,
    &threats::BLOCK,
    &trainings::BLOCK,
];

/// Every top-level table of the data files, in the order of the plan.
pub const TABLES: &[&Table] = &[
    &records::ORGANIZATION,
    &records::PEOPLE,
    &records::ORGS,
    &scope::SYSTEMS,
    &roles::ROLES,
    &list::POLICIES,
    &list::EVENTS,
    &threats::TABLE,
    &damages::TABLE,
    &devices::TABLE,
    &network::TABLE,
    &contacts::TABLE,
    &trainings::TABLE,
    &backups::TABLE,
    &strategies::TABLE,
    &priorities::TABLE,
    &fallbacks::TABLE,
    &measures::TABLE,
    &departments::TABLE,
    &list::INVESTIGATIONS,
    &flow::TABLE,
    &steps::TABLE,
    &checks::TABLE,
    &links::TABLE,
    &records::LABELS,
    &accept::TABLE,
];

/// A block kind: ```` ```bcp NAME ````.
#[derive(Debug)]
pub struct Block {
    pub name: &'static str,
    /// Its template's file name and source (`NAME.md.j2` or `NAME.html.j2`).
    pub template: &'static str,
    pub source: &'static str,
    pub shows: Shows,
    /// The heading of the 都薬版 雛形 the block belongs to (used when a book's
    /// own headings are unknown).
    pub heading: &'static str,
    /// What the block is for, in one line (the authoring reference).
    pub summary: &'static str,
    /// Draws a figure from the template context (figure blocks only): the
    /// block's template prints it with `figure(NAME)` (or `figure(NAME, data)`
    /// to draw from other data).
    pub draw: Option<figure::Draw>,
}

/// Which data a block shows.
#[derive(Debug, Clone, Copy)]
pub enum Shows {
    /// One table of the data.
    Table(&'static str),
    /// The table named by the block's argument (`of`), this one by default.
    Arg(&'static str, &'static str),
    /// The plan's state (progress, findings), not a table.
    Report,
    /// A summary of several tables.
    Summary,
    /// A figure drawn from several tables; these tables no other block shows.
    Figure(&'static [&'static str]),
}

/// How a table is written in the data files, and as a sheet
/// ([`crate::sheets`]; a column per field, headed by its label or key).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `[table]`: one record. Sheet: 項目 / 内容, a row per field; with lists
    /// inside (`network`), its fields on the first row and each list in
    /// columns of its own, an item a row.
    Single,
    /// `[table.ID]`: records keyed by id. Sheet: a row per record, an ID column.
    Keyed,
    /// `[[table]]`: rows in order. Sheet: a row per row; a nested row below
    /// its parent's, with the parent's own cells left empty.
    Rows,
    /// `table = ["…", "…"]`: lines of text. Sheet: its one field's column, a
    /// line a row.
    Texts,
    /// `[table]` of words (`key = "…"`). Sheet: 項目 / 内容, a word a row.
    Words,
}

/// A table of the data.
#[derive(Debug)]
pub struct Table {
    pub key: &'static str,
    pub shape: Shape,
    /// What one record is called in the authoring reference.
    pub what: &'static str,
    pub fields: &'static [Field],
    /// How a finding names one row.
    pub row: RowName,
    /// Rows the plan does not need filled in (`measures` marked 対象外,
    /// `systems` out of scope).
    pub skip: Option<Skip>,
    /// At most one of these fields in one row (`contacts`: system, person or org).
    pub exclusive: &'static [&'static str],
    /// Rows inside each row (`checks.items`, `flow.call`, `network.segments`).
    pub nested: &'static [Nested],
    /// Lines of `Texts` tables are template wording.
    pub wording: bool,
    /// An empty record as the templates see it (serde defaults).
    pub blank: fn() -> Value,
    /// Adds what templates read besides the fields (a role's `holder`).
    pub finish: Option<fn(&mut Value)>,
}

/// Rows within the rows of a table.
#[derive(Debug, Clone, Copy)]
pub struct Nested {
    pub key: &'static str,
    pub table: &'static Table,
}

/// A row the check leaves alone: `field` equals `value` (or, with `value`
/// `None`, `field` is false).
#[derive(Debug, Clone, Copy)]
pub struct Skip {
    pub field: &'static str,
    pub value: Option<&'static str>,
}

/// How a finding names a row of a table.
#[derive(Debug, Clone, Copy)]
pub enum RowName {
    /// 「3行目」.
    Number,
    /// The value of this field, else 「3行目」 (`devices`: 管理番号).
    Field(&'static str),
    /// 「2-7「text…」」: an id and a quoted text.
    IdText(&'static str, &'static str),
    /// A nested row: its parent's id and its own quoted text.
    ParentIdText(&'static str, &'static str),
    /// 「「name」」: the quoted value of this field (`roles`).
    Quoted(&'static str),
    /// `table.ID`: the record's key (keyed tables).
    Key,
}

/// When a finished plan needs a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Optional,
    Required,
    /// Required unless the other field is filled (`system` or `label`).
    UnlessFilled(&'static str),
    /// Required when the other field has this value.
    When(&'static str, &'static str),
    /// Required unless the other field has this value.
    Unless(&'static str, &'static str),
}

/// A field of a table.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub key: &'static str,
    /// The label the printed table (or the check) uses for it.
    pub label: &'static str,
    pub need: Need,
    /// The keyed table its id (or list of ids) refers to.
    pub refers: Option<&'static str>,
    /// Template wording, translated with the chapters (never names, numbers,
    /// addresses, dates or ids).
    pub wording: bool,
    /// Fields of the referenced record that the block prints.
    pub shows: &'static [Show],
    /// What values loading accepts.
    pub valid: Valid,
    /// No two rows of the plan may have the same value (`measures.id`).
    pub unique: bool,
    /// A value `new`'s starter files offer, commented out, where a record of
    /// the template lacks the field (what `check` will ask for).
    pub example: Option<Example>,
}

/// A starter file's example value of a field.
#[derive(Debug, Clone, Copy)]
pub enum Example {
    /// This TOML value, as written.
    Value(&'static str),
    /// An id of the table the field refers to, one the template defines.
    Ref,
    /// A list of one such id.
    Refs,
}

/// The values a field accepts (beyond its type).
#[derive(Debug, Clone, Copy)]
pub enum Valid {
    Any,
    /// One of these words (`status`).
    OneOf(&'static [&'static str]),
    /// A web, mail or phone address (`https://`, `http://`, `mailto:`, `tel:`).
    Url,
}

/// A field of a referenced record that a block prints: `name`, or through a
/// further reference, `vendor.phone`; not printed when `unless` is filled
/// (a row's own `label` replaces the record's name).
#[derive(Debug, Clone, Copy)]
pub struct Show {
    pub path: &'static str,
    pub unless: Option<&'static str>,
}

impl Show {
    pub const fn of(path: &'static str) -> Show {
        Show { path, unless: None }
    }

    pub const fn unless(path: &'static str, field: &'static str) -> Show {
        Show {
            path,
            unless: Some(field),
        }
    }
}

impl Field {
    pub const fn new(key: &'static str, label: &'static str) -> Field {
        Field {
            key,
            label,
            need: Need::Optional,
            refers: None,
            wording: false,
            shows: &[],
            valid: Valid::Any,
            unique: false,
            example: None,
        }
    }

    /// Offered, commented out, in `new`'s starter files.
    pub const fn example(mut self, example: Example) -> Field {
        self.example = Some(example);
        self
    }

    pub const fn unique(mut self) -> Field {
        self.unique = true;
        self
    }

    pub const fn one_of(mut self, words: &'static [&'static str]) -> Field {
        self.valid = Valid::OneOf(words);
        self
    }

    pub const fn url(mut self) -> Field {
        self.valid = Valid::Url;
        self
    }

    pub const fn required(self) -> Field {
        self.need(Need::Required)
    }

    pub const fn need(mut self, need: Need) -> Field {
        self.need = need;
        self
    }

    pub const fn wording(mut self) -> Field {
        self.wording = true;
        self
    }

    pub const fn refers(mut self, table: &'static str, shows: &'static [Show]) -> Field {
        self.refers = Some(table);
        self.shows = shows;
        self
    }
}

impl Table {
    pub fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }
}

/// The block kind named `name`.
pub fn block(name: &str) -> Option<&'static Block> {
    BLOCKS.iter().copied().find(|b| b.name == name)
}

/// The table with data key `key`.
pub fn table(key: &str) -> Option<&'static Table> {
    TABLES.iter().copied().find(|t| t.key == key)
}

/// The built-in templates: (file name, source).
pub fn templates() -> impl Iterator<Item = (&'static str, &'static str)> {
    BLOCKS.iter().map(|b| (b.template, b.source))
}

/// The table a fence of block `name` shows, given its arguments.
pub fn shown_table(name: &str, args: &toml::Table) -> Option<&'static str> {
    match block(name)?.shows {
        Shows::Table(t) => Some(t),
        Shows::Arg(arg, default) => Some(
            args.get(arg)
                .and_then(|v| v.as_str())
                .and_then(|t| table(t).map(|t| t.key))
                .unwrap_or(default),
        ),
        Shows::Figure(tables) => tables.first().copied(),
        Shows::Report | Shows::Summary => None,
    }
}

/// A record with every field of `T`'s default, and `id` empty.
pub fn blank_of<T: Default + serde::Serialize>() -> Value {
    let mut v = serde_json::to_value(T::default()).expect("serializable");
    if let Value::Object(map) = &mut v {
        map.insert("id".into(), Value::Null);
    }
    v
}

/// An empty row (no `id` added: rows carry their own).
pub fn row_of<T: Default + serde::Serialize>() -> Value {
    serde_json::to_value(T::default()).expect("serializable")
}

/// Every field label of every table, each once, in registry order (for
/// `xgettext`). A list's label (`Texts`) only heads its sheet's column, which
/// is Japanese in every language: the book prints the list under its heading.
pub fn field_labels() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    let mut add = |t: &Table| {
        for f in t.fields {
            if !out.contains(&f.label) {
                out.push(f.label);
            }
        }
    };
    for t in TABLES.iter().filter(|t| t.shape != Shape::Texts) {
        add(t);
        for n in t.nested {
            add(n.table);
        }
    }
    out
}

/// `{#- args: a b c -#}` on a template's first line.
pub fn declared_args(source: &str) -> Vec<String> {
    let first = source.lines().next().unwrap_or("");
    let inner = first
        .trim()
        .trim_start_matches("{#")
        .trim_start_matches('-')
        .trim_end_matches("#}")
        .trim_end_matches('-')
        .trim();
    inner
        .strip_prefix("args:")
        .map(|a| a.split_whitespace().map(String::from).collect())
        .unwrap_or_default()
}

/// The authoring reference's table of block kinds (docs/AUTHORING.md).
pub fn authoring_table() -> String {
    let mut out = String::from(
        "| block [arguments] | data (see `preprocessor/src/model.rs`) | heading in the 都薬版 雛形 | what it prints |\n|---|---|---|---|\n",
    );
    for b in BLOCKS {
        let args: Vec<String> = declared_args(b.source)
            .iter()
            .map(|a| format!("`{a}`"))
            .collect();
        let name = if args.is_empty() {
            format!("`{}`", b.name)
        } else {
            format!("`{}` [{}]", b.name, args.join(", "))
        };
        let data = match b.shows {
            Shows::Table(t) => with_refs(t),
            Shows::Arg(arg, default) => {
                format!("`{arg}` names the table (default {})", with_refs(default))
            }
            Shows::Report => "the check's report".to_string(),
            Shows::Summary => "several tables".to_string(),
            Shows::Figure([]) => "a figure of several tables".to_string(),
            Shows::Figure(tables) => format!(
                "a figure of several tables and {}",
                tables
                    .iter()
                    .map(|t| with_refs(t))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        out.push_str(&format!(
            "| {name} | {data} | {} | {} |\n",
            b.heading, b.summary
        ));
    }
    out
}

/// `` `backups` → `systems` ``: a table and the tables it refers to.
fn with_refs(key: &str) -> String {
    let mut refs: Vec<&str> = Vec::new();
    if let Some(t) = table(key) {
        let nested = t.nested.iter().flat_map(|n| n.table.fields);
        for f in t.fields.iter().chain(nested) {
            if let Some(r) = f.refers
                && !refs.contains(&r)
            {
                refs.push(r);
            }
        }
    }
    if refs.is_empty() {
        format!("`{key}`")
    } else {
        let refs: Vec<String> = refs.iter().map(|r| format!("`{r}`")).collect();
        format!("`{key}` → {}", refs.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The registry's fields are the model's fields, no more, no less.
    #[test]
    fn every_table_lists_exactly_the_model_fields() {
        for t in TABLES {
            if matches!(t.shape, Shape::Texts | Shape::Words) {
                continue;
            }
            let blank = (t.blank)();
            let mut model: Vec<&str> = blank
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .filter(|k| *k != "id" || t.field("id").is_some())
                .collect();
            let mut listed: Vec<&str> = t.fields.iter().map(|f| f.key).collect();
            listed.extend(t.nested.iter().map(|n| n.key));
            model.sort();
            listed.sort();
            assert_eq!(model, listed, "table {}", t.key);
        }
    }

    #[test]
    fn every_template_and_table_is_registered_once() {
        let files: Vec<_> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/templates"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        for f in &files {
            assert_eq!(BLOCKS.iter().filter(|b| b.template == f).count(), 1, "{f}");
        }
        assert_eq!(files.len(), BLOCKS.len());
        for b in BLOCKS {
            if let Shows::Table(t) | Shows::Arg(_, t) = b.shows {
                assert!(table(t).is_some(), "{}: {t}", b.name);
            }
        }
        for t in TABLES {
            for f in t.fields {
                if let Some(r) = f.refers {
                    assert!(
                        table(r).is_some_and(|r| r.shape == Shape::Keyed),
                        "{}.{}",
                        t.key,
                        f.key
                    );
                }
            }
        }
    }

    #[test]
    fn the_authoring_reference_is_generated_from_the_registry() {
        let doc =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/AUTHORING.md"))
                .unwrap();
        let table = authoring_table();
        assert!(
            doc.contains(&table),
            "docs/AUTHORING.md must hold the block table as generated:\n{table}"
        );
    }
}
