//! Word lists the quote rules read: verbs of saying, speaker nouns, titles. Kept in one place so
//! a reader can see every word a rule depends on.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// Verbs of saying that attribute a direct or reported statement, as lemmas (data): the
/// forms the rules look for are derived from them ([`SPEECH_VERBS`]).
pub const SPEECH_LEMMAS: &[&str] = &[
    "say",
    "add",
    "note",
    "state",
    "argue",
    "warn",
    "insist",
    "tell",
    "write",
    "tweet",
    "explain",
    "declare",
    "claim",
    "announce",
    "acknowledge",
    "admit",
    "assert",
    "contend",
    "maintain",
    "emphasize",
    "emphasise",
    "stress",
    "continue",
    "conclude",
    "predict",
    "promise",
    "pledge",
    "vow",
    "suggest",
    "testify",
    "observe",
    "remark",
    "reply",
    "respond",
    "counter",
    "caution",
    "complain",
    "concede",
    "confirm",
    "read",
    "inform",
    "recall",
    "post",
    "allege",
    "reiterate",
    "boast",
    "quip",
    "estimate",
    "report",
    "believe",
    "think",
    "agree",
    "indicate",
    "signal",
    "assure",
    "remind",
    "urge",
    "charge",
    "deny",
    "project",
    "forecast",
    "muse",
    "joke",
];

/// Forms of [`SPEECH_LEMMAS`] that no regular inflection gives, and the present of "say" and
/// "tell" with a plural subject ("officials say"; the other lemmas' base forms are as often
/// nouns or imperatives, and cost precision on the dev set).
const IRREGULAR_SPEECH: &[&str] = &["said", "told", "wrote", "thought", "say", "tell"];

/// The finite forms of verbs of saying: each lemma of [`SPEECH_LEMMAS`] in the third person
/// and the past ([`finite_forms`]), and [`IRREGULAR_SPEECH`].
pub static SPEECH_VERBS: WordSet = LazyLock::new(|| {
    SPEECH_LEMMAS
        .iter()
        .flat_map(|lemma| finite_forms(lemma))
        .map(|form| &*Box::leak(form.into_boxed_str()))
        .chain(IRREGULAR_SPEECH.iter().copied())
        .collect()
});

/// The third-person and past forms of an English verb lemma: "say" → says, sayed (no harm:
/// never written); "argue" → argues, argued; "deny" → denies, denied; "signal" → signals,
/// signaled, signalled; "stress" → stresses, stressed.
fn finite_forms(lemma: &str) -> Vec<String> {
    let mut forms = Vec::new();
    let consonant_y = lemma.strip_suffix('y').filter(|stem| {
        stem.chars()
            .last()
            .is_some_and(|c| !matches!(c, 'a' | 'e' | 'i' | 'o' | 'u'))
    });
    if let Some(stem) = consonant_y {
        forms.push(format!("{stem}ies"));
        forms.push(format!("{stem}ied"));
    } else if lemma.ends_with(['s', 'x', 'z']) || lemma.ends_with("ch") || lemma.ends_with("sh") {
        forms.push(format!("{lemma}es"));
        forms.push(format!("{lemma}ed"));
    } else if lemma.ends_with('e') {
        forms.push(format!("{lemma}s"));
        forms.push(format!("{lemma}d"));
    } else {
        forms.push(format!("{lemma}s"));
        forms.push(format!("{lemma}ed"));
        if lemma.ends_with('l') {
            forms.push(format!("{lemma}led"));
        }
    }
    forms
}

/// Words that open an introductory phrase or clause closed by a comma before the main
/// clause's subject ("As he announced the deal, Mr. Trump paid tribute …", "In a statement,
/// Ms. Pelosi …").
pub static INTRODUCERS: WordSet = LazyLock::new(|| {
    [
        "as",
        "when",
        "after",
        "before",
        "while",
        "although",
        "though",
        "if",
        "because",
        "since",
        "once",
        "until",
        "whereas",
        "in",
        "on",
        "at",
        "during",
        "despite",
        "with",
        "without",
        "for",
        "following",
        "speaking",
        "asked",
        "later",
        "earlier",
        "meanwhile",
        "still",
        "however",
        "instead",
        "now",
        "then",
        "yet",
        "amid",
    ]
    .into_iter()
    .collect()
});

