//! Print what the extractors read of a lower-cased article (its truecased copy):
//! `cargo run --release -p migtrack-pipeline --example truecase -- FILE [LANG]`.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: truecase FILE [LANG]");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(path).unwrap_or_else(|error| {
        eprintln!("{path}: {error}");
        std::process::exit(1);
    });
    let lang = args.get(2).map_or("en", String::as_str);
    let cased = migtrack_pipeline::extract::truecase::truecase(
        &text,
        lang,
        migtrack_domain::Pack::builtin(),
    );
    print!("{cased}");
}
