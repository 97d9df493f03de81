//! Finds where a value sits in a RON source text, so that a problem found after parsing
//! (an unknown id, a date out of order) can still name its line and column.

/// One step of a path into the document: a field by name or the n-th list element.
#[derive(Clone, Copy, Debug)]
pub enum Step<'a> {
    Key(&'a str),
    Nth(usize),
}

pub struct Locator<'a> {
    src: &'a [u8],
}

impl<'a> Locator<'a> {
    pub fn new(src: &'a str) -> Self {
        Locator {
            src: src.as_bytes(),
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, at: usize) -> (usize, usize) {
        let at = at.min(self.src.len());
        let before = &self.src[..at];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1);
        let col = String::from_utf8_lossy(&before[line_start..])
            .chars()
            .count()
            + 1;
        (line, col)
    }

    /// Position of the deepest value of `path` that exists (the top-level value if none).
    pub fn find(&self, path: &[Step]) -> (usize, usize) {
        let mut at = self.skip_ws(0);
        for step in path {
            let next = match *step {
                Step::Key(k) => self.key(at, k),
                Step::Nth(n) => self.nth(at, n),
            };
            match next {
                Some(n) => at = n,
                None => break,
            }
        }
        self.line_col(at)
    }

    fn skip_ws(&self, mut i: usize) -> usize {
        let s = self.src;
        loop {
            while i < s.len() && s[i].is_ascii_whitespace() {
                i += 1;
            }
            if s[i..].starts_with(b"//") {
                while i < s.len() && s[i] != b'\n' {
                    i += 1;
                }
            } else if s[i..].starts_with(b"/*") {
                i += 2;
                while i < s.len() && !s[i..].starts_with(b"*/") {
                    i += 1;
                }
                i = (i + 2).min(s.len());
            } else {
                return i;
            }
        }
    }

    /// Index just after the value that starts at `i`.
    fn value_end(&self, mut i: usize) -> usize {
        let s = self.src;
        let mut depth = 0usize;
        while i < s.len() {
            match s[i] {
                b'"' => {
                    i += 1;
                    while i < s.len() && s[i] != b'"' {
                        if s[i] == b'\\' {
                            i += 1;
                        }
                        i += 1;
                    }
                    i += 1;
                    if depth == 0 {
                        return i;
                    }
                    continue;
                }
                b'\'' if depth > 0 => {
                    i += 1;
                    while i < s.len() && s[i] != b'\'' {
                        if s[i] == b'\\' {
                            i += 1;
                        }
                        i += 1;
                    }
                }
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' => {
                    if depth == 0 {
                        return i;
                    }
                    depth -= 1;
                    if depth == 0 {
                        return i + 1;
                    }
                }
                b',' if depth == 0 => return i,
                b'/' if s[i..].starts_with(b"//") || s[i..].starts_with(b"/*") => {
                    let j = self.skip_ws(i);
                    if depth == 0 {
                        return i;
                    }
                    i = j;
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
        i
    }

    /// Start of the contents of a struct, tuple, list or map value at `i` (after its
    /// optional name and opening bracket).
    fn open(&self, mut i: usize) -> Option<usize> {
        let s = self.src;
        i = self.skip_ws(i);
        while i < s.len() && (s[i].is_ascii_alphanumeric() || s[i] == b'_') {
            i += 1;
        }
        i = self.skip_ws(i);
        if i < s.len() && matches!(s[i], b'(' | b'[' | b'{') {
            Some(i + 1)
        } else {
            None
        }
    }

    fn key(&self, value: usize, key: &str) -> Option<usize> {
        let s = self.src;
        let mut i = self.open(value)?;
        loop {
            i = self.skip_ws(i);
            if i >= s.len() || matches!(s[i], b')' | b']' | b'}') {
                return None;
            }
            let start = i;
            while i < s.len() && (s[i].is_ascii_alphanumeric() || s[i] == b'_') {
                i += 1;
            }
            let name = &s[start..i];
            i = self.skip_ws(i);
            if i < s.len() && s[i] == b':' {
                let v = self.skip_ws(i + 1);
                if name == key.as_bytes() {
                    return Some(v);
                }
                i = self.value_end(v);
            } else {
                i = self.value_end(start.max(i));
            }
            i = self.skip_ws(i);
            if i < s.len() && s[i] == b',' {
                i += 1;
            } else if i == start {
                return None;
            }
        }
    }

    fn nth(&self, value: usize, n: usize) -> Option<usize> {
        let s = self.src;
        let mut i = self.open(value)?;
        for k in 0.. {
            i = self.skip_ws(i);
            if i >= s.len() || matches!(s[i], b')' | b']' | b'}') {
                return None;
            }
            if k == n {
                return Some(i);
            }
            i = self.skip_ws(self.value_end(i));
            if i < s.len() && s[i] == b',' {
                i += 1;
            } else {
                return None;
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_fields_and_list_elements() {
        let src = "Level(\n  id: \"a\", // a comment: with colon\n  routes: [\n    (from: \"x\", to: \"y\"),\n    (from: \"y\",\n     to: \"zz\"),\n  ],\n  title: (en: \"T\", ko: \"티\"),\n)\n";
        let l = Locator::new(src);
        assert_eq!(
            l.find(&[Step::Key("routes"), Step::Nth(1), Step::Key("to")]),
            (6, 10)
        );
        assert_eq!(l.find(&[Step::Key("routes"), Step::Nth(0)]), (4, 5));
        assert_eq!(l.find(&[Step::Key("title"), Step::Key("ko")]), (8, 24));
        // A path that does not exist stops at the deepest part that does.
        assert_eq!(l.find(&[Step::Key("routes"), Step::Nth(7)]), (3, 11));
    }
}
