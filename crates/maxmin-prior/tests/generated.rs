//! The shared invariants over 200 generated piecewise priors (feature `arbitrary`).
#![cfg(feature = "arbitrary")]

mod common;

use arbitrary::{Arbitrary, Unstructured};
use common::check_invariants;
use maxmin_prior::Prior;

/// How many priors the property test generates.
const PRIOR_COUNT: usize = 200;

/// Bytes fed to each generated prior; more than the generator can consume.
const BYTES_PER_PRIOR: usize = 128;

/// The fixed seed of the byte stream, so failures reproduce.
const SEED: u64 = 0x5eed_b00c_d019;

/// SplitMix64 (Steele, Lea and Flood, 2014): a tiny, well-mixed generator, enough to
/// feed `Unstructured` a reproducible byte stream without another dependency.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn bytes(&mut self, count: usize) -> Vec<u8> {
        (0..count.div_ceil(8))
            .flat_map(|_| self.next().to_le_bytes())
            .take(count)
            .collect()
    }
}

#[test]
fn generated_priors_satisfy_the_invariants() {
    let mut rng = SplitMix64(SEED);
    let (mut atoms, mut gaps, mut kinks) = (0, 0, 0);
    for _ in 0..PRIOR_COUNT {
        let bytes = rng.bytes(BYTES_PER_PRIOR);
        let prior = Prior::arbitrary(&mut Unstructured::new(&bytes)).unwrap();
        let (lo, hi) = prior.support();
        assert!(lo >= 0.0 && hi <= 10.0, "{}", prior.description());
        let breakpoints = prior.breakpoints();
        // Each of at most 6 pieces carries at least 0.01, so break points are that far apart.
        let mut edges = vec![0.0];
        edges.extend(&breakpoints);
        edges.push(1.0);
        assert!(
            edges.windows(2).all(|w| w[1] - w[0] >= 0.01 - 1e-12),
            "{}",
            prior.description()
        );
        assert!(breakpoints.len() <= 5);
        atoms += prior.atoms().len();
        gaps += prior.gaps().len();
        kinks += breakpoints.len();
        check_invariants(&prior);
    }
    // The generator must actually exercise atoms, gaps and break points.
    assert!(
        atoms > PRIOR_COUNT / 2 && gaps > PRIOR_COUNT / 2 && kinks > PRIOR_COUNT,
        "{atoms} {gaps} {kinks}"
    );
}

#[test]
fn exhausted_input_still_gives_a_valid_prior() {
    let prior = Prior::arbitrary(&mut Unstructured::new(&[])).unwrap();
    check_invariants(&prior);
}
