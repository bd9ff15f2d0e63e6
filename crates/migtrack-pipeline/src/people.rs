//! Cross-document resolution of the people who speak in quotes: "Nikki Haley", "Haley" and
//! "Ms. Haley" across many articles are one speaker. Part of the link stage; pure.
//!
//! Only officials and other public speakers reach this code (quotes are the only place people
//! appear), and only their names and the roles the articles give them are kept.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

pub use migtrack_model::SpeakerMention;

/// A speaker resolved across documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Speaker {
    /// The fullest name seen.
    pub name: String,
    /// Every way the articles name them ("Haley", "Nikki Haley", "Ms. Haley").
    pub variants: Vec<String>,
    pub roles: Vec<String>,
    pub entities: Vec<String>,
    pub quotes: usize,
    /// A person (a name) rather than a body, a document or a role ("the cable", "officials").
    pub is_person: bool,
}

const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sir",
    "dame",
    "lord",
    "lady",
    "president",
    "prime",
    "minister",
    "secretary",
    "senator",
    "sen",
    "rep",
    "representative",
    "gov",
    "governor",
    "chancellor",
    "ambassador",
    "general",
    "gen",
    "judge",
    "justice",
    "mayor",
    "king",
    "queen",
    "pope",
    "herr",
    "frau",
    "señor",
    "señora",
];

/// Words that mark a body, document or role rather than a person's name.
const NOT_A_NAME: &[&str] = &[
    "the",
    "a",
    "an",
    "another",
    "campaign",
    "of",
    "for",
    "department",
    "ministry",
    "mission",
    "government",
    "office",
    "cable",
    "statement",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "officials",
    "official",
    "sources",
    "source",
    "administration",
    "agency",
    "committee",
    "court",
    "party",
    "union",
    "nations",
    "house",
    "council",
    "commission",
    "report",
    "letter",
    "memo",
    "directive",
    "embassy",
    "police",
    "authorities",
    "group",
];

fn fold(word: &str) -> String {
    word.chars()
        .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '\'')
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            other => other,
        })
        .collect()
}

/// The name's words without titles, folded; `None` when it is not a person's name.
fn name_words(speaker: &str) -> Option<Vec<String>> {
    let words: Vec<&str> = speaker.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 {
        return None;
    }
    let mut kept = Vec::new();
    for word in &words {
        // "Trump's" is Trump.
        let word = word
            .strip_suffix("'s")
            .or_else(|| word.strip_suffix("’s"))
            .unwrap_or(word);
        let folded = fold(word);
        if folded.is_empty() {
            continue;
        }
        if NOT_A_NAME.contains(&folded.as_str()) {
            return None;
        }
        if TITLES.contains(&folded.as_str()) {
            continue;
        }
        if !word.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        kept.push(folded);
    }
    (!kept.is_empty()).then_some(kept)
}

/// Group quote speakers into people (by full name; a surname alone joins the one full name that
/// ends with it, if exactly one does) and other speakers (by their folded text).
pub fn speakers(mentions: &[SpeakerMention]) -> Vec<Speaker> {
    let counted: Vec<(SpeakerMention, usize)> = mentions
        .iter()
        .map(|mention| (mention.clone(), 1))
        .collect();
    speakers_counted(&counted)
}

