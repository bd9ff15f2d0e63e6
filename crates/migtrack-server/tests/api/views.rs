//! What the web page's views need of the API (issue 9, items 10–15): filters by outlet,
//! language and published period on every list, date bounds as the CLI takes them, the export
//! download with the CLI's columns, search hits with outlet and marked words, reviews.

use crate::fixture;
use crate::http::Server;
use crate::{TOKEN, items, shared, strings};

#[test]
fn lists_filter_by_outlet_language_and_published_period() {
    let server = shared();
    let cases = [
        ("/api/documents?outlet=outlet%20a", 1),
        ("/api/documents?lang=en", 3),
        ("/api/documents?lang=fr", 0),
        ("/api/documents?since=2018", 1),
        ("/api/documents?since=2017-12&until=2017-12-04", 1),
        ("/api/documents?until=FY2018", 2),
        ("/api/quotes?outlet=Outlet%20A", 1),
        ("/api/quotes?outlet=Outlet%20B", 0),
        ("/api/quotes?since=2018-Q1", 0),
        ("/api/claims?until=2017", 1),
        ("/api/claims?lang=fr", 0),
        ("/api/figures?outlet=Outlet%20A", 1),
        ("/api/dates?outlet=Outlet%20B", 1),
        ("/api/events?outlet=Outlet%20B", 2),
        ("/api/events?since=2018&until=2018-12", 2),
        ("/api/timeline?outlet=Outlet%20C", 1),
        ("/api/timeline?lang=en&since=2017-W48&until=2017-12", 2),
        ("/api/facts?outlet=nobody", 0),
    ];
    for (target, count) in cases {
        assert_eq!(items(&server.get(target)).len(), count, "{target}");
    }
}

