//! Behaviour of every source through the public `open` API: what each input yields, and the one
//! clear error each source-level bad input gets while the stream goes on.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use flate2::{Compression, write::GzEncoder};
use migtrack_ingest::{IngestConfig, Input, SourceError, open};
use migtrack_model::{ContentKind, RawDocument};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/sources")
}

fn shared() -> PathBuf {
    migtrack_testdata::shared()
}

fn fixture(name: &str) -> PathBuf {
    fixtures().join(name)
}

/// Pull a whole stream, keeping documents and errors apart.
fn collect(input: Input, cfg: &IngestConfig) -> (Vec<RawDocument>, Vec<SourceError>) {
    let mut documents = Vec::new();
    let mut errors = Vec::new();
    for item in open(&input, cfg) {
        match item {
            Ok(document) => documents.push(document),
            Err(error) => errors.push(error),
        }
    }
    (documents, errors)
}

fn read_path(path: &Path) -> (Vec<RawDocument>, Vec<SourceError>) {
    collect(Input::Path(path.to_path_buf()), &IngestConfig::default())
}

fn items(input: Input, cfg: &IngestConfig) -> Vec<Result<RawDocument, SourceError>> {
    open(&input, cfg).collect()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn date(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

fn shown(path: &Path) -> String {
    path.display().to_string()
}

// ---------------------------------------------------------------- files and directories

#[test]
fn text_and_html_files_are_one_document_each_with_kind_from_extension() {
    let cases = [
        ("articles/harbour-pact.txt", ContentKind::Text),
        ("articles/quota-review.html", ContentKind::Html),
    ];
    for (name, kind) in cases {
        let path = fixture(name);
        let (documents, errors) = read_path(&path);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(documents.len(), 1);
        assert_eq!(documents[0].kind, kind, "{name}");
        assert_eq!(documents[0].source, shown(&path));
        assert_eq!(documents[0].bytes, fs::read(&path).unwrap());
    }
}

#[test]
fn latin1_file_is_delivered_byte_for_byte() {
    let path = fixture("latin1.txt");
    let (documents, errors) = read_path(&path);
    assert!(errors.is_empty());
    assert_eq!(documents[0].bytes, fs::read(&path).unwrap());
    assert!(
        documents[0].bytes.contains(&0xE8),
        "the è stays one Latin-1 byte"
    );
}

#[test]
fn empty_file_is_delivered_with_no_bytes_for_clean_to_reject() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("empty.txt");
    fs::write(&path, b"").unwrap();
    let (documents, errors) = read_path(&path);
    assert!(errors.is_empty());
    assert_eq!(documents.len(), 1);
    assert!(documents[0].bytes.is_empty());
}

#[test]
fn fifty_megabyte_file_is_refused_from_its_size() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("huge.txt");
    // A sparse file: 50 MB long, nothing written, so the test stays fast.
    fs::File::create(&path)
        .unwrap()
        .set_len(50 * 1000 * 1000)
        .unwrap();
    let (documents, errors) = read_path(&path);
    assert!(documents.is_empty());
    assert_eq!(errors.len(), 1);
    assert_eq!(
        errors[0].to_string(),
        format!(
            "{}: file too large: 50000000 bytes (limit 10485760)",
            shown(&path)
        )
    );
}

#[test]
fn gzip_file_is_decompressed_and_dispatched_by_its_inner_name() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("page.html.gz");
    fs::write(&path, gzip(b"<p>zipped page</p>")).unwrap();
    let (documents, errors) = read_path(&path);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(documents[0].bytes, b"<p>zipped page</p>");
    assert_eq!(documents[0].kind, ContentKind::Html);
    assert_eq!(documents[0].source, shown(&path));
}

#[test]
fn truncated_gzip_is_one_error_naming_the_file() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("story.txt.gz");
    let packed = gzip(&b"a story that will be cut short. ".repeat(200));
    fs::write(&path, &packed[..packed.len() / 2]).unwrap();
    let (documents, errors) = read_path(&path);
    assert!(documents.is_empty());
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].source, shown(&path));
    assert!(errors[0].reason.contains("truncated gzip"), "{}", errors[0]);
}

