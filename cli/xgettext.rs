//! `bcp xgettext`: writes `po/messages.pot`, the messages translators work on.
//!
//! Three kinds of message, each with a translator comment:
//! - the chapters' text, extracted in-process by mdbook-i18n-helpers from the
//!   chapters as written (the bcp preprocessor does not run, so data values
//!   never become messages; data blocks are skipped by their
//!   `<!-- mdbook-xgettext: skip -->` line);
//! - the labels our block templates print (`{{ _("頻度") }}`) and the labels
//!   printed from Rust code (`i18n::engine_labels`: messages and the registry's field labels);
//! - the template wording in the data (the 【記載例】 rows), only the fields
//!   listed in `i18n::TRANSLATABLE_DATA`: never names, numbers or addresses.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Args;
use mdbook_bcp::BcpConfig;
use mdbook_bcp::i18n;
use mdbook_driver::MDBook;
use mdbook_driver::book::BookItem;
use mdbook_renderer::RenderContext;
use polib::catalog::Catalog;
use polib::message::{Message, MessageMutView, MessageView};
use polib::metadata::CatalogMetadata;
use pulldown_cmark::Event;

use crate::prelude::{BookArgs, say};

#[derive(Args, Debug)]
pub struct XgettextArgs {
    #[command(flatten)]
    pub book: BookArgs,
}

pub fn run(args: &XgettextArgs) -> anyhow::Result<()> {
    let root = args.book.book_root()?;
    let book = crate::book::load(&root, &[])?;
    let config = BcpConfig::from_book(&book.config)?;
    let catalog = extract(&root, &book)?;
    let path = root.join(&config.po_dir).join("messages.pot");
    write_catalog(&catalog, &path)?;
    say(&format!(
        "{} を書きました（{} 件のメッセージ）",
        path.display(),
        catalog.count()
    ));
    Ok(())
}

/// The messages of the chapters as written (admonitions and definition
/// lists protected, as when translating), with their sources.
pub fn chapter_messages(root: &Path, book: &MDBook) -> anyhow::Result<Catalog> {
    let mut chapters_as_written = book.book.clone();
    crate::gettext::protect_chapters(&mut chapters_as_written);
    let ctx = RenderContext::new(
        root,
        chapters_as_written,
        book.config.clone(),
        root.join("book"),
    );
    let catalogs = mdbook_i18n_helpers::xgettext::create_catalogs(&ctx, std::fs::read_to_string)
        .context("章からメッセージを取り出せません")?;
    Ok(catalogs
        .into_values()
        .next()
        .unwrap_or_else(|| Catalog::new(CatalogMetadata::new())))
}

/// Every message of the book, with sources and translator comments.
pub fn extract(root: &Path, book: &MDBook) -> anyhow::Result<Catalog> {
    let config = BcpConfig::from_book(&book.config)?;
    let mut chapters = chapter_messages(root, book)?;
    comment_chapter_messages(root, &mut chapters);

    let mut catalog = Catalog::new(metadata(book));
    if let Some(title) = &book.config.book.title {
        add(
            &mut catalog,
            title,
            "book.toml",
            "The book's title (book.toml [book] title).",
        );
    }
    for message in chapters.messages() {
        catalog.append_or_update(message_of(message));
    }
    for item in book.book.iter() {
        let BookItem::Chapter(chapter) = item else {
            continue;
        };
        let Some(path) = &chapter.source_path else {
            continue;
        };
        let file = book.config.book.src.join(path);
        for (line, text) in block_texts(&chapter.content) {
            add(
                &mut catalog,
                &text,
                &format!("{}:{line}", file.to_string_lossy().replace('\\', "/")),
                BLOCK_TEXT_COMMENT,
            );
        }
    }
    for (template, labels) in template_labels(&root.join(&config.templates))? {
        for label in labels {
            add(
                &mut catalog,
                &label,
                &format!("preprocessor/templates/{template}"),
                LABEL_COMMENT,
            );
        }
    }
    for label in i18n::engine_labels() {
        add(&mut catalog, label, "preprocessor", LABEL_COMMENT);
    }
    // The titles of the checklist editions the tool bundles (named under the 2.4 table).
    for edition in mdbook_bcp::check::checklist::bundled() {
        add(
            &mut catalog,
            &edition.title,
            "preprocessor/rules/checklists",
            LABEL_COMMENT,
        );
    }
    for m in i18n::data_messages(root, &config.data)? {
        add(
            &mut catalog,
            &m.text,
            &format!("{}:{}", m.file, m.line),
            &format!(
                "Template wording from the data ({}): an example row of the blank template (【記載例】). {PLACEHOLDER_COMMENT}",
                m.field
            ),
        );
    }
    Ok(catalog)
}

