//! TOML errors in plain Japanese, saying the fix for the mistakes people who
//! are not programmers make: an unquoted phone number, a full-width space or
//! quote, a date written with slashes or in quotes, a file saved as Shift_JIS.

use std::ops::Range;
use std::path::Path;

use crate::date::parse_date;
use crate::diag::{Diagnostic, did_you_mean};
use crate::source_map::SourceMap;

/// A file that is not UTF-8: which encoding it looks like and how to save it.
pub fn not_utf8(path: &Path, bytes: &[u8]) -> Diagnostic {
    let (_, _, sjis_errors) = encoding_rs::SHIFT_JIS.decode(bytes);
    let (_, _, eucjp_errors) = encoding_rs::EUC_JP.decode(bytes);
    let (_, _, utf16) = encoding_rs::UTF_16LE.decode(bytes);
    let looks = if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        "UTF-16（Unicode）"
    } else if !sjis_errors {
        "Shift_JIS（メモ帳の「ANSI」、Excel の CSV と同じ CP932）"
    } else if !eucjp_errors {
        "EUC-JP"
    } else {
        let _ = utf16;
        "UTF-8 以外の文字コード"
    };
    let valid = std::str::from_utf8(bytes).map_or_else(|e| e.valid_up_to(), |s| s.len());
    let line = bytes[..valid].iter().filter(|b| **b == b'\n').count() + 1;
    Diagnostic::in_file(
        path,
        line,
        format!(
            "このファイルは {looks}で保存されているようです。データファイルは UTF-8 で保存します。メモ帳なら「名前を付けて保存」で文字コードを「UTF-8」に、VS Code なら右下の文字コードから「エンコード付きで保存」→「UTF-8」を選んでください"
        ),
    )
}

/// A syntax error of the TOML parser, said plainly: first the mistakes we
/// know (looking at the line it is on), else the parser's message translated.
pub fn syntax(path: &Path, source: &str, err: &toml::de::Error) -> Diagnostic {
    let span = err.span().unwrap_or(0..0);
    let start = span.start.min(source.len());
    let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[start..]
        .find('\n')
        .map_or(source.len(), |i| start + i);
    let line = &source[line_start..line_end];
    if let Some((span, message)) = known_mistake(line, line_start) {
        return Diagnostic::at(path, source, span, message);
    }
    Diagnostic::at(path, source, span, translate(err.message()))
}

/// The mistake on `line` (which starts at byte `at`), if it is one we know.
fn known_mistake(line: &str, at: usize) -> Option<(Range<usize>, String)> {
    let at_char = |i: usize, c: char| at + i..at + i + c.len_utf8();
    if let Some((i, c)) = line.char_indices().find(|(_, c)| *c == '\u{3000}') {
        let column = line[..i].chars().count() + 1;
        return Some((
            at_char(i, c),
            format!(
                "全角スペース（　）が {column} 文字目にあります。TOML では半角スペースを使います（消すか、半角スペースに直してください）"
            ),
        ));
    }
    const QUOTES: &[char] = &['“', '”', '‘', '’', '＂', '＇', '„', '«', '»', '「', '」'];
    if let Some((i, c)) = line.char_indices().find(|(_, c)| QUOTES.contains(c)) {
        let in_string = line[..i].matches('"').count() % 2 == 1;
        if !in_string {
            let column = line[..i].chars().count() + 1;
            let fixed: String = line
                .trim()
                .chars()
                .map(|c| if QUOTES.contains(&c) { '"' } else { c })
                .collect();
            return Some((
                at_char(i, c),
                format!(
                    "全角の引用符（{c}）が {column} 文字目にあります。文字の値は半角の \" で囲みます（例: {fixed}）"
                ),
            ));
        }
    }
    if let Some((i, c)) = line.char_indices().find(|(_, c)| *c == '＝') {
        return Some((
            at_char(i, c),
            "全角の「＝」があります。キーと値の間は半角の = にします".to_string(),
        ));
    }
    // `key = value` where the value is not quoted.
    let eq = line.find('=')?;
    let key = line[..eq].trim();
    let raw = line[eq + 1..].split(" #").next().unwrap_or("").trim();
    let value_at = at + eq + 1 + line[eq + 1..].find(raw).unwrap_or(0);
    let span = value_at..value_at + raw.len();
    if raw.is_empty() {
        return Some((
            at + eq..at + eq + 1,
            format!(
                "「{key}」の値がありません。= の後に値を書きます（まだ決まっていなければ、この行を消しておきます）"
            ),
        ));
    }
    if raw.starts_with(['"', '\'', '[', '{', '=']) || raw == "true" || raw == "false" {
        return None;
    }
    let date_like = {
        let parts: Vec<&str> = raw.split(['-', '/', '.']).collect();
        parts.len() == 3
            && parts[0].len() == 4
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    };
    if date_like && parse_date(raw).is_none() {
        return Some((
            span,
            format!(
                "「{raw}」はありえない日付です（月は 1〜12、日はその月の日数まで）。日付は 2025-04-01 のように 年-月-日 で書きます"
            ),
        ));
    }
    if let Some(date) = parse_date(raw).filter(|_| !raw.chars().all(|c| c.is_ascii_digit())) {
        return Some((
            span,
            format!(
                "日付「{raw}」の書き方が違います。日付は引用符なしで {date} のように 年-月-日 で書きます（例: {key} = {date}）"
            ),
        ));
    }
    let phone_like = raw
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '-' | '(' | ')' | '+' | ' ' | '－' | '‐'))
        && raw.chars().any(|c| c.is_ascii_digit());
    let digits = raw.chars().filter(char::is_ascii_digit).count();
    let phone_like = phone_like && digits >= 4;
    let is_postal = key.contains("postal")
        || key.contains("zip")
        || (digits == 7 && raw.len() == 8 && raw.as_bytes()[3] == b'-');
    if phone_like && (raw.contains('-') || raw.starts_with('0') || raw.contains(['(', '+'])) {
        let what = if is_postal {
            "郵便番号"
        } else {
            "電話番号"
        };
        return Some((
            span,
            format!(
                "{what}は文字として引用符で囲みます（例: {key} = \"{raw}\"）。数のままだと 0 やハイフンが正しく読めません"
            ),
        ));
    }
    if !raw.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '+') {
        return Some((
            span,
            format!("文字の値は半角の \" で囲みます（例: {key} = \"{raw}\"）"),
        ));
    }
    None
}

