//! The query commands: events, facts, quotes, dates, figures, claims, timeline, status, show,
//! export, search. Each reads a read-only store and prints table, JSON or CSV.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use migtrack_domain::{Lookup, Pack};
use migtrack_store::{EventFilter, Fact, Page, Paged, RecordFilter, Store, Term};
use serde::Serialize;

use crate::cli::{
    EventFilterArgs, EventsArgs, PageArgs, QuotesArgs, RecordArgs, SearchArgs, ShowArgs,
    ShowFormat, StatusArgs, TimelineArgs,
};
use crate::escape;
use crate::output::{Format, Rows, opt, opt_display};

fn page(args: &PageArgs) -> Page {
    Page {
        limit: args.limit.max(1),
        cursor: args.cursor,
    }
}

fn print<T: Serialize>(
    rows: Rows<T>,
    format: Format,
    next: Option<i64>,
) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    rows.write(format, &mut out)?;
    out.flush()?;
    if let (Some(next), Format::Table) = (next, format) {
        eprintln!("more rows: add --cursor {next}");
    }
    Ok(ExitCode::SUCCESS)
}

/// An event filter with `--actor` and `--target` resolved through the domain pack, and what to
/// say if the answer is empty because a name fits several ids.
struct Filter {
    filter: EventFilter,
    ambiguous: Vec<String>,
}

impl Filter {
    /// An empty first page for a name that fits several ids is a usage error listing them:
    /// the name matched nothing as words either.
    fn check(&self, empty: bool, cursor: Option<i64>) -> anyhow::Result<()> {
        match self.ambiguous.first() {
            Some(message) if empty && cursor.is_none() => anyhow::bail!("{message}"),
            _ => Ok(()),
        }
    }
}

fn event_filter(args: &EventFilterArgs) -> anyhow::Result<Filter> {
    check_action(&args.action)?;
    let mut ambiguous = Vec::new();
    let mut term = |flag: &str, name: &Option<String>| -> Option<Term> {
        let name = name.as_deref()?.trim();
        if name.is_empty() {
            return None;
        }
        Some(match Pack::builtin().lookup(name) {
            Lookup::Found(entity) => Term::Exact(entity.id.clone()),
            Lookup::Ambiguous(candidates) => {
                let listed: Vec<String> = candidates
                    .iter()
                    .map(|entity| format!("{} ({})", entity.id, entity.name))
                    .collect();
                ambiguous.push(format!(
                    "{flag} {name:?} fits several ids: {}; give one of them",
                    listed.join(", ")
                ));
                Term::Contains(name.to_string())
            }
            Lookup::Unknown => Term::Contains(name.to_string()),
        })
    };
    let actor = term("--actor", &args.actor);
    let target = term("--target", &args.target);
    Ok(Filter {
        filter: EventFilter {
            actor,
            action: args.action.clone(),
            target,
            since: args.since,
            until: args.until,
            doc_id: None,
            include_rejected: args.include_rejected,
            ..EventFilter::default()
        },
        ambiguous,
    })
}

fn check_action(action: &Option<String>) -> anyhow::Result<()> {
    if let Some(action) = action {
        anyhow::ensure!(
            migtrack_model::Action::parse(action).is_some(),
            "unknown action `{action}`; one of: {}",
            migtrack_model::Action::ALL
                .map(|action| action.as_str())
                .join(", ")
        );
    }
    Ok(())
}

pub fn events(store: &dyn Store, args: &EventsArgs) -> anyhow::Result<ExitCode> {
    let filter = event_filter(&args.filter)?;
    let Paged { items, next } = store.events(&filter.filter, page(&args.page))?;
    filter.check(items.is_empty(), args.page.cursor)?;
    let rows = Rows {
        headers: vec![
            "id", "date", "actor", "action", "target", "modality", "doc", "source", "sentence",
        ],
        items,
        cells: |row| {
            vec![
                row.id.to_string(),
                opt(&row.event.date),
                row.event.actor.clone(),
                row.event.action.to_string(),
                row.event.target.clone(),
                row.event.modality.as_str().to_string(),
                row.provenance.doc_id.to_string(),
                row.provenance.label.clone(),
                row.sentence_text.clone(),
            ]
        },
    };
    print(rows, args.page.format, next)
}

