//! Propositions 7 and 8: the guarantee of a mechanism designed for the wrong prior,
//! checked against Lemma 7 (H' = H), against the optimal guarantee under H', for
//! linearity in H' (mixtures), against sums over atoms and quadrature in v (no
//! quantiles), and the value multipliers' convergence to v - c.

use maxmin_asymptotics::{
    AsymptoticsError, DesignedMechanism, misspecified_guarantee, value_multiplier_table,
};
use maxmin_grading::solve;
use maxmin_mechanism::Mechanism;
use maxmin_prior::Prior;

fn priors() -> Vec<(Prior, f64)> {
    vec![
        (Prior::uniform(0.0, 1.0).unwrap(), 0.0),
        (Prior::uniform(0.0, 1.0).unwrap(), 0.3),
        (Prior::intervals(&[(0.0, 0.95), (3.95, 4.0)]).unwrap(), 0.2),
        (Prior::discrete(&[(0.0, 0.5), (1.0, 0.5)]).unwrap(), 0.0),
        (Prior::exponential(1.0).unwrap(), 0.0),
        (
            Prior::piecewise_linear_cdf(&[(0.0, 0.0), (0.4, 0.7), (2.0, 1.0)]).unwrap(),
            0.1,
        ),
    ]
}

#[test]
fn the_true_prior_equal_to_the_design_gives_the_optimal_guarantee() {
    // Lemma 7: E_H[bar lambda(v; H)] = bar Pi_N(H).
    for (prior, cost) in priors() {
        for n in [1_u64, 2, 5, 30] {
            let designed = DesignedMechanism::new(&prior, n, cost).unwrap();
            let own = designed.guarantee_under(&prior).unwrap();
            let optimal = designed.solution().profit_guarantee();
            assert!(
                (own - optimal).abs() < 1e-12,
                "{} c = {cost} N = {n}: {own} vs bar Pi {optimal}",
                prior.description()
            );
        }
    }
}

#[test]
fn never_exceeds_the_optimal_guarantee_under_the_truth() {
    let all = priors();
    for (design, cost) in &all {
        for (truth, _) in &all {
            if truth.support().0 < design.support().0 {
                continue;
            }
            for n in [1_u64, 2, 10] {
                let Ok(value) = misspecified_guarantee(design, truth, n, *cost) else {
                    panic!("{} -> {}", design.description(), truth.description());
                };
                let optimal = solve(truth, n, *cost).unwrap().profit_guarantee();
                assert!(
                    value <= optimal + 1e-9,
                    "design {} truth {} c = {cost} N = {n}: {value} > {optimal}",
                    design.description(),
                    truth.description()
                );
            }
        }
    }
}

#[test]
fn discrete_truths_are_sums_over_atoms_and_mixtures_are_linear() {
    let design = Prior::uniform(0.0, 1.0).unwrap();
    for n in [1_u64, 3, 12] {
        let designed = DesignedMechanism::new(&design, n, 0.0).unwrap();
        let first = [(0.1, 0.3), (0.7, 0.7)];
        let second = &[(0.4, 0.5), (0.9, 0.5)][..];
        let weight = 0.25;
        let mixed: Vec<(f64, f64)> = first
            .iter()
            .map(|&(v, p)| (v, weight * p))
            .chain(second.iter().map(|&(v, p)| (v, (1.0 - weight) * p)))
            .collect();
        let g = |atoms: &[(f64, f64)]| designed.guarantee_under(&Prior::discrete(atoms).unwrap());
        let by_atoms = |atoms: &[(f64, f64)]| -> f64 {
            atoms
                .iter()
                .map(|&(v, p)| p * designed.value_multiplier(v))
                .sum()
        };
        for atoms in [&first[..], second, &mixed[..]] {
            assert!(
                (g(atoms).unwrap() - by_atoms(atoms)).abs() < 1e-13,
                "N = {n}: {atoms:?}"
            );
        }
        let combination = weight * g(&first).unwrap() + (1.0 - weight) * g(second).unwrap();
        assert!((g(&mixed).unwrap() - combination).abs() < 1e-13, "N = {n}");
    }
}

#[test]
fn continuous_mixtures_are_linear() {
    // 0.3 U[0,1] + 0.7 U[0.2,0.6] has the piecewise-linear CDF through (0, 0),
    // (0.2, 0.06), (0.6, 0.88), (1, 1).
    let design = Prior::exponential(2.0).unwrap();
    let designed = DesignedMechanism::new(&design, 4, 0.0).unwrap();
    let a = designed
        .guarantee_under(&Prior::uniform(0.0, 1.0).unwrap())
        .unwrap();
    let b = designed
        .guarantee_under(&Prior::uniform(0.2, 0.6).unwrap())
        .unwrap();
    let mixture =
        Prior::piecewise_linear_cdf(&[(0.0, 0.0), (0.2, 0.06), (0.6, 0.88), (1.0, 1.0)]).unwrap();
    let m = designed.guarantee_under(&mixture).unwrap();
    assert!(
        (m - (0.3 * a + 0.7 * b)).abs() < 1e-11,
        "{m} vs {}",
        0.3 * a + 0.7 * b
    );
}