/// The TOML parser's English message in Japanese.
pub fn translate(raw: &str) -> String {
    let raw = raw.trim();
    let first = raw.lines().next().unwrap_or(raw);
    let (what, expected) = match first.split_once(", expected ") {
        Some((w, e)) => (w, Some(e)),
        None => (first, None),
    };
    const TABLE: &[(&str, &str)] = &[
        (
            "unexpected leading zero",
            "0 で始まる数は書けません（電話番号などは \" で囲んで文字として書きます）",
        ),
        (
            "string values must be quoted",
            "文字の値は半角の \" で囲みます",
        ),
        (
            "invalid unquoted key",
            "キーの書き方が正しくありません（キーには半角の英数字と - _ を使います。全角文字は \" で囲みます）",
        ),
        (
            "unquoted keys cannot be empty",
            "キーがありません（= の前にキーを書きます）",
        ),
        (
            "duplicate key",
            "同じキーが二度書かれています（一つを消してください）",
        ),
        (
            "missing assignment between key-value pairs",
            "キーと値の間に = がありません",
        ),
        (
            "extra assignment between key-value pairs",
            "= が二つあります",
        ),
        ("extra `=`", "= が二つあります"),
        ("missing value", "= の後に値がありません"),
        (
            "key with no value",
            "キーだけで値がありません（キー = 値 と書きます）",
        ),
        (
            "missing comma between array elements",
            "リストの要素の間に , がありません",
        ),
        (
            "missing comma between key-value pairs",
            "{ } の中の項目の間に , がありません",
        ),
        ("extra comma in array", ", が多すぎます"),
        ("extra comma in inline table", "{ } の最後の , は書けません"),
        ("unclosed array table", "[[ ]] の閉じ括弧 ]] がありません"),
        ("unclosed table", "[ ] の閉じ括弧 ] がありません"),
        ("unclosed inline table", "{ } の閉じ括弧 } がありません"),
        ("unclosed array", "リストの閉じ括弧 ] がありません"),
        ("missing opening quote", "引用符 \" の始まりがありません"),
        (
            "invalid basic string",
            "文字列の書き方が正しくありません（\" で始めて \" で閉じます）",
        ),
        (
            "invalid literal string",
            "文字列の書き方が正しくありません（' で始めて ' で閉じます）",
        ),
        (
            "invalid string",
            "文字列の書き方が正しくありません（\" で始めて同じ行の \" で閉じます）",
        ),
        (
            "missing escaped value",
            "\\ の後の文字が正しくありません（\\ を書くときは \\\\ にします）",
        ),
        (
            "invalid escape",
            "\\ の後の文字が正しくありません（\\ を書くときは \\\\ にします）",
        ),
        (
            "too few unicode value digits",
            "\\u の後の文字コードが短すぎます",
        ),
        ("invalid unicode", "\\u の後の文字コードが正しくありません"),
        (
            "invalid date",
            "日付の書き方が正しくありません（引用符なしで 2025-04-01 のように書きます）",
        ),
        (
            "invalid time",
            "時刻の書き方が正しくありません（日付だけを 2025-04-01 のように書きます）",
        ),
        (
            "invalid datetime",
            "日付の書き方が正しくありません（引用符なしで 2025-04-01 のように書きます）",
        ),
        (
            "invalid offset",
            "日付の書き方が正しくありません（2025-04-01 のように書きます）",
        ),
        (
            "invalid integer",
            "数の書き方が正しくありません（数でなければ \" で囲みます）",
        ),
        (
            "invalid float",
            "数の書き方が正しくありません（数でなければ \" で囲みます）",
        ),
        (
            "integers with a radix cannot be signed",
            "数の書き方が正しくありません",
        ),
        (
            "radix must be lowercase",
            "数の書き方が正しくありません（0x 0o 0b は小文字で書きます）",
        ),
        ("redundant numeric sign", "符号（+ -）が二つあります"),
        (
            "redundant integer number prefix",
            "数の書き方が正しくありません",
        ),
        ("unexpected sign", "符号（+ -）の位置が正しくありません"),
        (
            "`_` may only go between digits",
            "数の中の _ は数字の間にだけ書けます",
        ),
        (
            "integer number overflowed",
            "数が大きすぎます（数でなければ \" で囲みます）",
        ),
        (
            "floating-point number overflowed",
            "数が大きすぎます（数でなければ \" で囲みます）",
        ),
        (
            "invalid comment character",
            "コメントに使えない文字があります",
        ),
        (
            "missing comment start",
            "値の後ろに余分な文字があります（コメントは # で始めます）",
        ),
        (
            "unexpected content between comment and newline",
            "コメントの後に余分な文字があります",
        ),
        (
            "unexpected content",
            "余分な文字があります（一行に キー = 値 を一つ書きます）",
        ),
        (
            "unexpected key or value",
            "余分な文字があります（一行に キー = 値 を一つ書きます）",
        ),
        (
            "carriage return must be followed by newline",
            "改行の文字が正しくありません（改行コード CR のみは使えません）",
        ),
        (
            "keys cannot be multi-line",
            "キーに複数行の文字列は使えません",
        ),
        (
            "missing key for inline table element",
            "{ } の中にキーのない値があります",
        ),
        ("missing inline table opening", "{ がありません"),
        ("missing array opening", "[ がありません"),
        ("missing table open", "[ がありません"),
        (
            "unexpected `=` in array",
            "リストの中に = は書けません（{ キー = 値 } で囲みます）",
        ),
        (
            "invalid inline table element",
            "{ } の中の書き方が正しくありません（{ キー = 値, キー = 値 }）",
        ),
        (
            "invalid key-value pair",
            "キー = 値 の書き方が正しくありません",
        ),
        (
            "invalid value",
            "値の書き方が正しくありません（文字は \" で囲み、日付は 2025-04-01、数はそのまま書きます）",
        ),
        (
            "invalid table header",
            "[表の名前] の書き方が正しくありません",
        ),
        (
            "invalid array",
            "リストの書き方が正しくありません（[\"a\", \"b\"] のように書きます）",
        ),
        (
            "invalid inline table",
            "{ } の書き方が正しくありません（{ キー = 値, キー = 値 }）",
        ),
        ("recursion limit", "入れ子が深すぎます"),
        ("cannot recurse further", "入れ子が深すぎます"),
        (
            "invalid key",
            "キーの書き方が正しくありません（キーには半角の英数字と - _ を使います）",
        ),
    ];
    let lower = what.to_lowercase();
    let plain = TABLE
        .iter()
        .find(|(en, _)| lower.contains(en))
        .map(|(_, ja)| ja.to_string());
    let hint = expected
        .map(expected_in_japanese)
        .filter(|e| !e.is_empty())
        .map(|e| format!("（ここには {e} が来るはずです）"))
        .unwrap_or_default();
    match plain {
        Some(plain) if plain.ends_with('）') || hint.is_empty() => plain,
        Some(plain) => format!("{plain}{hint}"),
        None if hint.is_empty() => "TOML の書き方に誤りがあります（文字は \" で囲み、日付は 2025-04-01、数はそのまま書きます）".to_string(),
        None => format!("TOML の書き方に誤りがあります{hint}"),
    }
}