/// Verbs by which a document reports a finding ("the survey found that …", "the figures
/// show that …"): a statement only when their subject is a document ([`DOC_NOUNS`]).
pub static FINDING_VERBS: WordSet = LazyLock::new(|| {
    [
        "shows",
        "showed",
        "found",
        "finds",
        "suggests",
        "suggested",
        "indicates",
        "indicated",
        "reveals",
        "revealed",
        "concludes",
        "concluded",
    ]
    .into_iter()
    .collect()
});

/// Verbs that take an object before the reported clause ("told reporters that").
pub static OBJECT_VERBS: WordSet = LazyLock::new(|| {
    [
        "told", "tells", "informed", "assured", "reminded", "warned", "urged",
    ]
    .into_iter()
    .collect()
});

/// Words after which a form of a speech verb is a noun ("the states", "his claims", "their
/// notes"): determiners and possessives.
pub static NOUN_OPENERS: WordSet = LazyLock::new(|| {
    [
        "the", "a", "an", "these", "those", "his", "her", "its", "their", "our", "my", "your",
    ]
    .into_iter()
    .collect()
});

/// Verbs that only attribute a reported clause, never a direct quote (and the reverse is fine).
pub static REPORTED_ONLY: WordSet = LazyLock::new(|| {
    ["believes", "thinks", "agreed", "denied", "urged"]
        .into_iter()
        .collect()
});

/// Participles that continue an attribution ("…, adding: “…”").
pub static PARTICIPLES: WordSet = LazyLock::new(|| {
    [
        "adding",
        "saying",
        "arguing",
        "noting",
        "writing",
        "warning",
        "insisting",
        "explaining",
        "declaring",
        "stating",
        "telling",
        "claiming",
        "stressing",
        "asserting",
    ]
    .into_iter()
    .collect()
});

/// Words allowed between a subject and its verb ("Pigott also said").
pub static ADVERBS: WordSet = LazyLock::new(|| {
    [
        "also",
        "later",
        "then",
        "further",
        "previously",
        "repeatedly",
        "recently",
        "once",
        "again",
        "has",
        "had",
        "have",
        "would",
        "will",
        "publicly",
        "privately",
        "separately",
        "earlier",
        "reportedly",
        "specifically",
        "frequently",
        "often",
        "simply",
        "flatly",
        "bluntly",
        "firmly",
        "angrily",
        "clearly",
        "explicitly",
        "subsequently",
        "initially",
        "ultimately",
        "finally",
        "first",
        "told",
        "similarly",
        "likewise",
        "already",
        "even",
        "still",
        "consistently",
        "openly",
        "directly",
        "quickly",
        "tersely",
        "proudly",
        "personally",
    ]
    .into_iter()
    .collect()
});

/// Pronouns that can stand for a speaker.
pub static PRONOUNS: WordSet =
    LazyLock::new(|| ["he", "she", "they", "it", "we"].into_iter().collect());

/// Nouns naming people by their role or as a group of sources.
pub static ROLE_NOUNS: WordSet = LazyLock::new(|| {
    [
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "spokespeople",
        "official",
        "officials",
        "minister",
        "ministers",
        "secretary",
        "ambassador",
        "president",
        "chief",
        "director",
        "adviser",
        "advisor",
        "advisers",
        "advisors",
        "aide",
        "aides",
        "diplomat",
        "diplomats",
        "source",
        "sources",
        "lawmaker",
        "lawmakers",
        "senator",
        "senators",
        "leader",
        "leaders",
        "chairman",
        "chairwoman",
        "commissioner",
        "envoy",
        "representative",
        "representatives",
        "lawyer",
        "lawyers",
        "attorney",
        "attorneys",
        "advocates",
        "advocate",
        "experts",
        "expert",
        "analysts",
        "analyst",
        "critics",
        "officer",
        "officers",
        "activists",
        "campaigners",
        "charities",
        "governor",
        "mayor",
        "judge",
        "observers",
        "researchers",
        "economists",
        "prosecutors",
        "negotiators",
        "chancellor",
        "premier",
        "counsel",
        "staffer",
        "staffers",
        "representative",
        "head",
        "coordinator",
        "administrator",
        "commander",
        "executive",
        "speaker",
        "candidate",
        "mps",
        "mp",
        "deputies",
        "member",
        "members",
        "manager",
        "pollster",
        "consultant",
        "prosecutor",
        "sheriff",
        "founder",
        "co-founder",
        "cofounder",
        "organizer",
        "organiser",
        "professor",
        "researcher",
        "economist",
        "strategist",
        "chair",
        "chairperson",
        "ceo",
        "activist",
        "campaigner",
    ]
    .into_iter()
    .collect()
});

