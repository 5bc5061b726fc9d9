//! `new`: a fresh book for a pharmacy's or clinic's own plan, from one of the
//! bundled templates, in one step.
//!
//! The template files are embedded at compile time (`build.rs`), so the
//! command works wherever the binary is installed. The new book is the
//! template with
//! - `book.toml` set to `edition = "plan"` (the organisation's own plan;
//!   `--edition template` still builds the blank 雛形);
//! - every data file emptied: each line that is neither blank nor a comment is
//!   commented out with `# `, so the file has no records but keeps the
//!   template's 【記載例】 as commented examples, under a header saying how to
//!   fill it in. Each record is offered, commented out, the fields `check`
//!   will ask for that it lacks (from the registry's examples). Examples are
//!   `# ` lines and explanations `## ` lines, so using an example is removing
//!   the `# ` of its lines;
//! - a `.gitignore` for the build output `book/`.

use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/starter_files.rs"));
}

/// A bundled template a new book starts from (`--template`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Template {
    /// 薬局向け: the repository's own book (the 都薬版 雛形).
    #[default]
    #[value(help = "薬局向け雛形")]
    Pharmacy,
    /// 診療所向け: `templates/clinic/`.
    #[value(help = "診療所向け雛形")]
    Clinic,
}

impl Template {
    pub const ALL: [Template; 2] = [Template::Pharmacy, Template::Clinic];

    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Template::Pharmacy => "pharmacy",
            Template::Clinic => "clinic",
        }
    }

    /// 薬局向け / 診療所向け.
    pub fn label(self) -> &'static str {
        match self {
            Template::Pharmacy => "薬局向け雛形",
            Template::Clinic => "診療所向け雛形",
        }
    }

    /// Who the plan is for, as the data headers say it.
    fn noun(self) -> &'static str {
        match self {
            Template::Pharmacy => "薬局",
            Template::Clinic => "医療機関",
        }
    }

    /// The template's files: (path with `/` separators, bytes), sorted by path.
    pub fn files(self) -> &'static [(&'static str, &'static [u8])] {
        match self {
            Template::Pharmacy => embedded::PHARMACY,
            Template::Clinic => embedded::CLINIC,
        }
    }
}

/// What [`create`] wrote.
#[derive(Debug, Clone)]
pub struct Created {
    /// The new book's root, as given.
    pub root: PathBuf,
    pub template: Template,
    /// Every file written, relative to `root`.
    pub files: Vec<PathBuf>,
    /// The data files to fill in, relative to `root` (the organisation's first).
    pub data_files: Vec<PathBuf>,
    /// The workbook of every table (`new --spreadsheet`), relative to `root`.
    pub workbook: Option<PathBuf>,
}

/// Which command the next-steps message tells the user to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Runner {
    /// The `bcp` CLI (mdBook embedded).
    Bcp,
    /// Stock `mdbook` with `mdbook-bcp` on PATH.
    Mdbook,
}