fn fact_cells(fact: &Fact) -> Vec<String> {
    vec![
        fact.id.to_string(),
        opt(&fact.date),
        fact.actor.clone(),
        fact.action.to_string(),
        fact.target.clone(),
        fact.modality.as_str().to_string(),
        fact.source_count.to_string(),
        fact.outlets.join("; "),
        fact.contradictions.join("; "),
    ]
}

const FACT_HEADERS: [&str; 9] = [
    "id",
    "date",
    "actor",
    "action",
    "target",
    "modality",
    "sources",
    "outlets",
    "contradictions",
];

pub fn facts(store: &dyn Store, args: &EventsArgs) -> anyhow::Result<ExitCode> {
    let filter = event_filter(&args.filter)?;
    let Paged { items, next } = store.facts(&filter.filter, page(&args.page))?;
    filter.check(items.is_empty(), args.page.cursor)?;
    print(
        Rows {
            headers: FACT_HEADERS.to_vec(),
            items,
            cells: fact_cells,
        },
        args.page.format,
        next,
    )
}

fn record_filter(speaker: &Option<String>, text: &Option<String>) -> RecordFilter {
    RecordFilter {
        speaker: speaker.clone(),
        text: text.clone(),
        ..RecordFilter::default()
    }
}

/// Quotes and claims: the filter, with the rejected records when asked for.
fn spoken_filter(args: &QuotesArgs) -> RecordFilter {
    RecordFilter {
        include_rejected: args.include_rejected,
        ..record_filter(&args.speaker, &args.text)
    }
}

pub fn quotes(store: &dyn Store, args: &QuotesArgs) -> anyhow::Result<ExitCode> {
    let Paged { items, next } = store.quotes(&spoken_filter(args), page(&args.page))?;
    let rows = Rows {
        headers: vec![
            "id",
            "published",
            "speaker",
            "role",
            "direct",
            "text",
            "doc",
        ],
        items,
        cells: |row| {
            vec![
                row.id.to_string(),
                opt_display(&row.provenance.published),
                opt(&row.quote.speaker),
                opt(&row.quote.role),
                if row.quote.direct {
                    "direct"
                } else {
                    "reported"
                }
                .to_string(),
                row.quote.text.clone(),
                row.provenance.doc_id.to_string(),
            ]
        },
    };
    print(rows, args.page.format, next)
}

pub fn claims(store: &dyn Store, args: &QuotesArgs) -> anyhow::Result<ExitCode> {
    let Paged { items, next } = store.claims(&spoken_filter(args), page(&args.page))?;
    let rows = Rows {
        headers: vec!["id", "published", "speaker", "evidence", "text", "doc"],
        items,
        cells: |row| {
            vec![
                row.id.to_string(),
                opt_display(&row.provenance.published),
                opt(&row.claim.speaker),
                row.claim.evidence.as_str().to_string(),
                row.claim.text.clone(),
                row.provenance.doc_id.to_string(),
            ]
        },
    };
    print(rows, args.page.format, next)
}

pub fn speakers(store: &dyn Store, args: &crate::cli::SpeakersArgs) -> anyhow::Result<ExitCode> {
    let items = migtrack_pipeline::people::select(
        migtrack_pipeline::people::speakers_counted(&store.speaker_counts()?),
        args.people,
        args.name.as_deref(),
    );
    let rows = Rows {
        headers: vec!["speaker", "quotes", "roles", "for", "also named"],
        items,
        cells: |speaker| {
            vec![
                speaker.name.clone(),
                speaker.quotes.to_string(),
                speaker.roles.join("; "),
                speaker.entities.join(", "),
                speaker
                    .variants
                    .iter()
                    .filter(|variant| **variant != speaker.name)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("; "),
            ]
        },
    };
    print(rows, args.format, None)
}

