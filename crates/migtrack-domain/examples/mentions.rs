//! Print the entity mentions the builtin pack finds in a text file (a quick look at the
//! matcher on real text): `cargo run -p migtrack-domain --example mentions FILE [YYYY-MM-DD]`.

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: mentions FILE [YYYY-MM-DD]");
        std::process::exit(2);
    };
    let on = args
        .next()
        .and_then(|date| chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d").ok());
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("{path}: {error}");
            std::process::exit(1);
        }
    };
    let pack = migtrack_domain::Pack::builtin();
    for mention in pack.find_mentions(&text, on) {
        println!(
            "{:>6} {:<22} {:<5} {:?} {:?}",
            mention.span.start,
            mention.span.slice(&text).replace('\n', " "),
            mention.id,
            mention.via,
            mention.agent.unwrap_or_default()
        );
    }
}
