//! Spreadsheet workbooks: a table written as an `.xlsx` laid out for a
//! person (frozen header, autofilter, drop-down lists, widths, wrapping,
//! shaded groups), and the cells of a workbook (`.xlsx`, `.xls`, `.ods`)
//! read back as text with their row numbers.
//!
//! This module knows nothing of review sheets: [`crate::review`] says what
//! to write and what the cells mean.

use crate::error::{Error, ErrorKind, Result};
use calamine::{Data, Reader};
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, Format, FormatAlign, FormatBorder, Workbook,
    XlsxError,
};
use std::path::Path;

/// Rows of text cells, each with its 1-based line or row number.
pub type Cells = Vec<(u64, Vec<String>)>;

/// A column of a [`Table`].
#[derive(Clone, Debug)]
pub struct Column<'a> {
    /// The header cell.
    pub name: &'a str,
    /// Width in characters.
    pub width: f64,
    /// Wrap long text inside the column's width.
    pub wrap: bool,
    /// If set, cells that parse as numbers are written as numbers (so that
    /// they sort and filter as numbers) in this number format (`0`,
    /// `0.00`); other cells are always text.
    pub number: Option<&'a str>,
    /// If not empty, a drop-down list of these values.
    pub choices: &'a [&'a str],
}

/// A table to write as a one-sheet workbook.
#[derive(Clone, Debug)]
pub struct Table<'a> {
    /// The sheet's name.
    pub sheet: &'a str,
    /// The columns, in order.
    pub columns: Vec<Column<'a>>,
    /// The rows under the header, cells in column order.
    pub rows: Vec<Vec<String>>,
    /// Per row: shade it (to tell groups of rows apart).
    pub bands: Vec<bool>,
    /// Columns kept in view when scrolling right (besides the header row,
    /// which is always frozen).
    pub frozen_columns: u16,
    /// What a drop-down cell accepts, shown when something else is typed.
    pub note: &'a str,
}

fn output(e: XlsxError) -> Error {
    Error::new(ErrorKind::Output, format!("cannot write the workbook: {e}"))
}

/// The workbook as `.xlsx` bytes.
///
/// Text is written as text cells: a spreadsheet shows `=x` or `@name` as
/// it is and never runs it. (`rust_xlsxwriter` escapes control characters
/// and literal `_xHHHH_` sequences, so every text reads back unchanged.)
///
/// # Errors
/// A cell longer than 32,767 characters, or more rows or columns than a
/// sheet holds.
pub fn write(table: &Table) -> Result<Vec<u8>> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(table.sheet).map_err(output)?;
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xD9_E1_F2))
        .set_border_bottom(FormatBorder::Thin)
        .set_align(FormatAlign::Top);
    let shade = Color::RGB(0xE8_EE_F7);
    let cell_format = |wrap: bool, band: bool, number: Option<&str>| {
        let mut f = Format::new().set_align(FormatAlign::Top);
        if wrap {
            f = f.set_text_wrap();
        }
        if band {
            f = f.set_background_color(shade);
        }
        if let Some(n) = number {
            f = f.set_num_format(n);
        }
        f
    };
    let last_col = u16::try_from(table.columns.len().saturating_sub(1))
        .map_err(|_| Error::new(ErrorKind::Output, "too many columns for a sheet"))?;
    for (c, column) in (0u16..).zip(&table.columns) {
        sheet
            .write_string_with_format(0, c, column.name, &header)
            .map_err(output)?;
        sheet.set_column_width(c, column.width).map_err(output)?;
    }
    let mut last_row = 0u32;
    for (r, row) in (1u32..).zip(&table.rows) {
        last_row = r;
        let lines = (0u16..)
            .zip(&table.columns)
            .filter(|(_, column)| column.wrap)
            .map(|(c, column)| {
                wrapped_lines(
                    row.get(usize::from(c)).map_or("", String::as_str),
                    column.width,
                )
            })
            .max()
            .unwrap_or(1);
        if lines > 1 {
            // Spreadsheets do not all fit a row to wrapped text on opening
            // (LibreOffice converting headlessly does not): say how tall.
            sheet
                .set_row_height(r, ROW_HEIGHT * f64::from(lines.min(MAX_LINES)))
                .map_err(output)?;
        }
        let band = table.bands.get(r as usize - 1).copied().unwrap_or(false);
        for (c, column) in (0u16..).zip(&table.columns) {
            let text = row.get(usize::from(c)).map_or("", String::as_str);
            let number = column.number.and_then(|_| text.parse::<f64>().ok());
            let format = cell_format(column.wrap, band, number.and(column.number));
            match number {
                Some(n) => sheet.write_number_with_format(r, c, n, &format),
                None if text.is_empty() => sheet.write_blank(r, c, &format),
                None => sheet.write_string_with_format(r, c, text, &format),
            }
            .map_err(output)?;
        }
    }
    for (c, column) in (0u16..).zip(&table.columns) {
        if column.choices.is_empty() {
            continue;
        }
        let mut note: String = table.note.chars().take(250).collect();
        if note.is_empty() {
            note = column.choices.join(", ");
        }
        let validation = DataValidation::new()
            .allow_list_strings(column.choices)
            .map_err(output)?
            .set_error_style(DataValidationErrorStyle::Warning)
            .set_error_title(column.name)
            .map_err(output)?
            .set_error_message(note)
            .map_err(output)?;
        sheet
            .add_data_validation(1, c, last_row.max(1), c, &validation)
            .map_err(output)?;
    }
    sheet.autofilter(0, 0, last_row, last_col).map_err(output)?;
    // Printed: A3 landscape, one page wide, the header on every page.
    sheet.set_paper_size(8);
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_print_gridlines(true);
    sheet.set_repeat_rows(0, 0).map_err(output)?;
    sheet
        .set_freeze_panes(1, table.frozen_columns)
        .map_err(output)?;
    workbook.save_to_buffer().map_err(output)
}