/// E[bar lambda(v)] for v ~ U[0,1] by composite Simpson in v, with the nodes
/// including the multiplier's kinks: no quantile function involved.
fn uniform_truth_by_simpson(designed: &DesignedMechanism, kinks: &[f64]) -> f64 {
    let mut knots: Vec<f64> = kinks
        .iter()
        .copied()
        .filter(|&v| v > 0.0 && v < 1.0)
        .collect();
    knots.extend([0.0, 1.0]);
    knots.sort_by(f64::total_cmp);
    knots
        .windows(2)
        .map(|w| {
            let m = 2000;
            let h = (w[1] - w[0]) / m as f64;
            (0..=m)
                .map(|i| {
                    let v = (w[0] + i as f64 * h).clamp(w[0] + 1e-13, w[1] - 1e-13);
                    let c = if i == 0 || i == m {
                        1.0
                    } else if i % 2 == 1 {
                        4.0
                    } else {
                        2.0
                    };
                    c * designed.value_multiplier(v)
                })
                .sum::<f64>()
                * h
                / 3.0
        })
        .sum()
}

#[test]
fn figure_4_asterisks_exponential_design_uniform_truth() {
    // The maxmin auction calibrated to H(v) = 1 - e^{-v} when v ~ U[0,1].
    let design = Prior::exponential(1.0).unwrap();
    let truth = Prior::uniform(0.0, 1.0).unwrap();
    let mut last = f64::NEG_INFINITY;
    for n in 1..=30_u64 {
        let designed = DesignedMechanism::new(&design, n, 0.0).unwrap();
        let value = designed.guarantee_under(&truth).unwrap();
        let mut kinks: Vec<f64> = designed
            .solution()
            .graded_intervals()
            .iter()
            .flat_map(|i| [i.start, i.end].map(|x| designed.solution().fully_revealing_value(x)))
            .collect();
        if let Mechanism::PostedPrice(p) = designed.mechanism() {
            kinks.extend([p.lowest_price(), p.highest_price]);
        }
        let simpson = uniform_truth_by_simpson(&designed, &kinks);
        assert!(
            (value - simpson).abs() < 1e-10,
            "N = {n}: {value} vs Simpson {simpson}"
        );
        let optimal = solve(&truth, n, 0.0).unwrap().profit_guarantee();
        assert!(value < optimal, "N = {n}: {value} vs bar Pi {optimal}");
        assert!(value > last, "N = {n}: {value} after {last}");
        last = value;
    }
    // Proposition 8: the guarantee tends to the true ex ante gains, 1/2.
    let far = misspecified_guarantee(&design, &truth, 100_000, 0.0).unwrap();
    assert!(far > 0.49 && far < 0.5, "N = 10^5: {far}");
}

#[test]
fn value_multipliers_tend_to_v_minus_c() {
    // Proposition 8, (35): pointwise on the closed hull of the support, ends included.
    for (prior, cost, values) in [
        (
            Prior::uniform(0.0, 1.0).unwrap(),
            0.0,
            vec![0.0, 0.3, 0.7, 1.0],
        ),
        (
            Prior::uniform(0.0, 1.0).unwrap(),
            0.25,
            vec![0.0, 0.3, 0.7, 1.0],
        ),
        (
            Prior::exponential(1.0).unwrap(),
            0.0,
            vec![0.0, 0.5, 1.0, 3.0],
        ),
    ] {
        let bidders = [10_u64, 100, 1000, 10_000, 100_000];
        let table = value_multiplier_table(&prior, cost, &bidders, &values, |_| {}).unwrap();
        for (j, &v) in values.iter().enumerate() {
            let distances: Vec<f64> = table
                .iter()
                .map(|row| (row[j] - (v - cost)).abs())
                .collect();
            for pair in distances.windows(2) {
                assert!(
                    pair[1] < pair[0],
                    "{} v = {v}: {distances:?}",
                    prior.description()
                );
            }
            assert!(
                distances[4] < 0.02,
                "{} v = {v}: {distances:?}",
                prior.description()
            );
        }
    }
}

#[test]
fn values_below_the_design_support() {
    // U[0.5, 1] with c = 0: nothing is graded at 0, so bar mu(0) is infinite and
    // Proposition 7 gives no bound for a truth with mass below 1/2.
    let design = Prior::uniform(0.5, 1.0).unwrap();
    let truth = Prior::uniform(0.0, 1.0).unwrap();
    let designed = DesignedMechanism::new(&design, 3, 0.0).unwrap();
    assert!(
        designed
            .solution()
            .graded_intervals()
            .first()
            .is_none_or(|i| i.start > 0.0)
    );
    let err = designed.guarantee_under(&truth).unwrap_err();
    assert!(
        matches!(err, AsymptoticsError::BelowDesignSupport { true_bottom, design_bottom }
            if true_bottom == 0.0 && design_bottom == 0.5),
        "{err}"
    );
    // U[0.2, 1] with c = 0.5: 0 is graded, [0, b], and the extension below 0.2 is the
    // line bar lambda(0.2) + (N / b)(v - 0.2); the bound stays below the truth's optimum.
    let design = Prior::uniform(0.2, 1.0).unwrap();
    let designed = DesignedMechanism::new(&design, 3, 0.5).unwrap();
    let bottom = designed.solution().graded_intervals()[0];
    assert_eq!(bottom.start, 0.0);
    let slope = 3.0 / bottom.end;
    let at = designed.value_multiplier(0.2);
    for v in [0.0, 0.1, 0.19] {
        assert!((designed.value_multiplier(v) - (at + slope * (v - 0.2))).abs() < 1e-14);
    }
    let bound = designed.guarantee_under(&truth).unwrap();
    let optimal = solve(&truth, 3, 0.5).unwrap().profit_guarantee();
    assert!(bound <= optimal, "{bound} vs {optimal}");
    // Above the support the multiplier is constant.
    assert_eq!(
        designed.value_multiplier(1.0),
        designed.value_multiplier(7.0)
    );
}