/// Nouns that make a noun phrase a body or an organisation.
pub static BODY_WORDS: WordSet = LazyLock::new(|| {
    [
        "administration",
        "government",
        "governments",
        "department",
        "ministry",
        "office",
        "mission",
        "agency",
        "house",
        "council",
        "commission",
        "committee",
        "court",
        "party",
        "union",
        "nations",
        "organization",
        "organisation",
        "institute",
        "service",
        "services",
        "parliament",
        "congress",
        "senate",
        "police",
        "patrol",
        "protection",
        "foundation",
        "center",
        "centre",
        "project",
        "bureau",
        "program",
        "programme",
        "campaign",
        "embassy",
        "cabinet",
        "military",
        "pentagon",
        "kremlin",
        "group",
        "groups",
        "charity",
        "tank",
        "network",
        "coalition",
        "alliance",
        "association",
        "federation",
        "forum",
        "board",
        "authority",
        "authorities",
        "post",
        "times",
        "journal",
        "news",
        "reuters",
        "watch",
        "international",
        "amnesty",
        "tribunal",
        "assembly",
        "secretariat",
        "delegation",
        "bank",
        "fund",
        "democrats",
        "republicans",
        "tories",
        "labour",
        "conservatives",
        "state",
        "states",
        "republic",
        "kingdom",
        "guardian",
        "press",
        "studies",
        "agencies",
        "unhcr",
        "iom",
        "ngo",
        "ngos",
        "navy",
        "army",
        "guard",
        "unit",
        "institution",
        "institutions",
        "corps",
        "nation",
        "countries",
        "country",
        "team",
        "staff",
        "movement",
        "society",
        "league",
        "caucus",
        "inc",
        "corp",
        "company",
        "firm",
        "university",
        "school",
    ]
    .into_iter()
    .collect()
});

/// Documents that can "say" something ("the cable reads").
pub static DOC_NOUNS: WordSet = LazyLock::new(|| {
    [
        "cable",
        "statement",
        "report",
        "memo",
        "memorandum",
        "letter",
        "directive",
        "order",
        "document",
        "documents",
        "declaration",
        "agreement",
        "communique",
        "communiqué",
        "notice",
        "filing",
        "ruling",
        "text",
        "proposal",
        "bill",
        "law",
        "guidance",
        "email",
        "tweet",
        "study",
        "survey",
        "poll",
        "data",
        "figures",
        "statistics",
        "analysis",
        "release",
        "decree",
        "resolution",
        "treaty",
        "compact",
        "plan",
        "draft",
        "deal",
        "estimates",
        "assessment",
        "review",
        "paper",
        "website",
        "constitution",
        "amendment",
    ]
    .into_iter()
    .collect()
});

