//! Erlang kernels: `cdf_sf`, `ln_pdf`, `quantile` and `quantile_sf` at n = 2, 30, 1000, 10^5.
//!
//! Each iteration evaluates a fixed batch of 64 arguments (no randomness): 48 probabilities
//! evenly spread over (0, 1) and 16 tail probabilities from 1e-5 down to 1e-300, split
//! between the two tails; the `x` arguments are the corresponding quantiles. Criterion's
//! throughput is per evaluation, so "time per iteration / 64" is the cost of one call.

use criterion::{BenchmarkId, Criterion, Throughput, black_box};
use maxmin_erlang::Erlang;

const SHAPES: [u64; 4] = [2, 30, 1000, 100_000];

/// The fixed probability batch described in the module documentation.
fn probabilities() -> Vec<f64> {
    let mut p: Vec<f64> = (0..48).map(|i| (f64::from(i) + 0.5) / 48.0).collect();
    for k in 0..8 {
        let tail = 10f64.powf(-5.0 - 42.0 * f64::from(k));
        p.push(tail);
        p.push(1.0 - tail.max(1e-16));
    }
    p
}

fn bench_kernels(c: &mut Criterion) {
    let ps = probabilities();
    for (name, which) in [
        ("cdf_sf", 0),
        ("ln_pdf", 1),
        ("quantile", 2),
        ("quantile_sf", 3),
    ] {
        let mut group = c.benchmark_group(format!("erlang_{name}"));
        group.throughput(Throughput::Elements(ps.len() as u64));
        for n in SHAPES {
            let d = Erlang::new(n).expect("valid shape");
            let xs: Vec<f64> = ps.iter().map(|&p| d.quantile(p)).collect();
            group.bench_with_input(BenchmarkId::from_parameter(n), &d, |b, d| match which {
                0 => b.iter(|| xs.iter().map(|&x| d.cdf_sf(black_box(x)).0).sum::<f64>()),
                1 => b.iter(|| xs.iter().map(|&x| d.ln_pdf(black_box(x))).sum::<f64>()),
                2 => b.iter(|| ps.iter().map(|&p| d.quantile(black_box(p))).sum::<f64>()),
                _ => b.iter(|| ps.iter().map(|&p| d.quantile_sf(black_box(p))).sum::<f64>()),
            });
        }
        group.finish();
    }
}

// Written out instead of `criterion_group!`/`criterion_main!`, whose generated public
// function would trip the workspace's `missing_docs` lint.
fn main() {
    let mut c = Criterion::default().configure_from_args();
    bench_kernels(&mut c);
    c.final_summary();
}
