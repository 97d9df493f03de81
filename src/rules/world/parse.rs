//! From text to level and catalog types: RON syntax errors as `file:line:col: message`.

use crate::rules::scenario::{FactCatalog, Level};
use std::fmt;

/// One mistake in a file, printed as `file:line:col: message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.col, self.message
        )
    }
}

fn syntax_problem(file: &str, e: &ron::error::SpannedError) -> Problem {
    Problem {
        file: file.to_string(),
        line: e.span.start.line,
        col: e.span.start.col,
        message: format!("{}", e.code),
    }
}

pub fn parse_level(file: &str, src: &str) -> Result<Level, Problem> {
    ron::from_str(src).map_err(|e| syntax_problem(file, &e))
}

pub fn parse_catalog(file: &str, src: &str) -> Result<FactCatalog, Problem> {
    ron::from_str(src).map_err(|e| syntax_problem(file, &e))
}
