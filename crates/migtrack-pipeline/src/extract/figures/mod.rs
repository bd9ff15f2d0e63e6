//! The figures extractor: cardinal quantities that carry policy information — counts of people,
//! money, percentages, ratios, caps — with their bound ("more than", "up to") and what they count.
//!
//! Not figures: dates and years (the dates extractor's spans are skipped), ages ("32-year-old"),
//! durations and measures ("90 days", "234 miles"), ordinals ("14th"), times ("4:13 p.m."),
//! ids and names ("Article 14", "Radio 4", "COVID-19"), vague words ("dozens", "thousands") and
//! small counts written as words ("two officials"). Values: "60 million" → 60000000, "30 percent"
//! → 30, "one in five" → 0.2.

mod lexicon;
#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use memchr::memmem;
use migtrack_model::{Figure, Span};

use super::Context;
use crate::annotate::{TokenKind, Tokens};

pub fn extract(ctx: &Context) -> Vec<Figure> {
    find_in(ctx.text, &ctx.sentences, ctx.published, Some(ctx.lang))
}

/// [`extract`] with the tokens of each of the context's sentences already cut (`tokens[i]`
/// those of `ctx.sentences[i]`).
pub(crate) fn extract_with(ctx: &Context, tokens: &[Tokens]) -> Vec<Figure> {
    find_with(
        ctx.text,
        &ctx.sentences,
        Some(tokens),
        ctx.published,
        Some(ctx.lang),
    )
}

/// All figures in `text`, sentence by sentence, in text order, its language unknown (see
/// [`find_in`]). `published` only matters for telling dates from numbers.
pub fn find(text: &str, sentences: &[Span], published: Option<NaiveDate>) -> Vec<Figure> {
    find_in(text, sentences, published, None)
}

/// All figures in `text`, read with the number conventions of `lang` (an ISO 639-1 code, the
/// document's language as the pipeline knows it). Without a language, or one whose
/// conventions `Lang::of_language` does not know, they are guessed from function words:
/// the sentence's own when they tell, else the start of the text's.
pub fn find_in(
    text: &str,
    sentences: &[Span],
    published: Option<NaiveDate>,
    lang: Option<&str>,
) -> Vec<Figure> {
    find_with(text, sentences, None, published, lang)
}

/// [`find_in`] with the sentences' tokens when they are at hand (`tokens[i]` those of
/// `sentences[i]`), else cut here.
fn find_with(
    text: &str,
    sentences: &[Span],
    tokens: Option<&[Tokens]>,
    published: Option<NaiveDate>,
    lang: Option<&str>,
) -> Vec<Figure> {
    let known = lang.and_then(Lang::of_language);
    let lang = known.unwrap_or_else(|| Lang::detect(text));
    let mut out = Vec::new();
    let mut date_mentions = Vec::new();
    let mut dates: Vec<Span> = Vec::new();
    // Where the last date of an earlier sentence ends: a byline's time of day may stand on
    // the line after its date.
    let mut date_before: Option<usize> = None;
    for (position, &sentence) in sentences.iter().enumerate() {
        // Only sentences with a digit or a number word can hold a figure.
        let slice = sentence.slice(text).as_bytes();
        let has_digit = slice.iter().any(u8::is_ascii_digit);
        let cut;
        let tokens = match tokens {
            Some(all) => &all[position],
            None => {
                cut = Tokens::new(text, sentence);
                &cut
            }
        };
        if !has_digit && !(0..tokens.len()).any(|index| is_number_word(tokens.lower(index))) {
            continue;
        }
        date_mentions.clear();
        super::dates::find_in_tokens(text, tokens, published, &mut date_mentions);
        dates.clear();
        dates.extend(date_mentions.iter().map(|mention| mention.span));
        Scanner {
            tokens,
            lang: known.or_else(|| Lang::of_sentence(tokens)).unwrap_or(lang),
            dates: &dates,
            date_before: date_before.filter(|&end| text[end..sentence.start].trim().is_empty()),
        }
        .run(text, &mut out);
        if let Some(last) = dates.last() {
            date_before = Some(last.end);
        }
    }
    out
}

fn is_number_word(word: &str) -> bool {
    lexicon::number_word(word).is_some() || lexicon::is_one_before_scale(word)
}

