//! Best of several timed passes of tagging and parsing a treebank's sentences (gold words):
//! `--example parse_speed -- FILE.conllu [PASSES]`. Prints the rate by wall time and by the
//! thread's time on a CPU (Linux `schedstat`), which a busy machine disturbs less.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let sentences =
        migtrack_nlp::conllu::parse(&std::fs::read_to_string(&args[1]).unwrap()).unwrap();
    let passes: usize = args.get(2).map_or(5, |passes| passes.parse().unwrap());
    let forms: Vec<Vec<&str>> = sentences
        .iter()
        .map(migtrack_nlp::conllu::Sentence::forms)
        .collect();
    let model = migtrack_nlp::Model::english();
    let cpu_time = || -> Option<f64> {
        let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
        let nanos: f64 = stat.split_whitespace().next()?.parse().ok()?;
        Some(nanos / 1e9)
    };
    let (mut wall, mut cpu) = (f64::INFINITY, f64::INFINITY);
    for _ in 0..passes {
        let start = std::time::Instant::now();
        let cpu_start = cpu_time();
        let mut total = 0;
        for words in &forms {
            total += model.analyze_forms(words).len();
        }
        std::hint::black_box(total);
        wall = wall.min(start.elapsed().as_secs_f64());
        if let (Some(end), Some(start)) = (cpu_time(), cpu_start) {
            cpu = cpu.min(end - start);
        }
    }
    let rate = |seconds: f64| forms.len() as f64 / seconds;
    println!(
        "{:.0} sentences/s wall, {:.0} on CPU (best of {passes})",
        rate(wall),
        rate(cpu)
    );
}
