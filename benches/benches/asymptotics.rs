//! Section 6 at scale: the guarantee sweep N = 1..1000 for U[0,1] (parallel, on
//! every core), single solves at N = 10^4 and 10^5, Proposition 7's guarantee for
//! Figure 4's asterisks at N = 30, and Du's exponential mechanism at N = 30.

// criterion_group! defines an undocumented public function.
#![allow(missing_docs)]

use criterion::{BenchmarkId, Criterion, Throughput, black_box, criterion_group, criterion_main};
use maxmin_asymptotics::{guarantee_sequence, misspecified_guarantee};
use maxmin_compare::du_exponential_mechanism;
use maxmin_grading::solve;
use maxmin_prior::Prior;

fn sweep(c: &mut Criterion) {
    let prior = Prior::uniform(0.0, 1.0).unwrap();
    let bidders: Vec<u64> = (1..=1000).collect();
    let mut group = c.benchmark_group("asymptotics");
    group.sample_size(10);
    group.throughput(Throughput::Elements(bidders.len() as u64));
    group.bench_function("sweep_uniform_1_to_1000", |b| {
        b.iter(|| guarantee_sequence(black_box(&prior), 0.0, black_box(&bidders), |_| {}).unwrap())
    });
    group.finish();
}

fn single_solves(c: &mut Criterion) {
    let prior = Prior::uniform(0.0, 1.0).unwrap();
    let mut group = c.benchmark_group("asymptotics_solve_uniform");
    for n in [10_000_u64, 100_000] {
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, &n| {
            b.iter(|| solve(black_box(&prior), black_box(n), 0.0).unwrap())
        });
    }
    group.finish();
}

fn comparisons(c: &mut Criterion) {
    let design = Prior::exponential(1.0).unwrap();
    let truth = Prior::uniform(0.0, 1.0).unwrap();
    c.bench_function("misspecified_exponential_design_uniform_truth_n30", |b| {
        b.iter(|| misspecified_guarantee(black_box(&design), black_box(&truth), 30, 0.0).unwrap())
    });
    c.bench_function("du_exponential_mechanism_uniform_n30", |b| {
        b.iter(|| du_exponential_mechanism(black_box(&truth), 30, 0.0).unwrap())
    });
}

criterion_group!(benches, sweep, single_solves, comparisons);
criterion_main!(benches);
