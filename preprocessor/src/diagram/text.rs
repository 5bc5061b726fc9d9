//! Text measurement and line wrapping for the diagrams.
//!
//! A wide character (漢字, かな, and the ambiguous ones such as ① or ○ that
//! Japanese fonts draw full-width; `unicode-width` in its East Asian mode) is
//! 1 em. A narrow one is as wide as BIZ UDPGothic Bold, the diagrams' first
//! font, draws it, rounded up: its Latin is proportional and wide (a digit
//! ¾ em, `M` 1 em, a space ⅓ em), so counting half an em for each, as a
//! monospaced font would have it, let `電話 03-5555-0102` run out of a box.
//! Other Japanese fonts (Noto Sans CJK JP, Hiragino) draw Latin narrower: the
//! text then has more room, never less.

use unicode_width::UnicodeWidthChar;

/// Font size of every text, in px.
pub const FONT_PX: i32 = 14;
/// Distance between two baselines, in px.
pub const LINE_H: i32 = 20;
/// From the top of a line box to its baseline (half-leading + ascent).
pub const BASELINE: i32 = 15;

/// Width of `c` in fourteenths of an em (px at 14 px).
fn fourteenths(c: char) -> i32 {
    match c.width_cjk().unwrap_or(0) {
        0 => 0,
        2.. => 14,
        _ => match c {
            'M' | 'W' | 'm' | 'w' | '%' | '@' | '#' => 14,
            'i' | 'l' | 'j' | ' ' | '.' | ',' | ':' | ';' | '!' | '\'' | '_' | '|' => 5,
            'f' | 'r' | 't' | 's' | 'z' | 'v' => 8,
            '0'..='9' => 11,
            'A'..='Z' | '$' | '&' | '+' | '<' | '=' | '>' | '?' => 12,
            'a'..='z' => 10,
            _ => 7,
        },
    }
}

/// Width of `text` in px at [`FONT_PX`].
pub fn text_width(text: &str) -> i32 {
    text.chars().map(fourteenths).sum::<i32>() * FONT_PX / 14
}

/// A character that must stay with its neighbours: phone numbers, IP
/// addresses, ranges, hostnames and ASCII words. Every narrow, non-space
/// character counts, which includes the `[0-9A-Za-z.+:/-]` runs.
fn is_narrow(c: char) -> bool {
    !c.is_whitespace() && c.width_cjk().unwrap_or(0) <= 1 || is_blank_mark(c)
}

/// The template's blank marks: 〇〇-〇〇〇〇-〇〇〇〇 is a phone number too.
fn is_blank_mark(c: char) -> bool {
    matches!(c, '〇' | '○')
}

/// A wide character that may not begin a line (行頭禁則).
fn no_line_start(c: char) -> bool {
    "、。，．・：；？！ー）」』】〕〉》’”ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ…‥".contains(c)
}

/// A wide character that may not end a line (行末禁則).
fn no_line_end(c: char) -> bool {
    "（「『【〔〈《‘“".contains(c)
}

/// The pieces a line may break between: runs of narrow characters (whole
/// words, numbers and addresses), single wide characters with their
/// punctuation glued on, and the spaces between them.
#[derive(Debug, PartialEq)]
enum Piece {
    Space,
    Atom(String),
}

fn pieces(text: &str) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    // True while the last atom may be extended (no break allowed after it).
    let mut glue_next = false;
    let mut in_run = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !matches!(out.last(), Some(Piece::Space) | None) {
                out.push(Piece::Space);
            }
            glue_next = false;
            in_run = false;
            continue;
        }
        let narrow = is_narrow(c);
        let extend = match out.last() {
            Some(Piece::Atom(_)) => {
                glue_next || (narrow && in_run) || (!narrow && no_line_start(c))
            }
            _ => false,
        };
        if extend && let Some(Piece::Atom(atom)) = out.last_mut() {
            atom.push(c);
        } else {
            out.push(Piece::Atom(c.to_string()));
        }
        in_run = narrow;
        glue_next = !narrow && no_line_end(c);
    }
    if matches!(out.last(), Some(Piece::Space)) {
        out.pop();
    }
    out
}

