//! Reading spreadsheets: the sheets of an .xlsx or .ods workbook (through
//! calamine) or a CSV file (UTF-8 or CP932) as grids of cells.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::data_file::CellPlace;
use crate::date::Date;
use crate::diag::Diagnostic;

/// Extensions read as workbooks.
pub const WORKBOOK: &[&str] = &["xlsx", "xlsm", "xlsb", "xls", "ods"];

/// A sheet as the text its findings point into ([`Grid::text`]).
#[derive(Debug, Default)]
pub(crate) struct SheetText {
    pub source: String,
    pub places: Vec<CellPlace>,
    /// Each filled cell's span in `source`, by (row, column).
    pub spans: HashMap<(usize, usize), Range<usize>>,
}

/// One cell's value as read.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    Date(Date),
}

impl Cell {
    pub(crate) fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The value as a person reads it in the sheet.
    pub(crate) fn shown(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_string(),
            Cell::Number(n) => number_text(*n),
            Cell::Bool(true) => "TRUE".into(),
            Cell::Bool(false) => "FALSE".into(),
            Cell::Date(d) => d.slash(),
        }
    }
}

fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

/// The cells of one sheet or CSV file; `rows[0]` is row 1.
#[derive(Debug)]
pub struct Grid {
    /// As shown in messages (relative to the book root).
    pub file: PathBuf,
    /// The sheet's name (workbooks), `None` for CSV.
    pub sheet: Option<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Grid {
    /// `台帳!F7` (workbook) or `F7` (CSV).
    pub(crate) fn cell_name(&self, row: usize, col: usize) -> String {
        match &self.sheet {
            Some(sheet) => format!("{sheet}!{}{}", column_letters(col), row + 1),
            None => format!("{}{}", column_letters(col), row + 1),
        }
    }

    pub(crate) fn cell(&self, row: usize, col: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&Cell::Empty)
    }

    /// A problem about the cell at (`row`, `col`), zero-based.
    pub(crate) fn error(&self, row: usize, col: usize, message: impl Into<String>) -> Diagnostic {
        let value = self.cell(row, col).shown();
        Diagnostic::in_cell(
            &self.file,
            self.cell_name(row, col),
            row + 1,
            col + 1,
            &value,
            message,
        )
    }

    /// The text a finding points into for `rows` of the sheet: row N on line
    /// N (lines before left empty), cells apart by tabs; each filled cell's
    /// place, named by `label(row, column)`, and its span by (row, column).
    pub(crate) fn text(
        &self,
        rows: Range<usize>,
        label: impl Fn(usize, usize) -> String,
    ) -> SheetText {
        let mut text = SheetText {
            source: "\n".repeat(rows.start),
            ..SheetText::default()
        };
        for r in rows.clone() {
            if r > rows.start {
                text.source.push('\n');
            }
            for (c, cell) in self.rows[r].iter().enumerate() {
                if c > 0 {
                    text.source.push('\t');
                }
                let shown = cell.shown().replace(['\n', '\r', '\t'], " ");
                let span = text.source.len()..text.source.len() + shown.len();
                text.source.push_str(&shown);
                if !cell.is_empty() {
                    text.spans.insert((r, c), span.clone());
                    text.places.push(CellPlace {
                        span,
                        name: self.cell_name(r, c),
                        row: r + 1,
                        column: c + 1,
                        label: label(r, c),
                        value: cell.shown(),
                    });
                }
            }
        }
        text
    }

    /// A problem about the whole sheet.
    pub(super) fn sheet_error(&self, message: impl Into<String>) -> Diagnostic {
        let mut d = Diagnostic::in_file(&self.file, 1, message);
        d.cell = self.sheet.clone();
        d
    }
}

/// `0` → `A`, `26` → `AA`.
pub fn column_letters(col: usize) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII")
}

/// Is `path` a spreadsheet this module reads?
pub fn is_sheet_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    // Excel's and LibreOffice's lock files while a workbook is open.
    if name.starts_with("~$") || name.starts_with(".~lock") {
        return false;
    }
    path.extension()
        .and_then(|x| x.to_str())
        .map(|x| x.to_ascii_lowercase())
        .is_some_and(|x| x == "csv" || WORKBOOK.contains(&x.as_str()))
}

