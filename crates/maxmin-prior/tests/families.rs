//! Closed forms of each family, checked value by value, and the shared invariants on a
//! hand-picked prior of each family.

mod common;

use common::{ROUNDING_TOLERANCE, assert_close, check_invariants};
use maxmin_prior::{Atom, Gap, Prior};

/// Relative accuracy demanded of the exponential's closed forms (a few ulps).
const CLOSED_FORM_TOLERANCE: f64 = 4.0 * f64::EPSILON;

#[track_caller]
fn assert_relative(a: f64, b: f64, tolerance: f64) {
    assert!(
        (a - b).abs() <= tolerance * b.abs(),
        "{a} vs {b}: relative error {}",
        ((a - b) / b).abs()
    );
}

#[test]
fn uniform_closed_forms() {
    let prior = Prior::uniform(2.0, 5.0).unwrap();
    assert_eq!(prior.description(), "uniform on [2, 5]");
    assert_eq!(prior.support(), (2.0, 5.0));
    assert_eq!(prior.mean(), 3.5);
    assert!(!prior.is_degenerate());
    assert!(prior.breakpoints().is_empty());
    assert_eq!(prior.value_breakpoints(), vec![2.0, 5.0]);
    assert!(prior.atoms().is_empty() && prior.gaps().is_empty());
    assert_eq!(prior.cdf(1.0), 0.0);
    assert_eq!(prior.cdf(3.5), 0.5);
    assert_eq!(prior.cdf(6.0), 1.0);
    for a in [0.0, 0.1, 0.3, 0.5, 0.9, 1.0] {
        assert_close(
            prior.quantile(a),
            2.0 + 3.0 * a,
            ROUNDING_TOLERANCE,
            5.0,
            "quantile",
        );
        assert_close(
            prior.quantile_upper(1.0 - a),
            2.0 + 3.0 * a,
            ROUNDING_TOLERANCE,
            5.0,
            "quantile_upper",
        );
        assert_close(
            prior.lower_partial(a),
            2.0 * a + 1.5 * a * a,
            ROUNDING_TOLERANCE,
            5.0,
            "lower_partial",
        );
        assert_close(
            prior.upper_partial(a),
            5.0 * a - 1.5 * a * a,
            ROUNDING_TOLERANCE,
            5.0,
            "upper_partial",
        );
    }
    // Near the top the upper functions keep relative accuracy.
    assert_relative(prior.upper_partial(1e-300), 5e-300, CLOSED_FORM_TOLERANCE);
    assert_relative(5.0 - prior.quantile_upper(1e-10), 3e-10, 1e-6);
    check_invariants(&prior);
}

#[test]
fn intervals_sorted_with_gap_and_min_convention() {
    let prior = Prior::intervals(&[(2.0, 3.0), (0.0, 1.0)]).unwrap();
    assert_eq!(prior.description(), "uniform on [0, 1] and [2, 3]");
    assert_eq!(prior.support(), (0.0, 3.0));
    assert_eq!(prior.breakpoints(), vec![0.5]);
    assert_eq!(
        prior.gaps(),
        vec![Gap {
            lo: 1.0,
            hi: 2.0,
            alpha: 0.5
        }]
    );
    assert_eq!(prior.value_breakpoints(), vec![0.0, 1.0, 2.0, 3.0]);
    assert_eq!(prior.quantile(0.25), 0.5);
    assert_eq!(prior.quantile(0.5), 1.0);
    assert!((prior.quantile(0.5 + 1e-12) - 2.0).abs() < 1e-11);
    assert_eq!(prior.quantile(0.75), 2.5);
    assert_eq!(prior.cdf(1.5), 0.5);
    assert_eq!(prior.mean(), 1.5);
    assert_close(
        prior.lower_partial(0.75),
        0.25 + 0.25 * 2.25,
        ROUNDING_TOLERANCE,
        3.0,
        "lower_partial",
    );
    check_invariants(&prior);

    // Unequal lengths carry proportional mass.
    let prior = Prior::intervals(&[(0.0, 1.0), (4.0, 7.0)]).unwrap();
    assert_eq!(prior.breakpoints(), vec![0.25]);
    check_invariants(&prior);
}

