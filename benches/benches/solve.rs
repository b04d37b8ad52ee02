//! `solve` end to end: grading, polish and both guarantees, for U[0,1] at
//! N = 2, 30, 1000, 10^5 and for the Figure 3 prior at N = 2.

// criterion_group! defines an undocumented public function.
#![allow(missing_docs)]

use criterion::{BenchmarkId, Criterion, black_box, criterion_group, criterion_main};
use maxmin_grading::solve;
use maxmin_prior::Prior;

fn uniform(c: &mut Criterion) {
    let prior = Prior::uniform(0.0, 1.0).unwrap();
    let mut group = c.benchmark_group("solve_uniform");
    for n in [2_u64, 30, 1000, 100_000] {
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, &n| {
            b.iter(|| solve(black_box(&prior), black_box(n), black_box(0.0)).unwrap())
        });
    }
    group.finish();
}

fn figure_3(c: &mut Criterion) {
    let prior = Prior::intervals(&[(0.0, 0.95), (3.95, 4.0)]).unwrap();
    c.bench_function("solve_figure3_n2", |b| {
        b.iter(|| solve(black_box(&prior), black_box(2), black_box(0.2)).unwrap())
    });
}

criterion_group!(benches, uniform, figure_3);
criterion_main!(benches);
