//! What the engine's tests share: the repository, and chapters expanded as
//! a build expands them (the same [`Expander`], figures drawing from the
//! context as built).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use mdbook_bcp::Edition;
use mdbook_bcp::chapter::Expander;
use mdbook_bcp::i18n::Labels;
use mdbook_bcp::plan::Plan;
use mdbook_bcp::render::Renderer;
use serde_json::Value;

/// The repository's root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// The template context of `plan`, checked against the bundled rules.
pub fn context(plan: &Plan) -> Value {
    mdbook_bcp::context::build(plan, &mdbook_bcp::check::check(plan, &Default::default()))
}

/// An expander of `edition` over `json`, its labels in the language of `labels`.
pub fn expander(json: &Value, edition: Edition, labels: &Labels) -> Expander {
    let renderer = Renderer::new_in(edition, None, labels).unwrap();
    Expander::new(renderer, edition, json.clone())
}

/// `chapter` expanded over `json`; a failure panics with its message.
pub fn expand(json: &Value, edition: Edition, labels: &Labels, chapter: &str) -> String {
    expander(json, edition, labels)
        .expand(Path::new("src/t.md"), chapter)
        .unwrap_or_else(|e| panic!("{chapter}: {e}"))
}