/// Creates a new book at `dest` from `template`. Refuses a `dest` that exists
/// and is not an empty folder; writes nothing then, and nothing either when
/// writing fails half way.
pub fn create(dest: &Path, template: Template) -> anyhow::Result<Created> {
    let files = book_files(template)?;
    match std::fs::metadata(dest) {
        Ok(meta) if !meta.is_dir() => bail!(
            "{} はフォルダではなくファイルです。新しい計画は、まだないフォルダか空のフォルダに作ります",
            dest.display()
        ),
        Ok(_) => {
            let mut entries = std::fs::read_dir(dest)
                .with_context(|| format!("フォルダ {} を読めません", dest.display()))?;
            if entries.next().is_some() {
                bail!(
                    "フォルダ {} は空ではありません。上書きしないよう、何も書き込みませんでした。新しい計画は、まだないフォルダか空のフォルダに作ります",
                    dest.display()
                );
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => {
            return Err(e)
                .with_context(|| format!("フォルダ {} を確かめられません", dest.display()));
        }
    }
    let made_dest = !dest.exists();
    std::fs::create_dir_all(dest)
        .with_context(|| format!("フォルダ {} を作れません", dest.display()))?;
    // Written into a hidden folder inside `dest`, then moved up: a failure
    // leaves `dest` as it was.
    let staging = dest.join(format!(".bcp-new-{}", std::process::id()));
    let result = write_all(&staging, &files).and_then(|()| {
        for (rel, _) in &files {
            let top = rel.components().next().expect("non-empty path");
            let (from, to) = (staging.join(top), dest.join(top));
            if from.exists() && !to.exists() {
                std::fs::rename(&from, &to)
                    .with_context(|| format!("{} を作れません", to.display()))?;
            }
        }
        Ok(())
    });
    let _ = std::fs::remove_dir_all(&staging);
    if let Err(e) = result {
        if made_dest {
            let _ = std::fs::remove_dir_all(dest);
        } else {
            for (rel, _) in &files {
                let top = dest.join(rel.components().next().expect("non-empty path"));
                let _ = std::fs::remove_dir_all(&top).or_else(|_| std::fs::remove_file(&top));
            }
        }
        return Err(e);
    }
    let data_dir = data_dir(&files);
    let mut data_files: Vec<PathBuf> = files
        .iter()
        .map(|(rel, _)| rel.clone())
        .filter(|rel| is_data_file(rel, &data_dir))
        .collect();
    // The organisation's own file first: the place to start.
    data_files.sort_by_key(|rel| {
        let text = files
            .iter()
            .find(|(r, _)| r == rel)
            .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
            .unwrap_or_default();
        !text.lines().any(|l| l.trim() == "# [organization]")
    });
    Ok(Created {
        root: dest.to_path_buf(),
        template,
        files: files.into_iter().map(|(rel, _)| rel).collect(),
        data_files,
        workbook: None,
    })
}

/// `new --spreadsheet`: adds `plan.xlsx` to the new book's data folder, a
/// sheet (Japanese headers, drop-downs) for every table a sheet can hold, to
/// fill in with Excel or LibreOffice instead of the TOML files, which stay as
/// the guide to each table.
pub fn add_workbook(created: &mut Created) -> anyhow::Result<PathBuf> {
    let data_dir = created
        .data_files
        .first()
        .and_then(|p| p.parent())
        .map_or_else(|| PathBuf::from("data"), Path::to_path_buf);
    let rel = data_dir.join("plan.xlsx");
    let exported = crate::export::workbook(&crate::model::Data::default(), true)?;
    let path = created.root.join(&rel);
    std::fs::write(&path, exported.bytes)
        .with_context(|| format!("{} を書けません", path.display()))?;
    created.files.push(rel.clone());
    created.workbook = Some(rel.clone());
    Ok(rel)
}

fn write_all(staging: &Path, files: &[(PathBuf, Vec<u8>)]) -> anyhow::Result<()> {
    for (rel, bytes) in files {
        let path = staging.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("フォルダ {} を作れません", parent.display()))?;
        }
        std::fs::write(&path, bytes).with_context(|| format!("{} を書けません", path.display()))?;
    }
    Ok(())
}

/// The files of the new book: the template's, with book.toml set to the plan
/// edition, the data files emptied, and a `.gitignore`.
pub fn book_files(template: Template) -> anyhow::Result<Vec<(PathBuf, Vec<u8>)>> {
    let embedded = template.files();
    if !embedded.iter().any(|(rel, _)| *rel == "book.toml") {
        bail!(
            "{}（{}）はこの版の mdbook-bcp に含まれていません",
            template.label(),
            template.name()
        );
    }
    let book_toml = embedded
        .iter()
        .find(|(rel, _)| *rel == "book.toml")
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
        .unwrap_or_default();
    let data_dir = configured_data_dir(&book_toml);
    let data: Vec<&str> = embedded
        .iter()
        .filter(|(rel, _)| is_data_file(Path::new(rel), &data_dir))
        .filter_map(|(_, bytes)| std::str::from_utf8(bytes).ok())
        .collect();
    let header = data_header(template, &example_id(&data));
    let ids = defined_ids(&data);
    let mut files = Vec::new();
    for (rel, bytes) in embedded {
        let path = PathBuf::from(rel);
        let bytes = if *rel == "book.toml" {
            plan_book_toml(&book_toml)?.into_bytes()
        } else if is_data_file(&path, &data_dir) {
            let text = std::str::from_utf8(bytes)
                .with_context(|| format!("{rel} が UTF-8 ではありません"))?;
            blank_data(&with_examples(text, &ids), &header).into_bytes()
        } else {
            bytes.to_vec()
        };
        files.push((path, bytes));
    }
    files.push((PathBuf::from(".gitignore"), b"book/\n".to_vec()));
    Ok(files)
}

