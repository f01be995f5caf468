//! Draws `docs/wait-schedules.svg`: the wait before each retry for every backoff (rows) and
//! jitter (columns), with `delay = "100ms"`, `factor = 2` and `max_delay = "1s"`. Each panel
//! shows the 5th, 50th and 95th percentile of 5,000 simulated calls, computed with the same
//! `Policy::wait` that `#[retry]` uses. Decorrelated jitter grows from the previous wait, not
//! from the backoff, so its column is the same in every row.
//!
//! ```sh
//! cargo run -p reattempt-benches --example wait_schedules
//! ```

use std::time::Duration;

use plotters::prelude::*;
use reattempt::{Backoff, Jitter, Policy};

const RUNS: usize = 5_000;
const RETRIES: u32 = 10;
const DELAY: Duration = Duration::from_millis(100);
const MAX_DELAY: Duration = Duration::from_secs(1);
/// The percentiles drawn, in thousandths: p5, p50, p95.
const PERCENTILES: [usize; 3] = [50, 500, 950];

const BACKOFFS: [(&str, Backoff); 3] =
    [("fixed", Backoff::Fixed), ("linear", Backoff::Linear), ("exponential", Backoff::exponential(2.0))];
const JITTERS: [(&str, Jitter); 4] = [
    ("no", Jitter::None),
    ("full", Jitter::Full),
    ("equal", Jitter::Equal),
    ("decorrelated", Jitter::Decorrelated),
];

/// `random` is seeded, so the picture is the same on every run.
fn schedule(policy: &Policy, random: &mut fastrand::Rng) -> Vec<[f64; 3]> {
    let mut waits = vec![Vec::with_capacity(RUNS); RETRIES as usize];
    for _ in 0..RUNS {
        let mut previous = Duration::ZERO;
        for (retry, waits) in (1..=RETRIES).zip(&mut waits) {
            let wait = policy.wait(retry, previous, random.u64(..));
            previous = wait;
            waits.push(wait.as_secs_f64());
        }
    }
    waits
        .into_iter()
        .map(|mut waits| {
            waits.sort_by(f64::total_cmp);
            PERCENTILES.map(|permille| waits[(permille * (waits.len() - 1) + 500) / 1000])
        })
        .collect()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/wait-schedules.svg");
    let root = SVGBackend::new(path, (1200, 760)).into_drawing_area();
    root.fill(&WHITE)?;
    let (title, panels) = root.split_vertically(60);
    title.titled(
        "Wait before each retry: delay 100ms, factor 2, max_delay 1s (red)",
        ("sans-serif", 22).into_font(),
    )?;
    title.draw_text(
        "line: median of 5,000 calls; band: 5th to 95th percentile",
        &("sans-serif", 15).into_font().color(&BLACK.mix(0.7)),
        (360, 36),
    )?;

    let mut random = fastrand::Rng::with_seed(0x5EED);
    let color = RGBColor(31, 119, 180);
    let cells = panels.split_evenly((BACKOFFS.len(), JITTERS.len()));
    for (cell, (row, column)) in cells
        .iter()
        .zip((0..BACKOFFS.len()).flat_map(|row| (0..JITTERS.len()).map(move |column| (row, column))))
    {
        let (backoff_name, backoff) = BACKOFFS[row];
        let (jitter_name, jitter) = JITTERS[column];
        let policy =
            Policy::new(RETRIES + 1).delay(DELAY).backoff(backoff).max_delay(MAX_DELAY).jitter(jitter);
        let percentiles = schedule(&policy, &mut random);

        let mut chart = ChartBuilder::on(cell)
            .caption(format!("{backoff_name} backoff, {jitter_name} jitter"), ("sans-serif", 15))
            .margin(6)
            .x_label_area_size(28)
            .y_label_area_size(40)
            .build_cartesian_2d(0.5f64..f64::from(RETRIES) + 0.5, 0f64..1.1f64)?;
        chart
            .configure_mesh()
            .x_labels(RETRIES as usize)
            .y_labels(6)
            .x_label_formatter(&|retry| format!("{retry:.0}"))
            .y_label_formatter(&|seconds| format!("{seconds:.1}s"))
            .x_desc(if row == BACKOFFS.len() - 1 { "retry" } else { "" })
            .max_light_lines(0)
            .label_style(("sans-serif", 11))
            .draw()?;

        let point =
            |retry: usize, value: f64| (f64::from(u32::try_from(retry + 1).unwrap_or(u32::MAX)), value);
        let band: Vec<(f64, f64)> = percentiles
            .iter()
            .enumerate()
            .map(|(retry, p)| point(retry, p[0]))
            .chain(percentiles.iter().enumerate().rev().map(|(retry, p)| point(retry, p[2])))
            .collect();
        chart.draw_series(std::iter::once(Polygon::new(band, color.mix(0.25).filled())))?;
        for (index, width) in [(0, 1), (2, 1), (1, 2)] {
            chart.draw_series(LineSeries::new(
                percentiles.iter().enumerate().map(|(retry, p)| point(retry, p[index])),
                color.stroke_width(width),
            ))?;
        }
        chart.draw_series(LineSeries::new(
            [(0.5, MAX_DELAY.as_secs_f64()), (f64::from(RETRIES) + 0.5, MAX_DELAY.as_secs_f64())],
            RED.mix(0.6).stroke_width(1),
        ))?;
    }
    root.present()?;
    println!("wrote {path}");
    Ok(())
}
