//! CoNLL-U, the Universal Dependencies file format: read treebanks to train and score on,
//! write what the layer sees (`migtrack parse`).
//!
//! Empty nodes (`8.1`, enhanced dependencies only) are skipped on reading; multiword token
//! lines (`3-4 don't`) are kept beside the words they group.

use std::fmt::Write as _;

/// One word line of a CoNLL-U sentence (ids are 1-based in the file, 0-based here).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Word {
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub feats: String,
    /// Head as in the file: 0 is the root, `n` is the n-th word (1-based).
    pub head: usize,
    pub deprel: String,
    pub deps: String,
    pub misc: String,
}

impl Word {
    /// Fill the analysis columns (lemma, tags, features, head, relation) from the layer.
    pub fn fill(&mut self, analysis: &crate::Analysis) {
        self.lemma = analysis.lemma.to_string();
        self.upos = analysis.upos.to_string();
        self.xpos = analysis.xpos.to_string();
        self.feats = analysis.feats.to_string();
        self.head = analysis.head.map_or(0, |head| head as usize + 1);
        self.deprel = analysis.deprel.to_string();
    }

    /// Whether the MISC column says no space follows the word.
    pub fn space_after(&self) -> bool {
        !self.misc.split('|').any(|item| item == "SpaceAfter=No")
    }
}

/// A multiword token line: words `first..=last` (1-based) are written as `form` in the text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Multiword {
    pub first: usize,
    pub last: usize,
    pub form: String,
    pub misc: String,
}

/// One sentence: its comment lines (without `# `), its words and its multiword tokens.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentence {
    pub comments: Vec<String>,
    pub words: Vec<Word>,
    pub multiwords: Vec<Multiword>,
}

impl Sentence {
    /// The words' forms, in order.
    pub fn forms(&self) -> Vec<&str> {
        self.words.iter().map(|word| word.form.as_str()).collect()
    }

    /// The value of a `# key = value` comment.
    pub fn comment(&self, key: &str) -> Option<&str> {
        self.comments.iter().find_map(|line| {
            let (name, value) = line.split_once('=')?;
            (name.trim() == key).then(|| value.trim())
        })
    }

    /// The sentence text: `# text`, or the tokens joined as their SpaceAfter says.
    pub fn text(&self) -> String {
        if let Some(text) = self.comment("text") {
            return text.to_string();
        }
        let mut out = String::new();
        let mut index = 0;
        while index < self.words.len() {
            if let Some(multi) = self.multiwords.iter().find(|m| m.first == index + 1) {
                out.push_str(&multi.form);
                if !multi.misc.split('|').any(|item| item == "SpaceAfter=No") {
                    out.push(' ');
                }
                index = multi.last;
            } else {
                out.push_str(&self.words[index].form);
                if self.words[index].space_after() {
                    out.push(' ');
                }
                index += 1;
            }
        }
        out.truncate(out.trim_end().len());
        out
    }

    /// Whether a comment opens a new paragraph or document here.
    pub fn starts_paragraph(&self) -> bool {
        self.comments
            .iter()
            .any(|line| line.starts_with("newpar") || line.starts_with("newdoc"))
    }
}

/// Why a CoNLL-U text could not be read.
#[derive(Debug, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct ParseError {
    pub line: usize,
    pub reason: String,
}

/// Read every sentence of a CoNLL-U text.
pub fn parse(input: &str) -> Result<Vec<Sentence>, ParseError> {
    let mut sentences = Vec::new();
    let mut current = Sentence::default();
    for (number, line) in input.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            if !current.words.is_empty() || !current.comments.is_empty() {
                sentences.push(std::mem::take(&mut current));
            }
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            current.comments.push(comment.trim_start().to_string());
            continue;
        }
        let error = |reason: &str| ParseError {
            line: number + 1,
            reason: reason.to_string(),
        };
        let columns: Vec<&str> = line.split('\t').collect();
        if columns.len() != 10 {
            return Err(error("a word line needs 10 tab-separated columns"));
        }
        let id = columns[0];
        if id.contains('.') {
            continue; // empty node
        }
        if let Some((first, last)) = id.split_once('-') {
            let (Ok(first), Ok(last)) = (first.parse(), last.parse()) else {
                return Err(error("bad multiword range"));
            };
            current.multiwords.push(Multiword {
                first,
                last,
                form: columns[1].to_string(),
                misc: columns[9].to_string(),
            });
            continue;
        }
        if id.parse::<usize>().ok() != Some(current.words.len() + 1) {
            return Err(error("word ids must count up from 1"));
        }
        let head = if columns[6] == "_" {
            0
        } else {
            columns[6].parse().map_err(|_| error("bad head"))?
        };
        current.words.push(Word {
            form: columns[1].to_string(),
            lemma: columns[2].to_string(),
            upos: columns[3].to_string(),
            xpos: columns[4].to_string(),
            feats: columns[5].to_string(),
            head,
            deprel: columns[7].to_string(),
            deps: columns[8].to_string(),
            misc: columns[9].to_string(),
        });
    }
    if !current.words.is_empty() {
        sentences.push(current);
    }
    Ok(sentences)
}

