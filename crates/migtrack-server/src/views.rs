//! Read-only views of the stored facts for the API and the page, computed by the link stage
//! (`migtrack_pipeline::link`): where a fact goes on the timeline, and the state × framework
//! table as of a day.

use chrono::NaiveDate;
use migtrack_domain::Pack;
use migtrack_pipeline::link;
use migtrack_store::{Fact, StatusCell};

/// Where a fact goes on the time axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    /// The first day of the fact's date, else the day it was first reported
    /// (`link::fact_day`).
    pub day: Option<NaiveDate>,
    /// `true` when `day` comes from the report date because the fact has no usable date.
    pub reported_only: bool,
}

pub fn place(fact: &Fact) -> Placed {
    let own_day = fact
        .date
        .as_deref()
        .and_then(link::date_range)
        .map(|(first, _)| first);
    Placed {
        day: link::fact_day(fact),
        reported_only: own_day.is_none() && fact.first_reported.is_some(),
    }
}

/// The state × framework table on `at`: states and non-state entities (frameworks, bodies) as
/// the domain pack knows them.
pub fn status_at(facts: &[Fact], at: NaiveDate, pack: &Pack) -> Vec<StatusCell> {
    link::status_table(facts, Some(at), pack)
}

#[cfg(test)]
mod tests {
    use super::*;
    use migtrack_model::{Action, Modality};
    use migtrack_store::EventRef;

    fn fact(
        id: i64,
        actor: &str,
        action: Action,
        date: Option<&str>,
        reported: Option<&str>,
    ) -> Fact {
        Fact {
            id,
            actor: actor.into(),
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
    fn status_takes_the_latest_fact_on_or_before_the_day() {
        let facts = [
            fact(1, "USA", Action::Join, Some("2016-09-19"), None),
            fact(2, "USA", Action::Withdraw, Some("2017-12-02"), None),
            fact(3, "USA", Action::Criticize, Some("2018-01-01"), None),
            fact(4, "USA", Action::Reject, None, Some("2018-12-10")),
            fact(5, "Somebody", Action::Join, Some("2016-01-01"), None),
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
            let cells = status_at(&facts, at.parse().unwrap(), Pack::builtin());
            let got = cells
                .first()
                .map(|cell| (cell.status.as_str(), cell.fact_id));
            assert_eq!(got, expected, "at {at}");
            assert!(cells.len() <= 1, "only USA is a state: {cells:?}");
        }
    }

    #[test]
    fn timeline_items_fall_back_to_the_report_day() {
        let item = place(&fact(7, "USA", Action::Boycott, None, Some("2017-12-03")));
        assert_eq!(item.day, "2017-12-03".parse().ok());
        assert!(item.reported_only);
        let item = place(&fact(
            8,
            "USA",
            Action::Boycott,
            Some("2017-12"),
            Some("2017-12-03"),
        ));
        assert_eq!(item.day, "2017-12-01".parse().ok());
        assert!(!item.reported_only);
    }

    #[test]
    fn linking_merges_reports_of_the_same_event() {
        let event = |event_id, doc_id| EventRef {
            event_id,
            doc_id,
            story_id: doc_id,
            outlet: Some(format!("Outlet {doc_id}")),
            published: "2017-12-03".parse().ok(),
            actor: "USA".into(),
            action: Action::Withdraw,
            target: "gcm".into(),
            date: Some("2017-12-02".into()),
            modality: Modality::Asserted,
        };
        let facts = link::link(&[event(1, 1), event(2, 2)]);
        assert_eq!(facts.len(), 1);
        assert_eq!(facts[0].source_count, 2);
        assert_eq!(facts[0].event_ids, vec![1, 2]);
    }
}
