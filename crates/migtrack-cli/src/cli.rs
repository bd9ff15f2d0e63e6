//! The command line: every subcommand, flag and its help text. Parsing only; the work is in
//! `commands/`.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{ArgGroup, Args, Parser, Subcommand, ValueEnum};

use crate::output::Format;

const ABOUT: &str =
    "Turn news about migration policy into a sourced, queryable record of who did what, when.

migtrack tracks policy, never people: it records what governments, international bodies and their
officials decide, do, say and claim — every record traceable to the sentence it came from.";

const EXAMPLES: &str = "Examples:
  migtrack demo                                  ingest the bundled sample articles, print timeline and status
  migtrack demo --serve                          …then open the web page at http://127.0.0.1:8080
  migtrack ingest --manifest articles/index.jsonl
  migtrack ingest news/ feed.rss crawl.warc.gz   files, folders, feeds and web archives
  migtrack extract article.txt --published 2025-11-27 --format jsonl   (no database needed)
  migtrack events --actor USA --action withdraw --since 2017-01-01
  migtrack status --at 2018-12-31
  migtrack timeline --format csv > timeline.csv
  migtrack eval --gold testdata/gold --verbose    (from the repository)

The database is `migtrack.db` in the current folder unless --db or MIGTRACK_DB says otherwise.
Exit status: 0 success, 1 when some inputs failed (the rest were processed) or the run failed
(database unreadable or busy past its timeout, IO error), 2 usage errors.";

#[derive(Debug, Parser)]
#[command(name = "migtrack", version, about = ABOUT, after_help = EXAMPLES, max_term_width = 100)]
pub struct Cli {
    /// SQLite database file, or a postgres:// URL, for the commands that use one (it may also
    /// follow the command; default: MIGTRACK_DB, else migtrack.db in the current folder).
    #[arg(long, value_name = "FILE")]
    pub db: Option<PathBuf>,

    /// Less output: no progress bar, only errors and results.
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// Log detail on stderr (error, warn, info, debug); also MIGTRACK_LOG.
    #[arg(
        long,
        global = true,
        env = "MIGTRACK_LOG",
        default_value = "warn",
        value_name = "LEVEL"
    )]
    pub log: String,

    /// Log lines as readable text or as JSON objects (one a line); also MIGTRACK_LOG_FORMAT.
    #[arg(
        long,
        global = true,
        env = "MIGTRACK_LOG_FORMAT",
        value_enum,
        default_value_t = LogFormat::Text,
        value_name = "FORMAT"
    )]
    pub log_format: LogFormat,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Ingest the bundled sample articles into the database and print the timeline and status table.
    Demo(DemoArgs),
    /// Read documents, clean, deduplicate, extract and store them (idempotent).
    Ingest(IngestArgs),
    /// Print the cleaned documents (the clean stage on its own).
    Clean(CleanArgs),
    /// Print the records extracted from each document as JSON lines (no database needed).
    Extract(ExtractArgs),
    /// Print what the extractors see: sentences, words, tags, lemmas and dependency trees (CoNLL-U or JSON).
    Parse(ParseArgs),
    /// The linguistic layer's models: train one from a UD treebank, or print a treebank's text.
    #[command(subcommand)]
    Nlp(NlpCommand),
    /// Score extraction against gold files and print precision, recall and F1 per kind.
    Eval(EvalArgs),
    /// List events (one actor doing one action to one target).
    Events(EventsArgs),
    /// List facts: events merged across documents, with their independent sources.
    Facts(EventsArgs),
    /// List quotes with their speakers.
    Quotes(QuotesArgs),
    /// Speakers resolved across documents ("Haley" = "Nikki Haley"), with quote counts and roles.
    Speakers(SpeakersArgs),
    /// List time expressions with their normalised values.
    Dates(RecordArgs),
    /// List figures (counts, money, percentages, caps).
    Figures(RecordArgs),
    /// List claims with their evidence status.
    Claims(QuotesArgs),
    /// Facts in date order, one line each, with how many independent sources report them.
    Timeline(TimelineArgs),
    /// The state × framework table: each state's latest status in each framework.
    Status(StatusArgs),
    /// Show one document's cleaned text with its records marked.
    Show(ShowArgs),
    /// Export a table of records (events, quotes, claims, figures, dates, facts, documents) as CSV, JSON or Parquet.
    Export(ExportArgs),
    /// Full-text search over the stored documents.
    Search(SearchArgs),
    /// Mark an event, quote or claim as wrong (--reject) or right (--confirm). A rejected
    /// record leaves the lists, the timeline and the status table (--include-rejected shows it).
    Review(ReviewArgs),
    /// Serve the HTTP JSON API and the web page.
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
pub struct InputArgs {
    /// Files, folders (read recursively; code, config and image files in them are skipped), feeds
    /// (.rss/.atom/.xml), web archives (.warc, .warc.gz),
    /// JSONL manifests (.jsonl), any of them gzip-compressed; `-` reads standard input.
    #[arg(value_name = "PATHS")]
    pub paths: Vec<String>,

