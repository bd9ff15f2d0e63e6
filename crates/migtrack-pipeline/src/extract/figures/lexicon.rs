//! Words the figure rules know (lowercase): number words, scales, units, bounds and the words
//! that make a number something other than a policy figure.

/// Number words that add up ("sixty", "eight", "zwanzig", "cinco").
pub fn number_word(word: &str) -> Option<f64> {
    Some(match word {
        "one" | "eins" | "uno" => 1.0,
        "two" | "zwei" | "dos" => 2.0,
        "three" | "drei" | "tres" => 3.0,
        "four" | "vier" | "cuatro" => 4.0,
        "five" | "fünf" | "cinco" => 5.0,
        "six" | "sechs" | "seis" => 6.0,
        "seven" | "sieben" | "siete" => 7.0,
        "eight" | "acht" | "ocho" => 8.0,
        "nine" | "neun" | "nueve" => 9.0,
        "ten" | "zehn" | "diez" => 10.0,
        "eleven" | "elf" | "once" => 11.0,
        "twelve" | "zwölf" | "doce" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" | "zwanzig" | "veinte" => 20.0,
        "thirty" | "dreißig" | "treinta" => 30.0,
        "forty" | "vierzig" | "cuarenta" => 40.0,
        "fifty" | "fünfzig" | "cincuenta" => 50.0,
        "sixty" | "sechzig" | "sesenta" => 60.0,
        "seventy" | "siebzig" | "setenta" => 70.0,
        "eighty" | "achtzig" | "ochenta" => 80.0,
        "ninety" | "neunzig" | "noventa" => 90.0,
        _ => return None,
    })
}

/// Articles that count as "one" only right before a scale ("eine Million", "un millón").
pub fn is_one_before_scale(word: &str) -> bool {
    matches!(word, "ein" | "eine" | "einer" | "un" | "una")
}

/// "hundred" multiplies what comes before it without closing a group.
pub fn is_hundred(word: &str) -> bool {
    matches!(word, "hundred" | "hundert" | "cien" | "ciento" | "cientos")
}

/// Scale words after a number ("60 million", "3,5 Milliarden", "dos millones").
pub fn scale(word: &str) -> Option<f64> {
    Some(match word {
        "thousand" | "tausend" | "mil" => 1e3,
        "million" | "millions" | "mio" | "mln" | "mn" | "millionen" | "millón" | "millon"
        | "millones" => 1e6,
        "billion" | "billions" | "bn" | "milliarde" | "milliarden" | "mrd" | "millardo"
        | "millardos" => 1e9,
        "trillion" | "trillions" | "tn" | "trn" | "billionen" => 1e12,
        _ => return None,
    })
}

/// Scale letters that count only glued to the number ("1.5m", "$8B", "£3bn", "10k").
pub fn glued_scale(word: &str) -> Option<f64> {
    Some(match word {
        "k" => 1e3,
        "m" => 1e6,
        "b" => 1e9,
        _ => return None,
    })
}

/// Currency symbols before a number.
pub fn currency_symbol(mark: &str) -> Option<&'static str> {
    Some(match mark {
        "$" => "usd",
        "€" => "eur",
        "£" => "gbp",
        "¥" => "jpy",
        _ => return None,
    })
}

/// Currency words and codes after (or, for codes, before) a number.
pub fn currency_word(word: &str) -> Option<&'static str> {
    Some(match word {
        "dollars" | "dollar" | "usd" | "dólares" | "dolares" => "usd",
        "euros" | "euro" | "eur" => "eur",
        "pounds" | "gbp" => "gbp",
        _ => return None,
    })
}

/// Bound phrases before a number, longest first, with their bound.
pub const BOUNDS: &[(&[&str], &str)] = &[
    (&["a", "little", "over"], "at_least"),
    (&["a", "little", "more", "than"], "at_least"),
    (&["as", "many", "as"], "at_most"),
    (&["as", "much", "as"], "at_most"),
    (&["no", "more", "than"], "at_most"),
    (&["in", "excess", "of"], "at_least"),
    (&["more", "than"], "at_least"),
    (&["at", "least"], "at_least"),
    (&["upwards", "of"], "at_least"),
    (&["just", "over"], "at_least"),
    (&["well", "over"], "at_least"),
    (&["up", "to"], "at_most"),
    (&["fewer", "than"], "at_most"),
    (&["less", "than"], "at_most"),
    (&["at", "most"], "at_most"),
    (&["just", "under"], "at_most"),
    (&["close", "to"], "about"),
    (&["an", "estimated"], "about"),
    (&["mehr", "als"], "at_least"),
    (&["bis", "zu"], "at_most"),
    (&["weniger", "als"], "at_most"),
    (&["más", "de"], "at_least"),
    (&["al", "menos"], "at_least"),
    (&["menos", "de"], "at_most"),
    (&["cerca", "de"], "about"),
    (&["alrededor", "de"], "about"),
    (&["a", "further"], "exact"),
    (&["a", "total", "of"], "exact"),
    (&["over"], "at_least"),
    (&["above"], "at_least"),
    (&["exceeding"], "at_least"),
    (&["surpassing"], "at_least"),
    (&["topping"], "at_least"),
    (&["nearly"], "at_most"),
    (&["almost"], "at_most"),
    (&["under"], "at_most"),
    (&["below"], "at_most"),
    (&["about"], "about"),
    (&["around"], "about"),
    (&["roughly"], "about"),
    (&["approximately"], "about"),
    (&["some"], "about"),
    (&["estimated"], "about"),
    (&["another"], "exact"),
    (&["über"], "at_least"),
    (&["mindestens"], "at_least"),
    (&["fast"], "at_most"),
    (&["knapp"], "at_most"),
    (&["rund"], "about"),
    (&["etwa"], "about"),
    (&["ungefähr"], "about"),
    (&["circa"], "about"),
    (&["casi"], "at_most"),
    (&["hasta"], "at_most"),
    (&["unos"], "about"),
    (&["unas"], "about"),
    (&["aproximadamente"], "about"),
];

