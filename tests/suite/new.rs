//! `bcp new DIR --template pharmacy|clinic`: a fresh plan from a bundled
//! template, with empty data files whose comments keep the examples, that
//! builds in both editions and checks (exit 1) as it is.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use super::support::*;

/// Runs `bcp ARGS` (no `--root` added).
fn bcp(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bcp"))
        .args(args)
        .arg(dir)
        .env("SOURCE_DATE_EPOCH", "1764547200")
        .output()
        .unwrap()
}

/// The template's own data folder in the repository.
fn template_data(template: &str) -> PathBuf {
    match template {
        "pharmacy" => repo().join("data"),
        _ => repo().join("templates").join(template).join("data"),
    }
}

fn toml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "toml"))
        .map(|e| e.path().strip_prefix(dir).unwrap().to_path_buf())
        .collect();
    files.sort();
    files
}

/// Every HTML page of the site under `book/`, as one text.
fn site_html(root: &Path) -> String {
    walkdir::WalkDir::new(root.join("book"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect()
}

fn new_book_builds_in_both_editions(template: &str) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("my-plan");
    let out = bcp(&["new", "--template", template], &root);
    assert!(out.status.success(), "bcp new failed:\n{}", stderr(&out));
    let said = stderr(&out);
    assert!(said.contains("bcp build --root"), "{said}");
    assert!(said.contains("bcp check --root"), "{said}");
    assert!(said.contains("data/"), "{said}");

    // book.toml: the organisation's own plan; .gitignore: the build output.
    let book_toml: toml::Table =
        toml::from_str(&std::fs::read_to_string(root.join("book.toml")).unwrap()).unwrap();
    assert_eq!(
        book_toml["preprocessor"]["bcp"]["edition"].as_str(),
        Some("plan")
    );
    assert_eq!(
        std::fs::read_to_string(root.join(".gitignore")).unwrap(),
        "book/\n"
    );
    assert!(root.join("src/SUMMARY.md").is_file());
    assert!(
        root.join("theme/css/bcp.css").is_file(),
        "theme copied, not linked"
    );
    assert!(!root.join("theme").is_symlink());
    if template == "pharmacy" && repo().join("po").is_dir() {
        assert!(
            root.join("po").is_dir(),
            "the chapters' translations come along"
        );
    }

    // Data: the template's files, no records, every example kept as a comment.
    let originals = template_data(template);
    let files = toml_files(&root.join("data"));
    assert_eq!(files, toml_files(&originals), "the template's data files");
    for rel in &files {
        let text = std::fs::read_to_string(root.join("data").join(rel)).unwrap();
        let table: toml::Table =
            toml::from_str(&text).unwrap_or_else(|e| panic!("data/{}: {e}", rel.display()));
        assert!(table.is_empty(), "data/{} has records", rel.display());
        assert!(
            text.starts_with("## ===="),
            "data/{}: header",
            rel.display()
        );
        assert!(text.contains("記載例"), "data/{}: header", rel.display());
        let original = std::fs::read_to_string(originals.join(rel)).unwrap();
        let mut examples = 0;
        for line in original.lines() {
            let trimmed = line.trim();
            if let Some(comment) = trimmed.strip_prefix('#') {
                // A comment stays: an example as `# …`, an explanation as `## …`.
                let content = comment.trim();
                assert!(
                    text.lines()
                        .any(|l| l.trim_start().trim_start_matches('#').trim() == content),
                    "data/{}: comment «{content}» missing",
                    rel.display()
                );
                continue;
            }
            let expected = if trimmed.is_empty() {
                line.to_string()
            } else {
                examples += 1;
                format!("# {line}")
            };
            assert!(
                text.lines().any(|l| l == expected),
                "data/{}: «{expected}» missing",
                rel.display()
            );
        }
        assert!(examples > 0, "data/{}: no examples", rel.display());
    }

    // The plan edition (book.toml's): every missing value flagged.
    let built = bcp(&["build", "--root"], &root);
    assert!(built.status.success(), "plan build:\n{}", stderr(&built));
    assert!(root.join("book/index.html").is_file());
    assert!(root.join("book/print.html").is_file());
    let plan = site_html(&root);
    assert!(plan.contains("class=\"bcp-missing\""), "未記入 marks");
    assert!(plan.contains("未記入"));
    assert!(
        !plan.contains("class=\"bcp-ph\""),
        "no template placeholders in the plan"
    );

    // The blank template edition: the template's placeholders.
    let built = bcp(&["build", "--edition", "template", "--root"], &root);
    assert!(
        built.status.success(),
        "template build:\n{}",
        stderr(&built)
    );
    let blank = site_html(&root);
    assert!(blank.contains("class=\"bcp-ph\""), "placeholders");
    assert!(blank.contains("〇〇"));
    assert!(!blank.contains("class=\"bcp-missing\""));

    // check lists what is missing (exit 1), it does not fail (exit 2).
    let checked = bcp(&["check", "--root"], &root);
    assert_eq!(checked.status.code(), Some(1), "{}", stderr(&checked));
    assert!(String::from_utf8_lossy(&checked.stdout).contains("未記入"));
}

#[test]
fn pharmacy_template_makes_a_book_that_builds_empty() {
    new_book_builds_in_both_editions("pharmacy");
}

#[test]
fn clinic_template_makes_a_book_that_builds_empty() {
    new_book_builds_in_both_editions("clinic");
}

#[test]
fn pharmacy_is_the_default_and_an_empty_folder_is_fine() {
    let tmp = tempfile::tempdir().unwrap();
    let out = bcp(&["new"], tmp.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("pharmacy"));
    assert_eq!(
        toml_files(&tmp.path().join("data")),
        toml_files(&template_data("pharmacy"))
    );
    assert!(
        !std::fs::read_dir(tmp.path()).unwrap().any(|e| e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .starts_with(".bcp-")),
        "no staging folder left behind"
    );
}

#[test]
fn a_folder_that_is_not_empty_is_refused_and_left_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("plan");
    std::fs::create_dir_all(root.join("data")).unwrap();
    std::fs::write(root.join("memo.txt"), "わたしのメモ\n").unwrap();
    std::fs::write(root.join("data/own.toml"), "[organization]\nname = \"A\"\n").unwrap();
    let before = tree_digest(&root);
    for template in ["pharmacy", "clinic"] {
        let out = bcp(&["new", "--template", template], &root);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains(&root.display().to_string()), "{err}");
        assert!(err.contains("空ではありません"), "{err}");
        assert_eq!(tree_digest(&root), before, "nothing written");
        assert_eq!(std::fs::read_dir(&root).unwrap().count(), 2);
    }

    // A file where the folder should be.
    let file = tmp.path().join("file.txt");
    std::fs::write(&file, "x").unwrap();
    let out = bcp(&["new"], &file);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("ファイルです"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");
}

