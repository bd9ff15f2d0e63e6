//! Claims extractor: factual or causal assertions about migration made by a named speaker,
//! read from the quotes (direct or reported), with the evidence the article gives for them:
//! `none_given` ("no specific data were provided"), `cited` (a source or a figure),
//! `contested` (the article reports evidence against it: "although studies consistently show …")
//! or `unstated`.

use std::sync::OnceLock;

use migtrack_model::{Claim, Evidence, Quote, Span};
use regex::Regex;

use super::Context;

mod tree;

/// Claims of one document: from its quotes and the token rules, then from the trees of the
/// sentences that have a claim predicate and none of those claims.
pub fn extract(ctx: &Context, quotes: &[Quote]) -> Vec<Claim> {
    let mut claims = extract_with(ctx.text, &ctx.sentences, quotes);
    from_tree(ctx, quotes, &mut claims);
    claims
}

/// Claims of rule `claim_tree`: the complements of claim predicates ([`tree`]), through the
/// same pieces and assertion filters as the quotes; the evidence the tree reads, else the
/// cues of the claim's sentence and the next.
fn from_tree(ctx: &Context, quotes: &[Quote], claims: &mut Vec<Claim>) {
    let text = ctx.text;
    for found in tree::read(ctx, quotes, claims) {
        let said = found.text.as_str();
        for (a, b) in pieces(said) {
            let piece = said[a..b]
                .trim()
                .trim_end_matches(['.', ',', ';', ':'])
                .trim_matches(['"', '“', '”'])
                .trim();
            let lower = piece.to_lowercase();
            let topic = found.topic || lower_contains_any(&lower, TOPIC).is_some();
            let no_request =
                lower_contains_any(&lower, INTENT).is_none() && not_an_assertion(&lower).is_none();
            // A claim the writer names one ("claimed that …") needs no cue of fact or cause.
            let named = found.named && (topic || found.flagged) && word_count(piece) >= 3;
            let asserted = asserts_about_migration(piece).is_some()
                || (found.change && topic && word_count(piece) >= 4 || named) && no_request;
            if !asserted
                || claims
                    .iter()
                    .any(|claim| crate::overlap::texts_overlap(&claim.text, piece))
            {
                continue;
            }
            // A piece of a claim read whole keeps its place in the text; one joined across
            // a left-out phrase spans the claim.
            let span = found.span.slice(text).find(piece).map_or(found.span, |at| {
                Span::new(found.span.start + at, found.span.start + at + piece.len())
            });
            let (evidence, evidence_span) = match found.evidence {
                Some((evidence, cue)) => (evidence, Some(cue)),
                None => judge(text, &ctx.sentences, span, has_figure(&lower)),
            };
            claims.push(Claim {
                speaker: Some(found.speaker.clone()),
                text: piece.replace(['“', '”'], ""),
                evidence,
                span,
                evidence_span,
                rule: format!("claim_tree:{}", evidence.as_str()),
            });
        }
    }
}

/// Words that put a statement on the subject of migration.
const TOPIC: &[&str] = &[
    "migra",
    "immigra",
    "emigra",
    "refugee",
    "asylum",
    "border",
    "deport",
    "caravan",
    "smuggl",
    "citizenship",
    "visa",
    "undocumented",
    "illegal",
    "alien",
    "crossing",
    "arrival",
    "resettle",
    "displace",
    "trafficking",
    "detention",
    "quota",
    "newcomer",
    "foreign-born",
    "settl",
    "sent back",
    "into our country",
    "into the country",
    "vetting",
    "coming in",
    "coming into",
    "influx",
    "foreigners",
    "newly arrived",
    "country of birth",
    "born abroad",
    "live abroad",
    "living abroad",
];

/// Words that make a statement a factual or causal assertion rather than a plan or an opinion.
const ASSERTION: &[&str] = &[
    "correlat",
    "cause",
    "causing",
    "lead to",
    "leads to",
    "led to",
    "fuel",
    "increas",
    "decreas",
    "rising",
    "rise",
    "rose",
    "fell",
    "drop",
    "cost",
    "spent",
    "spend",
    "linked",
    "driven",
    "abuse",
    "safe",
    "danger",
    "pouring",
    "flowing",
    "infiltrat",
    "crime",
    "criminal",
    "violat",
    "million",
    "billion",
    "percent",
    "%",
    "number of",
    "more people",
    "highest",
    "lowest",
    "record",
    "largest",
    "topped",
    "surpass",
    "organized",
    "among",
    "threat",
    "harm",
    "at risk",
    "problem worse",
    "smash",
    "unprotected",
    "helped",
    "crisis",
    "infiltrated",
    "abuses",
    "fleeing",
    "no avenue",
    "more thorough",
    "strain",
    "only country",
    "doubl",
    "tripl",
    "halved",
    "worse",
    "far more",
    "filled with",
    "take advantage",
    "pressure on",
    "pressures on",
    "impact on",
    "no control",
    "out of control",
    "no avenue",
    // Verbs of cause and effect (a class, not a list of sentences): what one thing does to
    // another is a causal assertion.
    "result in",
    "resulted in",
    "contribut",
    "encourag",
    "discourag",
    "incentiv",
    "attract",
    "undermin",
    "damag",
    "hurt",
    "benefit",
    "boost",
    "worsen",
    "burden",
    "overwhelm",
    "depress",
];

/// Statements of intent are no claims ("we will decide", "we want").
const INTENT: &[&str] = &[
    "'d rather",
    "’d rather",
    "would rather",
    "we will",
    "we want",
    "we need",
    "i will",
    "i want",
    "we must",
    "we should",
    "let's",
    "we encourage",
    "we are going",
    "i'm going",
    "we're going",
    "i could",
    "i would",
];