#[test]
fn gzip_expanding_past_the_cap_is_refused() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("bomb.txt.gz");
    fs::write(&path, gzip(&vec![b'a'; 100_000])).unwrap();
    let cfg = IngestConfig {
        max_decompressed_bytes: 1000,
        ..IngestConfig::default()
    };
    let (documents, errors) = collect(Input::Path(path), &cfg);
    assert!(documents.is_empty());
    assert_eq!(
        errors[0].reason,
        "file too large: more than 1000 bytes after decompression (limit 1000)"
    );
}

#[test]
fn missing_path_is_one_error() {
    let path = fixture("no-such-input.txt");
    let (documents, errors) = read_path(&path);
    assert!(documents.is_empty());
    assert_eq!(
        errors[0].to_string(),
        format!("{}: cannot open: no such file or directory", shown(&path))
    );
}

#[test]
fn stdin_is_one_document_named_dash() {
    const CHILD: &str = "MIGTRACK_INGEST_STDIN_CHILD";
    if std::env::var_os(CHILD).is_some() {
        // Child: read the piped standard input through the public API.
        for item in open(&Input::Stdin, &IngestConfig::default()) {
            match item {
                Ok(document) => println!(
                    "\nDOC {} {:?} {}",
                    document.source,
                    document.kind,
                    String::from_utf8_lossy(&document.bytes)
                ),
                Err(error) => println!("\nERR {error}"),
            }
        }
        return;
    }
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "stdin_is_one_document_named_dash",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD, "1")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(&gzip(b"piped text"))
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = stdout
        .lines()
        .filter(|line| line.starts_with("DOC ") || line.starts_with("ERR "))
        .collect();
    assert_eq!(lines, ["DOC - Unknown piped text"], "{stdout}");
}

#[test]
fn open_reads_nothing_until_pulled() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("later.txt");
    fs::write(&path, b"first version").unwrap();
    let mut stream = open(&Input::Path(path.clone()), &IngestConfig::default());
    fs::write(&path, b"second version").unwrap();
    let document = stream.next().unwrap().unwrap();
    assert_eq!(document.bytes, b"second version");
    assert!(stream.next().is_none());
}

#[test]
fn directory_is_walked_recursively_in_sorted_order_skipping_hidden_files_and_non_articles() {
    let folder = tempfile::tempdir().unwrap();
    let root = folder.path();
    fs::create_dir_all(root.join("b/inner")).unwrap();
    fs::create_dir_all(root.join(".git")).unwrap();
    fs::write(root.join("c.txt"), b"c").unwrap();
    fs::write(root.join("a.html"), b"<p>a</p>").unwrap();
    fs::write(root.join("b/inner/d.txt.gz"), gzip(b"d")).unwrap();
    fs::write(root.join("b/e"), b"e").unwrap();
    fs::write(root.join(".hidden.txt"), b"hidden").unwrap();
    fs::write(root.join(".git/config"), b"hidden").unwrap();
    fs::write(
        root.join("make_fixture.py"),
        b"print('code, not an article')",
    )
    .unwrap();
    fs::write(root.join("logo.PNG"), [0x89, b'P', b'N', b'G', 0, 0]).unwrap();
    fs::write(root.join("settings.json"), b"{}").unwrap();
    fs::write(root.join("README.md"), b"# About this folder").unwrap();
    fs::write(root.join("b/notes.md"), b"notes").unwrap();
    fs::write(root.join("b/README"), b"about b").unwrap();
    fs::write(
        root.join("z-index.jsonl"),
        b"{\"file\": \"c.txt\", \"title\": \"C\"}\n",
    )
    .unwrap();
    let (documents, errors) = read_path(root);
    assert!(errors.is_empty(), "{errors:?}");
    let sources: Vec<String> = documents
        .iter()
        .map(|document| {
            Path::new(&document.source)
                .strip_prefix(root)
                .unwrap()
                .display()
                .to_string()
        })
        .collect();
    // Manifests come first in their folder, then names in byte order, depth first; the file
    // the manifest listed is not read again bare, and READMEs and Markdown notes are skipped.
    assert_eq!(sources, ["c.txt", "a.html", "b/e", "b/inner/d.txt.gz"]);
    assert_eq!(documents[0].meta.title.as_deref(), Some("C"));
    assert_eq!(documents[3].bytes, b"d");
    assert_eq!(documents[2].kind, ContentKind::Unknown);
}