#[test]
fn an_unknown_template_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("plan");
    let out = bcp(&["new", "--template", "hospital"], &root);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("[使える値: pharmacy, clinic]"), "{err}");
    assert!(!root.exists());
}

#[test]
fn an_id_not_written_yet_is_missing_not_an_error() {
    let book = TestBook::minimal(
        "# 章\n\n担当: {bcp:roles.ciso.holder.title ?? △△△△（役職名）}、{bcp:people.kanri.phone ?? XX-XXXX}、{bcp:systems.yakureki.vendor.name ?? 〇〇社}\n",
        &[],
    );
    book.build(&["--edition", "template"]);
    let html = book.read("book/chapter.html");
    assert!(html.contains("△△△△（役職名）"), "{html}");
    assert!(
        html.contains("XX-XXXX") && html.contains("〇〇社"),
        "{html}"
    );
    book.build(&["--edition", "plan"]);
    assert!(book.read("book/chapter.html").contains("未記入"));

    // The rest of the path is still checked against the record's fields.
    book.write("src/chapter.md", "# 章\n\n{bcp:roles.ciso.holder.titel}\n");
    let out = book.bcp(&["build"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(
            "「roles.ciso.holder.titel」というデータはありません。もしかして「title」ですか？"
        ),
        "{}",
        stderr(&out)
    );
}

/// Using every example of every starter file — removing the `# ` of its
/// lines, and nothing else — gives data that builds; the examples offer
/// what `check` asks for; every comment is Japanese.
fn every_example_used_builds(template: &str) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("plan");
    let out = bcp(&["new", "--template", template], &root);
    assert!(out.status.success(), "{}", stderr(&out));
    let files: Vec<PathBuf> = toml_files(&root.join("data"))
        .into_iter()
        .map(|f| root.join("data").join(f))
        .collect();
    let all: String = files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    for line in all.lines().filter(|l| l.trim_start().starts_with("##")) {
        if line.chars().any(|c| c.is_ascii_alphabetic()) {
            assert!(
                line.chars().any(|c| ('\u{3040}'..='\u{9fff}').contains(&c)),
                "{template}: a comment in English only: {line}"
            );
        }
    }
    if template == "pharmacy" {
        for key in [
            "reviewed =",
            "owner =",
            "due =",
            "status =",
            "vendor =",
            "deputy =",
            "[people.kanri]",
            "[[trainings]]",
            "person =",
            "people =",
        ] {
            assert!(
                all.contains(&format!("# {key}")),
                "{template}: no example of {key}"
            );
        }
    }
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let used: String = text
            .lines()
            .map(|l| match l.trim_start().strip_prefix("# ") {
                Some(rest) if !l.trim_start().starts_with("##") => {
                    let indent = &l[..l.len() - l.trim_start().len()];
                    format!("{indent}{rest}\n")
                }
                _ => format!("{l}\n"),
            })
            .collect();
        std::fs::write(&file, used).unwrap();
    }
    let out = bcp(&["build", "--root"], &root);
    assert!(
        out.status.success(),
        "{template}: every example used does not build:\n{}",
        stderr(&out)
    );
    let out = bcp(&["check", "--root"], &root);
    assert_ne!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn pharmacy_starter_examples_all_used_build() {
    every_example_used_builds("pharmacy");
}

#[test]
fn clinic_starter_examples_all_used_build() {
    every_example_used_builds("clinic");
}
