//! Collecting plain text with the boundaries a reader sees.
//!
//! Whitespace collapses to one space, as in rendered HTML. A *block break* (end of a paragraph,
//! a table cell, a list item…) is kept as `'\n'`: the searcher never matches across it, just as
//! the browser's find-in-page does not match across table cells.

/// Separator waiting to be written before the next text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Pending {
    None,
    Space,
    Break,
}

/// A growing piece of text with collapsed whitespace and `'\n'` block breaks.
#[derive(Debug)]
pub struct TextSink {
    text: String,
    pending: Pending,
}

impl Default for TextSink {
    fn default() -> Self {
        Self::new()
    }
}

impl TextSink {
    /// An empty sink.
    pub fn new() -> Self {
        TextSink {
            text: String::new(),
            pending: Pending::None,
        }
    }

    /// Appends text; runs of whitespace in it become one space.
    pub fn push(&mut self, text: &str) {
        for c in text.chars() {
            if c.is_whitespace() {
                self.space();
            } else {
                self.flush_pending();
                self.text.push(c);
            }
        }
    }

    /// Appends preformatted text (a code block): line ends are block breaks.
    pub fn push_pre(&mut self, text: &str) {
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                self.block_break();
            }
            self.push(line);
        }
    }

    /// Separates words (a soft line break or a space).
    pub fn space(&mut self) {
        self.pending = self.pending.max(Pending::Space);
    }

    /// Ends a block: no search match crosses this point.
    pub fn block_break(&mut self) {
        self.pending = Pending::Break;
    }

    /// Whether nothing but separators has been pushed.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The collected text, without leading or trailing separators.
    pub fn finish(self) -> String {
        self.text
    }

    fn flush_pending(&mut self) {
        if !self.text.is_empty() {
            match self.pending {
                Pending::None => {}
                Pending::Space => self.text.push(' '),
                Pending::Break => self.text.push('\n'),
            }
        }
        self.pending = Pending::None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapses_whitespace_and_keeps_breaks() {
        let mut s = TextSink::new();
        s.block_break();
        s.push("  個人情報\u{3000}保護 ");
        s.space();
        s.block_break();
        s.space();
        s.push("委員会\t a  b");
        s.block_break();
        assert_eq!(s.finish(), "個人情報 保護\n委員会 a b");
    }

    #[test]
    fn preformatted_lines_are_blocks() {
        let mut s = TextSink::new();
        s.push_pre("line one\nline  two\n");
        assert_eq!(s.finish(), "line one\nline two");
    }
}