const LABEL_COMMENT: &str = "Label printed by the engine (table header, status word, note). \
    {name} is filled in by the program: keep it. 〇〇 marks a blank the pharmacy fills in.";

const PLACEHOLDER_COMMENT: &str =
    "〇〇 / ○○ mark a blank the pharmacy fills in: translate them as a blank (e.g. \"XXXX\").";

const FIELD_COMMENT: &str = "{bcp:PATH} prints a value from the pharmacy's data: keep it as is. \
    In {bcp:PATH ?? TEXT}, TEXT is the placeholder printed while the value is missing: translate TEXT only.";

const BLOCK_TEXT_COMMENT: &str = "Wording given to a data block in its chapter: the placeholder \
    printed while the table is empty, or a sentence the template offers instead of the table.";

/// Block arguments that are wording (`placeholder`, `summary`) in the `bcp`
/// fences of a chapter, with the line of their fence.
fn block_texts(markdown: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for fence in mdbook_bcp::markdown::fences(markdown) {
        let args = fence.args();
        for key in ["placeholder", "summary"] {
            if let Some(text) = args.get(key).and_then(|v| v.as_str()) {
                out.push((fence.line, text.to_string()));
            }
        }
    }
    out
}

const GUIDANCE_COMMENT: &str = "【作成のポイント】 guidance for whoever writes the plan; \
    shown in the blank template only.";

const EXAMPLE_COMMENT: &str = "【記載例】 example wording of the blank template.";

/// Adds `msgid` (with `source`), or a source to the message already there.
fn add(catalog: &mut Catalog, msgid: &str, source: &str, comment: &str) {
    if msgid.trim().is_empty() {
        return;
    }
    if let Some(mut existing) = catalog.find_message_mut(None, msgid, None) {
        if !existing.source().split_whitespace().any(|s| s == source) {
            let sources = format!("{} {source}", existing.source());
            *existing.source_mut() = mdbook_i18n_helpers::wrap_sources(&sources);
        }
        return;
    }
    catalog.append_or_update(
        Message::build_singular()
            .with_msgid(msgid.to_string())
            .with_msgstr(String::new())
            .with_source(source.to_string())
            .with_comments(comment.to_string())
            .done(),
    );
}

fn message_of(view: &dyn MessageView) -> Message {
    Message::build_singular()
        .with_msgid(view.msgid().to_string())
        .with_msgstr(String::new())
        .with_source(view.source().to_string())
        .with_comments(view.comments().to_string())
        .done()
}

/// The header of messages.pot; its date is SOURCE_DATE_EPOCH's (or none), so
/// the same book gives the same file.
fn metadata(book: &MDBook) -> CatalogMetadata {
    let mut metadata = CatalogMetadata::new();
    metadata.project_id_version = book.config.book.title.clone().unwrap_or_default();
    metadata.language = i18n::SOURCE_LANGUAGE.to_string();
    metadata.pot_creation_date = mdbook_bcp::date::Date::today().to_string();
    metadata.mime_version = "1.0".to_string();
    metadata.content_type = "text/plain; charset=UTF-8".to_string();
    metadata.content_transfer_encoding = "8bit".to_string();
    metadata
}