const NONE_GIVEN: &[&str] = &[
    "with no evidence",
    "no apparent basis",
    "without any apparent basis",
    "no basis in fact",
    "without basis",
    "no specific data",
    "no data",
    "without evidence",
    "without providing evidence",
    "did not provide evidence",
    "didn't provide evidence",
    "no evidence was",
    "offered no evidence",
    "provided no evidence",
    "without citing",
    "did not cite",
    "didn't cite",
    "gave no evidence",
    "without offering evidence",
    "no proof",
    "without proof",
    "did not offer evidence",
    "without providing data",
];

const CONTESTED: &[&str] = &[
    "contrast to",
    "studies consistently show",
    "studies show",
    "studies have shown",
    "research shows",
    "research has shown",
    "data show",
    "experts dispute",
    "experts say",
    "contrary to",
    "fact-check",
    "fact check",
    "falsely",
    "false claim",
    "disputed",
    "debunked",
    "there is no evidence",
    "no evidence that",
    "not supported by",
    "critics say",
    "in fact",
    "however, ",
    "misleading",
    "inaccurate",
];

const CITED: &[&str] = &[
    "according to figures",
    "according to data",
    "according to statistics",
    "according to a study",
    "according to a report",
    "according to estimates",
    "according to the census",
    "data from",
    "figures from",
    "statistics from",
    "a study by",
    "a report by",
    "study found",
    "report found",
    "survey",
    "census",
    "figures show",
    "statistics show",
    "estimates",
    "estimated",
];

/// Deontic modals: a statement of what ought to happen is no claim about how things are.
const DEONTIC: &[&str] = &[
    "should",
    "must",
    "ought",
    "have to",
    "has to",
    "need to",
    "needs to",
    "shouldn't",
    "mustn't",
];

/// Requests, decisions and plans reported as speech: what someone asks, wants or is
/// considering is no assertion about the world.
const REQUEST: &[&str] = &[
    "asked",
    "ask",
    "asks",
    "called for",
    "calls for",
    "calling for",
    "urged",
    "urges",
    "wants to",
    "want to",
    "plans to",
    "planning to",
    "intends to",
    "aims to",
    "seeks to",
    "is considering",
    "isn't considering",
    "is not considering",
    "considering becoming",
    "looking at",
    "will continue",
    "continue to",
    "continue their",
    "sounding the alarm",
    "raised the issue",
    "set out",
    "committed to",
    // Decisions and agreements are events, not assertions.
    "agreed to",
    "agreed a",
    "agreed on",
    "deal to",
    "agreement to",
    "struck a deal",
    "reached a deal",
    "signed a",
    "pledged",
    "promised to",
    "vowed to",
    "announced plans",
    "being sent to",
    "to implement",
];

/// Value statements: how migration ought to work or what is good, not how it is
/// ("dialogue is how safe migration happens", "safe and orderly migration").
const VALUE: &[&str] = &[
    "is how",
    "is the way",
    "is the only way",
    "is the best way",
    "is the key",
    "is key to",
    "is essential",
    "is vital",
    "is important",
    "safe migration",
    "safe and orderly",
    "safe, orderly",
    "safe and legal",
    "safe, legal",
    "orderly migration",
    "common sense",
    "a matter of principle",
];

/// Connectives of a cause: a statement that gives one asserts what causes what.
const BECAUSE: &[&str] = &[
    "because",
    "hence",
    "due to",
    "as a result of",
    "result in",
    "results in",
    "thanks to",
    "so that",
];

/// Modal verbs of future, ability and possibility: with them a statement is a plan or a
/// hypothesis unless it predicts an effect (a causal cue from `CAUSAL`).
const MODAL: &[&str] = &[
    "will", "would", "could", "might", "may", "can", "shall", "won't", "wouldn't", "couldn't",
    "going to",
];

/// Cues of a cause or an effect: "will make the problem worse", "would put lives at risk".
const CAUSAL: &[&str] = &[
    "worse",
    "cause",
    "lead to",
    "fuel",
    "increas",
    "harm",
    "danger",
    "risk",
    "smash",
    "drive",
    "exacerbat",
    "undermin",
    "threat",
    "out of business",
    "safety",
    "imperil",
    "deter",
    "cost",
    "not work",
    "polariz",
    "reach",
    "pressure",
    "impact on",
    "unless",
    "confirmation",
];

/// Verbs that open an imperative sentence ("Go back to your country …").
const IMPERATIVE: &[&str] = &[
    "go", "do", "let", "stop", "come", "turn", "send", "take", "give", "make", "get", "keep",
    "apply", "vote", "tell", "help", "join", "build", "bring", "put", "look", "remember",
];

/// Whether `phrase` occurs in `lower` between word boundaries.
fn has_phrase(lower: &str, phrase: &str) -> bool {
    let mut from = 0;
    while let Some(at) = lower[from..].find(phrase) {
        let start = from + at;
        let end = start + phrase.len();
        let before_ok = lower[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric() && c != '\'' && c != '’');
        let after_ok = lower[end..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok {
            return true;
        }
        from = end;
    }
    false
}

fn has_any_phrase(lower: &str, phrases: &[&str]) -> bool {
    phrases.iter().any(|phrase| has_phrase(lower, phrase))
}

/// Why a piece that names migration and a fact cue is still no claim, if it is not one:
/// a request or plan, an ought, an imperative, or a modal without a predicted effect.
fn not_an_assertion(lower: &str) -> Option<&'static str> {
    if has_any_phrase(lower, VALUE) {
        return Some("value");
    }
    let first = lower
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .find(|word| !word.is_empty())
        .unwrap_or("");
    if IMPERATIVE.contains(&first) {
        return Some("imperative");
    }
    if has_any_phrase(lower, DEONTIC) {
        return Some("deontic");
    }
    // What follows a mid-sentence "because" is the cause the speaker gives, not the speaker's
    // own request or plan ("people are coming in because they want to …").
    let lower = BECAUSE
        .iter()
        .filter_map(|cue| {
            lower
                .match_indices(cue)
                .map(|(at, _)| at)
                .find(|&at| at > 0 && has_phrase(&lower[at..], cue))
        })
        .min()
        .map_or(lower, |at| &lower[..at]);
    if has_any_phrase(lower, REQUEST) {
        return Some("request");
    }
    if has_any_phrase(lower, MODAL) && lower_contains_any(lower, CAUSAL).is_none() {
        return Some("modal");
    }
    None
}