/// Units after a number that make it a duration, an age, a time or a measure: not a figure.
pub fn is_excluded_unit(word: &str) -> bool {
    matches!(
        word,
        "second"
            | "seconds"
            | "minute"
            | "minutes"
            | "hour"
            | "hours"
            | "day"
            | "days"
            | "week"
            | "weeks"
            | "month"
            | "months"
            | "year"
            | "years"
            | "decade"
            | "decades"
            | "century"
            | "centuries"
            | "page"
            | "pages"
            | "word"
            | "words"
            | "mile"
            | "miles"
            | "km"
            | "kilometre"
            | "kilometres"
            | "kilometer"
            | "kilometers"
            | "metre"
            | "metres"
            | "meter"
            | "meters"
            | "feet"
            | "foot"
            | "ft"
            | "inch"
            | "inches"
            | "yard"
            | "yards"
            | "acre"
            | "acres"
            | "hectare"
            | "hectares"
            | "kg"
            | "kilogram"
            | "kilograms"
            | "ton"
            | "tons"
            | "tonne"
            | "tonnes"
            | "lb"
            | "lbs"
            | "degree"
            | "degrees"
            | "mph"
            | "am"
            | "pm"
            | "gmt"
            | "utc"
            | "o'clock"
            | "jahre"
            | "jahren"
            | "jahr"
            | "monate"
            | "monaten"
            | "tage"
            | "tagen"
            | "wochen"
            | "stunden"
            | "años"
            | "año"
            | "meses"
            | "días"
            | "semanas"
            | "horas"
            | "kilómetros"
            | "metros"
    )
}

/// Words right before a number that make it an age or an id ("aged 32", "No. 5").
pub fn is_excluded_lead(word: &str) -> bool {
    matches!(
        word,
        "aged"
            | "age"
            | "ages"
            | "no"
            | "number"
            | "nr"
            | "núm"
            | "nº"
            | "article"
            | "articles"
            | "section"
            | "sections"
            | "chapter"
            | "title"
            | "paragraph"
            | "resolution"
            | "clause"
            | "page"
            | "pages"
            | "flight"
            | "route"
            | "room"
            | "radio"
            | "channel"
            | "artikel"
            | "absatz"
            | "artículo"
            | "articulo"
    )
}

/// Nouns for people: the figure's unit becomes `people`.
pub fn is_people(word: &str) -> bool {
    matches!(
        word,
        "people"
            | "persons"
            | "person"
            | "migrants"
            | "refugees"
            | "immigrants"
            | "emigrants"
            | "seekers"
            | "asylum-seekers"
            | "troops"
            | "soldiers"
            | "children"
            | "minors"
            | "adults"
            | "workers"
            | "officers"
            | "agents"
            | "members"
            | "residents"
            | "citizens"
            | "nationals"
            | "deportees"
            | "detainees"
            | "arrivals"
            | "applicants"
            | "students"
            | "menschen"
            | "flüchtlinge"
            | "migranten"
            | "personas"
            | "migrantes"
            | "refugiados"
    )
}

/// Words that end the noun phrase a figure counts.
pub fn is_stop(word: &str) -> bool {
    is_continental_stop(word)
        || matches!(
            word,
            "of" | "in"
                | "on"
                | "at"
                | "to"
                | "for"
                | "from"
                | "with"
                | "by"
                | "who"
                | "that"
                | "which"
                | "were"
                | "was"
                | "is"
                | "are"
                | "have"
                | "has"
                | "had"
                | "be"
                | "been"
                | "and"
                | "or"
                | "but"
                | "as"
                | "than"
                | "this"
                | "these"
                | "those"
                | "per"
                | "a"
                | "an"
                | "the"
                | "each"
                | "every"
                | "will"
                | "would"
                | "could"
                | "can"
                | "their"
                | "its"
                | "his"
                | "her"
                | "since"
                | "so"
                | "last"
                | "during"
                | "under"
                | "over"
                | "across"
                | "into"
                | "through"
                | "after"
                | "before"
                | "while"
                | "whom"
                | "whose"
                | "did"
                | "do"
                | "said"
                | "says"
                | "more"
                | "less"
                | "up"
                | "down"
                | "such"
                | "if"
                | "when"
                | "where"
                | "not"
                | "it"
                | "they"
                | "he"
                | "she"
                | "we"
                | "you"
                | "i"
                | "there"
                | "then"
                | "also"
                | "only"
                | "just"
                | "about"
                | "again"
                | "already"
        )
}

/// German and Spanish function words that end a counted noun phrase.
fn is_continental_stop(word: &str) -> bool {
    matches!(
        word,
        "que"
            | "de"
            | "del"
            | "para"
            | "en"
            | "los"
            | "las"
            | "el"
            | "la"
            | "por"
            | "con"
            | "y"
            | "se"
            | "sin"
            | "al"
            | "und"
            | "der"
            | "die"
            | "das"
            | "mit"
            | "für"
            | "von"
            | "zu"
            | "im"
            | "auf"
            | "aus"
            | "bei"
            | "sind"
            | "wurden"
            | "haben"
    )
}