    /// A JSONL manifest: one document per line with `file`/`path`/`text` and optional `url`,
    /// `title`, `published`, `outlet`, `lang`. Repeatable.
    #[arg(long, value_name = "FILE")]
    pub manifest: Vec<PathBuf>,
}

#[derive(Debug, Default, Args)]
pub struct PublishedArgs {
    /// Publication date for documents that carry none (YYYY-MM-DD); it anchors relative dates.
    #[arg(long, value_name = "DATE")]
    pub published: Option<NaiveDate>,
}

/// The database of the commands that use one.
#[derive(Debug, Default, Clone, Args)]
pub struct DbArgs {
    /// SQLite database file, or a postgres://user:password@host/name URL (default:
    /// MIGTRACK_DB, else migtrack.db in the current folder).
    #[arg(long, value_name = "FILE")]
    pub db: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub published: PublishedArgs,
    /// Documents processed together (in parallel); the store gets four such batches at once.
    #[arg(long, default_value_t = 64, hide_short_help = true)]
    pub batch_size: usize,
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub budget: BudgetArgs,
}

/// How long one document may take.
#[derive(Debug, Args)]
pub struct BudgetArgs {
    /// Time budget per document, in seconds: a document still being processed after it is
    /// reported as one error line and skipped, and the others go on.
    #[arg(
        long,
        value_name = "SECONDS",
        default_value = "20",
        value_parser = parse_seconds,
        hide_short_help = true
    )]
    pub document_budget: std::time::Duration,
}

fn parse_seconds(value: &str) -> Result<std::time::Duration, String> {
    let seconds: f64 = value
        .parse()
        .map_err(|_| format!("{value:?} is not a number of seconds"))?;
    std::time::Duration::try_from_secs_f64(seconds)
        .map_err(|_| format!("{value:?} is not a number of seconds from 0 up"))
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// After ingesting, serve the web page and API (like `migtrack serve`).
    #[arg(long)]
    pub serve: bool,

    /// Address for --serve.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR:PORT")]
    pub listen: std::net::SocketAddr,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StreamFormat {
    /// One JSON object per document per line.
    Jsonl,
    /// Pretty-printed JSON array.
    Json,
}

#[derive(Debug, Args)]
pub struct CleanArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub published: PublishedArgs,
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: StreamFormat,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub published: PublishedArgs,
    #[command(flatten)]
    pub budget: BudgetArgs,
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: StreamFormat,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// A gold folder (searched recursively for *.json) or file. Repeatable.
    #[arg(long, required = true, value_name = "DIR")]
    pub gold: Vec<PathBuf>,

    /// A manifest whose `published` dates override the gold files' (matched by file name).
    #[arg(long, value_name = "FILE")]
    pub manifest: Option<PathBuf>,

    /// List every miss and false hit with its sentence.
    #[arg(long)]
    pub verbose: bool,

    #[arg(long, value_enum, default_value = "table")]
    pub format: ReportFormat,
}

/// The formats of a command that prints one report rather than rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Aligned columns for reading in a terminal.
    Table,
    /// One JSON object (pretty-printed).
    Json,
    /// Comma-separated values with a header row.
    Csv,
}