/// Whether a piece states a quantity: digits other than a calendar year, or a number word.
fn has_figure(lower: &str) -> bool {
    let digits_not_year = lower
        .split(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .map(|run| run.trim_matches([',', '.']))
        .filter(|run| run.chars().any(|c| c.is_ascii_digit()))
        .any(|run| {
            let year = run.len() == 4
                && run.chars().all(|c| c.is_ascii_digit())
                && (run.starts_with("18") || run.starts_with("19") || run.starts_with("20"));
            !year
        });
    digits_not_year
        || lower.contains("million")
        || lower.contains("billion")
        || lower.contains("one in ")
        || lower.contains(" percent")
        || lower.contains('%')
}

/// "according to United Nations figures", "according to a Home Office study": a source of
/// data named after "according to" (a person after it is attribution, not evidence).
fn according_to_source() -> &'static Regex {
    static SOURCE: OnceLock<Regex> = OnceLock::new();
    SOURCE.get_or_init(|| {
        Regex::new(
            r"(?-u:\b)according to (?:[\w.'’&-]+ ){0,6}?(?:figures|data|statistics|stats|estimates|report|reports|study|studies|survey|census|research|analysis|records)(?-u:\b)",
        )
        .expect("according-to pattern is valid")
    })
}

/// The first cited-source cue in `lower`: a phrase of [`CITED`] or an "according to <data>".
fn cited_cue(lower: &str) -> Option<&str> {
    CITED
        .iter()
        .find(|cue| has_phrase(lower, cue))
        .copied()
        .or_else(|| {
            according_to_source()
                .find(lower)
                .map(|found| &lower[found.start()..found.end()])
        })
}

fn lower_contains_any<'a>(haystack: &str, needles: &[&'a str]) -> Option<&'a str> {
    needles
        .iter()
        .find(|needle| haystack.contains(**needle))
        .copied()
}

/// Joins where a second assertion starts: "X is unsafe, and all the strong-arming won't …",
/// "applicants undergo … and that the agency is …".
const CLAUSE_JOINS: &[&str] = &[", and ", " and that ", ", but ", "; "];

/// Words after a join that continue the same subject ("…, and don't need asylum"): no cut.
const SHARED_SUBJECT: &[&str] = &[
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "also",
    "then", "so",
];

/// Where reported speech hands back to the narrator: "the situation is getting worse and
/// threatened to …" (the speaker's next act, told by the journalist).
const NARRATOR_RESUMES: &[&str] = &[
    " and threatened",
    " and said",
    " and added",
    " and warned",
    " and called",
    " and vowed",
    " and promised",
    " and urged",
    " and accused",
    " and blamed",
    " and pledged",
    " and announced",
    " and demanded",
];

/// Length of reported speech before the narrator resumes (see [`NARRATOR_RESUMES`]).
fn before_narrator(text: &str) -> usize {
    NARRATOR_RESUMES
        .iter()
        .filter_map(|join| text.find(join))
        .min()
        .unwrap_or(text.len())
}

/// The pieces of a statement: its sentences and clauses after ':' or ';'.
fn pieces(text: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut start = 0;
    let bytes: Vec<(usize, char)> = text.char_indices().collect();
    for (index, &(at, c)) in bytes.iter().enumerate() {
        let next_is_space = bytes.get(index + 1).is_none_or(|&(_, n)| n.is_whitespace());
        let cut = match c {
            ';' | ':' => next_is_space,
            '.' | '!' | '?' => {
                next_is_space
                    && bytes
                        .get(index + 2)
                        .is_none_or(|&(_, n)| n.is_uppercase() || n == '“' || n == '"')
                    && !text[..at].ends_with(|ch: char| ch.is_uppercase())
            }
            _ => false,
        };
        if cut {
            found.push((start, at + c.len_utf8()));
            start = at + c.len_utf8();
        }
    }
    found.push((start, text.len()));
    let mut clauses = Vec::new();
    for (a, b) in found {
        let mut from = a;
        let slice = &text[a..b];
        let mut cuts: Vec<(usize, usize)> = CLAUSE_JOINS
            .iter()
            .flat_map(|join| {
                slice
                    .match_indices(join)
                    .map(move |(at, m)| (a + at, a + at + m.len()))
            })
            .collect();
        cuts.sort_unstable();
        for (cut_start, cut_end) in cuts {
            let next_word = text[cut_end..]
                .split(|c: char| c.is_whitespace() || c == ',')
                .next()
                .unwrap_or("")
                .to_lowercase();
            let same_subject = SHARED_SUBJECT.contains(&next_word.as_str())
                || next_word.ends_with("n't")
                || next_word.ends_with("n’t");
            if cut_start >= from && !text[cut_end..].starts_with(',') && !same_subject {
                clauses.push((from, cut_start));
                from = cut_end;
            }
        }
        clauses.push((from, b));
    }
    clauses
        .into_iter()
        .map(|(a, b)| (a, a + before_link(&text[a..b])))
        .map(|(a, b)| {
            let slice = &text[a..b];
            let lead = slice.len() - slice.trim_start().len();
            let trail = slice.len() - slice.trim_end().len();
            (a + lead, b - trail)
        })
        .filter(|(a, b)| b > a)
        .collect()
}