#[test]
fn touching_intervals_are_one_piece() {
    let prior = Prior::intervals(&[(1.0, 3.0), (0.0, 1.0)]).unwrap();
    assert!(prior.breakpoints().is_empty());
    assert!(prior.gaps().is_empty());
    assert_eq!(prior.value_breakpoints(), vec![0.0, 3.0]);
    check_invariants(&prior);
}

#[test]
fn discrete_step_quantile_uses_the_min_convention() {
    let prior = Prior::discrete(&[(1.0, 0.25), (3.0, 0.5), (2.0, 0.25)]).unwrap();
    assert_eq!(prior.support(), (1.0, 3.0));
    assert_eq!(prior.mean(), 2.25);
    assert_eq!(prior.breakpoints(), vec![0.25, 0.5]);
    // At exact cumulative boundaries the quantile is the lower atom.
    assert_eq!(prior.quantile(0.0), 1.0);
    assert_eq!(prior.quantile(0.25), 1.0);
    assert_eq!(prior.quantile(0.25 + 1e-15), 2.0);
    assert_eq!(prior.quantile(0.5), 2.0);
    assert_eq!(prior.quantile(0.5 + 1e-15), 3.0);
    assert_eq!(prior.quantile(1.0), 3.0);
    assert_eq!(prior.quantile_upper(0.5), 2.0);
    assert_eq!(prior.quantile_upper(0.5 - 1e-15), 3.0);
    assert_eq!(prior.quantile_upper(1e-300), 3.0);
    // H is right-continuous.
    assert_eq!(prior.cdf(2.0), 0.5);
    assert_eq!(prior.cdf(2.0 - 1e-12), 0.25);
    assert_eq!(prior.cdf(0.5), 0.0);
    assert_close(
        prior.lower_partial(0.6),
        0.25 + 0.5 + 0.3,
        ROUNDING_TOLERANCE,
        3.0,
        "lower_partial",
    );
    assert_close(
        prior.upper_partial(0.6),
        1.5 + 0.2,
        ROUNDING_TOLERANCE,
        3.0,
        "upper_partial",
    );
    assert_eq!(prior.upper_partial(1e-300), 3e-300);
    assert_eq!(
        prior.atoms(),
        vec![
            Atom {
                value: 1.0,
                probability: 0.25,
                alpha_lo: 0.0,
                alpha_hi: 0.25
            },
            Atom {
                value: 2.0,
                probability: 0.25,
                alpha_lo: 0.25,
                alpha_hi: 0.5
            },
            Atom {
                value: 3.0,
                probability: 0.5,
                alpha_lo: 0.5,
                alpha_hi: 1.0
            },
        ]
    );
    assert_eq!(
        prior.gaps(),
        vec![
            Gap {
                lo: 1.0,
                hi: 2.0,
                alpha: 0.25
            },
            Gap {
                lo: 2.0,
                hi: 3.0,
                alpha: 0.5
            }
        ]
    );
    assert_eq!(prior.value_breakpoints(), vec![1.0, 2.0, 3.0]);
    check_invariants(&prior);
}

#[test]
fn discrete_merges_duplicates_and_renormalises() {
    let prior = Prior::discrete(&[(1.0, 0.5), (2.0, 0.25), (1.0, 0.25 + 5e-10)]).unwrap();
    let atoms = prior.atoms();
    assert_eq!(atoms.len(), 2);
    assert_eq!(atoms[0].value, 1.0);
    assert_close(atoms[0].probability, 0.75, 1e-9, 0.0, "merged probability");
    let total: f64 = atoms.iter().map(|atom| atom.probability).sum();
    assert_close(total, 1.0, ROUNDING_TOLERANCE, 0.0, "renormalised total");
    check_invariants(&prior);
}

#[test]
fn single_atom_is_degenerate() {
    let prior = Prior::discrete(&[(0.7, 1.0)]).unwrap();
    assert!(prior.is_degenerate());
    assert_eq!(prior.support(), (0.7, 0.7));
    assert_eq!(prior.mean(), 0.7);
    assert!(prior.breakpoints().is_empty());
    assert!(prior.gaps().is_empty());
    assert_eq!(prior.value_breakpoints(), vec![0.7]);
    for a in [0.0, 0.3, 1.0] {
        assert_eq!(prior.quantile(a), 0.7);
    }
    assert_eq!(prior.cdf(0.7), 1.0);
    assert_eq!(prior.cdf(0.69), 0.0);
    assert_close(
        prior.lower_partial(0.4),
        0.28,
        ROUNDING_TOLERANCE,
        1.0,
        "lower_partial",
    );
    check_invariants(&prior);
}

