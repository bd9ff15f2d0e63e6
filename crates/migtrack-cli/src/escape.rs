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

/// For running text (`show`): as [`line`], but newlines and tabs stay.
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
