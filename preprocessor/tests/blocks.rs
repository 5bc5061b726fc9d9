//! Snapshots of every built-in block, rendered from the bundled template data
//! (template edition) and from the example pharmacy (plan edition).

use std::path::Path;

mod common;
use common::{context, expand, expander, repo};

use mdbook_bcp::Edition;
use mdbook_bcp::i18n::Labels;
use mdbook_bcp::plan::Plan;

fn args(block: &str) -> &'static str {
    match block {
        "list" => "of = \"events\"\nplaceholder = \"○○○○○○\"\n",
        "revision" => "id = \"penalty-2025\"\n",
        _ => "",
    }
}

/// The check of `data` against the rules its book follows (the example
/// follows the 令和7年度 checklist).
fn report(data: &Plan, data_dir: &str) -> mdbook_bcp::check::Report {
    let rules = mdbook_bcp::check::Rules {
        checklist: if data_dir.starts_with("examples/") {
            "R7-pharmacy".to_string()
        } else {
            mdbook_bcp::check::Rules::default().checklist
        },
        ..Default::default()
    };
    mdbook_bcp::check::check_with(data, &Default::default(), &rules)
}

fn render_all(data_dir: &str, edition: Edition) -> Vec<(String, String)> {
    let data = Plan::load(&repo(), Path::new(data_dir)).unwrap();
    let json = mdbook_bcp::context::build_for_book(
        &data,
        &report(&data, data_dir),
        &mdbook_bcp::blocks::revision::bundled(),
    );
    let expander = expander(&json, edition, &Labels::source());
    // Figures have their own snapshots (tests/figures.rs).
    mdbook_bcp::blocks::BLOCKS
        .iter()
        .filter(|b| b.draw.is_none())
        .map(|b| (b.template, b.source))
        .map(|(file, _)| {
            let block = file.split('.').next().unwrap();
            let chapter = format!("```bcp {block}\n{}```\n", args(block));
            let out = expander
                .expand(Path::new("src/t.md"), &chapter)
                .unwrap_or_else(|e| panic!("{e}"));
            (block.to_string(), out)
        })
        .collect()
}

#[test]
fn blocks_in_the_template_edition() {
    for (block, out) in render_all("data", Edition::Template) {
        insta::assert_snapshot!(format!("template-{block}"), out);
    }
}

#[test]
fn blocks_in_the_plan_edition() {
    for (block, out) in render_all("examples/sakura-pharmacy/data", Edition::Plan) {
        insta::assert_snapshot!(format!("plan-{block}"), out);
    }
}

#[test]
fn blank_data_in_the_plan_edition_is_flagged_not_blank() {
    let empty = tempfile::tempdir().unwrap();
    let data = Plan::load(empty.path(), Path::new("data")).unwrap();
    let expander = expander(&context(&data), Edition::Plan, &Labels::source());
    // A table of the pharmacy's own data with no rows shows a row to fill in, flagged
    // 未記入, as the template shows its 〇〇 row: never a header alone.
    for block in [
        "strategies",
        "priorities",
        "scope",
        "contacts",
        "departments",
        "devices",
        "backups",
        "threats",
        "roles",
        "fallbacks",
        "damages",
        "trainings",
    ] {
        let out = expander
            .expand(Path::new("src/t.md"), &format!("```bcp {block}\n```\n"))
            .unwrap();
        assert!(out.contains("bcp-missing"), "{block}: {out}");
    }
    let out = expander
        .expand(Path::new("src/t.md"), "{bcp:organization.name ?? 〇〇薬局}")
        .unwrap();
    assert!(out.contains("未記入"), "{out}");
}

/// 2.2.2 重要関係先連絡リスト without contacts: the template's row of 〇〇 in the
/// template edition, the same row flagged 未記入 in the plan edition; also when the
/// block asks for one kind (`kind = "public"`) and the data has none of it.
#[test]
fn an_empty_contact_list_shows_the_row_to_fill_in() {
    let empty = tempfile::tempdir().unwrap();
    let data = Plan::load(empty.path(), Path::new("data")).unwrap();
    let example = Plan::load(&repo(), Path::new("examples/sakura-pharmacy/data")).unwrap();
    let only_vendors = {
        let mut json = mdbook_bcp::context::build(&example, &report(&example, "examples/"));
        let contacts = json["contacts"].as_array().unwrap().clone();
        json["contacts"] = contacts
            .into_iter()
            .filter(|c| c["system"]["id"].is_string())
            .collect();
        json
    };
    for edition in [Edition::Plan, Edition::Template] {
        let json = mdbook_bcp::context::build(&data, &report(&data, "data"));
        let out = expand(&json, edition, &Labels::source(), "```bcp contacts\n```\n");
        let name = format!("blank-{}-contacts", edition.as_str());
        insta::assert_snapshot!(name, out);
        let out = expand(
            &only_vendors,
            edition,
            &Labels::source(),
            "```bcp contacts\nkind = \"public\"\nplaceholder_row = false\n```\n",
        );
        assert_eq!(
            out.lines().filter(|l| l.starts_with("| ")).count(),
            2,
            "{edition:?}: header and one row to fill in: {out}"
        );
    }
}
