//! Settings under `[preprocessor.bcp]` in book.toml.

use std::path::PathBuf;

use serde::Deserialize;

/// Which book the same source makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Edition {
    /// The association's blank 雛形: examples and guidance shown, 〇〇 placeholders.
    #[default]
    #[value(help = "雛形（協会が配る空欄の版）")]
    Template,
    /// The pharmacy's own plan: guidance hidden, missing values flagged.
    #[value(help = "計画（自分の薬局・医療機関の版）")]
    Plan,
}

impl Edition {
    pub fn as_str(self) -> &'static str {
        match self {
            Edition::Template => "template",
            Edition::Plan => "plan",
        }
    }
}

/// `[preprocessor.bcp]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct BcpConfig {
    #[serde(default)]
    pub edition: Edition,
    /// Folder of the data files, relative to the book root.
    #[serde(default = "default_data")]
    pub data: PathBuf,
    /// Folder of template overrides, relative to the book root.
    #[serde(default = "default_templates")]
    pub templates: PathBuf,
    /// Chapters (paths under `src/`, as in SUMMARY.md) of the training handout,
    /// in the order printed; a chapter brings its sub-chapters. Empty: no handout.
    #[serde(default)]
    pub handout: Vec<PathBuf>,
    /// Languages `bcp build` makes: the first (Japanese, the source) at the
    /// site's root, each other one under `LANG/`, translated from `po/LANG.po`.
    #[serde(default = "default_languages")]
    pub languages: Vec<String>,
    /// Folder of `messages.pot` and the `LANG.po` files, relative to the book root.
    #[serde(default = "default_po_dir")]
    pub po_dir: PathBuf,
    /// Least share of messages (percent) each translation must have translated;
    /// `bcp translations` fails below it.
    #[serde(default)]
    pub min_translated: Option<f64>,
    /// `bcp check` asks for a training (trainings) within the last year (都薬版 2.2.4).
    #[serde(default)]
    pub yearly_training: bool,
    /// The MHLW checklist edition the plan follows (2.4 marks its items):
    /// `R6-pharmacy` (the seed's), `R7-pharmacy`, or one of the book's own
    /// (`rules/checklists/ID.toml`).
    #[serde(default = "default_checklist")]
    pub checklist: String,
    /// Folder of the book's own rules (checklist editions in `checklists/`,
    /// `eol.toml`), relative to the book root; read beside the bundled ones.
    #[serde(default = "default_rules")]
    pub rules: PathBuf,
    /// The book's own words in check findings: `organization` = 薬局 (the
    /// default), 医療機関, クリニック ….
    #[serde(default)]
    pub labels: std::collections::BTreeMap<String, String>,
    // mdBook's own keys for every preprocessor.
    #[serde(default)]
    pub command: Option<String>,
    #[serde(default)]
    pub before: Vec<String>,
    #[serde(default)]
    pub after: Vec<String>,
    #[serde(default)]
    pub renderers: Option<Vec<String>>,
    #[serde(default)]
    pub optional: Option<bool>,
}

fn default_checklist() -> String {
    "R6-pharmacy".to_string()
}

fn default_rules() -> PathBuf {
    PathBuf::from("rules")
}

fn default_data() -> PathBuf {
    PathBuf::from("data")
}

fn default_languages() -> Vec<String> {
    vec![crate::i18n::SOURCE_LANGUAGE.to_string()]
}

fn default_po_dir() -> PathBuf {
    PathBuf::from("po")
}

fn default_templates() -> PathBuf {
    PathBuf::from("templates")
}

impl Default for BcpConfig {
    fn default() -> Self {
        BcpConfig {
            edition: Edition::default(),
            labels: Default::default(),
            data: default_data(),
            templates: default_templates(),
            handout: Vec::new(),
            languages: default_languages(),
            po_dir: default_po_dir(),
            min_translated: None,
            yearly_training: false,
            checklist: default_checklist(),
            rules: default_rules(),
            command: None,
            before: Vec::new(),
            after: Vec::new(),
            renderers: None,
            optional: None,
        }
    }
}

impl BcpConfig {
    /// Reads `[preprocessor.bcp]` from the book's config.
    pub fn from_book(config: &mdbook_preprocessor::config::Config) -> anyhow::Result<BcpConfig> {
        let cfg: Option<BcpConfig> = config.get("preprocessor.bcp").map_err(|e| {
            anyhow::anyhow!("book.toml の [preprocessor.bcp] に誤りがあります: {e:#}")
        })?;
        let cfg = cfg.unwrap_or_default();
        if cfg.languages.first().map(String::as_str) != Some(crate::i18n::SOURCE_LANGUAGE) {
            anyhow::bail!(
                "book.toml の [preprocessor.bcp] languages は \"ja\"（原文の日本語）から始めてください: {:?}",
                cfg.languages
            );
        }
        Ok(cfg)
    }

    /// The languages after the source, each built under its own folder.
    pub fn translations(&self) -> &[String] {
        &self.languages[1..]
    }
}
