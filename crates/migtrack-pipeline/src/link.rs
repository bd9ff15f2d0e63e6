//! The link stage: events from many documents → facts with sources; contradictions flagged.
//!
//! Events that report the same thing — same actor, action, target and modality, with
//! compatible dates (the same day, or one coarser: `2017` ⊇ `2017-12` ⊇ `2017-12-02`, or no
//! date at all) — merge into one [`LinkedFact`]. A fact counts its independent sources as
//! distinct stories, so near-duplicate copies of one wire story count once. Contradictions are
//! kept and flagged, never resolved: two incompatible dates give two facts that name each other;
//! opposite actions (join / withdraw, endorse / reject, attend / boycott, fund / defund) on the
//! same day flag both facts.
//!
//! The types are `migtrack_model::{EventRef, Fact, StatusCell}`, which the store keeps as they
//! are (named `LinkEvent` and `LinkedFact` here).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate, Weekday};
use migtrack_model::{Action, Modality};

pub use migtrack_model::{EventRef as LinkEvent, Fact as LinkedFact, StatusCell};

/// The days a normalised date value covers, first and last inclusive: `YYYY-MM-DD`,
/// `YYYY-MM`, `YYYY`, `YYYY-Www`, `YYYY-Qn`, `FY2026` (US federal: Oct 2025 – Sep 2026),
/// `1970s`. `None` for anything else.
pub fn date_range(value: &str) -> Option<(NaiveDate, NaiveDate)> {
    let value = value.trim();
    let year_of = |text: &str| -> Option<i32> {
        (text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()))
            .then(|| text.parse().ok())
            .flatten()
    };
    let year_range = |first: i32, last: i32| {
        Some((
            NaiveDate::from_ymd_opt(first, 1, 1)?,
            NaiveDate::from_ymd_opt(last, 12, 31)?,
        ))
    };
    let month_range = |year: i32, first: u32, last: u32| {
        let start = NaiveDate::from_ymd_opt(year, first, 1)?;
        let end = if last == 12 {
            NaiveDate::from_ymd_opt(year, 12, 31)?
        } else {
            NaiveDate::from_ymd_opt(year, last + 1, 1)?.pred_opt()?
        };
        Some((start, end))
    };
    if let Some(fiscal) = value.strip_prefix("FY") {
        let year = year_of(fiscal)?;
        return Some((
            NaiveDate::from_ymd_opt(year - 1, 10, 1)?,
            NaiveDate::from_ymd_opt(year, 9, 30)?,
        ));
    }
    if let Some(decade) = value.strip_suffix('s') {
        let year = year_of(decade)?;
        return (year % 10 == 0)
            .then(|| year_range(year, year + 9))
            .flatten();
    }
    let mut parts = value.split('-');
    let year = year_of(parts.next()?)?;
    let second = parts.next();
    let third = parts.next();
    if parts.next().is_some() {
        return None;
    }
    let number = |text: &str| -> Option<u32> {
        (!text.is_empty() && text.len() <= 2 && text.bytes().all(|b| b.is_ascii_digit()))
            .then(|| text.parse().ok())
            .flatten()
    };
    match (second, third) {
        (None, None) => year_range(year, year),
        (Some(week), None) if week.starts_with('W') => {
            let week = number(&week[1..])?;
            let monday = NaiveDate::from_isoywd_opt(year, week, Weekday::Mon)?;
            Some((
                monday,
                NaiveDate::from_isoywd_opt(year, week, Weekday::Sun)?,
            ))
        }
        (Some(quarter), None) if quarter.starts_with('Q') => {
            let quarter = number(&quarter[1..]).filter(|q| (1..=4).contains(q))?;
            month_range(year, quarter * 3 - 2, quarter * 3)
        }
        (Some(month), None) => {
            let month = number(month)?;
            month_range(year, month, month)
        }
        (Some(month), Some(day)) => {
            let day = NaiveDate::from_ymd_opt(year, number(month)?, number(day)?)?;
            Some((day, day))
        }
        (None, Some(_)) => None,
    }
}

/// A date value as the linker compares it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum When {
    Range(NaiveDate, NaiveDate),
    /// A value we cannot read: equal only to itself.
    Opaque(String),
    Undated,
}

impl When {
    fn of(value: Option<&str>) -> When {
        match value {
            None => When::Undated,
            Some(text) => match date_range(text) {
                Some((first, last)) => When::Range(first, last),
                None => When::Opaque(text.trim().to_string()),
            },
        }
    }

    /// Days covered; the most precise dates come first when sorting by it.
    fn width(&self) -> i64 {
        match self {
            When::Range(first, last) => (*last - *first).num_days() + 1,
            When::Opaque(_) => i64::MAX - 1,
            When::Undated => i64::MAX,
        }
    }

