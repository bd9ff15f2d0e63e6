//! `migtrack parse` and `migtrack nlp`: what the linguistic layer sees (CoNLL-U or JSON), and
//! rebuilding a model from a UD treebank.

use std::io::{BufWriter, Read, Write};
use std::process::ExitCode;

use anyhow::Context as _;
use migtrack_model::Diagnostic;
use migtrack_nlp::{Model, conllu};

use super::{documents, exit_code, inputs, report};
use crate::cli::{NlpTextArgs, NlpTrainArgs, ParseArgs, ParseFormat};

fn model_for(lang: &str) -> &'static Model {
    Model::for_language(lang).unwrap_or_else(Model::english)
}

/// The model `--model` names, loaded once.
fn model_from(args: &ParseArgs) -> anyhow::Result<Option<&'static Model>> {
    let Some(path) = &args.model else {
        return Ok(None);
    };
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let model =
        Model::from_bytes(&bytes).with_context(|| format!("{} is not a model", path.display()))?;
    Ok(Some(model.leak()))
}

/// `migtrack parse`: sentences, words, tags, lemmas and trees of every input document.
pub fn parse(args: &ParseArgs) -> anyhow::Result<ExitCode> {
    let given = model_from(args)?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.conllu {
        return parse_conllu(args, given, &mut out);
    }
    let mut failed = 0;
    // (source, text, language) of each input: read as it is with --plain, else cleaned.
    let texts: Box<dyn Iterator<Item = Result<(String, String, String), Diagnostic>>> =
        if args.plain {
            Box::new(args.input.paths.iter().map(|path| {
                read_plain(path).map(|text| {
                    (
                        path.clone(),
                        text,
                        args.lang.clone().unwrap_or_else(|| "en".into()),
                    )
                })
            }))
        } else {
            Box::new(documents(inputs(&args.input)?).map(|item| {
                let raw = item?;
                let doc = migtrack_pipeline::clean::clean(&raw).map_err(|error| Diagnostic {
                    source: raw.source.clone(),
                    message: error.to_string(),
                })?;
                let lang = args
                    .lang
                    .clone()
                    .or(doc.lang)
                    .unwrap_or_else(|| "en".into());
                Ok((doc.source, doc.text, lang))
            }))
        };
    let mut json_first = true;
    if args.format == ParseFormat::Json {
        write!(out, "[")?;
    }
    for (document_index, item) in texts.enumerate() {
        let (source, text, lang) = match item {
            Ok(found) => found,
            Err(diagnostic) => {
                failed += 1;
                report(&diagnostic);
                continue;
            }
        };
        let model = given.unwrap_or_else(|| model_for(&lang));
        let sentences = model.analyze_text(&text);
        match args.format {
            ParseFormat::Conllu => {
                writeln!(out, "# newdoc id = {}", source.replace(['\n', '\r'], " "))?;
                let mut buffer = String::new();
                for (index, sentence) in sentences.iter().enumerate() {
                    let id = format!("{}-{}", document_index + 1, index + 1);
                    conllu::write(&conllu::from_layer(&text, sentence, &id), &mut buffer);
                }
                out.write_all(buffer.as_bytes())?;
            }
            ParseFormat::Json => {
                if !json_first {
                    write!(out, ",")?;
                }
                json_first = false;
                let value = serde_json::json!({
                    "source": source,
                    "lang": model.lang,
                    "sentences": sentences.iter().map(|sentence| sentence_json(&text, sentence)).collect::<Vec<_>>(),
                });
                writeln!(out)?;
                serde_json::to_writer_pretty(&mut out, &value)?;
            }
        }
    }
    if args.format == ParseFormat::Json {
        writeln!(out, "\n]")?;
    }
    out.flush()?;
    Ok(exit_code(failed))
}