/// Length of `piece` before an embedded link or tweet signature ("… pic.twitter.com/x — …").
fn before_link(piece: &str) -> usize {
    ["pic.twitter.com", "http://", "https://", "www."]
        .iter()
        .filter_map(|link| piece.find(link))
        .min()
        .unwrap_or(piece.len())
}

/// Byte length of a lead-in that reports someone else's speech inside a quote
/// ("Hungary says the migrants …"): the claim is what follows it.
fn reported_lead_in(piece: &str) -> usize {
    let words: Vec<(usize, &str)> = piece
        .split_whitespace()
        .map(|word| (word.as_ptr() as usize - piece.as_ptr() as usize, word))
        .take(6)
        .collect();
    for (index, &(at, word)) in words.iter().enumerate().skip(1) {
        let lead_is_name = words[..index]
            .iter()
            .all(|(_, w)| w.starts_with(|c: char| c.is_uppercase()));
        if !lead_is_name {
            break;
        }
        if matches!(
            word,
            "says" | "said" | "claims" | "claimed" | "argues" | "insists"
        ) {
            let mut end = at + word.len();
            let rest = &piece[end..];
            if let Some(stripped) = rest.trim_start().strip_prefix("that ") {
                end = piece.len() - stripped.len();
            }
            return end;
        }
    }
    0
}

fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// The sentence spans around `span` (its own and the next one), for evidence cues.
fn context(text: &str, sentences: &[Span], span: Span) -> Span {
    let first = sentences.partition_point(|sentence| sentence.end <= span.start);
    let start = sentences
        .get(first)
        .map_or(span.start, |sentence| sentence.start.min(span.start));
    let mut end = span.end;
    // Own sentence end, then one more sentence.
    let mut seen = 0;
    for sentence in &sentences[first.min(sentences.len())..] {
        if sentence.end > end {
            end = sentence.end;
            seen += 1;
        }
        if sentence.start >= span.end {
            seen += 1;
        }
        if seen >= 2 {
            break;
        }
    }
    // Fine-grained: stop at the second sentence end after the span.
    let tail = &text[span.end.min(text.len())..end.min(text.len())];
    let mut stops = 0;
    let mut cut = end;
    let mut last_visible = ' ';
    for (at, c) in tail.char_indices() {
        // A paragraph break right after a sentence end is the same stop.
        let paragraph_only = c == '\n' && !matches!(last_visible, '.' | '!' | '?' | '\n');
        if !c.is_whitespace() || c == '\n' {
            last_visible = c;
        }
        if matches!(c, '.' | '!' | '?') || paragraph_only {
            stops += 1;
            if stops == 2 {
                cut = span.end + at;
                break;
            }
        }
    }
    Span::new(start, cut.min(text.len()))
}

/// The evidence label for a statement at `statement` and the span of its cue: cues outside
/// the statement in its sentence and the next one (`none_given` before `contested`), then
/// sources anywhere there (`cited`), then a figure in the claim itself.
fn judge(
    text: &str,
    sentences: &[Span],
    statement: Span,
    has_number: bool,
) -> (Evidence, Option<Span>) {
    let around = context(text, sentences, statement);
    let around_text = around.slice(text).to_lowercase();
    let outside: String = {
        let before = text.get(around.start..statement.start).unwrap_or("");
        let after = text.get(statement.end..around.end).unwrap_or("");
        format!("{before} … {after}").to_lowercase()
    };
    // A source named in the statement's own sentence wins over cues of the next sentence,
    // which may belong to the next statement.
    let own_end = sentences
        .iter()
        .find(|sentence| sentence.end >= statement.end)
        .map_or(statement.end, |sentence| sentence.end)
        .min(text.len());
    let own_after = text
        .get(statement.end..own_end)
        .unwrap_or("")
        .to_lowercase();
    let own_cited = cited_cue(&own_after)
        .filter(|_| lower_contains_any(&own_after, NONE_GIVEN).is_none())
        .filter(|_| lower_contains_any(&own_after, CONTESTED).is_none());
    let (evidence, cue) = if let Some(cue) = own_cited {
        (Evidence::Cited, Some(cue.to_string()))
    } else if let Some(cue) = lower_contains_any(&outside, NONE_GIVEN) {
        (Evidence::NoneGiven, Some(cue.to_string()))
    } else if let Some(cue) = lower_contains_any(&outside, CONTESTED) {
        (Evidence::Contested, Some(cue.to_string()))
    } else if let Some(cue) = cited_cue(&around_text) {
        (Evidence::Cited, Some(cue.to_string()))
    } else if has_number {
        (Evidence::Cited, None)
    } else {
        (Evidence::Unstated, None)
    };
    let evidence_span = cue.and_then(|cue| {
        let lowered = text.get(around.start..around.end)?.to_lowercase();
        let at = lowered.find(cue.as_str())?;
        // Lower-casing can change byte lengths; only trust ASCII-aligned hits.
        let start = around.start + at;
        let end = start + cue.len();
        (text.is_char_boundary(start) && text.is_char_boundary(end.min(text.len())))
            .then(|| Span::new(start, end.min(text.len())))
    });
    (evidence, evidence_span)
}