#[test]
fn file_without_a_feed_extension_that_sniffs_as_a_feed_is_read_as_one() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("download");
    fs::copy(fixture("feed.atom"), &path).unwrap();
    let (documents, errors) = read_path(&path);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(documents.len(), 2);
}

// ---------------------------------------------------------------- manifests

#[test]
fn manifest_lines_give_documents_with_their_metadata() {
    let manifest = fixture("manifest.jsonl");
    let (documents, errors) = collect(Input::Manifest(manifest.clone()), &IngestConfig::default());
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(documents.len(), 3);

    let first = &documents[0];
    assert_eq!(
        first.source,
        shown(&fixtures().join("articles/harbour-pact.txt"))
    );
    assert_eq!(first.kind, ContentKind::Text);
    assert_eq!(first.meta.published, date(2031, 3, 3));
    assert_eq!(
        first.meta.title.as_deref(),
        Some("Norland to join Harbour Compact")
    );
    assert_eq!(first.meta.outlet.as_deref(), Some("Example Wire"));
    assert_eq!(first.meta.lang.as_deref(), Some("en"));

    let second = &documents[1];
    assert_eq!(second.kind, ContentKind::Html);
    assert_eq!(second.meta.published, date(2031, 4, 10), "RFC 3339 date");
    assert_eq!(
        second.meta.url.as_deref(),
        Some("https://news.example/quota-review")
    );

    let third = &documents[2];
    assert_eq!(third.source, format!("{}:3", shown(&manifest)));
    assert_eq!(third.meta.published, None);
    assert!(third.bytes.starts_with(b"The fictional Westerly Isles"));
}

#[test]
fn jsonl_path_is_read_as_a_manifest() {
    let (documents, errors) = read_path(&fixture("manifest.jsonl"));
    assert!(errors.is_empty());
    assert_eq!(documents.len(), 3);
}

#[test]
fn each_bad_manifest_line_is_one_error_and_the_rest_goes_on() {
    let manifest = fixture("bad-manifest.jsonl");
    let name = shown(&manifest);
    let outcome: Vec<String> = items(Input::Manifest(manifest), &IngestConfig::default())
        .into_iter()
        .map(|item| match item {
            Ok(document) => format!("ok {}", document.source.rsplit('/').next().unwrap_or("")),
            Err(error) => error.to_string().replace(&name, "M"),
        })
        .collect();
    let missing = shown(&fixtures().join("articles/no-such-file.txt"));
    assert_eq!(
        outcome,
        [
            "ok harbour-pact.txt".to_string(),
            "M:2: not JSON: expected ident at line 1 column 2".to_string(),
            format!("M:3: cannot open {missing}: no such file or directory"),
            "M:5: no `file`, `path` or `text`: nothing to read".to_string(),
            "M:6: bad `published` date \"3 March 2031\": expected YYYY-MM-DD or an RFC 3339 date-time"
                .to_string(),
            "M:7: give only one of `file`, `path` and `text`".to_string(),
            "ok quota-review.html".to_string(),
        ]
    );
}

#[test]
fn manifest_line_over_the_cap_is_refused_without_stopping() {
    let folder = tempfile::tempdir().unwrap();
    let manifest = folder.path().join("m.jsonl");
    let long_text = "x".repeat(200);
    fs::write(
        &manifest,
        format!("{{\"text\": \"{long_text}\"}}\n{{\"text\": \"short\"}}\n"),
    )
    .unwrap();
    let cfg = IngestConfig {
        max_document_bytes: 100,
        ..IngestConfig::default()
    };
    let results = items(Input::Manifest(manifest), &cfg);
    assert_eq!(results.len(), 2);
    assert!(
        results[0]
            .as_ref()
            .unwrap_err()
            .reason
            .starts_with("inline text too large: 200 bytes")
    );
    assert_eq!(results[1].as_ref().unwrap().bytes, b"short");
}

#[test]
fn seed_manifest_yields_its_three_articles() {
    let Some(manifest) = migtrack_testdata::require(&shared().join("seeds/index.jsonl")) else {
        return;
    };
    let (documents, errors) = collect(Input::Manifest(manifest), &IngestConfig::default());
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(documents.len(), 3);
    assert_eq!(documents[2].meta.published, date(2025, 11, 27));
    assert!(documents.iter().all(|document| !document.bytes.is_empty()));
}