/// Titles that stand before a name ("Principal Deputy Spokesperson Tommy Pigott").
pub static TITLES: WordSet = LazyLock::new(|| {
    [
        "president",
        "vice",
        "prime",
        "minister",
        "secretary",
        "ambassador",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "principal",
        "deputy",
        "assistant",
        "undersecretary",
        "chief",
        "director",
        "general",
        "attorney",
        "senator",
        "sen.",
        "sen",
        "rep.",
        "rep",
        "representative",
        "congressman",
        "congresswoman",
        "gov.",
        "governor",
        "mayor",
        "chancellor",
        "speaker",
        "leader",
        "chairman",
        "chairwoman",
        "chair",
        "commissioner",
        "judge",
        "justice",
        "king",
        "queen",
        "prince",
        "pope",
        "mr.",
        "mrs.",
        "ms.",
        "mr",
        "mrs",
        "ms",
        "dr.",
        "dr",
        "prof.",
        "professor",
        "gen.",
        "adm.",
        "col.",
        "lt.",
        "sgt.",
        "officer",
        "envoy",
        "executive",
        "acting",
        "former",
        "adviser",
        "advisor",
        "counsel",
        "coordinator",
        "administrator",
        "commander",
        "head",
        "founder",
        "ceo",
        "candidate",
        "premier",
        "lord",
        "lady",
        "sir",
        "dame",
        "baroness",
        "cardinal",
        "bishop",
        "archbishop",
        "rabbi",
        "imam",
        "mp",
        "mep",
        "chairperson",
        "economist",
        "analyst",
        "staff",
        "aide",
        "strategist",
        "president-elect",
        "nominee",
        "hopeful",
        "chief-of-staff",
        "host",
        "anchor",
        "reporter",
        "correspondent",
        "writer",
        "editor",
        "columnist",
        "historian",
        "scholar",
        "fellow",
        "researcher",
        "lawyer",
        "activist",
        "organizer",
        "advocate",
        "expert",
        "official",
        "diplomat",
        "deputies",
        "whip",
        "majority",
        "minority",
        "assemblyman",
        "assemblywoman",
    ]
    .into_iter()
    .collect()
});

/// Finite forms of be and have: after "that" they make it a relative pronoun ("a pact that
/// was looking into …"); with the modals they show a clause of its own.
/// Conjunctions that open a subordinate clause whose subject may be a speaker ("shortly after
/// Smith said he …", "when Berg noted that …"). "If" is left out (a condition reports nothing),
/// and so is "as" ("as the president said he would" leaves out what was said).
pub const SUBORDINATORS: &[&str] = &[
    "after", "when", "because", "since", "before", "though", "although", "once", "until", "whereas",
];

pub const BE_HAVE: &[&str] = &["is", "was", "were", "are", "has", "had", "have"];

/// Modal verbs.
pub const MODALS: &[&str] = &[
    "will", "would", "can", "could", "should", "may", "might", "must",
];

/// Months and modal verbs that are also people's names ("Theresa May", "Will Hurd", "April
/// Ryan"): capitalised stop words that `speaker::Words` reads as a name where the position
/// says so (after a first name, or between a title and a surname).
pub const NAME_HOMOGRAPHS: &[&str] = &["may", "march", "april", "june", "august", "will"];

/// The months, lower-cased: never part of a speaker's name, nor of an organisation's.
pub const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Nouns in -ing that a reported clause may follow ("told a town-hall meeting that …"): no
/// participle of an adjunct.
pub const ING_NOUNS: &[&str] = &[
    "meeting",
    "briefing",
    "hearing",
    "gathering",
    "morning",
    "evening",
    "building",
    "ruling",
    "filing",
    "wedding",
    "funding",
    "training",
    "polling",
    "reporting",
    "finding",
];

/// The days of the week, lower-cased: time adjuncts for several quote rules, and never part
/// of a speaker's name.
pub const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Capitalised words that never begin or belong to a speaker's name.
/// Given names by the pronoun news uses for their bearers (`first_names.json`, data): a
/// speaker's gender when the text itself shows none.
static FIRST_NAMES: LazyLock<(WordSetOwned, WordSetOwned)> = LazyLock::new(|| {
    #[derive(serde::Deserialize)]
    struct File {
        female: Vec<String>,
        male: Vec<String>,
    }
    let file: File = serde_json::from_str(include_str!("first_names.json"))
        .expect("first_names.json is valid (a unit test reads it)");
    (
        file.female.into_iter().collect(),
        file.male.into_iter().collect(),
    )
});

type WordSetOwned = HashSet<String, BuildHasherDefault<WordHasher>>;