#[test]
fn piecewise_linear_cdf_with_a_flat_piece() {
    let prior =
        Prior::piecewise_linear_cdf(&[(0.0, 0.0), (1.0, 0.5), (2.0, 0.5), (4.0, 1.0)]).unwrap();
    assert_eq!(prior.support(), (0.0, 4.0));
    assert_eq!(prior.breakpoints(), vec![0.5]);
    assert_eq!(
        prior.gaps(),
        vec![Gap {
            lo: 1.0,
            hi: 2.0,
            alpha: 0.5
        }]
    );
    assert_eq!(prior.quantile(0.25), 0.5);
    assert_eq!(prior.quantile(0.5), 1.0);
    assert_eq!(prior.quantile(0.75), 3.0);
    assert_eq!(prior.cdf(1.5), 0.5);
    assert_eq!(prior.cdf(3.0), 0.75);
    assert_eq!(prior.mean(), 0.5 * 0.5 + 0.5 * 3.0);
    check_invariants(&prior);
}

#[test]
fn piecewise_linear_cdf_kinks_and_collinear_points() {
    // A density change without a gap is a kink.
    let prior = Prior::piecewise_linear_cdf(&[(0.0, 0.0), (1.0, 0.5), (3.0, 1.0)]).unwrap();
    assert_eq!(prior.breakpoints(), vec![0.5]);
    assert!(prior.gaps().is_empty());
    assert_eq!(prior.value_breakpoints(), vec![0.0, 1.0, 3.0]);
    check_invariants(&prior);

    // Collinear points describe one uniform piece: no break point.
    let prior =
        Prior::piecewise_linear_cdf(&[(0.0, 0.0), (1.0, 1.0 / 3.0), (2.0, 2.0 / 3.0), (3.0, 1.0)])
            .unwrap();
    assert!(prior.breakpoints().is_empty());
    assert_eq!(prior.value_breakpoints(), vec![0.0, 3.0]);
    check_invariants(&prior);

    // Points below the first increase of F are not part of the support.
    let prior = Prior::piecewise_linear_cdf(&[(0.0, 0.0), (1.0, 0.0), (2.0, 1.0)]).unwrap();
    assert_eq!(prior.support(), (1.0, 2.0));
    check_invariants(&prior);
}

#[test]
fn exponential_closed_forms_and_tails() {
    let rate = 2.0;
    let prior = Prior::exponential(rate).unwrap();
    assert_eq!(prior.support(), (0.0, f64::INFINITY));
    assert_eq!(prior.mean(), 0.5);
    assert!(prior.breakpoints().is_empty() && prior.atoms().is_empty() && prior.gaps().is_empty());
    assert_eq!(prior.value_breakpoints(), vec![0.0]);
    assert_eq!(prior.quantile(1.0), f64::INFINITY);
    assert_eq!(prior.quantile_upper(0.0), f64::INFINITY);
    assert_eq!(prior.cdf(-1.0), 0.0);
    assert_relative(prior.cdf(1.0), 1.0 - (-2.0f64).exp(), CLOSED_FORM_TOLERANCE);
    assert_relative(
        prior.quantile(0.5),
        std::f64::consts::LN_2 / rate,
        CLOSED_FORM_TOLERANCE,
    );

    // Upper tail at beta = 1e-300: H^{-1}(1 - beta) = 300 ln(10) / rate.
    let ln_beta = -300.0 * std::f64::consts::LN_10;
    assert_relative(
        prior.quantile_upper(1e-300),
        -ln_beta / rate,
        CLOSED_FORM_TOLERANCE,
    );
    assert_relative(
        prior.upper_partial(1e-300),
        1e-300 * (1.0 - ln_beta) / rate,
        CLOSED_FORM_TOLERANCE,
    );
    assert!(prior.upper_partial(5e-324) > 0.0);

    // Lower tail: alpha + (1 - alpha) ln(1 - alpha) = alpha^2 / 2 + alpha^3 / 6 +
    // alpha^4 / 12 + O(alpha^5), where the closed form itself would cancel.
    for alpha in [1e-150, 1e-100, 1e-10, 1e-5] {
        let series = alpha * alpha * (0.5 + alpha * (1.0 / 6.0 + alpha / 12.0));
        assert_relative(
            prior.lower_partial(alpha),
            series / rate,
            CLOSED_FORM_TOLERANCE,
        );
        assert_relative(prior.quantile(alpha), alpha / rate, 1e-4);
    }
    assert_relative(
        prior.lower_partial(0.5),
        (0.5 + 0.5 * 0.5f64.ln()) / rate,
        CLOSED_FORM_TOLERANCE,
    );
    // Both sides of the switch from the series to the closed form agree.
    let below = prior.lower_partial(0.25 - 1e-15);
    let above = prior.lower_partial(0.25);
    assert_relative(below, above, 1e-12);
    // Complement identities at tiny arguments.
    assert_relative(
        prior.lower_partial(1.0 - 1e-12) + prior.upper_partial(1e-12),
        0.5,
        1e-15,
    );
    check_invariants(&prior);
}