/// `[preprocessor.bcp] data` of the template's book.toml (default `data`).
fn configured_data_dir(book_toml: &str) -> PathBuf {
    toml::from_str::<toml::Table>(book_toml)
        .ok()
        .and_then(|t| {
            t.get("preprocessor")?
                .get("bcp")?
                .get("data")?
                .as_str()
                .map(PathBuf::from)
        })
        .unwrap_or_else(|| PathBuf::from("data"))
}

fn data_dir(files: &[(PathBuf, Vec<u8>)]) -> PathBuf {
    files
        .iter()
        .find(|(rel, _)| rel == Path::new("book.toml"))
        .map(|(_, bytes)| configured_data_dir(&String::from_utf8_lossy(bytes)))
        .unwrap_or_else(|| PathBuf::from("data"))
}

fn is_data_file(rel: &Path, data_dir: &Path) -> bool {
    rel.starts_with(data_dir) && rel.extension().is_some_and(|x| x == "toml")
}

/// `book.toml` with `[preprocessor.bcp] edition = "plan"`; everything else,
/// comments and layout included, as written (edited with `toml_edit`, so any
/// TOML spelling of the table is found: `[preprocessor.bcp]`, dotted keys,
/// an inline table).
pub fn plan_book_toml(text: &str) -> anyhow::Result<String> {
    use toml_edit::{DocumentMut, Item, Table};
    let not_a_table = || anyhow::anyhow!("book.toml: [preprocessor.bcp] が表ではありません");
    let mut doc: DocumentMut = text.parse().context("雛形の book.toml を読めません")?;
    let preprocessor = doc.entry("preprocessor").or_insert_with(|| {
        let mut table = Table::new();
        table.set_implicit(true);
        Item::Table(table)
    });
    let bcp = preprocessor
        .as_table_like_mut()
        .ok_or_else(not_a_table)?
        .entry("bcp")
        .or_insert_with(|| {
            let mut table = Table::new();
            table.decor_mut().set_prefix("\n");
            Item::Table(table)
        })
        .as_table_like_mut()
        .ok_or_else(not_a_table)?;
    match bcp.get_mut("edition").and_then(Item::as_value_mut) {
        Some(edition) => {
            let decor = edition.decor().clone();
            *edition = "plan".into();
            *edition.decor_mut() = decor;
        }
        None => {
            bcp.insert("edition", toml_edit::value("plan"));
        }
    }
    Ok(doc.to_string())
}