pub fn dates(store: &dyn Store, args: &RecordArgs) -> anyhow::Result<ExitCode> {
    let Paged { items, next } = store.dates(&record_filter(&None, &args.text), page(&args.page))?;
    let rows = Rows {
        headers: vec!["id", "value", "text", "published", "doc", "rule"],
        items,
        cells: |row| {
            vec![
                row.id.to_string(),
                opt(&row.date.value),
                row.date.text.clone(),
                opt_display(&row.provenance.published),
                row.provenance.doc_id.to_string(),
                row.date.rule.clone(),
            ]
        },
    };
    print(rows, args.page.format, next)
}

pub fn figures(store: &dyn Store, args: &RecordArgs) -> anyhow::Result<ExitCode> {
    let Paged { items, next } =
        store.figures(&record_filter(&None, &args.text), page(&args.page))?;
    let rows = Rows {
        headers: vec!["id", "value", "unit", "counts", "text", "doc"],
        items,
        cells: |row| {
            vec![
                row.id.to_string(),
                row.figure.value.to_string(),
                opt(&row.figure.unit),
                opt(&row.figure.counts),
                row.figure.text.clone(),
                row.provenance.doc_id.to_string(),
            ]
        },
    };
    print(rows, args.page.format, next)
}

/// Every fact matching a filter, all pages.
fn all_facts(store: &dyn Store, filter: &EventFilter) -> anyhow::Result<Vec<Fact>> {
    let mut facts = Vec::new();
    let mut cursor = None;
    loop {
        let Paged { items, next } = store.facts(
            filter,
            Page {
                limit: 1000,
                cursor,
            },
        )?;
        facts.extend(items);
        match next {
            Some(next) => cursor = Some(next),
            None => return Ok(facts),
        }
    }
}

pub fn timeline(store: &dyn Store, args: &TimelineArgs) -> anyhow::Result<ExitCode> {
    let filter = event_filter(&args.filter)?;
    let items = super::timeline(all_facts(store, &filter.filter)?);
    filter.check(items.is_empty(), None)?;
    let rows = Rows {
        headers: vec![
            "date",
            "event",
            "modality",
            "sources",
            "first reported",
            "fact",
        ],
        items,
        cells: |fact| {
            vec![
                fact.date.clone().unwrap_or_else(|| "undated".into()),
                format!("{} {} {}", fact.actor, fact.action, fact.target),
                fact.modality.as_str().to_string(),
                fact.source_count.to_string(),
                opt_display(&fact.first_reported),
                fact.id.to_string(),
            ]
        },
    };
    print(rows, args.format, None)
}

pub fn status(store: &dyn Store, args: &StatusArgs) -> anyhow::Result<ExitCode> {
    let facts = store.asserted_facts(
        &EventFilter::default(),
        &migtrack_pipeline::link::STATUS_ACTIONS,
    )?;
    let cells = super::status(facts, args.at);
    if args.long || args.format != Format::Table {
        let rows = Rows {
            headers: vec!["state", "framework", "status", "date", "sources", "fact"],
            items: cells,
            cells: |cell| {
                vec![
                    cell.state.clone(),
                    cell.framework.clone(),
                    cell.status.clone(),
                    opt(&cell.date),
                    cell.source_count.to_string(),
                    cell.fact_id.to_string(),
                ]
            },
        };
        return print(rows, args.format, None);
    }
    // The matrix: one row per state, one column per framework.
    let mut frameworks: Vec<&str> = cells.iter().map(|cell| cell.framework.as_str()).collect();
    frameworks.sort_unstable();
    frameworks.dedup();
    let mut states: Vec<&str> = cells.iter().map(|cell| cell.state.as_str()).collect();
    states.sort_unstable();
    states.dedup();
    let mut headers = vec!["state"];
    headers.extend(frameworks.iter().copied());
    let rows: Vec<Vec<String>> = states
        .iter()
        .map(|state| {
            let mut row = vec![state.to_string()];
            for framework in &frameworks {
                let cell = cells
                    .iter()
                    .find(|cell| cell.state == *state && cell.framework == *framework);
                row.push(cell.map_or(String::new(), |cell| match &cell.date {
                    Some(date) => {
                        format!("{} {}", cell.status, migtrack_model::period::human(date))
                    }
                    None => cell.status.clone(),
                }));
            }
            row
        })
        .collect();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if let Some(at) = args.at {
        writeln!(out, "as of {at}")?;
    }
    crate::output::write_table(&mut out, &headers, &rows)?;
    Ok(ExitCode::SUCCESS)
}

