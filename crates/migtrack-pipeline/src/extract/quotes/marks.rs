//! Finds spans in quotation marks: straight and curly double quotes, German „…“, «…», single
//! ‘…’ at the top level, and quotes continued across paragraphs (an opening paragraph without a
//! closing mark continues when the next paragraph opens with a mark). Two apostrophes ('')
//! count as a double mark.

use migtrack_model::Span;

/// One quoted span as the marks delimit it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marked {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// Byte offset just after the closing mark (or the end of the content when unclosed).
    pub end: usize,
    /// The content, one span per paragraph the quote runs through.
    pub segments: Vec<Span>,
    /// False when the closing mark was missing and the paragraph end closed it.
    pub closed: bool,
    /// True for single marks (‘…’).
    pub single: bool,
}

impl Marked {
    /// From the first content byte to the last.
    pub fn content(&self) -> Span {
        let start = self.segments.first().map_or(self.open, |span| span.start);
        let end = self.segments.last().map_or(self.end, |span| span.end);
        Span::new(start, end)
    }

    /// The content with marks and paragraph breaks removed, trailing comma dropped.
    pub fn text(&self, text: &str) -> String {
        let joined = self
            .segments
            .iter()
            .map(|span| span.slice(text).trim())
            .collect::<Vec<_>>()
            .join(" ");
        joined.trim_end_matches([',', ' ']).trim_start().to_string()
    }
}

fn is_opening_context(previous: Option<char>) -> bool {
    match previous {
        None => true,
        Some(c) => c.is_whitespace() || "([{—–-/:".contains(c),
    }
}

fn closes(opener: char, c: char) -> bool {
    match opener {
        '"' => c == '"' || c == '”',
        '“' => c == '”' || c == '"',
        '„' => c == '“' || c == '”',
        '«' => c == '»',
        '‘' => c == '’',
        _ => false,
    }
}

/// Trim whitespace inside a span.
pub(super) fn trimmed(text: &str, start: usize, end: usize) -> Span {
    let slice = text.get(start..end).unwrap_or("");
    let leading = slice.len() - slice.trim_start().len();
    let trailing = slice.len() - slice.trim_end().len();
    if leading + trailing >= slice.len() {
        return Span::new(start, start);
    }
    Span::new(start + leading, end - trailing)
}

struct Open {
    mark: char,
    open: usize,
    content_start: usize,
    segments: Vec<Span>,
}

/// All quoted spans of `text`, in order, non-overlapping (nested marks belong to the outer one).
pub fn scan(text: &str) -> Vec<Marked> {
    let mut found = Vec::new();
    let mut current: Option<Open> = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut index = 0;
    while index < chars.len() {
        let (at, c) = chars[index];
        let previous = index.checked_sub(1).map(|i| chars[i].1);
        let next = chars.get(index + 1).map(|&(_, c)| c);
        // Two apostrophes stand for a double mark in some archives: ''makes me smart,''.
        let doubled = c == '\'' && next == Some('\'');
        let (c, after, next) = if doubled {
            ('"', at + 2, chars.get(index + 2).map(|&(_, c)| c))
        } else {
            (c, at + c.len_utf8(), next)
        };
        if c == '\n' {
            if let Some(mut open) = current.take() {
                // Continued in the next paragraph when it opens with a mark.
                let mut look = index + 1;
                while look < chars.len() && chars[look].1.is_whitespace() {
                    look += 1;
                }
                let continues = chars
                    .get(look)
                    .is_some_and(|&(_, m)| matches!(m, '“' | '"' | '„' | '«') && open.mark != '‘');
                let segment = trimmed(text, open.content_start, at);
                if !segment.is_empty() {
                    open.segments.push(segment);
                }
                if continues {
                    let (mark_at, mark) = chars[look];
                    open.content_start = mark_at + mark.len_utf8();
                    current = Some(open);
                    index = look + 1;
                    continue;
                }
                if !open.segments.is_empty() && open.mark != '‘' {
                    found.push(Marked {
                        open: open.open,
                        end: at,
                        segments: open.segments,
                        closed: false,
                        single: false,
                    });
                }
            }
            index += 1;
            continue;
        }
        match current.as_mut() {
            Some(open) => {
                if closes(open.mark, c) {
                    // A single closing mark must not be an apostrophe inside a word.
                    if open.mark == '‘' && next.is_some_and(char::is_alphanumeric) {
                        index += 1;
                        continue;
                    }
                    let segment = trimmed(text, open.content_start, at);
                    if let Some(mut open) = current.take() {
                        if !segment.is_empty() {
                            open.segments.push(segment);
                        }
                        if !open.segments.is_empty() {
                            found.push(Marked {
                                open: open.open,
                                end: after,
                                segments: open.segments,
                                closed: true,
                                single: open.mark == '‘',
                            });
                        }
                    }
                } else if c == '“' && open.mark == '“' {
                    // A new opening mark before a close: the earlier one lost its close.
                    current = Some(Open {
                        mark: c,
                        open: at,
                        content_start: after,
                        segments: Vec::new(),
                    });
                }
            }
            None => {
                let opens = match c {
                    '“' | '„' | '«' => true,
                    '"' => is_opening_context(previous) && next.is_some_and(|n| !n.is_whitespace()),
                    '‘' => {
                        is_opening_context(previous) && next.is_some_and(char::is_alphanumeric)
                    }
                    _ => false,
                };
                if opens {
                    current = Some(Open {
                        mark: c,
                        open: at,
                        content_start: after,
                        segments: Vec::new(),
                    });
                }
            }
        }
        index += if doubled { 2 } else { 1 };
    }
    if let Some(open) = current {
        let segment = trimmed(text, open.content_start, text.len());
        if !segment.is_empty() && open.mark != '‘' {
            let mut segments = open.segments;
            segments.push(segment);
            found.push(Marked {
                open: open.open,
                end: text.len(),
                segments,
                closed: false,
                single: false,
            });
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        scan(text).iter().map(|marked| marked.text(text)).collect()
    }

    #[test]
    fn curly_straight_german_and_guillemets_are_found() {
        assert_eq!(texts("He said “one two,” then."), vec!["one two"]);
        assert_eq!(texts("He said \"one two\" then."), vec!["one two"]);
        assert_eq!(texts("Er sagte „eins zwei“ dann."), vec!["eins zwei"]);
        assert_eq!(texts("Il a dit «un deux» puis."), vec!["un deux"]);
    }

    #[test]
    fn single_marks_inside_double_quotes_stay_inside() {
        assert_eq!(
            texts("“the words ‘subject to’ apply,” she said."),
            vec!["the words ‘subject to’ apply"]
        );
    }

    #[test]
    fn doubled_apostrophes_are_double_marks() {
        assert_eq!(
            texts("Paying no tax ''makes me smart,'' he said."),
            vec!["makes me smart"]
        );
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert!(texts("The country’s rules don’t change.").is_empty());
    }

    #[test]
    fn quote_continues_into_a_paragraph_that_opens_with_a_mark() {
        let text = "“First part.\n“Second part,” she said.";
        let found = scan(text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].text(text), "First part. Second part");
        assert!(found[0].closed);
    }
}