/// Splits an atom wider than `max_px` into pieces that fit, by characters.
/// Only a run longer than a whole line is ever split.
fn split_long(atom: &str, max_px: i32) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in atom.chars() {
        let mut next = cur.clone();
        next.push(c);
        if !cur.is_empty() && text_width(&next) > max_px {
            out.push(std::mem::take(&mut cur));
            cur.push(c);
        } else {
            cur = next;
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Wraps `text` into lines no wider than `max_px`: breaks between Japanese
/// characters (keeping 禁則 punctuation with its neighbour) and at spaces,
/// never inside a run of narrow characters such as `03-1234-5678` or
/// `192.168.1.10` unless that run alone is wider than a line. A `\n` in the
/// text forces a break. An empty text gives no line.
pub fn wrap(text: &str, max_px: i32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut pending_space = false;
        for piece in pieces(paragraph) {
            let atom = match piece {
                Piece::Space => {
                    pending_space = true;
                    continue;
                }
                Piece::Atom(atom) => atom,
            };
            let sep = if pending_space && !line.is_empty() {
                " "
            } else {
                ""
            };
            pending_space = false;
            if text_width(&line) + text_width(sep) + text_width(&atom) <= max_px {
                line.push_str(sep);
                line.push_str(&atom);
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if text_width(&atom) <= max_px {
                line = atom;
            } else {
                let mut parts = split_long(&atom, max_px);
                line = parts.pop().unwrap_or_default();
                lines.extend(parts);
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
    }
    lines
}

/// Separates the chunks of a text given to [`wrap_chunks`].
pub const CHUNK: char = '\u{1f}';

/// Wraps a text made of chunks separated by [`CHUNK`]: chunks are kept
/// whole where they fit on a line (joined by a space), so `電話 03-…` or a
/// person's full name is never split from itself. A chunk wider than a line
/// is wrapped by [`wrap`]. Without a separator this is [`wrap`].
pub fn wrap_chunks(text: &str, max_px: i32) -> Vec<String> {
    if !text.contains(CHUNK) {
        return wrap(text, max_px);
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for chunk in text.split(CHUNK).map(str::trim).filter(|c| !c.is_empty()) {
        let joined = if line.is_empty() {
            chunk.to_string()
        } else {
            format!("{line} {chunk}")
        };
        if text_width(&joined) <= max_px {
            line = joined;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        let mut parts = wrap(chunk, max_px);
        line = parts.pop().unwrap_or_default();
        lines.extend(parts);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Like [`wrap_chunks`], but with the lines as even as the breaks allow:
/// of the widths that give as few lines, the widest whose breaks all fall
/// at spaces, else the narrowest. `医療情報システム安全管理責任者` becomes
/// `医療情報システム` / `安全管理責任者`, and `オンライン資格確認 導入業者`
/// breaks at its space, not after 13 characters.
pub fn wrap_balanced(text: &str, max_px: i32) -> Vec<String> {
    let first = wrap_chunks(text, max_px);
    if first.len() < 2 {
        return first;
    }
    let words = |t: &str| -> String {
        t.replace(CHUNK, " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let whole = words(text);
    let at_spaces = |lines: &[String]| words(&lines.join(" ")) == whole;
    let mut narrowest = first;
    let mut w = max_px;
    loop {
        if at_spaces(&narrowest) {
            return narrowest;
        }
        w -= FONT_PX / 2;
        if w <= FONT_PX {
            return narrowest;
        }
        let lines = wrap_chunks(text, w);
        if lines.len() != narrowest.len() {
            return narrowest;
        }
        narrowest = lines;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_is_one_em_latin_as_wide_as_the_font_draws_it() {
        assert_eq!(text_width("薬局"), 28);
        assert_eq!(text_width("PC"), 24);
        assert_eq!(text_width("薬局PC"), 52);
        // BIZ UDPGothic's digits are ¾ em: the number alone is wider than 8 em.
        assert_eq!(text_width("電話 03-5555-0102"), 157);
        // Ambiguous characters are drawn full-width by Japanese fonts.
        assert_eq!(text_width("①"), 14);
        assert_eq!(text_width(""), 0);
    }

    #[test]
    fn japanese_breaks_between_characters() {
        let lines = wrap("医療情報システム安全管理責任者", 8 * FONT_PX);
        assert_eq!(lines, ["医療情報システム", "安全管理責任者"]);
    }

    #[test]
    fn ascii_breaks_at_spaces() {
        let lines = wrap("Hanako Yakuzai Pharmacist", 10 * FONT_PX);
        assert_eq!(lines, ["Hanako Yakuzai", "Pharmacist"]);
    }

    #[test]
    fn phone_numbers_and_addresses_stay_whole() {
        // 電話 + 10 digits and 2 hyphens: 2 em + 8.9 em does not fit in 10 em.
        let lines = wrap("電話03-1234-5678", 10 * FONT_PX);
        assert_eq!(lines, ["電話", "03-1234-5678"]);
        let lines = wrap("受付PC 192.168.1.10/24", 11 * FONT_PX);
        assert_eq!(lines, ["受付PC", "192.168.1.10/24"]);
        for line in wrap(
            "警察サイバー犯罪相談窓口 +81-3-1234-5678 ext.12",
            9 * FONT_PX,
        ) {
            assert!(!line.ends_with('-') && !line.starts_with('-'), "{line}");
        }
        // The template's blank number stays whole too.
        let lines = wrap("電話 〇〇-〇〇〇〇-〇〇〇〇", 12 * FONT_PX);
        assert_eq!(lines, ["電話", "〇〇-〇〇〇〇-〇〇〇〇"]);
    }

    #[test]
    fn kinsoku_punctuation_stays_with_its_neighbour() {
        let lines = wrap("あいう、えお", 3 * FONT_PX);
        assert_eq!(lines, ["あい", "う、え", "お"]);
        let lines = wrap("あい（株）", 3 * FONT_PX);
        assert_eq!(lines, ["あい", "（株）"]);
    }

    #[test]
    fn every_line_fits_and_nothing_is_lost() {
        let text = "システム運用担当者 薬剤師 山田 太郎（やまだ たろう） 090-1111-2222";
        for max in [3, 5, 8, 13] {
            let lines = wrap(text, max * FONT_PX);
            for line in &lines {
                assert!(text_width(line) <= max * FONT_PX, "{line} > {max} em");
            }
            let joined: String = lines.concat().split_whitespace().collect();
            let orig: String = text.split_whitespace().collect();
            assert_eq!(joined, orig);
        }
    }

    #[test]
    fn chunks_stay_whole_and_lines_are_balanced() {
        let text = format!("不在時: 代理{CHUNK}鈴木 三郎{CHUNK}電話 090-2222-3333");
        assert_eq!(
            wrap_chunks(&text, 13 * FONT_PX),
            ["不在時: 代理 鈴木 三郎", "電話 090-2222-3333"]
        );
        assert_eq!(
            wrap_balanced("医療情報システム安全管理責任者", 13 * FONT_PX),
            ["医療情報システム", "安全管理責任者"]
        );
        assert_eq!(
            wrap_balanced("オンライン資格確認 導入業者", 13 * FONT_PX),
            ["オンライン資格確認", "導入業者"]
        );
        assert_eq!(wrap_balanced("開設者", 13 * FONT_PX), ["開設者"]);
    }

    #[test]
    fn only_a_run_longer_than_a_line_is_split() {
        let lines = wrap("abcdefghij", 4 * 10);
        assert_eq!(lines, ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 100), Vec::<String>::new());
        assert_eq!(wrap("a\nb", 100), ["a", "b"]);
    }
}
