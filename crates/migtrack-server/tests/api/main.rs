//! The HTTP API through real sockets against a temporary SQLite database: every endpoint,
//! filters, paging, error codes, auth, the body limit, security headers and the OpenAPI document.

mod fixture;
mod hosts;
mod http;
mod limits;
mod views;

use std::sync::OnceLock;

use http::{Response, Server};
use serde_json::Value;

const TOKEN: &str = "test-token-123";

/// The fixture database, served read-only (no token).
fn shared() -> &'static Server {
    static SERVER: OnceLock<Server> = OnceLock::new();
    SERVER.get_or_init(|| Server::start(None, 1024 * 1024, fixture::build))
}

fn items(response: &Response) -> Vec<Value> {
    assert_eq!(response.status, 200, "{}", response.text());
    response.json()["items"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn strings(values: &[Value], key: &str) -> Vec<String> {
    values
        .iter()
        .map(|value| value[key].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn health_reports_ok_and_the_counts() {
    let body = shared().get("/healthz").json();
    assert_eq!(body["status"], "ok");
    assert_eq!(body["writes_enabled"], false);
    assert_eq!(body["counts"]["documents"], 3);
    assert_eq!(body["counts"]["events"], 4);
    assert_eq!(body["counts"]["facts"], 4);
}

#[test]
fn list_endpoints_return_items_and_next() {
    let cases = [
        ("/api/events", 4),
        ("/api/facts", 4),
        ("/api/timeline", 4),
        ("/api/quotes", 1),
        ("/api/claims", 1),
        ("/api/figures", 1),
        ("/api/dates", 2),
        ("/api/documents", 3),
        ("/api/search?q=compact", 2),
    ];
    for (target, count) in cases {
        let response = shared().get(target);
        let body = response.json();
        assert!(body.get("next").is_some(), "{target}: no next");
        assert_eq!(items(&response).len(), count, "{target}");
    }
}

#[test]
fn event_filters_select_by_actor_action_target_and_dates() {
    let cases = [
        ("/api/events?actor=HUN", vec!["HUN"]),
        ("/api/events?actor=hun", vec!["HUN"]),
        ("/api/events?action=endorse", vec!["MEX"]),
        ("/api/events?target=talks", vec!["MEX"]),
        ("/api/events?since=2018-01-01", vec!["HUN", "MEX"]),
        ("/api/events?until=2017-12-31", vec!["USA", "MEX"]),
        ("/api/events?since=2017-12-03&until=2017-12-31", vec!["MEX"]),
        ("/api/facts?action=withdraw", vec!["USA"]),
        ("/api/timeline?actor=USA", vec!["USA"]),
    ];
    for (target, expected) in cases {
        let mut got = strings(&items(&shared().get(target)), "actor");
        got.sort();
        let mut expected: Vec<String> = expected.into_iter().map(str::to_string).collect();
        expected.sort();
        assert_eq!(got, expected, "{target}");
    }
}

/// `actor` and `target` take names and aliases of the domain pack, in any case, like the CLI;
/// a name that fits several ids is a 400 that lists them (issue 9 item 2).
#[test]
fn actor_and_target_take_names_and_aliases() {
    let cases = [
        ("/api/events?actor=Hungary", vec!["HUN"]),
        ("/api/events?actor=united%20states", vec!["USA"]),
        (
            "/api/events?actor=Mexico&target=Marrakech%20pact",
            vec!["MEX"],
        ),
        ("/api/facts?actor=United%20States", vec!["USA"]),
        ("/api/timeline?actor=hungary", vec!["HUN"]),
        (
            "/api/events?target=Global%20Compact%20for%20Migration&action=reject",
            vec!["HUN"],
        ),
        // Free words still match as contained.
        ("/api/events?target=talk", vec!["MEX"]),
    ];
    for (target, expected) in cases {
        let got = strings(&items(&shared().get(target)), "actor");
        assert_eq!(got, expected, "{target}");
    }
    let response = shared().get("/api/events?actor=Korea");
    assert_eq!(response.status, 400, "{}", response.text());
    let error = &response.json()["error"];
    assert_eq!(error["code"], "ambiguous_name", "{error}");
    let candidates: Vec<&str> = error["candidates"]
        .as_array()
        .expect("candidates")
        .iter()
        .map(|candidate| candidate["id"].as_str().unwrap())
        .collect();
    assert_eq!(candidates, ["KOR", "PRK"], "{error}");
    assert!(
        error["message"].as_str().unwrap().contains("Korea"),
        "{error}"
    );
}

#[test]
fn record_filters_select_by_speaker_and_text() {
    let cases = [
        ("/api/quotes?speaker=roe", 1),
        ("/api/quotes?speaker=nobody", 0),
        ("/api/claims?text=jobs", 1),
        ("/api/claims?q=jobs", 1),
        ("/api/dates?text=Monday", 1),
        ("/api/figures?text=nothing-like-this", 0),
    ];
    for (target, count) in cases {
        assert_eq!(items(&shared().get(target)).len(), count, "{target}");
    }
}

#[test]
fn paging_with_the_cursor_visits_every_item_once() {
    for endpoint in [
        "/api/events",
        "/api/facts",
        "/api/documents",
        "/api/timeline",
    ] {
        let everything = items(&shared().get(endpoint));
        let mut seen = Vec::new();
        let mut target = format!("{endpoint}?limit=1");
        for _ in 0..10 {
            let response = shared().get(&target);
            let page = items(&response);
            assert!(page.len() <= 1, "{target}");
            seen.extend(page);
            match response.json()["next"].as_i64() {
                Some(next) => target = format!("{endpoint}?limit=1&cursor={next}"),
                None => break,
            }
        }
        assert_eq!(seen, everything, "{endpoint}");
    }
}

#[test]
fn a_document_has_its_text_and_records_whose_spans_are_byte_offsets() {
    let documents = items(&shared().get("/api/documents"));
    for document in documents {
        let id = document["id"].as_i64().unwrap();
        let view = shared().get(&format!("/api/documents/{id}")).json();
        let text = view["text"].as_str().unwrap().to_string();
        for kind in ["events", "quotes", "dates", "figures", "claims"] {
            for record in view[kind].as_array().unwrap() {
                let start = record["span"]["start"].as_u64().unwrap() as usize;
                let end = record["span"]["end"].as_u64().unwrap() as usize;
                let slice = text.get(start..end);
                assert!(
                    slice.is_some_and(|slice| !slice.is_empty()),
                    "{kind} {record}"
                );
                if let Some(record_text) = record["text"].as_str().filter(|_| kind != "claims") {
                    assert_eq!(slice, Some(record_text), "{kind}");
                }
            }
        }
    }
}

#[test]
fn a_document_body_has_each_key_once() {
    let id = items(&shared().get("/api/documents"))[0]["id"].clone();
    let raw = shared().get(&format!("/api/documents/{id}")).text();
    // No record row has these keys, so each must appear exactly once (no flatten collision).
    for key in ["\"events\":", "\"quotes\":", "\"text\":{", "\"claims\":"] {
        let expected = usize::from(!key.ends_with('{'));
        assert_eq!(raw.matches(key).count(), expected, "{key} in {raw}");
    }
}

#[test]
fn search_finds_documents_by_their_words() {
    let hits = items(&shared().get("/api/search?q=Vallarta"));
    assert_eq!(strings(&hits, "source"), vec!["fixture:script"]);
    // A hit is named like every other list's document: outlet, then title, never its path
    // (issue 9 items 7 and 14).
    assert_eq!(strings(&hits, "label"), vec!["Outlet C"]);
    assert_eq!(strings(&hits, "title"), vec!["<b>Markup</b> in a title"]);
    assert!(items(&shared().get("/api/search?q=zebra")).is_empty());
}

/// Search text is terms, never FTS5 syntax: `q=*` was a 500 (issue 12, item 5).
#[test]
fn search_accepts_any_text_as_terms() {
    let hostile = [
        "*",
        "**",
        "\"",
        "AND",
        "OR",
        "NOT",
        "NEAR",
        "NEAR(",
        "NEAR(a b",
        "-",
        ":",
        "title:",
        "(",
        ")",
        "^",
        "+",
        "{",
        "*id",
        "*reads",
        "a OR",
        "Vallarta*",
        "'",
        "%",
        "\u{0}",
        "'); DROP TABLE documents; --",
    ];
    for text in hostile {
        let response = shared().get(&format!("/api/search?q={}", percent_encode(text)));
        assert_eq!(response.status, 200, "{text:?}: {}", response.text());
        assert!(response.json()["items"].is_array(), "{text:?}");
    }
    let hits = items(&shared().get("/api/search?q=Vall*"));
    assert_eq!(strings(&hits, "source"), vec!["fixture:script"]);
    assert!(items(&shared().get("/api/search?q=*")).is_empty());
}

fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|byte| {
            if byte.is_ascii_alphanumeric() {
                (byte as char).to_string()
            } else {
                format!("%{byte:02X}")
            }
        })
        .collect()
}

#[test]
fn status_shows_the_table_as_of_a_day() {
    let cases = [
        ("2017-01-01", vec![]),
        ("2018-01-01", vec![("USA", "withdrew")]),
        (
            "2018-12-31",
            vec![
                ("HUN", "rejected"),
                ("MEX", "endorsed"),
                ("USA", "withdrew"),
            ],
        ),
    ];
    for (at, expected) in cases {
        let body = shared().get(&format!("/api/status?at={at}")).json();
        assert_eq!(body["at"], at);
        let cells: Vec<(String, String)> = body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|cell| {
                assert_eq!(cell["framework"], "gcm");
                assert!(cell["fact_id"].as_i64().is_some());
                (
                    cell["state"].as_str().unwrap().to_string(),
                    cell["status"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        let expected: Vec<(String, String)> = expected
            .into_iter()
            .map(|(state, status)| (state.to_string(), status.to_string()))
            .collect();
        assert_eq!(cells, expected, "at {at}");
    }
}

#[test]
fn a_status_cell_fact_lists_its_sources() {
    let body = shared().get("/api/status?at=2018-01-01").json();
    let fact_id = body["items"][0]["fact_id"].as_i64().unwrap();
    let fact = shared().get(&format!("/api/facts/{fact_id}")).json();
    assert_eq!(fact["action"], "withdraw");
    let events = fact["events"].as_array().unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["provenance"]["outlet"], "Outlet A");
    // What the page shows for the document: the outlet, not the path (issue 9 item 7).
    assert_eq!(events[0]["provenance"]["label"], "Outlet A");
    assert!(
        events[0]["sentence_text"]
            .as_str()
            .unwrap()
            .contains("withdrew")
    );
}

#[test]
fn bad_requests_get_json_errors_with_stable_codes() {
    let cases = [
        ("/api/events?limit=0", 400, "bad_request"),
        ("/api/events?limit=1001", 400, "bad_request"),
        ("/api/events?limit=many", 400, "bad_request"),
        ("/api/events?cursor=x", 400, "bad_request"),
        ("/api/events?action=teleport", 400, "bad_request"),
        ("/api/events?colour=red", 400, "bad_request"),
        ("/api/events?since=2018-02-30", 400, "invalid_date"),
        (
            "/api/events?since=2019-01-01&until=2018-01-01",
            400,
            "bad_request",
        ),
        ("/api/status?at=yesterday", 400, "invalid_date"),
        ("/api/search", 400, "bad_request"),
        ("/api/search?q=", 400, "bad_request"),
        ("/api/documents/999999", 404, "not_found"),
        ("/api/documents/abc", 400, "bad_request"),
        ("/api/facts/999999", 404, "not_found"),
        ("/api/nothing-here", 404, "not_found"),
        ("/static/missing.js", 404, "not_found"),
    ];
    for (target, status, code) in cases {
        let response = shared().get(target);
        assert_eq!(
            (response.status, response.code().as_str()),
            (status, code),
            "{target}"
        );
        assert!(
            response.json()["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty())
        );
        assert!(
            response
                .header("content-type")
                .is_some_and(|value| value.starts_with("application/json")),
            "{target}"
        );
    }
    let response = shared().request("DELETE", "/api/events", &[], None);
    assert_eq!(
        (response.status, response.code().as_str()),
        (405, "method_not_allowed")
    );
}

#[test]
fn every_response_carries_the_security_headers() {
    for target in ["/", "/static/app.js", "/api/events", "/api/nothing-here"] {
        let response = shared().get(target);
        let policy = response.header("content-security-policy").unwrap_or("");
        for directive in [
            "default-src 'self'",
            "script-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        ] {
            assert!(policy.contains(directive), "{target}: {policy}");
        }
        assert!(!policy.contains("unsafe-inline"), "{target}: {policy}");
        assert_eq!(
            response.header("x-content-type-options"),
            Some("nosniff"),
            "{target}"
        );
    }
}

#[test]
fn the_page_and_its_assets_are_served_from_the_binary() {
    let cases = [
        ("/", "text/html"),
        ("/static/app.js", "javascript"),
        ("/static/style.css", "text/css"),
        ("/static/vendor/chart.umd.min.js", "javascript"),
    ];
    for (target, content_type) in cases {
        let response = shared().get(target);
        assert_eq!(response.status, 200, "{target}");
        let got = response.header("content-type").unwrap_or("");
        assert!(got.contains(content_type), "{target}: {got}");
    }
    let page = shared().get("/").text();
    assert!(!page.contains("<script>"), "the page has an inline script");
    assert!(!page.contains(" style="), "the page has an inline style");
}

/// Issue 12, item 10: a database left by an ingest killed after its batch and before its link
/// (events stored, no facts) is linked when the server opens it.
#[test]
fn a_database_left_unlinked_by_a_crashed_ingest_is_linked_when_served() {
    let server = Server::start(None, 1024 * 1024, |path| {
        let mut store = migtrack_store::SqliteStore::open(path).expect("open store");
        migtrack_store::Store::put_batch(&mut store, &fixture::documents()).expect("put batch");
    });
    let timeline = items(&server.get("/api/timeline"));
    assert!(!timeline.is_empty(), "the timeline has the stored events");
    let status = server.get("/api/status?at=2019-06-01");
    assert_eq!(status.status, 200, "{}", status.text());
    assert_eq!(
        status.text(),
        shared().get("/api/status?at=2019-06-01").text(),
        "the same table as after a finished ingest"
    );
}

#[test]
fn posting_without_a_configured_token_is_disabled() {
    let response = shared().request(
        "POST",
        "/api/documents",
        &[
            ("Authorization", "Bearer anything"),
            ("Content-Type", "application/json"),
        ],
        Some(br#"{"text": "Hello."}"#),
    );
    assert_eq!(
        (response.status, response.code().as_str()),
        (403, "write_disabled")
    );
}

#[test]
fn posting_needs_the_right_token_and_a_body_within_the_limit() {
    let server = Server::start(Some(TOKEN), 2048, fixture::build);
    let bearer = format!("Bearer {TOKEN}");
    let json = ("Content-Type", "application/json");
    let big = format!(r#"{{"text": "{}"}}"#, "a".repeat(4096));
    type Case<'a> = (Vec<(&'a str, &'a str)>, &'a [u8], u16, &'a str);
    let cases: [Case; 6] = [
        (vec![json], br#"{"text": "A."}"#, 401, "unauthorized"),
        (
            vec![("Authorization", "Bearer wrong"), json],
            br#"{"text": "A."}"#,
            401,
            "unauthorized",
        ),
        (
            vec![("Authorization", "Basic abc"), json],
            br#"{"text": "A."}"#,
            401,
            "unauthorized",
        ),
        (
            vec![("Authorization", &bearer), json],
            b"not json",
            400,
            "bad_request",
        ),
        (
            vec![("Authorization", &bearer), json],
            br#"{"text": "A.", "published": "soon"}"#,
            400,
            "invalid_date",
        ),
        (
            vec![("Authorization", &bearer), json],
            big.as_bytes(),
            413,
            "payload_too_large",
        ),
    ];
    for (headers, body, status, code) in cases {
        let response = server.request("POST", "/api/documents", &headers, Some(body));
        assert_eq!(
            (response.status, response.code().as_str()),
            (status, code),
            "{}",
            String::from_utf8_lossy(&body[..body.len().min(60)])
        );
    }
    let health = server.get("/healthz").json();
    assert_eq!(health["writes_enabled"], true);
    assert_eq!(health["counts"]["documents"], 3, "nothing was written");
}

#[test]
fn a_posted_batch_is_processed_and_reports_one_outcome_per_document() {
    let server = Server::start(Some(TOKEN), 1024 * 1024, fixture::build);
    let bearer = format!("Bearer {TOKEN}");
    let body = br#"[
        {"text": "Hungary announced on Monday that it would leave the migration compact.",
         "title": "Posted one", "published": "2018-07-18", "outlet": "Posted"},
        {"html": "<html><body><article><p>Mexico hosted the forum.</p></article></body></html>",
         "url": "https://posted.example/two", "published": "2018-12-01"}
    ]"#;
    let response = server.request(
        "POST",
        "/api/documents",
        &[
            ("Authorization", &bearer),
            ("Content-Type", "application/json"),
        ],
        Some(body),
    );
    assert!(matches!(response.status, 200 | 201), "{}", response.text());
    let result = response.json();
    let outcomes = result["items"].as_array().unwrap();
    assert_eq!(outcomes.len(), 2);
    assert_eq!(outcomes[1]["source"], "https://posted.example/two");
    let new = result["new"].as_u64().unwrap();
    assert_eq!(
        new + result["duplicate"].as_u64().unwrap() + result["error"].as_u64().unwrap(),
        2
    );
    assert_eq!(response.status == 201, new > 0);
    let documents = server.get("/healthz").json()["counts"]["documents"]
        .as_u64()
        .unwrap();
    assert_eq!(documents, 3 + new);
    // The same batch again adds nothing.
    let again = server.request(
        "POST",
        "/api/documents",
        &[
            ("Authorization", &bearer),
            ("Content-Type", "application/json"),
        ],
        Some(body),
    );
    assert_eq!(again.json()["new"], 0, "{}", again.text());
}

/// Issue 12, item 1: one authorised POST of a page with 30,000 nested `<i>` overflowed the
/// stack and ended the server. Now it is a document like any other, and the server goes on.
#[test]
fn a_posted_page_nested_thirty_thousand_deep_does_not_end_the_server() {
    let server = Server::start(Some(TOKEN), 1024 * 1024, fixture::build);
    let bearer = format!("Bearer {TOKEN}");
    let page = format!(
        "<html><body>{}The US withdrew from the Quibblestone compact.",
        "<i>".repeat(30_000)
    );
    let body = serde_json::to_vec(&serde_json::json!([
        {"html": page, "url": "https://posted.example/nested"},
        {"text": "Hungary announced on Monday that it would leave the migration compact."}
    ]))
    .unwrap();
    let response = server.request(
        "POST",
        "/api/documents",
        &[
            ("Authorization", &bearer),
            ("Content-Type", "application/json"),
        ],
        Some(&body),
    );
    assert!(matches!(response.status, 200 | 201), "{}", response.text());
    let result = response.json();
    assert_eq!(result["items"].as_array().unwrap().len(), 2);
    assert_eq!(result["new"], 2, "{result}");
    let hits = items(&server.get("/api/search?q=quibblestone"));
    assert_eq!(hits.len(), 1);
}

/// Resolves `$ref`s and `allOf` to the list of required top-level properties.
fn required_properties(document: &Value, schema: &Value) -> Vec<String> {
    if let Some(reference) = schema["$ref"].as_str() {
        let name = reference.trim_start_matches("#/components/schemas/");
        return required_properties(document, &document["components"]["schemas"][name]);
    }
    let mut required: Vec<String> = schema["required"]
        .as_array()
        .map(|names| {
            names
                .iter()
                .filter_map(|n| n.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    for part in schema["allOf"].as_array().into_iter().flatten() {
        required.extend(required_properties(document, part));
    }
    required.sort();
    required.dedup();
    required
}

#[test]
fn every_documented_get_endpoint_answers_with_its_documented_properties() {
    let server = shared();
    let document = server.get("/api/openapi.json").json();
    assert!(document["openapi"].as_str().unwrap().starts_with("3."));
    let document_id = items(&server.get("/api/documents"))[0]["id"].clone();
    let fact_id = items(&server.get("/api/facts"))[0]["id"].clone();
    let paths = document["paths"].as_object().unwrap();
    let mut checked = 0;
    for (path, operations) in paths {
        let Some(get) = operations.get("get") else {
            continue;
        };
        let concrete = path
            .replace("/documents/{id}", &format!("/documents/{document_id}"))
            .replace("/facts/{id}", &format!("/facts/{fact_id}"));
        assert!(!concrete.contains('{'), "no example for {path}");
        let query: Vec<String> = get["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|parameter| parameter["in"] == "query" && parameter["required"] == true)
            .map(|parameter| {
                let example = parameter["example"]
                    .as_str()
                    .expect("required params have examples");
                format!("{}={example}", parameter["name"].as_str().unwrap())
            })
            .collect();
        let target = if query.is_empty() {
            concrete
        } else {
            format!("{concrete}?{}", query.join("&"))
        };
        let response = server.get(&target);
        assert_eq!(response.status, 200, "{target}: {}", response.text());
        let content = &get["responses"]["200"]["content"];
        let content_type = response.header("content-type").unwrap_or("");
        let media = content_type.split(';').next().unwrap_or("").trim();
        assert!(
            content.get(media).is_some(),
            "{target}: {content_type} is not documented"
        );
        if media != "application/json" {
            // A download (CSV): its type is documented; there are no properties to check.
            checked += 1;
            continue;
        }
        let body = response.json();
        let schema = &content["application/json"]["schema"];
        let required = required_properties(&document, schema);
        assert!(!required.is_empty(), "{path} documents no properties");
        for property in &required {
            assert!(
                body.get(property).is_some(),
                "{target} lacks {property}: {body}"
            );
        }
        // List items carry their documented properties too.
        if let (Some(list), Some(item_schema)) = (
            body["items"].as_array(),
            resolve(&document, schema)["properties"]["items"].get("items"),
        ) {
            let item_required = required_properties(&document, item_schema);
            for item in list {
                for property in &item_required {
                    assert!(
                        item.get(property).is_some(),
                        "{target}: item lacks {property}"
                    );
                }
            }
        }
        checked += 1;
    }
    assert!(checked >= 13, "only {checked} GET endpoints documented");
}

fn resolve<'a>(document: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str() {
        Some(reference) => {
            let name = reference.trim_start_matches("#/components/schemas/");
            &document["components"]["schemas"][name]
        }
        None => schema,
    }
}

#[test]
fn every_listed_route_is_documented() {
    let document = shared().get("/api/openapi.json").json();
    let paths = document["paths"].as_object().unwrap();
    for path in [
        "/healthz",
        "/api/facts",
        "/api/facts/{id}",
        "/api/events",
        "/api/quotes",
        "/api/claims",
        "/api/figures",
        "/api/dates",
        "/api/timeline",
        "/api/status",
        "/api/documents",
        "/api/documents/{id}",
        "/api/search",
        "/api/speakers",
        "/api/openapi.json",
        "/api/export",
        "/api/facets",
    ] {
        assert!(paths.contains_key(path), "{path} is not documented");
    }
    assert!(paths["/api/documents"].get("post").is_some());
    assert!(paths["/api/reviews"].get("post").is_some());
}

#[test]
fn speakers_are_resolved_across_documents_and_filterable() {
    let server = shared();
    let all = server.get("/api/speakers").json();
    let items = all["items"].as_array().unwrap();
    assert!(!items.is_empty(), "the fixture has quoted speakers: {all}");
    let people = server.get("/api/speakers?people=true").json();
    assert!(
        people["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|speaker| speaker["is_person"] == true)
    );
    let first = items[0]["name"].as_str().unwrap();
    let needle = first.split_whitespace().last().unwrap().to_lowercase();
    let named = server.get(&format!("/api/speakers?name={needle}")).json();
    assert!(
        named["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|speaker| speaker["name"] == first)
    );
    let bad = server.get("/api/speakers?people=maybe");
    assert_eq!(bad.status, 400);
    assert_eq!(bad.json()["error"]["code"], "bad_request");
}