#[derive(Debug, Args)]
pub struct PageArgs {
    /// At most this many rows.
    #[arg(long, default_value_t = 100)]
    pub limit: usize,

    /// Continue after this row id (the last id of the previous page).
    #[arg(long)]
    pub cursor: Option<i64>,

    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,

    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(Debug, Default, Args)]
pub struct EventFilterArgs {
    /// Actor: an id, or a name or alias of a state, body or framework, in any case (USA,
    /// "United States", Germany, gfmd); other words match actors that contain them
    /// ("Conservative Party"). A name that fits several ids ("Korea") lists them.
    #[arg(long)]
    pub actor: Option<String>,
    /// One of: join endorse withdraw reject boycott host attend agree restrict expand deploy
    /// deport instruct urge criticize support block fund defund.
    #[arg(long)]
    pub action: Option<String>,
    /// Target: an id or a name or alias, like --actor (gcm, "Marrakech pact"), or words a
    /// target contains ("refugee admissions cap").
    #[arg(long)]
    pub target: Option<String>,
    /// Only events dated on or after this period's first day: 2019-03-01, 2019-03, 2019,
    /// 2019-Q1 or FY2026 (US fiscal year, October to September).
    #[arg(long, value_name = "DATE", value_parser = migtrack_model::period::first_day)]
    pub since: Option<NaiveDate>,
    /// Only events dated on or before this period's last day (same forms as --since).
    #[arg(long, value_name = "DATE", value_parser = migtrack_model::period::last_day)]
    pub until: Option<NaiveDate>,
    /// Also list events an analyst rejected (`migtrack review ID --reject`). Facts, the
    /// timeline and the status table never hold a rejected event.
    #[arg(long)]
    pub include_rejected: bool,
}

#[derive(Debug, Args)]
pub struct EventsArgs {
    #[command(flatten)]
    pub filter: EventFilterArgs,
    #[command(flatten)]
    pub page: PageArgs,
}

#[derive(Debug, Args)]
pub struct QuotesArgs {
    /// Speaker name contains this (case-insensitive).
    #[arg(long)]
    pub speaker: Option<String>,
    /// Text contains this.
    #[arg(long)]
    pub text: Option<String>,
    /// Also list the records an analyst rejected (`migtrack review ID --reject`).
    #[arg(long)]
    pub include_rejected: bool,
    #[command(flatten)]
    pub page: PageArgs,
}

#[derive(Debug, Args)]
pub struct SpeakersArgs {
    /// Only people (leave out bodies, documents and unnamed roles such as "the cable").
    #[arg(long)]
    pub people: bool,
    /// Name or variant contains this (case-insensitive).
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(Debug, Args)]
pub struct RecordArgs {
    /// Text contains this.
    #[arg(long)]
    pub text: Option<String>,
    #[command(flatten)]
    pub page: PageArgs,
}

#[derive(Debug, Args)]
pub struct TimelineArgs {
    #[command(flatten)]
    pub filter: EventFilterArgs,
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// The table as it stood at the end of this day or period (2019-03-01, 2019-03, 2019,
    /// 2019-Q1, FY2026; default: today).
    #[arg(long, value_name = "DATE", value_parser = migtrack_model::period::last_day)]
    pub at: Option<NaiveDate>,
    /// Long form, one row per state and framework, instead of the matrix.
    #[arg(long)]
    pub long: bool,
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Document id, or its source as given at ingest.
    pub doc: String,
    #[arg(long, value_enum, default_value = "text")]
    pub format: ShowFormat,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// The cleaned text with its records marked, then the list of records.
    #[value(alias = "table")]
    Text,
    /// JSON with the text and every record and its span.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One JSON object per row per line (without --kind: every record, with its `kind`).
    Jsonl,
    /// A JSON array of the same objects.
    Json,
    /// Comma-separated values with a header row of column names (needs --kind).
    Csv,
    /// An Apache Parquet file, typed columns (needs --kind and --out or a redirect).
    Parquet,
}

