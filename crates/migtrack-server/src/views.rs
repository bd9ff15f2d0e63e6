//! Read-only views computed from the stored facts for the page: the timeline items and the
//! state × framework status table as of a day.
//!
//! The link stage (`migtrack_pipeline::link`) owns how events merge into facts; this module only
//! arranges already-linked facts on a time axis and picks, per (actor, framework), the latest
//! status fact on or before a day.

use chrono::NaiveDate;
use migtrack_model::{Action, Modality};
use migtrack_store::{Fact, StatusCell};
use serde::Serialize;
use std::collections::BTreeMap;

/// A fact placed on the time axis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineItem {
    pub fact_id: i64,
    /// The day the item is drawn at: the fact's date (its first day when coarser than a day),
    /// else the day it was first reported.
    pub day: Option<NaiveDate>,
    /// The fact's own date as the sources give it (`2017-12-02`, `2018-12`, `2018`), if any.
    pub date: Option<String>,
    /// `true` when `day` comes from the report date because the fact has no date of its own.
    pub reported_only: bool,
    pub actor: String,
    pub action: Action,
    pub target: String,
    pub modality: Modality,
    pub source_count: usize,
    pub document_count: usize,
    pub outlets: Vec<String>,
    pub first_reported: Option<NaiveDate>,
    pub latest_reported: Option<NaiveDate>,
    pub event_ids: Vec<i64>,
    pub contradictions: Vec<String>,
}

/// The first day of a normalised date value: `2018-12-10`, `2018-12` → 12-01, `2018` → 01-01.
/// Other shapes (weeks, quarters, fiscal years, decades) give `None`.
pub fn first_day(value: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = value.split('-').collect();
    let number = |text: &str, digits: usize| -> Option<u32> {
        (text.len() == digits && text.bytes().all(|byte| byte.is_ascii_digit()))
            .then(|| text.parse().ok())
            .flatten()
    };
    match parts.as_slice() {
        [year] => NaiveDate::from_ymd_opt(number(year, 4)? as i32, 1, 1),
        [year, month] => NaiveDate::from_ymd_opt(number(year, 4)? as i32, number(month, 2)?, 1),
        [year, month, day] => {
            NaiveDate::from_ymd_opt(number(year, 4)? as i32, number(month, 2)?, number(day, 2)?)
        }
        _ => None,
    }
}

pub fn timeline_item(fact: &Fact) -> TimelineItem {
    let own_day = fact.date.as_deref().and_then(first_day);
    TimelineItem {
        fact_id: fact.id,
        day: own_day.or(fact.first_reported),
        date: fact.date.clone(),
        reported_only: own_day.is_none() && fact.first_reported.is_some(),
        actor: fact.actor.clone(),
        action: fact.action,
        target: fact.target.clone(),
        modality: fact.modality,
        source_count: fact.source_count,
        document_count: fact.document_count,
        outlets: fact.outlets.clone(),
        first_reported: fact.first_reported,
        latest_reported: fact.latest_reported,
        event_ids: fact.event_ids.clone(),
        contradictions: fact.contradictions.clone(),
    }
}

/// The status word of a status action (`join` → `joined`).
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

/// The state × framework table as it stood on `at`: for every (actor, target) pair the latest
/// asserted status fact dated (or, undated, first reported) on or before `at`.
pub fn status_at(facts: &[Fact], at: NaiveDate) -> Vec<StatusCell> {
    let mut latest: BTreeMap<(String, String), (NaiveDate, i64, &Fact)> = BTreeMap::new();
    for fact in facts {
        if !fact.action.is_status() || fact.modality != Modality::Asserted {
            continue;
        }
        let Some(day) = fact
            .date
            .as_deref()
            .and_then(first_day)
            .or(fact.first_reported)
        else {
            continue;
        };
        if day > at {
            continue;
        }
        let key = (fact.actor.clone(), fact.target.clone());
        let newer = latest
            .get(&key)
            .is_none_or(|(seen_day, seen_id, _)| (day, fact.id) > (*seen_day, *seen_id));
        if newer {
            latest.insert(key, (day, fact.id, fact));
        }
    }
    latest
        .into_values()
        .filter_map(|(_, _, fact)| {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn fact(id: i64, action: Action, date: Option<&str>, reported: Option<&str>) -> Fact {
        Fact {
            id,
            actor: "USA".into(),
            action,
            target: "gcm".into(),
            date: date.map(str::to_string),
            modality: Modality::Asserted,
            source_count: 1,
            document_count: 1,
            outlets: vec!["Outlet".into()],
            first_reported: reported.map(|text| text.parse().unwrap()),
            latest_reported: None,
            event_ids: vec![id],
            contradictions: vec![],
        }
    }

    #[test]
    fn first_day_of_normalised_dates() {
        let cases = [
            ("2018-12-10", Some("2018-12-10")),
            ("2018-12", Some("2018-12-01")),
            ("2018", Some("2018-01-01")),
            ("2018-W50", None),
            ("FY2026", None),
            ("1970s", None),
            ("2018-13", None),
        ];
        for (value, expected) in cases {
            let expected = expected.map(|text| text.parse::<NaiveDate>().unwrap());
            assert_eq!(first_day(value), expected, "{value}");
        }
    }

    #[test]
    fn status_takes_the_latest_fact_on_or_before_the_day() {
        let facts = [
            fact(1, Action::Join, Some("2016-09-19"), None),
            fact(2, Action::Withdraw, Some("2017-12-02"), None),
            fact(3, Action::Criticize, Some("2018-01-01"), None),
            fact(4, Action::Reject, None, Some("2018-12-10")),
        ];
        let cases = [
            ("2016-01-01", None),
            ("2016-09-19", Some(("joined", 1))),
            ("2017-12-01", Some(("joined", 1))),
            ("2017-12-02", Some(("withdrew", 2))),
            ("2018-06-01", Some(("withdrew", 2))),
            ("2018-12-10", Some(("rejected", 4))),
        ];
        for (at, expected) in cases {
            let cells = status_at(&facts, at.parse().unwrap());
            let got = cells
                .first()
                .map(|cell| (cell.status.as_str(), cell.fact_id));
            assert_eq!(got, expected, "at {at}");
            assert!(cells.len() <= 1);
        }
    }

    #[test]
    fn planned_or_negated_status_facts_do_not_change_the_table() {
        let mut planned = fact(1, Action::Withdraw, Some("2017-12-02"), None);
        planned.modality = Modality::Planned;
        assert!(status_at(&[planned], "2020-01-01".parse().unwrap()).is_empty());
    }

    #[test]
    fn timeline_items_fall_back_to_the_report_day() {
        let item = timeline_item(&fact(7, Action::Boycott, None, Some("2017-12-03")));
        assert_eq!(item.day, "2017-12-03".parse().ok());
        assert!(item.reported_only);
        let item = timeline_item(&fact(
            8,
            Action::Boycott,
            Some("2017-12"),
            Some("2017-12-03"),
        ));
        assert_eq!(item.day, "2017-12-01".parse().ok());
        assert!(!item.reported_only);
    }
}