fn read_plain(path: &str) -> Result<String, Diagnostic> {
    let mut bytes = Vec::new();
    let result = if path == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(path)
            .and_then(|mut file| file.read_to_end(&mut bytes))
            .map(|_| ())
    };
    result.map_err(|error| Diagnostic {
        source: path.to_string(),
        message: error.to_string(),
    })?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn sentence_json(text: &str, sentence: &migtrack_nlp::Sentence) -> serde_json::Value {
    let words: Vec<serde_json::Value> = sentence
        .words
        .iter()
        .enumerate()
        .map(|(index, word)| {
            let mut value = serde_json::json!({
                "id": index + 1,
                "form": word.form(text),
                "start": word.span.start,
                "end": word.span.end,
            });
            if let Some(analysis) = sentence.analysis.as_ref().and_then(|all| all.get(index)) {
                value["lemma"] = analysis.lemma.as_ref().into();
                value["upos"] = analysis.upos.as_str().into();
                value["xpos"] = analysis.xpos.into();
                value["feats"] = analysis.feats.into();
                value["head"] = analysis.head.map_or(0, |head| head as usize + 1).into();
                value["deprel"] = analysis.deprel.into();
            }
            value
        })
        .collect();
    serde_json::json!({
        "start": sentence.span.start,
        "end": sentence.span.end,
        "text": &text[sentence.span.start..sentence.span.end],
        "words": words,
    })
}

/// Fill tags, lemmas, features and trees into pre-tokenized CoNLL-U (gold words kept).
fn parse_conllu(
    args: &ParseArgs,
    given: Option<&'static Model>,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let model = given.unwrap_or_else(|| model_for(args.lang.as_deref().unwrap_or("en")));
    let mut failed = 0;
    for path in &args.input.paths {
        let text = match read_plain(path) {
            Ok(text) => text,
            Err(diagnostic) => {
                failed += 1;
                report(&diagnostic);
                continue;
            }
        };
        let sentences = match conllu::parse(&text) {
            Ok(sentences) => sentences,
            Err(error) => {
                failed += 1;
                report(&Diagnostic {
                    source: path.clone(),
                    message: format!("not CoNLL-U: {error}"),
                });
                continue;
            }
        };
        let mut buffer = String::new();
        for mut sentence in sentences {
            let analysis = model.analyze_forms(&sentence.forms());
            for (word, analysis) in sentence.words.iter_mut().zip(&analysis) {
                word.fill(analysis);
                word.deps = String::new();
            }
            conllu::write(&sentence, &mut buffer);
        }
        out.write_all(buffer.as_bytes())?;
    }
    out.flush()?;
    Ok(exit_code(failed))
}

/// `migtrack nlp train`: rebuild a model from UD treebanks, byte for byte the same each run.
pub fn train(args: &NlpTrainArgs, quiet: bool) -> anyhow::Result<ExitCode> {
    let read = |path: &std::path::Path| -> anyhow::Result<Vec<conllu::Sentence>> {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        conllu::parse(&text).with_context(|| format!("{} is not CoNLL-U", path.display()))
    };
    let train = read(&args.train)?;
    let dev = match &args.dev {
        Some(path) => read(path)?,
        None => Vec::new(),
    };
    let settings = migtrack_nlp::train::Settings {
        lang: args.lang.clone(),
        tagger_epochs: args.tagger_epochs,
        parser_epochs: args.parser_epochs,
        jackknife_folds: args.folds,
        seed: args.seed,
        prune: migtrack_nlp::train::Settings::default().prune,
        beam: args.beam,
        min_feature_count: args.min_feature_count,
    };
    let start = std::time::Instant::now();
    let model = migtrack_nlp::train::train(&train, &dev, &settings, &mut |line| {
        if !quiet {
            eprintln!("[{:>6.1} s] {line}", start.elapsed().as_secs_f64());
        }
    });
    let bytes = model.to_bytes();
    std::fs::write(&args.out, &bytes).with_context(|| format!("writing {}", args.out.display()))?;
    if !quiet {
        eprintln!(
            "wrote {} ({} bytes)",
            crate::escape::line(&args.out.display().to_string()),
            bytes.len()
        );
        if !dev.is_empty() {
            eprintln!(
                "dev (gold tokens): {}",
                migtrack_nlp::train::evaluate(&model, &dev)
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `migtrack nlp text`: the running text of a treebank, to score a raw-text pipeline.
pub fn text(args: &NlpTextArgs) -> anyhow::Result<ExitCode> {
    let text = std::fs::read_to_string(&args.treebank)
        .with_context(|| format!("reading {}", args.treebank.display()))?;
    let sentences = conllu::parse(&text)
        .with_context(|| format!("{} is not CoNLL-U", args.treebank.display()))?;
    print!("{}", conllu::raw_text(&sentences));
    Ok(ExitCode::SUCCESS)
}