/// Number conventions: English "7,500.5" or German/Spanish "7.500,5".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lang {
    English,
    Continental,
}

impl Lang {
    /// The conventions of a language, by its ISO 639-1 code (`de`, `de-AT`), when known.
    fn of_language(code: &str) -> Option<Lang> {
        let primary = code.split(['-', '_']).next().unwrap_or("");
        match primary.to_ascii_lowercase().as_str() {
            "en" => Some(Lang::English),
            "de" | "es" | "fr" | "it" | "pt" | "nl" => Some(Lang::Continental),
            _ => None,
        }
    }

    /// The sentence's own conventions, when its function words tell.
    fn of_sentence(tokens: &Tokens) -> Option<Lang> {
        let mut english = 0;
        let mut continental = 0;
        for index in 0..tokens.len() {
            match tokens.lower(index) {
                "the" | "and" | "of" | "to" | "is" | "was" | "were" => english += 1,
                "der" | "die" | "das" | "und" | "ist" | "im" | "el" | "los" | "las" | "que"
                | "del" | "y" | "la" => continental += 1,
                _ => {}
            }
        }
        match english.cmp(&continental) {
            std::cmp::Ordering::Greater => Some(Lang::English),
            std::cmp::Ordering::Less => Some(Lang::Continental),
            std::cmp::Ordering::Equal => None,
        }
    }

    /// A cheap guess from function words near the start of the text.
    fn detect(text: &str) -> Lang {
        let mut end = text.len().min(4000);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let head = &text.as_bytes()[..end];
        let count = |words: &[&str]| -> usize {
            words
                .iter()
                .map(|word| memmem::find_iter(head, word.as_bytes()).count())
                .sum()
        };
        let english = count(&[" the ", " and ", " of "]);
        let continental = count(&[" der ", " die ", " und ", " el ", " los ", " que ", " las "]);
        if continental > english {
            Lang::Continental
        } else {
            Lang::English
        }
    }
}

/// A number read from tokens `first..=last`.
struct Number {
    first: usize,
    last: usize,
    value: f64,
    /// Written as digits (not words).
    digits: bool,
    /// Group separators seen ("4,806,702" has 2).
    groups: usize,
    /// Digits without separators or decimals ("2020", "48").
    plain: bool,
    /// A scale word was part of the words ("two million").
    scaled: bool,
}

struct Scanner<'t, 'a> {
    tokens: &'t Tokens<'a>,
    lang: Lang,
    dates: &'t [Span],
    /// The end of a date that only white space separates from this sentence.
    date_before: Option<usize>,
}

impl Scanner<'_, '_> {
    fn run(&self, text: &str, out: &mut Vec<Figure>) {
        let mut index = 0;
        let mut free_from = 0;
        while index < self.tokens.len() {
            match self.at(index, free_from) {
                Some((figure, last)) => {
                    out.push(Figure {
                        text: figure.span.slice(text).to_string(),
                        ..figure
                    });
                    index = last + 1;
                    free_from = index;
                }
                None => index += 1,
            }
        }
    }

    fn lower(&self, index: usize) -> &str {
        self.tokens.lower(index)
    }

    fn in_date(&self, span: Span) -> bool {
        let at = self.dates.partition_point(|date| date.end <= span.start);
        self.dates.get(at).is_some_and(|date| date.overlaps(span))
    }

    /// Parse a digit token with the document's separators.
    fn digits(&self, index: usize) -> Option<Number> {
        let raw = self.tokens.raw(index);
        let commas = raw.matches(',').count();
        let dots = raw.matches('.').count();
        let groups_ok =
            |separator: char| raw.split(separator).skip(1).all(|group| group.len() == 3);
        let (group, decimal) = match (commas, dots) {
            (0, 0) => (None, None),
            (_, 0) if self.lang == Lang::Continental && commas == 1 => (None, Some(',')),
            (_, 0) if groups_ok(',') => (Some(','), None),
            (1, 0) => (None, Some(',')),
            (0, _) if self.lang == Lang::Continental && groups_ok('.') => (Some('.'), None),
            (0, _) if dots > 1 && groups_ok('.') => (Some('.'), None),
            (0, 1) => (None, Some('.')),
            (_, _) => {
                let last_comma = raw.rfind(',')?;
                let last_dot = raw.rfind('.')?;
                if last_dot > last_comma {
                    (Some(','), Some('.'))
                } else {
                    (Some('.'), Some(','))
                }
            }
        };
        let mut clean = String::with_capacity(raw.len());
        for c in raw.chars() {
            if Some(c) == group {
                continue;
            }
            clean.push(if Some(c) == decimal { '.' } else { c });
        }
        let value: f64 = clean.parse().ok()?;
        Some(Number {
            first: index,
            last: index,
            value,
            digits: true,
            groups: group.map_or(0, |separator| raw.matches(separator).count()),
            plain: group.is_none() && decimal.is_none(),
            scaled: false,
        })
    }