/// [`speakers`] over distinct mentions, each with how many quotes carry it (what the store
/// keeps precomputed): the same speakers as one mention per quote.
pub fn speakers_counted(counted: &[(SpeakerMention, usize)]) -> Vec<Speaker> {
    let weight = |index: &usize| counted[*index].1;
    let mentions: Vec<&SpeakerMention> = counted.iter().map(|(mention, _)| mention).collect();
    // Full names (2+ words) first, keyed by their folded words.
    let mut full: BTreeMap<Vec<String>, Vec<usize>> = BTreeMap::new();
    let mut single: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut other: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (index, mention) in mentions.iter().enumerate() {
        match name_words(&mention.speaker) {
            Some(words) if words.len() >= 2 => full.entry(words).or_default().push(index),
            Some(mut words) => single.entry(words.remove(0)).or_default().push(index),
            None => other
                .entry(fold_phrase(&mention.speaker))
                .or_default()
                .push(index),
        }
    }
    // A surname alone joins the unique full name that ends with it.
    let mut groups: Vec<(bool, Vec<usize>)> = Vec::new();
    let mut full_groups: BTreeMap<Vec<String>, usize> = BTreeMap::new();
    // A first-and-last name joins the one longer name with the same first and last word
    // ("Donald Trump" → "Donald J. Trump"); with two such names it stays apart.
    let names: Vec<Vec<String>> = full.keys().cloned().collect();
    let mut owner_of: BTreeMap<Vec<String>, Vec<String>> = BTreeMap::new();
    for name in &names {
        let longer: Vec<&Vec<String>> = names
            .iter()
            .filter(|other| {
                name.len() == 2
                    && other.len() > name.len()
                    && other.first() == name.first()
                    && other.last() == name.last()
                    && name.iter().all(|word| other.contains(word))
            })
            .collect();
        if let [owner] = longer.as_slice() {
            owner_of.insert(name.clone(), (*owner).clone());
        }
    }
    for (words, indexes) in &full {
        if !owner_of.contains_key(words) {
            full_groups.insert(words.clone(), groups.len());
            groups.push((true, indexes.clone()));
        }
    }
    for (words, owner) in &owner_of {
        // Follow the chain to a name that owns itself.
        let mut root = owner;
        while let Some(next) = owner_of.get(root) {
            root = next;
        }
        if let Some(&group) = full_groups.get(root) {
            groups[group].1.extend(full[words].iter().copied());
            full_groups.insert(words.clone(), group);
        }
    }
    for (surname, indexes) in single {
        let mut owners: Vec<usize> = full_groups
            .iter()
            .filter(|(words, _)| words.last() == Some(&surname))
            .map(|(_, group)| *group)
            .collect();
        owners.sort_unstable();
        owners.dedup();
        // Several full names end with it: it is the one quoted at least ten times as often as
        // all the others together ("Trump" is Donald J. Trump, not Melania Trump), else apart.
        let quoted = |group: &usize| groups[*group].1.iter().map(weight).sum::<usize>();
        let total: usize = owners.iter().map(quoted).sum();
        let dominant = owners
            .iter()
            .copied()
            .find(|group| quoted(group) >= 10 * (total - quoted(group)));
        match (owners.as_slice(), dominant) {
            ([owner], _) => groups[*owner].1.extend(indexes),
            (_, Some(owner)) if owners.len() > 1 => groups[owner].1.extend(indexes),
            _ => groups.push((true, indexes)),
        }
    }
    for (_, indexes) in other {
        groups.push((false, indexes));
    }
    let mut result: Vec<Speaker> = groups
        .into_iter()
        .map(|(is_person, indexes)| {
            let variants: BTreeSet<String> = indexes
                .iter()
                .map(|&index| mentions[index].speaker.clone())
                .collect();
            let name = variants
                .iter()
                .max_by_key(|variant| {
                    let words = name_words(variant).map_or(0, |words| words.len());
                    // The most name words, then the fewest titles around them.
                    (words, std::cmp::Reverse(variant.split_whitespace().count()))
                })
                .cloned()
                .unwrap_or_default();
            let roles: BTreeSet<String> = indexes
                .iter()
                .filter_map(|&index| mentions[index].role.clone())
                .collect();
            let entities: BTreeSet<String> = indexes
                .iter()
                .filter_map(|&index| mentions[index].entity.clone())
                .collect();
            Speaker {
                name,
                variants: variants.into_iter().collect(),
                roles: roles.into_iter().collect(),
                entities: entities.into_iter().collect(),
                quotes: indexes.iter().map(weight).sum(),
                is_person,
            }
        })
        .collect();
    result.sort_by(|a, b| b.quotes.cmp(&a.quotes).then_with(|| a.name.cmp(&b.name)));
    result
}

/// Which speakers a listing shows: people only, and/or those with a variant containing `name`
/// (case-insensitive).
pub fn select(speakers: Vec<Speaker>, people_only: bool, name: Option<&str>) -> Vec<Speaker> {
    let needle = name.map(str::to_lowercase).filter(|name| !name.is_empty());
    speakers
        .into_iter()
        .filter(|speaker| !people_only || speaker.is_person)
        .filter(|speaker| {
            needle.as_deref().is_none_or(|needle| {
                speaker
                    .variants
                    .iter()
                    .any(|variant| variant.to_lowercase().contains(needle))
            })
        })
        .collect()
}

