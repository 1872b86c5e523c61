//! Receipt rendering: time and size of a typical zh-CN A4 receipt (signed, 8 parts) and of
//! the 80 mm roll. Budget: < 50 ms and < 150 KB each.

#[path = "../tests/sample/mod.rs"]
mod sample;

use std::time::{Duration, Instant};

use outpost_domain::customer::Language;
use outpost_receipt::{PageLayout, render};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let s = sample::sample(Language::ZhCn, 8, false)?;
    let receipt = sample::receipt(&s, Language::ZhCn)?;
    for (what, layout) in
        [("zh-CN A4, signed, 8 parts", PageLayout::A4), ("zh-CN 80 mm roll, signed, 8 parts", PageLayout::Roll80)]
    {
        let mut size = 0;
        for _ in 0..5 {
            size = render(&receipt, layout)?.len();
        }
        let mut samples: Vec<Duration> = (0..200)
            .map(|_| {
                let t = Instant::now();
                let pdf = render(&receipt, layout);
                (t.elapsed(), pdf.map(|p| p.len()))
            })
            .map(|(d, len)| len.map(|_| d))
            .collect::<Result<_, _>>()?;
        samples.sort();
        let at = |p: f64| samples[((samples.len() as f64 - 1.0) * p).round() as usize].as_secs_f64() * 1000.0;
        println!(
            "receipt {what}: render p50 {:.1} ms, p99 {:.1} ms, size {:.1} KB (n = {}; budget < 50 ms, < 150 KB)",
            at(0.50),
            at(0.99),
            size as f64 / 1024.0,
            samples.len()
        );
    }
    Ok(())
}