    /// Could both describe the same moment? (overlapping ranges; undated fits anything)
    fn compatible(&self, other: &When) -> bool {
        match (self, other) {
            (When::Undated, _) | (_, When::Undated) => true,
            (When::Range(a_first, a_last), When::Range(b_first, b_last)) => {
                a_first <= b_last && b_first <= a_last
            }
            (When::Opaque(a), When::Opaque(b)) => a == b,
            _ => false,
        }
    }
}

use migtrack_model::name_key;

/// Actions that cannot both be true of one actor and target on one day.
fn opposite(a: Action, b: Action) -> bool {
    const PAIRS: [(Action, Action); 4] = [
        (Action::Join, Action::Withdraw),
        (Action::Endorse, Action::Reject),
        (Action::Attend, Action::Boycott),
        (Action::Fund, Action::Defund),
    ];
    PAIRS
        .iter()
        .any(|&(x, y)| (a, b) == (x, y) || (a, b) == (y, x))
}

/// Events of one (actor, action, target, modality) that agree on a date.
struct Cluster<'a> {
    /// The most precise date in the cluster (the first one it was founded with).
    date: Option<String>,
    when: When,
    events: Vec<&'a LinkEvent>,
    /// Its date fitted several of the clusters founded before it equally well, so it stays
    /// apart. Which ones is not kept: they are the settled clusters before this one whose date
    /// is compatible with its own ([`fitted`]), since a cluster's date and whether it is
    /// settled never change after it is founded.
    ambiguous: bool,
}

/// Group one key's events: most precise dates first; a coarser or missing date joins the one
/// cluster it fits, founds its own cluster when it fits none, and is flagged when it fits
/// several.
///
/// The settled clusters (not ambiguous) are pairwise incompatible: each was founded because
/// it fitted none of the settled clusters before it. So a settled cluster of a one-off action
/// disagrees with every other settled cluster of its key, which [`link`] uses instead of
/// comparing every pair.
fn cluster(events: Vec<&LinkEvent>) -> Vec<Cluster<'_>> {
    let mut by_date: BTreeMap<Option<String>, Vec<&LinkEvent>> = BTreeMap::new();
    for event in events {
        let date = event.date.as_deref().map(str::trim).map(String::from);
        by_date.entry(date).or_default().push(event);
    }
    let mut dates: Vec<(When, Option<String>, Vec<&LinkEvent>)> = by_date
        .into_iter()
        .map(|(date, events)| (When::of(date.as_deref()), date, events))
        .collect();
    dates.sort_by(|a, b| (a.0.width(), &a.1).cmp(&(b.0.width(), &b.1)));
    let mut clusters: Vec<Cluster> = Vec::new();
    for (when, date, events) in dates {
        // The settled clusters this date fits: only whether none, one (which) or several.
        let mut fitting = clusters
            .iter()
            .enumerate()
            .filter(|(_, cluster)| !cluster.ambiguous && cluster.when.compatible(&when))
            .map(|(index, _)| index);
        match (fitting.next(), fitting.next()) {
            (Some(one), None) => clusters[one].events.extend(events),
            (first, second) => clusters.push(Cluster {
                date,
                when,
                events,
                ambiguous: first.is_some() && second.is_some(),
            }),
        }
    }
    clusters
}

/// The settled clusters an ambiguous cluster's date fitted when it was founded (see
/// [`Cluster::ambiguous`]), in cluster order.
fn fitted(clusters: &[Cluster], index: usize) -> Vec<usize> {
    clusters[..index]
        .iter()
        .enumerate()
        .filter(|(_, other)| !other.ambiguous && other.when.compatible(&clusters[index].when))
        .map(|(other, _)| other)
        .collect()
}

/// At most this many other facts are named in one contradiction note; past it the note names
/// the best attested (most sources, then the first reported) and counts the rest. Without a
/// bound the notes of one actor, action and target reported with many dates grow with the
/// square of those dates (every fact names every other): at 1M synthetic documents the link
/// after a bulk ingest grew by 322 MiB, mostly these notes.
pub const NAMED_AT_MOST: usize = 5;

/// Of `candidates` (indexes of one key's clusters, in cluster order), the ones a note names:
/// all of them when there are at most [`NAMED_AT_MOST`], otherwise the best attested in
/// cluster order. The second value is how many are left unnamed.
fn named(
    candidates: &[usize],
    rank: impl Fn(usize) -> (std::cmp::Reverse<usize>, i64),
) -> (Vec<usize>, usize) {
    if candidates.len() <= NAMED_AT_MOST {
        return (candidates.to_vec(), 0);
    }
    let mut best = candidates.to_vec();
    best.select_nth_unstable_by_key(NAMED_AT_MOST - 1, |&index| rank(index));
    best.truncate(NAMED_AT_MOST);
    best.sort_unstable();
    (best, candidates.len() - NAMED_AT_MOST)
}

