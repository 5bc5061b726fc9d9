//! Errors about the user's files, with the place they point at.
//!
//! Every message names `file:line:column`, the key or block concerned, says in
//! plain words what is wrong and shows the offending line.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use unicode_width::UnicodeWidthChar;

/// A problem at a place in one of the book's files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// The source line shown under the message, with a caret.
    pub snippet: Option<String>,
    /// The cell of a spreadsheet (`台帳!F7`, or `F7` in a CSV file), shown
    /// instead of line and column (which then are its row and column).
    pub cell: Option<String>,
}

impl Diagnostic {
    /// A diagnostic at byte `offset` of `source`.
    pub fn at(file: &Path, source: &str, span: Range<usize>, message: impl Into<String>) -> Self {
        let offset = span.start.min(source.len());
        let line_start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[offset..]
            .find('\n')
            .map_or(source.len(), |i| offset + i);
        let line = source[..offset].matches('\n').count() + 1;
        let column = if is_sheet(file) {
            // A sheet's text is its rows, one a line, cells apart by tabs:
            // line and column are the cell's row and column.
            source[line_start..offset].matches('\t').count() + 1
        } else {
            source[line_start..offset].chars().count() + 1
        };
        let text = &source[line_start..line_end];
        let width = source[offset..span.end.clamp(offset, line_end)]
            .chars()
            .map(char_width)
            .sum::<usize>()
            .max(1);
        let pad: usize = source[line_start..offset].chars().map(char_width).sum();
        let gutter = line.to_string().len();
        let snippet = format!(
            "{:gutter$} |\n{line} | {text}\n{:gutter$} | {}{}",
            "",
            "",
            " ".repeat(pad),
            "^".repeat(width)
        );
        Diagnostic {
            file: file.to_path_buf(),
            line,
            column,
            message: message.into(),
            snippet: Some(snippet),
            cell: None,
        }
    }

    /// A diagnostic about a spreadsheet cell: `cell` is its name (`台帳!F7`),
    /// `row` and `column` count from 1, `value` is what the cell shows.
    pub fn in_cell(
        file: &Path,
        cell: String,
        row: usize,
        column: usize,
        value: &str,
        message: impl Into<String>,
    ) -> Self {
        let value = value.replace(['\n', '\r', '\t'], " ");
        let width = value.chars().map(char_width).sum::<usize>().max(1);
        let gutter = cell.chars().map(char_width).sum::<usize>();
        let snippet = format!(
            "{:gutter$} |\n{cell} | {value}\n{:gutter$} | {}",
            "",
            "",
            "^".repeat(width)
        );
        Diagnostic {
            file: file.to_path_buf(),
            line: row,
            column,
            message: message.into(),
            snippet: Some(snippet),
            cell: Some(cell),
        }
    }

    /// A diagnostic about a whole file or a line without a precise column.
    pub fn in_file(file: &Path, line: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_path_buf(),
            line,
            column: 1,
            message: message.into(),
            snippet: None,
            cell: None,
        }
    }
}

/// A spreadsheet (its text as [`crate::data_file::DataFile`] holds it).
fn is_sheet(file: &Path) -> bool {
    file.extension().and_then(|x| x.to_str()).is_some_and(|x| {
        ["xlsx", "xlsm", "xlsb", "xls", "ods", "csv"].contains(&x.to_ascii_lowercase().as_str())
    })
}

/// Width in terminal columns (Unicode East Asian Width: full-width characters
/// and emoji take two, combining marks none); a control character such as a
/// tab counts as one.
fn char_width(c: char) -> usize {
    c.width().unwrap_or(1)
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.cell {
            Some(cell) => write!(f, "{}: {cell}: {}", self.file.display(), self.message)?,
            None => write!(
                f,
                "{}:{}:{}: {}",
                self.file.display(),
                self.line,
                self.column,
                self.message
            )?,
        }
        if let Some(snippet) = &self.snippet {
            write!(f, "\n{snippet}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostic {}

/// How many problems one run reports at most.
pub const MAX_REPORTED: usize = 20;

/// Every problem found in the data of one run (at least one), in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// The first problem (what older callers show).
    pub fn first(&self) -> &Diagnostic {
        &self.0[0]
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = self.0.len().min(MAX_REPORTED);
        if self.0.len() > 1 {
            writeln!(f, "データに {} 件の誤りがあります。", self.0.len())?;
        }
        for (i, d) in self.0.iter().take(shown).enumerate() {
            if i > 0 {
                write!(f, "\n\n")?;
            }
            write!(f, "{d}")?;
        }
        if self.0.len() > shown {
            write!(
                f,
                "\n\nほかに {} 件あります（上の誤りを直してから、もう一度実行してください）",
                self.0.len() - shown
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// The closest candidate to `word`, if it is close enough to be a likely typo.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(word, c), c))
        .filter(|(d, c)| *d <= (c.chars().count().max(word.chars().count()) / 2).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// " もしかして「x」ですか？" when a near candidate exists.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    nearest(word, candidates)
        .map(|c| format!(" もしかして「{c}」ですか？"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn position_counts_characters_not_bytes() {
        let src = "a = 1\n名前 = \"x\"\n";
        let at = src.find('"').unwrap();
        let d = Diagnostic::at(Path::new("f.toml"), src, at..at + 3, "bad");
        assert_eq!((d.line, d.column), (2, 6));
        assert!(d.to_string().starts_with("f.toml:2:6: bad"));
        assert!(d.to_string().contains("2 | 名前 = \"x\"\n  |        ^^^"));
    }

    #[test]
    fn caret_sits_under_full_width_text() {
        let src = "a = 1\nメモ = \"🚑 救急ＡＢ\" bad\n";
        let at = src.find("bad").unwrap();
        let d = Diagnostic::at(Path::new("f.toml"), src, at..at + 3, "bad");
        assert_eq!((d.line, d.column), (2, 15), "columns count characters");
        // メモ(4) + ` = "`(4) + 🚑(2) + ` `(1) + 救急ＡＢ(8) + `" `(2) = 21 columns.
        let snippet = d.snippet.unwrap();
        let lines: Vec<&str> = snippet.lines().collect();
        assert_eq!(lines[1], "2 | メモ = \"🚑 救急ＡＢ\" bad");
        assert_eq!(lines[2], format!("  | {}^^^", " ".repeat(21)));
        let d = Diagnostic::at(Path::new("f.toml"), "ＡＢ", 3..6, "x");
        assert_eq!(d.snippet.unwrap(), "  |\n1 | ＡＢ\n  |   ^^");
    }

    #[test]
    fn a_place_in_a_sheet_is_its_row_and_column() {
        let src = "管理番号\t登録日\n001\t2025/4/1";
        let at = src.find("2025").unwrap();
        let d = Diagnostic::at(Path::new("data/devices.xlsx"), src, at..at, "x");
        assert_eq!((d.line, d.column), (2, 2));
    }

    #[test]
    fn suggests_near_keys_only() {
        assert_eq!(nearest("nmae", ["name", "title"]), Some("name"));
        assert_eq!(
            nearest("contact", ["contacts", "devices"]),
            Some("contacts")
        );
        assert_eq!(nearest("zzzzzz", ["name", "title"]), None);
    }
}