fn fold_phrase(text: &str) -> String {
    let words: Vec<String> = text
        .split_whitespace()
        .map(fold)
        .filter(|word| !word.is_empty())
        .collect();
    let start = usize::from(words.first().is_some_and(|word| word == "the"));
    words[start..].join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(speaker: &str) -> SpeakerMention {
        SpeakerMention {
            speaker: speaker.into(),
            role: None,
            entity: None,
        }
    }

    fn grouped(names: &[&str]) -> Vec<(String, usize, bool)> {
        let mentions: Vec<SpeakerMention> = names.iter().map(|name| mention(name)).collect();
        speakers(&mentions)
            .into_iter()
            .map(|speaker| (speaker.name, speaker.quotes, speaker.is_person))
            .collect()
    }

    #[test]
    fn counted_mentions_give_the_speakers_of_one_mention_per_quote() {
        let names = [
            "Donald J. Trump",
            "Trump",
            "Trump",
            "Melania Trump",
            "Donald Trump",
            "Haley",
            "Nikki Haley",
            "Haley",
            "officials",
            "the officials",
            "Ms. Haley",
        ];
        let mut mentions: Vec<SpeakerMention> = names.iter().map(|name| mention(name)).collect();
        mentions[0].role = Some("president".into());
        mentions[5].entity = Some("USA".into());
        let mut counted: Vec<(SpeakerMention, usize)> = Vec::new();
        for mention in &mentions {
            match counted.iter_mut().find(|(seen, _)| seen == mention) {
                Some((_, count)) => *count += 1,
                None => counted.push((mention.clone(), 1)),
            }
        }
        assert!(counted.len() < mentions.len());
        assert_eq!(speakers_counted(&counted), speakers(&mentions));
    }

    #[test]
    fn surname_title_and_full_name_are_one_person() {
        assert_eq!(
            grouped(&[
                "Nikki Haley",
                "Haley",
                "Ms. Haley",
                "Ambassador Nikki Haley"
            ]),
            vec![("Nikki Haley".into(), 4, true)]
        );
    }

    #[test]
    fn accents_do_not_split_a_person() {
        assert_eq!(
            grouped(&["António Guterres", "Antonio Guterres", "Guterres"]).len(),
            1
        );
    }

    #[test]
    fn a_middle_initial_does_not_split_a_person() {
        assert_eq!(
            grouped(&[
                "Donald J. Trump",
                "Donald Trump",
                "Trump",
                "President Trump"
            ]),
            vec![("Donald J. Trump".into(), 4, true)]
        );
    }

    #[test]
    fn an_ambiguous_surname_stays_apart() {
        let groups = grouped(&["George H. W. Bush", "George W. Bush", "George Bush", "Bush"]);
        assert_eq!(groups.len(), 4, "{groups:?}");
    }

    #[test]
    fn a_surname_joins_the_full_name_that_dominates_it() {
        let mut names = vec!["Donald J. Trump"; 30];
        names.extend([
            "Melania Trump",
            "Melania Trump",
            "Trump",
            "Trump's",
            "Trump’s",
        ]);
        let groups = grouped(&names);
        assert_eq!(groups.len(), 2, "{groups:?}");
        assert_eq!(groups[0].0, "Donald J. Trump");
        assert_eq!(groups[0].1, 33);
        // Neither dominates: apart.
        let groups = grouped(&[
            "George W. Bush",
            "George W. Bush",
            "George H. W. Bush",
            "Bush",
        ]);
        assert_eq!(groups.len(), 3, "{groups:?}");
    }

    #[test]
    fn bodies_documents_and_roles_are_not_people() {
        let groups = grouped(&[
            "the cable",
            "The cable",
            "State Department spokesperson",
            "U.S. mission to the United Nations",
        ]);
        assert!(
            groups.iter().all(|(_, _, is_person)| !is_person),
            "{groups:?}"
        );
        assert_eq!(
            groups
                .iter()
                .find(|(name, ..)| name.to_lowercase() == "the cable")
                .map(|group| group.1),
            Some(2)
        );
    }

    #[test]
    fn selection_by_kind_and_name_variant() {
        let mentions: Vec<SpeakerMention> = ["Nikki Haley", "Haley", "the cable"]
            .iter()
            .map(|name| mention(name))
            .collect();
        let all = speakers(&mentions);
        assert_eq!(select(all.clone(), true, None).len(), 1);
        assert_eq!(
            select(all.clone(), false, Some("HALEY"))[0].name,
            "Nikki Haley"
        );
        assert_eq!(select(all, false, Some("")).len(), 2);
    }

    #[test]
    fn roles_and_entities_are_collected() {
        let mentions = vec![
            SpeakerMention {
                speaker: "Tommy Pigott".into(),
                role: Some("Principal Deputy Spokesperson".into()),
                entity: Some("USA".into()),
            },
            mention("Pigott"),
        ];
        let people = speakers(&mentions);
        assert_eq!(people.len(), 1);
        assert_eq!(
            people[0].roles,
            vec!["Principal Deputy Spokesperson".to_string()]
        );
        assert_eq!(people[0].entities, vec!["USA".to_string()]);
        assert_eq!(
            people[0].variants,
            vec!["Pigott".to_string(), "Tommy Pigott".to_string()]
        );
    }
}