/// 'f' or 'm' for a given name the lexicon knows (any case), else `None`.
pub fn first_name_gender(name: &str) -> Option<char> {
    let lower = name.to_lowercase();
    let (female, male) = &*FIRST_NAMES;
    if female.contains(&lower) {
        Some('f')
    } else if male.contains(&lower) {
        Some('m')
    } else {
        None
    }
}

/// Words that end the name of a place, a building or a region and never a person's ("the
/// National Mall", "the Southeast Asian nation"): a run of capitalised words ending in one is
/// no person. Surnames that are also such nouns ("Hall", "Park", "Church") are left out.
pub static PLACE_HEADS: WordSet = LazyLock::new(|| {
    [
        "mall",
        "street",
        "avenue",
        "boulevard",
        "road",
        "highway",
        "square",
        "plaza",
        "museum",
        "memorial",
        "monument",
        "airport",
        "station",
        "stadium",
        "arena",
        "hospital",
        "university",
        "college",
        "cathedral",
        "mosque",
        "synagogue",
        "island",
        "islands",
        "river",
        "valley",
        "mountains",
        "coast",
        "gulf",
        "ocean",
        "sea",
        "peninsula",
        "strait",
        "canal",
        "desert",
        "county",
        "province",
        "region",
        "district",
        "borough",
        "township",
        "asian",
        "african",
        "american",
        "european",
        "latin",
        "arab",
        "hispanic",
        "caribbean",
        "pacific",
        "atlantic",
        "mediterranean",
        "balkan",
        "baltic",
        "nordic",
        "scandinavian",
    ]
    .into_iter()
    .collect()
});

pub static CAP_STOPWORDS: WordSet = LazyLock::new(|| {
    [
        "yesterday",
        "today",
        "tonight",
        "tomorrow",
        "earlier",
        "later",
        "meanwhile",
        "separately",
        "also",
        "however",
        "but",
        "and",
        "or",
        "so",
        "then",
        "now",
        "when",
        "while",
        "if",
        "after",
        "before",
        "since",
        "as",
        "at",
        "in",
        "on",
        "of",
        "for",
        "with",
        "by",
        "from",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "it",
        "he",
        "she",
        "they",
        "we",
        "i",
        "his",
        "her",
        "their",
        "our",
        "its",
        "my",
        "your",
        "what",
        "which",
        "who",
        "why",
        "how",
        "where",
        "last",
        "next",
        "still",
        "even",
        "only",
        "just",
        "instead",
        "indeed",
        "although",
        "though",
        "because",
        "once",
        "both",
        "each",
        "every",
        "all",
        "most",
        "many",
        "some",
        "few",
        "several",
        "other",
        "others",
        "such",
        "any",
        "another",
        "much",
        "no",
        "not",
        "yes",
        "asked",
        "under",
        "during",
        "despite",
        "amid",
        "over",
        "about",
        "into",
        "through",
        "without",
        "until",
        "like",
        "unlike",
        "among",
        "between",
        "against",
        "toward",
        "towards",
        "within",
        "per",
        "via",
        "is",
        "was",
        "are",
        "were",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "must",
        "do",
        "does",
        "did",
        "to",
        "a",
        "an",
        "the",
    ]
    .into_iter()
    .chain(WEEKDAYS.iter().copied())
    .chain(MONTHS.iter().copied())
    .collect()
});

