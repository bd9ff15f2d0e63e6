//! `migtrack eval`: score the pipeline against gold files (`shared/gold/GUIDELINES.md`) and
//! print precision, recall and F1 per kind, plus date, modality, speaker and evidence accuracy.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use migtrack_domain::Pack;
use migtrack_pipeline::eval::{GoldDoc, Score, score};
use serde::Serialize;

use crate::cli::EvalArgs;
use crate::cli::ReportFormat as Format;

/// Gold files under `path` (a file, or a folder searched recursively), sorted.
fn gold_files(path: &Path) -> anyhow::Result<Vec<PathBuf>> {
    if path.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files = Vec::new();
    let mut folders = vec![path.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in
            std::fs::read_dir(&folder).with_context(|| format!("reading {}", folder.display()))?
        {
            let path = entry?.path();
            if path.is_dir() {
                folders.push(path);
            } else if path
                .extension()
                .is_some_and(|extension| extension == "json")
            {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

/// The article a gold file names: `file` is relative to some ancestor of the gold file's
/// folder (the `shared/` folder for the project's gold, the gold folder itself for testdata).
fn article_path(gold_path: &Path, file: &str) -> Option<PathBuf> {
    gold_path
        .ancestors()
        .skip(1)
        .map(|folder| folder.join(file))
        .find(|candidate| candidate.is_file())
}

/// `published` per article file name, from a manifest.
fn manifest_dates(path: &Path) -> anyhow::Result<HashMap<String, Option<chrono::NaiveDate>>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut dates = HashMap::new();
    for (number, line) in text
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
    {
        let value: serde_json::Value = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: not JSON", path.display(), number + 1))?;
        let Some(file) = value
            .get("file")
            .or_else(|| value.get("path"))
            .and_then(|file| file.as_str())
        else {
            continue;
        };
        let name = Path::new(file)
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        let published = value
            .get("published")
            .and_then(|date| date.as_str())
            .and_then(|date| date.get(..10))
            .and_then(|date| date.parse().ok());
        dates.insert(name, published);
    }
    Ok(dates)
}

#[derive(Serialize)]
struct KindRow {
    kind: &'static str,
    precision: f64,
    recall: f64,
    f1: f64,
    tp: usize,
    fp: usize,
    #[serde(rename = "fn")]
    fn_: usize,
}

impl KindRow {
    fn cells(&self) -> Vec<String> {
        vec![
            self.kind.to_string(),
            format!("{:.3}", self.precision),
            format!("{:.3}", self.recall),
            format!("{:.3}", self.f1),
            self.tp.to_string(),
            self.fp.to_string(),
            self.fn_.to_string(),
        ]
    }
}

#[derive(Serialize)]
struct Report {
    documents: usize,
    kinds: Vec<KindRow>,
    event_date_accuracy: f64,
    event_modality_accuracy: f64,
    quote_speaker_accuracy: f64,
    claim_evidence_accuracy: f64,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    findings: Vec<(String, migtrack_pipeline::eval::Finding)>,
}

/// Findings with the gold file they belong to.
type Findings = Vec<(String, migtrack_pipeline::eval::Finding)>;

/// Score every gold file; returns the number of documents, the total score and per-file
/// findings.
pub fn evaluate(
    gold_paths: &[PathBuf],
    manifest: Option<&Path>,
) -> anyhow::Result<(usize, Score, Findings)> {
    let pack = Pack::builtin();
    let is_entity_id = |name: &str| pack.entity(name).is_some();
    let overrides = manifest.map(manifest_dates).transpose()?;
    let mut total = Score::default();
    let mut findings = Vec::new();
    let mut documents = 0;
    for root in gold_paths {
        for gold_path in gold_files(root)? {
            let text = std::fs::read_to_string(&gold_path)
                .with_context(|| format!("reading {}", gold_path.display()))?;
            let gold: GoldDoc = serde_json::from_str(&text)
                .with_context(|| format!("{}: not a gold file", gold_path.display()))?;
            let article = article_path(&gold_path, &gold.file).with_context(|| {
                format!("{}: article {} not found", gold_path.display(), gold.file)
            })?;
            let bytes = std::fs::read(&article)
                .with_context(|| format!("reading {}", article.display()))?;
            let name = article
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default();
            let published = overrides
                .as_ref()
                .and_then(|dates| dates.get(&name).copied())
                .unwrap_or(gold.published);
            let processed = migtrack_pipeline::eval::process_article(
                article.display().to_string(),
                bytes,
                published,
                pack,
            )
            .map_err(|error| anyhow::anyhow!("{}: {error}", article.display()))?;
            let (doc, extraction) = (processed.doc, processed.extraction);
            let mut document_score = score(&gold, &extraction, &doc.text, &is_entity_id);
            findings.extend(
                document_score
                    .findings
                    .drain(..)
                    .map(|finding| (gold.file.clone(), finding)),
            );
            total.add(document_score);
            documents += 1;
        }
    }
    Ok((documents, total, findings))
}

pub fn run(args: &EvalArgs) -> anyhow::Result<ExitCode> {
    let (documents, total, findings) = evaluate(&args.gold, args.manifest.as_deref())?;
    anyhow::ensure!(documents > 0, "no gold files found in {:?}", args.gold);
    let report = Report {
        documents,
        kinds: total
            .kinds()
            .into_iter()
            .map(|(kind, counts)| KindRow {
                kind,
                precision: counts.precision(),
                recall: counts.recall(),
                f1: counts.f1(),
                tp: counts.tp,
                fp: counts.fp,
                fn_: counts.fn_,
            })
            .collect(),
        event_date_accuracy: total.event_date.value(),
        event_modality_accuracy: total.event_modality.value(),
        quote_speaker_accuracy: total.quote_speaker.value(),
        claim_evidence_accuracy: total.claim_evidence.value(),
        findings: if args.verbose { findings } else { Vec::new() },
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)?;
        }
        Format::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            writer.write_record(["kind", "precision", "recall", "f1", "tp", "fp", "fn"])?;
            for row in &report.kinds {
                writer.write_record(row.cells())?;
            }
            writer.flush()?;
        }
        Format::Table => {
            writeln!(out, "{} gold documents", report.documents)?;
            let rows: Vec<Vec<String>> = report.kinds.iter().map(KindRow::cells).collect();
            crate::output::write_table(
                &mut out,
                &["kind", "P", "R", "F1", "tp", "fp", "fn"],
                &rows,
            )?;
            writeln!(
                out,
                "\nevent date accuracy {:.3} ({}/{}), event modality accuracy {:.3} ({}/{}), quote speaker accuracy {:.3} ({}/{}), claim evidence accuracy {:.3} ({}/{})",
                report.event_date_accuracy,
                total.event_date.right,
                total.event_date.total,
                report.event_modality_accuracy,
                total.event_modality.right,
                total.event_modality.total,
                report.quote_speaker_accuracy,
                total.quote_speaker.right,
                total.quote_speaker.total,
                report.claim_evidence_accuracy,
                total.claim_evidence.right,
                total.claim_evidence.total,
            )?;
            if args.verbose {
                let mut current = String::new();
                for (file, finding) in &report.findings {
                    if *file != current {
                        writeln!(out, "\n== {}", crate::escape::line(file))?;
                        current.clone_from(file);
                    }
                    writeln!(
                        out,
                        "  {:<8} {:<10} {}",
                        finding.kind,
                        finding.verdict,
                        crate::escape::line(&finding.what)
                    )?;
                    if let Some(sentence) = &finding.sentence {
                        writeln!(out, "           in: {}", crate::escape::line(sentence))?;
                    }
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