/// The most common spelling of a name among the events (ties: the smallest).
fn display_name<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for name in names {
        *counts.entry(name).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by(|(a_name, a_count), (b_name, b_count)| {
            a_count.cmp(b_count).then(b_name.cmp(a_name))
        })
        .map(|(name, _)| name.to_string())
        .unwrap_or_default()
}

fn describe_date(date: &Option<String>) -> String {
    date.clone().unwrap_or_else(|| "no date".into())
}

/// Merge events into facts with their sources, and flag what disagrees.
///
/// The notes are bounded: a fact names at most [`NAMED_AT_MOST`] other facts in one note and
/// counts the rest, so the notes of a key cost memory linear in its facts, never quadratic.
pub fn link(events: &[LinkEvent]) -> Vec<LinkedFact> {
    type Key = (String, Action, String, &'static str);
    let mut groups: BTreeMap<Key, Vec<&LinkEvent>> = BTreeMap::new();
    for event in events {
        let key = (
            name_key(&event.actor),
            event.action,
            name_key(&event.target),
            event.modality.as_str(),
        );
        groups.entry(key).or_default().push(event);
    }

    // Facts per key, in cluster order; `when` is kept for the same-day check below.
    let mut drafts: Vec<(LinkedFact, When)> = Vec::new();
    for group in groups.into_values() {
        let clusters = cluster(group);
        let base = drafts.len();
        for cluster in &clusters {
            drafts.push((draft_fact(cluster), cluster.when.clone()));
        }
        // A repeatable measure (a cap cut, a deployment, a criticism) reported with two dates
        // is two measures; a one-off move (joining, leaving, hosting) with two dates is a
        // contradiction.
        if clusters
            .first()
            .is_some_and(|first| !first.events[0].action.is_one_off())
        {
            continue;
        }
        let group_drafts = &drafts[base..];
        let reference = |index: usize| {
            let fact = &group_drafts[index].0;
            format!("{} (fact {})", describe_date(&fact.date), fact.id)
        };
        let rank = |index: usize| {
            let fact = &group_drafts[index].0;
            (std::cmp::Reverse(fact.source_count), fact.id)
        };
        let settled: Vec<usize> = (0..clusters.len())
            .filter(|&index| !clusters[index].ambiguous)
            .collect();
        // The settled facts any settled fact may name when there are too many to name all:
        // the best attested, one more than a note names, in case the fact itself is one.
        let mut leaders = settled.clone();
        if leaders.len() > NAMED_AT_MOST + 1 {
            leaders.select_nth_unstable_by_key(NAMED_AT_MOST, |&index| rank(index));
            leaders.truncate(NAMED_AT_MOST + 1);
        }
        leaders.sort_unstable();
        let mut notes: Vec<Vec<String>> = vec![Vec::new(); clusters.len()];
        for &index in &settled {
            // Settled clusters are pairwise incompatible (see `cluster`): each disagrees with
            // every other.
            let others = settled.len() - 1;
            let shown: Vec<usize> = if others <= NAMED_AT_MOST {
                settled
                    .iter()
                    .copied()
                    .filter(|&other| other != index)
                    .collect()
            } else {
                let mut best: Vec<usize> = leaders
                    .iter()
                    .copied()
                    .filter(|&other| other != index)
                    .collect();
                best.sort_by_key(|&other| rank(other));
                best.truncate(NAMED_AT_MOST);
                best.sort_unstable();
                best
            };
            for &other in &shown {
                notes[index].push(format!("also reported as {}", reference(other)));
            }
            if others > shown.len() {
                notes[index].push(format!(
                    "also reported as {} other dates",
                    others - shown.len()
                ));
            }
        }
        for index in (0..clusters.len()).filter(|&index| clusters[index].ambiguous) {
            let (shown, unnamed) = named(&fitted(&clusters, index), rank);
            let mut fits: Vec<String> = shown.into_iter().map(reference).collect();
            if unnamed > 0 {
                fits.push(format!("and {unnamed} more"));
            }
            notes[index].push(format!(
                "{} fits several reported dates: {}",
                describe_date(&clusters[index].date),
                fits.join(", ")
            ));
        }
        for ((fact, _), notes) in drafts[base..].iter_mut().zip(notes) {
            fact.contradictions = notes;
        }
    }

    // Opposite actions by the same actor on the same target on the same day. One settled
    // cluster a day per key at most (days are the most precise dates), so a day of one actor
    // and target holds at most one fact per action: this names a bounded number.
    let mut same_day: BTreeMap<(String, String, NaiveDate), Vec<usize>> = BTreeMap::new();
    for (index, (fact, when)) in drafts.iter().enumerate() {
        if let (When::Range(day, last), Modality::Asserted) = (when, fact.modality)
            && day == last
        {
            let key = (name_key(&fact.actor), name_key(&fact.target), *day);
            same_day.entry(key).or_default().push(index);
        }
    }
    for indexes in same_day.values() {
        for &index in indexes {
            for &other in indexes {
                let other_fact = &drafts[other].0;
                if opposite(drafts[index].0.action, other_fact.action) {
                    let note = format!(
                        "also reported to {} on {} (fact {})",
                        other_fact.action,
                        describe_date(&other_fact.date),
                        other_fact.id
                    );
                    drafts[index].0.contradictions.push(note);
                }
            }
        }
    }

    // A fact's id is its first event's id: unique (an event is in one fact), in the order of
    // first report, and the same whether every event is linked or only those of the fact's
    // link unit, so an incremental link writes what a full one would.
    let mut facts: Vec<LinkedFact> = drafts.into_iter().map(|(fact, _)| fact).collect();
    facts.sort_by_key(|fact| fact.id);
    facts
}

/// The fact of one cluster, its id its first event's, without notes.
fn draft_fact(cluster: &Cluster) -> LinkedFact {
    let mut events = cluster.events.clone();
    events.sort_by_key(|event| event.event_id);
    let stories: BTreeSet<i64> = events.iter().map(|event| event.story_id).collect();
    let documents: BTreeSet<i64> = events.iter().map(|event| event.doc_id).collect();
    let outlets: BTreeSet<String> = events
        .iter()
        .filter_map(|event| event.outlet.as_deref())
        .map(str::trim)
        .filter(|outlet| !outlet.is_empty())
        .map(String::from)
        .collect();
    let published = events.iter().filter_map(|event| event.published);
    LinkedFact {
        id: events.first().map_or(i64::MAX, |event| event.event_id),
        actor: display_name(events.iter().map(|event| event.actor.as_str())),
        action: events.first().map_or(Action::Join, |event| event.action),
        target: display_name(events.iter().map(|event| event.target.as_str())),
        date: cluster.date.clone(),
        modality: events
            .first()
            .map_or(Modality::Asserted, |event| event.modality),
        source_count: stories.len(),
        document_count: documents.len(),
        outlets: outlets.into_iter().collect(),
        first_reported: published.clone().min(),
        latest_reported: published.max(),
        event_ids: events.iter().map(|event| event.event_id).collect(),
        contradictions: Vec::new(),
    }
}

/// The actions that change a state's status in a framework (those with a [`status_word`]):
/// the only facts [`status`] reads, so a store can hand it just those.
pub const STATUS_ACTIONS: [Action; 5] = [
    Action::Join,
    Action::Endorse,
    Action::Withdraw,
    Action::Reject,
    Action::Boycott,
];

/// The status word of a status-changing action (`join` → `joined`).
pub fn status_word(action: Action) -> Option<&'static str> {
    Some(match action {
        Action::Join => "joined",
        Action::Endorse => "endorsed",
        Action::Withdraw => "withdrew",
        Action::Reject => "rejected",
        Action::Boycott => "boycotted",
        _ => return None,
    })
}