/// Reads the sheets of a workbook or the one grid of a CSV file.
pub fn read(path: &Path, shown: &Path) -> Result<Vec<Grid>, Diagnostic> {
    let ext = path
        .extension()
        .and_then(|x| x.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if ext == "csv" {
        let bytes = std::fs::read(path)
            .map_err(|e| Diagnostic::in_file(shown, 1, format!("ファイルを読めません: {e}")))?;
        read_csv(&bytes, shown).map(|g| vec![g])
    } else {
        read_workbook(path, shown)
    }
}

fn read_workbook(path: &Path, shown: &Path) -> Result<Vec<Grid>, Diagnostic> {
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto(path).map_err(|e| {
        Diagnostic::in_file(
            shown,
            1,
            format!(
                "表計算ファイルとして読めません（{e}）。Excel（.xlsx）か LibreOffice（.ods）の形式で保存してください"
            ),
        )
    })?;
    let mut grids = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(|e| {
            Diagnostic::in_file(shown, 1, format!("シート「{name}」を読めません: {e}"))
        })?;
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); top as usize];
        for row in range.rows() {
            let mut cells = vec![Cell::Empty; left as usize];
            cells.extend(row.iter().map(cell_of));
            rows.push(cells);
        }
        grids.push(Grid {
            file: shown.to_path_buf(),
            sheet: Some(name),
            rows,
        });
    }
    Ok(grids)
}

fn cell_of(data: &calamine::Data) -> Cell {
    use calamine::Data as D;
    match data {
        D::Empty | D::Error(_) => Cell::Empty,
        D::String(s) => Cell::Text(s.clone()),
        D::Int(i) => Cell::Number(*i as f64),
        D::Float(f) => Cell::Number(*f),
        D::Bool(b) => Cell::Bool(*b),
        D::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            Date::new(y, m, d).map_or(Cell::Number(dt.as_f64()), Cell::Date)
        }
        D::DateTime(dt) => Cell::Number(dt.as_f64()),
        D::DateTimeIso(s) => {
            Date::parse(s.get(..10).unwrap_or(s)).map_or_else(|| Cell::Text(s.clone()), Cell::Date)
        }
        D::DurationIso(s) => Cell::Text(s.clone()),
    }
}

/// The text of a CSV file: UTF-8 (with or without BOM), else Shift_JIS
/// (CP932, what Excel in Japan saves as "CSV").
pub fn decode_csv(bytes: &[u8]) -> Option<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Some(text.to_string());
    }
    let (text, had_errors) = encoding_rs::SHIFT_JIS.decode_without_bom_handling(bytes);
    (!had_errors).then(|| text.into_owned())
}

fn read_csv(bytes: &[u8], shown: &Path) -> Result<Grid, Diagnostic> {
    let text = decode_csv(bytes).ok_or_else(|| {
        Diagnostic::in_file(
            shown,
            1,
            "CSV の文字コードが読めません（UTF-8 でも Shift_JIS でもありません）。Excel なら「CSV UTF-8（コンマ区切り）」で保存し直してください",
        )
    })?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(1, |p| p.line() as usize);
            Diagnostic::in_file(shown, line, format!("CSV として読めません: {e}"))
        })?;
        // Lines a multi-line cell spans are one row, as a spreadsheet shows them.
        rows.push(
            record
                .iter()
                .map(|s| {
                    if s.trim().is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(s.to_string())
                    }
                })
                .collect(),
        );
    }
    Ok(Grid {
        file: shown.to_path_buf(),
        sheet: None,
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cp932_csv_is_read() {
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode("氏名,電話番号\n本田 美和,090-1\n");
        assert_eq!(
            decode_csv(&bytes).unwrap(),
            "氏名,電話番号\n本田 美和,090-1\n"
        );
        assert_eq!(decode_csv(b"\xEF\xBB\xBFa,b").unwrap(), "a,b");
    }
}
