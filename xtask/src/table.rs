//! One table type behind every CSV and markdown file: named columns, rows of numbers
//! or text, and two renderers that write numbers through [`crate::number::render`].

use std::fmt::Write as _;

use crate::number;

/// One cell of a [`Table`].
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// A float, written at fixed significant digits.
    Number(f64),
    /// A count such as the number of bidders, written exactly.
    Count(u64),
    /// Text, written as given (quoted in CSV when it holds a comma or a quote).
    Text(String),
}

impl From<f64> for Cell {
    fn from(v: f64) -> Cell {
        Cell::Number(v)
    }
}

impl From<u64> for Cell {
    fn from(n: u64) -> Cell {
        Cell::Count(n)
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}

impl Cell {
    fn render(&self) -> String {
        match self {
            Cell::Number(v) => number::render(*v),
            Cell::Count(n) => n.to_string(),
            Cell::Text(s) => s.clone(),
        }
    }
}

/// A table with named columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    columns: Vec<String>,
    rows: Vec<Vec<Cell>>,
}

impl Table {
    /// An empty table with these column names.
    pub fn new(columns: &[&str]) -> Table {
        Table {
            columns: columns.iter().map(|c| (*c).to_string()).collect(),
            rows: Vec::new(),
        }
    }

    /// Appends a row.
    ///
    /// # Panics
    /// If the row's length differs from the number of columns (a bug in a generator).
    pub fn push(&mut self, row: Vec<Cell>) {
        assert_eq!(
            row.len(),
            self.columns.len(),
            "a row of {} cells in a table of columns {:?}",
            row.len(),
            self.columns
        );
        self.rows.push(row);
    }

    /// Comma-separated values: a header line, then one line per row.
    pub fn to_csv(&self) -> String {
        let mut out = self.columns.join(",");
        out.push('\n');
        for row in &self.rows {
            let cells: Vec<String> = row.iter().map(|c| csv_field(&c.render())).collect();
            out.push_str(&cells.join(","));
            out.push('\n');
        }
        out
    }

    /// A GitHub-flavoured markdown table; number and count columns are right-aligned.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "| {} |", self.columns.join(" | "));
        let rules: Vec<&str> = (0..self.columns.len())
            .map(|j| {
                let text = self.rows.iter().any(|r| matches!(r[j], Cell::Text(_)));
                if text { "---" } else { "---:" }
            })
            .collect();
        let _ = writeln!(out, "|{}|", rules.join("|"));
        for row in &self.rows {
            let cells: Vec<String> = row.iter().map(|c| c.render().replace('|', "\\|")).collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
        out
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Table {
        let mut t = Table::new(&["N", "value", "note"]);
        t.push(vec![2u64.into(), (1.0 / 3.0).into(), "a, b".into()]);
        t.push(vec![3u64.into(), 0.25.into(), "x|y".into()]);
        t
    }

    #[test]
    fn csv_quotes_fields_with_commas() {
        assert_eq!(
            sample().to_csv(),
            "N,value,note\n2,0.3333333333,\"a, b\"\n3,0.25,x|y\n"
        );
    }

    #[test]
    fn markdown_aligns_numbers_right_and_escapes_pipes() {
        assert_eq!(
            sample().to_markdown(),
            "| N | value | note |\n|---:|---:|---|\n| 2 | 0.3333333333 | a, b |\n| 3 | 0.25 | x\\|y |\n"
        );
    }
}