/// Claims in the pieces of quotes that assert something about migration.
pub fn extract_with(text: &str, sentences: &[Span], quotes: &[Quote]) -> Vec<Claim> {
    let mut claims = from_quotes(text, sentences, quotes);
    reported_in_narrative(text, sentences, quotes, &mut claims);
    claims
}

/// Whether a piece of speech asserts something about migration (topic, a fact or cause cue,
/// and no request, plan, ought or value), and whether it states a figure.
fn asserts_about_migration(piece: &str) -> Option<bool> {
    // Quoted words inside reported speech (`"additional pressures" on`) read as plain words.
    let lower = piece.to_lowercase().replace(['"', '“', '”'], "");
    if word_count(piece) < 4 || piece.ends_with('?') {
        return None;
    }
    let has_number = has_figure(&lower);
    let asserts = has_number
        || lower_contains_any(&lower, ASSERTION).is_some()
        || has_any_phrase(&lower, BECAUSE);
    if lower_contains_any(&lower, TOPIC).is_none()
        || !asserts
        || lower_contains_any(&lower, INTENT).is_some()
        || not_an_assertion(&lower).is_some()
    {
        return None;
    }
    Some(has_number)
}

/// Reported speech the quote reader left alone, mostly in text without capitals or
/// punctuation: "<speaker> said (that) <clause>", "<clause> according to a report",
/// "<clause> it was claimed", "<clause> its report calculates".
enum Narrative<'a> {
    /// "<who> said (that) …": the clause starts at `what_at`.
    Speaker { who: &'a str, what_at: usize },
    /// "<claim> according to a report …": where the document's name is, and what follows it.
    Source {
        claim: &'a str,
        doc: Option<(usize, usize)>,
        tail: &'a str,
    },
}

/// The reported speech of `body`, if any. Each pattern ends where its attribution does, so
/// the slower capturing search covers the head of the sentence only; the clause is the rest.
fn narrative(body: &str) -> Option<Narrative<'_>> {
    static PATTERNS: OnceLock<(Regex, Regex)> = OnceLock::new();
    let (speaker, source) = PATTERNS.get_or_init(|| {
        let speaker = Regex::new(
            r"(?i)^(?P<who>(?:[\w'’.&-]+\s+){1,16}?)(?:said|says|claims|claimed|argued|argues|warned|warns|noted|notes|predicted|predicts|believes|insisted|insists)(?:\s+that)?\s+",
        );
        let source = Regex::new(
            r"(?i)^(?P<claim>.+?),?\s+(?:it was claimed|(?P<doc>(?:according to |its |the |a )(?:[\w-]+\s+){0,3}?(?:report|study|analysis|survey|figures|data|research))(?: (?:calculates|calculated|found|finds|shows|showed|says|said|estimates|estimated))?)(?-u:\b)",
        );
        match (speaker, source) {
            (Ok(speaker), Ok(source)) => (speaker, source),
            _ => panic!("narrative report patterns are valid"),
        }
    });
    // The clause runs to the end of the line (the patterns' `.+$` before they were cut).
    let to_line_end = |at: usize| !body[at..].is_empty() && !body[at..].contains('\n');
    // The speaker is at most 16 words: the pattern needs only the head of the sentence (a
    // long haystack makes the capturing search fall back to its slowest engine).
    let mut head = body.len().min(HEAD_BYTES);
    while !body.is_char_boundary(head) {
        head -= 1;
    }
    if let Some(found) = speaker.captures(&body[..head])
        && let (Some(who), Some(whole)) = (found.name("who"), found.get(0))
        && to_line_end(whole.end())
        && !ends_with_determiner(who.as_str())
    {
        return Some(Narrative::Speaker {
            who: without_auxiliaries(who.as_str()),
            what_at: whole.end(),
        });
    }
    if !source_cue().is_match(body) {
        return None;
    }
    let found = source.captures(body)?;
    let (claim, whole) = (found.name("claim")?, found.get(0)?);
    if claim.as_str().contains('\n') || body[whole.end()..].contains('\n') {
        return None;
    }
    Some(Narrative::Source {
        claim: claim.as_str(),
        doc: found.name("doc").map(|doc| (doc.start(), doc.end())),
        tail: &body[whole.end()..],
    })
}

/// `who` without the auxiliaries and adverbs between the speaker and the verb of the report
/// ("Donald Trump has", "the ministry has repeatedly" are "Donald Trump", "the ministry").
fn without_auxiliaries(who: &str) -> &str {
    let mut who = who.trim_end();
    while let Some((rest, last)) = who.rsplit_once(char::is_whitespace) {
        let last = last.to_lowercase();
        let auxiliary = matches!(
            last.as_str(),
            "has"
                | "have"
                | "had"
                | "also"
                | "again"
                | "repeatedly"
                | "previously"
                | "publicly"
                | "privately"
                | "long"
                | "often"
                | "already"
                | "recently"
                | "just"
                | "once"
                | "would"
                | "will"
                | "did"
                | "does"
                | "do"
                | "may"
                | "might"
                | "could"
        );
        if !auxiliary || rest.trim().is_empty() {
            break;
        }
        who = rest.trim_end();
    }
    who
}

/// Whether `who` ends with a determiner, possessive or article ("Mr. Dalton repeated his",
/// "… the"): the word after it ("claims", "notes") is then a noun, not the verb of a report,
/// and `who` no speaker.
fn ends_with_determiner(who: &str) -> bool {
    who.split_whitespace().next_back().is_some_and(|last| {
        matches!(
            last.to_lowercase().as_str(),
            "his" | "her" | "their" | "its" | "our" | "my" | "your" | "the" | "a" | "an"
        ) || last.ends_with("'s")
            || last.ends_with("’s")
    })
}

/// The bytes of a sentence's head that can hold a reported speaker and the verb after it.
const HEAD_BYTES: usize = 400;

