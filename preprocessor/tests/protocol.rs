//! The `mdbook-bcp` binary speaks mdBook's preprocessor protocol.

use std::io::Write;
use std::process::{Command, Stdio};

use mdbook_preprocessor::PreprocessorContext;
use mdbook_preprocessor::book::{Book, BookItem, Chapter};
use mdbook_preprocessor::config::Config;

const BIN: &str = env!("CARGO_BIN_EXE_mdbook-bcp");

#[test]
fn supports_every_renderer_but_xgettext() {
    let status = |r: &str| {
        Command::new(BIN)
            .args(["supports", r])
            .status()
            .unwrap()
            .code()
    };
    assert_eq!(status("html"), Some(0));
    assert_eq!(status("markdown"), Some(0));
    assert_eq!(status("xgettext"), Some(1));
}

fn run(edition: &str, chapter: &str) -> (Option<i32>, String, String) {
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(root.path().join("data")).unwrap();
    std::fs::write(
        root.path().join("data/org.toml"),
        "[organization]\nname = \"みどり薬局\"\nadopted = 2024-08-23\n[orgs.mhlw]\nname = \"厚生労働省\"\nphone = \"03-6812-7837\"\n[[contacts]]\norg = \"mhlw\"\n",
    )
    .unwrap();
    let config: Config =
        format!("[book]\ntitle = \"t\"\n[preprocessor.bcp]\nedition = \"{edition}\"\n")
            .parse()
            .unwrap();
    let ctx = PreprocessorContext::new(root.path().to_path_buf(), config, "html".into());
    let mut book = Book::new();
    book.push_item(BookItem::Chapter(Chapter::new(
        "章",
        chapter.into(),
        "c.md",
        vec![],
    )));
    let input = serde_json::to_string(&(ctx, book)).unwrap();
    let mut child = Command::new(BIN)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn expands_the_book_json() {
    let chapter = "# {bcp:organization.name}\n\n{bcp:organization.adopted|wareki} 策定\n\n<!-- bcp:guidance -->\n助言\n<!-- /bcp:guidance -->\n\n```bcp contacts\n```\n";
    let (code, stdout, stderr) = run("plan", chapter);
    assert_eq!(code, Some(0), "{stderr}");
    let book: Book = serde_json::from_str(&stdout).unwrap();
    let BookItem::Chapter(ch) = &book.items[0] else {
        panic!()
    };
    assert!(ch.content.starts_with("# みどり薬局\n"), "{}", ch.content);
    assert!(ch.content.contains("令和6年8月23日 策定"));
    assert!(
        ch.content.contains(
            "| 厚生労働省 |  | <a class=\"bcp-tel\" href=\"tel:0368127837\">03-6812-7837</a> |  |"
        ),
        "{}",
        ch.content
    );
    assert!(
        !ch.content.contains("助言"),
        "guidance is hidden in the plan edition"
    );
}

#[test]
fn errors_go_to_stderr_with_a_position() {
    let (code, stdout, stderr) = run("template", "\n```bcp nope\n```\n");
    assert_eq!(code, Some(2), "exit 2: an error, as for every command");
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("c.md:2:1: 知らないブロック「nope」です。"),
        "{stderr}"
    );
}
