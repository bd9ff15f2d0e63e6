//! Time loading the embedded English model once (a fresh process each run, as an ingest
//! pays it): `cargo run --release -p migtrack-nlp --example model_load`.
fn main() {
    let start = std::time::Instant::now();
    let model = migtrack_nlp::Model::english();
    let elapsed = start.elapsed();
    println!(
        "load {:.1} ms; {}",
        elapsed.as_secs_f64() * 1000.0,
        migtrack_nlp::model::table_stats(model)
    );
}
