//! Text from file names and articles is data, never terminal commands: human output shows
//! control characters (C0, DEL, C1 — ESC, CR, BEL, a newline inside a file name, …) as their
//! Rust escapes (`\u{1b}`, `\r`, `\n`), so no input can colour, clear or retitle the terminal,
//! or forge an extra error line. JSON and CSV output keep the text exactly.

use std::borrow::Cow;

/// For one-line output (error lines, table cells, labels): every control character escaped,
/// newlines and tabs too.
pub fn line(text: &str) -> Cow<'_, str> {
    escape(text, |_| true)
}

/// For running text (`show`): as [`line()`], but newlines and tabs stay.
pub fn text(text: &str) -> Cow<'_, str> {
    escape(text, |c| c != '\n' && c != '\t')
}

fn escape(text: &str, escaped: impl Fn(char) -> bool) -> Cow<'_, str> {
    let needs = |c: char| c.is_control() && escaped(c);
    if !text.chars().any(needs) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs(c) {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The writer of log lines (stderr): each event is one line. tracing escapes ESC in the values
/// it prints but not a newline or CR from a file name, so every control character but ESC (the
/// colours, when stderr is a terminal) and the line's own end is escaped here.
pub struct LogLine;

impl std::io::Write for LogLine {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        let (body, end) = match text.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (text.as_ref(), ""),
        };
        let line = escape(body, |c| c != '\u{1b}');
        std::io::stderr().write_all(format!("{line}{end}").as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        std::io::stderr().flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_visible_escapes() {
        assert_eq!(
            line("a\nb\x1b[31mc\rd\te\u{9b}f\x7f"),
            r"a\nb\u{1b}[31mc\rd\te\u{9b}f\u{7f}"
        );
        assert_eq!(text("a\nb\x1b]0;t\x07\r\n"), "a\nb\\u{1b}]0;t\\u{7}\\r\n");
    }

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        assert!(matches!(line("Zürich, «ok» — ⟦x⟧"), Cow::Borrowed(_)));
    }
}