/// The height of one line of text in the default font (Calibri 11), in points.
const ROW_HEIGHT: f64 = 15.0;

/// Rows grow to at most this many lines; the rest of a cell shows when it
/// is selected.
const MAX_LINES: u32 = 8;

/// How many lines `text` takes wrapped at spaces in a column `width`
/// characters wide. Column widths are counted in `0`s and most letters are
/// narrower: a line holds about 1.15 widths of text.
fn wrapped_lines(text: &str, width: f64) -> u32 {
    // `as` saturates; widths are small.
    let per_line = ((width * 1.15) as usize).max(1);
    let mut lines = 0;
    for paragraph in text.split('\n') {
        let (mut used, mut n) = (0usize, 1u32);
        for word in paragraph.split(' ') {
            let len = word.chars().count();
            let need = if used == 0 { len } else { used + 1 + len };
            if need <= per_line {
                used = need;
            } else {
                // A word longer than a line is broken over several.
                let extra = len.saturating_sub(1) / per_line;
                let extra_lines = u32::try_from(extra).unwrap_or(MAX_LINES).min(MAX_LINES);
                n += extra_lines + u32::from(used > 0);
                used = len - extra * per_line;
            }
        }
        lines += n;
    }
    lines
}

/// The text a person sees in a cell, near enough: numbers without a
/// trailing `.0`, booleans as `true`/`false`, errors as `#N/A` and so on.
fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The rows of a workbook's sheet as text cells, each with its 1-based row
/// number; cells keep their column (empty leading columns are kept as
/// empty cells). The sheet is the one named `prefer` (any case), else the
/// first.
///
/// # Errors
/// The file cannot be opened as a workbook, or holds no sheet.
pub fn read(path: &Path, prefer: &str) -> Result<Cells> {
    let unreadable =
        |e: calamine::Error| Error::input(format!("cannot read the workbook: {e}")).with_path(path);
    let mut workbook = calamine::open_workbook_auto(path).map_err(unreadable)?;
    let names = workbook.sheet_names();
    let Some(name) = names
        .iter()
        .find(|n| n.eq_ignore_ascii_case(prefer))
        .or(names.first())
        .cloned()
    else {
        return Err(Error::input("the workbook has no sheet").with_path(path));
    };
    let range = workbook.worksheet_range(&name).map_err(unreadable)?;
    let Some((first_row, first_col)) = range.start() else {
        return Ok(Vec::new());
    };
    let lead = usize::try_from(first_col).unwrap_or(0);
    Ok((u64::from(first_row) + 1..)
        .zip(range.rows())
        .map(|(line, cells)| {
            let mut row = vec![String::new(); lead];
            row.extend(cells.iter().map(cell_text));
            (line, row)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_of_wrapped_text() {
        for (text, width, want) in [
            ("", 10.0, 1),
            ("short", 10.0, 1),
            ("exactly 11c", 10.0, 1),
            ("twelve chars", 10.0, 2),
            ("a\nb\nc", 10.0, 3),
            ("ÉÉÉÉÉÉÉÉÉÉÉ ÉÉ", 10.0, 2),
            ("0123456789abcdefghijklmn", 10.0, 3),
            ("ab 0123456789abcdefghijklmn", 10.0, 4),
            ("a.txt; b.txt; c.txt", 10.0, 3),
            ("x", 0.0, 1),
        ] {
            assert_eq!(wrapped_lines(text, width), want, "{text:?}");
        }
    }
}