/// The day a fact is placed at: the first day of its date, or, undated (or unreadable), the
/// day it was first reported.
pub fn fact_day(fact: &LinkedFact) -> Option<NaiveDate> {
    fact.date
        .as_deref()
        .and_then(date_range)
        .map(|(first, _)| first)
        .or(fact.first_reported)
}

/// The state × framework table as it stood on `at` (today's table when `None`): for every
/// (state, framework) pair the latest asserted status fact placed on or before `at` (see
/// [`fact_day`]); same-day ties go to the fact with more sources, then the later id.
pub fn status(
    facts: &[LinkedFact],
    at: Option<NaiveDate>,
    is_state: impl Fn(&str) -> bool,
    is_framework: impl Fn(&str) -> bool,
) -> Vec<StatusCell> {
    // (state, framework) → ((day, sources, id) rank, the fact)
    type Latest<'a> = BTreeMap<(String, String), ((NaiveDate, usize, i64), &'a LinkedFact)>;
    let mut latest: Latest = BTreeMap::new();
    for fact in facts {
        if status_word(fact.action).is_none()
            || fact.modality != Modality::Asserted
            || !is_state(&fact.actor)
            || !is_framework(&fact.target)
        {
            continue;
        }
        let Some(day) = fact_day(fact) else {
            continue;
        };
        if at.is_some_and(|at| day > at) {
            continue;
        }
        let rank = (day, fact.source_count, fact.id);
        let key = (fact.actor.clone(), fact.target.clone());
        if latest.get(&key).is_none_or(|(seen, _)| rank > *seen) {
            latest.insert(key, (rank, fact));
        }
    }
    latest
        .into_values()
        .filter_map(|(_, fact)| {
            Some(StatusCell {
                state: fact.actor.clone(),
                framework: fact.target.clone(),
                status: status_word(fact.action)?.to_string(),
                date: fact.date.clone(),
                fact_id: fact.id,
                source_count: fact.source_count,
                sources: fact.outlets.clone(),
            })
        })
        .collect()
}

