//! Snapshots of the shared blocks in the clinic template (`templates/clinic`):
//! each block exactly as the clinic's chapters write it (arguments included),
//! rendered from the clinic's data in both editions.

use std::path::{Path, PathBuf};

mod common;
use common::{context, expander, repo};

use mdbook_bcp::Edition;
use mdbook_bcp::i18n::Labels;
use mdbook_bcp::model::BackupWording;
use mdbook_bcp::plan::Plan;

/// The blocks shared with the pharmacy book that the clinic uses.
const SHARED: &[&str] = &["fallbacks", "backups", "contacts", "devices"];

fn clinic() -> PathBuf {
    repo().join("templates/clinic")
}

/// Every `bcp NAME` fence of the clinic's chapters named in [`SHARED`], as
/// (name, fence), in the order of the chapters.
fn fences() -> Vec<(String, String)> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(clinic().join("src"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    let mut fences = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let mut lines = text.lines();
        while let Some(line) = lines.next() {
            let Some(name) = line.strip_prefix("```bcp ") else {
                continue;
            };
            let mut fence = format!("{line}\n");
            for body in lines.by_ref() {
                fence.push_str(body);
                fence.push('\n');
                if body == "```" {
                    break;
                }
            }
            if SHARED.contains(&name.trim()) {
                fences.push((name.trim().to_string(), fence));
            }
        }
    }
    fences
}

fn render(edition: Edition, wording: Option<BackupWording>) -> Vec<(String, String)> {
    let mut data = Plan::load(&clinic(), Path::new("data")).unwrap();
    if let Some(wording) = wording {
        data.merged
            .organization
            .get_or_insert_default()
            .backup_wording = Some(wording);
    }
    let expander = expander(&context(&data), edition, &Labels::source());
    let fences = fences();
    for block in SHARED {
        assert!(
            fences.iter().any(|(name, _)| name == block),
            "the clinic's chapters use no `bcp {block}`"
        );
    }
    fences
        .into_iter()
        .map(|(name, fence)| {
            let out = expander
                .expand(Path::new("src/t.md"), &fence)
                .unwrap_or_else(|e| panic!("{e}"));
            (name, out)
        })
        .collect()
}

#[test]
fn shared_blocks_in_the_clinic_template_edition() {
    for (block, out) in render(Edition::Template, None) {
        insta::assert_snapshot!(format!("template-{block}"), out);
    }
}

#[test]
fn shared_blocks_in_the_clinic_plan_edition() {
    for (block, out) in render(Edition::Plan, None) {
        insta::assert_snapshot!(format!("plan-{block}"), out);
    }
}

/// `[organization] backup_wording = "summary"`: the plan prints the ひな形's
/// one-sentence alternative instead of the table; the ひな形 still shows both.
#[test]
fn backups_with_the_summary_wording() {
    for edition in [Edition::Plan, Edition::Template] {
        let (_, out) = render(edition, Some(BackupWording::Summary))
            .into_iter()
            .find(|(block, _)| block == "backups")
            .unwrap();
        insta::assert_snapshot!(format!("{}-backups-summary", edition.as_str()), out);
    }
}