/// Lower-case words allowed inside a speaker noun phrase as modifiers.
pub static MODIFIERS: WordSet = LazyLock::new(|| {
    [
        "circuit",
        "district",
        "appeals",
        "supreme",
        "acting",
        "former",
        "senior",
        "top",
        "deputy",
        "junior",
        "interim",
        "incoming",
        "outgoing",
        "current",
        "then",
        "two",
        "three",
        "four",
        "several",
        "some",
        "many",
        "other",
        "one",
        "federal",
        "local",
        "national",
        "international",
        "foreign",
        "refugee",
        "refugees",
        "pressure",
        "campaign",
        "lobby",
        "migration",
        "immigration",
        "border",
        "human",
        "rights",
        "homeland",
        "security",
        "health",
        "justice",
        "interior",
        "affairs",
        "policy",
        "press",
        "defense",
        "defence",
        "home",
        "administration",
        "white",
        "state",
        "public",
        "civil",
        "regional",
        "european",
        "u.n.",
        "humanitarian",
        "legal",
        "independent",
        "unnamed",
        "anonymous",
        "congressional",
        "republican",
        "democratic",
        "conservative",
        "liberal",
        "labour",
        "opposition",
        "party",
        "trade",
        "economic",
        "finance",
        "environment",
        "development",
        "asylum",
        "shadow",
        "principal",
        "assistant",
        "general",
        "vice",
        "prime",
        "high",
        "special",
        "permanent",
        "military",
        "intelligence",
        "law",
        "enforcement",
        "customs",
        "advocacy",
        "aid",
        "relief",
        "and",
        "elected",
        "former",
        "longtime",
        "veteran",
        "lead",
        "chief",
        "communications",
        "communication",
        "news",
        "media",
        // Offices and races a role is for ("Republican presidential candidate Donald Trump",
        // "the party's gubernatorial nominee").
        "presidential",
        "vice-presidential",
        "gubernatorial",
        "mayoral",
        "senatorial",
        "parliamentary",
        "ministerial",
        "presumptive",
    ]
    .into_iter()
    .collect()
});

/// Prepositions and determiners that may join a speaker noun phrase ("spokesman for the …").
pub static CONNECTORS: WordSet = LazyLock::new(|| {
    [
        "of", "for", "to", "at", "in", "on", "and", "&", "the", "a", "an",
    ]
    .into_iter()
    .collect()
});

/// Determiners stripped from the front of a speaker's name.
pub static DETERMINERS: WordSet = LazyLock::new(|| ["the", "a", "an"].into_iter().collect());

/// Indefinite pronouns and bare quantifiers: "Others say …", "Many argue …" name nobody.
pub static INDEFINITES: WordSet = LazyLock::new(|| {
    [
        "others",
        "some",
        "many",
        "most",
        "several",
        "few",
        "both",
        "all",
        "everyone",
        "everybody",
        "someone",
        "somebody",
        "anyone",
        "anybody",
        "nobody",
        "none",
        "each",
        "either",
        "neither",
        "another",
    ]
    .into_iter()
    .collect()
});

/// Nouns for a member of a party, which make an apposition a role ("Democrat of
/// Connecticut", "a Virginia Republican").
pub static PARTY_MEMBERS: WordSet = LazyLock::new(|| {
    [
        "democrat",
        "republican",
        "tory",
        "conservative",
        "independent",
    ]
    .into_iter()
    .collect()
});

/// Honorifics that carry no role.
pub static HONORIFICS: WordSet = LazyLock::new(|| {
    ["mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr."]
        .into_iter()
        .collect()
});

/// Documents that are not speakers after "according to" (that is evidence, not speech).
pub static EVIDENCE_DOCS: WordSet = LazyLock::new(|| {
    [
        "data",
        "figures",
        "statistics",
        "study",
        "studies",
        "survey",
        "poll",
        "estimates",
        "analysis",
        "census",
        "records",
        "numbers",
        "research",
    ]
    .into_iter()
    .collect()
});

/// Documents that state their author's findings: after "according to", a study, report or
/// analysis with a named author is that author's statement ("according to a study by the
/// Migration Policy Institute"). Data, figures and documents that were leaked or seen ("a
/// State Department cable reviewed by Reuters", "government data seen by Reuters") stay
/// evidence.
pub static FINDING_DOCS: WordSet = LazyLock::new(|| {
    [
        "study",
        "studies",
        "report",
        "reports",
        "analysis",
        "survey",
        "review",
        "assessment",
        "research",
    ]
    .into_iter()
    .collect()
});

/// Verbs whose reported clause may follow without "that" ("Tony Blair said Labour would …").
pub static CLAUSE_VERBS: WordSet = LazyLock::new(|| {
    [
        "said",
        "says",
        "say",
        "added",
        "adds",
        "argued",
        "argues",
        "insisted",
        "insists",
        "warned",
        "warns",
        "noted",
        "notes",
        "stated",
        "states",
        "claimed",
        "claims",
        "believes",
        "thinks",
        "contended",
        "contends",
        "maintained",
        "maintains",
        "asserted",
        "asserts",
        "predicted",
        "predicts",
        "suggested",
        "suggests",
        "estimated",
        "estimates",
        "conceded",
        "explained",
        "agreed",
        "told",
        "tell",
        "tells",
        "stressed",
        "emphasized",
        "emphasised",
    ]
    .into_iter()
    .collect()
});

