//! Words the date rules know, in English, German and Spanish (lowercase).

use chrono::Weekday;

/// "tuesday's" → "tuesday" (lowercase words carry a straight apostrophe).
pub fn possessive_base(word: &str) -> &str {
    word.strip_suffix("'s").unwrap_or(word)
}

pub fn weekday(word: &str) -> Option<Weekday> {
    let word = possessive_base(word);
    Some(match word {
        "monday" | "montag" | "lunes" => Weekday::Mon,
        "tuesday" | "dienstag" | "martes" => Weekday::Tue,
        "wednesday" | "mittwoch" | "miércoles" | "miercoles" => Weekday::Wed,
        "thursday" | "donnerstag" | "jueves" => Weekday::Thu,
        "friday" | "freitag" | "viernes" => Weekday::Fri,
        "saturday" | "samstag" | "sonnabend" | "sábado" | "sabado" => Weekday::Sat,
        "sunday" | "sonntag" | "domingo" => Weekday::Sun,
        _ => return None,
    })
}

/// Spanish weekday names are lowercase common words: they need an article or cue before them.
pub fn is_spanish_weekday(word: &str) -> bool {
    matches!(
        word,
        "lunes"
            | "martes"
            | "miércoles"
            | "miercoles"
            | "jueves"
            | "viernes"
            | "sábado"
            | "sabado"
            | "domingo"
    )
}

/// How a month name is written, which decides the context it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MonthForm {
    /// A full English or German name ("September", "Dezember"): capitalised.
    Full,
    /// An abbreviation ("Sept.", "Nov."): only before a day or a year.
    Short,
    /// A Spanish name ("septiembre"): lowercase in text, needs a preposition when alone.
    Spanish,
    /// "May"/"March": also a verb or noun; needs a cue, a day or a year.
    Ambiguous,
}

pub fn month(word: &str) -> Option<(u32, MonthForm)> {
    let word = possessive_base(word);
    use MonthForm::*;
    Some(match word {
        "january" | "januar" | "jänner" => (1, Full),
        "february" | "februar" => (2, Full),
        "march" => (3, Ambiguous),
        "märz" | "maerz" => (3, Full),
        "april" => (4, Full),
        "may" => (5, Ambiguous),
        "mai" => (5, Full),
        "june" | "juni" => (6, Full),
        "july" | "juli" => (7, Full),
        "august" => (8, Full),
        "september" => (9, Full),
        "october" | "oktober" => (10, Full),
        "november" => (11, Full),
        "december" | "dezember" => (12, Full),
        "jan" => (1, Short),
        "feb" => (2, Short),
        "mar" => (3, Short),
        "apr" => (4, Short),
        "jun" => (6, Short),
        "jul" => (7, Short),
        "aug" => (8, Short),
        "sep" | "sept" => (9, Short),
        "oct" | "okt" => (10, Short),
        "nov" => (11, Short),
        "dec" | "dez" => (12, Short),
        "enero" => (1, Spanish),
        "febrero" => (2, Spanish),
        "marzo" => (3, Spanish),
        "abril" => (4, Spanish),
        "mayo" => (5, Spanish),
        "junio" => (6, Spanish),
        "julio" => (7, Spanish),
        "agosto" => (8, Spanish),
        "septiembre" | "setiembre" => (9, Spanish),
        "octubre" => (10, Spanish),
        "noviembre" => (11, Spanish),
        "diciembre" => (12, Spanish),
        _ => return None,
    })
}

/// Words before a month name that make it a date ("in May", "since March", "el pasado marzo").
pub const MONTH_CUES: &[&str] = &[
    "in",
    "since",
    "until",
    "till",
    "by",
    "from",
    "through",
    "during",
    "before",
    "after",
    "of",
    "last",
    "next",
    "this",
    "early",
    "late",
    "mid",
    "end",
    "beginning",
    "start",
    "middle",
    "im",
    "seit",
    "bis",
    "ab",
    "anfang",
    "ende",
    "mitte",
    "en",
    "de",
    "desde",
    "hasta",
    "para",
    "pasado",
    "próximo",
    "proximo",
    "este",
    "finales",
    "principios",
    "mediados",
    "to",
    "and",
];

/// Season names and the month each starts in.
pub fn season(word: &str) -> Option<u32> {
    Some(match word {
        "spring" | "frühling" | "frühjahr" | "primavera" => 3,
        "summer" | "sommer" | "verano" => 6,
        "fall" | "autumn" | "herbst" | "otoño" => 9,
        "winter" | "invierno" => 12,
        _ => return None,
    })
}