#[test]
fn corpus_manifest_streams_all_245_articles_without_error() {
    let Some(manifest) = migtrack_testdata::require(&shared().join("corpus/news/index.jsonl"))
    else {
        return;
    };
    let (documents, errors) = collect(Input::Manifest(manifest), &IngestConfig::default());
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(documents.len(), 245);
    let dated = documents
        .iter()
        .filter(|document| document.meta.published.is_some())
        .count();
    assert_eq!(dated, 163, "lines with a non-null `published`");
    assert!(
        documents
            .iter()
            .all(|document| document.kind == ContentKind::Text)
    );
}

// ---------------------------------------------------------------- feeds

#[test]
fn rss_items_are_documents_with_link_date_title_and_outlet() {
    let path = fixture("feed.rss");
    let (documents, errors) = read_path(&path);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(documents.len(), 3);

    let first = &documents[0];
    assert_eq!(first.source, "https://wire.example/2031/03/norland-compact");
    assert_eq!(first.meta.url.as_deref(), Some(first.source.as_str()));
    assert_eq!(first.kind, ContentKind::Html);
    assert!(
        String::from_utf8_lossy(&first.bytes).contains("<p>The fictional Republic of Norland"),
        "content:encoded wins over description"
    );
    assert_eq!(
        first.meta.title.as_deref(),
        Some("Norland joins rescue compact")
    );
    assert_eq!(first.meta.published, date(2031, 3, 3));
    assert_eq!(first.meta.outlet.as_deref(), Some("Example Policy Wire"));
    assert_eq!(first.meta.lang.as_deref(), Some("en"));

    let second = &documents[1];
    assert!(String::from_utf8_lossy(&second.bytes).contains("<p>The Eastmark council"));
    assert_eq!(second.meta.published, date(2031, 4, 10));

    let third = &documents[2];
    assert_eq!(third.source, format!("{}#3", shown(&path)));
    assert_eq!(third.meta.url, None);
    assert_eq!(third.meta.published, None);
}

#[test]
fn atom_entries_use_content_or_summary_and_published_or_updated() {
    let (documents, errors) = read_path(&fixture("feed.atom"));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(documents.len(), 2);
    assert_eq!(
        documents[0].source,
        "https://ministry.example/news/statistics-q1"
    );
    assert_eq!(documents[0].kind, ContentKind::Html);
    assert_eq!(documents[0].meta.published, date(2031, 5, 1));
    assert_eq!(
        documents[0].meta.outlet.as_deref(),
        Some("Example Ministry Newsroom")
    );
    assert_eq!(documents[1].kind, ContentKind::Text);
    assert_eq!(
        documents[1].bytes,
        b"The visa office changes its opening hours."
    );
    assert_eq!(
        documents[1].meta.published,
        date(2031, 4, 28),
        "updated date"
    );
}

#[test]
fn broken_feed_is_one_error() {
    let path = fixture("broken.rss");
    let (documents, errors) = read_path(&path);
    assert!(documents.is_empty());
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].source, shown(&path));
    assert!(
        errors[0].reason.starts_with("broken feed:"),
        "{}",
        errors[0]
    );
}

#[test]
fn gzipped_feed_is_read() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("feed.rss.gz");
    fs::write(&path, gzip(&fs::read(fixture("feed.rss")).unwrap())).unwrap();
    let (documents, errors) = read_path(&path);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(documents.len(), 3);
}

// ---------------------------------------------------------------- WARC