/// `` `"`, `'` `` and descriptions such as "a four-digit year (YYYY)".
fn expected_in_japanese(expected: &str) -> String {
    const WORDS: &[(&str, &str)] = &[
        ("a four-digit year (YYYY)", "4 桁の年"),
        ("a two-digit month (MM)", "2 桁の月"),
        ("a two-digit day (DD)", "2 桁の日"),
        ("month between 01 and 12", "01〜12 の月"),
        ("key", "キー"),
        ("value", "値"),
        ("nothing", ""),
        ("letters", "英字"),
        ("numbers", "数字"),
        ("literal string", "' で囲んだ文字列"),
        ("basic string", "\" で囲んだ文字列"),
        ("printable characters", "文字"),
    ];
    expected
        .split(", ")
        .map(str::trim)
        .filter_map(|part| {
            if let Some(lit) = part.strip_prefix('`').and_then(|p| p.strip_suffix('`')) {
                return Some(match lit {
                    "\\n" | "\n" => "改行".to_string(),
                    lit => format!("「{lit}」"),
                });
            }
            let part = part.trim_start_matches("or ");
            WORDS
                .iter()
                .find(|(en, _)| *en == part)
                .map(|(_, ja)| ja.to_string())
                .filter(|s| !s.is_empty())
        })
        .collect::<Vec<_>>()
        .join("・")
}