/// The tables `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportKind {
    /// id, date (with date_from, date_to), actor, action, target, modality, agent, cameo, plover.
    Events,
    /// id, speaker, role, speaker_entity, direct, text.
    Quotes,
    /// id, speaker, evidence, text.
    Claims,
    /// id, value, unit, counts, bound, text.
    Figures,
    /// id, value (with date_from, date_to), text.
    Dates,
    /// Events merged across documents: sources, documents, outlets, first and latest report.
    Facts,
    /// Each stored document: outlet, title, url, published, lang, source, story.
    Documents,
}

const EXPORT_EXAMPLES: &str =
    "Record tables end with their document and sentence: sentence, doc_id, outlet, title,
url, published, source, start, end (byte span in the cleaned text), rule.

Examples:
  migtrack export --kind events --format csv > events.csv
  migtrack export --kind quotes --format parquet --out quotes.parquet
  migtrack export --format jsonl > records.jsonl      every record, each with its kind";

#[derive(Debug, Args)]
#[command(after_help = EXPORT_EXAMPLES)]
pub struct ExportArgs {
    /// Which table (default, for jsonl and json only: every record kind in one stream).
    #[arg(long, value_enum)]
    pub kind: Option<ExportKind>,
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: ExportFormat,
    /// Write to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("verdict").required(true).args(["reject", "confirm"])))]
pub struct ReviewArgs {
    /// The record: its kind and id as listed, `event-12`, `quote-7` or `claim-3` (`event:12`
    /// works too). The review is kept by the record's content, so it holds after re-ingest.
    #[arg(value_name = "ID")]
    pub id: String,
    /// The record is wrong: leave it out of lists, facts, the timeline and the status table.
    #[arg(long)]
    pub reject: bool,
    /// The record is right (also undoes a rejection).
    #[arg(long)]
    pub confirm: bool,
    /// Why, in a few words (kept with the review).
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words to find, all of them; any text is taken as words. Also "exact phrase", prefix*
    /// and an upper-case OR between two words.
    pub query: String,
    #[command(flatten)]
    pub page: PageArgs,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on. The default binds the loopback interface only.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR:PORT")]
    pub listen: std::net::SocketAddr,
    /// Bearer token that allows POST /api/documents; without one, the API is read-only.
    #[arg(long, env = "MIGTRACK_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Largest accepted request body, in bytes.
    #[arg(long, default_value_t = 10 * 1024 * 1024)]
    pub max_body_bytes: usize,
    /// POST requests one client address may make a minute, after a burst of 10; past it the
    /// answer is 429 with Retry-After. Raise it for a trusted feed reader that posts batches
    /// in a loop.
    #[arg(long, default_value_t = migtrack_server::Limits::default().post_per_minute, value_name = "N")]
    pub post_per_minute: u32,
    #[command(flatten)]
    pub db: DbArgs,
    /// A host name to answer besides localhost, 127.0.0.1 and ::1 while listening on
    /// loopback (requests naming any other Host get 421, against DNS rebinding). Repeatable.
    /// Listening on another address answers every host.
    #[arg(long = "allow-host", value_name = "NAME")]
    pub allow_host: Vec<String>,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }

    #[test]
    fn the_post_rate_defaults_to_the_servers_and_can_be_raised() {
        use clap::Parser;
        let serve = |args: &[&str]| {
            let cli = super::Cli::try_parse_from(args).unwrap();
            let super::Command::Serve(args) = cli.command else {
                panic!("not serve");
            };
            args.post_per_minute
        };
        assert_eq!(
            serve(&["migtrack", "serve"]),
            migtrack_server::Limits::default().post_per_minute
        );
        assert_eq!(
            serve(&["migtrack", "serve", "--post-per-minute", "6000"]),
            6000
        );
    }