/// The data file `text` with no records, under `header` (which says how to
/// fill the file in): every line that is neither blank nor a comment
/// commented out with `# `; the template's commented examples (a comment
/// that is itself TOML: `# name = "〇〇薬局"`, `# [people.kanri]`) kept as
/// `# ` lines; its explanations made `## ` lines. Using an example is then
/// removing the `# ` of its lines.
pub fn blank_data(text: &str, header: &str) -> String {
    let mut out = header.to_string();
    for line in text.split_inclusive('\n') {
        let line = line.trim_start_matches('\u{feff}');
        let trimmed = line.trim();
        if trimmed.is_empty() {
            out.push_str(line);
        } else if let Some(comment) = trimmed.strip_prefix('#') {
            let indent = &line[..line.len() - line.trim_start().len()];
            let content = comment.strip_prefix(' ').unwrap_or(comment);
            let end = if line.ends_with('\n') { "\n" } else { "" };
            let marker = if is_example(content) { "#" } else { "##" };
            out.push_str(&format!("{indent}{marker} {}{end}", content.trim_end()));
        } else {
            out.push_str("# ");
            out.push_str(line);
        }
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// A comment that is TOML of its own — a `[table]` header or `key = value` —
/// is a commented example; any other comment explains.
fn is_example(content: &str) -> bool {
    let content = content.trim();
    if content.is_empty() || content.starts_with('#') {
        return false;
    }
    if content.starts_with('[') {
        return content
            .split('#')
            .next()
            .unwrap_or("")
            .trim_end()
            .ends_with(']');
    }
    content.contains('=') && content.parse::<toml::Table>().is_ok()
}

/// Table → the first id the template's data defines for it, written or in a
/// commented example (`[people.kanri]`, `# [people.kanri]`): what an example
/// reference points at.
fn defined_ids(data: &[&str]) -> std::collections::BTreeMap<String, String> {
    let mut ids = std::collections::BTreeMap::new();
    for line in data.iter().flat_map(|text| text.lines()) {
        let header = line.trim().trim_start_matches('#').trim();
        let Some(inner) = header.strip_prefix('[').and_then(|h| h.strip_suffix(']')) else {
            continue;
        };
        if let Some((table, id)) = inner.trim().split_once('.')
            && !id.is_empty()
            && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            ids.entry(table.trim().to_string())
                .or_insert_with(|| id.trim().to_string());
        }
    }
    ids
}

/// `text` with, after each record of a registry table, the fields it lacks
/// that have an example (what `check` will ask for), each as a commented
/// `key = value  # label` line. Records of a file that does not parse, and
/// fields already offered as a commented example, are left as they are.
pub fn with_examples(text: &str, ids: &std::collections::BTreeMap<String, String>) -> String {
    use crate::blocks::{self, Example, Need, Shape};
    use toml::de::{DeTable, DeValue};
    let Ok(doc) = DeTable::parse(text) else {
        return text.to_string();
    };
    let map = crate::source_map::SourceMap::of(&doc);
    let mut inserts: Vec<(usize, String)> = Vec::new();
    for table in blocks::TABLES {
        let Some(value) = doc.get_ref().get(table.key) else {
            continue;
        };
        let records: Vec<(String, &DeTable)> = match (table.shape, value.get_ref()) {
            (Shape::Single, DeValue::Table(t)) => vec![(table.key.to_string(), t)],
            (Shape::Keyed, DeValue::Table(t)) => t
                .iter()
                .filter_map(|(id, v)| match v.get_ref() {
                    DeValue::Table(r) => Some((format!("{}.{}", table.key, id.get_ref()), r)),
                    _ => None,
                })
                .collect(),
            (Shape::Rows, DeValue::Array(rows)) => rows
                .iter()
                .enumerate()
                .filter_map(|(i, v)| match v.get_ref() {
                    DeValue::Table(r) => Some((format!("{}[{i}]", table.key), r)),
                    _ => None,
                })
                .collect(),
            _ => continue,
        };
        for (path, record) in records {
            let field_text = |key: &str| match record.get(key).map(|v| v.get_ref()) {
                Some(DeValue::String(s)) => Some(s.to_string()),
                _ => None,
            };
            let needed = |need: Need| match need {
                Need::Unless(field, value) => field_text(field).as_deref() != Some(value),
                Need::When(field, value) => field_text(field).as_deref() == Some(value),
                _ => true,
            };
            let mut lines = String::new();
            for field in table.fields {
                let Some(example) = field.example else {
                    continue;
                };
                if record.get(field.key).is_some() || !needed(field.need) {
                    continue;
                }
                let value = match (example, field.refers.and_then(|t| ids.get(t))) {
                    (Example::Value(v), _) => v.to_string(),
                    (Example::Ref, Some(id)) => format!("\"{id}\""),
                    (Example::Refs, Some(id)) => format!("[\"{id}\"]"),
                    _ => continue,
                };
                lines.push_str(&format!("# {} = {value}  # {}\n", field.key, field.label));
            }
            if lines.is_empty() {
                continue;
            }
            // After the record's last line.
            let end = map
                .places_under(&path)
                .map(|p| p.value.end)
                .max()
                .unwrap_or(0);
            let at = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
            // Not what a commented example right below already offers.
            let below: Vec<&str> = text[at..]
                .lines()
                .take_while(|l| l.trim_start().starts_with('#'))
                .collect();
            let lines: String = lines
                .lines()
                .filter(|l| {
                    let key = l
                        .trim_start_matches("# ")
                        .split('=')
                        .next()
                        .unwrap_or("")
                        .trim();
                    !below.iter().any(|b| {
                        b.trim_start_matches('#')
                            .trim_start()
                            .starts_with(&format!("{key} ="))
                    })
                })
                .map(|l| format!("{l}\n"))
                .collect();
            if !lines.is_empty() {
                inserts.push((at, lines));
            }
        }
    }
    let mut out = text.to_string();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    inserts.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
    for (at, lines) in inserts {
        out.insert_str(at.min(out.len()), &lines);
    }
    out
}

/// An id the template's data defines, with how another record refers to it:
/// (`[systems.yakureki]`, `system = "yakureki"`), for the header's example.
fn example_id(data: &[&str]) -> (String, String) {
    for (table, key) in [("systems", "system"), ("people", "person"), ("orgs", "org")] {
        let prefix = format!("[{table}.");
        let found = data.iter().flat_map(|text| text.lines()).find_map(|line| {
            let id = line.trim().strip_prefix(&prefix)?.strip_suffix(']')?;
            (!id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
                .then(|| id.to_string())
        });
        if let Some(id) = found {
            return (format!("[{table}.{id}]"), format!("{key} = \"{id}\""));
        }
    }
    ("[systems.yakureki]".into(), "system = \"yakureki\"".into())
}

/// The header of every emptied data file.
pub fn data_header(template: Template, (defined, referred): &(String, String)) -> String {
    let noun = template.noun();
    format!(
        "\
## ==================================================================
## 記入用のデータファイルです（{label}から作成）。
## いまは記録が一件もありません。本には、書かれていない所が
## 〇〇（雛形版 template）や 未記入（計画版 plan）と表示されます。
##
## 書き方:
## 1. 「# 」で始まる行は記載例です（雛形の【記載例】と、点検で聞かれる項目の例）。
##    使う行の先頭の「# 」だけを消し、値を自分の{noun}のものに書き換えます。
##    [見出し] の行は、その下に続く キー = 値 の行と一緒に「# 」を消します。
##    「## 」で始まる行は説明です。そのままにしておきます。
## 2. 見出しの ID（{defined} なら {id}）は、ほかのファイルから
##    {referred} のように参照されます。ID を変えたら、参照している所も
##    同じ ID に直します。参照する行を使うときは、参照先の見出しも「# 」を消します。
## 3. 合わない記載例は消し、足りない項目は同じ形で書き足します。
##    日付は 2025-04-01 のように引用符なしで、電話番号は \"03-1234-5678\" のように
##    引用符で囲んで書きます。
## 4. 書いたら bcp check（または mdbook-bcp check）で、足りない所と誤りを確かめます。
## ==================================================================

",
        label = template.label(),
        id = defined
            .trim_matches(|c| c == '[' || c == ']')
            .split_once('.')
            .map_or("", |x| x.1),
    )
}

impl Created {
    /// What to do next: which files to fill in, how to build and check.
    pub fn next_steps(&self, runner: Runner) -> String {
        let dir = shell_word(&self.root.display().to_string());
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{} に{}（{}）から新しい計画を作りました（{} ファイル）。",
            self.root.display(),
            self.template.label(),
            self.template.name(),
            self.files.len()
        );
        let _ = writeln!(out, "\n次にすること:");
        match &self.workbook {
            Some(workbook) => {
                let _ = writeln!(
                    out,
                    "1. {}のことを {} に Excel や LibreOffice で書きます。シートごとに一つの表で、\
                     見出しの行は変えずに 2 行目から書きます（基本情報のシートは「内容」の列に）。\n   \
                     data/ の .toml ファイルは、各表の項目の説明と記入例です。TOML で書きたい表は\
                     そちらに書けます（同じ表を両方に書くと二重になります）。",
                    self.template.noun(),
                    workbook.display()
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "1. {}のことを、次のデータファイルに書きます（書き方は各ファイルの先頭にあります）:",
                    self.template.noun()
                );
                for file in &self.data_files {
                    let _ = writeln!(out, "     {}", file.display());
                }
            }
        }
        let (build, template_build, check) = match runner {
            Runner::Bcp => (
                format!("bcp build --root {dir}"),
                format!("bcp build --root {dir} --edition template"),
                format!("bcp check --root {dir}"),
            ),
            Runner::Mdbook => (
                format!("mdbook build {dir}"),
                format!("MDBOOK_PREPROCESSOR__BCP__EDITION=template mdbook build {dir}"),
                format!("mdbook-bcp check --root {dir}"),
            ),
        };
        let index = self.root.join("book").join("index.html");
        let _ = writeln!(
            out,
            "2. 本を作ります（計画版）:  {build}\n     → {}\n   雛形（記載例と作成のポイント）を見るには:  {template_build}",
            index.display()
        );
        let _ = writeln!(
            out,
            "3. 足りない所を確かめます:  {check}\n   （見直しのたびに data/ を直して、もう一度作ります）"
        );
        out
    }
}

/// `word` quoted for a POSIX shell when it needs it.
fn shell_word(word: &str) -> String {
    if !word.is_empty()
        && word
            .chars()
            .all(|c| !c.is_whitespace() && !"'\"$`\\!*?&;|<>()[]{}#~".contains(c))
    {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_data_has_no_records_and_keeps_examples() {
        let src = "# 2.2.5 バックアップ\n\n[organization]\nname = \"〇〇薬局\"\n  # note\nlist = [\n  \"a\",\n]\n[[backups]]\nsystem = \"yakureki\" # inline\n";
        let header = data_header(Template::Pharmacy, &example_id(&[src]));
        assert!(
            header.contains("[systems.yakureki] なら yakureki"),
            "{header}"
        );
        let out = blank_data(src, &header);
        let table: toml::Table = toml::from_str(&out).unwrap();
        assert!(table.is_empty(), "{out}");
        assert!(out.contains("\n# [organization]\n# name = \"〇〇薬局\"\n"));
        assert!(out.contains("\n  ## note\n# list = [\n#   \"a\",\n# ]\n"));
        assert!(out.contains("## 2.2.5 バックアップ\n\n# [organization]"));
        assert!(out.starts_with("## ====="));
    }

    #[test]
    fn comments_that_are_toml_are_examples() {
        assert!(is_example("name = \"〇〇薬局\""));
        assert!(is_example("deputy = \"kanri\"  # 代理"));
        assert!(is_example("[people.kanri]"));
        assert!(is_example("[[devices]]"));
        assert!(!is_example("2.4 情報セキュリティの事前対策"));
        assert!(!is_example("mhlw = true: also on the list"));
        assert!(!is_example("------------------- 1.3 対象範囲"));
        assert!(!is_example(""));
    }

    #[test]
    fn a_record_is_offered_the_fields_check_asks_for() {
        let ids = [("people".to_string(), "kanri".to_string())]
            .into_iter()
            .collect();
        let src = "[[measures]]\nid = \"1-1\"\ngroup = \"体制\"\ntext = \"設置する。\"\n\n[[ measures ]]\nid = \"1-2\"\ngroup = \"体制\"\ntext = \"周知する。\"\nstatus = \"完了\"\n";
        let out = with_examples(src, &ids);
        assert!(
            out.starts_with("[[measures]]\nid = \"1-1\"\ngroup = \"体制\"\ntext = \"設置する。\"\n# owner = \"kanri\"  # 担当者\n# due = 2026-06-30  # 予定\n# status = \"未着手\"  # 状況\n\n"),
            "{out}"
        );
        assert!(
            out.ends_with(
                "status = \"完了\"\n# owner = \"kanri\"  # 担当者\n# due = 2026-06-30  # 予定\n"
            ),
            "{out}"
        );
        // Uncommented, the examples are valid data.
        let used: String = out
            .lines()
            .map(|l| l.strip_prefix("# ").unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n");
        let table: toml::Table = used.parse().unwrap();
        assert_eq!(table["measures"][0]["owner"].as_str(), Some("kanri"));
    }

    #[test]
    fn every_embedded_data_file_parses_empty() {
        for template in Template::ALL {
            let Ok(files) = book_files(template) else {
                continue; // Not in this build (checked by the end-to-end tests).
            };
            let data: Vec<_> = files
                .iter()
                .filter(|(rel, _)| is_data_file(rel, Path::new("data")))
                .collect();
            assert!(!data.is_empty(), "{template:?}");
            for (rel, bytes) in data {
                let text = String::from_utf8(bytes.clone()).unwrap();
                let parsed = crate::plan::parse_file(rel.clone(), text.clone())
                    .unwrap_or_else(|e| panic!("{}: {e}", rel.display()));
                let json = serde_json::to_value(&parsed.data).unwrap();
                let table: toml::Table = toml::from_str(&text).unwrap();
                assert!(table.is_empty(), "{} has records: {json}", rel.display());
            }
        }
    }

    #[test]
    fn book_toml_becomes_the_plan_edition() {
        let cases = [
            "[book]\ntitle = \"t\"\n\n[preprocessor.bcp]\n# c\nedition = \"template\"\nbefore = [\"links\"]\n",
            "[book]\ntitle = \"t\"\n\n[preprocessor.bcp]\nbefore = [\"links\"]\n\n[output.html]\nx = 1\n",
            "[book]\ntitle = \"t\"\n\n[preprocessor.bcp]",
            "[book]\ntitle = \"t\"",
            "[book]\ntitle = \"t\"\n[preprocessor.other]\nedition = \"x\"\n",
            "[book]\ntitle = \"t\"\n\n[ preprocessor . bcp ]\nedition = \"template\" # which book\n",
            "[book]\ntitle = \"t\"\n[preprocessor]\nbcp.edition = \"template\"\n",
            "[book]\ntitle = \"t\"\n[preprocessor]\nbcp = { edition = \"template\", before = [\"links\"] }\n",
        ];
        for case in cases {
            let out = plan_book_toml(case).unwrap();
            let table: toml::Table = toml::from_str(&out).unwrap_or_else(|e| panic!("{out}\n{e}"));
            assert_eq!(
                table["preprocessor"]["bcp"]["edition"].as_str(),
                Some("plan"),
                "{out}"
            );
            assert_eq!(table["book"]["title"].as_str(), Some("t"));
        }
        let out = plan_book_toml(cases[0]).unwrap();
        assert_eq!(
            out,
            cases[0].replace("template", "plan"),
            "only the value changes"
        );
        for case in &cases[5..] {
            let out = plan_book_toml(case).unwrap();
            assert_eq!(
                out,
                case.replace("template", "plan"),
                "any spelling, in place"
            );
        }
        let out = plan_book_toml(cases[4]).unwrap();
        assert_eq!(
            toml::from_str::<toml::Table>(&out).unwrap()["preprocessor"]["other"]["edition"]
                .as_str(),
            Some("x")
        );
    }

    #[test]
    fn shell_words() {
        assert_eq!(shell_word("/tmp/my-plan"), "/tmp/my-plan");
        assert_eq!(shell_word("my plan"), "'my plan'");
        assert_eq!(shell_word("さくら薬局"), "さくら薬局");
    }
}