pub fn show(store: &dyn Store, args: &ShowArgs) -> anyhow::Result<ExitCode> {
    let view = store.find_document(&args.doc)?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.format == ShowFormat::Json {
        serde_json::to_writer_pretty(&mut out, &view)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    // Mark every record in place: ⟦text⟧ with a footnote number, then list the records.
    let mut marks: Vec<(migtrack_model::Span, String)> = Vec::new();
    for row in &view.events {
        marks.push((
            row.event.span,
            format!(
                "event {} {} {} ({})",
                row.event.actor,
                row.event.action,
                row.event.target,
                migtrack_model::period::human(&opt(&row.event.date))
            ),
        ));
    }
    for row in &view.quotes {
        marks.push((
            row.quote.span,
            format!("quote by {}", opt(&row.quote.speaker)),
        ));
    }
    for row in &view.dates {
        marks.push((
            row.date.span,
            format!(
                "date {}",
                migtrack_model::period::human(&opt(&row.date.value))
            ),
        ));
    }
    for row in &view.figures {
        marks.push((row.figure.span, format!("figure {}", row.figure.value)));
    }
    for row in &view.claims {
        marks.push((
            row.claim.span,
            format!("claim, evidence {}", row.claim.evidence.as_str()),
        ));
    }
    marks.sort_by_key(|(span, _)| (span.start, std::cmp::Reverse(span.end)));
    let summary = &view.summary;
    writeln!(
        out,
        "# {} [{}]",
        escape::line(summary.title.as_deref().unwrap_or("(untitled)")),
        summary.id
    )?;
    writeln!(
        out,
        "source: {}   published: {}   outlet: {}",
        escape::line(&summary.source),
        opt_display(&summary.published),
        escape::line(&opt(&summary.outlet))
    )?;
    writeln!(out)?;
    write!(out, "{}", escape::text(&mark_text(&view.text, &marks)))?;
    writeln!(out, "\n")?;
    for (number, (span, label)) in marks.iter().enumerate() {
        writeln!(
            out,
            "[{}] {}  @{}..{}",
            number + 1,
            escape::line(label),
            span.start,
            span.end
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Insert `⟦` … `⟧ⁿ` around each marked span (numbers in order of `marks`).
fn mark_text(text: &str, marks: &[(migtrack_model::Span, String)]) -> String {
    let mut inserts: Vec<(usize, bool, String)> = Vec::new();
    for (number, (span, _)) in marks.iter().enumerate() {
        if span.end <= text.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end)
        {
            inserts.push((span.start, true, "⟦".to_string()));
            inserts.push((span.end, false, format!("⟧{}", number + 1)));
        }
    }
    // Closings before openings at the same offset.
    inserts.sort_by_key(|(offset, opening, _)| (*offset, *opening));
    let mut marked = String::with_capacity(text.len() + inserts.len() * 4);
    let mut at = 0;
    for (offset, _, insert) in inserts {
        marked.push_str(&text[at..offset]);
        marked.push_str(&insert);
        at = offset;
    }
    marked.push_str(&text[at..]);
    marked
}

pub fn search(store: &dyn Store, args: &SearchArgs) -> anyhow::Result<ExitCode> {
    let Paged { items, next } = store.search(&args.query, page(&args.page))?;
    let rows = Rows {
        headers: vec!["doc", "published", "title", "snippet"],
        items,
        cells: |hit| {
            vec![
                hit.doc_id.to_string(),
                opt_display(&hit.published),
                hit.label.clone(),
                hit.snippet.clone(),
            ]
        },
    };
    print(rows, args.page.format, next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use migtrack_model::Span;

    #[test]
    fn marks_wrap_spans_in_order() {
        let text = "The US withdrew on Wednesday.";
        let marks = vec![
            (Span::new(7, 15), "event".to_string()),
            (Span::new(19, 28), "date".to_string()),
        ];
        assert_eq!(
            mark_text(text, &marks),
            "The US ⟦withdrew⟧1 on ⟦Wednesday⟧2."
        );
    }
}