/// Comments for messages that hold inline fields, placeholders, or sit in a
/// guidance or example region of their chapter.
fn comment_chapter_messages(root: &Path, catalog: &mut Catalog) {
    let mut regions: BTreeMap<PathBuf, Vec<(String, usize, usize)>> = BTreeMap::new();
    for mut message in catalog.messages_mut() {
        let mut notes: Vec<&str> = Vec::new();
        let msgid = message.msgid().to_string();
        if msgid.contains("{bcp:") {
            notes.push(FIELD_COMMENT);
        }
        if msgid.contains("〇〇") || msgid.contains("○○") {
            notes.push(PLACEHOLDER_COMMENT);
        }
        for source in message.source().split_whitespace() {
            let Some((file, line)) = source.rsplit_once(':') else {
                continue;
            };
            let Ok(line) = line.parse::<usize>() else {
                continue;
            };
            let path = root.join(file);
            if !regions.contains_key(&path) {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                regions.insert(path.clone(), region_lines(&text));
            }
            for (kind, start, end) in &regions[&path] {
                if (*start..=*end).contains(&line) {
                    match kind.as_str() {
                        "guidance" => notes.push(GUIDANCE_COMMENT),
                        "example" => notes.push(EXAMPLE_COMMENT),
                        _ => {}
                    }
                }
            }
        }
        notes.dedup();
        if !notes.is_empty() {
            let mut comment = message.comments().to_string();
            for note in notes {
                if !comment.is_empty() {
                    comment.push('\n');
                }
                comment.push_str(note);
            }
            *message.comments_mut() = comment;
        }
    }
}

/// `(kind, first line, last line)` of each `<!-- bcp:KIND -->` region.
fn region_lines(text: &str) -> Vec<(String, usize, usize)> {
    let line_of = |offset: usize| text[..offset].matches('\n').count() + 1;
    let mut open: Vec<(String, usize)> = Vec::new();
    let mut out = Vec::new();
    let parser =
        mdbook_markdown::new_cmark_parser(text, &mdbook_markdown::MarkdownOptions::default());
    for (event, range) in parser.into_offset_iter() {
        let (Event::Html(html) | Event::InlineHtml(html)) = event else {
            continue;
        };
        match mdbook_bcp::markdown::region_marker(&html) {
            Some((true, kind)) => open.push((kind.to_string(), line_of(range.start))),
            Some((false, kind)) => {
                if let Some(at) = open.iter().rposition(|(k, _)| *k == kind) {
                    let (kind, start) = open.remove(at);
                    out.push((kind, start, line_of(range.start)));
                }
            }
            None => {}
        }
    }
    out
}

/// `(template file, labels)` for the built-in templates and the book's own.
fn template_labels(override_dir: &Path) -> anyhow::Result<Vec<(String, Vec<String>)>> {
    let mut sources: BTreeMap<String, String> = mdbook_bcp::blocks::templates()
        .map(|(n, s)| (n.to_string(), s.to_string()))
        .collect();
    if override_dir.is_dir() {
        for entry in walkdir::WalkDir::new(override_dir)
            .max_depth(1)
            .sort_by_file_name()
        {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().to_string();
            if name.ends_with(".j2") {
                sources.insert(name, std::fs::read_to_string(entry.path())?);
            }
        }
    }
    Ok(sources
        .into_iter()
        .map(|(name, source)| (name, mdbook_bcp::render::labels_in(&source)))
        .collect())
}

/// Writes `catalog` as a .po/.pot file, replacing the old one only when done.
pub fn write_catalog(catalog: &Catalog, path: &Path) -> anyhow::Result<()> {
    let dir = path.parent().context("出力先が不正です")?;
    std::fs::create_dir_all(dir).with_context(|| format!("{} を作れません", dir.display()))?;
    let tmp = path.with_extension("tmp");
    polib::po_file::write(catalog, &tmp)
        .with_context(|| format!("{} に書き込めません", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("{} に書き込めません", path.display()))
}