/// What every "<clause> according to a report" of [`narrative`] holds.
fn source_cue() -> &'static Regex {
    static CUE: OnceLock<Regex> = OnceLock::new();
    CUE.get_or_init(|| {
        Regex::new(r"(?i)it was claimed|report|study|analysis|survey|figures|data|research")
            .expect("source cue pattern is valid")
    })
}

/// The patterns of this file mark word boundaries as ASCII ones (`(?-u:\b)`): a Unicode
/// boundary stops the fast search at the first curly quote or accented letter, and news text
/// has them in most sentences.
///
/// A word every match of [`narrative`] holds: a sentence without one is skipped before
/// that pattern, whose lazy speaker prefix is slow to try at every sentence.
fn narrative_cue() -> &'static Regex {
    static CUE: OnceLock<Regex> = OnceLock::new();
    CUE.get_or_init(|| {
        Regex::new(
            r"(?i)(?-u:\b)(?:said|says|claims|claimed|argued|argues|warned|warns|noted|notes|predicted|predicts|believes|insisted|insists|report|study|analysis|survey|figures|data|research)(?-u:\b)",
        )
        .expect("narrative cue pattern is valid")
    })
}

/// Words that open no speaker: "it said", "this means".
const NOT_A_SPEAKER: &[&str] = &["it", "this", "that", "which", "who", "he", "she", "they"];

fn reported_in_narrative(
    text: &str,
    sentences: &[Span],
    quotes: &[Quote],
    claims: &mut Vec<Claim>,
) {
    let quoted = super::SpanSet::new(quotes.iter().map(|quote| quote.span));
    for sentence in sentences {
        if quoted.overlaps_any(*sentence) {
            continue;
        }
        let Some(body) = text.get(sentence.start..sentence.end) else {
            continue;
        };
        let trimmed_body = body.trim_end().trim_end_matches(['.', '!']);
        if !narrative_cue().is_match(trimmed_body) {
            continue;
        }
        let Some(found) = narrative(trimmed_body) else {
            continue;
        };
        let (speaker, said_at, said) = match found {
            Narrative::Speaker { who, what_at } => {
                let who = who.trim();
                let last = who.rsplit(' ').next().unwrap_or("").to_lowercase();
                if NOT_A_SPEAKER.contains(&last.as_str()) && who.split(' ').count() == 1 {
                    continue;
                }
                (who.to_string(), what_at, &trimmed_body[what_at..])
            }
            Narrative::Source { claim, doc, tail } => {
                // Only an attribution at the end of the sentence ("… last night") covers all of it.
                if word_count(tail) > 3 {
                    continue;
                }
                let name = doc.map_or("unnamed source", |(at, end)| {
                    trimmed_body[at..end]
                        .trim_start_matches("according to ")
                        .trim()
                });
                (name.to_string(), 0, claim)
            }
        };
        let document = match found {
            Narrative::Source {
                doc: Some((at, end)),
                ..
            } => Some(Span::new(sentence.start + at, sentence.start + end)),
            _ => None,
        };
        let base = sentence.start + said_at;
        let said_text = &said[..before_narrator(said)];
        for (a, b) in pieces(said_text) {
            let piece = said_text[a..b]
                .trim()
                .trim_end_matches(['.', ',', ';', ':'])
                .trim_matches(['"', '“', '”']);
            let Some(has_number) = asserts_about_migration(piece) else {
                continue;
            };
            if claims
                .iter()
                .any(|claim| crate::overlap::texts_overlap(&claim.text, piece))
            {
                continue;
            }
            let offset = said_text[a..b].find(piece).map_or(a, |at| a + at);
            let span = Span::new(base + offset, base + offset + piece.len());
            // A report, study or figures as the attribution is the evidence itself.
            let (evidence, evidence_span) = match document {
                Some(document) => (Evidence::Cited, Some(document)),
                None => judge(text, sentences, span, has_number),
            };
            claims.push(Claim {
                speaker: Some(speaker.clone()),
                text: piece.to_string(),
                evidence,
                span,
                evidence_span,
                rule: format!("claim_reported:{}", evidence.as_str()),
            });
        }
    }
}

