//! Tagger-only training run for choosing tagger features on dev:
//! `cargo run --release -p migtrack-nlp --example tagger_quick -- TRAIN DEV [epochs]`.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let read =
        |path: &str| migtrack_nlp::conllu::parse(&std::fs::read_to_string(path).unwrap()).unwrap();
    let train = read(&args[1]);
    let dev = read(&args[2]);
    let epochs = args.get(3).map_or(8, |value| value.parse().unwrap());
    migtrack_nlp::train::train_tagger_only(&train, &dev, epochs, &mut |line| eprintln!("{line}"));
}