/// A schema error (an unknown key, a missing key, a value of the wrong kind)
/// in plain words, naming the key as written.
pub fn schema(map: &SourceMap, source: Option<&str>, err: &toml::de::Error) -> String {
    let span = err.span().unwrap_or(0..0);
    let at = map.path_at(span.start).map(without_indexes);
    let raw = err.message().trim();
    let written = source.and_then(|s| s.get(span.clone())).unwrap_or("");
    if let Some(rest) = raw.strip_prefix("unknown field `") {
        let (name, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let known: Vec<&str> = expected
            .split('`')
            .skip(1)
            .step_by(2)
            .filter(|s| !s.is_empty())
            .collect();
        format!(
            "知らないキー「{}」です。{}使えるキー: {}",
            at.unwrap_or_else(|| name.to_string()),
            did_you_mean(name, known.iter().copied()).trim_start(),
            known.join(", ")
        )
        .replace("です。使えるキー", "です。 使えるキー")
    } else if let Some(rest) = raw.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or(rest);
        format!(
            "「{}」に必要なキー「{name}」がありません",
            at.unwrap_or_default()
        )
    } else if raw.contains("日付") {
        let key = at.unwrap_or_default();
        let unquoted = written.trim_matches(['"', '\'']);
        match parse_date(unquoted) {
            Some(date) if written.starts_with(['"', '\'']) || unquoted != written => format!(
                "「{key}」: 日付は引用符で囲まずに {date} のように書きます（例: {} = {date}）",
                key.rsplit('.').next().unwrap_or(&key)
            ),
            _ => format!("「{key}」: {raw}"),
        }
    } else if let Some(rest) = raw.strip_prefix("invalid type: ") {
        let (found, wanted) = rest.split_once(", expected ").unwrap_or((rest, ""));
        format!(
            "「{}」の値の種類が違います（{} ではなく {} を書きます）",
            at.unwrap_or_default(),
            kind_in_japanese(found),
            kind_in_japanese(wanted)
        )
    } else if raw.starts_with("duplicate key") {
        "同じキーが二度書かれています（一つを消してください）".to_string()
    } else if raw.starts_with("unknown variant") {
        let (_, expected) = raw.split_once("expected ").unwrap_or((raw, ""));
        format!(
            "「{}」の値は次のどれかにします: {}",
            at.unwrap_or_default(),
            expected.replace(['`'], "").replace(" or ", ", ")
        )
    } else if raw.starts_with("invalid value") || raw.starts_with("invalid length") {
        format!(
            "「{}」の値が正しくありません（{}）",
            at.unwrap_or_default(),
            kind_in_japanese(raw.split("expected ").nth(1).unwrap_or("値"))
        )
    } else {
        translate(raw)
    }
}

/// serde's "string \"x\"", "a sequence", "a boolean" in Japanese.
fn kind_in_japanese(what: &str) -> String {
    let w = what.trim();
    let kind = if w.starts_with("string") || w.contains("a string") {
        "文字（\" で囲んだ値）"
    } else if w.contains("sequence") || w.contains("array") {
        "リスト（[\"a\", \"b\"]）"
    } else if w.contains("bool") {
        "true か false"
    } else if w == "u8" {
        "0〜255 の数"
    } else if w.contains("integer") || w.contains("u8") || w.contains("number") {
        "数"
    } else if w.contains("map") || w.contains("table") || w.starts_with("struct") {
        "表（[名前] や { キー = 値 }）"
    } else if w.contains("date") {
        "日付（2025-04-01）"
    } else {
        return w.to_string();
    };
    kind.to_string()
}

/// `devices[3].nmae` → `devices.nmae`.
pub fn without_indexes(path: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}