    /// Number words from `index`: "five", "sixty-eight", "two hundred and fifty", "two million".
    fn words(&self, index: usize) -> Option<Number> {
        let t = self.tokens;
        let mut total = 0.0;
        let mut current = 0.0;
        let mut last = None;
        let mut scaled = false;
        let mut at = index;
        loop {
            let word = self.lower(at);
            if let Some(value) = lexicon::number_word(word) {
                current += value;
            } else if lexicon::is_one_before_scale(word)
                && last.is_none()
                && lexicon::scale(self.lower(at + 1)).is_some()
            {
                current = 1.0;
            } else if lexicon::is_hundred(word) && last.is_some() {
                current = current.max(1.0) * 100.0;
            } else if let Some(scale) = lexicon::scale(word).filter(|_| last.is_some()) {
                total += current.max(1.0) * scale;
                current = 0.0;
                scaled = true;
            } else {
                break;
            }
            last = Some(at);
            // "sixty-eight", "two hundred and fifty"
            let hyphen = t.is_punct(at + 1, '-') && t.glued(at) && t.glued(at + 1);
            let and = t.is(at + 1, "and") && lexicon::is_hundred(word);
            if (hyphen || and) && lexicon::number_word(self.lower(at + 2)).is_some() {
                at += 2;
            } else {
                at += 1;
            }
        }
        let last = last?;
        Some(Number {
            first: index,
            last,
            value: total + current,
            digits: false,
            groups: 0,
            plain: false,
            scaled,
        })
    }

    /// The number at `index`, digits or words.
    fn number(&self, index: usize) -> Option<Number> {
        match self.tokens.kind(index)? {
            TokenKind::Number => self.digits(index),
            TokenKind::Word => self.words(index),
            TokenKind::Punct => None,
        }
    }

    /// A bound phrase ending right before `first` (not before `free_from`).
    fn bound_before(&self, first: usize, free_from: usize) -> Option<(usize, &'static str)> {
        for (words, bound) in lexicon::BOUNDS {
            let Some(start) = first.checked_sub(words.len()) else {
                continue;
            };
            if start < free_from {
                continue;
            }
            if words
                .iter()
                .enumerate()
                .all(|(offset, word)| self.tokens.is(start + offset, word))
            {
                return Some((start, bound));
            }
        }
        None
    }

    /// Whether the number token at `index` is glued to something that makes it an id, a time, a
    /// code or a compound ("COVID-19", "A/RES/73", "4:13", "G20", "32-year-old", "14th").
    fn glued_away(&self, first: usize, last: usize) -> bool {
        let t = self.tokens;
        if first > 0 && t.glued(first - 1) {
            let before = t.raw(first - 1);
            if t.is_word(first - 1) || matches!(before, "/" | ":" | "#" | "." | "@" | "_" | "\\") {
                return true;
            }
            if matches!(before, "-" | "–") && first > 1 && t.glued(first - 2) {
                // "COVID-19", or the tail of "2-5" / "555-1234".
                return true;
            }
        }
        if t.glued(last) {
            let after = t.raw(last + 1);
            if matches!(after, "/" | ":" | "@" | "_") {
                return true;
            }
            if t.is_word(last + 1)
                && lexicon::glued_scale(self.lower(last + 1)).is_none()
                && lexicon::scale(self.lower(last + 1)).is_none()
            {
                return true; // "14th", "5G"
            }
            if matches!(after, "-" | "–") && t.glued(last + 1) {
                let next = last + 2;
                if t.is_word(next) && lexicon::scale(self.lower(next)).is_none() {
                    return true; // "32-year-old", "13-foot", "two-thirds"
                }
            }
        }
        false
    }

