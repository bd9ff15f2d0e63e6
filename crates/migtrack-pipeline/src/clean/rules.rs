//! The line rules shared by the plain-text and HTML paths: which whole lines are boilerplate
//! (share/subscribe/related/comment prompts, social handles, copyright) and which headings start
//! a block of teasers that runs to the end. Generic patterns only, never keyed on a site.

use std::sync::OnceLock;

use regex::Regex;

/// Repeated paragraphs shorter than this many words are kept (short repeats such as "Q:" are
/// structure, not boilerplate).
pub(crate) const MIN_REPEAT_WORDS: usize = 4;
/// A teaser block's lines are headlines or one-line standfirsts.
pub(crate) const MAX_TEASER_CHARS: usize = 200;
/// Boilerplate lines are short: a long line matching a prefix is a real sentence.
const MAX_BOILERPLATE_WORDS: usize = 14;
/// "Related: headline" lines may carry a full headline.
const MAX_LINK_LINE_WORDS: usize = 30;

fn regex(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("static regex"))
}

/// A heading after which only teasers follow ("More from Foreign Policy", "Most read").
pub(crate) fn is_teaser_heading(line: &str) -> bool {
    static HEADING: OnceLock<Regex> = OnceLock::new();
    let heading = regex(
        &HEADING,
        r"(?i)^(?:more (?:from|on|in|stories|news|coverage|to explore)(?-u:\b).*|related (?:stories|articles|coverage|content|posts|news|links|topics)|recommended(?: for you| stories| reading| articles)?|you (?:may|might) (?:also )?(?:like|enjoy|be interested in)|(?:most|the most) (?:read|popular|viewed|shared|emailed)(?: stories| articles)?|trending(?: now| stories| topics)?|popular (?:stories|posts|now|articles)|further reading|read next|what to read next|top stories|latest (?:news|stories|articles)|around the web|from (?:around|across) the web|editors'? picks|more great .* stories|recent (?:articles|posts|stories)|(?:most )?popular (?:this week|today)|(?:you might|you may) have missed)\s*[:.]?$",
    );
    line.split_whitespace().count() <= 8 && heading.is_match(line.trim())
}

/// A whole line that is a site's furniture rather than article text.
pub(crate) fn is_boilerplate_line(line: &str) -> bool {
    static SHORT: OnceLock<Regex> = OnceLock::new();
    static LINK: OnceLock<Regex> = OnceLock::new();
    static SOCIAL: OnceLock<Regex> = OnceLock::new();
    let line = line.trim();
    let word_count = line.split_whitespace().count();
    let short = regex(
        &SHORT,
        r"(?i)^(?:leave a (?:reply|comment)|post a comment|add (?:a )?comment|(?:view |show |read )?(?:\d+ )?comments?(?: \(\d+\))?|comments? (?:are )?closed\.?|join the (?:conversation|discussion)|share(?: this)?(?: article| story| post| page| on \w+| via \w+)?|share this:|tweet|print(?: this)?(?: article| page)?|e-?mail(?: this)?(?: article| page)?|advertisement|advertising|sponsored(?: content)?|subscribe(?-u:\b).*|sign up(?-u:\b).*|(?:get|receive) (?:our|the) \w+ newsletter.*|newsletter(?-u:\b).*|click here(?-u:\b).*|follow (?:us|me|him|her|them)(?-u:\b).*|like us on facebook.*|skip (?:to|next)(?-u:\b).*|read more|see more|show more|load more|continue reading(?-u:\b).*|back to top|related|(?:image|photo|picture) (?:copyright|caption|credit)(?-u:\b).*|all rights reserved\.?|(?:©|\(c\)|copyright(?-u:\b)).*)\s*[.:!…]?$",
    );
    let link = regex(
        &LINK,
        r"(?i)^(?:related|read more|read also|also read|see also|also see|more|watch|listen|more on this story|recommended|featured|must read)\s*[:|>»–—-]\s*\S",
    );
    let social = regex(
        &SOCIAL,
        r"(?i)(?:(?-u:\b)(?:twitter|x|instagram|threads|bluesky|mastodon)\s*:\s*@\w|^@\w+$|(?-u:\b)follow (?:\w+ )?on (?:twitter|x|instagram)(?-u:\b))",
    );
    (word_count <= MAX_BOILERPLATE_WORDS && short.is_match(line))
        || (word_count <= MAX_LINK_LINE_WORDS && link.is_match(line))
        || (word_count <= 60 && social.is_match(line))
}

/// A photo credit or caption furniture line ("Photo: Jane Doe/Reuters", "(Getty Images)").
pub(crate) fn is_credit_line(line: &str) -> bool {
    static CREDIT: OnceLock<Regex> = OnceLock::new();
    let credit = regex(
        &CREDIT,
        r"(?i)^(?:\(?(?:photo|image|picture|photograph|foto|bild|video|graphic|illustration)s?(?: by| credit| courtesy(?: of)?)?\s*[:|/]\s*.*|.*\((?:getty images|afp|reuters|ap|epa|shutterstock|afp/getty images)\)|(?:getty images|shutterstock|afp|reuters|ap photo|epa)(?:/[\w .]+)?\.?)$",
    );
    line.split_whitespace().count() <= 16 && credit.is_match(line.trim())
}