/// Claims in the pieces of quotes, by rule `claim_in_quote`.
fn from_quotes(text: &str, sentences: &[Span], quotes: &[Quote]) -> Vec<Claim> {
    let mut claims = Vec::new();
    for quote in quotes {
        let Some(speaker) = quote.speaker.clone() else {
            continue;
        };
        let source = quote.span.slice(text);
        let said = if quote.direct {
            quote.text.as_str()
        } else {
            &quote.text[..before_narrator(&quote.text)]
        };
        for (a, b) in pieces(said) {
            let piece = said[a + reported_lead_in(&said[a..b])..b].trim_start();
            let lower = piece.to_lowercase();
            if word_count(piece) < 4 || piece.ends_with('?') {
                continue;
            }
            let has_number = has_figure(&lower);
            let asserts = has_number
                || lower_contains_any(&lower, ASSERTION).is_some()
                || has_any_phrase(&lower, BECAUSE);
            if lower_contains_any(&lower, TOPIC).is_none()
                || !asserts
                || lower_contains_any(&lower, INTENT).is_some()
                || not_an_assertion(&lower).is_some()
            {
                continue;
            }
            let trimmed = piece.trim_end_matches(['.', ',', ';', ':']);
            let span = source
                .find(trimmed)
                .map(|at| Span::new(quote.span.start + at, quote.span.start + at + trimmed.len()))
                .unwrap_or(quote.span);
            // In reported speech the rest of the clause is the journalist's ("…, but gave no
            // evidence"); in a direct quote everything inside the marks is the speaker's.
            let statement = if quote.direct { quote.span } else { span };
            let (evidence, evidence_span) = judge(text, sentences, statement, has_number);
            // The same assertion told twice (paraphrase, then quote) is one claim.
            if claims
                .iter()
                .any(|claim: &Claim| crate::overlap::texts_overlap(&claim.text, trimmed))
            {
                continue;
            }
            claims.push(Claim {
                speaker: Some(speaker.clone()),
                text: trimmed.to_string(),
                evidence,
                span,
                evidence_span,
                rule: format!("claim_in_quote:{}", evidence.as_str()),
            });
        }
    }
    claims
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::quotes::extract_with as quotes_with;

    #[test]
    fn a_claim_noun_after_a_possessive_is_no_report_verb() {
        // "repeated his claims that …": "claims" is the object noun, and "Jan Novak repeated
        // his" no speaker; the verb after a name is one.
        assert!(narrative("Jan Novak repeated his claims that asylum claims fell").is_none());
        assert!(
            narrative("Jan Novak repeated Mr. Ruiz's claims that asylum claims fell").is_none()
        );
        let Some(Narrative::Speaker { who, .. }) =
            narrative("Jan Novak claims that asylum claims fell")
        else {
            panic!("no speaker");
        };
        assert_eq!(who.trim(), "Jan Novak");
    }

    #[test]
    fn a_narrative_speaker_ends_before_its_auxiliaries() {
        for (body, speaker) in [
            ("Jan Novak has said that asylum claims fell", "Jan Novak"),
            (
                "The ministry has repeatedly claimed that asylum claims fell",
                "The ministry",
            ),
            ("Jan Novak said that asylum claims fell", "Jan Novak"),
        ] {
            let Some(Narrative::Speaker { who, .. }) = narrative(body) else {
                panic!("no speaker in {body:?}");
            };
            assert_eq!(who.trim(), speaker, "{body}");
        }
    }

    #[test]
    fn narrative_reports_are_read_from_the_head_of_the_sentence_with_curly_quotes_around() {
        let body = "The Home Office’s chief said that asylum claims fell by a fifth “last year”";
        let Some(Narrative::Speaker { who, what_at }) = narrative(body) else {
            panic!("no speaker in {body:?}");
        };
        assert_eq!(who.trim(), "The Home Office’s chief");
        assert_eq!(
            &body[what_at..],
            "asylum claims fell by a fifth “last year”"
        );
        // A speaker past 16 words is none; a long clause after the verb stays whole.
        let long = format!("Officials said that {}", "arrivals rose again, ".repeat(40));
        let Some(Narrative::Speaker { what_at, .. }) = narrative(&long) else {
            panic!("no speaker in a long sentence");
        };
        assert_eq!(long.len() - what_at, 21 * 40);
        let far = format!("{} said that arrivals rose", "word ".repeat(20));
        assert!(narrative(&far).is_none());
        let body = "Arrivals rose by 40% in Zürich, according to a cantonal report";
        let Some(Narrative::Source { claim, doc, tail }) = narrative(body) else {
            panic!("no source in {body:?}");
        };
        assert_eq!(claim, "Arrivals rose by 40% in Zürich");
        assert_eq!(
            doc.map(|(a, b)| &body[a..b]),
            Some("according to a cantonal report")
        );
        assert_eq!(tail, "");
    }

    fn check(text: &str, expected: &[(&str, Evidence)]) {
        let layer = migtrack_nlp::split(text);
        let sentences: Vec<migtrack_model::Span> = layer.iter().map(|s| s.span).collect();
        let quotes = quotes_with(text, &layer, &|_, _| None);
        let got: Vec<(String, Evidence)> = extract_with(text, &sentences, &quotes)
            .into_iter()
            .map(|claim| (claim.text, claim.evidence))
            .collect();
        let expected: Vec<(String, Evidence)> = expected
            .iter()
            .map(|(text, evidence)| (text.to_string(), *evidence))
            .collect();
        assert_eq!(got, expected, "in: {text}");
    }

    #[test]
    fn claim_without_data_is_none_given() {
        check(
            "A spokesperson for the ministry stated that migration often correlates with increased crime, though no specific data were provided to support this claim.",
            &[(
                "migration often correlates with increased crime",
                Evidence::NoneGiven,
            )],
        );
    }

    #[test]
    fn claim_against_studies_is_contested() {
        check(
            "The minister said migrants were driving up crime. Studies consistently show that immigrants are not more likely to commit crimes.",
            &[("migrants were driving up crime", Evidence::Contested)],
        );
    }

    #[test]
    fn claim_with_a_figure_is_cited() {
        check(
            "The agency said 31,355 people requested asylum in the first half of the year.",
            &[(
                "31,355 people requested asylum in the first half of the year",
                Evidence::Cited,
            )],
        );
    }

    #[test]
    fn statements_of_intent_are_no_claims() {
        check(
            "“We will decide how to best control our borders,” Haley said.",
            &[],
        );
    }
}

#[cfg(test)]
mod rules {
    use super::*;
    use crate::extract::quotes::extract_with as quotes_with;

    fn claims(text: &str) -> Vec<(String, Evidence)> {
        let layer = migtrack_nlp::split(text);
        let sentences: Vec<migtrack_model::Span> = layer.iter().map(|s| s.span).collect();
        let quotes = quotes_with(text, &layer, &|_, _| None);
        extract_with(text, &sentences, &quotes)
            .into_iter()
            .map(|claim| (claim.text, claim.evidence))
            .collect()
    }