/// Words that point backwards ("last week", "letzte Woche").
pub const PREVIOUS: &[&str] = &[
    "last",
    "letzte",
    "letzten",
    "letzter",
    "letztes",
    "vergangene",
    "vergangenen",
    "vergangener",
    "vergangenes",
    "vorige",
    "vorigen",
    "voriges",
];
/// Words that point forwards ("next month", "kommende Woche", "próximo lunes").
pub const FOLLOWING: &[&str] = &[
    "next",
    "nächste",
    "nächsten",
    "nächster",
    "nächstes",
    "kommende",
    "kommenden",
    "kommender",
    "kommendes",
    "próximo",
    "próxima",
    "proximo",
    "proxima",
];
/// Words that point at the reference's own unit ("this year", "dieses Jahr", "este año").
pub const THIS: &[&str] = &[
    "this", "current", "diese", "diesen", "dieser", "dieses", "diesem", "este", "esta",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Week,
    Weekend,
    Month,
    Year,
}

pub fn unit(word: &str) -> Option<Unit> {
    let word = possessive_base(word);
    Some(match word {
        "week" | "woche" | "semana" => Unit::Week,
        "weekend" | "wochenende" => Unit::Weekend,
        "month" | "monat" | "monats" | "mes" => Unit::Month,
        "year" | "jahr" | "jahres" | "año" => Unit::Year,
        _ => return None,
    })
}

/// Words that make a following weekday or month future ("is scheduled to begin Monday").
pub const FUTURE_CUES: &[&str] = &[
    "will",
    "shall",
    "ll",
    "scheduled",
    "slated",
    "upcoming",
    "wird",
    "werden",
    "soll",
    "sollen",
    "será",
    "serán",
    "sera",
    "seran",
];
/// Cues that need "to" after them to point forward ("is set to", "is due to").
pub const FUTURE_TO_CUES: &[&str] = &[
    "set", "due", "expected", "going", "plans", "planning", "poised", "line", "about", "likely",
    "ready", "intends", "aims", "hopes", "seeks", "wants", "expects",
];
/// Verbs that ask someone else to act: an infinitive a few words after them names an act
/// ahead of the asking ("asked the leaders to return to the White House on Friday", "urged
/// Congress to vote in March").
pub const FUTURE_OBJECT_TO_CUES: &[&str] = &[
    "asked", "asks", "urged", "urges", "invited", "invites", "pressed", "presses", "summoned",
];
/// Past-tense reporting words: a weekday right after them is in the past ("said on Saturday").
pub const PAST_CUES: &[&str] = &[
    "said",
    "told",
    "announced",
    "reported",
    "wrote",
    "was",
    "were",
    "had",
    "did",
    "made",
    "signed",
    "declared",
    "tweeted",
    "issued",
    "released",
    "sagte",
    "erklärte",
    "dijo",
    "fue",
];

/// Words before a number that make it a quantity, not a year ("about 2000").
pub const QUANTITY_LEADS: &[&str] = &[
    "than",
    "about",
    "nearly",
    "almost",
    "roughly",
    "approximately",
    "least",
    "some",
    "another",
    "around",
    "over",
    "under",
];

/// Nouns after a number that make it a count, not a year ("2000 people").
pub fn is_counted_noun(word: &str) -> bool {
    matches!(
        word,
        "people"
            | "persons"
            | "migrants"
            | "refugees"
            | "immigrants"
            | "troops"
            | "soldiers"
            | "asylum"
            | "children"
            | "families"
            | "workers"
            | "officers"
            | "agents"
            | "members"
            | "applications"
            | "applicants"
            | "arrests"
            | "deportations"
            | "visas"
            | "cases"
            | "dollars"
            | "euros"
            | "pounds"
            | "more"
            | "others"
            | "percent"
            | "million"
            | "billion"
            | "thousand"
            | "miles"
            | "km"
            | "menschen"
            | "flüchtlinge"
            | "personas"
            | "migrantes"
            | "refugiados"
            | "euro"
    )
}

/// Prepositions taken into a mention's text ("on Friday", "in 2000", "since 2014").
pub const PREPOSITIONS: &[&str] = &[
    "on", "in", "since", "by", "until", "till", "from", "during", "before", "after", "through",
    "am", "im", "seit", "bis", "el", "en", "desde", "hasta",
];

/// Capitalised words that may stand before a year without making it part of a name.
pub const YEAR_LEADS: &[&str] = &[
    "fiscal",
    "fy",
    "copyright",
    "spring",
    "summer",
    "fall",
    "autumn",
    "winter",
    "early",
    "late",
    "mid",
    "class",
    "jahr",
    "año",
    "the",
];

/// English number words for "two years ago".
pub fn small_number(word: &str) -> Option<u32> {
    Some(match word {
        "a" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        _ => return None,
    })
}