/// A WARC record as a crawler writes it.
fn warc_record(warc_type: &str, uri: &str, date: &str, block: &[u8]) -> Vec<u8> {
    let mut record = format!(
        "WARC/1.0\r\nWARC-Type: {warc_type}\r\nWARC-Date: {date}\r\n\
         WARC-Record-ID: <urn:uuid:{uri}>\r\nWARC-Target-URI: {uri}\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    record.extend_from_slice(block);
    record.extend_from_slice(b"\r\n\r\n");
    record
}

fn http_response(status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
    let mut response = format!("HTTP/1.1 {status}\r\n{headers}\r\n").into_bytes();
    response.extend_from_slice(body);
    response
}

fn expected_sample_pages(documents: &[RawDocument]) {
    let sources: Vec<&str> = documents
        .iter()
        .map(|document| document.source.as_str())
        .collect();
    assert_eq!(
        sources,
        [
            "https://wire.example/2031/03/norland-compact",
            "https://wire.example/2031/04/quota-review"
        ]
    );
    assert!(documents[0].bytes.starts_with(b"<!doctype html>"));
    assert!(documents[0].bytes.ends_with(b"</html>"));
    assert_eq!(documents[0].kind, ContentKind::Html);
    assert_eq!(documents[0].meta.published, date(2031, 3, 4));
    assert_eq!(
        documents[0].meta.url.as_deref(),
        Some("https://wire.example/2031/03/norland-compact")
    );
    assert_eq!(
        documents[1].bytes,
        b"<html><body><p>The Eastmark council postponed its quota review until autumn.</p></body></html>",
        "chunked body joined"
    );
    assert_eq!(documents[1].meta.published, date(2031, 4, 11));
}

#[test]
fn warc_yields_html_2xx_responses_and_skips_other_records() {
    let (documents, errors) = read_path(&fixture("sample.warc"));
    assert!(errors.is_empty(), "{errors:?}");
    expected_sample_pages(&documents);
}

#[test]
fn warc_gz_yields_the_same_pages_per_record_gzip_members() {
    // Common Crawl compresses each record as its own gzip member.
    let plain = fs::read(fixture("sample.warc")).unwrap();
    let mut packed = Vec::new();
    for piece in plain
        .split_inclusive(|&byte| byte == b'\n')
        .collect::<Vec<_>>()
        .chunks(7)
    {
        packed.extend(gzip(&piece.concat()));
    }
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("cc-news.warc.gz");
    fs::write(&path, packed).unwrap();
    let (documents, errors) = read_path(&path);
    assert!(errors.is_empty(), "{errors:?}");
    expected_sample_pages(&documents);
}

#[test]
fn malformed_warc_records_are_reported_by_number_and_reading_goes_on() {
    let path = fixture("malformed.warc");
    let results = items(Input::Path(path.clone()), &IngestConfig::default());
    let outcome: Vec<String> = results
        .iter()
        .map(|item| match item {
            Ok(document) => format!("ok {}", document.source),
            Err(error) => error.to_string().replace(&shown(&path), "W"),
        })
        .collect();
    assert_eq!(
        outcome,
        [
            "ok https://wire.example/first",
            "W: record 2: record block does not end where its Content-Length says",
            "W: record 3: malformed WARC header line \"this line is not a header\"",
            "ok https://wire.example/last",
        ]
    );
}

#[test]
fn truncated_warc_gz_gives_the_pages_before_and_one_error() {
    let plain = fs::read(fixture("sample.warc")).unwrap();
    let packed = gzip(&plain);
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("cut.warc.gz");
    fs::write(&path, &packed[..packed.len() * 3 / 4]).unwrap();
    let results = items(Input::Path(path.clone()), &IngestConfig::default());
    let last = results.last().unwrap().as_ref().unwrap_err();
    assert_eq!(last.source, shown(&path));
    assert!(last.reason.contains("truncated gzip data"), "{last}");
    assert_eq!(
        results.iter().filter(|item| item.is_err()).count(),
        1,
        "one error, then the file stops"
    );
}

#[test]
fn truncated_plain_warc_names_the_record_it_stops_in() {
    let plain = fs::read(fixture("sample.warc")).unwrap();
    let position = |needle: &[u8]| {
        plain
            .windows(needle.len())
            .position(|window| window == needle)
            .unwrap()
    };
    let cases = [
        (
            position(b"https://wire.example/missing"),
            1,
            "record 4: truncated record header",
        ),
        (
            position(b"council postponed"),
            1,
            "record 6: truncated record: block has ",
        ),
    ];
    for (cut, pages_before, expected) in cases {
        let results: Vec<_> = migtrack_ingest::archive::from_reader(
            "cut.warc",
            std::io::Cursor::new(plain[..cut].to_vec()),
            &IngestConfig::default(),
        )
        .collect();
        assert_eq!(results.len(), pages_before + 1, "{expected}");
        let error = results[pages_before].as_ref().unwrap_err();
        assert!(error.reason.starts_with(expected), "{error}");
    }
}

#[test]
fn warc_gz_past_the_decompression_cap_stops_with_one_error() {
    let mut plain = Vec::new();
    for index in 0..50 {
        let page = format!("<html><body><p>page {index}</p></body></html>");
        let block = http_response("200 OK", "Content-Type: text/html\r\n", page.as_bytes());
        plain.extend(warc_record(
            "response",
            &format!("https://a.example/{index}"),
            "2031-01-01T00:00:00Z",
            &block,
        ));
    }
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("big.warc.gz");
    fs::write(&path, gzip(&plain)).unwrap();
    let cfg = IngestConfig {
        max_decompressed_bytes: 2000,
        ..IngestConfig::default()
    };
    let results = items(Input::Path(path), &cfg);
    let errors: Vec<&SourceError> = results
        .iter()
        .filter_map(|item| item.as_ref().err())
        .collect();
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0]
            .reason
            .contains("decompressed data exceeds the limit of 2000 bytes"),
        "{}",
        errors[0]
    );
    assert!(results.len() < 50);
}

