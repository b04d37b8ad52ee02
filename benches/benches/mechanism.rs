//! The maxmin mechanism for U[0,1], c = 0: setup (everything that does not depend
//! on the bids, with the premium tables F_r built) and one evaluation of all N
//! allocations and transfers, at N = 2, 5, 10, 20.

// criterion_group! defines an undocumented public function.
#![allow(missing_docs)]

use criterion::{BenchmarkId, Criterion, black_box, criterion_group, criterion_main};
use maxmin_grading::solve;
use maxmin_mechanism::Mechanism;
use maxmin_prior::Prior;

const BIDDERS: [u64; 4] = [2, 5, 10, 20];

fn profile(n: u64) -> Vec<f64> {
    // A fixed, asymmetric profile around the mean signal 1.
    (0..n).map(|i| 0.4 + 1.2 * i as f64 / n as f64).collect()
}

fn setup(c: &mut Criterion) {
    let prior = Prior::uniform(0.0, 1.0).unwrap();
    let mut group = c.benchmark_group("mechanism_setup");
    group.sample_size(10);
    for n in BIDDERS {
        let solution = solve(&prior, n, 0.0).unwrap();
        let bids = profile(n);
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter(|| {
                // Building the tables happens on first use: one evaluation forces it.
                let m = Mechanism::maxmin(black_box(&solution));
                m.outcome(&bids).unwrap()
            })
        });
    }
    group.finish();
}

fn transfers(c: &mut Criterion) {
    let prior = Prior::uniform(0.0, 1.0).unwrap();
    let mut group = c.benchmark_group("mechanism_transfers");
    for n in BIDDERS {
        let solution = solve(&prior, n, 0.0).unwrap();
        let m = Mechanism::maxmin(&solution);
        let bids = profile(n);
        m.outcome(&bids).unwrap();
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter(|| m.outcome(black_box(&bids)).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, setup, transfers);
criterion_main!(benches);