#[test]
fn empirical_weights_each_observation() {
    let prior = Prior::empirical(&[3.0, 1.0, 2.0, 2.0]).unwrap();
    assert_eq!(
        prior.description(),
        "empirical distribution of 4 samples (3 distinct on [1, 3])"
    );
    let atoms: Vec<(f64, f64)> = prior
        .atoms()
        .iter()
        .map(|a| (a.value, a.probability))
        .collect();
    assert_eq!(atoms, vec![(1.0, 0.25), (2.0, 0.5), (3.0, 0.25)]);
    assert_eq!(prior.mean(), 2.0);
    assert_eq!(prior.quantile(0.25), 1.0);
    assert_eq!(prior.quantile(0.75), 2.0);
    check_invariants(&prior);
}

#[test]
fn empirical_with_many_samples_builds_quickly() {
    // A deterministic, well-mixed sequence with many repeats: i * 7919 mod 10007.
    let samples: Vec<f64> = (0..100_000u64)
        .map(|i| ((i * 7919) % 10_007) as f64 / 1000.0)
        .collect();
    let start = std::time::Instant::now();
    let prior = Prior::empirical(&samples).unwrap();
    let elapsed = start.elapsed();
    // A generous bound that still catches quadratic behaviour (about 10^10 steps).
    assert!(elapsed.as_secs_f64() < 1.0, "took {elapsed:?}");
    assert_eq!(prior.atoms().len(), 10_007);
    assert_eq!(prior.support(), (0.0, 10.006));
    let exact_mean = samples.iter().sum::<f64>() / samples.len() as f64;
    assert_close(prior.mean(), exact_mean, ROUNDING_TOLERANCE, 10.0, "mean");
    check_invariants(&prior);
}

#[test]
fn negative_zero_reads_as_zero() {
    let prior = Prior::uniform(-0.0, 1.0).unwrap();
    assert!(prior.support().0.is_sign_positive());
    assert_eq!(prior.description(), "uniform on [0, 1]");
}

#[test]
fn extreme_scales_stay_finite() {
    let max = f64::MAX;
    let prior = Prior::intervals(&[(0.6 * max, max), (0.0, 0.4 * max)]).unwrap();
    assert_relative(prior.mean(), 0.5 * max, ROUNDING_TOLERANCE);
    // The two lengths differ by rounding, so the break point is 0.5 to within an ulp.
    let breakpoints = prior.breakpoints();
    assert!(breakpoints.len() == 1 && (breakpoints[0] - 0.5).abs() < 1e-15);
    check_invariants(&prior);

    let prior = Prior::discrete(&[(max, 0.5), (0.0, 0.5)]).unwrap();
    assert_eq!(prior.mean(), 0.5 * max);
    check_invariants(&prior);

    for rate in [1e-300, 1e300] {
        let prior = Prior::exponential(rate).unwrap();
        assert_relative(
            prior.upper_partial(1e-300),
            1e-300 * (1.0 + 300.0 * std::f64::consts::LN_10) / rate,
            1e-15,
        );
        check_invariants(&prior);
    }
}
