//! Every kind of error the TOML parser can report reaches the user in
//! Japanese, and the mistakes people make are named with their fix.

use std::path::PathBuf;

use mdbook_bcp::diag::Diagnostic;
use mdbook_bcp::plan::parse_file_all;

fn errors(src: &str) -> Vec<Diagnostic> {
    match parse_file_all(PathBuf::from("data/t.toml"), src.to_string()) {
        Ok(_) => panic!("no error for {src:?}"),
        Err(e) => e,
    }
}

/// Japanese: has kana or kanji, and no English phrase (three ASCII words in
/// a row) left in it; keys and values such as `phone` may appear.
fn is_japanese(message: &str) -> bool {
    let japanese = message
        .chars()
        .any(|c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}'));
    let mut run = 0;
    let mut longest = 0;
    for word in message.split(' ') {
        if !word.is_empty() && word.chars().all(|c| c.is_ascii_alphabetic()) {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    japanese && longest < 3
}

/// One input for each message of the TOML parser (toml_parser's `ParseError`
/// descriptions, toml_datetime's date errors, toml's document errors) and of
/// serde (unknown key, missing key, wrong type).
const BAD: &[&str] = &[
    "[organization]\nname = \"山田\n",         // unclosed string
    "[organization]\nname = 山田\n",           // string values must be quoted
    "[organization]\nphone = 090-5555-0102\n", // invalid date
    "[organization]\nphone = 09055550102\n",   // unexpected leading zero
    "[organization]\nphone = 0x12G\n",         // invalid hex
    "[organization]\nversion = 1__0\n",        // `_` may only go between digits
    "[organization]\nversion = +-1\n",         // redundant sign
    "[organization]\nversion = 0X10\n",        // radix must be lowercase
    "[organization]\nversion = 1.\n",          // invalid float
    "[organization]\nversion = 99999999999999999999\n", // overflow
    "[organization]\nname = \"a\" \"b\"\n",    // unexpected content
    "[organization]\nname\n",                  // key with no value
    "[organization]\nname =\n",                // missing value
    "[organization]\n= \"a\"\n",               // missing key
    "[organization]\nname == \"a\"\n",         // extra =
    "[organization]\nname \"a\"\n",            // missing =
    "[organization\nname = \"a\"\n",           // unclosed table
    "[[devices]\nid = \"1\"\n",                // unclosed array table
    "[organization]\nname = \"a\"\nname = \"b\"\n", // duplicate key
    "[organization]\n[organization]\n",        // duplicate table
    "policies = [\"a\" \"b\"]\n",              // missing comma
    "policies = [\"a\",,]\n",                  // extra comma
    "policies = [\"a\"\n",                     // unclosed array
    "organization = { name = \"a\"\n",         // unclosed inline table
    "organization = { name \"a\" }\n",         // missing = in inline table
    "[organization]\nname = \"a\\q\"\n",       // invalid escape
    "[organization]\nname = \"\\u12\"\n",      // too few unicode digits
    "[organization]\nname = 'a\n",             // unclosed literal string
    "[organization]\nname = \"\"\"a\n",        // unclosed multi-line string
    "[organization]\nname = \"a\" # \u{7}\n",  // invalid comment character
    "[organization]\nname = \"a\"\r\r\n",      // lone carriage return
    "[organization]\nadopted = 2025-13-01\n",  // month out of range
    "[organization]\nadopted = 2025-04-01T25:00:00\n", // hour out of range
    "[organization]\nadopted = 2025-4-1\n",    // two-digit month
    "[organization]\nadopted = \"2025-04-01\"\n", // date in quotes
    "[organization]\nadopted = \"2025/4/1\"\n", // date in quotes with slashes
    "[organization]\nadopted = 2025/4/1\n",    // date with slashes
    "[organization]\nadopted = 令和7年4月1日\n", // 和暦, unquoted
    "[organization]\nadopted = 2025-04-01T10:00:00\n", // a time
    "[organization]\nnmae = \"a\"\n",          // unknown key
    "[[measures]]\nid = \"1\"\n",              // missing key
    "[organization]\nname = 1\n",              // wrong type
    "policies = \"a\"\n",                      // wrong type: list
    "[organization]\nbackup_wording = \"both\"\n", // unknown variant
    "[roles.a]\nname = \"x\"\nslots = 300\n",  // out of range
    "[organization]\nname\u{3000}= \"a\"\n",   // full-width space
    "[organization]\nname = “山田”\n",         // full-width quotes
    "[organization]\nname ＝ \"山田\"\n",      // full-width =
    "organization.name.x = 1\norganization.name = \"a\"\n", // dotted key conflict
];

#[test]
fn every_kind_of_toml_error_is_said_in_japanese() {
    let mut english = Vec::new();
    for src in BAD {
        for d in errors(src) {
            if !is_japanese(&d.message) {
                english.push(format!("{src:?}\n  → {}", d.message));
            }
        }
    }
    assert!(
        english.is_empty(),
        "not in Japanese:\n{}",
        english.join("\n")
    );
}

fn first(src: &str) -> Diagnostic {
    errors(src).swap_remove(0)
}

#[test]
fn the_mistakes_people_make_get_their_fix() {
    let d = first("[organization]\nphone = 090-5555-0102\n");
    assert_eq!((d.line, d.column), (2, 9));
    assert!(
        d.message
            .contains("電話番号は文字として引用符で囲みます（例: phone = \"090-5555-0102\"）"),
        "{}",
        d.message
    );
    let d = first("[organization]\nphone = 09055550102\n");
    assert!(
        d.message.contains("phone = \"09055550102\""),
        "{}",
        d.message
    );
    let d = first("[organization]\npostal = 160-0023\n");
    assert!(d.message.starts_with("郵便番号は"), "{}", d.message);
    let d = first("[organization]\nname\u{3000}= \"a\"\n");
    assert_eq!((d.line, d.column), (2, 5));
    assert!(
        d.message
            .contains("全角スペース（　）が 5 文字目にあります"),
        "{}",
        d.message
    );
    let d = first("[organization]\nname = “山田”\n");
    assert_eq!((d.line, d.column), (2, 8));
    assert!(
        d.message.contains("全角の引用符（“）が 8 文字目にあります"),
        "{}",
        d.message
    );
    assert!(d.message.contains("name = \"山田\""), "{}", d.message);
    let d = first("[organization]\nadopted = 2025/4/1\n");
    assert!(d.message.contains("adopted = 2025-04-01"), "{}", d.message);
    let d = first("[organization]\nadopted = \"2025-04-01\"\n");
    assert!(
        d.message.contains("日付は引用符で囲まずに 2025-04-01"),
        "{}",
        d.message
    );
    let d = first("[organization]\nadopted = 令和7年4月1日\n");
    assert!(d.message.contains("adopted = 2025-04-01"), "{}", d.message);
}

#[test]
fn every_mistake_of_a_file_is_reported_at_once() {
    let all = errors("[organization]\nphone = 090-5555-0102\nname\u{3000}= \"a\"\nemail = “a@b”\n");
    let lines: Vec<usize> = all.iter().map(|d| d.line).collect();
    assert_eq!(lines, [2, 3, 4], "{all:#?}");
    let all = errors(
        "[people.a]\nnmae = \"x\"\n[people.b]\nphone = 1\n[[trainings]]\ndate = \"2025/4/1\"\n",
    );
    let lines: Vec<usize> = all.iter().map(|d| d.line).collect();
    assert_eq!(lines, [2, 4, 6], "{all:#?}");
}

#[test]
fn a_file_saved_as_shift_jis_says_so_and_how_to_save_as_utf8() {
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode("[people.a]\nname = \"山田\"\n");
    let d = mdbook_bcp::toml_errors::not_utf8(std::path::Path::new("data/a.toml"), &bytes);
    assert!(d.message.contains("Shift_JIS"), "{}", d.message);
    assert!(d.message.contains("UTF-8 で保存"), "{}", d.message);
    assert_eq!(d.line, 2);
}