/// [`status`] with the domain pack telling states (ISO codes) from frameworks and bodies: the
/// table the CLI and the API show.
pub fn status_table(
    facts: &[LinkedFact],
    at: Option<NaiveDate>,
    pack: &migtrack_domain::Pack,
) -> Vec<StatusCell> {
    let kind = |id: &str| pack.entity(id).map(|entity| entity.kind);
    status(
        facts,
        at,
        |id| kind(id) == Some(migtrack_domain::EntityKind::State),
        |id| kind(id).is_some_and(|kind| kind != migtrack_domain::EntityKind::State),
    )
}

/// Facts in time order: by [`fact_day`] (undated facts at their first report), facts with
/// neither date nor report last; a coarser date before a finer one on the same first day.
pub fn timeline(mut facts: Vec<LinkedFact>) -> Vec<LinkedFact> {
    facts.sort_by_cached_key(|fact| {
        let day = fact_day(fact);
        let width = When::of(fact.date.as_deref()).width();
        (day.is_none(), day, std::cmp::Reverse(width), fact.id)
    });
    facts
}

/// The year of a fact's day, for grouping a timeline.
pub fn fact_year(fact: &LinkedFact) -> Option<i32> {
    fact_day(fact).map(|day| day.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `id doc story outlet published | actor action target date [modality]`, e.g.
    /// `1 1 1 AP 2017-12-03 | USA withdraw gcm 2017-12-02`; `-` for none.
    fn events(lines: &str) -> Vec<LinkEvent> {
        lines
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .map(|line| {
                let (source, record) = line.split_once('|').expect("a | in the line");
                let source: Vec<&str> = source.split_whitespace().collect();
                let record: Vec<&str> = record.split_whitespace().collect();
                let optional = |text: &str| (text != "-").then(|| text.to_string());
                let number = |text: &str| text.parse::<i64>().expect("a number");
                LinkEvent {
                    event_id: number(source[0]),
                    doc_id: number(source[1]),
                    story_id: number(source[2]),
                    outlet: optional(source[3]),
                    published: optional(source[4])
                        .map(|day| NaiveDate::parse_from_str(&day, "%Y-%m-%d").expect("a day")),
                    actor: record[0].replace('_', " "),
                    action: Action::parse(record[1]).expect("an action"),
                    target: record[2].replace('_', " "),
                    date: optional(record[3]),
                    modality: match record.get(4).copied() {
                        Some("planned") => Modality::Planned,
                        Some("negated") => Modality::Negated,
                        _ => Modality::Asserted,
                    },
                }
            })
            .collect()
    }

    /// One line per fact: `#id actor action target date sources/docs [events] outlets first..latest`
    /// then each flag on its own `  ! ` line.
    fn describe(facts: &[LinkedFact]) -> Vec<String> {
        let mut lines = Vec::new();
        for fact in facts {
            let day = |day: Option<NaiveDate>| day.map_or("-".to_string(), |d| d.to_string());
            lines.push(format!(
                "#{} {} {} {} {} {}/{} {:?} {} {}..{}",
                fact.id,
                fact.actor,
                fact.action,
                fact.target,
                fact.date.as_deref().unwrap_or("-"),
                fact.source_count,
                fact.document_count,
                fact.event_ids,
                if fact.outlets.is_empty() {
                    "-".to_string()
                } else {
                    fact.outlets.join(",")
                },
                day(fact.first_reported),
                day(fact.latest_reported),
            ));
            for note in &fact.contradictions {
                lines.push(format!("  ! {note}"));
            }
        }
        lines
    }

    fn check(input: &str, expected: &[&str]) {
        let facts = link(&events(input));
        assert_eq!(describe(&facts), expected, "input:\n{input}");
    }

    #[test]
    fn same_event_from_several_documents_merges_into_one_fact() {
        check(
            "1 1 1 AP 2017-12-03 | USA withdraw gcm 2017-12-02
             2 2 2 Reuters 2017-12-04 | USA withdraw gcm 2017-12-02
             3 3 3 AP 2017-12-05 | usa withdraw GCM 2017-12-02",
            &["#1 USA withdraw gcm 2017-12-02 3/3 [1, 2, 3] AP,Reuters 2017-12-03..2017-12-05"],
        );
    }

    #[test]
    fn different_actor_action_or_target_stay_apart() {
        check(
            "1 1 1 - - | USA withdraw gcm 2017-12-02
             2 1 1 - - | USA boycott gcm 2017-12-02
             3 1 1 - - | HUN withdraw gcm 2017-12-02
             4 1 1 - - | USA withdraw unhcr 2017-12-02",
            &[
                "#1 USA withdraw gcm 2017-12-02 1/1 [1] - -..-",
                "#2 USA boycott gcm 2017-12-02 1/1 [2] - -..-",
                "#3 HUN withdraw gcm 2017-12-02 1/1 [3] - -..-",
                "#4 USA withdraw unhcr 2017-12-02 1/1 [4] - -..-",
            ],
        );
    }

    #[test]
    fn coarser_and_missing_dates_join_the_precise_one() {
        check(
            "1 1 1 - - | USA withdraw gcm 2017
             2 2 2 - - | USA withdraw gcm 2017-12
             3 3 3 - - | USA withdraw gcm -
             4 4 4 - - | USA withdraw gcm 2017-12-02
             5 5 5 - - | USA withdraw gcm 2017-W48
             6 6 6 - - | USA withdraw gcm 2017-Q4",
            &["#1 USA withdraw gcm 2017-12-02 6/6 [1, 2, 3, 4, 5, 6] - -..-"],
        );
    }

    #[test]
    fn coarse_dates_alone_agree_on_the_most_precise() {
        check(
            "1 1 1 - - | USA withdraw gcm 2017
             2 2 2 - - | USA withdraw gcm 2017-12
             3 3 3 - - | USA withdraw gcm -",
            &["#1 USA withdraw gcm 2017-12 3/3 [1, 2, 3] - -..-"],
        );
    }

    #[test]
    fn near_duplicate_copies_count_as_one_source() {
        // Documents 1–3 are copies of one wire story (story 7); document 4 reported it apart.
        check(
            "1 1 7 AP 2018-12-10 | AUS reject gcm 2018-12-09
             2 2 7 Yahoo 2018-12-10 | AUS reject gcm 2018-12-09
             3 3 7 MSN 2018-12-11 | AUS reject gcm -
             4 4 8 ABC 2018-12-12 | AUS reject gcm 2018-12",
            &[
                "#1 AUS reject gcm 2018-12-09 2/4 [1, 2, 3, 4] ABC,AP,MSN,Yahoo 2018-12-10..2018-12-12",
            ],
        );
    }

    #[test]
    fn the_same_event_twice_in_one_document_counts_one_document() {
        check(
            "1 1 1 - - | USA withdraw gcm 2017-12-02
             2 1 1 - - | USA withdraw gcm -",
            &["#1 USA withdraw gcm 2017-12-02 1/1 [1, 2] - -..-"],
        );
    }

    #[test]
    fn two_dates_for_one_withdrawal_give_two_flagged_facts() {
        check(
            "1 1 1 - - | USA withdraw gcm 2017-12-02
             2 2 2 - - | USA withdraw gcm 2017-12-03
             3 3 3 - - | USA withdraw gcm 2017-12-02",
            &[
                "#1 USA withdraw gcm 2017-12-02 2/2 [1, 3] - -..-",
                "  ! also reported as 2017-12-03 (fact 2)",
                "#2 USA withdraw gcm 2017-12-03 1/1 [2] - -..-",
                "  ! also reported as 2017-12-02 (fact 1)",
            ],
        );
    }

    #[test]
    fn a_repeatable_measure_on_two_dates_is_two_facts_without_a_flag() {
        check(
            "1 1 1 - - | USA restrict immigration 2011
             2 2 2 - - | USA restrict immigration 2017",
            &[
                "#1 USA restrict immigration 2011 1/1 [1] - -..-",
                "#2 USA restrict immigration 2017 1/1 [2] - -..-",
            ],
        );
    }

    #[test]
    fn a_coarse_date_fitting_two_contradicting_dates_stays_apart_and_says_so() {
        check(
            "1 1 1 - - | USA withdraw gcm 2017-12-02
             2 2 2 - - | USA withdraw gcm 2017-12-03
             3 3 3 - - | USA withdraw gcm 2017-12
             4 4 4 - - | USA withdraw gcm -",
            &[
                "#1 USA withdraw gcm 2017-12-02 1/1 [1] - -..-",
                "  ! also reported as 2017-12-03 (fact 2)",
                "#2 USA withdraw gcm 2017-12-03 1/1 [2] - -..-",
                "  ! also reported as 2017-12-02 (fact 1)",
                "#3 USA withdraw gcm 2017-12 1/1 [3] - -..-",
                "  ! 2017-12 fits several reported dates: 2017-12-02 (fact 1), 2017-12-03 (fact 2)",
                "#4 USA withdraw gcm - 1/1 [4] - -..-",
                "  ! no date fits several reported dates: 2017-12-02 (fact 1), 2017-12-03 (fact 2)",
            ],
        );
    }

    /// `count` one-off moves of USA towards MEX, each on its own day of 2019 and from its own
    /// story; the move on day `i` is reported by `1 + sources(i)` stories.
    fn dated_moves(count: usize, sources: impl Fn(usize) -> usize) -> String {
        let start = NaiveDate::from_ymd_opt(2019, 1, 1).expect("day");
        let mut lines = String::new();
        let mut id = 0;
        for day in 0..count {
            let date = start + chrono::Days::new(day as u64);
            for _ in 0..1 + sources(day) {
                id += 1;
                lines.push_str(&format!("{id} {id} {id} - - | USA agree MEX {date}\n"));
            }
        }
        lines
    }

    #[test]
    fn a_move_reported_with_many_dates_names_a_bounded_number_of_them() {
        // 400 dates for one move: every fact disagrees with 399 others. Days 7 and 100 to 103
        // are the best attested, so they are the ones each note names.
        let count = 400;
        let best = [7, 100, 101, 102, 103];
        let mut input = dated_moves(count, |day| usize::from(best.contains(&day)) * 2);
        input.push_str("9000 9000 9000 - - | USA agree MEX -\n");
        let facts = link(&events(&input));
        assert_eq!(facts.len(), count + 1);
        // A fact names the five best attested others and counts the rest.
        let first = &facts[0];
        assert_eq!(first.date.as_deref(), Some("2019-01-01"));
        assert_eq!(
            first.contradictions,
            vec![
                "also reported as 2019-01-08 (fact 8)",
                "also reported as 2019-04-11 (fact 103)",
                "also reported as 2019-04-12 (fact 106)",
                "also reported as 2019-04-13 (fact 109)",
                "also reported as 2019-04-14 (fact 112)",
                "also reported as 394 other dates",
            ]
        );
        // A best attested fact names the other four and the next best (fewest ids first).
        let day_7 = facts.iter().find(|fact| fact.id == 8).expect("day 7");
        assert_eq!(
            day_7.contradictions[0],
            "also reported as 2019-01-01 (fact 1)"
        );
        assert_eq!(day_7.contradictions[5], "also reported as 394 other dates");
        // The undated report fits every date: it names five and counts the rest.
        let undated = facts
            .iter()
            .find(|fact| fact.date.is_none())
            .expect("undated");
        assert_eq!(
            undated.contradictions,
            vec![
                "no date fits several reported dates: 2019-01-08 (fact 8), \
                 2019-04-11 (fact 103), 2019-04-12 (fact 106), 2019-04-13 (fact 109), \
                 2019-04-14 (fact 112), and 395 more"
            ]
        );
        // Bounded: at most six notes a fact, so the notes grow with the facts, not their square
        // (unbounded, these 401 facts carried 159,601 notes).
        assert!(
            facts
                .iter()
                .all(|fact| fact.contradictions.len() <= NAMED_AT_MOST + 1)
        );
        let bytes: usize = facts
            .iter()
            .flat_map(|fact| &fact.contradictions)
            .map(String::len)
            .sum();
        assert!(bytes < facts.len() * 300, "{bytes} bytes of notes");
    }

    #[test]
    fn a_move_reported_with_few_dates_names_every_other_one() {
        // The negative twin: six dates, each naming the other five, as many as a note names.
        let facts = link(&events(&dated_moves(NAMED_AT_MOST + 1, |day| day % 2)));
        assert_eq!(facts.len(), NAMED_AT_MOST + 1);
        for fact in &facts {
            assert_eq!(fact.contradictions.len(), NAMED_AT_MOST, "{fact:?}");
            let named: BTreeSet<i64> = fact
                .contradictions
                .iter()
                .map(|note| {
                    let id = note.rsplit_once("(fact ").expect("a fact").1;
                    id.trim_end_matches(')').parse().expect("an id")
                })
                .collect();
            let others: BTreeSet<i64> = facts
                .iter()
                .map(|other| other.id)
                .filter(|&id| id != fact.id)
                .collect();
            assert_eq!(named, others);
        }
        assert_eq!(
            facts[0].contradictions,
            vec![
                "also reported as 2019-01-02 (fact 2)",
                "also reported as 2019-01-03 (fact 4)",
                "also reported as 2019-01-04 (fact 5)",
                "also reported as 2019-01-05 (fact 7)",
                "also reported as 2019-01-06 (fact 8)",
            ]
        );
    }

    #[test]
    fn joined_and_withdrew_on_the_same_day_flags_both() {
        check(
            "1 1 1 - - | HUN join gcm 2018-12-10
             2 2 2 - - | HUN withdraw gcm 2018-12-10
             3 3 3 - - | ITA endorse gcm 2018-12-10
             4 4 4 - - | ITA reject gcm 2018-12-11",
            &[
                "#1 HUN join gcm 2018-12-10 1/1 [1] - -..-",
                "  ! also reported to withdraw on 2018-12-10 (fact 2)",
                "#2 HUN withdraw gcm 2018-12-10 1/1 [2] - -..-",
                "  ! also reported to join on 2018-12-10 (fact 1)",
                "#3 ITA endorse gcm 2018-12-10 1/1 [3] - -..-",
                "#4 ITA reject gcm 2018-12-11 1/1 [4] - -..-",
            ],
        );
    }

    #[test]
    fn modalities_stay_apart() {
        check(
            "1 1 1 - - | USA withdraw gcm 2017-12-02
             2 2 2 - - | USA withdraw gcm - planned",
            &[
                "#1 USA withdraw gcm 2017-12-02 1/1 [1] - -..-",
                "#2 USA withdraw gcm - 1/1 [2] - -..-",
            ],
        );
    }

    #[test]
    fn date_ranges_cover_each_normalised_form() {
        let day = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("day");
        let cases = [
            ("2017-12-02", Some(("2017-12-02", "2017-12-02"))),
            ("2017-12", Some(("2017-12-01", "2017-12-31"))),
            ("2016-02", Some(("2016-02-01", "2016-02-29"))),
            ("2017", Some(("2017-01-01", "2017-12-31"))),
            ("2017-W48", Some(("2017-11-27", "2017-12-03"))),
            ("2017-Q4", Some(("2017-10-01", "2017-12-31"))),
            ("FY2026", Some(("2025-10-01", "2026-09-30"))),
            ("1970s", Some(("1970-01-01", "1979-12-31"))),
            ("1975s", None),
            ("2017-13", None),
            ("2017-Q5", None),
            ("soon", None),
            ("", None),
        ];
        for (value, expected) in cases {
            assert_eq!(
                date_range(value),
                expected.map(|(first, last)| (day(first), day(last))),
                "{value}"
            );
        }
    }

    fn status_table(input: &str, at: Option<&str>) -> Vec<String> {
        let facts = link(&events(input));
        let at = at.map(|day| NaiveDate::parse_from_str(day, "%Y-%m-%d").expect("day"));
        let is_state = |name: &str| name.len() == 3 && name.chars().all(|c| c.is_ascii_uppercase());
        let is_framework = |name: &str| name == "gcm" || name == "gcr";
        status(&facts, at, is_state, is_framework)
            .iter()
            .map(|cell| {
                format!(
                    "{} {} {} {} fact {} {} {}",
                    cell.state,
                    cell.framework,
                    cell.status,
                    cell.date.as_deref().unwrap_or("-"),
                    cell.fact_id,
                    cell.source_count,
                    cell.sources.join(",")
                )
            })
            .collect()
    }

    const STATUS_EVENTS: &str = "
        1 1 1 AP 2018-12-10 | HUN endorse gcm 2018-07
        2 2 2 AP 2018-07-19 | HUN withdraw gcm 2018-07-18
        3 3 3 Reuters 2018-07-20 | HUN withdraw gcm 2018-07-18
        4 4 4 AP 2018-12-11 | CHL join gcm -
        5 5 5 AP 2018-12-11 | USA urge gcm 2018-12-01
        6 6 6 AP 2018-12-11 | ITA boycott gcm 2018-12-10 planned
        7 7 7 AP 2018-12-11 | Some_Person join gcm 2018-12-10
        8 8 8 AP 2018-12-11 | AUT reject refugee_policy 2018-12-10";

    #[test]
    fn the_status_actions_are_those_with_a_status_word() {
        for action in Action::ALL {
            assert_eq!(
                status_word(action).is_some(),
                STATUS_ACTIONS.contains(&action),
                "{action}"
            );
        }
    }

    #[test]
    fn status_before_a_withdrawal_shows_the_earlier_status() {
        assert_eq!(
            status_table(STATUS_EVENTS, Some("2018-07-17")),
            vec!["HUN gcm endorsed 2018-07 fact 1 1 AP"]
        );
    }

    #[test]
    fn status_after_a_withdrawal_shows_it_with_its_sources() {
        assert_eq!(
            status_table(STATUS_EVENTS, Some("2018-07-18")),
            vec!["HUN gcm withdrew 2018-07-18 fact 2 2 AP,Reuters"]
        );
    }

    #[test]
    fn status_today_places_undated_facts_at_their_first_report() {
        assert_eq!(
            status_table(STATUS_EVENTS, None),
            vec![
                "CHL gcm joined - fact 4 1 AP",
                "HUN gcm withdrew 2018-07-18 fact 2 2 AP,Reuters",
            ]
        );
        assert_eq!(
            status_table(STATUS_EVENTS, Some("2018-12-10")),
            vec!["HUN gcm withdrew 2018-07-18 fact 2 2 AP,Reuters"]
        );
    }

    #[test]
    fn timeline_orders_by_day_with_undated_at_first_report() {
        let facts = link(&events(
            "1 1 1 - 2019-01-05 | USA withdraw gcm -
             2 2 2 - - | HUN withdraw gcm 2018-07-18
             3 3 3 - - | AUS reject gcm 2018
             4 4 4 - - | ITA boycott gcm -
             5 5 5 - - | CHL join gcm 2018-07-18",
        ));
        let order: Vec<i64> = timeline(facts).iter().map(|fact| fact.id).collect();
        assert_eq!(order, vec![3, 2, 5, 1, 4]);
    }

    #[test]
    fn linking_is_deterministic_whatever_the_input_order() {
        let mut input = events(STATUS_EVENTS);
        let forward = link(&input);
        input.reverse();
        assert_eq!(link(&input), forward);
    }
}
