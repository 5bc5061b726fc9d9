//! Loading a book with mdBook, shared by `build`, `xgettext` and
//! `translations` (its own module so that none of them imports another).

use std::path::Path;

use anyhow::Context;
use mdbook_bcp::Bcp;
use mdbook_driver::MDBook;

/// The book at `root` with config `overrides` (`key`, value) applied.
pub fn load(root: &Path, overrides: &[(&str, String)]) -> anyhow::Result<MDBook> {
    load_in(root, overrides, None)
}

/// [`load`] for a translation into `lang`: mdBook orders the preprocessors
/// when it loads, so the config must say before loading that gettext runs
/// before bcp (which must fill the data into already translated chapters).
pub fn load_in(
    root: &Path,
    overrides: &[(&str, String)],
    lang: Option<&str>,
) -> anyhow::Result<MDBook> {
    let mut config = mdbook_driver::config::Config::from_disk(root.join("book.toml"))
        .with_context(|| format!("{} の book.toml を読めません", root.display()))?;
    for (key, value) in overrides {
        config.set(*key, value)?;
    }
    if let Some(lang) = lang {
        config.set("book.language", lang)?;
        config.set("preprocessor.gettext.before", [Bcp::NAME])?;
    }
    MDBook::load_with_config(root, config)
        .with_context(|| format!("{} の本を読み込めません", root.display()))
}