/// Month and weekday names, time words and stamp labels: what a timestamp line is made of.
const STAMP_WORDS: &[&str] = &[
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
    "mon",
    "monday",
    "tue",
    "tues",
    "tuesday",
    "wed",
    "wednesday",
    "thu",
    "thur",
    "thurs",
    "thursday",
    "fri",
    "friday",
    "sat",
    "saturday",
    "sun",
    "sunday",
    "am",
    "pm",
    "a",
    "m",
    "p",
    "et",
    "est",
    "edt",
    "cst",
    "cdt",
    "pst",
    "pdt",
    "mst",
    "hst",
    "gmt",
    "bst",
    "cet",
    "cest",
    "utc",
    "published",
    "updated",
    "posted",
    "first",
    "last",
    "original",
    "originally",
    "modified",
    "on",
    "at",
    "date",
    "time",
    "ago",
    "day",
    "days",
    "hour",
    "hours",
    "minute",
    "minutes",
    "hrs",
    "mins",
    "st",
    "nd",
    "rd",
    "th",
    "de",
    "am",
    "um",
    "le",
    "el",
    "publicado",
    "actualizado",
    "aktualisiert",
    "veröffentlicht",
];

/// A line that is only a publication or update stamp ("Updated 5:27 am CST, Wednesday,
/// November 20, 2019", "PUBLISHED: 10:48, Tue, Nov 19, 2019", "Published 1 day ago").
pub(crate) fn is_timestamp_line(line: &str) -> bool {
    let tokens: Vec<String> = line
        .split(|c: char| !c.is_alphanumeric())
        .filter(|token| !token.is_empty())
        .map(str::to_lowercase)
        .collect();
    if tokens.is_empty() || tokens.len() > 16 {
        return false;
    }
    let has_number = tokens
        .iter()
        .any(|token| token.chars().all(|c| c.is_ascii_digit()));
    let has_stamp_word = tokens
        .iter()
        .any(|token| STAMP_WORDS.contains(&token.as_str()) && token.len() > 2);
    let other = tokens
        .iter()
        .filter(|token| {
            !token.chars().all(|c| c.is_ascii_digit()) && !STAMP_WORDS.contains(&token.as_str())
        })
        .count();
    has_number && has_stamp_word && other == 0
}

/// Page furniture that the HTML extractor lets through: gallery controls, captions with
/// credits, newsletter prompts, contact lines, cross-promotion teasers.
pub(crate) fn is_html_furniture(line: &str) -> bool {
    static EXACT: OnceLock<Regex> = OnceLock::new();
    static CREDIT_END: OnceLock<Regex> = OnceLock::new();
    static PROMPT: OnceLock<Regex> = OnceLock::new();
    static CONTACT: OnceLock<Regex> = OnceLock::new();
    static CAPTION_START: OnceLock<Regex> = OnceLock::new();
    let line = line.trim();
    let word_count = line.split_whitespace().count();
    let exact = regex(
        &EXACT,
        r"(?i)^(?:caption|close|home|news|tags?|advert|ad|by|print|share|image|video|photo|gallery|menu|search|more|next|previous|prev|expand|enlarge|hide caption|toggle caption|(?:image|photo|slide|picture)s?\s+\d+\s+(?:of|/)\s*/?\s*\d+|\d+\s*of\s*\d+|text size|order reprints|about the author|sharing is caring!?|media playback is unsupported on your device|this slideshow requires javascript\.?|don'?t miss|see also|related news|top stories in .+|by (?:\p{Lu}[\w.'’-]*\s?)+(?:(?:,| and|&) (?:\p{Lu}[\w.'’-]*\s?)+)*)$",
    );
    let credit_end = regex(
        &CREDIT_END,
        r"(?:(?i:\((?:image|photo|photograph|picture|pictured|credit|foto|bild)s?(?-u:\b)[^)]*\)|credit:\s*[^.]*|\(photo by [^)]*\)|photo(?:graph)? by [^.]*/[^.]*)|(?-u:\b)(?:REUTERS|Reuters|AFP|AP|EPA|Getty Images?|AP Photo)\s*/\s*[\w .'-]+|\|\s*(?:Getty Images|Bloomberg|Reuters|AFP|AP)|\((?:AP|AFP|Reuters|EPA|Getty Images?)\)|/(?:Getty Images|AFP|Reuters|AP|EPA|Bloomberg)|(?:\.\.\.|…)\s*more|\.\s+less)\s*\.?$",
    );
    let prompt = regex(
        &PROMPT,
        r"(?i)(?:newsletter|to your inbox|breaking news (?:emails|alerts)|email alerts|successfully subscribed|problem subscribing|^(?:get|sign up|subscribe|join|receive|want|never miss|stay)(?-u:\b).*(?:email|subscri|alerts|updates|delivered))",
    );
    let contact = regex(
        &CONTACT,
        r"(?i)(?:[\w.+-]+@[\w-]+\.[\w.]+|(?:^|[\s/])(?:twitter|facebook|instagram)\.com/\w+|(?-u:\b)po\.st/|^(?:download|itunes|spotify)\s*:\s*https?://)",
    );
    let caption_start = regex(
        &CAPTION_START,
        r"(?i)^(?:image copyright|image caption|media caption|©|file photo:|\(?photo:|фото\s*:|\d+\s*of\s*\d+\S)",
    );
    static TEASER_TAG: OnceLock<Regex> = OnceLock::new();
    let teaser_tag = regex(
        &TEASER_TAG,
        r"(?i)(?:\[(?:insight|video|news|reaction|pictures|poll|photos|watch|revealed|latest|analysis|live|opinion)\]\s*\|?|^(?:see more|also on [\w.]+|read more|more|related|watch|read)\s*:.*)$",
    );
    (word_count <= 12 && exact.is_match(line))
        || (word_count <= 60 && credit_end.is_match(line))
        || (word_count <= 30 && prompt.is_match(line))
        || (word_count <= 30 && contact.is_match(line))
        || caption_start.is_match(line)
        || (word_count <= 30 && teaser_tag.is_match(line))
        || is_timestamp_line(line)
}