    #[test]
    fn the_default_document_budget_is_the_pipeline_default() {
        use clap::Parser;
        let cli = super::Cli::try_parse_from(["migtrack", "ingest", "a.txt"]).unwrap();
        let super::Command::Ingest(args) = cli.command else {
            panic!("not ingest");
        };
        assert_eq!(
            args.budget.document_budget,
            migtrack_pipeline::DEFAULT_DOCUMENT_BUDGET
        );
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ParseFormat {
    /// CoNLL-U: `# sent_id`, `# text`, then ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC.
    Conllu,
    /// A JSON array: per document its sentences, per sentence its words with byte offsets.
    Json,
}

const PARSE_EXAMPLES: &str = "Examples:
  migtrack parse article.html                     cleaned text, split, tagged and parsed, as CoNLL-U
  migtrack parse --format json article.txt        the same as JSON, with byte offsets into the text
  migtrack parse --plain raw.txt                  the file as it is, no cleaning (to score against a treebank)
  migtrack parse --conllu gold.conllu             keep the gold words, fill in tags, lemmas and trees
  python3 ../shared/ud/conll18_ud_eval.py -v gold.conllu parsed.conllu   score with the CoNLL 2018 scorer";

#[derive(Debug, Args)]
#[command(after_help = PARSE_EXAMPLES)]
pub struct ParseArgs {
    #[command(flatten)]
    pub input: InputArgs,

    #[arg(long, value_enum, default_value = "conllu")]
    pub format: ParseFormat,

    /// The inputs are CoNLL-U: keep their words and sentences, replace tags, lemmas and trees.
    #[arg(long, conflicts_with = "plain")]
    pub conllu: bool,

    /// Read each file as plain UTF-8 text exactly as it is (no cleaning, no metadata lines).
    #[arg(long)]
    pub plain: bool,

    /// Language model to use (default: the language guessed for each document; English when none fits).
    #[arg(long, value_name = "CODE")]
    pub lang: Option<String>,
    /// A model file from `migtrack nlp train` to use instead of the shipped ones.
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum NlpCommand {
    /// Train a tagger, lemmatizer and parser from a UD treebank into one model file.
    ///
    /// The same treebank and settings give the same file, byte for byte. The shipped English
    /// model is rebuilt with:
    ///   migtrack nlp train --lang en --train ../shared/ud/en_ewt/en_ewt-ud-train.conllu
    ///     --dev ../shared/ud/en_ewt/en_ewt-ud-dev.conllu --out crates/migtrack-nlp/models/en.bin.gz
    Train(NlpTrainArgs),
    /// Print the running text of a CoNLL-U treebank (paragraphs separated by blank lines), the
    /// input for scoring the whole raw-text pipeline.
    Text(NlpTextArgs),
}

#[derive(Debug, Args)]
pub struct NlpTrainArgs {
    /// Language code stored in the model (en, de, es, fr, …).
    #[arg(long)]
    pub lang: String,
    /// Training treebank (CoNLL-U).
    #[arg(long, value_name = "FILE")]
    pub train: PathBuf,
    /// Development treebank: progress is reported on it; it is never learned from.
    #[arg(long, value_name = "FILE")]
    pub dev: Option<PathBuf>,
    /// Where to write the model (gzip-compressed).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Passes of the tagger over the training set.
    #[arg(long, default_value_t = migtrack_nlp::train::Settings::default().tagger_epochs)]
    pub tagger_epochs: usize,
    /// Passes of the parser over the training set.
    #[arg(long, default_value_t = migtrack_nlp::train::Settings::default().parser_epochs)]
    pub parser_epochs: usize,
    /// The parser learns on tags from taggers trained on the other folds (0: gold tags).
    #[arg(long, default_value_t = migtrack_nlp::train::Settings::default().jackknife_folds)]
    pub folds: usize,
    /// The parser's beam width (1: greedy, trained with the dynamic oracle).
    #[arg(long, default_value_t = migtrack_nlp::train::Settings::default().beam)]
    pub beam: usize,
    /// Parser features seen fewer times in the training set's gold transitions get no weight
    /// (a smaller, faster model).
    #[arg(long, default_value_t = migtrack_nlp::train::Settings::default().min_feature_count)]
    pub min_feature_count: u32,
    /// Seed of every shuffle and exploration choice.
    #[arg(long, default_value_t = migtrack_nlp::train::Settings::default().seed)]
    pub seed: u64,
}

#[derive(Debug, Args)]
pub struct NlpTextArgs {
    /// A CoNLL-U file.
    pub treebank: PathBuf,
}