/// Write one sentence as CoNLL-U (comments, multiword lines before their words, a blank line).
pub fn write(sentence: &Sentence, out: &mut String) {
    for comment in &sentence.comments {
        let _ = writeln!(out, "# {comment}");
    }
    for (index, word) in sentence.words.iter().enumerate() {
        if let Some(multi) = sentence.multiwords.iter().find(|m| m.first == index + 1) {
            let _ = writeln!(
                out,
                "{}-{}\t{}\t_\t_\t_\t_\t_\t_\t_\t{}",
                multi.first,
                multi.last,
                clean(&multi.form),
                or_blank(&multi.misc)
            );
        }
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            index + 1,
            clean(&word.form),
            or_blank(&clean(&word.lemma)),
            or_blank(&word.upos),
            or_blank(&word.xpos),
            or_blank(&word.feats),
            word.head,
            or_blank(&word.deprel),
            or_blank(&word.deps),
            or_blank(&word.misc),
        );
    }
    out.push('\n');
}

/// A form without the characters CoNLL-U cannot hold in a column.
fn clean(form: &str) -> String {
    form.chars()
        .map(|c| {
            if c == '\t' || c == '\n' || c == '\r' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

fn or_blank(value: &str) -> &str {
    if value.is_empty() { "_" } else { value }
}

/// A sentence of the layer as CoNLL-U: `# sent_id`, `# text`, multiword token lines for
/// tokens cut into several words, and the analysis when there is one.
pub fn from_layer(text: &str, sentence: &crate::Sentence, sent_id: &str) -> Sentence {
    let sentence_text = &text[sentence.span.start..sentence.span.end];
    let mut out = Sentence {
        comments: vec![
            format!("sent_id = {sent_id}"),
            format!("text = {}", sentence_text.replace(['\n', '\r'], " ")),
        ],
        ..Sentence::default()
    };
    let pieces = &sentence.words;
    let mut index = 0;
    while index < pieces.len() {
        let token = pieces[index].token;
        let last = (index..pieces.len())
            .take_while(|&i| pieces[i].token == token)
            .last()
            .unwrap_or(index);
        let token_end = pieces[last].span.end.max(pieces[index].span.end);
        let space_after = text[token_end..sentence.span.end.max(token_end)]
            .starts_with(char::is_whitespace)
            || token_end >= sentence.span.end;
        let misc = if space_after {
            String::new()
        } else {
            "SpaceAfter=No".to_string()
        };
        if last > index {
            out.multiwords.push(Multiword {
                first: index + 1,
                last: last + 1,
                form: text[pieces[index].span.start..token_end].to_string(),
                misc: misc.clone(),
            });
        }
        for (position, piece) in pieces.iter().enumerate().take(last + 1).skip(index) {
            let mut word = Word {
                form: piece.form(text).to_string(),
                misc: if last > index {
                    String::new()
                } else {
                    misc.clone()
                },
                ..Word::default()
            };
            if let Some(analysis) = sentence.analysis.as_ref().and_then(|all| all.get(position)) {
                word.fill(analysis);
            } else {
                word.head = usize::from(position > 0) * position;
                word.deprel = if position == 0 {
                    "root".into()
                } else {
                    "dep".into()
                };
            }
            out.words.push(word);
        }
        index = last + 1;
    }
    out
}

/// The running text of treebank sentences, as a raw-text pipeline would get it: sentences
/// of one paragraph joined by a space, paragraphs (`# newpar`, `# newdoc`) by a blank line.
pub fn raw_text(sentences: &[Sentence]) -> String {
    let mut out = String::new();
    for sentence in sentences {
        if !out.is_empty() {
            out.push_str(if sentence.starts_paragraph() {
                "\n\n"
            } else {
                " "
            });
        }
        out.push_str(&sentence.text());
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# sent_id = a-1\n# text = I don't.\n1\tI\tI\tPRON\tPRP\tCase=Nom\t3\tnsubj\t_\t_\n2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n2\tdo\tdo\tAUX\tVBP\t_\t0\troot\t_\t_\n3\tn't\tnot\tPART\tRB\t_\t2\tadvmod\t_\t_\n3.1\tx\tx\tX\tX\t_\t_\t_\t_\t_\n";

    #[test]
    fn reads_words_multiwords_and_comments_and_skips_empty_nodes() {
        let sentences = parse(SAMPLE).unwrap();
        assert_eq!(sentences.len(), 1);
        let sentence = &sentences[0];
        assert_eq!(sentence.comment("sent_id"), Some("a-1"));
        assert_eq!(sentence.words.len(), 3);
        assert_eq!(sentence.words[1].form, "do");
        assert_eq!(sentence.words[0].head, 3);
        assert_eq!(sentence.multiwords[0].form, "don't");
    }

    #[test]
    fn writes_what_it_reads() {
        let sentences = parse(SAMPLE).unwrap();
        let mut out = String::new();
        write(&sentences[0], &mut out);
        let again = parse(&out).unwrap();
        assert_eq!(again, sentences);
    }

    #[test]
    fn rebuilds_text_from_space_after() {
        let mut sentence = parse(SAMPLE).unwrap().remove(0);
        sentence.comments.clear();
        assert_eq!(sentence.text(), "I don't");
    }

    #[test]
    fn rejects_a_short_line_with_its_number() {
        let error = parse("1\tI\tI\n").unwrap_err();
        assert_eq!(error.line, 1);
    }
}
