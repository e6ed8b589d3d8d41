//! A paired timer: the subject and its baseline run in alternating batches in one process, and
//! what is reported is their ratio.
//!
//! Why not criterion or divan: they time one function at a time, so two functions compared
//! are measured minutes apart, under whatever else the machine was doing then. Here each
//! round times both back to back, and the median of the per-round ratios cancels the drift of
//! a shared machine.
//!
//! Settings: `PAYINTENT_BENCH_ROUNDS` (default 30) and any non-flag argument, which keeps only
//! the comparisons whose name contains it (`cargo bench -p payintent-bench -- hyperswitch`).
//! Run without `--bench` (as `cargo test --benches` does), every comparison runs once, untimed.

use std::hint::black_box;
use std::time::{Duration, Instant};

/// How long one batch should take: long enough for the clock, short enough to interleave often.
const BATCH: Duration = Duration::from_millis(10);
const DEFAULT_ROUNDS: usize = 30;
/// Rounds run and thrown away before measuring, after the batch size is found.
const WARM_UP_ROUNDS: usize = 2;

/// The measurement of one pair.
#[derive(Debug, Clone)]
pub struct Comparison {
    pub name: String,
    /// Median time of one subject iteration, in microseconds.
    pub subject_us: f64,
    /// Median time of one baseline iteration, in microseconds.
    pub baseline_us: f64,
    /// Median over rounds of subject time / baseline time (1.00: as fast as the baseline).
    pub ratio: f64,
}

/// Runs comparisons as the command line and the environment ask.
pub struct Harness {
    rounds: usize,
    filters: Vec<String>,
    /// `cargo bench` passes `--bench`; without it (a test run) each closure runs once.
    measure: bool,
}

impl Harness {
    /// Settings from the arguments and `PAYINTENT_BENCH_ROUNDS`.
    pub fn from_env() -> Self {
        let args: Vec<String> = std::env::args().skip(1).collect();
        let rounds = std::env::var("PAYINTENT_BENCH_ROUNDS")
            .ok()
            .and_then(|rounds| rounds.parse().ok())
            .filter(|&rounds| rounds > 0)
            .unwrap_or(DEFAULT_ROUNDS);
        Self {
            rounds,
            filters: args.iter().filter(|arg| !arg.starts_with('-')).cloned().collect(),
            measure: args.iter().any(|arg| arg == "--bench"),
        }
    }

    /// Whether a comparison called `name` is to run.
    pub fn selects(&self, name: &str) -> bool {
        self.filters.is_empty() || self.filters.iter().any(|filter| name.contains(filter.as_str()))
    }

    /// Times `subject` against `baseline`, each a closure that runs its work `n` times. `None`
    /// when the filter leaves the pair out, or in a test run.
    pub fn compare(
        &self,
        name: &str,
        mut subject: impl FnMut(u64),
        mut baseline: impl FnMut(u64),
    ) -> Option<Comparison> {
        if !self.selects(name) {
            return None;
        }
        if !self.measure {
            subject(1);
            baseline(1);
            println!("{name}: ran once (not a bench run)");
            return None;
        }
        let subject_batch = batch_size(&mut subject);
        let baseline_batch = batch_size(&mut baseline);
        let mut subject_times = Vec::with_capacity(self.rounds);
        let mut baseline_times = Vec::with_capacity(self.rounds);
        let mut ratios = Vec::with_capacity(self.rounds);
        for round in 0..WARM_UP_ROUNDS + self.rounds {
            // Alternate which side goes first, so neither always inherits the other's caches.
            let (s, b) = if round % 2 == 0 {
                let s = per_iteration(&mut subject, subject_batch);
                (s, per_iteration(&mut baseline, baseline_batch))
            } else {
                let b = per_iteration(&mut baseline, baseline_batch);
                (per_iteration(&mut subject, subject_batch), b)
            };
            if round >= WARM_UP_ROUNDS {
                subject_times.push(s);
                baseline_times.push(b);
                ratios.push(s / b);
            }
        }
        Some(Comparison {
            name: name.to_owned(),
            subject_us: median(&mut subject_times) * 1e6,
            baseline_us: median(&mut baseline_times) * 1e6,
            ratio: median(&mut ratios),
        })
    }

    /// The number of measured rounds.
    pub fn rounds(&self) -> usize {
        self.rounds
    }
}

/// Turns a closure doing one iteration into one doing `n`, its results kept from the optimiser.
pub fn repeat<T>(mut once: impl FnMut() -> T) -> impl FnMut(u64) {
    move |n| {
        for _ in 0..n {
            black_box(once());
        }
    }
}

/// The smallest power of two of iterations that takes at least [`BATCH`] (this warms up too).
fn batch_size(work: &mut impl FnMut(u64)) -> u64 {
    let mut n = 1;
    loop {
        let started = Instant::now();
        work(n);
        if started.elapsed() >= BATCH || n >= 1 << 30 {
            return n;
        }
        n *= 2;
    }
}

/// Seconds per iteration over one batch of `n`.
fn per_iteration(work: &mut impl FnMut(u64), n: u64) -> f64 {
    let started = Instant::now();
    work(n);
    started.elapsed().as_secs_f64() / n as f64
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let middle = values.len() / 2;
    if values.len().is_multiple_of(2) { (values[middle - 1] + values[middle]) / 2.0 } else { values[middle] }
}

/// Prints `name | subject | baseline | ratio`, times in µs per iteration.
pub fn print_table(title: &str, subject: &str, baseline: &str, rows: &[Comparison]) {
    if rows.is_empty() {
        return;
    }
    let (subject, baseline) = (format!("{subject} µs"), format!("{baseline} µs"));
    let name = rows.iter().map(|row| row.name.len()).max().unwrap_or(0).max(4);
    let time = subject.chars().count().max(baseline.chars().count()).max(10);
    println!("\n{title}");
    println!("{:<name$} | {subject:>time$} | {baseline:>time$} | ratio", "name");
    println!("{}-|-{}-|-{}-|------", "-".repeat(name), "-".repeat(time), "-".repeat(time));
    for row in rows {
        println!(
            "{:<name$} | {:>time$.2} | {:>time$.2} | {:>5.2}",
            row.name, row.subject_us, row.baseline_us, row.ratio
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&mut [4.0, 1.0, 3.0, 2.0]), 2.5);
    }

    #[test]
    fn the_batch_doubles_until_it_lasts_the_batch_time() {
        // 100 µs per iteration: 128 iterations sleep 12.8 ms, so the search stops there at the latest.
        let n = batch_size(&mut |n| std::thread::sleep(Duration::from_micros(100) * n as u32));
        assert!(n.is_power_of_two() && n <= 128, "{n}");
    }
}