#[test]
fn a_date_bound_that_is_no_period_is_a_400_that_says_what_works() {
    for target in [
        "/api/quotes?since=yesterday",
        "/api/documents?until=2019-13",
        "/api/timeline?since=19",
        "/api/export?kind=events&until=soon",
        "/api/status?at=2019-Q5",
    ] {
        let response = shared().get(target);
        assert_eq!(response.status, 400, "{target}");
        assert_eq!(response.code(), "invalid_date", "{target}");
        let message = response.json()["error"]["message"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(
            message.contains("YYYY-MM") && message.contains("FY2026"),
            "{message}"
        );
    }
    let reversed = shared().get("/api/quotes?since=2019&until=2018");
    assert_eq!(
        (reversed.status, reversed.code().as_str()),
        (400, "bad_request")
    );
}

#[test]
fn the_export_download_has_the_cli_columns_and_the_list_filters() {
    let server = shared();
    let csv = server.get("/api/export?kind=quotes&format=csv");
    assert_eq!(csv.status, 200, "{}", csv.text());
    assert!(csv.header("content-type").unwrap().starts_with("text/csv"));
    assert!(
        csv.header("content-disposition")
            .unwrap()
            .contains("migtrack-quotes.csv")
    );
    let text = csv.text();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    for column in [
        "id",
        "speaker",
        "text",
        "doc_id",
        "outlet",
        "title",
        "url",
        "published",
    ] {
        assert!(header.split(',').any(|name| name == column), "{header}");
    }
    assert_eq!(lines.count(), items(&server.get("/api/quotes")).len());

    let events = server.get("/api/export?kind=events&format=json&outlet=Outlet%20B");
    assert_eq!(events.status, 200, "{}", events.text());
    let rows = events.json();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert!(
        rows.iter()
            .all(|row| row["outlet"] == "Outlet B" && row["cameo"].is_null())
    );
    let ids: Vec<i64> = rows.iter().map(|row| row["id"].as_i64().unwrap()).collect();
    let listed: Vec<i64> = items(&server.get("/api/events?outlet=Outlet%20B"))
        .iter()
        .map(|row| row["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, listed);

    let documents = server.get("/api/export?kind=documents&format=jsonl&since=2018");
    assert_eq!(documents.text().lines().count(), 1);
    for (target, code) in [
        ("/api/export?kind=people", "bad_request"),
        ("/api/export", "bad_request"),
        ("/api/export?kind=events&format=xml", "bad_request"),
    ] {
        let response = server.get(target);
        assert_eq!(
            (response.status, response.code().as_str()),
            (400, code),
            "{target}"
        );
    }
}

#[test]
fn facets_list_outlets_and_languages_with_counts() {
    let body = shared().get("/api/facets").json();
    assert_eq!(
        strings(body["outlets"].as_array().unwrap(), "name"),
        ["Outlet A", "Outlet B", "Outlet C"]
    );
    assert_eq!(body["languages"][0]["name"], "en");
    assert_eq!(body["languages"][0]["documents"], 3);
}

#[test]
fn search_hits_show_outlet_and_the_matched_words_never_a_path() {
    let hits = items(&shared().get("/api/search?q=compact"));
    assert_eq!(hits.len(), 2);
    for hit in &hits {
        assert!(
            hit["outlet"].as_str().unwrap().starts_with("Outlet"),
            "{hit}"
        );
        assert_eq!(hit["label"], hit["outlet"], "{hit}");
        let snippet = hit["snippet"].as_str().unwrap();
        let marks = hit["highlights"].as_array().unwrap();
        assert!(!marks.is_empty(), "{hit}");
        for mark in marks {
            let (start, end) = (
                mark["start"].as_u64().unwrap() as usize,
                mark["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(snippet[start..end].to_lowercase(), "compact", "{hit}");
        }
    }
}

fn post_review(server: &Server, token: Option<&str>, body: &str) -> crate::http::Response {
    let bearer = token.map(|token| format!("Bearer {token}"));
    let mut headers = vec![("Content-Type", "application/json")];
    if let Some(bearer) = &bearer {
        headers.push(("Authorization", bearer.as_str()));
    }
    server.request("POST", "/api/reviews", &headers, Some(body.as_bytes()))
}

#[test]
fn a_review_needs_the_token_and_a_rejected_event_leaves_timeline_and_status() {
    let denied = post_review(
        shared(),
        Some("x"),
        r#"{"kind":"event","id":1,"verdict":"rejected"}"#,
    );
    assert_eq!(
        (denied.status, denied.code().as_str()),
        (403, "write_disabled")
    );

    let server = Server::start(Some(TOKEN), 1024 * 1024, fixture::build);
    let wrong = post_review(
        &server,
        Some("wrong"),
        r#"{"kind":"event","id":1,"verdict":"rejected"}"#,
    );
    assert_eq!((wrong.status, wrong.code().as_str()), (401, "unauthorized"));
    for (body, status) in [
        (r#"{"kind":"figure","id":1,"verdict":"rejected"}"#, 400),
        (r#"{"kind":"event","id":1,"verdict":"maybe"}"#, 400),
        (r#"{"kind":"event","id":999,"verdict":"rejected"}"#, 404),
        (r#"{"kind":"event"}"#, 400),
    ] {
        assert_eq!(
            post_review(&server, Some(TOKEN), body).status,
            status,
            "{body}"
        );
    }

    // The withdrawal of the United States: an event, a fact, a status cell.
    let usa = items(&server.get("/api/events?actor=USA"));
    let id = usa[0]["id"].as_i64().unwrap();
    assert_eq!(items(&server.get("/api/timeline?actor=USA")).len(), 1);
    let status = |server: &Server| {
        server.get("/api/status?at=2020").json()["items"]
            .as_array()
            .unwrap()
            .len()
    };
    let cells = status(&server);
    assert!(cells > 0);

    let response = post_review(
        &server,
        Some(TOKEN),
        &format!(
            r#"{{"kind":"event","id":{id},"verdict":"rejected","note":"the talks, not the compact"}}"#
        ),
    );
    assert_eq!(response.status, 200, "{}", response.text());
    assert_eq!(response.json()["verdict"], "rejected");
    assert_eq!(response.json()["note"], "the talks, not the compact");

    assert!(items(&server.get("/api/events?actor=USA")).is_empty());
    assert!(items(&server.get("/api/timeline?actor=USA")).is_empty());
    assert_eq!(status(&server), cells - 1);
    let shown = items(&server.get("/api/events?actor=USA&include_rejected=true"));
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0]["review"]["verdict"], "rejected");
    assert_eq!(
        server.get("/api/events?include_rejected=perhaps").status,
        400
    );
    let export = server
        .get("/api/export?kind=events&format=json&actor=USA")
        .json();
    assert!(
        export.as_array().unwrap().is_empty(),
        "the download leaves it out too"
    );

    // A quote rejected, then confirmed: gone, then back with its verdict.
    let quote = items(&server.get("/api/quotes"))[0]["id"].as_i64().unwrap();
    let reject = format!(r#"{{"kind":"quote","id":{quote},"verdict":"rejected"}}"#);
    assert_eq!(post_review(&server, Some(TOKEN), &reject).status, 200);
    assert!(items(&server.get("/api/quotes")).is_empty());
    assert_eq!(
        items(&server.get("/api/quotes?include_rejected=true")).len(),
        1
    );
    let confirm = format!(r#"{{"kind":"quote","id":{quote},"verdict":"confirmed"}}"#);
    assert_eq!(post_review(&server, Some(TOKEN), &confirm).status, 200);
    let quotes = items(&server.get("/api/quotes"));
    assert_eq!(quotes[0]["review"]["verdict"], "confirmed");
}
