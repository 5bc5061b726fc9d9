//! One parsed data file (a TOML file, or one sheet of a spreadsheet): its
//! records, where each is written, and how to point at a place in it.

use std::path::PathBuf;

use crate::diag::Diagnostic;
use crate::model::Data;
use crate::source_map::SourceMap;

/// One parsed data file: a TOML file, or one sheet of a spreadsheet.
#[derive(Debug)]
pub struct DataFile {
    /// Path as shown in messages (relative to the book root).
    pub path: PathBuf,
    /// The text as read (without a byte-order mark). For a sheet, its cells:
    /// row N is line N, cells apart by tabs.
    pub source: String,
    pub data: Data,
    /// Where each key and value is written.
    pub map: SourceMap,
    /// For a sheet: the cells behind the spans of `map` (empty for TOML).
    pub cells: Vec<CellPlace>,
}

/// Where a cell of a sheet is, and what it shows.
#[derive(Debug, Clone)]
pub struct CellPlace {
    /// Its text's span in [`DataFile::source`].
    pub span: std::ops::Range<usize>,
    /// `台帳!F7`, or `F7` in a CSV file.
    pub name: String,
    pub row: usize,
    pub column: usize,
    /// Its column's header.
    pub label: String,
    pub value: String,
}

impl DataFile {
    /// A diagnostic at byte `offset` of this file (for a sheet: at its cell).
    pub fn at(&self, span: std::ops::Range<usize>, message: impl Into<String>) -> Diagnostic {
        if self.cells.is_empty() {
            return Diagnostic::at(&self.path, &self.source, span, message);
        }
        let offset = span.start.min(self.source.len());
        let row = self.source[..offset].matches('\n').count() + 1;
        let cell = self
            .cells
            .iter()
            .rev()
            .find(|c| c.row == row && c.span.start <= offset)
            // A whole row (a record): its first cell.
            .or_else(|| self.cells.iter().find(|c| c.row == row))
            .or(self.cells.first())
            .expect("a sheet with cells");
        Diagnostic::in_cell(
            &self.path,
            cell.name.clone(),
            cell.row,
            cell.column,
            &cell.value,
            message,
        )
    }
}
