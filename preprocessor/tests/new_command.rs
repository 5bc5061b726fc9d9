//! `mdbook-bcp new DIR [--template pharmacy|clinic]`: a new plan from a
//! template embedded in the binary, for stock-mdBook users.

use std::path::Path;
use std::process::{Command, Output};

use mdbook_bcp::plan::Plan;

const BIN: &str = env!("CARGO_BIN_EXE_mdbook-bcp");

fn run(args: &[&str], dir: &Path) -> Output {
    Command::new(BIN)
        .args(args)
        .arg(dir)
        .env("SOURCE_DATE_EPOCH", "1764547200")
        .output()
        .unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn new_writes_a_plan_book_with_empty_data() {
    for template in ["pharmacy", "clinic"] {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("plan");
        let out = run(&["new", "--template", template], &root);
        assert!(out.status.success(), "{template}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "messages go to stderr");
        let said = stderr(&out);
        assert!(said.contains("mdbook build"), "{said}");
        assert!(said.contains("mdbook-bcp check --root"), "{said}");

        let book_toml = std::fs::read_to_string(root.join("book.toml")).unwrap();
        assert!(book_toml.contains("edition = \"plan\""), "{book_toml}");
        assert!(root.join("src/SUMMARY.md").is_file());
        assert!(root.join("theme/bcp-search.js").is_file());
        assert_eq!(
            std::fs::read_to_string(root.join(".gitignore")).unwrap(),
            "book/\n"
        );

        // The data files are there, read without error, and hold no records.
        let data = Plan::load(&root, Path::new("data")).unwrap();
        assert!(!data.files.is_empty(), "{template}: data files");
        let merged = serde_json::to_value(&data.merged).unwrap();
        for (key, value) in merged.as_object().unwrap() {
            assert!(
                value.is_null()
                    || value.as_object().is_some_and(|m| m.is_empty())
                    || value.as_array().is_some_and(|a| a.is_empty()),
                "{template}: {key} has records: {value}"
            );
        }

        // The health check runs on it and lists what is missing.
        let out = Command::new(BIN)
            .args(["check", "--root"])
            .arg(&root)
            .env("SOURCE_DATE_EPOCH", "1764547200")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    }
}

#[test]
fn new_refuses_a_folder_that_is_not_empty() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("book.toml"), "[book]\n").unwrap();
    let out = run(&["new"], tmp.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("空ではありません"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("book.toml")).unwrap(),
        "[book]\n"
    );
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
}

#[test]
fn an_unknown_template_is_an_error_that_lists_the_valid_ones() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("plan");
    let out = run(&["new", "--template", "hospital"], &root);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("[使える値: pharmacy, clinic]"),
        "{}",
        stderr(&out)
    );
    assert!(!root.exists(), "nothing written");
}