    fn at(&self, index: usize, free_from: usize) -> Option<(Figure, usize)> {
        let t = self.tokens;
        // Currency before the number: "$", "US$", "€", "USD".
        let mut unit: Option<&'static str> = None;
        let mut start = index;
        let mut number_at = index;
        if let Some(currency) = lexicon::currency_symbol(t.raw(index)) {
            unit = Some(currency);
            number_at = index + 1;
        } else if t.is_word(index)
            && matches!(t.raw(index), "US" | "A" | "C" | "HK" | "NZ")
            && t.raw(index + 1) == "$"
            && t.glued(index)
        {
            unit = Some(if t.raw(index) == "US" { "usd" } else { "other" });
            number_at = index + 2;
        } else if matches!(t.raw(index), "USD" | "EUR" | "GBP") && t.is_number(index + 1) {
            unit = lexicon::currency_word(self.lower(index));
            number_at = index + 1;
        }
        if unit.is_none() && t.kind(index) == Some(TokenKind::Punct) {
            return None;
        }
        let number = self.number(number_at)?;
        if number.digits && self.glued_away(number.first, number.last) {
            return None;
        }
        if unit.is_some() && number_at > index {
            start = index;
        }
        let mut value = number.value;
        let mut last = number.last;
        let mut bound: Option<&'static str> = None;
        let mut rule = if number.digits { "digits" } else { "words" };

        // Ratios: "one in five", "two out of 10", "1 in 3".
        if unit.is_none()
            && value >= 1.0
            && value.fract() == 0.0
            && let Some((denominator, ratio_last)) = self.ratio_tail(last)
            && denominator > value
        {
            if self.in_date(t.between(start, ratio_last)) {
                return None;
            }
            return Some(self.figure(
                start,
                ratio_last,
                value / denominator,
                Some("ratio"),
                None,
                None,
                "ratio",
            ));
        }

        // Ranges: "1.5-1.7 million", "10–15 percent" (value: the low end).
        let mut range_high = None;
        if number.digits
            && t.glued(last)
            && (t.is_punct(last + 1, '-') || t.is_punct(last + 1, '–'))
            && t.glued(last + 1)
            && let Some(high) = self.number(last + 2).filter(|high| high.digits)
        {
            range_high = Some(high);
        }
        let after_range = range_high.as_ref().map_or(last, |high| high.last);

        // Scale: "60 million", "1.5m", "£3bn", "Mio.".
        let mut scale = None;
        let mut scale_last = after_range;
        if !number.scaled {
            let next = after_range + 1;
            let word = self.lower(next);
            if let Some(factor) = lexicon::scale(word) {
                scale = Some(factor);
                scale_last = next;
                // "mil millones" is a billion.
                if word == "mil" && t.is_any(next + 1, &["millones", "millón"]) {
                    scale = Some(1e9);
                    scale_last = next + 1;
                }
                if t.is_punct(scale_last + 1, '.')
                    && t.glued(scale_last)
                    && matches!(word, "mio" | "mrd")
                {
                    scale_last += 1;
                }
            } else if t.glued(after_range)
                && let Some(factor) = lexicon::glued_scale(word)
            {
                scale = Some(factor);
                scale_last = next;
            }
        }
        if range_high.is_some() && scale.is_none() {
            // A bare "2-5" or "555-1234": an id, a score or a phone number.
            let unit_follows = t.is_punct(after_range + 1, '%')
                || t.is_any(after_range + 1, &["percent", "per", "prozent", "por"]);
            if !unit_follows {
                return None;
            }
        }
        if let Some(factor) = scale {
            // "4,806,702 million" is a slip: a count with two group separators takes no scale.
            if number.groups < 2 {
                value *= factor;
            }
            last = scale_last;
            rule = if number.digits {
                "digits_scale"
            } else {
                "words_scale"
            };
        } else {
            last = after_range;
        }
        if range_high.is_some() {
            bound = Some("range");
        }

        // Units after: percent, currency words.
        let next = last + 1;
        let mut percent = false;
        if t.is_punct(next, '%') || t.is_any(next, &["percent", "pct", "prozent"]) {
            percent = true;
            last = next;
        } else if (t.is(next, "per") && t.is(next + 1, "cent"))
            || (t.is(next, "por") && t.is(next + 1, "ciento"))
        {
            percent = true;
            last = next + 1;
        } else if unit.is_none()
            && let Some(currency) = lexicon::currency_word(self.lower(next))
            && !(self.lower(next) == "pounds" && t.is(next + 1, "of"))
        {
            unit = Some(currency);
            last = next;
        } else if unit.is_none() && t.raw(next) == "€" {
            unit = Some("eur");
            last = next;
        }
        if percent {
            unit = Some("percent");
            rule = "percent";
        } else if unit.is_some() {
            rule = "money";
        }

        // Exclusions.
        if self.in_date(t.between(start, last)) {
            return None;
        }
        if lexicon::is_excluded_unit(self.lower(last + 1))
            || (t.is_punct(last + 1, '-') && lexicon::is_excluded_unit(self.lower(last + 2)))
        {
            return None;
        }
        // "id:"3315"": a number between straight quotes that touch it is a literal (an id, a
        // code in a metadata line), not a quantity.
        if start > 0
            && t.is_punct(start - 1, '"')
            && t.glued(start - 1)
            && t.is_punct(last + 1, '"')
            && t.glued(last)
        {
            return None;
        }
        // "14 may 2014 1551": four digits right after a date are the time of day.
        let after_date = if start > 0 {
            self.in_date(t.span(start - 1))
        } else {
            self.date_before.is_some()
        };
        if start == last && after_date && super::dates::is_clock_time(t.raw(start)) {
            return None;
        }
        if t.is_word(last + 1) && self.lower(last + 1) == "a" && t.is_punct(last + 2, '.') {
            return None; // "10 a.m."
        }
        if start > 0 && lexicon::is_excluded_lead(self.lower(start - 1)) {
            return None;
        }
        let marked = unit.is_some() || scale.is_some() || number.scaled;
        let half_of = start >= 2 && t.is(start - 2, "half") && t.is(start - 1, "of");
        let bound_found = self.bound_before(start, free_from);
        if !marked {
            if !number.digits && value < 20.0 {
                return None; // "two officials", "one of them"
            }
            if number.plain && (1700.0..=2100.0).contains(&value) && bound_found.is_none() {
                return None; // a year the dates extractor left out ("Agenda 2030")
            }
            if number.digits && value < 10.0 && (!t.is_word(last + 1) || t.is_capitalized(last + 1))
            {
                return None; // "(2 Images)", "Radio 4"
            }
            if self.is_name_number(start) {
                return None; // "Article 14", "Company 2-5"
            }
            if self.is_bare_age(start, last, value) {
                return None; // "women live until 85", "at 101, he …", "people over 60 will"
            }
        }
        if half_of {
            value *= 0.5;
            start -= 2;
        }
        let mut first = start;
        if let Some((bound_start, kind)) = bound_found
            && !half_of
        {
            first = bound_start;
            if bound.is_none() && kind != "exact" {
                bound = Some(kind);
            }
        }
        if t.is(last + 1, "or") && t.is(last + 2, "more") {
            bound = Some("at_least");
            last += 2;
        }
        if value >= 1000.0 {
            value = value.round();
        }
        let counts = if percent { None } else { self.counts(last + 1) };
        if unit.is_none()
            && let Some(noun) = counts.as_deref()
            && lexicon::is_people(
                noun.rsplit(' ')
                    .next()
                    .unwrap_or("")
                    .to_lowercase()
                    .as_str(),
            )
        {
            unit = Some("people");
        }
        Some(self.figure(
            first,
            last,
            value,
            unit,
            counts,
            Some(bound.unwrap_or("exact")),
            rule,
        ))
    }

