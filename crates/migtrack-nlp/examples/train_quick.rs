//! Quick training run for choosing settings on dev: `cargo run --release -p migtrack-nlp --example train_quick -- TRAIN DEV OUT [tagger_epochs parser_epochs folds]`.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let read =
        |path: &str| migtrack_nlp::conllu::parse(&std::fs::read_to_string(path).unwrap()).unwrap();
    let train = read(&args[1]);
    let dev = read(&args[2]);
    let mut settings = migtrack_nlp::train::Settings::default();
    if args.len() > 4 {
        settings.tagger_epochs = args[4].parse().unwrap();
        settings.parser_epochs = args[5].parse().unwrap();
        settings.jackknife_folds = args[6].parse().unwrap();
        if let Ok(count) = std::env::var("MIN_COUNT") {
            settings.min_feature_count = count.parse().unwrap();
        }
        if let Ok(beam) = std::env::var("BEAM") {
            settings.beam = beam.parse().unwrap();
        }
    }
    let start = std::time::Instant::now();
    let model = migtrack_nlp::train::train(&train, &dev, &settings, &mut |line| {
        eprintln!("[{:>6.1}s] {line}", start.elapsed().as_secs_f64())
    });
    let bytes = model.to_bytes();
    std::fs::write(&args[3], &bytes).unwrap();
    eprintln!(
        "model {} bytes; dev: {}",
        bytes.len(),
        migtrack_nlp::train::evaluate(&model, &dev)
    );
    if let Some(test) = args.get(7) {
        eprintln!(
            "test: {}",
            migtrack_nlp::train::evaluate(&model, &read(test))
        );
    }
    let start = std::time::Instant::now();
    let loaded = migtrack_nlp::Model::from_bytes(&bytes).unwrap();
    eprintln!(
        "load {:.0} ms; reloaded dev: {}",
        start.elapsed().as_secs_f64() * 1000.0,
        migtrack_nlp::train::evaluate(&loaded, &dev)
    );
}