    /// The claims a text must give: (text, evidence).
    type Expected = &'static [(&'static str, Evidence)];

    /// One row per rule: the rule, the text, then the claims it must give (empty: none).
    const CHECKS: &[(&str, &str, Expected)] = &[
        (
            "requests are no claims",
            "The minister said: “We ask your government to take back the migrants who cross illegally.”",
            &[],
        ),
        (
            "announced plans with a modal are no claims",
            "The Home Office said it would deploy 4,000 staff to clear the asylum backlog.",
            &[],
        ),
        (
            "oughts are no claims",
            "“Migration must be orderly and safe for everyone,” the director said.",
            &[],
        ),
        (
            "imperatives are no claims",
            "“Go back and apply for asylum like millions of others,” the senator wrote.",
            &[],
        ),
        (
            "a modal with a predicted effect is a claim",
            "“Cutting border staff will make smuggling worse,” Jan Novak said.",
            &[(
                "Cutting border staff will make smuggling worse",
                Evidence::Unstated,
            )],
        ),
        (
            "a second assertion after ', and' is its own piece",
            "“The camp is not safe for refugees, and no amount of money will change it,” Ana Ruiz said.",
            &[("The camp is not safe for refugees", Evidence::Unstated)],
        ),
        (
            "a year is no figure",
            "The adviser said asylum law was based on a ruling from 1898.",
            &[],
        ),
        (
            "a claim verb in the narrative with no evidence is none_given",
            "“The border is open,” Jan Novak said. He has claimed, without any apparent basis in fact, that smugglers organized the caravan.",
            &[("smugglers organized the caravan", Evidence::NoneGiven)],
        ),
        (
            "the first cue in the next sentence decides the evidence",
            "Jan Novak said migrants were driving up crime, but gave no evidence for the claim. Studies show no such link.",
            &[("migrants were driving up crime", Evidence::NoneGiven)],
        ),
        (
            "a fact-check after a paragraph break contests the claim",
            "“We have far more people trying to get into our country than ever before,” the president said.\n\nIn fact, border arrests are at their lowest level in decades.",
            &[(
                "We have far more people trying to get into our country than ever before",
                Evidence::Contested,
            )],
        ),
        (
            "a request inside a quote is no claim",
            "“We ask your government to protect its citizens from the smugglers who send migrants across the sea,” the minister wrote.",
            &[],
        ),
        (
            "a value statement about how migration ought to work is no claim",
            "“Dialogue between states is how safe migration happens,” the envoy said.",
            &[],
        ),
        (
            "a reported agreement is an event, not a claim",
            "The two governments agreed a deal to return 1,000 migrants who cross the border illegally, the minister said.",
            &[],
        ),
        (
            "according to X figures makes a reported figure cited",
            "Antonio Guterres spoke in Geneva. He noted that about 250 million people live outside their country of birth, according to United Nations figures.",
            &[(
                "about 250 million people live outside their country of birth",
                Evidence::Cited,
            )],
        ),
        (
            "according to X data makes a claim without a figure cited",
            "The minister said most asylum seekers were driven by war, according to Home Office data.",
            &[("most asylum seekers were driven by war", Evidence::Cited)],
        ),
        (
            "an evidence cue in the next sentence counts",
            "“Migrants are behind the rise in crime,” the minister said. He gave no evidence for the claim.",
            &[("Migrants are behind the rise in crime", Evidence::NoneGiven)],
        ),
        (
            "a cause given with because makes a claim",
            "“A lot of people are coming in because they want to take advantage of the amnesty,” the senator said.",
            &[(
                "A lot of people are coming in because they want to take advantage of the amnesty",
                Evidence::Unstated,
            )],
        ),
        (
            "reported speech ends where the narrator resumes with 'and <reporting verb>'",
            "Jan Novak said the border was getting more dangerous and threatened to close it to all migrants.",
            &[("the border was getting more dangerous", Evidence::Unstated)],
        ),
        (
            "text without capitals: '<speaker> said <clause>' outside any quote",
            "the minister said crime rose because of illegal immigration",
            &[(
                "crime rose because of illegal immigration",
                Evidence::Unstated,
            )],
        ),
        (
            "text without capitals: '<clause> according to a report' is cited",
            "migrants have cost the state 2 billion a year according to a report",
            &[(
                "migrants have cost the state 2 billion a year",
                Evidence::Cited,
            )],
        ),
        (
            "text without capitals: '<clause> its report calculates' is cited",
            "spending on asylum hotels vastly outweighs any savings its report calculates",
            &[(
                "spending on asylum hotels vastly outweighs any savings",
                Evidence::Cited,
            )],
        ),
        (
            "quoted words inside reported speech still carry their cue",
            "the adviser said there would be \"additional pressures\" on schools from an influx of migrants",
            &[(
                "there would be additional pressures on schools from an influx of migrants",
                Evidence::Unstated,
            )],
        ),
        (
            "an opinion of what is sensible is no claim",
            "The governor said the asylum rule was a matter of pure common sense.",
            &[],
        ),
        (
            "officers sent to implement a policy is a plan, not a claim",
            "The agency said the officers are being sent to implement the new asylum policy, as the border will need 500 more staff.",
            &[],
        ),
        (
            "a preference is no claim",
            "He insisted that he would rather the parliament fund the border fence.",
            &[],
        ),
    ];

    #[test]
    fn each_rule_gives_its_claims() {
        let mut failures = Vec::new();
        for (rule, text, expected) in CHECKS {
            let expected: Vec<(String, Evidence)> = expected
                .iter()
                .map(|(text, evidence)| (text.to_string(), *evidence))
                .collect();
            let got = claims(text);
            if got != expected {
                failures.push(format!(
                    "rule: {rule}\nin: {text}\n got: {got:?}\nwant: {expected:?}"
                ));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    }
}