/// Verbs that introduce a quoted characterisation ("called the plans “dangerous”").
pub static NAMING_VERBS: WordSet = LazyLock::new(|| {
    [
        "called",
        "calls",
        "described",
        "describes",
        "branded",
        "brands",
        "labelled",
        "labeled",
        "dubbed",
        "termed",
        "denounced",
        "condemned",
        "slammed",
    ]
    .into_iter()
    .collect()
});

/// Words in a role that mark a private person, whose words migtrack does not record.
pub static PRIVATE_MARKERS: WordSet = LazyLock::new(|| {
    [
        "migrant",
        "migrants",
        "refugee",
        "asylum-seeker",
        "seeker",
        "resident",
        "residents",
        "mother",
        "father",
        "mom",
        "dad",
        "daughter",
        "son",
        "wife",
        "husband",
        "student",
        "worker",
        "victim",
        "neighbor",
        "neighbour",
        "parent",
        "immigrant",
        "traveler",
        "passenger",
        "shopper",
        "voter",
        "teenager",
        "woman",
        "man",
        "child",
        "citizen",
    ]
    .into_iter()
    .collect()
});

/// A word list read as a set: built once from its list, then looked up by hash instead of by a
/// linear scan (the quote rules ask these lists several times per token).
pub type WordSet = LazyLock<HashSet<&'static str, BuildHasherDefault<WordHasher>>>;

/// FNV-1a over the word's bytes: short lower-case words hash faster than with SipHash, and the
/// lists are fixed, so hash flooding is no concern.
#[derive(Default)]
pub struct WordHasher(u64);

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &byte in bytes {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}

/// Bits of [`classes`]: which of the speaker-noun lists hold a word.
pub const ROLE: u8 = 1;
pub const BODY: u8 = 1 << 1;
pub const DOC: u8 = 1 << 2;
pub const MODIFIER: u8 = 1 << 3;
pub const CONNECTOR: u8 = 1 << 4;
pub const TITLE: u8 = 1 << 5;
pub const CAP_STOPWORD: u8 = 1 << 6;

type ClassMap = HashMap<&'static str, u8, BuildHasherDefault<WordHasher>>;

static CLASSES: LazyLock<ClassMap> = LazyLock::new(|| {
    let mut map = ClassMap::default();
    let lists: [(&WordSet, u8); 7] = [
        (&ROLE_NOUNS, ROLE),
        (&BODY_WORDS, BODY),
        (&DOC_NOUNS, DOC),
        (&MODIFIERS, MODIFIER),
        (&CONNECTORS, CONNECTOR),
        (&TITLES, TITLE),
        (&CAP_STOPWORDS, CAP_STOPWORD),
    ];
    for (set, bit) in lists {
        for word in set.iter() {
            *map.entry(word).or_default() |= bit;
        }
    }
    map
});

/// Which of the speaker-noun lists (ROLE_NOUNS, BODY_WORDS, DOC_NOUNS, MODIFIERS, CONNECTORS,
/// TITLES, CAP_STOPWORDS) hold `word`, as bits: one lookup instead of seven.
pub fn classes(word: &str) -> u8 {
    CLASSES.get(word).copied().unwrap_or(0)
}

/// A list of words the rules can ask about: a [`WordSet`] or a short slice.
pub trait Lookup {
    fn has(&self, word: &str) -> bool;
}

impl Lookup for [&str] {
    fn has(&self, word: &str) -> bool {
        self.contains(&word)
    }
}

impl Lookup for WordSet {
    fn has(&self, word: &str) -> bool {
        self.contains(word)
    }
}

pub fn contains<L: Lookup + ?Sized>(list: &L, word: &str) -> bool {
    list.has(word)
}
