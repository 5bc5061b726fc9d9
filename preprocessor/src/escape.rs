//! Escaping data values for where they land.
//!
//! A value in a Markdown table cell or list item must stay one cell and plain
//! text: `|` must not split the cell, a newline must not end the row, `<` must
//! not open a tag, `*` or `[` must not start emphasis or a link.

/// Escapes text for Markdown inline content (table cells, list items, prose).
/// Newlines become `<br>`; HTML-special characters become entities; Markdown
/// punctuation is backslash-escaped.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let text = text.trim_end_matches(['\n', '\r']);
    for (i, c) in text.chars().enumerate() {
        if let Some(entity) = html_entity(c) {
            out.push_str(entity);
            continue;
        }
        match c {
            '\n' => out.push_str("<br>"),
            '\r' => {}
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' | '!' | '$' => {
                out.push('\\');
                out.push(c);
            }
            // Would start a list item or a heading-like line at the start of the text.
            '-' | '+' | '=' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    // "1. text" at the start would make an ordered list.
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && matches!(out[digits..].chars().next(), Some('.' | ')')) {
        out.insert(digits, '\\');
    }
    out
}

/// Escapes text for HTML content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match html_entity(c) {
            Some(entity) => out.push_str(entity),
            None => out.push(c),
        }
    }
    out
}

/// The entity for a character that is special in HTML text and attributes.
fn html_entity(c: char) -> Option<&'static str> {
    Some(match c {
        '&' => "&amp;",
        '<' => "&lt;",
        '>' => "&gt;",
        '"' => "&quot;",
        '\'' => "&#39;",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_cell_stays_one_cell() {
        assert_eq!(escape_markdown("A|B\nC"), "A\\|B<br>C");
    }

    #[test]
    fn html_and_markdown_are_neutralised() {
        assert_eq!(
            escape_markdown("<script>alert('x')</script> *b* [l](javascript:x)"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; \\*b\\* \\[l\\](javascript:x)"
        );
        assert_eq!(escape_markdown("1. 項目"), "1\\. 項目");
        assert_eq!(escape_markdown("- x"), "\\- x");
        assert_eq!(escape_markdown("03-1234-5678"), "03-1234-5678");
    }

    #[test]
    fn html_escape() {
        assert_eq!(escape_html("a<b&\"c'"), "a&lt;b&amp;&quot;c&#39;");
    }
}