    #[allow(
        clippy::too_many_arguments,
        reason = "one call per figure kind, all fields named"
    )]
    fn figure(
        &self,
        first: usize,
        last: usize,
        value: f64,
        unit: Option<&str>,
        counts: Option<String>,
        bound: Option<&str>,
        rule: &str,
    ) -> (Figure, usize) {
        (
            Figure {
                text: String::new(),
                value,
                unit: unit.map(str::to_string),
                counts,
                bound: bound.map(str::to_string),
                span: self.tokens.between(first, last),
                rule: rule.to_string(),
            },
            last,
        )
    }

    /// "in five", "out of 10", "out of every ten" after a number: the denominator.
    fn ratio_tail(&self, last: usize) -> Option<(f64, usize)> {
        let t = self.tokens;
        let mut at = last + 1;
        if t.is(at, "in") {
            at += 1;
        } else if t.is(at, "out") && t.is(at + 1, "of") {
            at += 2;
        } else {
            return None;
        }
        if t.is(at, "every") {
            at += 1;
        }
        let denominator = self.number(at)?;
        if denominator.scaled
            || denominator.groups > 0
            || !(2.0..=1000.0).contains(&denominator.value)
        {
            return None;
        }
        if denominator.digits && self.glued_away(denominator.first, denominator.last) {
            return None;
        }
        if lexicon::is_excluded_unit(self.lower(denominator.last + 1))
            || lexicon::scale(self.lower(denominator.last + 1)).is_some()
            || t.is_punct(denominator.last + 1, '%')
        {
            return None;
        }
        Some((denominator.value, denominator.last))
    }

    /// A bare number right after a capitalised word mid-sentence is part of a name or an id.
    /// An age written as a bare number: a whole number a person can reach, counting no noun,
    /// set off by commas after a name ("Mr. Cantor, 51,"), after "who is", after
    /// "until"/"till", or after "at", "over" or "under" that open the sentence or follow a noun
    /// for people ("adults at 18", "people over 60 will …").
    fn is_bare_age(&self, first: usize, last: usize, value: f64) -> bool {
        if first == 0 || value.fract() != 0.0 || !(1.0..=120.0).contains(&value) {
            return false;
        }
        if self.counts(last + 1).is_some() || self.tokens.is_punct(last + 1, '%') {
            return false;
        }
        // "Mr. Cantor, 51, who is …", "McCarthy, 49, appeared": a number set off by commas
        // right after a capitalised name; "Labrador, who is 46, said": after "who is/was".
        let apposed = self.tokens.is_punct(first - 1, ',')
            && first >= 2
            && self.tokens.is_capitalized(first - 2)
            && (self.tokens.is_punct(last + 1, ',') || self.tokens.is_punct(last + 1, '.'));
        let who_is = first >= 2
            && matches!(self.lower(first - 1), "is" | "was")
            && self.lower(first - 2) == "who";
        if apposed || who_is {
            return true;
        }
        match self.lower(first - 1) {
            "until" | "till" => true,
            "at" | "over" | "under" => first == 1 || lexicon::is_people(self.lower(first - 2)),
            _ => false,
        }
    }

    fn is_name_number(&self, first: usize) -> bool {
        let t = self.tokens;
        // After an abbreviation with periods: "H.R. 4038", "S. 744".
        if first >= 2
            && t.is_punct(first - 1, '.')
            && t.glued(first - 2)
            && t.is_word(first - 2)
            && t.raw(first - 2).chars().all(char::is_uppercase)
        {
            return true;
        }
        if first == 0 || !t.is_capitalized(first - 1) {
            return false;
        }
        let before = self.lower(first - 1);
        let sentence_initial = !(0..first - 1).any(|earlier| t.is_word(earlier));
        !sentence_initial
            && !before.ends_with("'s")
            && self.bound_before(first, 0).is_none()
            && !matches!(before, "of" | "in" | "about" | "some" | "another" | "and")
    }

    /// What a figure counts: the noun phrase right after it ("asylum seekers", "National Guard
    /// troops"), up to its first plural or people noun.
    fn counts(&self, from: usize) -> Option<String> {
        let t = self.tokens;
        let mut parts: Vec<String> = Vec::new();
        let mut at = from;
        while at < t.len() && parts.len() < 4 {
            if !t.is_word(at) {
                return None;
            }
            // Take in hyphenated compounds ("active-duty", "asylum-seekers").
            let mut word = t.raw(at).to_string();
            let mut lower = self.lower(at).to_string();
            while t.glued(at) && t.is_punct(at + 1, '-') && t.glued(at + 1) && t.is_word(at + 2) {
                word.push('-');
                word.push_str(t.raw(at + 2));
                lower.push('-');
                lower.push_str(self.lower(at + 2));
                at += 2;
            }
            if lexicon::is_stop(&lower) || lexicon::is_excluded_unit(&lower) {
                return None;
            }
            let done = lexicon::is_people(&lower)
                || (lower.len() > 3 && lower.ends_with('s') && !lower.ends_with("ss"));
            parts.push(word);
            if done {
                return Some(parts.join(" "));
            }
            at += 1;
        }
        None
    }
}