/// What one WARC response record should give.
enum Expect {
    Page(&'static [u8]),
    Skipped,
    Error(&'static str),
}

#[test]
fn warc_response_bodies_are_decoded_and_checked() {
    let page: &'static [u8] = b"<html><body><p>gzip page</p></body></html>";
    let cases: Vec<(&str, Vec<u8>, Expect)> = vec![
        (
            "gzip content encoding",
            http_response(
                "200 OK",
                "Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
                &gzip(page),
            ),
            Expect::Page(page),
        ),
        (
            "no content type, html body",
            http_response("200 OK", "", page),
            Expect::Page(page),
        ),
        (
            "no content type, other body",
            http_response("200 OK", "", b"{\"a\": 1}"),
            Expect::Skipped,
        ),
        (
            "redirect",
            http_response("301 Moved Permanently", "Content-Type: text/html\r\n", b""),
            Expect::Skipped,
        ),
        (
            "xhtml",
            http_response("203 OK", "Content-Type: application/xhtml+xml\r\n", page),
            Expect::Page(page),
        ),
        (
            "brotli",
            http_response(
                "200 OK",
                "Content-Type: text/html\r\nContent-Encoding: br\r\n",
                b"\x0b\x02",
            ),
            Expect::Error("unsupported Content-Encoding \"br\""),
        ),
        (
            "not http",
            b"this is not an HTTP response".to_vec(),
            Expect::Error("HTTP response has no end of headers"),
        ),
    ];
    for (what, block, expected) in cases {
        let warc = warc_record(
            "response",
            "https://a.example/p",
            "2031-02-03T04:05:06Z",
            &block,
        );
        let documents = migtrack_ingest::archive::from_reader(
            "test.warc",
            std::io::Cursor::new(warc),
            &IngestConfig::default(),
        )
        .collect::<Vec<_>>();
        match expected {
            Expect::Page(bytes) => {
                assert_eq!(documents.len(), 1, "{what}");
                assert_eq!(documents[0].as_ref().unwrap().bytes, bytes, "{what}");
            }
            Expect::Skipped => assert!(documents.is_empty(), "{what}: {documents:?}"),
            Expect::Error(reason) => {
                assert_eq!(documents.len(), 1, "{what}");
                let error = documents[0].as_ref().unwrap_err();
                assert_eq!(
                    error.to_string(),
                    format!("test.warc: record 1: (https://a.example/p) {reason}"),
                    "{what}"
                );
            }
        }
    }
}

#[test]
fn warc_record_with_invalid_warc_header_is_reported_and_the_next_is_read() {
    let good = warc_record(
        "response",
        "https://a.example/ok",
        "2031-02-03T04:05:06Z",
        &http_response("200 OK", "Content-Type: text/html\r\n", b"<p>ok</p>"),
    );
    let bad_date = warc_record(
        "response",
        "https://a.example/bad",
        "yesterday",
        &http_response("200 OK", "Content-Type: text/html\r\n", b"<p>bad</p>"),
    );
    let warc = [bad_date, good].concat();
    let results: Vec<_> = migtrack_ingest::archive::from_reader(
        "t.warc",
        std::io::Cursor::new(warc),
        &IngestConfig::default(),
    )
    .collect();
    assert_eq!(results.len(), 2);
    assert!(
        results[0]
            .as_ref()
            .unwrap_err()
            .to_string()
            .starts_with("t.warc: record 1: invalid WARC header: Malformed header: ")
    );
    assert_eq!(results[1].as_ref().unwrap().source, "https://a.example/ok");
}

#[test]
fn wrong_content_length_is_one_error_and_costs_at_most_the_next_record() {
    let record = |name: &str| {
        warc_record(
            "response",
            &format!("https://a.example/{name}"),
            "2031-02-03T04:05:06Z",
            &http_response(
                "200 OK",
                "Content-Type: text/html\r\n",
                b"<p>a page body\r\nover two lines</p>",
            ),
        )
    };
    // (change to the middle record's Content-Length, what the stream yields)
    let cases: [(i64, &[&str]); 4] = [
        (0, &["ok a", "ok b", "ok c"]),
        (-7, &["ok a", "error 2", "ok c"]),
        (-20, &["ok a", "error 2", "ok c"]),
        // Too long: the block eats the next record's version line, which is lost with it.
        (10, &["ok a", "error 2"]),
    ];
    for (change, expected) in cases {
        let middle = String::from_utf8(record("b")).unwrap();
        let length: i64 = middle
            .lines()
            .find_map(|line| line.strip_prefix("Content-Length: "))
            .and_then(|value| value.trim().parse().ok())
            .unwrap();
        let middle = middle.replacen(
            &format!("Content-Length: {length}\r\n"),
            &format!("Content-Length: {}\r\n", length + change),
            1,
        );
        let warc = [record("a"), middle.into_bytes(), record("c")].concat();
        let outcome: Vec<String> = migtrack_ingest::archive::from_reader(
            "t.warc",
            std::io::Cursor::new(warc),
            &IngestConfig::default(),
        )
        .map(|item| match item {
            Ok(document) => format!("ok {}", document.source.rsplit('/').next().unwrap_or("")),
            Err(error) => {
                let number = error
                    .reason
                    .split(':')
                    .next()
                    .unwrap_or("")
                    .replace("record ", "");
                format!("error {number}")
            }
        })
        .collect();
        assert_eq!(outcome, expected, "Content-Length changed by {change}");
    }
}

// ---------------------------------------------------------------- configuration

#[test]
fn example_config_parses_and_matches_the_defaults() {
    let text = fs::read_to_string(fixture("ingest.example.json")).unwrap();
    let cfg: IngestConfig = serde_json::from_str(&text).unwrap();
    assert_eq!(cfg, IngestConfig::default());
    assert!(cfg.build().is_ok());
}

/// Issue 12, item 4: a named FIFO in a walked folder, listed in a manifest, or named as an
/// input hung the ingest forever (opening a FIFO blocks until a writer comes). Only regular
/// files are read: each FIFO is one error naming it, and the stream goes on. The stream is
/// pulled on another thread so that a regression fails (after a generous guard) instead of
/// hanging the test run.
#[cfg(unix)]
#[test]
fn a_fifo_is_one_error_and_never_blocks() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("folder");
    fs::create_dir(&folder).unwrap();
    fs::write(folder.join("good.txt"), "Hungary rejected the compact.").unwrap();
    let fifo = folder.join("pipe.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let manifest = dir.path().join("list.jsonl");
    fs::write(
        &manifest,
        "{\"file\": \"folder/pipe.txt\"}\n{\"file\": \"folder/good.txt\"}\n",
    )
    .unwrap();
    let inputs = vec![
        Input::Path(folder.clone()),
        Input::Manifest(manifest.clone()),
        Input::Path(fifo.clone()),
        Input::Manifest(fifo.clone()),
    ];
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let results: Vec<_> = inputs
            .into_iter()
            .map(|input| collect(input, &IngestConfig::default()))
            .collect();
        sender.send(results).ok();
    });
    let results = receiver
        .recv_timeout(std::time::Duration::from_secs(120))
        .expect("reading the inputs does not block on the FIFO");
    let [walk, listed, named, as_manifest] = &results[..] else {
        panic!("four inputs")
    };
    for (what, (documents, errors), expected_documents) in [
        ("walk", walk, 1),
        ("manifest", listed, 1),
        ("named", named, 0),
        ("fifo as manifest", as_manifest, 0),
    ] {
        assert_eq!(documents.len(), expected_documents, "{what}: {errors:?}");
        assert_eq!(errors.len(), 1, "{what}: {errors:?}");
        assert!(
            errors[0].reason.contains("not a regular file"),
            "{what}: {}",
            errors[0]
        );
        assert!(
            errors[0].source.contains("pipe.txt") || errors[0].source.contains("list.jsonl:1"),
            "{what}: {}",
            errors[0]
        );
    }
}
